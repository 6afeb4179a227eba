/**
 * Field-level differences between two versions of one object, as paths a reader can find in the
 * YAML: `spec.template.spec.containers[argo-server].image`, `metadata.labels["app.kubernetes.io/name"]`.
 * Lists of objects that each have a distinct `name` are matched by name (`containers[argo-server]`),
 * other lists by position (`ports[0]`, `args[3]`) unless a list of plain values changes length,
 * which compares as a whole. YAML
 * text inside a ConfigMap's `data` (the controller's `persistence`, an artifact repository) is
 * compared key by key: `data.persistence > postgresql.host`.
 */
import { parse } from 'yaml';

/** One difference: `before` is undefined for a field added, `after` for a field removed. */
export interface FieldChange {
  /** The path segments: keys, `[name]` or `[index]` of list items, `>` into embedded YAML. */
  readonly segments: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

/** A key as a path segment: plain when it is an identifier, else quoted in brackets. */
const keySegment = (key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`);

/** The names of a list's items when every item is an object with a distinct string `name`. */
function namesOf(list: readonly unknown[]): string[] | undefined {
  const names = list.map((item) => (isObject(item) && typeof item.name === 'string' ? item.name : undefined));
  if (names.some((n) => n === undefined) || new Set(names).size !== names.length) return undefined;
  return names as string[];
}

/** YAML text that holds a mapping, parsed; else undefined. */
function embeddedYaml(text: unknown): Json | undefined {
  if (typeof text !== 'string' || !text.includes('\n')) return undefined;
  try {
    const value: unknown = parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function diffLists(before: readonly unknown[], after: readonly unknown[], at: readonly string[], out: FieldChange[]): void {
  const oldNames = namesOf(before);
  const newNames = namesOf(after);
  if (oldNames && newNames && (before.length || after.length)) {
    for (const [i, name] of oldNames.entries()) {
      const j = newNames.indexOf(name);
      diffValues(before[i], j < 0 ? undefined : after[j], [...at, `[${name}]`], out);
    }
    for (const [j, name] of newNames.entries()) if (!oldNames.includes(name)) out.push({ segments: [...at, `[${name}]`], after: after[j] });
    return;
  }
  if (![...before, ...after].every(isObject) && before.length !== after.length) {
    out.push({ segments: at, before, after });
    return;
  }
  for (let i = 0; i < Math.max(before.length, after.length); i++) diffValues(before[i], after[i], [...at, `[${i}]`], out);
}

/** Appends the differences between two JSON values at path `at`. */
function diffValues(before: unknown, after: unknown, at: readonly string[], out: FieldChange[]): void {
  if (sameValue(before, after)) return;
  if (before === undefined || after === undefined) {
    out.push(before === undefined ? { segments: at, after } : { segments: at, before });
  } else if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) diffValues(before[k], after[k], [...at, keySegment(k)], out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    diffLists(before, after, at, out);
  } else {
    out.push({ segments: at, before, after });
  }
}

/** The differences between two versions of an object, in path order. */
export function fieldChanges(before: Json, after: Json): FieldChange[] {
  const out: FieldChange[] = [];
  const configMap = before.kind === 'ConfigMap' && after.kind === 'ConfigMap';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const k of keys) {
    if (configMap && k === 'data' && isObject(before.data) && isObject(after.data)) {
      const oldData = before.data;
      const newData = after.data;
      for (const d of [...new Set([...Object.keys(oldData), ...Object.keys(newData)])].sort()) {
        const at = ['data', keySegment(d)];
        const oldYaml = embeddedYaml(oldData[d]);
        const newYaml = embeddedYaml(newData[d]);
        if (oldYaml && newYaml && !sameValue(oldData[d], newData[d])) diffValues(oldYaml, newYaml, [...at, '>'], out);
        else diffValues(oldData[d], newData[d], at, out);
      }
      continue;
    }
    diffValues(before[k], after[k], [keySegment(k)], out);
  }
  return out;
}

/** A path as text: `spec.template.spec.containers[argo-server].image`, `data.persistence > postgresql.host`. */
export function pathText(segments: readonly string[]): string {
  let text = '';
  for (const s of segments) {
    if (s === '>') text += ' >';
    else if (s.startsWith('[')) text += s;
    else text += text === '' ? s : text.endsWith(' >') ? ` ${s}` : `.${s}`;
  }
  return text;
}

/** True when `segments` is `prefix` or lies under it. */
export function under(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((p, i) => segments[i] === p);
}
