import * as path from 'path';
import * as ts from 'typescript';

/**
 * Every key of the derived `ControllerConfig`, at every depth, carries a doc comment from
 * `controller-config/definition.ts`: this walks the type the way an editor hover does (the
 * property symbols of the derived type and their documentation), so it fails both when a key of
 * the definition has no doc comment and when the derivation stops passing the comments through.
 * Kubernetes types (kubernetes-models) bring their own docs and are not walked.
 */
const FILE = path.join(__dirname, '../../src/config/controller-config/types.ts');

function load(): { checker: ts.TypeChecker; exports: ts.Symbol[] } {
  const config = ts.readConfigFile(path.join(__dirname, '../../tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, path.join(__dirname, '../..'));
  const program = ts.createProgram([FILE], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(FILE);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`cannot load ${FILE}`);
  return { checker, exports: checker.getExportsOfModule(module) };
}

/** The object types a property's type leads to: itself, list items and map values. */
function inner(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const t = checker.getNonNullableType(type);
  if (checker.isArrayType(t)) return inner(checker, checker.getTypeArguments(t as ts.TypeReference)[0]);
  const values = checker.getIndexInfoOfType(t, ts.IndexKind.String);
  if (values) return inner(checker, values.type);
  if (t.isUnion()) return t.types.flatMap((u) => inner(checker, u));
  return t.flags & ts.TypeFlags.Object ? [t] : [];
}

const isKubernetesType = (type: ts.Type): boolean =>
  (type.aliasSymbol ?? type.getSymbol())?.declarations?.some((d) => d.getSourceFile().fileName.includes('/node_modules/')) ?? false;

interface Walk { readonly checked: string[]; readonly undocumented: string[] }

function walk(checker: ts.TypeChecker, type: ts.Type, at: string, out: Walk): void {
  for (const prop of checker.getPropertiesOfType(type)) {
    const key = `${at}.${prop.name}`;
    out.checked.push(key);
    if (!ts.displayPartsToString(prop.getDocumentationComment(checker)).trim()) out.undocumented.push(key);
    for (const t of inner(checker, checker.getTypeOfSymbol(prop))) {
      if (!isKubernetesType(t)) walk(checker, t, key, out);
    }
  }
}

describe('doc comments of the controller config', () => {
  const { checker, exports } = load();
  const typeOf = (name: string): ts.Type => {
    const symbol = exports.find((s) => s.name === name);
    if (!symbol) throw new Error(`controller-config/types.ts exports no ${name}`);
    return checker.getDeclaredTypeOfSymbol(symbol);
  };

  it('every key of ControllerConfig, at every depth, has a doc comment that hovers show', () => {
    const out: Walk = { checked: [], undocumented: [] };
    walk(checker, typeOf('ControllerConfig'), 'ControllerConfig', out);
    expect(out.undocumented).toEqual([]);
    // The walk reached the nested keys, not only the top level.
    expect(out.checked).toEqual(expect.arrayContaining([
      'ControllerConfig.persistence.archiveTTL',
      'ControllerConfig.persistence.postgresql.sslMode',
      'ControllerConfig.persistence.postgresql.azureToken.scope',
      'ControllerConfig.artifactRepository.s3.encryptionOptions.kmsKeyId',
      'ControllerConfig.metricsConfig.modifiers.histogramBuckets',
      'ControllerConfig.links.scope',
      'ControllerConfig.workflowDefaults.spec.podGC.strategy',
    ]));
    expect(out.checked.length).toBeGreaterThan(300);
  });

  it('the named types keep the docs (DbConfig, DatabaseConfig, ContainerDefaults)', () => {
    for (const name of ['DbConfig', 'DatabaseConfig', 'PersistConfig', 'ArtifactRepositorySpec']) {
      const out: Walk = { checked: [], undocumented: [] };
      walk(checker, typeOf(name), name, out);
      expect(out.undocumented).toEqual([]);
      expect(out.checked.length).toBeGreaterThan(5);
    }
    // ContainerDefaults is Kubernetes' own type, with Kubernetes' docs.
    const image = checker.getPropertyOfType(typeOf('ContainerDefaults'), 'image');
    expect(image && ts.displayPartsToString(image.getDocumentationComment(checker))).toMatch(/image name/i);
  });
});
