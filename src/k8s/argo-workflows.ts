import { Construct } from 'constructs';
import type { ArgoWorkflowsProps } from '../config/options';
import { resolveArgoWorkflows, ResolvedArgoWorkflows } from '../config/resolve';
import { ArgoServer } from './server';
import { Crds } from './crds';
import { ArtifactRepositories } from './artifact-repositories';
import { InClusterDatabase } from './database';
import { Minio } from './minio';
import { ManagedSecrets } from './secrets';
import { Namespace } from './namespace';
import { WorkflowController } from './controller';
import { WorkflowNamespace } from './workflow-namespace';

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

  constructor(scope: Construct, id: string, props: ArgoWorkflowsProps = {}) {
    super(scope, id);
    const plan = resolveArgoWorkflows(props);
    this.plan = plan;

    if (plan.createNamespace) new Namespace(this, 'Namespace', { plan, name: plan.namespace });
    for (const n of plan.workflowNamespaces) {
      if (n.create) new Namespace(this, `Namespace-${n.name}`, { plan, name: n.name, podSecurity: n.podSecurity });
    }
    new Crds(this, 'Crds', { plan });
    if (plan.storage.secrets.length) new ManagedSecrets(this, 'Secrets', { plan, secrets: plan.storage.secrets });
    if (plan.persistence?.database) new InClusterDatabase(this, 'Database', { plan, database: plan.persistence.database });
    if (plan.storage.minio) new Minio(this, 'Minio', { plan, minio: plan.storage.minio });
    this.controller = new WorkflowController(this, 'Controller', { plan });
    if (plan.server) {
      this.server = new ArgoServer(this, 'Server', { plan, server: plan.server, configChecksum: this.controller.configMap.checksum });
    }
    for (const n of plan.workflowNamespaces) {
      new WorkflowNamespace(this, `WorkflowNamespace-${n.name}`, { plan, namespace: n });
      if (plan.storage.artifactRepositories) {
        new ArtifactRepositories(this, `ArtifactRepositories-${n.name}`, { plan, namespace: n.name, repositories: plan.storage.artifactRepositories });
      }
    }
  }
}
