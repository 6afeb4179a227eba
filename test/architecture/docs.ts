/**
 * JSDoc checks for the public option and props interfaces, read with the TypeScript compiler API:
 * which interfaces are checked, and the `@default` findings on their properties.
 */
import * as ts from 'typescript';
import type { Sources } from './imports';

export type DocProblem = 'missing @default' | '@default undefined' | 'empty @default' | 'dangling doc';

export interface DocFinding {
  /** Repository-relative file of the declaring interface. */
  readonly file: string;
  readonly interfaceName: string;
  readonly property: string;
  readonly line: number;
  readonly problem: DocProblem;
}

/** Interfaces whose names end like this are public options (design.md §5). */
export const PUBLIC_OPTIONS_NAME = /(Options|Props)$/;

/**
 * A program over `sources` only, in memory, without the default library: enough to resolve
 * relative imports and `extends` clauses between our own files. Packages stay unresolved.
 */
export function createProgram(sources: Sources): ts.Program {
  const byName = new Map([...sources].map(([rel, text]) => [`/${rel}`, text]));
  const options: ts.CompilerOptions = { noLib: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };
  const host: ts.CompilerHost = {
    getSourceFile: (name, languageVersion) => {
      const text = byName.get(name);
      return text === undefined ? undefined : ts.createSourceFile(name, text, languageVersion, true, ts.ScriptKind.TS);
    },
    getDefaultLibFileName: () => '/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => byName.has(name),
    readFile: (name) => byName.get(name),
  };
  return ts.createProgram([...byName.keys()], options, host);
}

function relativeName(sf: ts.SourceFile): string {
  return sf.fileName.replace(/^\//, '');
}

function interfaceDeclarations(symbol: ts.Symbol | undefined, checker: ts.TypeChecker): ts.InterfaceDeclaration[] {
  if (symbol === undefined) return [];
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return (target.declarations ?? []).filter(ts.isInterfaceDeclaration);
}

/** Interface declarations exported from their module, in our sources. */
function exportedInterfaces(program: ts.Program, sources: Sources): Set<ts.InterfaceDeclaration> {
  const checker = program.getTypeChecker();
  const exported = new Set<ts.InterfaceDeclaration>();
  for (const sf of program.getSourceFiles()) {
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!sources.has(relativeName(sf)) || moduleSymbol === undefined) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      for (const decl of interfaceDeclarations(symbol, checker)) {
        if (sources.has(relativeName(decl.getSourceFile()))) exported.add(decl);
      }
    }
  }
  return exported;
}

function baseInterfaces(decl: ts.InterfaceDeclaration, checker: ts.TypeChecker): ts.InterfaceDeclaration[] {
  const clauses = (decl.heritageClauses ?? []).filter((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
  return clauses.flatMap((c) => c.types.flatMap((t) => interfaceDeclarations(checker.getSymbolAtLocation(t.expression), checker)));
}

/**
 * The interfaces to check: every exported `…Options` or `…Props` interface, plus every exported
 * interface they extend, directly or not. Each declaration once, in file and position order.
 */
export function checkedInterfaces(program: ts.Program, sources: Sources): ts.InterfaceDeclaration[] {
  const checker = program.getTypeChecker();
  const exported = exportedInterfaces(program, sources);
  const queue = [...exported].filter((d) => PUBLIC_OPTIONS_NAME.test(d.name.text));
  const seen = new Set<ts.InterfaceDeclaration>();
  while (queue.length > 0) {
    const decl = queue.shift()!;
    if (seen.has(decl)) continue;
    seen.add(decl);
    queue.push(...baseInterfaces(decl, checker).filter((b) => exported.has(b)));
  }
  return [...seen].sort((a, b) =>
    relativeName(a.getSourceFile()).localeCompare(relativeName(b.getSourceFile())) || a.pos - b.pos);
}

/** JSDoc blocks (`/** … *\/`) in the comments right before `member`: more than one means a doc dangles. */
function jsDocBlockCount(member: ts.TypeElement, sf: ts.SourceFile): number {
  const ranges = ts.getLeadingCommentRanges(sf.text, member.pos) ?? [];
  return ranges.filter((r) => {
    const text = sf.text.slice(r.pos, r.end);
    return r.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**') && text !== '/**/';
  }).length;
}

/** The problems of one member: `@default` on optional members, dangling docs on all. */
export function memberProblems(member: ts.TypeElement, sf: ts.SourceFile): DocProblem[] {
  const problems: DocProblem[] = [];
  if (jsDocBlockCount(member, sf) > 1) problems.push('dangling doc');
  const defaults = ts.getJSDocTags(member).filter((t) => t.tagName.text === 'default');
  const texts = defaults.map((t) => (ts.getTextOfJSDocComment(t.comment) ?? '').trim());
  if (member.questionToken !== undefined && defaults.length === 0) problems.push('missing @default');
  if (texts.includes('undefined')) problems.push('@default undefined');
  if (texts.includes('')) problems.push('empty @default');
  return problems;
}

function memberName(member: ts.TypeElement, sf: ts.SourceFile): string {
  const name = member.name;
  if (name === undefined) return member.getText(sf);
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText(sf);
}

/** Every `@default` and dangling-doc finding of the checked interfaces, in file and line order. */
export function checkDefaults(sources: Sources): DocFinding[] {
  const program = createProgram(sources);
  const findings: DocFinding[] = [];
  for (const decl of checkedInterfaces(program, sources)) {
    const sf = decl.getSourceFile();
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member) && !ts.isMethodSignature(member)) continue;
      const line = sf.getLineAndCharacterOfPosition(member.getStart(sf)).line + 1;
      for (const problem of memberProblems(member, sf)) {
        findings.push({ file: relativeName(sf), interfaceName: decl.name.text, property: memberName(member, sf), line, problem });
      }
    }
  }
  return findings;
}

/** `src/config/options.ts: ArgoServerOptions.replicas` */
export function formatDocFinding(f: DocFinding): string {
  return `${f.file}: ${f.interfaceName}.${f.property}`;
}
