/**
 * Reading a stack's configuration, the same for every cloud: the keys of the project's namespace
 * (`<project>:<key>`) as the strings Pulumi stores, unknown keys refused with a "did you mean", and
 * the values every stack has (workflow namespaces, artifact GC, retention days) checked with the
 * project's messages before any resource exists.
 */
import { nearMiss } from '../../src/config/check';
import { conflict, invalid } from '../../src/config/errors';
import { validateDays, validateNamespaces } from '../../src/cloud/validate';

/** The keys of one stack, read from `all` (full keys to their strings). */
export interface ConfigReader<K extends string> {
  /** The full key of `k`: `<project>:<k>`. */
  key(k: string): string;
  /** The string stored for `k`, if any. */
  get(k: K): string | undefined;
  /** A list of workflow namespaces (a JSON list), checked: the default when unset. */
  namespaces(k: K, fallback: readonly string[]): string[];
  /** `true` or `false`: the default when unset. */
  bool(k: K, fallback: boolean): boolean;
  /** A number of days for a lifecycle rule, when set. */
  days(k: K): number | undefined;
}

/** A reader of `project`'s `keys` in `all`; refuses a key of the project it does not know. */
export function configReader<K extends string>(project: string, keys: readonly K[], all: Readonly<Record<string, string>>): ConfigReader<K> {
  const key = (k: string) => `${project}:${k}`;
  for (const k of Object.keys(all).filter((k) => k.startsWith(`${project}:`))) {
    const name = k.slice(project.length + 1);
    if ((keys as readonly string[]).includes(name)) continue;
    const close = nearMiss(name, keys);
    throw conflict(`${k} is not a key of this stack; the keys are ${keys.map(key).join(', ')}`, close ? `rename it to ${key(close)}` : `remove it: pulumi config rm ${k}`);
  }
  const get = (k: K): string | undefined => all[key(k)];
  return {
    key,
    get,
    namespaces: (k, fallback) => {
      const raw = get(k);
      if (raw === undefined) return [...fallback];
      let list: unknown;
      try {
        list = JSON.parse(raw);
      } catch {
        throw invalid(key(k), raw, 'it must be a JSON list of namespace names', `set it with: pulumi config set --path '${key(k)}[0]' argo`);
      }
      return validateNamespaces(key(k), list);
    },
    bool: (k, fallback) => {
      const raw = get(k);
      if (raw === undefined) return fallback;
      if (raw !== 'true' && raw !== 'false') throw invalid(key(k), raw, 'it must be true or false', `pulumi config set ${key(k)} true`);
      return raw === 'true';
    },
    days: (k) => {
      const raw = get(k);
      return raw === undefined ? undefined : validateDays(key(k), /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw);
    },
  };
}
