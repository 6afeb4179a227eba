/**
 * The output layout of a chart: its objects grouped into `NN-<component>.yaml` files, in apply
 * order. Rendering happens in memory; `write.ts` puts the files on disk.
 */
import { regenerateHint } from './header';
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { invalid, ValidationError } from '../config/errors';
import { ChartObjects, rejectDuplicates } from './duplicates';
import { checkFolderName, checkSources } from './folders';
import { yamlDocument } from '../config/yaml';
import type { ResolvedArgoWorkflows } from '../config/plan';
import { ArgoWorkflows } from '../k8s/argo-workflows';
import { expectedHints } from './preset-facts';
import { presetReadme } from './preset-readme';

/** The README every chart folder with an `ArgoWorkflows` install gets, next to its YAML files. */
export const README_FILE = 'README.md';

/** Output file order: namespaces and CRDs first, so `kubectl apply -f <folder>` works in one pass. */
export const COMPONENT_FILES: Readonly<Record<string, string>> = {
  namespaces: '00-namespaces',
  crds: '01-crds',
  'network-policies': '02-network-policies',
  credentials: '05-credentials',
  postgres: '06-postgres',
  mysql: '06-mysql',
  minio: '07-minio',
  'workflow-controller': '10-workflow-controller',
  'argo-server': '20-argo-server',
  'workflow-namespace': '30-workflow-namespaces',
  'artifact-repositories': '31-artifact-repositories',
};

/** An object as a chart renders it, as far as the file layout reads it. */
type Rendered = { kind?: string; metadata?: { name?: string; labels?: Record<string, string> } };

/** Runs every construct's validations and throws one error listing them all, with construct paths. */
function validateConstructs(app: App): void {
  const errors: string[] = [];
  for (const c of app.node.findAll()) for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  if (errors.length) throw new ValidationError(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/**
 * Validates an app and renders the objects of each of its charts, in the order they were added:
 * every construct's validations first, then objects emitted twice (see `rejectDuplicates`).
 */
export function renderObjects(app: App): ChartObjects[] {
  validateConstructs(app);
  const charts = chartsOf(app).map((chart, i) => ({ chart, objects: i === 0 ? chart.toJson() as Record<string, unknown>[] : objectsOf(chart) }));
  rejectDuplicates(app, charts);
  for (const c of charts) RENDERED.set(c.chart, c.objects);
  return charts;
}

/**
 * The objects each chart rendered to, kept for what is derived from them later (the hints of
 * `expectedObjectHints`): resolving every value of every object again through cdk8s costs as
 * much as the first time.
 */
const RENDERED = new WeakMap<Chart, readonly Record<string, unknown>[]>();

/**
 * A chart's objects, as `chart.toJson()` gives them once another chart of the app has been
 * rendered: `chart.toJson()` resolves the dependencies of the whole app and validates the whole
 * app again for every chart, so past the first chart (after the app's own validations above) the
 * objects are taken as it takes them: in dependency order, each object in its closest chart.
 */
export function objectsOf(chart: Chart): Record<string, unknown>[] {
  return new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart)
    .map((o) => o.toJson() as Record<string, unknown>);
}

/**
 * The checks an app must pass before anything of it is rendered: every construct's validations,
 * then objects emitted twice. Throws one ValidationError.
 */
export function validateApp(app: App): void {
  renderObjects(app);
}

/** A Kubernetes label value: it names an output file when it is not a known component. */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** File name (without extension) of one object. */
export function fileFor(obj: Rendered): string {
  const component = obj.metadata?.labels?.['app.kubernetes.io/component'] ?? 'other';
  if (Object.hasOwn(COMPONENT_FILES, component)) return COMPONENT_FILES[component];
  if (!LABEL_VALUE.test(component)) {
    throw invalid(`label app.kubernetes.io/component of ${obj.kind} ${obj.metadata?.name}`, component,
      'it names the output file 90-<component>.yaml, so it must be a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
      'use a label value such as "addons"');
  }
  return `90-${component}`;
}

/** The charts of an app, in the order they were added. */
export function chartsOf(app: App): Chart[] {
  return app.node.children.filter((c): c is Chart => Chart.isChart(c));
}

/**
 * A chart's objects grouped by output file (without extension): files in name order, objects in
 * the order the chart renders them.
 */
export function objectsByFile(objects: readonly Record<string, unknown>[]): [string, Record<string, unknown>[]][] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const obj of objects) {
    const file = fileFor(obj as Rendered);
    if (!groups.has(file)) groups.set(file, []);
    groups.get(file)!.push(obj);
  }
  return [...groups.keys()].sort().map((file) => [file, groups.get(file)!]);
}

/** The text of one file: the generated header, then each object as a `---` document. */
function fileText(objects: readonly Record<string, unknown>[], source?: string): string {
  const header = `# Generated by argo-stack${source ? ` from ${source}` : ''}. Do not edit: ${regenerateHint(source)}.\n`;
  return header + objects.map((o) => `---\n${yamlDocument(o)}`).join('');
}

/** The plans of the `ArgoWorkflows` installs of a chart (not of charts nested in it), in tree order. */
export function plansOf(chart: Chart): ResolvedArgoWorkflows[] {
  return chart.node.findAll().filter((c): c is ArgoWorkflows => c instanceof ArgoWorkflows && Chart.of(c) === chart).map((c) => c.plan);
}

/**
 * What a chart expects the user to create before it is applied, as `kubectl` lines (the "Create
 * these" table of its README): Secrets of `Credentials.existing()`, the database CA ConfigMap, the
 * SSO client Secret, TLS Secrets no Certificate issues, the Gateway's CA ConfigMap, pull Secrets.
 */
export function expectedObjectHints(chart: Chart): string[] {
  const plans = plansOf(chart);
  return plans.length ? expectedHints(RENDERED.get(chart) ?? objectsOf(chart), plans) : [];
}

/**
 * Lays out rendered objects as files: `{ "00-namespaces.yaml": "...", ..., "README.md": "..." }`,
 * the README when the chart has an install (see `presetReadme`).
 */
function filesOf(chart: Chart, objects: readonly Record<string, unknown>[], source?: string, outdir = 'dist'): Record<string, string> {
  const files: Record<string, string> = {};
  const byFile = objectsByFile(objects);
  for (const [file, group] of byFile) files[`${file}.yaml`] = fileText(group, source);
  const plans = plansOf(chart);
  if (plans.length) files[README_FILE] = presetReadme({ name: chart.node.id, folder: `${outdir}/${chart.node.id}`, source, files: byFile, plans });
  return files;
}

/** Renders one chart to its files: `{ "00-namespaces.yaml": "...", ..., "README.md": "..." }`. */
export function renderChart(chart: Chart, source?: string): Record<string, string> {
  return filesOf(chart, chart.toJson() as Record<string, unknown>[], source);
}

/**
 * Renders every chart of an app: `{ "<chart>/<file>": content }`. Validates first (see
 * `renderObjects`); every chart id must be a folder name (`checkFolderName`). `outdir` is the name
 * of the output folder the READMEs' commands use (`kubectl apply --server-side -f <outdir>/<chart>/`,
 * run from the folder that holds it).
 */
export function renderApp(app: App, sources: Record<string, string> = {}, outdir = 'dist'): Record<string, string> {
  const charts = renderObjects(app);
  const ids = charts.map(({ chart }) => chart.node.id);
  for (const id of ids) checkFolderName('chart id', id);
  checkSources(ids, sources);
  const out: Record<string, string> = {};
  for (const { chart, objects } of charts) {
    const id = chart.node.id;
    for (const [file, content] of Object.entries(filesOf(chart, objects, sources[id], outdir))) out[`${id}/${file}`] = content;
  }
  return out;
}
