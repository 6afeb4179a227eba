/**
 * The options must be plain data: objects, lists, strings, finite numbers and booleans, plus the
 * instances of the classes options take (`Duration`, and every `OptionVariant`: `Credentials`,
 * `ArtifactRepository`, ...), which are not descended into. `null` is invalid everywhere (leave an option out to use its default),
 * and so is any other instance (a Date, a Map, a typed array), and a hole or `undefined` in a list.
 * Checked before any resolver runs, so no resolver ever walks a cycle or formats a Symbol.
 */
import { invalid, ValidationError } from './errors';
import { isDuration } from './ttl';
import { OptionVariant } from './variant';

/** An object literal (or a null-prototype one): not a class instance, not a list. */
export function isDataObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of plain data with ordinary prototypes: null-prototype objects (valid options, e.g.
 * from `Object.create(null)` or a parser) become object literals, so code that reads
 * `constructor` (cdk8s's serializer does) never meets one. Option variants are kept as they are.
 */
export function toPlainData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => toPlainData(v)) as T;
  if (!isDataObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainData(v)])) as T;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of a key under `path`: `a.b` for identifiers, `a["b c"]` otherwise. */
export function keyPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Instances of the classes options take. */
function isOptionInstance(v: object): boolean {
  return v instanceof OptionVariant || isDuration(v);
}

function instanceName(v: object): string {
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name ? name : 'class instance';
}

/** A value that is not plain data, as a message; undefined when it is fine at this level. */
function problemOf(path: string, value: unknown): ValidationError | undefined {
  if (value === null) return invalid(path, null, 'null is not a value argo-stack accepts', `remove ${path} to use its default, or give a value`);
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
    return invalid(path, value, 'it must be plain data: a string, number, boolean, list or object', `give ${path} a plain value`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return invalid(path, value, 'it must be a finite number', `give ${path} a number`);
  if (typeof value === 'object' && !Array.isArray(value) && !isDataObject(value) && !isOptionInstance(value)) {
    return invalid(path, value, `it must be plain data, not a ${instanceName(value)}`, `give ${path} a plain value`);
  }
  return undefined;
}

/**
 * Every problem of the plain-data rule in `value`, each naming its path. `undefined` values are
 * unset options and fine.
 */
export function plainDataProblems(value: unknown, path = ''): ValidationError[] {
  const problems: ValidationError[] = [];
  const open = new Set<object>();
  const walkList = (list: unknown[], at: string): void => {
    let empty = false;
    for (let i = 0; i < list.length; i++) {
      if (i in list && list[i] !== undefined) walk(list[i], `${at}[${i}]`);
      else if (!empty) {
        // One message per list, at its first empty item.
        empty = true;
        problems.push(invalid(`${at}[${i}]`, undefined, 'a list item may not be empty or undefined', `remove the empty items from ${at}`));
      }
    }
  };
  const walk = (v: unknown, at: string): void => {
    if (v === undefined) return;
    const p = problemOf(at || 'options', v);
    if (p) { problems.push(p); return; }
    if (!Array.isArray(v) && !isDataObject(v)) return;
    if (open.has(v)) {
      problems.push(invalid(at, '[circular]', 'it contains itself', `give ${at} a copy of the value instead of a reference to its own parent`));
      return;
    }
    open.add(v);
    if (Array.isArray(v)) walkList(v, at);
    else for (const k of Object.keys(v)) walk(v[k], keyPath(at, k));
    open.delete(v);
  };
  walk(value, path);
  return problems;
}
