/**
 * The layers of design.md §1, enforced over the import graph of `src/`.
 *
 * Relative imports build the graph; package and built-in imports are checked against each layer's
 * rule. Every kind of reference counts: static imports and re-exports, `import type`, `import x =
 * require()`, `import('…')` types, dynamic `import()` and `require()`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  countImportCycles, elementaryCycles, formatCycle, importGraph, readSources, scanFile, scanImports, stronglyConnected,
} from './imports';
import { AllowedFinding, applyAllowlist, checkLayers, formatFinding, inFolder, LayerRule } from './layer-rules';

const CONFIG = 'config/ is the pure model: no cdk8s, constructs, cdk8s-plus or Pulumi, no I/O, and none of k8s/, render/, cloud/, pulumi/, cli/';
const K8S = 'k8s/ may import only config/ and k8s/';
const CLOUD = 'cloud/ may import only config/ and cloud/, and no cdk8s or constructs';
const PULUMI = 'pulumi/ (the bridge) may import only config/, render/ and pulumi/';
const PULUMI_ONLY = 'only cloud/ and pulumi/ may load Pulumi or import cloud/ and pulumi/ (config/ has its own rule), so argo-stack itself installs without Pulumi';
const POLICY = 'policy/ imports nothing of ours outside policy/';
const RENDER = 'render/ may not import cloud/, pulumi/ or cli/';
const SRC = 'src/ may not import examples/, bench/, test/ or stacks/';

/**
 * `cdk8s` in config/: design.md says "No cdk8s". The one thing config/ takes from it is the
 * `Duration` value type in options (`archiveTTL`, `connMaxLifetime`), which the public API keeps
 * for cdk8s users. A type-only import (`import type { Duration } from 'cdk8s'`) is erased at
 * compile time, so config/ stays loadable without cdk8s (the Pulumi side); the runtime check then
 * duck-types (`typeof value.toMilliseconds === 'function'`) instead of `instanceof Duration`.
 * So the rule accepts exactly that type-only import and nothing else from cdk8s.
 */
const LAYER_RULES: readonly LayerRule[] = [
  {
    name: CONFIG,
    files: 'src/config',
    forbiddenPackages: ['cdk8s', 'cdk8s-plus-*', 'constructs', '@pulumi/*'],
    // node:net (isIP for CIDR checks) and node:crypto are pure; every other built-in is I/O or environment.
    allowedBuiltins: ['net', 'crypto'],
    forbiddenPaths: ['src/k8s', 'src/render', 'src/cloud', 'src/pulumi', 'src/cli'],
    typeOnlyAllowances: [{ module: 'cdk8s', names: ['Duration'] }],
  },
  { name: K8S, files: 'src/k8s', allowedPaths: ['src/config', 'src/k8s'] },
  { name: CLOUD, files: 'src/cloud', allowedPaths: ['src/config', 'src/cloud'], forbiddenPackages: ['cdk8s', 'cdk8s-plus-*', 'constructs'] },
  { name: PULUMI, files: 'src/pulumi', allowedPaths: ['src/config', 'src/render', 'src/pulumi'] },
  { name: PULUMI_ONLY, files: 'src', except: ['src/cloud', 'src/pulumi', 'src/config'], forbiddenPaths: ['src/cloud', 'src/pulumi'], forbiddenPackages: ['@pulumi/*'] },
  { name: POLICY, files: 'src/policy', allowedPaths: ['src/policy'] },
  { name: RENDER, files: 'src/render', forbiddenPaths: ['src/cloud', 'src/pulumi', 'src/cli'] },
  { name: SRC, files: 'src', forbiddenPaths: ['examples', 'bench', 'test', 'stacks'] },
];

/**
 * Findings accepted until src/ is fixed. Remove an entry once its import is gone: a stale entry
 * fails the suite.
 */
const ALLOWLIST: readonly AllowedFinding[] = [];

function fixture(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

function layerMessages(files: Record<string, string>): string[] {
  return checkLayers(scanImports(fixture(files)), LAYER_RULES).map(formatFinding);
}

describe('import scanner', () => {
  test('reads every kind of module reference, and none from comments or strings', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C, type D } from './c';",
      "export * from './e';",
      "export { f as g } from './f';",
      "import h = require('./h');",
      "type I = import('./i').I.J;",
      "async function load() { return import('./j'); }",
      "const k = require('./k');",
      "// import { x } from './x';",
      "const s = \"import { y } from './y'\";",
    ].join('\n');
    const found = scanFile('src/m.ts', text).map((r) => [r.line, r.specifier, r.kind, r.typeOnly, r.names]);
    expect(found).toEqual([
      [1, './a', 'import', false, ['a']],
      [2, './b', 'import', true, ['B']],
      [3, './c', 'import', true, ['C', 'D']],
      [4, './e', 'export-from', false, ['*']],
      [5, './f', 'export-from', false, ['f']],
      [6, './h', 'import-equals', false, ['*']],
      [7, './i', 'import-type-node', true, ['I']],
      [8, './j', 'dynamic-import', false, []],
      [9, './k', 'require', false, []],
    ]);
  });

  test('resolves relative specifiers to files, index files and .js spellings', () => {
    const records = scanImports(fixture({
      'src/a.ts': "import './b'; import './dir'; import './c.js'; import '../examples/x'; import 'yaml';",
      'src/b.ts': '', 'src/c.ts': '', 'src/dir/index.ts': '',
    }));
    expect(records.map((r) => [r.specifier, r.target, r.resolved])).toEqual([
      ['./b', 'src/b.ts', true],
      ['./dir', 'src/dir/index.ts', true],
      ['./c.js', 'src/c.ts', true],
      ['../examples/x', 'examples/x', false],
      ['yaml', undefined, false],
    ]);
  });
});

describe('cycle detection', () => {
  const files = fixture({
    'src/a.ts': "import { b } from './b';",
    'src/b.ts': "import type { A } from './a';\nexport * from './c';",
    'src/c.ts': "const a = require('./a');",
    'src/d.ts': "async function f() { return import('./e'); }",
    'src/e.ts': "import { d } from './d';",
    'src/f.ts': "import { a } from './a';",
  });
  const graph = importGraph(files, scanImports(files));

  test('lists each elementary cycle once, from its first file, through type, require and dynamic imports', () => {
    expect(elementaryCycles(graph).map(formatCycle)).toEqual([
      'src/a.ts -> src/b.ts -> src/a.ts',
      'src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts',
      'src/d.ts -> src/e.ts -> src/d.ts',
    ]);
  });

  test('groups files into strongly connected components', () => {
    expect(stronglyConnected(graph)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts'], ['src/d.ts', 'src/e.ts'], ['src/f.ts']]);
  });

  test('counts components and elementary cycles of a folder on disk', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    try {
      for (const [file, text] of files) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
      expect(countImportCycles('src', root)).toEqual({ files: 6, cyclicComponents: 2, filesInCycles: 5, elementaryCycles: 3 });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('layer rules', () => {
  test('config/ may take Duration from cdk8s as a type only', () => {
    expect(layerMessages({
      'src/config/ok.ts': "import type { Duration } from 'cdk8s';\nimport { isIP } from 'node:net';\nimport { createHash } from 'node:crypto';",
      'src/config/value.ts': "import { Duration } from 'cdk8s';",
      'src/config/other.ts': "import type { Duration, App } from 'cdk8s';",
    })).toEqual([
      `src/config/other.ts:1 imports 'cdk8s': ${CONFIG}`,
      `src/config/value.ts:1 imports 'cdk8s': ${CONFIG}`,
    ]);
  });

  test('config/ may not reach construct libraries, Pulumi, I/O or the layers above it', () => {
    expect(layerMessages({
      'src/config/a.ts': [
        "import { Construct } from 'constructs';",
        "import * as kplus from 'cdk8s-plus-28';",
        "async function f() { return import('@pulumi/kubernetes'); }",
        "const cp = require('node:child_process');",
        "import { readFileSync } from 'fs';",
        "import { ApiObject } from '../k8s/meta';",
      ].join('\n'),
      'src/k8s/meta.ts': '',
    })).toEqual([
      `src/config/a.ts:1 imports 'constructs': ${CONFIG}`,
      `src/config/a.ts:2 imports 'cdk8s-plus-28': ${CONFIG}`,
      `src/config/a.ts:3 imports '@pulumi/kubernetes': ${CONFIG}`,
      `src/config/a.ts:4 imports 'node:child_process': ${CONFIG}`,
      `src/config/a.ts:5 imports 'fs': ${CONFIG}`,
      `src/config/a.ts:6 imports '../k8s/meta' (src/k8s/meta.ts): ${CONFIG}`,
    ]);
  });

  test('k8s/, cloud/, policy/, render/ and src/ keep to their imports', () => {
    expect(layerMessages({
      'src/k8s/a.ts': "import { x } from '../config/x';\nimport { y } from './y';\nimport type { Finding } from '../policy/p';",
      'src/cloud/aws/b.ts': "import { Duration } from 'cdk8s';\nimport type { M } from '../../k8s/y';\nimport { names } from '../../config/x';",
      'src/policy/p.ts': "import { x } from '../config/x';",
      'src/render/r.ts': "const cli = require('../cli/main');",
      'src/main.ts': "import { quickStart } from '../examples/quick-start';",
      'src/config/x.ts': '', 'src/k8s/y.ts': '', 'src/cli/main.ts': '',
    })).toEqual([
      `src/cloud/aws/b.ts:1 imports 'cdk8s': ${CLOUD}`,
      `src/cloud/aws/b.ts:2 imports '../../k8s/y' (src/k8s/y.ts): ${CLOUD}`,
      `src/k8s/a.ts:3 imports '../policy/p' (src/policy/p.ts): ${K8S}`,
      `src/main.ts:1 imports '../examples/quick-start' (examples/quick-start): ${SRC}`,
      `src/policy/p.ts:1 imports '../config/x' (src/config/x.ts): ${POLICY}`,
      `src/render/r.ts:1 imports '../cli/main' (src/cli/main.ts): ${RENDER}`,
    ]);
  });

  test('cloud/ imports config/ only; pulumi/ bridges config/ and render/; nothing else loads Pulumi', () => {
    expect(layerMessages({
      'src/cloud/aws/a.ts': "import * as aws from '@pulumi/aws';\nimport { x } from '../../config/x';\nimport { toObjects } from '../../render/objects';\nimport { y } from '../../pulumi/y';",
      'src/pulumi/b.ts': "import * as k8s from '@pulumi/kubernetes';\nimport { toObjects } from '../render/objects';\nimport { x } from '../config/x';\nimport { a } from '../cloud/aws/a';\nimport { m } from '../k8s/m';",
      'src/index.ts': "export { y } from './pulumi/y';",
      'src/render/r.ts': "import * as pulumi from '@pulumi/pulumi';",
      'src/config/x.ts': '', 'src/render/objects.ts': '', 'src/pulumi/y.ts': '', 'src/k8s/m.ts': '',
    })).toEqual([
      `src/cloud/aws/a.ts:3 imports '../../render/objects' (src/render/objects.ts): ${CLOUD}`,
      `src/cloud/aws/a.ts:4 imports '../../pulumi/y' (src/pulumi/y.ts): ${CLOUD}`,
      `src/index.ts:1 imports './pulumi/y' (src/pulumi/y.ts): ${PULUMI_ONLY}`,
      `src/pulumi/b.ts:4 imports '../cloud/aws/a' (src/cloud/aws/a.ts): ${PULUMI}`,
      `src/pulumi/b.ts:5 imports '../k8s/m' (src/k8s/m.ts): ${PULUMI}`,
      `src/render/r.ts:1 imports '@pulumi/pulumi': ${PULUMI_ONLY}`,
    ]);
  });

  test('an allowlist entry hides its finding, and reports itself once stale', () => {
    const findings = checkLayers(scanImports(fixture({ 'src/config/ttl.ts': "import { Duration } from 'cdk8s';" })), LAYER_RULES);
    const gone: AllowedFinding = { file: 'src/config/gone.ts', specifier: 'cdk8s', reason: 'fixed' };
    const ttl: AllowedFinding = { file: 'src/config/ttl.ts', specifier: 'cdk8s', reason: 'a value import, in this fixture' };
    expect(applyAllowlist(findings, [ttl, gone])).toEqual({ remaining: [], stale: [gone] });
  });
});

describe('src/ follows the layers of design.md', () => {
  const sources = readSources('src');
  const records = scanImports(sources);
  const { remaining, stale } = applyAllowlist(checkLayers(records, LAYER_RULES), ALLOWLIST);

  test('has no import cycles', () => {
    expect(elementaryCycles(importGraph(sources, records)).map(formatCycle)).toEqual([]);
  });

  test.each(LAYER_RULES.map((r) => [r.name]))('%s', (rule) => {
    expect(remaining.filter((f) => f.rule === rule).map(formatFinding)).toEqual([]);
  });

  test('every allowlisted import is still there (remove fixed entries)', () => {
    expect(stale).toEqual([]);
  });

  test('every relative import into src/ resolves to a scanned file, so the graph misses no edge', () => {
    const unresolved = records
      .filter((r) => r.target !== undefined && inFolder(r.target, 'src') && !r.resolved)
      .map((r) => `${r.file}:${r.line} imports '${r.specifier}'`);
    expect(unresolved).toEqual([]);
  });

  test('constructs validate nothing: src/k8s/ (scripts aside) imports no validator of config/', () => {
    const validators = ['src/config/errors.ts', 'src/config/check.ts', 'src/config/names.ts'];
    const offending = records
      .filter((r) => inFolder(r.file, 'src/k8s') && !inFolder(r.file, 'src/k8s/scripts') && r.target !== undefined && validators.includes(r.target))
      .map((r) => `${r.file}:${r.line} imports '${r.specifier}'`);
    expect(offending).toEqual([]);
  });
});
