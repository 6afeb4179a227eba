/** Folders for synth tests: a fresh temporary parent per test, and a folder read back as a map. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';

/** A fresh folder under the system's temporary folder, removed after each test of the file. */
export function tempParent(): { readonly dir: () => string } {
  let dir = '';
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-synth-')));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  return {
    dir: () => {
      if (!dir) throw new Error('the temporary folder exists only while a test runs');
      return dir;
    },
  };
}

/** Every file under a folder with its content, keyed by relative path (with "/"), sorted. */
export function tree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else result[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Writes files (`{ "a/b.txt": "text" }`) under a folder, creating folders as needed. */
export function plant(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
}

/** An app with one chart `id` that `build` fills. */
export function appWith(build: (chart: Chart) => void, id = 'c'): App {
  const app = new App();
  build(new Chart(app, id));
  return app;
}

/** The error `fn` throws (fails the test when it throws none). */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}
