/**
 * The one validation idiom of argo-stack: a `Checker` scoped to an option path, so a resolver says
 * `c.int('replicas', o.replicas, 1, fix)` and the message names `controller.replicas` without
 * string building. The free functions below are the primitives it is made of. Messages follow
 * errors.ts.
 */
import { conflict, invalid } from './errors';
import { validateAnnotations, validateDnsLabel, validateDnsSubdomain, validateLabels } from './names';

/** A plain object (not null, not a list). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Key and option names that look like they hold a credential (as the manifest policy's env-var rule). */
export const CREDENTIAL_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|ACCESS_KEY|PRIVATE_KEY|API[-_.]?KEY|CREDENTIAL/i;

/** Hides a value that might be a credential: strings and other leaves become "<redacted>", object keys stay. */
export function redact(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((k) => [k, '<redacted>']));
  return '<redacted>';
}

/** Data keys used in the examples of messages about a `{ name, key }` reference, by option name. */
const KEY_EXAMPLES: Readonly<Record<string, string>> = {
  caSecret: 'ca.crt', krbConfigConfigMap: 'krb5.conf', krbKeytabSecret: 'krb5.keytab', krbCCacheSecret: 'krb5cc',
  usernameSecret: 'username', userNameSecret: 'username', passwordSecret: 'password', clientId: 'client-id', clientSecret: 'client-secret',
};

/**
 * An example data key for a `{ name, key }` reference, from the option's name: `"ca.crt"` for
 * `caSecret`, `"krb5.conf"` for `krbConfigConfigMap`, otherwise the name without its `Secret` or
 * `ConfigMap` suffix (`accessKeySecret` gives `"accessKey"`).
 */
export function exampleKey(option: string): string {
  const field = option.replace(/(\[[^\]]*\])+$/, '').split('.').pop() ?? '';
  return KEY_EXAMPLES[field] ?? (field.replace(/(Secret|ConfigMap)$/, '') || 'key');
}

/** Edits between two names, a swap of two neighbouring letters counting as one (optimal string alignment). */
export function typoDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The allowed name a key is a near miss of, for "did you mean": the same name in another case, or
 * the one name within a small edit distance (1 for short names, a quarter of the length for long
 * ones). `undefined` when there is none, or more than one equally close.
 */
export function nearMiss(key: string, allowed: readonly string[]): string | undefined {
  const same = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
  if (same !== undefined) return same;
  const limit = Math.max(1, Math.floor(key.length / 4));
  const scored = allowed.map((a) => [a, typoDistance(key.toLowerCase(), a.toLowerCase())] as const).filter(([, d]) => d <= limit);
  const best = Math.min(...scored.map(([, d]) => d));
  const hits = scored.filter(([, d]) => d === best);
  return hits.length === 1 ? hits[0][0] : undefined;
}

/** Rejects keys argo-stack does not know (JavaScript callers, typos); `undefined` values are ignored. */
export function rejectUnknownKeys(option: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  const at = (k: string) => (option ? `${option}.${k}` : k);
  for (const k of Object.keys(value)) {
    if (allowed.includes(k) || value[k] === undefined) continue;
    const close = nearMiss(k, allowed);
    throw conflict(`${at(k)} is not an option argo-stack knows; allowed here: ${allowed.join(', ')}`, close ? `rename it to "${close}"` : `remove ${at(k)}`);
  }
}

/** The candidate closest to `value`, for "did you mean" hints; undefined when none is close. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const v = value.toLowerCase();
    const l = c.toLowerCase();
    const dd = l === v ? 0 : l.startsWith(v) || v.startsWith(l) ? 1 : typoDistance(value, c);
    if (dd < bestD) { best = c; bestD = dd; }
  }
  if (bestD <= Math.max(2, Math.floor(value.length / 4))) return best;
  // `pod.id` -> `pod.name`: the only candidate under the same dotted parent.
  const parent = value.slice(0, value.lastIndexOf('.') + 1);
  const siblings = parent ? candidates.filter((c) => c.startsWith(parent) && !c.slice(parent.length).includes('.')) : [];
  return siblings.length === 1 ? siblings[0] : undefined;
}

/** An object (not null, not a list); the default fix shows `example`. */
export function checkObject(option: string, value: unknown, example: string, fix = `pass an object, e.g. ${example}`, rule = 'it must be an object'): asserts value is Record<string, unknown> {
  if (!isPlainObject(value)) throw invalid(option, value, rule, fix);
}

/** An optional boolean. */
export function checkBool(option: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw invalid(option, value, 'it must be true or false', 'give a boolean');
}

/** The largest count argo-stack accepts where no smaller bound applies: far above any real setting, far below float trouble. */
export const MAX_COUNT = 1_000_000;

/** An optional whole number from `min` to `max`. */
export function checkInt(option: string, value: unknown, min: number, fix: string, max: number = MAX_COUNT): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalid(option, value, `it must be a whole number of at least ${min}`, fix);
  }
  if (value > max) throw invalid(option, value, `it must be a whole number of at most ${max}`, fix);
}

/** A positive Kubernetes quantity of bytes (decimal or binary suffix, no milli). */
const STORAGE_QUANTITY = /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** Checks a volume size such as "10Gi"; returns it. */
export function validateStorageSize(option: string, value: unknown, example: string): string {
  if (typeof value !== 'string' || !STORAGE_QUANTITY.test(value) || !(parseFloat(value) > 0)) {
    throw invalid(option, value, 'it must be a positive Kubernetes quantity of bytes, like "10Gi" or "500Mi"', `use a size like "${example}" (binary suffixes are Ki, Mi, Gi, Ti)`);
  }
  return value;
}

/** Names one option path and checks the values under it; every resolver uses one. */
export class Checker {
  /** @param path the option path, e.g. `"server"` or `"persistence.postgres"`; `""` for the top level */
  constructor(readonly path: string) {}

  /** The full path of a field under this one. */
  at(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  /** A checker for a nested object. */
  child(field: string): Checker {
    return new Checker(this.at(field));
  }

  /** A checker for an item of a list at this path. */
  item(index: number): Checker {
    return new Checker(`${this.path}[${index}]`);
  }

  /** This path's value must be an object; the default fix shows `example`, `rule` says what it must be. */
  object(value: unknown, example: string, fix?: string, rule?: string): Record<string, unknown> {
    checkObject(this.path, value, example, fix, rule);
    return value;
  }

  /** Rejects keys of `o` that are not options here (typos, JavaScript callers). */
  known(o: Record<string, unknown>, allowed: readonly string[]): void {
    rejectUnknownKeys(this.path, o, allowed);
  }

  bool(field: string, value: unknown): boolean | undefined {
    checkBool(this.at(field), value);
    return value as boolean | undefined;
  }

  /** An optional whole number from `min` to `max` (default MAX_COUNT). */
  int(field: string, value: unknown, min: number, fix: string, max?: number): number | undefined {
    checkInt(this.at(field), value, min, fix, max);
    return value as number | undefined;
  }

  /** An optional value of a string enum. */
  enum<T extends string>(field: string, value: unknown, e: Record<string, T>, fix: string): T | undefined {
    if (value !== undefined) checkEnum(this.at(field), value, e, fix);
    return value as T | undefined;
  }

  dnsLabel(field: string, value: unknown): string {
    return validateDnsLabel(this.at(field), value);
  }

  dnsSubdomain(field: string, value: unknown): string {
    return validateDnsSubdomain(this.at(field), value);
  }

  /** A label map (keys and values as Kubernetes allows them); `example` shows an object in the fix. */
  labels(field: string, value: unknown, example = '{ team: "data" }'): Record<string, string> | undefined {
    if (value !== undefined) this.child(field).object(value, example);
    validateLabels(this.at(field), value as Record<string, string> | undefined);
    return value as Record<string, string> | undefined;
  }

  annotations(field: string, value: unknown): Record<string, string> {
    if (value !== undefined) this.child(field).object(value, '{ "example.com/owner": "data-team" }');
    validateAnnotations(this.at(field), value as Record<string, string> | undefined);
    return { ...((value as Record<string, string> | undefined) ?? {}) };
  }

  /** A volume size such as "10Gi". */
  storageSize(field: string, value: unknown, example: string): string {
    return validateStorageSize(this.at(field), value, example);
  }
}

/** Checks a value of a string enum. */
export function checkEnum(option: string, value: unknown, e: Record<string, string>, fix: string): void {
  const values = Object.values(e);
  if (!values.includes(value as string)) {
    throw invalid(option, value, `it must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, fix);
  }
}

/**
 * The option names of `T`, listed once for the unknown-key check. The compiler rejects a list that
 * misses a name of `T` or holds one `T` does not have, so the run-time check cannot drift from the type.
 */
export const optionKeys = <T>() => <const K extends readonly (keyof T & string)[]>(
  keys: K & ([Exclude<keyof T & string, K[number]>] extends [never] ? unknown : { missing: Exclude<keyof T & string, K[number]> }),
): readonly string[] => keys;

/**
 * A value of a string enum, as the enum member or its plain string (`AuthMode.CLIENT` or
 * `'client'`): options read from files and JavaScript callers use the strings.
 */
export type EnumValue<E extends string> = E | `${E}`;
