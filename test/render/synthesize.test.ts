/** synthesize(): all or nothing, only argo-stack's own files replaced, files in apply order. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PRESETS } from '../../examples';
import { buildApp } from '../../src/cli/synth';
import { ValidationError } from '../../src/config/errors';
import { CrdMode } from '../../src/config/options';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { declareAlternatives, fileFor, renderApp, renderChart, synthesize, validateApp } from '../../src/render';
import { recordText } from '../../src/render/record';
import { appWith, errorOf, plant, tempParent, tree } from './fs-fixtures';

const parent = tempParent();
const outOf = () => path.join(parent.dir(), 'out');

/** A folder with an earlier synth of chart `c`, a user's README.md and kustomization.yaml in it. */
function seed(): Record<string, string> {
  synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'argo' }] })), outOf());
  plant(outOf(), { 'README.md': 'my notes\n', 'c/kustomization.yaml': 'resources: [00-namespaces.yaml]\n' });
  return tree(outOf());
}

/** Nothing but the output folder next to it: no temporary folders or files. */
const siblings = () => fs.readdirSync(parent.dir()).sort();

/** `{ [file]: content }` of rendered files plus the record listing them. */
const withRecord = (files: Record<string, string>) => ({ ...files, '.argo-stack': recordText(Object.keys(files)) });

describe('a failed synth leaves the output folder untouched', () => {
  test('a construct validation error: exact message, nothing written', () => {
    const before = seed();
    const app = appWith((chart) => {
      new ArgoWorkflows(chart, 'argo');
      new Construct(chart, 'Bad').node.addValidation({ validate: () => ['first problem', 'second problem'] });
      new Construct(chart, 'AlsoBad').node.addValidation({ validate: () => ['third problem'] });
    });
    const error = errorOf(() => synthesize(app, outOf()));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe([
      'Validation failed with the following errors:',
      '  [c/Bad] first problem',
      '  [c/Bad] second problem',
      '  [c/AlsoBad] third problem',
    ].join('\n'));
    expect(tree(outOf())).toEqual(before);
    expect(siblings()).toEqual(['out']);
  });

  test('validateApp passes on a valid app and throws the same error as synthesize', () => {
    expect(() => validateApp(appWith((chart) => new ArgoWorkflows(chart, 'argo')))).not.toThrow();
    const bad = appWith((chart) => new Construct(chart, 'Bad').node.addValidation({ validate: () => ['boom'] }));
    expect(() => validateApp(bad)).toThrow(new ValidationError('Validation failed with the following errors:\n  [c/Bad] boom'));
  });

  test('a construction error (invalid option): exact message, nothing written', () => {
    const before = seed();
    expect(() => synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo', { server: { baseHref: 'argo' } })), outOf())).toThrow(new ValidationError(
      'server.baseHref "argo" is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "/argo/"',
    ));
    expect(tree(outOf())).toEqual(before);
  });

  test('an error while rendering, after validation: nothing written', () => {
    const before = seed();
    const app = appWith((chart) => {
      new ArgoWorkflows(chart, 'argo');
      new ApiObject(chart, 'Broken', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'broken' },
        data: Lazy.any({ produce: () => { throw new Error('render exploded'); } }),
      } as never);
    });
    expect(() => synthesize(app, outOf())).toThrow(new Error("Failed serializing construct at path 'c/Broken' with name 'broken': Error: render exploded"));
    expect(tree(outOf())).toEqual(before);
    expect(siblings()).toEqual(['out']);
  });

  test('an output folder under a file: exact message, nothing written next to it', () => {
    fs.writeFileSync(path.join(parent.dir(), 'file'), 'x');
    const out = path.join(parent.dir(), 'file', 'out');
    expect(() => synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo')), out)).toThrow(new ValidationError(
      `output folder "${out}" is invalid: ${path.join(parent.dir(), 'file')} is not a folder. Fix: choose another path, such as "dist"`,
    ));
    expect(siblings()).toEqual(['file']);
    expect(fs.readFileSync(path.join(parent.dir(), 'file'), 'utf8')).toBe('x');
  });
});

describe('a successful synth replaces only what argo-stack wrote', () => {
  test('a missing output folder (and its missing parents) is created: the files and the record', () => {
    const out = path.join(parent.dir(), 'a', 'b', 'out');
    const files = synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo')), out);
    expect(tree(out)).toEqual(withRecord(files));
  });

  test('foreign files survive: a kustomization.yaml next to the manifests and a README.md next to the charts', () => {
    seed();
    const files = synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'argo' }] })), outOf());
    expect(tree(outOf())).toEqual({
      ...withRecord(files),
      'README.md': 'my notes\n',
      'c/kustomization.yaml': 'resources: [00-namespaces.yaml]\n',
    });
    expect(siblings()).toEqual(['out']);
  });

  test('a file argo-stack wrote last time but not this time is removed; the foreign ones stay', () => {
    seed();
    expect(fs.existsSync(path.join(outOf(), 'c', '30-workflow-namespaces.yaml'))).toBe(true);
    const files = synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo')), outOf());
    expect(Object.keys(files)).not.toContain('c/30-workflow-namespaces.yaml');
    expect(tree(outOf())).toEqual({
      ...withRecord(files),
      'README.md': 'my notes\n',
      'c/kustomization.yaml': 'resources: [00-namespaces.yaml]\n',
    });
  });

  test('a chart dropped from the app: its files go, its folder too when nothing else is in it', () => {
    const app = () => {
      const a = declareAlternatives(new App());
      new ArgoWorkflows(new Chart(a, 'keep'), 'argo');
      return a;
    };
    const both = declareAlternatives(new App());
    new ArgoWorkflows(new Chart(both, 'keep'), 'argo');
    new ArgoWorkflows(new Chart(both, 'gone'), 'argo');
    new ArgoWorkflows(new Chart(both, 'kept-folder'), 'argo');
    synthesize(both, outOf());
    plant(outOf(), { 'kept-folder/notes.txt': 'mine\n' });
    const files = synthesize(app(), outOf());
    expect(tree(outOf())).toEqual({ ...withRecord(files), 'kept-folder/notes.txt': 'mine\n' });
    expect(fs.readdirSync(outOf()).sort()).toEqual(['.argo-stack', 'keep', 'kept-folder']);
  });

  test('unchanged files are not rewritten', () => {
    const build = () => appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    synthesize(build(), outOf());
    const file = path.join(outOf(), 'c', '00-namespaces.yaml');
    const old = new Date('2001-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    synthesize(build(), outOf());
    expect(fs.statSync(file).mtime).toEqual(old);
  });

  test('synthesizing twice gives the same folder; the returned files equal renderApp output', () => {
    const build = () => appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    const files = synthesize(build(), outOf(), { c: 'x.ts' });
    expect(files).toEqual(renderApp(build(), { c: 'x.ts' }, path.basename(outOf())));
    const first = tree(outOf());
    synthesize(build(), outOf(), { c: 'x.ts' });
    expect(tree(outOf())).toEqual(first);
  });
});

describe('the record .argo-stack', () => {
  test('exact content: a header, then every file written, sorted; nothing that changes between runs', () => {
    synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'argo' }] })), outOf());
    expect(fs.readFileSync(path.join(outOf(), '.argo-stack'), 'utf8')).toBe([
      '# The files argo-stack wrote in this folder. The next synth replaces or deletes exactly these and leaves everything else alone. Do not edit.',
      'c/00-namespaces.yaml',
      'c/01-crds.yaml',
      'c/02-network-policies.yaml',
      'c/10-workflow-controller.yaml',
      'c/20-argo-server.yaml',
      'c/30-workflow-namespaces.yaml',
      'c/README.md',
      '',
    ].join('\n'));
  });

  test('the committed dist/.argo-stack lists exactly the files of the presets', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'dist', '.argo-stack'), 'utf8');
    expect(committed).toBe(recordText(Object.keys(renderApp(buildApp(PRESETS)))));
  });

  test('an output folder from before records (generated files only) is taken over once', () => {
    const files = renderApp(appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'argo' }] })));
    plant(outOf(), { ...files, 'c/30-workflow-namespaces.yaml': '# Generated by argo-stack. Do not edit.\n---\nold: true\n', 'README.md': 'mine\n' });
    const now = synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo')), outOf());
    expect(tree(outOf())).toEqual({ ...withRecord(now), 'README.md': 'mine\n' });
  });
});

describe('file layout', () => {
  test('files are sorted in apply order: 00-namespaces and 01-crds first', () => {
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'team-a' }] }));
    expect(Object.keys(renderChart(app.node.findChild('c') as Chart))).toEqual([
      '00-namespaces.yaml', '01-crds.yaml', '02-network-policies.yaml', '10-workflow-controller.yaml', '20-argo-server.yaml', '30-workflow-namespaces.yaml', 'README.md',
    ]);
  });

  test('objects of an unknown component go to 90-<component>, unlabelled ones to 90-other, after the known files', () => {
    const app = appWith((chart) => {
      new ApiObject(chart, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', labels: { 'app.kubernetes.io/component': 'addons' } } });
      new ApiObject(chart, 'Plain', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } });
      new ArgoWorkflows(chart, 'argo', { crds: CrdMode.NONE });
    });
    expect(Object.keys(renderChart(app.node.findChild('c') as Chart))).toEqual(['00-namespaces.yaml', '02-network-policies.yaml', '10-workflow-controller.yaml', '20-argo-server.yaml', '90-addons.yaml', '90-other.yaml', 'README.md']);
    expect(fileFor({ metadata: { labels: { 'app.kubernetes.io/component': 'crds' } } })).toBe('01-crds');
    expect(fileFor({ metadata: { labels: { 'app.kubernetes.io/component': 'addons' } } })).toBe('90-addons');
    expect(fileFor({})).toBe('90-other');
  });

  test('each file starts with the generated header naming its source, then one "---" per object', () => {
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    expect(renderApp(app, { c: 'examples/c.ts' })['c/00-namespaces.yaml'].split('\n').slice(0, 3)).toEqual([
      '# Generated by argo-stack from examples/c.ts. Do not edit: change the program and run npm run synth.',
      '---',
      'apiVersion: v1',
    ]);
    const noSource = renderApp(app)['c/01-crds.yaml'];
    expect(noSource.split('\n').slice(0, 4)).toEqual([
      '# Generated by argo-stack. Do not edit: change the program and run npm run synth.',
      '---',
      'apiVersion: v1',
      'kind: ServiceAccount',
    ]);
    expect(noSource.match(/^---$/gm)).toHaveLength(4);
  });

  test('charts are rendered in tree order, each under its own folder', () => {
    const app = declareAlternatives(new App());
    new ArgoWorkflows(new Chart(app, 'b'), 'argo', { server: { enabled: false }, crds: CrdMode.NONE });
    new ArgoWorkflows(new Chart(app, 'a'), 'argo', { server: { enabled: false }, crds: CrdMode.NONE });
    expect(Object.keys(renderApp(app))).toEqual([
      'b/00-namespaces.yaml', 'b/02-network-policies.yaml', 'b/10-workflow-controller.yaml', 'b/README.md',
      'a/00-namespaces.yaml', 'a/02-network-policies.yaml', 'a/10-workflow-controller.yaml', 'a/README.md',
    ]);
  });
});
