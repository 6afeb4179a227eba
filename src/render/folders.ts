/**
 * Names on disk: chart ids and preset names become folders, rendered files live two levels under
 * the output folder, and some folders are never an output folder (the current folder, the home
 * folder, the file system root, or one that holds them).
 */
import * as path from 'node:path';
import { conflict, invalid, show } from '../config/errors';

/** A folder name: an RFC 1123 label, the same on every file system and in any letter case. */
const FOLDER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const FOLDER_NAME_RULE = 'it names a folder under the output folder, so it must be one folder name: at most 63 lowercase letters, digits or "-", '
  + 'starting and ending with a letter or digit (an RFC 1123 label; no "/", "\\", "." or "..")';

/** A part of a path argo-stack writes: not hidden (those names are its own), no separator, no NUL. */
const PATH_PART = /^[^./\\\0][^/\\\0]*$/;

/** The closest folder name to `value`, for the message's fix. */
function folderNameLike(value: string): string {
  const name = value.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 63).replace(/^-+|-+$/g, '');
  return name || 'argo-workflows';
}

/** Throws unless `value` can be one folder under the output folder; `what` names it in the message. */
export function checkFolderName(what: string, value: string): void {
  if (!FOLDER_NAME.test(value)) throw invalid(what, value, FOLDER_NAME_RULE, `use ${show(folderNameLike(value))}`);
}

/**
 * The keys of `sources` (the program behind each chart, by preset name) must be folder names and
 * name a chart of the app: a preset's name is the id of the chart it builds.
 */
export function checkSources(chartIds: readonly string[], sources: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(sources)) {
    checkFolderName('preset name', key);
    if (!chartIds.includes(key)) {
      throw conflict(
        `sources names preset ${show(key)}, but the app has no chart with that id (its charts: ${chartIds.map(show).join(', ') || 'none'})`,
        'give each preset the id of the chart it builds',
      );
    }
  }
}

/** True when `name` can be one part of a path argo-stack writes. */
export const isPathPart = (name: string): boolean => PATH_PART.test(name);

/** True when `rel` is `<folder>/<file>` of two such parts, such as `cluster/00-namespaces.yaml`. */
export function isOwnPath(rel: string): boolean {
  const parts = rel.split('/');
  return parts.length === 2 && parts.every(isPathPart);
}

/** Throws unless `rel` may be written under the output folder. */
export function checkOutputPath(rel: string): void {
  if (!isOwnPath(rel)) {
    throw invalid('output file', rel, 'it must be <chart folder>/<file>: two names that do not start with "." and hold no "/", "\\" or NUL', 'give the chart an id such as "argo-workflows"');
  }
}

const OWN_FOLDER_FIX = 'write to a folder of its own, such as "dist" in your project';

/** The real path of `p` when it exists (symbolic links resolved), else `p`. */
function real(p: string, realpath: (p: string) => string): string {
  try {
    return realpath(p);
  } catch {
    return p;
  }
}

const holds = (folder: string, inner: string) => inner.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);

/**
 * Refuses an output folder that argo-stack must never write into: the root of a file system, the
 * current folder, the home folder, or any folder that holds the current or the home folder.
 */
export function checkOutputFolder(outdir: string, realpath: (p: string) => string, cwd: string, home: string): void {
  const abs = real(path.resolve(outdir), realpath);
  const here = real(path.resolve(cwd), realpath);
  const homeDir = real(path.resolve(home), realpath);
  const refuse = (rule: string) => invalid('output folder', outdir, rule, OWN_FOLDER_FIX);
  if (abs === path.parse(abs).root) throw refuse('it is the root of the file system');
  if (abs === here) throw refuse(`it is the current folder (${here}), where argo-stack would put one folder per chart next to your files`);
  if (holds(abs, here)) throw refuse(`it holds the current folder (${here})`);
  if (abs === homeDir) throw refuse(`it is the home folder (${homeDir})`);
  if (holds(abs, homeDir)) throw refuse(`it holds the home folder (${homeDir})`);
}
