/**
 * The stack's program: check the configuration, compute the service account subjects from the
 * plan, plan the GCP side, render the Kubernetes objects (every rule runs while no resource
 * exists), then create the bucket and service accounts, then the Kubernetes release. The Google
 * service account emails are chosen by name, so no look-up is needed before rendering.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { ArgoWorkflowsStorage } from '../../src/cloud/gcp/component';
import { subjectIdentities } from '../../src/cloud/gcp/identity';
import { planStorage, type ArgoWorkflowsStorageArgs } from '../../src/cloud/gcp/plan';
import { toObjects } from '../../src/render/objects';
import { key, parseStackConfig, type StackConfig } from './config';
import { stackProps } from './props';

/** Deploys the Kubernetes side (the bridge in the stack; a recorder in tests). */
export type DeployKubernetes = (config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage) => unknown;

export interface StackOutputs {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketUrl: pulumi.Output<string>;
  readonly serviceAccountEmails: pulumi.Output<Record<string, string>>;
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
    project: config.project, bucketName: config.bucketName, location: config.location, identity: config.identity, subjects,
    ...(config.kmsKeyName === undefined ? {} : { kmsKeyName: config.kmsKeyName }),
    ...(config.artifactRetentionDays === undefined ? {} : { artifactRetentionDays: config.artifactRetentionDays }),
  };
  const plan = planStorage(args, 'args', (f) => (f === 'project' ? 'gcp:project' : key(f)));
  const identities = subjectIdentities(plan.identity, plan.serviceAccounts, subjects);
  const props = stackProps(config, plan.artifactRepository, identities);
  toObjects(props);
  const storage = new ArgoWorkflowsStorage('argo-workflows', args);
  deploy(config, props, storage);
  return {
    bucketName: storage.bucketName, bucketUrl: storage.bucketUrl, serviceAccountEmails: storage.serviceAccountEmails, identity: config.identity.kind,
    namespace: config.namespace, workflowNamespaces: config.workflowNamespaces, artifactRepository: plan.artifactRepository.spec,
  };
}
