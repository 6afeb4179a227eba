/**
 * The option fuzz (design.md §3 and §7): every invalid input gives a ValidationError naming the
 * option, never a raw JavaScript error, never silent acceptance, never a message over 2,000
 * characters. The options surface is derived from the `ArgoWorkflowsProps` type (surface.ts); the
 * bases are valid option sets (bases.ts); each case applies exactly one mutation (cases.ts).
 *
 * `undefined` at an optional path (or as a map value) means unset and is valid; at a list item or a
 * required option it is invalid. `null` is invalid everywhere, like any other wrong type: it never
 * means "unset" or "the default".
 *
 * Unknown keys must be named with their full path; a wrong type may be named by its option or a
 * parent; anything may also be named by another nested option of the base it conflicts with.
 *
 * Failures are collected, not shrunk: each test ends with a list of the first 30 distinct
 * (path, mutation, outcome) triples and the counts of its run.
 *
 * The run is fixed for CI. More runs, another or a random seed, and a full JSON report:
 *   FUZZ_RUNS=2000 FUZZ_SEED=random FUZZ_SYNTH_RUNS=300 FUZZ_REPORT=/tmp/fuzz npx jest test/fuzz
 * FUZZ_RUNS is the number of cases per mutation kind (default 1000); FUZZ_SEED a number or
 * `random` (the seed used is printed in every report); FUZZ_SYNTH_RUNS the number of "anything"
 * cases tried for synthesis (default 150); FUZZ_REPORT a directory for `<kind>.json` reports.
 */
import { Testing } from 'cdk8s';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { CONTROLLER_CONFIG_KEYS } from '../../src/config/controller-config/schema';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { BASES } from './bases';
import { anythingCases, Case, describeCase, fuzz, garbageIn, propsOf, runCase, stringsIn, unknownKeyCases, wrongTypeCases } from './cases';
import { attempt, Findings, verdict } from './findings';
import { generalPath, sitesOf } from './sites';
import { describeKind, Kind, optionsSurface, surfacePaths } from './surface';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${raw} must be a whole number of at least 1`);
  return n;
}

function seedEnv(): number {
  const raw = process.env.FUZZ_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 0x7fffffff);
  return raw === undefined || raw === '' ? 20_240_611 : Number(raw) | 0;
}

const RUNS = intEnv('FUZZ_RUNS', 1000);
const SYNTH_RUNS = intEnv('FUZZ_SYNTH_RUNS', 150);
const SEED = seedEnv();
const RUN = `seed ${SEED}, ${RUNS} runs per kind, ${SYNTH_RUNS} synthesis runs (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_SYNTH_RUNS=${SYNTH_RUNS} to repeat)`;
/** Generous: resolving takes well under a millisecond, synthesis some tens. */
const TIMEOUT = 60_000 + RUNS * 40 + SYNTH_RUNS * 500;

const surface: Kind = optionsSurface();
const sites = sitesOf(BASES.map((b) => b.props), surface);

/** Fails with the report when anything failed; saves the report when FUZZ_REPORT is set. */
function conclude(findings: Findings, extra: string[] = []): void {
  findings.save({ seed: SEED, runs: RUNS, synthRuns: SYNTH_RUNS });
  if (findings.tally.failed === 0) return;
  throw new Error([findings.report(`Option fuzz, ${findings.kind} (${RUN})`), ...extra].join('\n'));
}

describe('the options surface', () => {
  const entries = new Map(surfacePaths(surface).map((e) => [e.path, describeKind(e.kind)]));

  test('is derived from ArgoWorkflowsProps, with each kind of option', () => {
    expect(entries.get('namespace')).toBe('string');
    expect(entries.get('server.replicas')).toBe('number');
    expect(entries.get('server.hsts')).toBe('boolean');
    expect(entries.get('server.exposure')).toBe('instance of Exposure');
    expect(entries.get('server.tls')).toBe('instance of ServerTls');
    expect(entries.get('server.tlsMinVersion')).toBe('enum 771 | 772');
    expect(entries.get('server.xFrameOptions')).toBe('enum "DENY" | "SAMEORIGIN"');
    expect(entries.get('workflowNamespaces')).toMatch(/^list of object/);
    expect(entries.get('labels')).toBe('map of string');
    expect(entries.get('workflowNamespaces[].serviceAccountName')).toBe('string');
    expect(entries.get('persistence.archiveTTL')).toBe('duration');
    expect(entries.get('persistence.postgres.credentials')).toBe('instance of Credentials');
    expect(entries.get('artifactRepositories.repositories{}')).toBe('instance of ArtifactRepository');
    expect(entries.get('sso')).toBe('instance of Sso');
    expect(entries.get('tokenLogin.accounts[].namespaces')).toBe('list of string');
    expect(entries.get('tokenLogin.accounts[].profile')).toBe('enum "read-only" | "editor"');
    expect(entries.get('server.allowServerAuthModeWhenExposed')).toBe('boolean');
    expect(entries.get('minio')).toMatch(/^boolean \| object \{bucket, /);
    expect(entries.get('persistence.synchronization')).toMatch(/^boolean \| object \{controllerName, /);
    expect(entries.get('controller.resources')).toMatch(/^opaque object/);
    expect(entries.get('server.tolerations')).toMatch(/^list of opaque object/);
  });

  test('stops at controller.config after its top-level keys, which are Argo\'s', () => {
    const keys = [...entries.keys()].filter((p) => p.startsWith('controller.config.'));
    expect(keys.every((p) => p.split('.').length === 3)).toBe(true);
    expect(keys.map((p) => p.split('.')[2]).sort()).toEqual([...CONTROLLER_CONFIG_KEYS].sort());
  });

  test('every option has a present parent in some base', () => {
    const reached = new Set(sites.map((s) => generalPath(s.segs)));
    expect([...entries.keys()].filter((p) => !reached.has(p))).toEqual([]);
  });

  test('every base is valid', () => {
    const broken = BASES.map((b) => [b.name, attempt(() => resolveArgoWorkflows(b.props))] as const).filter(([, o]) => o.type !== 'accepted');
    expect(broken).toEqual([]);
  });

  test('every base synthesizes to manifests without leaked values', () => {
    const leaks = BASES.flatMap((b) => {
      const chart = Testing.chart();
      new ArgoWorkflows(chart, 'argo', b.props);
      return garbageIn(Testing.synth(chart)).map((g) => `${b.name}: ${g}`);
    });
    expect(leaks).toEqual([]);
  });
});

describe(`option fuzz (${RUN})`, () => {
  test('an unknown key anywhere is a ValidationError naming its full path', () => {
    const findings = new Findings('unknown key');
    fuzz(unknownKeyCases(BASES, sites), (c) => { runCase(findings, c); }, SEED, RUNS);
    conclude(findings);
  }, TIMEOUT);

  test('a wrong type anywhere (null included) is a ValidationError naming the option', () => {
    const findings = new Findings('wrong type');
    fuzz(wrongTypeCases(BASES, sites), (c) => { runCase(findings, c); }, SEED, RUNS);
    const nulls = findings.list().filter((f) => f.mutation === 'wrong type: null' && f.outcome === 'accepted silently').map((f) => f.path);
    conclude(findings, nulls.length ? [`null is invalid everywhere, but was accepted at: ${nulls.join(', ')}`] : []);
  }, TIMEOUT);

  test('anything anywhere is accepted or a ValidationError naming the option, never a raw error', () => {
    const findings = new Findings('anything');
    fuzz(anythingCases(BASES, sites), (c) => { runCase(findings, c); }, SEED, RUNS);
    conclude(findings);
  }, TIMEOUT);

  test('what resolves also synthesizes, without raw errors or leaked values', () => {
    const findings = new Findings('synthesis of accepted inputs');
    const synth = (c: Case) => {
      if (attempt(() => resolveArgoWorkflows(propsOf(c))).type !== 'accepted') return;
      let leaks: string[] = [];
      const outcome = attempt(() => {
        const chart = Testing.chart();
        new ArgoWorkflows(chart, 'argo', propsOf(c));
        leaks = garbageIn(Testing.synth(chart), stringsIn(c.value));
      });
      const problem = outcome.type === 'raw' ? verdict(outcome, [], true)
        : outcome.type === 'validation' ? 'ValidationError at synthesis, after resolving accepted the input'
          : leaks.length ? `leaked into the manifests: ${leaks[0].replace(/\[\d+\]/g, '[#]').slice(0, 100)}` : undefined;
      findings.record(describeCase(c), outcome, problem);
    };
    fuzz(anythingCases(BASES, sites), synth, SEED + 1, SYNTH_RUNS);
    conclude(findings);
  }, TIMEOUT);
});
