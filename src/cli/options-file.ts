/**
 * Reads an options file (`.yaml`, `.yml` or `.json`): parse (messages with line and column), turn
 * the plain forms of the option classes into instances (`optionsFromData`), then check the options
 * with the same run-time rules as any caller (`resolveArgoWorkflows`). Every message starts with
 * the file's name as given. A file may hold several YAML documents, one install each (the
 * `multi-tenant` preset), read with `readOptionsDocuments`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { ValidationError } from '../config/errors';
import { convertOptions, filePaths } from '../config/file';
import type { ArgoWorkflowsProps } from '../config/options';
import { resolveArgoWorkflows } from '../config/resolve';

/** The extensions of an options file. */
export const OPTIONS_FILE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Fixes for the YAML errors people make most, by the parser's error code. */
const YAML_FIXES: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'keep one of the two keys',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'indent the lines of one mapping or list alike',
  MULTILINE_IMPLICIT_KEY: 'put each key and its value on their own line, with a space after ":"',
  BLOCK_AS_IMPLICIT_KEY: 'put each key and its value on their own line, with a space after ":"',
  TAG_RESOLVE_FAILED: 'remove the tag: an options file holds plain strings, numbers, booleans, lists and mappings',
  BAD_ALIAS: 'define the anchor before the alias that uses it',
};

const fileError = (file: string, text: string) => new ValidationError(`${file}: ${text}`);

/** Every problem of a ValidationError, each starting with `<file>: ` (and the document, when there are several), `rewrite` applied. */
function named(e: ValidationError, prefix: string, rewrite: (p: string) => string = (p) => p): ValidationError {
  return ValidationError.of(e.problems.map((p) => new ValidationError(`${prefix}: ${rewrite(p)}`)));
}

/** The 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** JSON.parse's message without its position and its copy of the input. */
const jsonReason = (message: string) => message.replace(/ in JSON at position \d+.*$/s, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');

/** Where JSON.parse fails: from its message, else the shortest prefix that fails before its end. */
function jsonErrorOffset(text: string, message: string): number {
  const at = / at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const failsInside = (n: number): boolean => {
    try { JSON.parse(text.slice(0, n)); return false; } catch (e) {
      const m = (e as Error).message;
      const p = / at position (\d+)/.exec(m);
      return !/Unexpected end of JSON input|Unterminated string/.test(m) && (!p || Number(p[1]) < n);
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid; else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

function parseJson(file: string, text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch (e) {
    const message = (e as Error).message;
    const { line, col } = lineColumn(text, Math.min(jsonErrorOffset(text, message), text.length));
    throw fileError(file, `line ${line}, column ${col}: it is not valid JSON: ${jsonReason(message)}. Fix: correct the JSON there (or write the options as YAML in a .yaml file)`);
  }
}

function parseYaml(file: string, text: string): unknown[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const problem = [...doc.errors, ...doc.warnings][0];
    if (problem) {
      const { line, col } = lineCounter.linePos(problem.pos[0]);
      const fix = YAML_FIXES[problem.code] ?? 'correct the YAML there';
      throw fileError(file, `line ${line}, column ${col}: it is not valid YAML: ${problem.message.replace(/\.$/, '')}. Fix: ${fix}`);
    }
  }
  return list.map((doc) => {
    try {
      return doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw fileError(file, `it is not an options file: ${(e as Error).message}. Fix: write each value out instead of repeating aliases`);
    }
  });
}

/** The documents of an options file's text, as plain data; `file` names it in messages. */
export function parseOptionsText(file: string, text: string): unknown[] {
  const ext = path.extname(file).toLowerCase();
  if (!OPTIONS_FILE_EXTENSIONS.includes(ext)) {
    throw fileError(file, `an options file is YAML or JSON, named *.yaml, *.yml or *.json. Fix: rename it to ${JSON.stringify(`${file.slice(0, file.length - ext.length)}.yaml`)} if it holds YAML`);
  }
  const docs = (ext === '.json' ? parseJson(file, text) : parseYaml(file, text)).filter((d) => d !== null && d !== undefined);
  if (docs.length === 0) throw fileError(file, 'it is empty. Fix: write the options as a mapping, e.g. "namespace: argo" (an empty mapping "{}" takes every default)');
  return docs;
}

/**
 * The installs an options text describes, converted and checked (`resolveArgoWorkflows`): one per
 * YAML document. Throws one ValidationError listing every problem, each starting with `file`
 * (`file (document 2)` when there are several documents).
 */
export function optionsFromText(file: string, text: string): ArgoWorkflowsProps[] {
  const docs = parseOptionsText(file, text);
  const errors: ValidationError[] = [];
  const installs = docs.map((doc, i) => {
    const prefix = docs.length > 1 ? `${file} (document ${i + 1})` : file;
    let converted: ReturnType<typeof convertOptions>;
    try {
      converted = convertOptions(doc);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(named(e, prefix));
      return {};
    }
    try {
      resolveArgoWorkflows(converted.props);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(named(e, prefix, (p) => filePaths(p, converted.converted)));
    }
    return converted.props;
  });
  if (errors.length) throw ValidationError.of(errors);
  return installs;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'it may not be read' : (e as Error).message;
    throw fileError(file, `cannot read it: ${why}. Fix: give the path of an options file (.yaml, .yml or .json)`);
  }
}

/** Every install of an options file (one per YAML document), converted and checked. */
export function readOptionsDocuments(file: string): ArgoWorkflowsProps[] {
  return optionsFromText(file, readText(file));
}

/**
 * The options of an options file with one install, converted and checked: the same rules as
 * `new ArgoWorkflows(...)`, messages starting with the file's name. A file of several YAML
 * documents is read with `readOptionsDocuments`.
 */
export function readOptionsFile(file: string): ArgoWorkflowsProps {
  const installs = readOptionsDocuments(file);
  if (installs.length > 1) {
    throw fileError(file, `it holds ${installs.length} YAML documents (installs), where one is expected. Fix: keep one document, or read it with readOptionsDocuments`);
  }
  return installs[0];
}
