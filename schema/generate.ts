/**
 * Generates the JSON Schema of an options file (`schema/argo-stack.schema.json`, draft-07) from the
 * same definitions the code uses: the option interfaces of `ArgoWorkflowsProps`, read with the
 * TypeScript compiler (doc comments and `@default` become `description`), and the plain forms of
 * the option classes (`VARIANTS` in `src/config/file/variants.ts`), each form's value typed by its
 * factory's parameter. Every object of argo-stack's own options has `additionalProperties: false`,
 * as the run-time check rejects unknown keys; types from Kubernetes packages (resources,
 * tolerations, affinity, ...) are checked for their JSON type only.
 *
 * `npm run schema` writes the file; a test fails when the committed file differs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { formsOf, VARIANTS, VariantName, writtenAsName } from '../src/config/file/variants';

type Schema = Record<string, unknown>;

const ROOT = path.resolve(__dirname, '..');
/** Compiled, this file runs from lib/schema/; the sources are read from the repository either way. */
const REPO = fs.existsSync(path.join(ROOT, 'src')) && fs.existsSync(path.join(ROOT, 'package.json')) ? ROOT : path.resolve(ROOT, '..');
const OPTIONS_FILE = path.join(REPO, 'src', 'config', 'options.ts');
export const SCHEMA_FILE = path.join(REPO, 'schema', 'argo-stack.schema.json');

interface Walk {
  readonly checker: ts.TypeChecker;
  readonly definitions: Map<string, Schema>;
  /** Definition names in progress, against cycles. */
  readonly open: Set<string>;
}

const isVariant = (name: string): name is VariantName => Object.hasOwn(VARIANTS, name);

function declarationFiles(t: ts.Type): string[] {
  const symbols = [t.aliasSymbol, t.getSymbol()].filter((s): s is ts.Symbol => s !== undefined);
  return symbols.flatMap((s) => (s.declarations ?? []).map((d) => path.normalize(d.getSourceFile().fileName)));
}

/** Declared in a package (kubernetes-models, cdk8s), not in TypeScript's own lib. */
function fromPackage(t: ts.Type): boolean {
  const files = declarationFiles(t);
  return files.length > 0 && files.every((f) => f.includes(`${path.sep}node_modules${path.sep}`) && !/[/\\]typescript[/\\]lib[/\\]/.test(f));
}

/** A symbol's doc comment and its `@default`, as one description. */
function describe(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | undefined {
  if (!symbol) return undefined;
  const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const dflt = symbol.getJsDocTags(checker).find((t) => t.name === 'default');
  const dfltText = dflt ? ts.displayPartsToString(dflt.text).trim().replace(/^- /, '') : '';
  const text = [doc, dfltText ? `Default: ${dfltText}` : ''].filter(Boolean).join('\n\n');
  return text || undefined;
}

function withDescription(schema: Schema, description: string | undefined): Schema {
  return description ? { description, ...schema } : schema;
}

function literalValue(t: ts.Type): string | number | undefined {
  return t.isStringLiteral() || t.isNumberLiteral() ? t.value : undefined;
}

function unionSchema(w: Walk, u: ts.UnionType): Schema {
  const parts = u.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  const values = parts.map(literalValue);
  if (values.every((v) => v !== undefined)) return { enum: [...new Set(values)] };
  const schemas: Schema[] = [];
  if (parts.some((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schemas.push({ type: 'boolean' });
  const rest = parts.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
  // A cdk8s Duration is written as a string in a file (`"30d"`, `"8h"`).
  const hasString = rest.some((t) => t.flags & ts.TypeFlags.StringLike);
  for (const t of rest) {
    if (isDuration(t) && hasString) continue;
    const s = schemaOf(w, t);
    if (!schemas.some((x) => JSON.stringify(x) === JSON.stringify(s))) schemas.push(s);
  }
  const literals = rest.map(literalValue).filter((v) => v !== undefined);
  if (literals.length > 0 && schemas.length === literals.length + (schemas[0]?.type === 'boolean' ? 1 : 0)) {
    // `boolean | "existing"`
    return { anyOf: [...schemas.filter((s) => !('enum' in s)), { enum: literals }] };
  }
  return schemas.length === 1 ? schemas[0] : { anyOf: schemas };
}

const isDuration = (t: ts.Type) => t.getSymbol()?.getName() === 'Duration' && fromPackage(t);

/** The schema of an option class: its forms, each an object with one key (or the name alone). */
function variantSchema(w: Walk, classSymbol: ts.Symbol, name: VariantName): Schema {
  const decl = classSymbol.declarations?.[0];
  if (!decl) throw new Error(`class ${name} has no declaration`);
  const statics = w.checker.getTypeOfSymbolAtLocation(classSymbol, decl);
  const forms = Object.entries(formsOf(name)).map(([form, spec]) => {
    const method = w.checker.getPropertyOfType(statics, form);
    if (!method) throw new Error(`${name}.${form} is not a factory of ${name}`);
    const signature = w.checker.getTypeOfSymbolAtLocation(method, decl).getCallSignatures()[0];
    const description = describe(w.checker, method);
    if (spec.takes === 'none') return { form, description, value: { type: 'object', additionalProperties: false } as Schema };
    const param = signature.parameters[0];
    if (!param) throw new Error(`${name}.${form}() takes no argument, but its form says ${spec.takes}`);
    const value = schemaOf(w, w.checker.getTypeOfSymbolAtLocation(param, decl));
    return { form, description, value };
  });
  const classDoc = describe(w.checker, classSymbol);
  if (writtenAsName(name)) {
    return withDescription({ enum: forms.map((f) => f.form) }, [classDoc, ...forms.map((f) => `${f.form}: ${f.description ?? ''}`)].filter(Boolean).join('\n\n'));
  }
  return withDescription({
    oneOf: forms.map((f) => ({
      type: 'object',
      properties: { [f.form]: withDescription(f.value, f.description) },
      required: [f.form],
      additionalProperties: false,
    })),
  }, classDoc);
}

/** A named definition, made once. */
function definition(w: Walk, name: string, make: () => Schema): Schema {
  const ref = { $ref: `#/definitions/${name}` };
  if (w.definitions.has(name) || w.open.has(name)) return ref;
  w.open.add(name);
  const schema = make();
  w.open.delete(name);
  w.definitions.set(name, schema);
  return ref;
}

function objectSchema(w: Walk, t: ts.Type): Schema {
  const { checker } = w;
  const props = checker.getPropertiesOfType(t);
  const index = checker.getIndexInfosOfType(t).find((i) => i.keyType.flags & ts.TypeFlags.String);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const p of props) {
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(p));
    if (type.getCallSignatures().length > 0) continue;
    properties[p.getName()] = withDescription(schemaOf(w, type), describe(checker, p));
    if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.getName());
  }
  const schema: Schema = { type: 'object' };
  if (props.length > 0) schema.properties = properties;
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = index ? schemaOf(w, index.type) : false;
  return schema;
}

function classifyObject(w: Walk, t: ts.Type): Schema {
  const { checker } = w;
  if (checker.isArrayType(t) || checker.isTupleType(t)) {
    return { type: 'array', items: schemaOf(w, checker.getTypeArguments(t as ts.TypeReference)[0]) };
  }
  const symbol = t.getSymbol();
  if (symbol && symbol.flags & ts.SymbolFlags.Class) {
    if (isDuration(t)) return { type: 'string' };
    const name = symbol.getName();
    if (!isVariant(name)) throw new Error(`the options take a class ${name} with no plain form: add it to VARIANTS in src/config/file/variants.ts`);
    return definition(w, name, () => variantSchema(w, symbol, name));
  }
  if (fromPackage(t)) return { type: 'object' };
  const alias = t.aliasSymbol?.getName();
  const name = symbol && symbol.flags & ts.SymbolFlags.Interface ? symbol.getName() : undefined;
  if (name && !alias) {
    return definition(w, name, () => withDescription(objectSchema(w, t), describe(w.checker, symbol)));
  }
  return objectSchema(w, t);
}

function schemaOf(w: Walk, type: ts.Type): Schema {
  const t = w.checker.getNonNullableType(type);
  if (t.flags & ts.TypeFlags.Union) return unionSchema(w, t as ts.UnionType);
  if (t.flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
  const literal = literalValue(t);
  if (literal !== undefined) return { enum: [literal] };
  if (t.flags & ts.TypeFlags.StringLike) return { type: 'string' };
  if (t.flags & ts.TypeFlags.NumberLike) return { type: 'number' };
  if (t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) return classifyObject(w, t);
  if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  throw new Error(`no schema for the type ${w.checker.typeToString(t)}`);
}

/** Sorts the definitions by name, for a stable file. */
function sorted(definitions: Map<string, Schema>): Record<string, Schema> {
  return Object.fromEntries([...definitions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The JSON Schema of an options file (one YAML document: `ArgoWorkflowsProps` as plain data). */
export function generateSchema(): Schema {
  const program = ts.createProgram([OPTIONS_FILE], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true, types: [], lib: ['lib.es5.d.ts'], skipLibCheck: true, noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(OPTIONS_FILE);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const props = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === 'ArgoWorkflowsProps');
  if (!props) throw new Error(`ArgoWorkflowsProps is not exported from ${OPTIONS_FILE}`);
  const w: Walk = { checker, definitions: new Map(), open: new Set() };
  const root = schemaOf(w, checker.getDeclaredTypeOfSymbol(props));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'argo-stack options file',
    description: 'The options of one argo-stack install (ArgoWorkflowsProps) as plain data. Options that take a class in TypeScript are written as an object with one key, the factory\'s name, whose value is the factory\'s argument: { s3: { bucket: my-bucket } }, { existing: {} }, { fromSecret: argo-server-tls }. Generated by `npm run schema`.',
    ...root,
    definitions: sorted(w.definitions),
  };
}

/** The schema as the committed file holds it. */
export function schemaText(): string {
  return `${JSON.stringify(generateSchema(), null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}
