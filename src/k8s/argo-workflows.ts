import { Construct } from 'constructs';
import { addDependencyHints } from './_depends-on';
import { Component, Endpoint } from '../config/endpoints';
import type { ArgoWorkflowsProps } from '../config/options';
import type { ResolvedArgoWorkflows } from '../config/plan';
import { resolveArgoWorkflows } from '../config/resolve';
import type { K8sContext } from './_meta';
import { ArgoServer } from './server';
import { ArgoServerExposure } from './exposure';
import { Crds } from './crds';
import { ArtifactRepositories } from './artifact-repositories';
import { InClusterDatabase } from './database';
import { Minio } from './minio';
import { ManagedSecrets } from './secrets';
import { Namespace } from './namespace';
import { WorkflowController } from './controller';
import { WorkflowNamespace } from './workflow-namespace';
import { UiAccounts } from './auth/ui-accounts';
import { ArgoMetrics } from './metrics';
import { NetworkPolicies } from './network-policies';

/** The plan's endpoint of a component it runs (the plan always has one for a component it deploys). */
function endpointOf(plan: ResolvedArgoWorkflows, component: Component): Endpoint {
  const endpoint = plan.endpoints.find((e) => e.component === component);
  if (!endpoint) throw new Error(`the plan has no endpoint for ${component}`);
  return endpoint;
}

/**
 * The whole Argo Workflows install from one options object: namespaces, CRDs, workflow-controller
 * and its configmap, argo-server, RBAC for the chosen scope, and workflow namespaces.
 *
 * Every option is validated when this is constructed, before anything is synthesized.
 */
export class ArgoWorkflows extends Construct {
  /** The resolved plan: every default filled in, every rule checked. */
  public readonly plan: ResolvedArgoWorkflows;
  public readonly controller: WorkflowController;
  public readonly server?: ArgoServer;
  /** The Certificates, Ingress or HTTPRoute of argo-server, when argo-server runs. */
  public readonly exposure?: ArgoServerExposure;
  /** The metrics Services, ServiceMonitors and PrometheusRule. */
  public readonly metrics: ArgoMetrics;

  constructor(scope: Construct, id: string, props: ArgoWorkflowsProps = {}) {
    super(scope, id);
    const plan = resolveArgoWorkflows(props);
    this.plan = plan;
    const ctx: K8sContext = {
      namespace: plan.namespace, labels: plan.labels, version: plan.version, images: plan.images, scope: plan.scope, managedNamespace: plan.managedNamespace,
      imagePullSecrets: plan.imagePullSecrets, jobs: plan.jobs,
    };

    if (plan.createNamespace) new Namespace(this, 'Namespace', { ctx, name: plan.namespace, labels: plan.namespaceLabels });
    for (const n of plan.workflowNamespaces) {
      if (n.create) new Namespace(this, `Namespace-${n.name}`, { ctx, name: n.name, podSecurity: n.podSecurity, labels: n.labels });
    }
    new Crds(this, 'Crds', { ctx, mode: plan.crds });
    if (plan.networkPolicies.policies.length) new NetworkPolicies(this, 'NetworkPolicies', { ctx, policies: plan.networkPolicies.policies });
    if (plan.storage.secrets.length) new ManagedSecrets(this, 'Secrets', { ctx, secrets: plan.storage.secrets });
    const db = plan.persistence?.database;
    if (db) new InClusterDatabase(this, 'Database', { ctx, database: db, endpoint: endpointOf(plan, db.engine === 'postgres' ? Component.POSTGRES : Component.MYSQL) });
    if (plan.storage.minio) new Minio(this, 'Minio', { ctx, minio: plan.storage.minio, endpoint: endpointOf(plan, Component.MINIO) });
    this.controller = new WorkflowController(this, 'Controller', { ctx, controller: plan.controller, rbac: plan.rbac });
    if (plan.server) {
      this.server = new ArgoServer(this, 'Server', { ctx, server: plan.server, configChecksum: this.controller.configMap.checksum, rbac: plan.rbac });
      this.exposure = new ArgoServerExposure(this, 'Exposure', { ctx, exposure: plan.exposure, endpoint: plan.server.endpoint });
    }
    for (const n of plan.workflowNamespaces) {
      new WorkflowNamespace(this, `WorkflowNamespace-${n.name}`, { ctx, namespace: n });
      const repositories = plan.storage.artifactRepositories?.[n.name];
      if (repositories) new ArtifactRepositories(this, `ArtifactRepositories-${n.name}`, { ctx, namespace: n.name, repositories });
    }
    if (plan.auth) {
      const repositorySecrets = Object.fromEntries(plan.workflowNamespaces.map((n) => [n.name, n.serverSecrets]));
      new UiAccounts(this, 'UiAccounts', { ctx, auth: plan.auth, repositorySecrets });
    }
    this.metrics = new ArgoMetrics(this, 'Metrics', { ctx, metrics: plan.metrics, controller: plan.controller.endpoint, server: plan.server?.endpoint });
    addDependencyHints(this);
  }
}
