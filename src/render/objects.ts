/**
 * The objects of a stack as plain data, exactly as they are written to `dist/`: for deployers that
 * take objects rather than files (Pulumi's `yaml.v2.ConfigGroup({ objs })`).
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { ArgoWorkflowsProps } from '../config/options';
import { ArgoWorkflows } from '../k8s/argo-workflows';
import { objectsByFile, renderObjects } from './files';

/** Construct ids of the stack `toObjects(props)` builds; the objects do not depend on them. */
const CHART_ID = 'argo-workflows';
const CONSTRUCT_ID = 'ArgoWorkflows';

/**
 * Every object of an app, of one chart, or of the stack `props` describe (built into a fresh app in
 * memory), in `dist/` order: chart by chart, then by output file name, then in document order.
 * Validates the whole app first, like `renderApp` (cdk8s, too, validates the whole app to render
 * one chart): construct validations, then objects emitted twice. A stack with an error gives no
 * object at all.
 */
export function toObjects(input: App | Chart | ArgoWorkflowsProps): Record<string, unknown>[] {
  const scope = Construct.isConstruct(input) ? input : stackOf(input);
  const rendered = renderObjects(App.of(scope));
  const charts = Chart.isChart(scope)
    ? [rendered.find((r) => r.chart === scope) ?? { chart: scope, objects: scope.toJson() as Record<string, unknown>[] }]
    : rendered;
  return charts.flatMap(({ objects }) => objectsByFile(objects).flatMap(([, group]) => group));
}

/** A fresh app holding one chart with `ArgoWorkflows` built from `props`. */
function stackOf(props: ArgoWorkflowsProps): App {
  const app = new App();
  new ArgoWorkflows(new Chart(app, CHART_ID), CONSTRUCT_ID, props);
  return app;
}
