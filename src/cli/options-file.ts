/**
 * Reads an options file (YAML, or JSON, which is YAML too) into `ArgoWorkflowsProps`. Plain data
 * only: the options are validated by the same run-time rules as a program's when they are used.
 * Every message names the file.
 */
import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { conflict, ValidationError } from '../config/errors';
import type { ArgoWorkflowsProps } from '../config/options';

/** The options in the file at `file`. Throws a ValidationError naming the file when it cannot be read or parsed. */
export function readOptionsFile(file: string): ArgoWorkflowsProps {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : `it cannot be read (${code ?? String(e)})`;
    throw conflict(`${file}: the options file cannot be read: ${why}`, 'pass the path of a YAML or JSON options file');
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    const first = doc.errors[0];
    const at = first.linePos ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    throw new ValidationError(`${file}: the options file is not valid YAML or JSON${at}: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw conflict(`${file}: the options file must hold a mapping of options, not ${Array.isArray(value) ? 'a list' : typeof value}`, 'write the options as keys at the top level, e.g. "namespace: argo"');
  }
  return value as ArgoWorkflowsProps;
}
