/**
 * Import scanner for the architecture tests: parses TypeScript sources with the compiler API,
 * lists every module reference (static imports and re-exports, `import type`, `import x =
 * require()`, `import('…')` types, dynamic `import()` and `require()`), resolves the relative ones
 * to files and finds the cycles of the resulting graph.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** The repository root (this file lives in `test/architecture/`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** File texts keyed by repository-relative POSIX path (`src/config/ttl.ts`). */
export type Sources = ReadonlyMap<string, string>;

export type ImportKind = 'import' | 'export-from' | 'import-equals' | 'import-type-node' | 'dynamic-import' | 'require';

/** One module reference in one file. */
export interface ImportRecord {
  /** The importing file, repository-relative. */
  readonly file: string;
  /** 1-based line of the reference. */
  readonly line: number;
  /** The module specifier as written (`./options`, `cdk8s`, `node:net`). */
  readonly specifier: string;
  readonly kind: ImportKind;
  /** Erased at compile time: `import type`, `export type`, all-`type` named bindings, `import('…')` types. */
  readonly typeOnly: boolean;
  /** Imported or re-exported names as exported by the target: `default`, `*`, or the name. Empty for side-effect, dynamic and require imports. */
  readonly names: readonly string[];
  /** For relative specifiers: the file it resolves to, or the normalised path when no scanned file matches. */
  readonly target?: string;
  /** True when `target` is one of the scanned files. */
  readonly resolved: boolean;
}

/** Reads every `.ts` file under `dir` (repository-relative), recursively, keyed by repository-relative path. */
export function readSources(dir: string, root: string = REPO_ROOT): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.ts')) sources.set(child, fs.readFileSync(path.join(root, child), 'utf8'));
    }
  };
  walk(dir);
  return new Map([...sources].sort(([a], [b]) => a.localeCompare(b)));
}

type RawImport = Omit<ImportRecord, 'target' | 'resolved'>;

function stringLiteral(node: ts.Node | undefined): string | undefined {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function importNames(clause: ts.ImportClause | undefined): { names: string[]; typeOnly: boolean } {
  if (clause === undefined) return { names: [], typeOnly: false };
  const names: string[] = clause.name ? ['default'] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
  const elements = bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
  for (const e of elements) names.push((e.propertyName ?? e.name).text);
  const allTypeElements = elements.length > 0 && !clause.name && elements.every((e) => e.isTypeOnly);
  return { names, typeOnly: clause.isTypeOnly || allTypeElements };
}

function exportNames(decl: ts.ExportDeclaration): { names: string[]; typeOnly: boolean } {
  const clause = decl.exportClause;
  if (clause === undefined) return { names: ['*'], typeOnly: decl.isTypeOnly };
  if (ts.isNamespaceExport(clause)) return { names: ['*'], typeOnly: decl.isTypeOnly };
  const names = clause.elements.map((e) => (e.propertyName ?? e.name).text);
  const allTypeElements = clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  return { names, typeOnly: decl.isTypeOnly || allTypeElements };
}

function leftmost(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : leftmost(name.left);
}

function isRequireCall(node: ts.CallExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1;
}

/** The module reference made by `node`, if any (not recursive). */
function referenceOf(node: ts.Node): Omit<RawImport, 'file' | 'line'> | undefined {
  if (ts.isImportDeclaration(node)) {
    const specifier = stringLiteral(node.moduleSpecifier);
    return specifier === undefined ? undefined : { specifier, kind: 'import', ...importNames(node.importClause) };
  }
  if (ts.isExportDeclaration(node)) {
    const specifier = stringLiteral(node.moduleSpecifier);
    return specifier === undefined ? undefined : { specifier, kind: 'export-from', ...exportNames(node) };
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const specifier = stringLiteral(node.moduleReference.expression);
    return specifier === undefined ? undefined : { specifier, kind: 'import-equals', typeOnly: node.isTypeOnly, names: ['*'] };
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    const specifier = stringLiteral(node.argument.literal);
    const names = node.qualifier ? [leftmost(node.qualifier)] : ['*'];
    return specifier === undefined ? undefined : { specifier, kind: 'import-type-node', typeOnly: true, names };
  }
  if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequireCall(node))) {
    const specifier = stringLiteral(node.arguments[0]);
    const kind: ImportKind = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic-import' : 'require';
    return specifier === undefined ? undefined : { specifier, kind, typeOnly: false, names: [] };
  }
  return undefined;
}

/** Every module reference in one file, in source order. */
export function scanFile(file: string, text: string): RawImport[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: RawImport[] = [];
  const visit = (node: ts.Node): void => {
    const ref = referenceOf(node);
    if (ref !== undefined) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      found.push({ file, line, ...ref });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Resolves a relative specifier the way TypeScript's node resolution does for our sources:
 * `x` → `x.ts`, `x.tsx`, `x.d.ts` or `x/index.ts`, and `x.js` → `x.ts`.
 */
export function resolveRelative(from: string, specifier: string, known: ReadonlySet<string>): { target: string; resolved: boolean } {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.endsWith('.js') ? base.slice(0, -'.js'.length) : base;
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.d.ts`, `${base}/index.ts`];
  const hit = candidates.find((c) => known.has(c));
  return hit === undefined ? { target: base, resolved: false } : { target: hit, resolved: true };
}

export function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** Every module reference of every file, with relative ones resolved against the scanned files. */
export function scanImports(sources: Sources): ImportRecord[] {
  const known = new Set(sources.keys());
  const records: ImportRecord[] = [];
  for (const [file, text] of sources) {
    for (const raw of scanFile(file, text)) {
      records.push(isRelative(raw.specifier) ? { ...raw, ...resolveRelative(file, raw.specifier, known) } : { ...raw, resolved: false });
    }
  }
  return records;
}

/** File → files it imports, for resolved relative references only. Every scanned file is a node. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

export function importGraph(sources: Sources, records: readonly ImportRecord[]): ImportGraph {
  const edges = new Map<string, Set<string>>([...sources.keys()].map((f) => [f, new Set<string>()]));
  for (const r of records) if (r.resolved && r.target !== undefined) edges.get(r.file)?.add(r.target);
  return new Map([...edges].map(([f, to]) => [f, [...to].sort()]));
}

/** Strongly connected components (Tarjan), each sorted, in order of their first file. */
export function stronglyConnected(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    components.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Components that hold a cycle: more than one file, or one file importing itself. */
export function cyclicComponents(graph: ImportGraph): string[][] {
  return stronglyConnected(graph).filter((c) => c.length > 1 || (graph.get(c[0]) ?? []).includes(c[0]));
}

/**
 * Elementary cycles, each listed once, starting at its alphabetically first file and closed by
 * repeating it (`[a, b, a]`). A cycle through `start` only visits files after `start`, so each is
 * found from its first file only. Stops after `limit` cycles.
 */
export function elementaryCycles(graph: ImportGraph, limit = 10_000): string[][] {
  const cycles: string[][] = [];
  for (const component of cyclicComponents(graph)) {
    const members = new Set(component);
    for (const start of component) {
      const walk = (v: string, trail: string[]): void => {
        for (const w of graph.get(v) ?? []) {
          if (cycles.length >= limit) return;
          if (w === start) cycles.push([...trail, start]);
          else if (members.has(w) && w > start && !trail.includes(w)) walk(w, [...trail, w]);
        }
      };
      walk(start, [start]);
    }
  }
  return cycles.sort((a, b) => a.join('\0').localeCompare(b.join('\0')));
}

export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' -> ');
}

/** The "how many import cycles" figure for a source folder. */
export interface CycleCount {
  /** Files scanned. */
  readonly files: number;
  /** Strongly connected components holding a cycle (more than one file, or a self-import). */
  readonly cyclicComponents: number;
  /** Files that sit on at least one cycle. */
  readonly filesInCycles: number;
  /** Distinct elementary cycles (each simple loop counted once, whatever file it is read from). */
  readonly elementaryCycles: number;
}

/** Counts import cycles among the `.ts` files under `dir` (repository-relative, default `src`). */
export function countImportCycles(dir = 'src', root: string = REPO_ROOT): CycleCount {
  const sources = readSources(dir, root);
  const graph = importGraph(sources, scanImports(sources));
  const components = cyclicComponents(graph);
  return {
    files: sources.size,
    cyclicComponents: components.length,
    filesInCycles: components.reduce((n, c) => n + c.length, 0),
    elementaryCycles: elementaryCycles(graph).length,
  };
}
