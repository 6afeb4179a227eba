/**
 * The app an options file describes: one chart, named after the file (`argo.yaml` → `argo`) or
 * `--name`, with one `ArgoWorkflows` per YAML document of the file (one install each, as the
 * `multi-tenant` preset has two), built as a preset program builds them.
 */
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { ValidationError } from '../../config/errors';
import { ArgoWorkflows } from '../../k8s/argo-workflows';
import { checkFolderName } from '../../render/folders';
import { readOptionsDocuments } from '../options-file';

/** The construct id presets give their install; the objects are the same as a preset program's. */
const CONSTRUCT_ID = 'ArgoWorkflows';

/** The chart name: `--name`, else the options file's name without its extension. */
export function chartName(file: string, name?: string): string {
  const chosen = name ?? path.basename(file).replace(/\.(ya?ml|json)$/i, '');
  checkFolderName(name === undefined ? 'chart name (the options file name without its extension; choose another with --name)' : '--name', chosen);
  return chosen;
}

/** The options file as an app: one chart `name` holding its installs. Throws a ValidationError. */
export function optionsApp(file: string, name: string): App {
  const installs = readOptionsDocuments(file);
  const app = new App();
  const chart = new Chart(app, name);
  installs.forEach((props, i) => new ArgoWorkflows(chart, i === 0 ? CONSTRUCT_ID : `${CONSTRUCT_ID}-${i + 1}`, props));
  return app;
}

/**
 * Every problem of an error as lines naming the file: each problem of a ValidationError (the
 * options file's own messages already name it), else the message.
 */
export function problemLines(e: unknown, file: string): string[] {
  const problems = e instanceof ValidationError ? e.problems : [e instanceof Error ? e.message : String(e)];
  return problems.map((p) => (p.startsWith(`${file}:`) ? p : `${file}: ${p}`));
}
