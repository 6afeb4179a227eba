/**
 * Names of the one-shot Jobs whose pod template changes with the input (the credentials Job, the
 * bucket Job). A Job's pod template is immutable: applying a changed template to a Job of the same
 * name fails with "field is immutable". So the name carries a digest of the template.
 */
import { createHash } from 'node:crypto';

/** Longest Job name: the Job controller copies it into the `job-name` label of its pods (63 at most). */
export const MAX_JOB_NAME_LENGTH = 63;
/** Hex digits of the sha256 in a Job name. */
export const JOB_NAME_HASH_LENGTH = 8;

/**
 * JSON of a value as cdk8s renders it: object keys sorted at every depth, `null` and `undefined`
 * members left out, arrays in order. Two templates that render alike give the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value) ?? null);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v) ?? null);
  if (value === null || typeof value !== 'object') return value ?? undefined;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = canonical((value as Record<string, unknown>)[k]);
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

/**
 * `<base>-<first 8 hex digits of the sha256 of the pod template's canonical JSON>`: any change to
 * the template (script, image, env, resources, scheduling, volumes, labels) gives a new name, and
 * the same template keeps it. The base is cut, if need be, so the name stays within 63 characters.
 */
export function specHashedJobName(base: string, podTemplate: unknown): string {
  const hash = createHash('sha256').update(canonicalJson(podTemplate)).digest('hex').slice(0, JOB_NAME_HASH_LENGTH);
  const head = base.slice(0, MAX_JOB_NAME_LENGTH - JOB_NAME_HASH_LENGTH - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
