/** synthesize(): all or nothing, stale files removed, files in apply order. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../../src/config/errors';
import { CrdMode } from '../../src/config/options';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { declareAlternatives, fileFor, renderApp, renderChart, synthesize, validateApp } from '../../src/render';

let parent: string;
let out: string;

beforeEach(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-synth-'));
  out = path.join(parent, 'out');
});
afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

/** Every file under a folder with its content, as a sorted map of relative paths. */
function tree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else result[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}

/** A folder with an old render and an unrelated file in it. */
function seed(): Record<string, string> {
  fs.mkdirSync(path.join(out, 'c'), { recursive: true });
  fs.writeFileSync(path.join(out, 'c', '00-namespaces.yaml'), '# old render\n');
  fs.writeFileSync(path.join(out, 'c', '99-stale.yaml'), '# stale\n');
  fs.writeFileSync(path.join(out, 'README.txt'), 'keep me?\n');
  return tree(out);
}

/** Only `out` may exist next to it: no temporary `.out-new-*` / `.out-old-*` folders left behind. */
const siblings = () => fs.readdirSync(parent).sort();

function appWith(build: (chart: Chart) => void): App {
  const app = new App();
  const chart = new Chart(app, 'c');
  build(chart);
  return app;
}

describe('a failed synth leaves the output folder untouched', () => {
  test('a construct validation error: exact message, nothing written', () => {
    const before = seed();
    const app = appWith((chart) => {
      new ArgoWorkflows(chart, 'argo');
      const bad = new Construct(chart, 'Bad');
      bad.node.addValidation({ validate: () => ['first problem', 'second problem'] });
      new Construct(chart, 'AlsoBad').node.addValidation({ validate: () => ['third problem'] });
    });
    let error: unknown;
    try {
      synthesize(app, out);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe([
      'Validation failed with the following errors:',
      '  [c/Bad] first problem',
      '  [c/Bad] second problem',
      '  [c/AlsoBad] third problem',
    ].join('\n'));
    expect(tree(out)).toEqual(before);
    expect(siblings()).toEqual(['out']);
  });

  test('validateApp passes on a valid app and throws the same error as synthesize', () => {
    expect(() => validateApp(appWith((chart) => new ArgoWorkflows(chart, 'argo')))).not.toThrow();
    const bad = appWith((chart) => new Construct(chart, 'Bad').node.addValidation({ validate: () => ['boom'] }));
    expect(() => validateApp(bad)).toThrow(new ValidationError('Validation failed with the following errors:\n  [c/Bad] boom'));
  });

  test('a construction error (invalid option): exact message, nothing written', () => {
    const before = seed();
    expect(() => {
      const app = appWith((chart) => new ArgoWorkflows(chart, 'argo', { server: { baseHref: 'argo' } }));
      synthesize(app, out);
    }).toThrow(new ValidationError(
      'server.baseHref "argo" is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "/argo/"',
    ));
    expect(tree(out)).toEqual(before);
    expect(siblings()).toEqual(['out']);
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
    expect(() => synthesize(app, out)).toThrow(new Error("Failed serializing construct at path 'c/Broken' with name 'broken': Error: render exploded"));
    expect(tree(out)).toEqual(before);
    expect(siblings()).toEqual(['out']);
  });

  test('an output folder that cannot be created: nothing written next to it', () => {
    fs.writeFileSync(path.join(parent, 'file'), 'x');
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    // The message holds a random temporary name: assert the error's fields.
    expect(() => synthesize(app, path.join(parent, 'file', 'out'))).toThrow(expect.objectContaining({ code: 'ENOTDIR', syscall: 'mkdtemp' }));
    expect(siblings()).toEqual(['file']);
    expect(fs.readFileSync(path.join(parent, 'file'), 'utf8')).toBe('x');
  });
});

describe('a successful synth replaces the output folder', () => {
  test('stale files are removed and the folder holds exactly the rendered files', () => {
    seed();
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'argo' }] }));
    const files = synthesize(app, out, { c: 'examples/c.ts' });
    expect(Object.keys(files)).toEqual([
      'c/00-namespaces.yaml',
      'c/01-crds.yaml',
      'c/10-workflow-controller.yaml',
      'c/20-argo-server.yaml',
      'c/30-workflow-namespaces.yaml',
    ]);
    expect(tree(out)).toEqual(files);
    expect(fs.existsSync(path.join(out, 'README.txt'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'c', '99-stale.yaml'))).toBe(false);
    expect(siblings()).toEqual(['out']);
  });

  test('the returned files equal renderApp output', () => {
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    expect(synthesize(app, out, { c: 'x.ts' })).toEqual(renderApp(appWith((chart) => new ArgoWorkflows(chart, 'argo')), { c: 'x.ts' }));
  });

  test('a missing output folder is created', () => {
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    const files = synthesize(app, out);
    expect(tree(out)).toEqual(files);
    expect(siblings()).toEqual(['out']);
  });

  test('synthesizing twice gives the same folder', () => {
    const build = () => appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    synthesize(build(), out);
    const first = tree(out);
    synthesize(build(), out);
    expect(tree(out)).toEqual(first);
  });
});

describe('file layout', () => {
  test('files are sorted in apply order: 00-namespaces and 01-crds first', () => {
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'team-a' }] }));
    const files = renderChart(app.node.findChild('c') as Chart);
    expect(Object.keys(files)).toEqual([
      '00-namespaces.yaml',
      '01-crds.yaml',
      '10-workflow-controller.yaml',
      '20-argo-server.yaml',
      '30-workflow-namespaces.yaml',
    ]);
  });

  test('objects of an unknown component go to 90-<component>, unlabelled ones to 90-other, after the known files', () => {
    const app = appWith((chart) => {
      new ApiObject(chart, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', labels: { 'app.kubernetes.io/component': 'addons' } } });
      new ApiObject(chart, 'Plain', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } });
      new ArgoWorkflows(chart, 'argo', { crds: CrdMode.NONE });
    });
    const files = renderChart(app.node.findChild('c') as Chart);
    expect(Object.keys(files)).toEqual(['00-namespaces.yaml', '10-workflow-controller.yaml', '20-argo-server.yaml', '90-addons.yaml', '90-other.yaml']);
    expect(fileFor({ metadata: { labels: { 'app.kubernetes.io/component': 'crds' } } })).toBe('01-crds');
    expect(fileFor({ metadata: { labels: { 'app.kubernetes.io/component': 'addons' } } })).toBe('90-addons');
    expect(fileFor({})).toBe('90-other');
  });

  test('each file starts with the generated header naming its source, then one "---" per object', () => {
    const app = appWith((chart) => new ArgoWorkflows(chart, 'argo'));
    const withSource = renderApp(app, { c: 'examples/c.ts' })['c/00-namespaces.yaml'];
    expect(withSource.split('\n').slice(0, 3)).toEqual([
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
      'b/00-namespaces.yaml', 'b/10-workflow-controller.yaml',
      'a/00-namespaces.yaml', 'a/10-workflow-controller.yaml',
    ]);
  });
});
