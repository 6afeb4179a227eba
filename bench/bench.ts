/**
 * `npm run bench`: how fast synthesis is, next to its targets.
 *
 * (a) Full synth of every preset as a child process, against a bare `node -e 0` started the same
 *     way in the same run (both N times, interleaved, medians). Timed: the app `cdk8s.yaml` runs
 *     (what `npm run synth` and `cdk8s synth` run) and, for reference, the unbundled
 *     `lib/examples/synth.js`. Target: the cdk8s.yaml app takes at most 3x bare node.
 * (b) One stack with 100 and with 1,000 workflow namespaces, built and rendered in memory (no
 *     writing). Targets: 1,000 namespaces in at most 2 s; the cost per namespace at 1,000 at most
 *     1.2x the cost at 100.
 *
 * Prints PASS or FAIL per target and always exits 0.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { ArgoWorkflows } from '../src/k8s/argo-workflows';
import { renderApp } from '../src/render';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = 15;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** Runs a command once and returns its wall time in ms; throws if it fails. */
function timeRun(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
  const dt = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return dt;
}

/** The node script cdk8s.yaml's `app:` runs (e.g. `lib/synth.js`). */
function cdk8sApp(): string | undefined {
  const text = fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8');
  const m = /^app:\s*node\s+(\S+)\s*$/m.exec(text);
  return m?.[1];
}

function fullSynth(): void {
  const app = cdk8sApp();
  const candidates = [...new Set([app, 'lib/examples/synth.js'].filter((s): s is string => !!s))].filter((s) => fs.existsSync(path.join(ROOT, s)));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-bench-'));
  try {
    const times = new Map<string, number[]>([['bare', []], ...candidates.map((c) => [c, []] as [string, number[]])]);
    const runOnce = (which: string) => (which === 'bare'
      ? timeRun(['-e', '0'])
      : timeRun([which, path.join(tmp, 'out')]));
    for (const which of times.keys()) runOnce(which); // warm the file cache, not counted
    for (let i = 0; i < RUNS; i++) for (const [which, list] of times) list.push(runOnce(which));

    const bare = median(times.get('bare')!);
    const fastest = (which: string) => Math.min(...times.get(which)!);
    console.log(`(a) full synth of every preset, child process, median of ${RUNS} runs (fastest run in brackets)`);
    console.log(`    bare node -e 0                              ${ms(bare)} (${ms(fastest('bare'))})`);
    for (const c of candidates) {
      const t = median(times.get(c)!);
      const ratio = t / bare;
      const isApp = c === app;
      const label = `node ${c}${isApp ? ' (cdk8s.yaml app)' : ''}`;
      console.log(`    ${label.padEnd(44)}${ms(t)} (${ms(fastest(c))})  = ${ratio.toFixed(2)}x bare node${isApp ? `   target <= 3x: ${verdict(ratio <= 3)}` : ''}`);
    }
    if (!app || !candidates.includes(app)) console.log(`    cdk8s.yaml app ${app ?? '(none)'} not found: run npm run synth first   target <= 3x: FAIL`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds and renders one stack with `n` workflow namespaces; returns ms and the object count. */
function synthNamespaces(n: number): { ms: number; files: number } {
  const t0 = performance.now();
  const app = new App();
  const chart = new Chart(app, 'bench');
  new ArgoWorkflows(chart, 'ArgoWorkflows', {
    namespace: 'argo',
    workflowNamespaces: Array.from({ length: n }, (_, i) => ({ name: `team-${i}`, agent: i % 2 === 0, artifactGC: i % 3 === 0 })),
  });
  const files = renderApp(app);
  return { ms: performance.now() - t0, files: Object.keys(files).length };
}

function manyNamespaces(): void {
  synthNamespaces(100); // warm-up, not counted
  const sizes = [100, 1000];
  const totals = new Map<number, number>();
  for (const n of sizes) totals.set(n, median([1, 2, 3].map(() => synthNamespaces(n).ms)));
  const per = (n: number) => totals.get(n)! / n;
  const ratio = per(1000) / per(100);
  console.log('(b) one stack with many workflow namespaces, in process (build + render, no writing), median of 3');
  for (const n of sizes) console.log(`    ${String(n).padStart(5)} namespaces  ${ms(totals.get(n)!).padStart(8)}  ${(per(n)).toFixed(2)} ms per namespace${n === 1000 ? `   target <= 2000 ms: ${verdict(totals.get(n)! <= 2000)}` : ''}`);
  console.log(`    per-namespace cost at 1,000 / at 100 = ${ratio.toFixed(2)}x   target <= 1.2x: ${verdict(ratio <= 1.2)}`);
  console.log(`    peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

function main(): void {
  console.log(`argo-stack bench: node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)} (other work on the machine skews the figures)`);
  try {
    fullSynth();
  } catch (e) {
    console.log(`(a) full synth failed: ${e instanceof Error ? e.message : String(e)}   target <= 3x: FAIL`);
  }
  try {
    manyNamespaces();
  } catch (e) {
    console.log(`(b) namespaces bench failed: ${e instanceof Error ? e.message : String(e)}   targets: FAIL`);
  }
}

main();
process.exitCode = 0;
