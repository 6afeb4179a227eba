import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, InstallScope } from '../src';

/**
 * A namespaced install: controller and argo-server in `argo` with
 * `--namespaced --managed-namespace argo-workflows`; workflows run in `argo-workflows`.
 * No ClusterRole or ClusterRoleBinding except the CRD installer's.
 */
export const NAMESPACED_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  scope: InstallScope.NAMESPACED,
  managedNamespace: 'argo-workflows',
  workflowNamespaces: [{ name: 'argo-workflows' }],
};

/** The `namespaced` preset: one chart of that name in `app`. */
export function buildNamespaced(app: App): Chart {
  const chart = new Chart(app, 'namespaced');
  new ArgoWorkflows(chart, 'ArgoWorkflows', NAMESPACED_PROPS);
  return chart;
}
