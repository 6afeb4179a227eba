/**
 * `npm run lint:manifests`: runs the policy checks of `src/policy/` over every
 * `*.yaml` / `*.yml` file under the given folders or files (default `dist`). Each folder that holds
 * YAML files is checked as one install, so the cross-object rules look within a preset.
 *
 *   node lib/src/cli/lint-manifests.js [path...]
 *
 * Prints one line per finding and a summary line. Exit code: 0 without errors (warnings alone
 * pass), 1 with errors, 2 when a path cannot be read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { checkManifests, Finding } from '../policy';

interface FileFinding extends Finding {
  readonly file: string;
}

/** Every YAML file under the given paths, sorted, grouped by the folder that holds it. */
export function collectYamlFiles(targets: string[]): Map<string, string[]> {
  const byDir = new Map<string, string[]>();
  const add = (file: string) => {
    const dir = path.dirname(file);
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir)!.push(file);
  };
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    } else if (/\.ya?ml$/.test(p)) {
      add(p);
    }
  };
  for (const t of targets) walk(t);
  return byDir;
}

/** Lints the given paths; returns the findings (with their file) and the counts. */
export function lintPaths(targets: string[]): { findings: FileFinding[]; files: number; objects: number } {
  const findings: FileFinding[] = [];
  let files = 0;
  let objects = 0;
  for (const dirFiles of collectYamlFiles(targets).values()) {
    const objs: unknown[] = [];
    const fileOf = new Map<unknown, string>();
    for (const file of dirFiles) {
      files++;
      const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
      for (const doc of Array.isArray(docs) ? docs : [docs]) {
        if (doc.errors.length) {
          findings.push({ level: 'error', object: '-', rule: 'yaml/parse', message: `the YAML does not parse: ${doc.errors[0].message}`, file });
          continue;
        }
        const obj: unknown = doc.toJS();
        if (obj === null || obj === undefined) continue;
        objs.push(obj);
        fileOf.set(obj, file);
      }
    }
    objects += objs.length;
    // Map each finding back to its file through the object it names.
    const refs = new Map<string, string>();
    for (const o of objs) {
      const m = (o as { kind?: string; metadata?: { namespace?: string; name?: string } });
      refs.set(`${m.kind ?? '?'}/${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? '?'}`, fileOf.get(o)!);
    }
    for (const f of checkManifests(objs, { parseYaml: (text) => parse(text) })) {
      findings.push({ ...f, file: refs.get(f.object) ?? dirFiles[0] });
    }
  }
  return { findings, files, objects };
}

/** Where `reportLint` writes. */
export interface LintIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Lints the given paths and prints one line per finding and the summary line. Returns 0 without
 * errors, 1 with errors, 2 when there is no YAML file to check. The paths must exist.
 */
export function reportLint(targets: string[], io: LintIo): number {
  const { findings, files, objects } = lintPaths(targets);
  const lines = findings.map((f) => `${f.level === 'error' ? 'ERROR  ' : 'WARNING'} ${f.file} ${f.object} [${f.rule}] ${f.message}`);
  if (lines.length) io.stdout(`${lines.join('\n')}\n`);
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.length - errors;
  io.stdout(`lint-manifests: ${files} files, ${objects} objects, ${errors} errors, ${warnings} warnings\n`);
  if (files === 0) {
    io.stderr(`lint-manifests: no YAML files under ${targets.join(', ')}\n`);
    return 2;
  }
  return errors ? 1 : 0;
}

function main(argv: string[]): number {
  const targets = argv.length ? argv : ['dist'];
  for (const t of targets) {
    if (!fs.existsSync(t)) {
      process.stderr.write(`lint-manifests: ${t} does not exist (run npm run synth first)\n`);
      return 2;
    }
  }
  return reportLint(targets, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
