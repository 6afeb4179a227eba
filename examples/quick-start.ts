import { App, Chart, Duration } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, AuthMode } from '../src';

/**
 * The default stack: a cluster install in `argo` that also runs workflows in `argo`, with
 * - the workflow archive and node-status offloading in an in-cluster PostgreSQL, archived workflows
 *   kept 30 days;
 * - MinIO with its bucket `my-bucket`, as the `artifact-repositories` default in `argo`;
 * - every credential generated in the cluster (nothing secret in this folder).
 * The UI accepts server and client auth, as upstream's quick-start does, for use through
 * `kubectl -n argo port-forward svc/argo-server 2746:2746`.
 */
export const QUICK_START_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  server: { authModes: [AuthMode.SERVER, AuthMode.CLIENT] },
  workflowNamespaces: [{ name: 'argo' }],
  persistence: {
    postgres: { inCluster: {} },
    archiveTTL: Duration.days(30),
    nodeStatusOffLoad: true,
  },
  minio: true,
};

/** The `quick-start` preset: one chart of that name in `app`. */
export function buildQuickStart(app: App): Chart {
  const chart = new Chart(app, 'quick-start');
  new ArgoWorkflows(chart, 'ArgoWorkflows', QUICK_START_PROPS);
  return chart;
}
