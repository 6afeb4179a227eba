/** What synthesize() refuses to write, with the exact message, and that it then writes nothing. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { runSynth } from '../../src/cli/synth';
import { ValidationError } from '../../src/config/errors';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { synthesize, writeAtomically } from '../../src/render';
import { appWith, errorOf, plant, tempParent, tree } from './fs-fixtures';

const parent = tempParent();
const outOf = () => path.join(parent.dir(), 'out');
const argo = () => appWith((chart) => new ArgoWorkflows(chart, 'argo'));
const OWN_FOLDER = 'Fix: write to a folder of its own, such as "dist" in your project';

/** Runs `fn` in a current folder under the test's parent, with a home folder there too. */
function inside<T>(fn: (cwd: string, home: string) => T): T {
  const cwd = path.join(parent.dir(), 'work', 'project');
  const home = path.join(parent.dir(), 'users', 'me');
  fs.mkdirSync(cwd, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(cwd, 'package.json'), '{}\n');
  const was = process.cwd();
  process.chdir(cwd);
  try {
    return fn(cwd, home);
  } finally {
    process.chdir(was);
  }
}

/** The error of synthesizing `app` into `outdir`, after checking that nothing under the parent changed. */
function refusal(outdir: string, app: App = argo(), sources?: Record<string, string>): string {
  const before = tree(parent.dir());
  const error = errorOf(() => synthesize(app, outdir, sources));
  expect(tree(parent.dir())).toEqual(before);
  expect(error).toBeInstanceOf(ValidationError);
  return error.message;
}

describe('folders that are never an output folder', () => {
  test('the current folder, as "." and as its absolute path', () => inside((cwd) => {
    const rule = `is invalid: it is the current folder (${cwd}), where argo-stack would put one folder per chart next to your files. ${OWN_FOLDER}`;
    expect(refusal('.')).toBe(`output folder "." ${rule}`);
    expect(refusal('')).toBe(`output folder "" ${rule}`);
    expect(refusal(cwd)).toBe(`output folder "${cwd}" ${rule}`);
    expect(refusal(`${cwd}/`)).toBe(`output folder "${cwd}/" ${rule}`);
  }));

  test('a folder that holds the current folder', () => inside((cwd) => {
    expect(refusal('..')).toBe(`output folder ".." is invalid: it holds the current folder (${cwd}). ${OWN_FOLDER}`);
  }));

  test('the home folder, and a folder that holds it', () => inside((_cwd, home) => {
    const refused = (outdir: string) => errorOf(() => writeAtomically(outdir, { 'c/x.yaml': 'x: 1\n' }, { home })).message;
    expect(refused(home)).toBe(`output folder "${home}" is invalid: it is the home folder (${home}). ${OWN_FOLDER}`);
    expect(refused(path.dirname(home))).toBe(`output folder "${path.dirname(home)}" is invalid: it holds the home folder (${home}). ${OWN_FOLDER}`);
    expect(fs.readdirSync(home)).toEqual([]);
  }));


  test('the root of the file system', () => {
    expect(refusal('/')).toBe(`output folder "/" is invalid: it is the root of the file system. ${OWN_FOLDER}`);
  });

  test('a file', () => {
    plant(parent.dir(), { 'out': 'not a folder\n' });
    expect(refusal(outOf())).toBe(`output folder "${outOf()}" is invalid: it is not a folder. Fix: choose another path, such as "dist"`);
  });
});

describe('folders and files argo-stack did not write', () => {
  test('an output folder with content and no record', () => {
    plant(outOf(), { 'a.txt': 'a', 'b/c.txt': 'c', 'c.yaml': 'x: 1\n', 'd.md': 'd' });
    expect(refusal(outOf())).toBe(`output folder "${outOf()}" is invalid: it already holds files argo-stack did not write ("a.txt", "b", "c.yaml" and 1 more) and no .argo-stack record of files it wrote. Fix: write to a new or empty folder, or move those files out`);
  });

  test('a chart folder argo-stack does not own, with content', () => {
    synthesize(appWith((chart) => new ArgoWorkflows(chart, 'argo'), 'other'), outOf());
    plant(outOf(), { 'c/notes.txt': 'mine' });
    expect(refusal(outOf())).toBe(`chart folder "${path.join(outOf(), 'c')}" is invalid: it already holds files argo-stack did not write ("notes.txt"). Fix: move those files out, or give the chart another id`);
  });

  test('a file where argo-stack would write one, that it did not write', () => {
    synthesize(argo(), outOf());
    plant(outOf(), { 'c/30-workflow-namespaces.yaml': 'mine: true\n' });
    expect(refusal(outOf(), appWith((chart) => new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'argo' }] }))))
      .toBe(`output file "${path.join(outOf(), 'c', '30-workflow-namespaces.yaml')}" is invalid: it already exists and argo-stack did not write it (it is not in .argo-stack). Fix: move it out of the way`);
  });

  test('a damaged record', () => {
    synthesize(argo(), outOf());
    fs.appendFileSync(path.join(outOf(), '.argo-stack'), '../../etc/passwd\n');
    expect(refusal(outOf())).toBe(`line of the record "${path.join(outOf(), '.argo-stack')}" "../../etc/passwd" is invalid: each line must be a file argo-stack wrote, as <chart>/<file>. Fix: delete the record and the files argo-stack wrote, then synthesize again`);
  });
});

describe('names that must be one folder name', () => {
  const RULE = 'it names a folder under the output folder, so it must be one folder name: at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit (an RFC 1123 label; no "/", "\\", "." or "..")';

  test.each<[string, string]>([
    ['..', 'argo-workflows'],
    ['.', 'argo-workflows'],
    ['a\\b', 'a-b'],
    ['a\0b', 'a-b'],
    ['My Chart', 'my-chart'],
    ['-x-', 'x'],
    ['x'.repeat(64), 'x'.repeat(63)],
  ])('chart id %j', (id, suggestion) => {
    expect(refusal(outOf(), appWith((chart) => new ArgoWorkflows(chart, 'argo'), id)))
      .toBe(`chart id ${JSON.stringify(id)} is invalid: ${RULE}. Fix: use "${suggestion}"`);
  });

  test('a preset name (the key of sources) that is not a folder name, or names no chart', () => {
    expect(refusal(outOf(), argo(), { '../c': 'x.ts' })).toBe(`preset name "../c" is invalid: ${RULE}. Fix: use "c"`);
    expect(refusal(outOf(), argo(), { '': 'x.ts' })).toBe(`preset name "" is invalid: ${RULE}. Fix: use "argo-workflows"`);
    expect(refusal(outOf(), argo(), { other: 'x.ts' }))
      .toBe('sources names preset "other", but the app has no chart with that id (its charts: "c"). Fix: give each preset the id of the chart it builds');
  });

  test('runSynth: a preset named ".." fails with the message on stderr and writes nothing', () => {
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => { stderr += t; } };
    const preset = { name: '..', source: 'examples/x.ts', build: (app: App) => { const c = new Chart(app, '..'); new ArgoWorkflows(c, 'argo'); return c; } };
    expect(runSynth([preset], outOf(), io)).toBe(1);
    expect(stderr).toBe(`argo-stack: synth failed, ${outOf()}/ left unchanged\nchart id ".." is invalid: ${RULE}. Fix: use "argo-workflows"\n`);
    expect(fs.existsSync(outOf())).toBe(false);
  });

  test('a component label that cannot name a file', () => {
    const app = appWith((chart) => new ApiObject(chart, 'X', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { 'app.kubernetes.io/component': '../../x' } } }));
    expect(refusal(outOf(), app)).toBe('label app.kubernetes.io/component of ConfigMap x "../../x" is invalid: it names the output file 90-<component>.yaml, so it must be a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit. Fix: use a label value such as "addons"');
  });

  test.each(['x.yaml', 'a/b/c.yaml', '../x.yaml', 'c/../x.yaml', 'c/.hidden', '.c/x.yaml', 'c\\d/x.yaml', '/c/x.yaml', 'c/'])('writeAtomically: the path %j', (rel) => {
    const error = errorOf(() => writeAtomically(outOf(), { [rel]: 'x' }));
    expect(error.message).toBe(`output file ${JSON.stringify(rel)} is invalid: it must be <chart folder>/<file>: two names that do not start with "." and hold no "/", "\\" or NUL. Fix: give the chart an id such as "argo-workflows"`);
    expect(fs.existsSync(outOf())).toBe(false);
  });
});
