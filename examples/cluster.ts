import { App, Chart } from 'cdk8s';
import { ArgoWorkflows } from '../src';

/** A cluster install only: controller and argo-server in `argo`, no workflow namespace set up. */
export function buildCluster(app: App): Chart {
  const chart = new Chart(app, 'cluster');
  new ArgoWorkflows(chart, 'ArgoWorkflows', { namespace: 'argo' });
  return chart;
}
