/**
 * The stack's program: check the configuration, compute the service account subjects from the
 * plan, plan the Alibaba Cloud side, render the Kubernetes objects (every rule runs while no
 * resource exists), then create the bucket and identities, then the Kubernetes release. RRSA binds
 * by role name, which the plan chooses, so no look-up is needed before rendering.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { AlicloudArtifactStorage } from '../../src/cloud/alicloud/component';
import { subjectIdentities } from '../../src/cloud/alicloud/identity';
import { planAlicloudStorage, type AlicloudArtifactStorageArgs } from '../../src/cloud/alicloud/plan';
import { toObjects } from '../../src/render/objects';
import { parseStackConfig, type StackConfig } from './config';
import { stackProps } from './props';

/** Deploys the Kubernetes side (the bridge in the stack; a recorder in tests). */
export type DeployKubernetes = (config: StackConfig, props: ArgoWorkflowsProps, storage: AlicloudArtifactStorage) => unknown;

export interface StackOutputs {
  readonly bucketName: pulumi.Output<string>;
  readonly roleArns: pulumi.Output<Record<string, string>>;
  readonly identity: string;
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactRepository: unknown;
}

/** Runs the stack for `all` (full config keys to their strings). */
export function run(all: Readonly<Record<string, string>>, deploy: DeployKubernetes): StackOutputs {
  const config = parseStackConfig(all);
  const subjects = resolveArgoWorkflows(stackProps(config)).serviceAccountSubjects;
  const args: AlicloudArtifactStorageArgs = {
    bucketName: config.bucketName, region: config.region, identity: config.identity, subjects,
    ...(config.artifactRetentionDays === undefined ? {} : { artifactRetentionDays: config.artifactRetentionDays }),
  };
  const plan = planAlicloudStorage(args);
  const props = stackProps(config, plan.artifactRepository, subjectIdentities(plan.identity, plan.roles));
  toObjects(props);
  const storage = new AlicloudArtifactStorage('argo-workflows', args);
  deploy(config, props, storage);
  return {
    bucketName: storage.bucketName, roleArns: storage.roleArns, identity: config.identity.kind,
    namespace: config.namespace, workflowNamespaces: config.workflowNamespaces, artifactRepository: plan.artifactRepository.spec,
  };
}
