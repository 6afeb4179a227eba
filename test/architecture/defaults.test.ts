/**
 * design.md §5: every optional prop carries `@default`. Checked on every exported interface named
 * `…Options` or `…Props` in `src/`, and on every exported interface those extend (each declaring
 * interface once). As in the aws-cdk guidelines, `@default undefined` says nothing: write
 * `@default - <what happens>` instead.
 *
 * A property's doc is the JSDoc block right before it; TypeScript ignores any earlier block, so
 * two blocks in a row mean one of them dangles (usually a property's doc left behind when the
 * property moved).
 */
import { readSources } from './imports';
import { checkDefaults, checkedInterfaces, createProgram, DocFinding, DocProblem, formatDocFinding } from './docs';

function fixture(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

function messages(findings: readonly DocFinding[], problem: DocProblem): string[] {
  return findings.filter((f) => f.problem === problem).map(formatDocFinding);
}

describe('@default checker', () => {
  const files = fixture({
    'src/a.ts': [
      'export interface BaseOptions {',
      '  /** Documented. @default 1 */',
      '  readonly x?: number;',
      '  readonly y?: string;',
      '}',
      'interface HiddenOptions { readonly hidden?: number; }',
      'interface Internal { readonly internal?: number; }',
      'export interface Shared { readonly shared?: number; }',
      'export interface Unrelated { readonly unrelated?: number; }',
      'export interface ThingProps extends BaseOptions, Internal, Shared {',
      "  /** Worker counts. @default - Argo's defaults */",
      '  readonly a?: number;',
      '  /** Says nothing. @default undefined */',
      '  readonly b?: number;',
      '  /** Left behind. @default 1 */',
      '  /**',
      '   * The real doc.',
      '   * @default 2',
      '   */',
      '  readonly c?: number;',
      '  /** Nothing after the tag. @default */',
      '  readonly d?: number;',
      '  readonly required: string;',
      '  readonly method?: () => void;',
      '}',
      'export type { HiddenOptions };',
    ].join('\n'),
    'src/b.ts': [
      "import { BaseOptions } from './a';",
      'export interface MoreProps extends BaseOptions {',
      '  readonly m?: number;',
      '}',
    ].join('\n'),
  });
  const findings = checkDefaults(files);

  test('checks exported Options and Props interfaces and the exported interfaces they extend, each once', () => {
    const names = checkedInterfaces(createProgram(files), files).map((d) => d.name.text);
    expect(names).toEqual(['BaseOptions', 'HiddenOptions', 'Shared', 'ThingProps', 'MoreProps']);
  });

  test('reports optional properties without @default', () => {
    expect(messages(findings, 'missing @default')).toEqual([
      'src/a.ts: BaseOptions.y',
      'src/a.ts: HiddenOptions.hidden',
      'src/a.ts: Shared.shared',
      'src/a.ts: ThingProps.method',
      'src/b.ts: MoreProps.m',
    ]);
  });

  test('reports @default undefined and an empty @default', () => {
    expect(messages(findings, '@default undefined')).toEqual(['src/a.ts: ThingProps.b']);
    expect(messages(findings, 'empty @default')).toEqual(['src/a.ts: ThingProps.d']);
  });

  test('reports a property preceded by two JSDoc blocks', () => {
    expect(messages(findings, 'dangling doc')).toEqual(['src/a.ts: ThingProps.c']);
  });

  test('finds each finding once, with its line', () => {
    expect(findings.map((f) => `${f.line} ${f.problem}`)).toEqual([
      '4 missing @default',
      '6 missing @default',
      '8 missing @default',
      '14 @default undefined',
      '20 dangling doc',
      '22 empty @default',
      '24 missing @default',
      '3 missing @default',
    ]);
  });
});

describe('src/ options and props document their defaults', () => {
  const sources = readSources('src');
  const findings = checkDefaults(sources);

  test('the scan reaches the public options', () => {
    const names = checkedInterfaces(createProgram(sources), sources).map((d) => d.name.text);
    expect(names).toEqual(expect.arrayContaining(['ArgoWorkflowsProps', 'PodOptions', 'RepositoryCommonOptions', 'MinioOptions']));
  });

  test('every optional property has @default', () => {
    expect(messages(findings, 'missing @default')).toEqual([]);
  });

  test('no @default is undefined or empty', () => {
    expect([...messages(findings, '@default undefined'), ...messages(findings, 'empty @default')]).toEqual([]);
  });

  test('every property doc is attached (no dangling JSDoc block)', () => {
    expect(messages(findings, 'dangling doc')).toEqual([]);
  });
});
