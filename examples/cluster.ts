import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps } from '../src';

/** A cluster install only: controller and argo-server in `argo`, no workflow namespace set up. */
export const CLUSTER_PROPS: ArgoWorkflowsProps = { namespace: 'argo' };

/** The `cluster` preset: one chart of that name in `app`. */
export function buildCluster(app: App): Chart {
  const chart = new Chart(app, 'cluster');
  new ArgoWorkflows(chart, 'ArgoWorkflows', CLUSTER_PROPS);
  return chart;
}
