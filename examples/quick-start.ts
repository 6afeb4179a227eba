import { App, Chart, Duration } from 'cdk8s';
import { AccessProfile, ArgoWorkflows, type ArgoWorkflowsProps, AuthMode } from '../src';

/**
 * The default stack: a cluster install in `argo` that also runs workflows in `argo`, with
 * - the workflow archive and node-status offloading in an in-cluster PostgreSQL, archived workflows
 *   kept 30 days;
 * - MinIO with its bucket `my-bucket`, as the `artifact-repositories` default in `argo`;
 * - every credential generated in the cluster (nothing secret in this folder).
 * The UI takes a Kubernetes token (client auth): the token-login account `argo-ui` may edit
 * workflows in `argo`; `kubectl -n argo create token argo-ui` prints a token to paste as
 * `Bearer <token>`, through `kubectl -n argo port-forward svc/argo-server 2746:2746`. Unlike
 * upstream's quick-start there is no server auth mode, in which any pod of the cluster that reaches
 * argo-server could run workflows as any service account.
 */
export const QUICK_START_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  server: { authModes: [AuthMode.CLIENT] },
  tokenLogin: { accounts: [{ name: 'argo-ui', profile: AccessProfile.EDITOR, namespaces: ['argo'] }] },
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
