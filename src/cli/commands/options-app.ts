/**
 * The app an options file describes: one chart, named after the file (`argo.yaml` → `argo`) or
 * `--name`, with one `ArgoWorkflows` built from the file's options, as a preset program builds it.
 */
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { ValidationError } from '../../config/errors';
import { ArgoWorkflows } from '../../k8s/argo-workflows';
import { checkFolderName } from '../../render/folders';
import { readOptionsFile } from '../options-file';

/** The construct id presets give their install; the objects are the same as a preset program's. */
const CONSTRUCT_ID = 'ArgoWorkflows';

/** The chart name: `--name`, else the options file's name without its extension. */
export function chartName(file: string, name?: string): string {
  const chosen = name ?? path.basename(file).replace(/\.(ya?ml|json)$/i, '');
  checkFolderName(name === undefined ? 'chart name (the options file name without its extension; choose another with --name)' : '--name', chosen);
  return chosen;
}

/** The options file as an app: one chart `name` holding the install. Throws a ValidationError. */
export function optionsApp(file: string, name: string): App {
  const props = readOptionsFile(file);
  const app = new App();
  new ArgoWorkflows(new Chart(app, name), CONSTRUCT_ID, props);
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
