/**
 * Runtime checks against the key tree of Argo v4.1.2's controller `Config`, used to reject unknown
 * keys and wrong value types before anything is written. Argo reads the configmap with
 * `yaml.UnmarshalStrict`: one unknown key at any depth makes the controller and argo-server exit.
 * The tree itself, with the doc text of every key, is `definition.ts`.
 */
import { CREDENTIAL_NAME, exampleKey, isPlainObject, nearMiss, redact } from '../check';
import { ARTIFACT_REPOSITORY } from './_definition-artifacts';
import { CONTAINER, SECRET_KEY_SELECTOR } from './_definition-kubernetes';
import type { Shape } from './_shape';
import { CONTROLLER_CONFIG } from './definition';
import { ValidationError, show } from '../errors';

export type { Shape };
export { ARTIFACT_REPOSITORY, CONTAINER, CONTROLLER_CONFIG, SECRET_KEY_SELECTOR };

/** The top-level keys Argo v4.1.2 knows, in Argo's order. */
export const CONTROLLER_CONFIG_KEYS: readonly string[] = Object.keys(CONTROLLER_CONFIG.fields);

/** Argo reads some integers as int32: the largest value that fits every integer field. */
const MAX_INT32 = 2_147_483_647;

/**
 * Argo's `config.TTL`: a whole number with exactly one unit d, h, m or s. Argo checks the suffix
 * before Go's duration parser, so "1h30m", "1.5h" and even "500ms" are rejected.
 */
export const TTL_PATTERN = /^\d+[dhms]$/;
/** A Go `time.Duration` string such as `5s`, `1m30s` or `250ms`. */
export const GO_DURATION_PATTERN = /^(0|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/;

const describe = (shape: Shape): string => {
  switch (shape.kind) {
    case 'string': return 'a string';
    case 'int': return 'a whole number';
    case 'number': return 'a number';
    case 'bool': return 'true or false';
    case 'ttl': return 'a whole number with one unit d, h, m or s, like "30d", "12h", "10m" or "0s" (compound or fractional values such as "1h30m" make the controller exit)';
    case 'duration': return 'a Go duration like "5s" or "1m30s"';
    case 'intOrString': return 'a number or a string';
    case 'enum': return `one of ${shape.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'object': return 'an object';
    case 'map': return 'an object';
    case 'list': return 'a list';
    default: return 'any value';
  }
};

const fixFor = (shape: Shape): string => {
  switch (shape.kind) {
    case 'ttl': return 'convert it to one unit, e.g. "90m" instead of "1h30m"';
    case 'enum': return `use one of ${shape.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default: return `give ${describe(shape)}`;
  }
};


/**
 * Checks a value against a shape. Throws a ValidationError naming the path, the bad value, what is
 * allowed and how to fix it. `undefined` values are skipped (they are not rendered).
 */
/** How an unknown key is reported: Argo's config, or a Kubernetes type in the options. */
export interface ShapeDialect {
  unknownKey(child: string, allowed: readonly string[], near: string | undefined): string;
  /** Who requires a missing key. */
  readonly requiredBy: string;
}

/** Keys of Argo's controller config: Argo exits on any key it does not know. */
export const ARGO_CONFIG_DIALECT: ShapeDialect = {
  unknownKey: (child, allowed, near) => `${child} is not a key Argo Workflows v4.1.2 knows (the controller and argo-server exit on unknown keys); allowed keys here: ${allowed.join(', ')}. Fix: ${near ? `rename it to "${near}"` : 'remove it or use one of the allowed keys'}`,
  requiredBy: 'Argo',
};

export function checkShape(path: string, value: unknown, shape: Shape, dialect: ShapeDialect = ARGO_CONFIG_DIALECT): void {
  if (value === undefined) return;
  // A value under a secret-looking name, or a Secret reference given as something else (often the
  // secret itself), is never shown.
  const selector = shape === SECRET_KEY_SELECTOR;
  const shown = selector || CREDENTIAL_NAME.test(lastSegment(path)) ? redact(value) : value;
  const bad = (rule: string, fix: string) => new ValidationError(`${path} ${show(shown)} is invalid: ${rule}. Fix: ${fix}`);
  if (selector && !isPlainObject(value)) {
    throw bad('it must be an object { name, key }', `put the value in a Secret and reference its key, e.g. { name: "my-secret", key: ${JSON.stringify(exampleKey(path))} }`);
  }
  switch (shape.kind) {
    case 'any': return;
    case 'string': if (typeof value !== 'string') throw bad('it must be a string', 'quote the value'); return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad('it must be a whole number', 'give a whole number');
      if (Math.abs(value) > MAX_INT32) throw bad(`it must be a whole number from -${MAX_INT32 + 1} to ${MAX_INT32}`, 'give a smaller number');
      return;
    case 'number': if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('it must be a number', 'give a number'); return;
    case 'bool': if (typeof value !== 'boolean') throw bad('it must be true or false', 'give a boolean'); return;
    case 'intOrString': if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) throw bad('it must be a whole number or a string', 'give a whole number or a string'); return;
    case 'ttl':
      if (typeof value !== 'string' || !TTL_PATTERN.test(value)) throw bad(`it must be ${describe(shape)}`, fixFor(shape));
      return;
    case 'duration':
      if (typeof value !== 'string' || !GO_DURATION_PATTERN.test(value)) throw bad(`it must be ${describe(shape)}`, fixFor(shape));
      return;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value)) throw bad(`it must be ${describe(shape)}`, fixFor(shape));
      return;
    case 'list':
      if (!Array.isArray(value)) throw bad('it must be a list', 'give a list');
      value.forEach((item, i) => checkShape(`${path}[${i}]`, item, shape.item, dialect));
      return;
    case 'map':
      if (!isPlainObject(value)) throw bad('it must be an object', 'give an object');
      for (const [k, v] of Object.entries(value)) checkShape(`${path}["${k}"]`, v, shape.value, dialect);
      return;
    case 'object': {
      if (!isPlainObject(value)) throw bad('it must be an object', 'give an object');
      const known = Object.keys(shape.fields);
      for (const [k, v] of Object.entries(value)) {
        // Own keys only: `toString` or `constructor` are not Argo's keys, whatever Object.prototype has.
        const field = Object.prototype.hasOwnProperty.call(shape.fields, k) ? shape.fields[k] : undefined;
        const child = path ? `${path}.${k}` : k;
        if (!field) throw new ValidationError(dialect.unknownKey(child, known, nearMiss(k, known)));
        checkShape(child, v, field, dialect);
      }
      for (const r of shape.required ?? []) {
        if (value[r] === undefined || value[r] === '') {
          throw new ValidationError(`${path ? `${path}.${r}` : r} is missing: ${dialect.requiredBy} requires it. Fix: set ${path ? `${path}.${r}` : r}`);
        }
      }
      return;
    }
  }
}

/** The last key of a path (`passwordSecret` of `a.passwordSecret`, `password` of `a["password"]`), list indexes skipped. */
function lastSegment(path: string): string {
  const p = path.replace(/(\[\d+\])+$/, '');
  const m = /\["((?:[^"\\]|\\.)*)"\]$/.exec(p);
  return m ? m[1] : p.slice(p.lastIndexOf('.') + 1);
}

/** Checks a whole controller config against Argo v4.1.2's key tree. */
export function validateControllerConfig(config: unknown, path = 'controller.config'): void {
  checkShape(path, config, CONTROLLER_CONFIG);
}
