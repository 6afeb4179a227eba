/**
 * The stack's program: check the configuration, compute the service account subjects from the
 * plan, plan the Azure side, render the Kubernetes objects (every rule runs while no resource
 * exists), then create the storage account, container and identities, then the Kubernetes release.
 * No invoke is needed before rendering: the client ids are patched on after deploy.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { ArgoWorkflowsStorage } from '../../src/cloud/azure/component';
import { subjectIdentities } from '../../src/cloud/azure/identity';
import { planStorage, type ArgoWorkflowsStorageArgs } from '../../src/cloud/azure/plan';
import { toObjects } from '../../src/render/objects';
import { parseStackConfig, type StackConfig } from './config';
import { stackProps } from './props';

/** Deploys the Kubernetes side (the bridge in the stack; a recorder in tests). */
export type DeployKubernetes = (config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage) => unknown;

export interface StackOutputs {
  readonly storageAccountName: pulumi.Output<string>;
  readonly containerName: pulumi.Output<string>;
  readonly containerId: pulumi.Output<string>;
  readonly clientIds: pulumi.Output<Record<string, string>>;
  readonly identity: string;
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactRepository: unknown;
}

/** Runs the stack for `all` (full config keys to their strings). */
export function run(all: Readonly<Record<string, string>>, deploy: DeployKubernetes): StackOutputs {
  const config = parseStackConfig(all);
  const subjects = resolveArgoWorkflows(stackProps(config)).serviceAccountSubjects;
  const args: ArgoWorkflowsStorageArgs = {
    resourceGroupName: config.resourceGroupName, storageAccountName: config.storageAccountName, containerName: config.containerName,
    location: config.location, identity: config.identity, subjects,
    ...(config.artifactRetentionDays === undefined ? {} : { artifactRetentionDays: config.artifactRetentionDays }),
  };
  const plan = planStorage(args);
  const props = stackProps(config, plan.artifactRepository, subjectIdentities(plan.identity, plan.identities));
  toObjects(props);
  const storage = new ArgoWorkflowsStorage('argo-workflows', args);
  deploy(config, props, storage);
  return {
    storageAccountName: storage.storageAccountName, containerName: storage.containerName, containerId: storage.containerId, clientIds: storage.clientIds,
    identity: config.identity.kind, namespace: config.namespace, workflowNamespaces: config.workflowNamespaces, artifactRepository: plan.artifactRepository.spec,
  };
}
