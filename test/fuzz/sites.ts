/**
 * Sites: the places of a base option set where one mutation can go. A site is an option path whose
 * parent is present in the base (the option itself may be absent), with its kind from the surface.
 * Also the path functions: writing a path as messages do, its parents, and a copy-on-write set.
 */
import type { ArgoWorkflowsProps } from '../../src/config/options';
import type { Kind, Prop } from './surface';

export type Seg = { readonly key: string } | { readonly index: number } | { readonly mapKey: string };

export interface Site {
  /** Index of the base in the list the sites were made from. */
  readonly base: number;
  readonly segs: readonly Seg[];
  readonly kind: Kind;
  /** Whether the base sets this option. */
  readonly present: boolean;
  /** Whether `undefined` (unset) is valid here: optional properties and map entries, not list items. */
  readonly optional: boolean;
  /** Under `controller.config`, checked by the controller config's own schema. */
  readonly schema: boolean;
  /** For objects with known keys: the base's value, and the keys allowed there. */
  readonly object?: { readonly value: Record<string, unknown>; readonly props: readonly Prop[] };
}

/** A map key that no base uses, for a new entry. */
export const NEW_MAP_KEY = 'fuzz-entry';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The path as messages write it: `workflowNamespaces[0].name`, `labels["team"]`. */
export function formatPath(segs: readonly Seg[]): string {
  let out = '';
  for (const s of segs) {
    if ('index' in s) out += `[${s.index}]`;
    else if ('mapKey' in s) out += `[${JSON.stringify(s.mapKey)}]`;
    else out += out === '' ? s.key : `.${s.key}`;
  }
  return out;
}

/** The path with list indexes as `[]` and map keys as `{}`, as `surfacePaths` writes it. */
export function generalPath(segs: readonly Seg[]): string {
  return segs.map((s, i) => ('index' in s ? '[]' : 'mapKey' in s ? '{}' : i === 0 ? s.key : `.${s.key}`)).join('');
}

/** The path and each of its parents, longest first (the top level itself excluded). */
export function pathAndParents(segs: readonly Seg[]): string[] {
  return segs.map((_, i) => formatPath(segs.slice(0, segs.length - i)));
}

/** A copy of `node` with `value` at `segs`; only the objects and lists on the way are copied. */
export function setAt(node: unknown, segs: readonly Seg[], value: unknown): unknown {
  if (segs.length === 0) return value;
  const [s, ...rest] = segs;
  if ('index' in s) {
    const list = Array.isArray(node) ? [...node] : [];
    list[s.index] = setAt(list[s.index], rest, value);
    return list;
  }
  const key = 'key' in s ? s.key : s.mapKey;
  const copy: Record<string, unknown> = isPlainObject(node) ? { ...node } : {};
  const current = Object.prototype.hasOwnProperty.call(copy, key) ? copy[key] : undefined;
  Object.defineProperty(copy, key, { value: setAt(current, rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The object branch of a kind (itself, or of a `boolean | object` union). */
function objectBranch(kind: Kind): Extract<Kind, { kind: 'object' }> | undefined {
  if (kind.kind === 'object') return kind;
  if (kind.kind === 'union') return kind.options.find((o): o is Extract<Kind, { kind: 'object' }> => o.kind === 'object');
  return undefined;
}

interface Visit {
  readonly base: number;
  readonly out: Site[];
}

function walkChildren(v: Visit, value: unknown, kind: Kind, segs: readonly Seg[], schema: boolean): void {
  const object = objectBranch(kind);
  if (object && isPlainObject(value)) {
    for (const p of object.props) walk(v, value[p.name], p.type, [...segs, { key: p.name }], schema || p.schema === true, p.optional);
  } else if (kind.kind === 'list' && Array.isArray(value)) {
    value.forEach((item, index) => walk(v, item, kind.item, [...segs, { index }], schema, false));
  } else if (kind.kind === 'map' && isPlainObject(value)) {
    for (const [mapKey, item] of Object.entries(value)) walk(v, item, kind.value, [...segs, { mapKey }], schema, true);
    walk(v, undefined, kind.value, [...segs, { mapKey: NEW_MAP_KEY }], schema, true);
  }
}

function walk(v: Visit, value: unknown, kind: Kind, segs: readonly Seg[], schema: boolean, optional: boolean): void {
  const object = objectBranch(kind);
  v.out.push({
    base: v.base, segs, kind, present: value !== undefined, optional, schema,
    ...(object && isPlainObject(value) ? { object: { value, props: object.props } } : {}),
  });
  if (value !== undefined) walkChildren(v, value, kind, segs, schema);
}

/**
 * Every site of every base: the top level (segs `[]`, for unknown keys only), each option whose
 * parent is present, each list item and map entry, and one new entry per map.
 */
export function sitesOf(bases: readonly ArgoWorkflowsProps[], surface: Kind): Site[] {
  const out: Site[] = [];
  bases.forEach((props, base) => walk({ base, out }, props, surface, [], false, true));
  return out;
}
