import { App, Chart, Duration } from 'cdk8s';
import { AccessProfile, ArgoWorkflows, type ArgoWorkflowsProps, AuthMode, InstallScope, TemplateReferencing } from '../src';

/**
 * A team's setup from the field: the control plane in `control-plane`, workflows in `data-plane`.
 * - A namespaced install (`--namespaced --managed-namespace data-plane`): no ClusterRole except the
 *   CRD installer's.
 * - The UI takes Kubernetes tokens only (client auth): the token-login account `argo-ui` may edit
 *   workflows in `data-plane`; its token is pasted as `Bearer <token>`.
 * - Strict template referencing: workflows may only run WorkflowTemplates, and `data-plane` gets the
 *   example template `hello-world` so the install is usable at once.
 * - For clusters that do not automount ServiceAccount tokens: every workflow runs as
 *   `argo-workflow`, also for the executor, which mounts the token Secret
 *   `argo-workflow.service-account-token`, so workflows submitted from the UI start.
 * - The archive in an in-cluster PostgreSQL, archived workflows kept 30 days.
 */
export const STRICT_NAMESPACED_PROPS: ArgoWorkflowsProps = {
  namespace: 'control-plane',
  scope: InstallScope.NAMESPACED,
  managedNamespace: 'data-plane',
  server: { authModes: [AuthMode.CLIENT] },
  tokenLogin: { accounts: [{ name: 'argo-ui', profile: AccessProfile.EDITOR, namespaces: ['data-plane'] }] },
  workflowNamespaces: [{ name: 'data-plane' }],
  workflowRestrictions: { templateReferencing: TemplateReferencing.STRICT },
  workflowServiceAccountTokens: true,
  persistence: {
    postgres: { inCluster: {} },
    archiveTTL: Duration.days(30),
  },
};

/** The `strict-namespaced` preset: one chart of that name in `app`. */
export function buildStrictNamespaced(app: App): Chart {
  const chart = new Chart(app, 'strict-namespaced');
  new ArgoWorkflows(chart, 'ArgoWorkflows', STRICT_NAMESPACED_PROPS);
  return chart;
}
