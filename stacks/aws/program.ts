/**
 * The stack's program: check the configuration, compute the service account subjects from the
 * plan, plan the AWS side, render the Kubernetes objects (every rule runs while no resource
 * exists), then create the bucket and identities, then the Kubernetes release.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { ArgoWorkflowsStorage } from '../../src/cloud/aws/component';
import { subjectIdentities } from '../../src/cloud/aws/identity';
import { planStorage, type ArgoWorkflowsStorageArgs } from '../../src/cloud/aws/plan';
import { toObjects } from '../../src/render/objects';
import { parseStackConfig, type StackConfig } from './config';
import { stackProps } from './props';

/** Deploys the Kubernetes side (the bridge in the stack; a recorder in tests). */
export type DeployKubernetes = (config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage) => unknown;

export interface StackOutputs {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly roleArns: pulumi.Output<Record<string, string>>;
  readonly identity: string;
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactRepository: unknown;
}

/** Runs the stack for `all` (full config keys to their strings). */
export async function run(all: Readonly<Record<string, string>>, deploy: DeployKubernetes): Promise<StackOutputs> {
  const config = parseStackConfig(all);
  const subjects = resolveArgoWorkflows(stackProps(config)).serviceAccountSubjects;
  const args: ArgoWorkflowsStorageArgs = {
    bucketName: config.bucketName, region: config.region, identity: config.identity, subjects,
    ...(config.kmsKeyArn === undefined ? {} : { kmsKeyArn: config.kmsKeyArn }),
    ...(config.artifactRetentionDays === undefined ? {} : { artifactRetentionDays: config.artifactRetentionDays }),
  };
  const plan = planStorage(args);
  // Invokes, not resources: they run in preview, so the role ARNs (bound by name) are known there.
  const [caller, partition] = await Promise.all([aws.getCallerIdentity(), aws.getPartition()]);
  const identities = subjectIdentities(plan.identity, plan.roles, { partition: partition.partition, accountId: caller.accountId });
  const props = stackProps(config, plan.artifactRepository, identities);
  toObjects(props);
  const storage = new ArgoWorkflowsStorage('argo-workflows', args);
  deploy(config, props, storage);
  return {
    bucketName: storage.bucketName, bucketArn: storage.bucketArn, roleArns: storage.roleArns, identity: config.identity.kind,
    namespace: config.namespace, workflowNamespaces: config.workflowNamespaces, artifactRepository: plan.artifactRepository.spec,
  };
}
