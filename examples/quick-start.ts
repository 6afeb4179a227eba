import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, AuthMode } from '../src';

/**
 * The default stack: a cluster install in `argo` that also runs workflows in `argo`.
 * The UI accepts server and client auth, as upstream's quick-start does, for use through
 * `kubectl -n argo port-forward svc/argo-server 2746:2746`.
 */
export function buildQuickStart(app: App): Chart {
  const chart = new Chart(app, 'quick-start');
  new ArgoWorkflows(chart, 'ArgoWorkflows', {
    namespace: 'argo',
    server: { authModes: [AuthMode.SERVER, AuthMode.CLIENT] },
    workflowNamespaces: [{ name: 'argo' }],
  });
  return chart;
}
