/**
 * Objects emitted twice: two objects with the same API group, kind, namespace and name in one app
 * are the same object in the cluster, so one would silently overwrite the other (and Pulumi refuses
 * them outright). Checked on the rendered objects, so a JSON patch that renames one is honoured.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { conflict, ValidationError } from '../config/errors';

/** The objects of one chart as `chart.toJson()` renders them. */
export interface ChartObjects {
  readonly chart: Chart;
  readonly objects: readonly Record<string, unknown>[];
}

type Rendered = { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };

/** What the cluster identifies an object by: API group (not version), kind, namespace, name. */
function identity(obj: Rendered): string {
  const apiVersion = String(obj.apiVersion ?? '');
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  return `${group}\0${String(obj.kind)}\0${String(obj.metadata?.namespace ?? '')}\0${String(obj.metadata?.name)}`;
}

/** `Kind name` or `Kind namespace/name`. */
function shown(obj: Rendered): string {
  const ns = obj.metadata?.namespace;
  return `${String(obj.kind)} ${ns ? `${String(ns)}/` : ''}${String(obj.metadata?.name)}`;
}

/** What to keep for objects argo-stack emits once per install; the generic remedy otherwise. */
const REMEDIES: Readonly<Record<string, string>> = {
  CustomResourceDefinition: 'set crds: CrdMode.NONE on every install but one',
  Namespace: 'set createNamespace: false on every install but one',
  ClusterRole: 'run one cluster-wide install per cluster and give the others scope: InstallScope.NAMESPACED',
  ClusterRoleBinding: 'run one cluster-wide install per cluster and give the others scope: InstallScope.NAMESPACED',
  PriorityClass: 'set controller.priorityClass: false on every install but one',
};

function remedy(obj: Rendered, others: readonly ApiObject[]): string {
  const remove = others.map((o) => `[${o.node.scope!.node.path}].node.tryRemoveChild(${JSON.stringify(o.node.id)})`).join(', ');
  if (obj.metadata?.namespace) return `give each install its own namespace, or remove the others with ${remove}`;
  return REMEDIES[String(obj.kind)] ?? `remove the others with ${remove}`;
}

const times = (n: number) => (n === 2 ? 'twice' : `${n} times`);

/** The constructs of the rendered charts that render `key`, in tree order. */
function sourcesOf(app: App, charts: ReadonlySet<Chart>, key: string): ApiObject[] {
  return app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && charts.has(Chart.of(c)) && identity(c.toJson()) === key);
}

function message(sources: readonly ApiObject[], obj: Rendered): ValidationError {
  const paths = sources.map((s) => `[${s.node.path}]`);
  const by = `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}`;
  const inCharts = new Set(sources.map((s) => Chart.of(s)));
  const why = inCharts.size > 1 ? ' (each chart is applied and deleted on its own, so identical copies in different charts still clash)' : '';
  return conflict(`${shown(obj)} is emitted ${times(sources.length)}: by ${by}`, `keep one copy${why}: ${remedy(obj, sources.slice(1))}`);
}

const ALTERNATIVES = 'argo-stack:alternative-charts';

/**
 * Declares the charts of `app` alternatives, each applied to a cluster of its own, as argo-stack's
 * presets are: then an object is emitted twice only when one chart emits it twice. Call it before
 * adding charts. Returns `app`.
 */
export function declareAlternatives(app: App): App {
  app.node.setContext(ALTERNATIVES, true);
  return app;
}

/**
 * Throws a ValidationError naming every object that more than one construct of the app renders
 * (of one chart, with `declareAlternatives`), with the construct path of each copy; one line per
 * object.
 */
export function rejectDuplicates(app: App, charts: readonly ChartObjects[]): void {
  const alternatives = app.node.tryGetContext(ALTERNATIVES) === true;
  const seen = new Map<string, number>();
  const first = new Map<string, Rendered>();
  for (const { chart, objects } of charts) {
    for (const obj of objects) {
      const key = alternatives ? `${chart.node.id}\0${identity(obj)}` : identity(obj);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (!first.has(key)) first.set(key, obj);
    }
  }
  const repeated = [...seen].filter(([, n]) => n > 1).map(([key]) => key);
  if (repeated.length === 0) return;
  const errors = repeated.map((key) => {
    const obj = first.get(key)!;
    const from = alternatives ? charts.filter((c) => key.startsWith(`${c.chart.node.id}\0`)) : charts;
    return message(sourcesOf(app, new Set(from.map((c) => c.chart)), identity(obj)), obj);
  });
  if (errors.length === 1) throw errors[0];
  throw new ValidationError(`${errors.length} objects are emitted more than once:\n  ${errors.map((e) => e.message).join('\n  ')}`);
}
