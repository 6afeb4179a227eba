/**
 * TTLs as Argo accepts them (`persistence.archiveTTL`, `persistence.connectionPool.connMaxLifetime`):
 * one whole unit of d, h, m or s, given as a cdk8s Duration or a string.
 */
import type { Duration } from 'cdk8s';
import { GO_DURATION_PATTERN, TTL_PATTERN } from './controller-config/schema';
import { conflict, invalid } from './errors';

const UNIT_MS: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]];
const GO_UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Milliseconds as the largest whole unit of d, h, m or s (`0` → `"0s"`); undefined when not whole seconds. */
export function singleUnitTtl(ms: number): string | undefined {
  if (!Number.isInteger(ms) || ms < 0 || ms % 1000 !== 0) return undefined;
  if (ms === 0) return '0s';
  const [unit, size] = UNIT_MS.find(([, size]) => ms % size === 0)!;
  return `${ms / size}${unit}`;
}

/** A single-unit TTL close to a rejected Go duration string ("1h30m" → "90m"), for Fix hints. */
function suggestTtl(value: string): string {
  if (!GO_DURATION_PATTERN.test(value) || value === '0') return '30d';
  let ms = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * GO_UNIT_MS[m[2]];
  return singleUnitTtl(Math.round(ms)) ?? `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

/**
 * A cdk8s `Duration`, recognised by its method rather than its class: the config layer stays free of
 * cdk8s at run time, and a Duration from another copy of cdk8s is still one.
 */
export function isDuration(value: unknown): value is Duration {
  return typeof value === 'object' && value !== null && typeof (value as Duration).toMilliseconds === 'function' && typeof (value as Duration).toSeconds === 'function';
}

const TTL_RULE = 'it must be a whole number with one unit d, h, m or s, like "30d", "12h", "90m" or "0s" (Argo rejects compound or fractional values such as "1h30m", and the controller exits)';

/**
 * Resolves a TTL option (`archiveTTL`, `connMaxLifetime`): a cdk8s Duration of whole seconds, or a
 * string of one whole unit. A Duration becomes the largest unit that divides it exactly.
 */
export function resolveTtl(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (isDuration(value)) {
    const ms = value.toMilliseconds({ integral: false });
    const ttl = singleUnitTtl(ms);
    if (ttl === undefined) {
      throw conflict(`${option} Duration.millis(${ms}) is invalid: a Duration must be a whole number of seconds, which argo-stack writes as one unit d, h, m or s`,
        `use Duration.seconds(${Math.max(1, Math.ceil(ms / 1000))})`);
    }
    return ttl;
  }
  if (typeof value === 'string') {
    if (!TTL_PATTERN.test(value)) throw invalid(option, value, TTL_RULE, `use "${suggestTtl(value)}"`);
    return value;
  }
  throw invalid(option, value, 'it must be a cdk8s Duration or a string like "30d"', 'use Duration.days(30) or "30d"');
}
