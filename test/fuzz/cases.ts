/**
 * The three mutation kinds as fast-check arbitraries over the sites of the bases, and how each
 * case is run and judged:
 *
 * - unknown key: one key that is not an option, added to an object with known keys. Expected: a
 *   ValidationError naming the key's full path (`server.loadbalancerSourceRanges`).
 * - wrong type: one option set to a value of a wrong type (null included). Expected: a
 *   ValidationError naming the option or one of its parents, never a raw error.
 * - anything: one option set to anything. Expected: success, or a ValidationError naming the
 *   option, a parent, or another nested option the base sets (a valid value may conflict with
 *   it); `null`, and `undefined` where a value is required (list items, required options), must
 *   be rejected.
 * Never a raw error; every message is at most MAX_MESSAGE_LENGTH characters.
 */
import fc from 'fast-check';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { attempt, Findings, names, Outcome, verdict } from './findings';
import { formatPath, generalPath, pathAndParents, Seg, setAt, Site } from './sites';
import { anything, Labeled, typeOfValue, unknownKeys, wrongValues } from './values';

export interface Base {
  readonly name: string;
  readonly props: ArgoWorkflowsProps;
}

/** One mutated option set, ready to run. */
export interface Case {
  readonly base: Base;
  /** Where the value goes. */
  readonly segs: readonly Seg[];
  readonly value: unknown;
  /** For reports, e.g. `wrong type: null` or `unknown key (typo)`. */
  readonly mutation: string;
  /** The paths a ValidationError may name, the option's own first. */
  readonly paths: readonly string[];
  readonly mayAccept: boolean;
  /**
   * Other options a ValidationError may name instead: for "anything", the nested options the base
   * sets, since a valid value can conflict with them (`secrets[0] declares Secret "minio-ca", but no
   * artifact repository references it` after `minio: true`). Empty for the other kinds.
   */
  readonly others: readonly string[];
  /** The path findings are grouped under: `[]` for list items, `{}` for map entries, `*` for an unknown key. */
  readonly group: string;
}

export const propsOf = (c: Case): ArgoWorkflowsProps => setAt(c.base.props, c.segs, c.value) as ArgoWorkflowsProps;

/** One of `items`, each option path equally likely (then each base that has it), however many sites a base has. */
function evenly<T extends { readonly site: Site }>(items: readonly T[]): fc.Arbitrary<T> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = generalPath(item.site.segs);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return fc.constantFrom(...groups.values()).chain((group) => fc.constantFrom(...group));
}

/** Unknown keys at every object with known keys (the top level included). */
export function unknownKeyCases(bases: readonly Base[], sites: readonly Site[]): fc.Arbitrary<Case> {
  const objects = sites.filter((s) => s.object !== undefined).map((site) => ({ site, keys: unknownKeys(site.object!.props, site.object!.value) }));
  return evenly(objects).chain(({ site, keys }) => keys.map((k): Case => {
    const segs = [...site.segs, { key: k.key }];
    const group = site.segs.length ? `${generalPath(site.segs)}.*` : '*';
    return { base: bases[site.base], segs, value: k.value, mutation: `unknown key (${k.variant})`, paths: [formatPath(segs)], mayAccept: false, others: [], group };
  }));
}

const UNSET: Labeled = { label: 'undefined where required', make: () => undefined };

/** A wrong type at every option below the top level; `undefined` at list items and required options. */
export function wrongTypeCases(bases: readonly Base[], sites: readonly Site[]): fc.Arbitrary<Case> {
  const options = sites.filter((s) => s.segs.length > 0).map((site) => ({ site, values: [...wrongValues(site.kind, site.schema), ...(site.optional ? [] : [UNSET])] }));
  return evenly(options.filter((o) => o.values.length > 0)).chain(({ site, values }) => fc.constantFrom(...values).map((w): Case => ({
    base: bases[site.base], segs: site.segs, value: w.make(), mutation: `wrong type: ${w.label}`, paths: pathAndParents(site.segs), mayAccept: false,
    others: [], group: generalPath(site.segs),
  })));
}

/** Anything at every option below the top level; `null`, and `undefined` where an option is required, must be rejected. */
export function anythingCases(bases: readonly Base[], sites: readonly Site[]): fc.Arbitrary<Case> {
  const options = sites.filter((s) => s.segs.length > 0).map((site) => ({ site }));
  // Nested paths only: a top-level name such as `namespace` is also an ordinary word in messages.
  const set = bases.map((_, base) => sites.filter((s) => s.base === base && s.present && s.segs.length > 1).map((s) => formatPath(s.segs)));
  return evenly(options).chain(({ site }) => anything(site.kind).map((value): Case => ({
    base: bases[site.base], segs: site.segs, value, mutation: `anything: ${typeOfValue(value)}`, paths: pathAndParents(site.segs),
    mayAccept: value !== null && (value !== undefined || site.optional),
    others: set[site.base], group: generalPath(site.segs),
  })));
}

/** Resolves the case's options, judges the outcome and records it. */
export function runCase(findings: Findings, c: Case): Outcome {
  const outcome = attempt(() => resolveArgoWorkflows(propsOf(c)));
  const problem = verdict(outcome, [...c.paths, ...c.others], c.mayAccept);
  findings.record(describeCase(c), outcome, problem);
  if (problem === undefined && outcome.type === 'validation' && !names(outcome.message, c.paths[0])) {
    findings.tally[c.paths.some((p) => names(outcome.message, p)) ? 'parentOnly' : 'otherOption']++;
  }
  return outcome;
}

/** A case as findings record it. */
export function describeCase(c: Case): { base: string; path: string; generalPath: string; mutation: string } {
  return { base: c.base.name, path: formatPath(c.segs), generalPath: c.group, mutation: c.mutation };
}

/** Runs `numRuns` cases of `arbitrary` with a fixed seed; failures are collected, never shrunk. */
export function fuzz(arbitrary: fc.Arbitrary<Case>, run: (c: Case) => void, seed: number, numRuns: number): void {
  fc.assert(fc.property(arbitrary, (c) => { run(c); }), { seed, numRuns });
}

/** What a synthesized manifest must not hold: values that leaked from a wrong input. */
const GARBAGE = /\[object \w+\]|\bNaN\b|Infinity|\bundefined\b|\d[eE]\+\d|\[function|Symbol\(/;

/** The strings inside a value (a few levels deep): text the user wrote is not a leak. */
export function stringsIn(value: unknown, depth = 3): string[] {
  if (typeof value === 'string') return [value];
  if (depth === 0 || typeof value !== 'object' || value === null) return [];
  try {
    return Object.values(value).flatMap((v) => stringsIn(v, depth - 1));
  } catch {
    return [];
  }
}

/**
 * Paths of leaves in synthesized objects that look like a wrong input leaked through: non-finite
 * numbers, BigInt, Symbol, functions, and strings such as "--burst=1e+21" or "--auth-mode=undefined"
 * unless that text is in one of the `written` strings.
 */
export function garbageIn(value: unknown, written: readonly string[] = [], at = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${at} = ${value}`];
  if (typeof value === 'string') {
    const token = GARBAGE.exec(value)?.[0];
    return token !== undefined && !written.some((w) => w.includes(token)) ? [`${at} = ${JSON.stringify(value.slice(0, 120))}`] : [];
  }
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return [`${at} is a ${typeof value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => garbageIn(v, written, `${at}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => garbageIn(v, written, at ? `${at}.${k}` : k));
  return [];
}
