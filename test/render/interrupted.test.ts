/**
 * synthesize() interrupted: a file system call that fails at any step (the old output comes back,
 * byte for byte), and a process killed at any step (every file whole, old or new, none missing;
 * the next synth finishes the job).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { declareAlternatives, renderApp, synthesize, writeAtomically } from '../../src/render';
import type { FileSystem } from '../../src/render/record';
import { recordText } from '../../src/render/record';
import { errorOf, plant, tempParent, tree } from './fs-fixtures';

const parent = tempParent();
const outOf = () => path.join(parent.dir(), 'out');

/** An app of charts, each `{ component: value }` giving one ConfigMap in file 90-<component>.yaml. */
function app(charts: Record<string, Record<string, string>>): App {
  const a = declareAlternatives(new App());
  for (const [id, files] of Object.entries(charts)) {
    const chart = new Chart(a, id);
    for (const [component, value] of Object.entries(files)) {
      new ApiObject(chart, component, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: component, labels: { 'app.kubernetes.io/component': component } }, data: { value } });
    }
  }
  return a;
}

/** Old output: changed, unchanged and dropped files, and a chart that goes away. New: a file and a chart appear. */
const OLD = () => app({ c: { a: 'old', b: 'same', gone: 'old' }, dropped: { x: 'old' } });
const NEW = () => app({ c: { a: 'new', b: 'same', added: 'new' }, fresh: { y: 'new' } });
const FOREIGN = { 'README.md': 'my notes\n', 'c/kustomization.yaml': 'resources: []\n' };

const MUTATING = ['writeFileSync', 'renameSync', 'unlinkSync', 'mkdirSync', 'rmdirSync'] as const;

/**
 * The node file system, counting the calls that change something: from call number `from` on
 * (only that call with `once`), each throws EIO, as a full disk, a failed rename or a killed
 * process would stop it.
 */
function failing(from: number, once: boolean): FileSystem & { calls: () => number } {
  let calls = 0;
  const fsys: Record<string, unknown> = { ...fs, calls: () => calls };
  for (const name of MUTATING) {
    fsys[name] = (...args: unknown[]) => {
      calls += 1;
      if (calls === from || (!once && calls > from)) throw Object.assign(new Error(`EIO: i/o error, ${name} (call ${calls})`), { code: 'EIO' });
      return (fs[name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return fsys as unknown as FileSystem & { calls: () => number };
}

/** The old output on disk in `out` with the user's files, and what the new output is. */
function setUp(out = outOf()): { before: Record<string, string>; oldFiles: Record<string, string>; newFiles: Record<string, string> } {
  const oldFiles = synthesize(OLD(), out);
  plant(out, FOREIGN);
  return { before: tree(out), oldFiles, newFiles: renderApp(NEW()) };
}

/** How many changing calls a whole synth from the old output to the new makes (counted in a folder of its own). */
function callsOfAWholeWrite(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-count-'));
  try {
    const out = path.join(dir, 'out');
    setUp(out);
    const counter = failing(Number.MAX_SAFE_INTEGER, true);
    writeAtomically(out, renderApp(NEW()), { fs: counter });
    return counter.calls();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const isTemp = (rel: string) => path.basename(rel).startsWith('.') && rel.endsWith('.argo-stack-new');

test('the scenario changes, keeps, drops and adds files and charts', () => {
  const { oldFiles, newFiles } = setUp();
  expect(Object.keys(oldFiles)).toEqual(['c/90-a.yaml', 'c/90-b.yaml', 'c/90-gone.yaml', 'dropped/90-x.yaml']);
  expect(Object.keys(newFiles)).toEqual(['c/90-a.yaml', 'c/90-added.yaml', 'c/90-b.yaml', 'fresh/90-y.yaml']);
  synthesize(NEW(), outOf());
  expect(tree(outOf())).toEqual({ ...newFiles, ...FOREIGN, '.argo-stack': recordText(Object.keys(newFiles)) });
});

test('a rename that fails half-way: the old output is intact, byte for byte, and the error is thrown', () => {
  const { before } = setUp();
  let renames = 0;
  const fsys: FileSystem = {
    ...fs,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (++renames === 3) throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
      fs.renameSync(from, to);
    },
  };
  const error = errorOf(() => writeAtomically(outOf(), renderApp(NEW()), { fs: fsys }));
  expect(error.message).toBe('EXDEV: cross-device link not permitted, rename');
  expect(renames).toBe(3);
  expect(tree(outOf())).toEqual(before);
});

describe('a file system call that fails at any step', () => {
  const total = callsOfAWholeWrite();

  test('the steps are many enough to test', () => {
    expect(total).toBeGreaterThan(10);
  });

  test.each(Array.from({ length: total }, (_, i) => i + 1))('call %i fails: the old output comes back, no temporary file is left', (k) => {
    const { before } = setUp();
    const error = errorOf(() => writeAtomically(outOf(), renderApp(NEW()), { fs: failing(k, true) }));
    expect(error.message).toMatch(/^EIO: i\/o error, \w+ \(call \d+\)$/);
    expect(tree(outOf())).toEqual(before);
    expect(fs.readdirSync(parent.dir())).toEqual(['out']);
  });
});

describe('a process killed at any step', () => {
  const total = callsOfAWholeWrite();

  test.each(Array.from({ length: total + 1 }, (_, i) => i + 1))('killed at call %i: each file whole, old or new; the next synth finishes', (k) => {
    const { oldFiles, newFiles } = setUp();
    try {
      writeAtomically(outOf(), renderApp(NEW()), { fs: failing(k, false) });
    } catch {
      // killed: nothing after call k happened, not even the undoing
    }
    const now = tree(outOf());
    for (const [rel, content] of Object.entries(FOREIGN)) expect([rel, now[rel]]).toEqual([rel, content]);
    for (const rel of new Set([...Object.keys(oldFiles), ...Object.keys(newFiles)])) {
      const whole = now[rel] === oldFiles[rel] || now[rel] === newFiles[rel];
      // In both outputs: never missing. In one: there whole, or not there.
      expect([rel, rel in now ? whole : !(rel in oldFiles && rel in newFiles)]).toEqual([rel, true]);
    }
    const recorded = now['.argo-stack'].split('\n').filter((l) => l && !l.startsWith('#'));
    const ours = Object.keys(now).filter((rel) => !(rel in FOREIGN) && rel !== '.argo-stack' && !isTemp(rel));
    expect(recorded).toEqual(expect.arrayContaining(ours));

    synthesize(NEW(), outOf());
    expect(tree(outOf())).toEqual({ ...newFiles, ...FOREIGN, '.argo-stack': recordText(Object.keys(newFiles)) });
  });
});
