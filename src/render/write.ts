/**
 * Synthesis of charts into `<outdir>/<chart>/NN-<component>.yaml`, safe with the user's files:
 * argo-stack replaces and deletes only the files it wrote (listed in the record
 * `<outdir>/.argo-stack`, see `record.ts`) and leaves everything else in the folder alone. It
 * refuses the current folder, the home folder, a file system root, a folder that holds one of them,
 * a folder (or chart folder) that already holds files it did not write, and a file in the way.
 *
 * All or nothing. Every chart is validated and rendered in memory, and every check above is made,
 * before anything is written. Then, in this order:
 *   1. the output folder is created when missing, and the record is updated to list the old and
 *      the new files together (written under a temporary name, then renamed over the old record);
 *   2. missing chart folders are created, and each changed file is written whole under a
 *      temporary name (`.<file>.argo-stack-new`) next to its place; unchanged files are not touched;
 *   3. each temporary file is renamed over its target, the files argo-stack wrote before but not
 *      now are deleted, and its chart folders left empty are removed;
 *   4. last, the record is updated to list exactly the new files.
 * What an interruption leaves:
 *   - A file system call that fails at any step (disk full, permission denied, a failed rename):
 *     the steps done so far are undone, newest first: the folder holds the old output again, byte
 *     for byte, with its old record, and the error is thrown.
 *   - A process killed before step 3: the old output, intact; the record lists the new files too,
 *     and the next synth removes the temporary files.
 *   - A process killed during step 3: every file is whole, its old or its new content (a rename
 *     replaces a file in one step); no file of both outputs is ever missing. The record lists
 *     both outputs, so the next synth owns all of them and finishes the job.
 *   Files are not flushed to the disk: what a power loss leaves is up to the file system.
 * Two synths into the same folder at the same time are not supported.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { App } from 'cdk8s';
import { invalid } from '../config/errors';
import { renderApp } from './files';
import { checkOutputFolder, checkOutputPath } from './folders';
import { contentOf, FileSystem, kindOf, leftoversOf, previousOf, RECORD, recordText, someOf, tempName } from './record';

/** One file to write: its path under the output folder, its new content and, when it exists, its old one. */
interface Change {
  readonly rel: string;
  readonly content: Buffer;
  readonly old?: Buffer;
}

/** Everything a write does, decided before it starts. */
interface Plan {
  /** The output folder, symbolic links resolved. */
  readonly abs: string;
  /** Folders to create, outermost first: the output folder (and missing parents), then chart folders. */
  readonly outFolders: string[];
  readonly chartFolders: string[];
  readonly changes: Change[];
  /** Files argo-stack wrote before and does not write now, with their content. */
  readonly removals: { readonly rel: string; readonly old: Buffer }[];
  /** Chart folders argo-stack no longer writes to: removed when they end up empty. */
  readonly oldFolders: string[];
  readonly leftovers: string[];
  readonly oldRecord?: Buffer;
  /** The record listing old and new files, written before any of them changes. */
  readonly intent: string;
  readonly record: string;
}

const chartOf = (rel: string) => rel.slice(0, rel.indexOf('/'));

/** The chart folders argo-stack does not own yet must not exist or be empty. */
function checkChartFolders(abs: string, outdir: string, folders: readonly string[], owned: ReadonlySet<string>, fsys: FileSystem): void {
  for (const folder of folders) {
    const dir = path.join(abs, folder);
    const kind = kindOf(dir, fsys);
    if (kind === undefined || (kind === 'folder' && (owned.has(folder) || contentOf(dir, fsys).length === 0))) continue;
    const held = kind === 'folder' ? `it already holds files argo-stack did not write (${someOf(contentOf(dir, fsys))})` : 'it is not a folder';
    throw invalid('chart folder', path.join(outdir, folder), held, 'move those files out, or give the chart another id');
  }
}

/** The changes to make: refuses a file in the way that argo-stack did not write. */
function changesOf(abs: string, outdir: string, files: Readonly<Record<string, string>>, previous: ReadonlySet<string>, fsys: FileSystem): Change[] {
  const changes: Change[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const target = path.join(abs, rel);
    const kind = kindOf(target, fsys);
    const content = Buffer.from(text);
    if (kind === undefined) {
      changes.push({ rel, content });
      continue;
    }
    if (kind !== 'file' || !previous.has(rel)) {
      throw invalid('output file', path.join(outdir, rel), `it already exists and argo-stack did not write it (it is not in ${RECORD})`, 'move it out of the way');
    }
    const old = fsys.readFileSync(target);
    if (!old.equals(content)) changes.push({ rel, content, old });
  }
  return changes;
}

/** The output folder with symbolic links resolved, and the folders to create for it, outermost first. */
function outputFolder(outdir: string, fsys: FileSystem): { abs: string; missing: string[] } {
  const missing: string[] = [];
  let dir = path.resolve(outdir);
  while (kindOf(dir, fsys) === undefined && path.dirname(dir) !== dir) {
    missing.unshift(dir);
    dir = path.dirname(dir);
  }
  const real = fsys.realpathSync(dir);
  if (missing.length && !fsys.lstatSync(real).isDirectory()) {
    throw invalid('output folder', outdir, `${dir} is not a folder`, 'choose another path, such as "dist"');
  }
  const abs = path.join(real, path.relative(dir, path.resolve(outdir)));
  return { abs, missing: missing.map((m) => path.join(real, path.relative(dir, m))) };
}

/** Decides every step of a write, reading only; throws when the folder is not argo-stack's to write. */
function plan(outdir: string, files: Readonly<Record<string, string>>, fsys: FileSystem): Plan {
  const rels = Object.keys(files);
  rels.forEach(checkOutputPath);
  const { abs, missing } = outputFolder(outdir, fsys);
  const previous = previousOf(abs, outdir, fsys);
  const before = new Set(previous.files);
  const owned = new Set(previous.files.map(chartOf));
  const folders = [...new Set(rels.map(chartOf))];
  checkChartFolders(abs, outdir, folders, owned, fsys);
  const exists = missing.length === 0;
  const removed = previous.files.filter((rel) => !Object.hasOwn(files, rel) && kindOf(path.join(abs, rel), fsys) === 'file');
  return {
    abs,
    outFolders: missing,
    chartFolders: folders.map((f) => path.join(abs, f)).filter((d) => !exists || kindOf(d, fsys) === undefined),
    changes: changesOf(abs, outdir, files, before, fsys),
    removals: removed.map((rel) => ({ rel, old: fsys.readFileSync(path.join(abs, rel)) })),
    oldFolders: [...owned].filter((f) => !folders.includes(f)),
    leftovers: exists ? leftoversOf(abs, fsys) : [],
    oldRecord: previous.record,
    intent: rels.every((rel) => before.has(rel)) && previous.record ? previous.record.toString('utf8') : recordText(new Set([...before, ...rels])),
    record: recordText(rels),
  };
}

/** Runs the steps of a plan, undoing what was done when one fails. */
function run(p: Plan, fsys: FileSystem): void {
  const undo: (() => void)[] = [];
  const at = (rel: string) => path.join(p.abs, rel);
  const temp = (rel: string) => path.join(path.dirname(at(rel)), tempName(path.basename(rel)));
  let recorded = p.oldRecord?.toString('utf8');
  const writeRecord = (text: string) => {
    if (text === recorded) return;
    undo.push(() => removeFile(temp(RECORD), fsys));
    fsys.writeFileSync(temp(RECORD), text);
    fsys.renameSync(temp(RECORD), at(RECORD));
    recorded = text;
    undo.push(() => (p.oldRecord ? fsys.writeFileSync(at(RECORD), p.oldRecord) : removeFile(at(RECORD), fsys)));
  };
  const makeFolders = (dirs: readonly string[]) => dirs.forEach((dir) => {
    fsys.mkdirSync(dir, { mode: 0o755 });
    undo.push(() => removeFolder(dir, fsys));
  });
  try {
    makeFolders(p.outFolders);
    writeRecord(p.intent);
    makeFolders(p.chartFolders);
    for (const c of p.changes) {
      undo.push(() => removeFile(temp(c.rel), fsys));
      fsys.writeFileSync(temp(c.rel), c.content);
    }
    for (const c of p.changes) {
      fsys.renameSync(temp(c.rel), at(c.rel));
      undo.push(() => (c.old ? fsys.writeFileSync(at(c.rel), c.old) : removeFile(at(c.rel), fsys)));
    }
    for (const r of p.removals) {
      fsys.unlinkSync(at(r.rel));
      undo.push(() => fsys.writeFileSync(at(r.rel), r.old));
    }
    for (const rel of p.leftovers) removeFile(at(rel), fsys);
    for (const folder of p.oldFolders) if (removeFolder(at(folder), fsys)) undo.push(() => fsys.mkdirSync(at(folder)));
    writeRecord(p.record);
  } catch (e) {
    rollBack(undo, e);
  }
}

/** Undoes the steps done, newest first, and rethrows `error` (noting any step that could not be undone). */
function rollBack(undo: readonly (() => void)[], error: unknown): never {
  const failed: string[] = [];
  for (const step of [...undo].reverse()) {
    try {
      step();
    } catch (e) {
      failed.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (failed.length === 0) throw error;
  const message = error instanceof Error ? error.message : String(error);
  throw new Error(`${message}; restoring the previous output failed too: ${failed.join('; ')}`, { cause: error });
}

function removeFile(p: string, fsys: FileSystem): void {
  try {
    fsys.unlinkSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Removes an empty folder; true when it did. */
function removeFolder(dir: string, fsys: FileSystem): boolean {
  try {
    fsys.rmdirSync(dir);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw e;
  }
}

/** What a write works with; tests change them. */
export interface WriteOptions {
  /**
   * The file system calls (tests pass one that fails on purpose).
   * @default node:fs
   * @internal
   */
  readonly fs?: FileSystem;
  /** The current folder, never an output folder. @default process.cwd() */
  readonly cwd?: string;
  /** The home folder, never an output folder. @default os.homedir() */
  readonly home?: string;
}

/**
 * Writes rendered files (`{ "<chart>/<file>": content }`) into `outdir` as described above:
 * only argo-stack's own files are replaced or deleted, all or nothing.
 */
export function writeAtomically(outdir: string, files: Readonly<Record<string, string>>, options: WriteOptions = {}): void {
  const fsys = options.fs ?? fs;
  checkOutputFolder(outdir, (p) => fsys.realpathSync(p), options.cwd ?? process.cwd(), options.home ?? os.homedir());
  run(plan(outdir, files, fsys), fsys);
}

/**
 * Validates and renders every chart of an app, then writes them to `<outdir>/<chart>/` (see
 * `writeAtomically`). `sources` names the program behind each chart, by chart id (a preset's name),
 * in each file's header. Returns the files written.
 */
export function synthesize(app: App, outdir: string, sources: Record<string, string> = {}): Record<string, string> {
  const files = renderApp(app, sources, path.basename(path.resolve(outdir)));
  writeAtomically(outdir, files);
  return files;
}
