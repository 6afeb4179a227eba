/**
 * The options surface of `ArgoWorkflowsProps`, derived from its TypeScript type with the compiler
 * API: every option with its kind (string, number, boolean, enum, object with known keys, list,
 * map, Duration-or-string, class instance, `boolean | object` union, opaque). Derived at test
 * time, so it follows the options as they grow.
 *
 * Where the walk stops:
 * - types declared in a package (kubernetes-models: `resources`, `tolerations`, label selectors,
 *   Secret key selectors) are `opaque`;
 * - the controller config (`controller.config`, declared under `src/config/controller-config/`)
 *   lists its top-level keys with their kinds, and every nested object or list there is `opaque`:
 *   its own schema and tests cover the rest.
 *
 * Building the program takes a few seconds, so the result is cached in memory and in the temporary
 * directory under a hash of everything it depends on (src/config/, the lock file, this file).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

export type Kind =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'object'; readonly name: string; readonly props: readonly Prop[]; readonly schema?: boolean }
  | { readonly kind: 'list'; readonly item: Kind }
  | { readonly kind: 'map'; readonly value: Kind }
  | { readonly kind: 'duration' }
  | { readonly kind: 'instance'; readonly className: string }
  | { readonly kind: 'union'; readonly options: readonly Kind[] }
  | { readonly kind: 'opaque'; readonly name: string; readonly shape: 'object' | 'list' | 'any' };

export interface Prop {
  readonly name: string;
  readonly optional: boolean;
  readonly type: Kind;
  /** Set under `controller.config`: checked by the controller config's own schema. */
  readonly schema?: boolean;
}

export const ROOT = path.resolve(__dirname, '..', '..');
const OPTIONS_FILE = path.join(ROOT, 'src', 'config', 'options.ts');
const CONTROLLER_CONFIG_DIR = `${path.sep}src${path.sep}config${path.sep}controller-config${path.sep}`;

interface Walk {
  readonly checker: ts.TypeChecker;
  /** Names of the object types being walked, against cycles. */
  readonly stack: string[];
}

function declarationFiles(t: ts.Type): string[] {
  const symbols = [t.aliasSymbol, t.getSymbol()].filter((s): s is ts.Symbol => s !== undefined);
  return symbols.flatMap((s) => (s.declarations ?? []).map((d) => path.normalize(d.getSourceFile().fileName)));
}

const fromPackage = (t: ts.Type) => {
  const files = declarationFiles(t);
  return files.length > 0 && files.every((f) => f.includes(`${path.sep}node_modules${path.sep}`) && !/[/\\]typescript[/\\]lib[/\\]/.test(f));
};
const fromControllerConfig = (t: ts.Type) => declarationFiles(t).some((f) => f.includes(CONTROLLER_CONFIG_DIR));
const typeName = (w: Walk, t: ts.Type) => w.checker.typeToString(t).slice(0, 80);

function literalValue(t: ts.Type): string | number | undefined {
  return t.isStringLiteral() || t.isNumberLiteral() ? t.value : undefined;
}

/** A union: literals make an enum, `true | false` a boolean, `Duration | string` a duration. */
function classifyUnion(w: Walk, u: ts.UnionType, shallow: boolean): Kind {
  const parts = u.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  const values = parts.map(literalValue);
  if (values.every((v) => v !== undefined)) return { kind: 'enum', values: [...new Set(values as (string | number)[])] };
  const kinds: Kind[] = [];
  const bools = parts.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
  if (bools.length > 0) kinds.push({ kind: 'boolean' });
  for (const t of parts.filter((p) => !(p.flags & ts.TypeFlags.BooleanLiteral))) kinds.push(classify(w, t, shallow));
  if (kinds.length === 1) return kinds[0];
  const isDuration = kinds.length === 2 && kinds.some((k) => k.kind === 'string') && kinds.some((k) => k.kind === 'instance' && k.className === 'Duration');
  return isDuration ? { kind: 'duration' } : { kind: 'union', options: kinds };
}

/** An object type: list, map, class instance, opaque, or an object with known keys. */
function classifyObject(w: Walk, t: ts.Type, shallow: boolean): Kind {
  const { checker } = w;
  if (checker.isArrayType(t) || checker.isTupleType(t)) {
    if (shallow) return { kind: 'opaque', name: typeName(w, t), shape: 'list' };
    return { kind: 'list', item: classify(w, checker.getTypeArguments(t as ts.TypeReference)[0], false) };
  }
  const symbol = t.getSymbol();
  if (symbol && symbol.flags & ts.SymbolFlags.Class) return { kind: 'instance', className: symbol.getName() };
  if (shallow || fromPackage(t)) return { kind: 'opaque', name: typeName(w, t), shape: 'object' };
  const props = checker.getPropertiesOfType(t);
  const index = checker.getIndexInfosOfType(t).find((i) => i.keyType.flags & ts.TypeFlags.String);
  if (index && props.length === 0) return { kind: 'map', value: classify(w, index.type, false) };
  return objectKind(w, t, fromControllerConfig(t));
}

/** An object with known keys; under the controller config its keys are classified shallowly. */
function objectKind(w: Walk, t: ts.Type, schema: boolean): Kind {
  const name = typeName(w, t);
  if (w.stack.includes(name)) return { kind: 'opaque', name, shape: 'object' };
  w.stack.push(name);
  const props = w.checker.getPropertiesOfType(t).map((p): Prop => ({
    name: p.getName(),
    optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
    type: classify(w, w.checker.getNonNullableType(w.checker.getTypeOfSymbol(p)), schema),
    ...(schema ? { schema: true } : {}),
  }));
  w.stack.pop();
  return { kind: 'object', name, props, ...(schema ? { schema: true } : {}) };
}

function classify(w: Walk, type: ts.Type, shallow: boolean): Kind {
  const t = w.checker.getNonNullableType(type);
  if (t.flags & ts.TypeFlags.Union) return classifyUnion(w, t as ts.UnionType, shallow);
  if (t.flags & ts.TypeFlags.BooleanLike) return { kind: 'boolean' };
  const literal = literalValue(t);
  if (literal !== undefined) return { kind: 'enum', values: [literal] };
  if (t.flags & (ts.TypeFlags.StringLike)) return { kind: 'string' };
  if (t.flags & ts.TypeFlags.NumberLike) return { kind: 'number' };
  if (t.flags & ts.TypeFlags.Object || t.flags & ts.TypeFlags.Intersection) return classifyObject(w, t, shallow);
  return { kind: 'opaque', name: typeName(w, t), shape: 'any' };
}

/** Walks `ArgoWorkflowsProps` with a fresh program. */
export function deriveSurface(): Kind {
  const program = ts.createProgram([OPTIONS_FILE], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true, types: [], lib: ['lib.es5.d.ts'], skipLibCheck: true, noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(OPTIONS_FILE);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const props = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === 'ArgoWorkflowsProps');
  if (!props) throw new Error(`ArgoWorkflowsProps is not exported from ${OPTIONS_FILE}`);
  return objectKind({ checker, stack: [] }, checker.getDeclaredTypeOfSymbol(props), false);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.name.endsWith('.ts') ? [full] : [];
  }).sort();
}

/** A hash of everything the surface depends on: config/ imports only config/ and packages (design.md §1). */
function surfaceKey(): string {
  const hash = createHash('sha256').update(ts.version);
  for (const f of [...filesUnder(path.join(ROOT, 'src', 'config')), path.join(ROOT, 'package-lock.json'), __filename]) {
    hash.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

let cached: Kind | undefined;

/** The surface, from memory, from the temporary directory, or derived (then stored). */
export function optionsSurface(): Kind {
  if (cached) return cached;
  const file = path.join(os.tmpdir(), `argo-stack-options-surface-${surfaceKey()}.json`);
  try {
    cached = JSON.parse(fs.readFileSync(file, 'utf8')) as Kind;
    return cached;
  } catch {
    cached = deriveSurface();
  }
  try {
    fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(cached));
    fs.renameSync(`${file}.${process.pid}`, file);
  } catch {
    // A read-only temporary directory only costs the next run a few seconds.
  }
  return cached;
}

/** One option of the surface, with its path written with `[]` for list items and `{}` for map values. */
export interface SurfaceEntry {
  readonly path: string;
  readonly kind: Kind;
}

/** Every option path of the surface, depth first (union branches share their union's path). */
export function surfacePaths(kind: Kind, at = ''): SurfaceEntry[] {
  const here = at === '' ? [] : [{ path: at, kind }];
  switch (kind.kind) {
    case 'object': return [...here, ...kind.props.flatMap((p) => surfacePaths(p.type, at ? `${at}.${p.name}` : p.name))];
    case 'list': return [...here, ...surfacePaths(kind.item, `${at}[]`)];
    case 'map': return [...here, ...surfacePaths(kind.value, `${at}{}`)];
    case 'union': return [...here, ...kind.options.flatMap((o) => surfacePaths(o, at).filter((e) => e.path !== at))];
    default: return here;
  }
}

/** A one-line description of a kind, for reports. */
export function describeKind(k: Kind): string {
  switch (k.kind) {
    case 'enum': return `enum ${k.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'object': return `object {${k.props.map((p) => p.name).join(', ')}}`;
    case 'list': return `list of ${describeKind(k.item)}`;
    case 'map': return `map of ${describeKind(k.value)}`;
    case 'instance': return `instance of ${k.className}`;
    case 'union': return k.options.map(describeKind).join(' | ');
    case 'opaque': return `opaque ${k.shape} (${k.name})`;
    default: return k.kind;
  }
}
