/**
 * `ArgoWorkflowsStorage` (type `argo-stack:aws:ArgoWorkflowsStorage`): the artifact bucket and the
 * identity of every service account that touches it, from the plan's subjects. Validation runs in
 * the constructor before any child; role names are chosen here, so role ARNs are known from the
 * account and partition alone and the Kubernetes objects that carry them are prompt.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ArtifactRepository } from '../../config/storage/artifact-repository';
import { createBucket } from './bucket';
import { AwsIdentityKind, mergeGrants, subjectIdentities, type RolePlan, type SubjectIdentity } from './identity';
import { iamName, oidcProviderArn } from './names';
import { irsaTrustPolicy, permissionPolicy, podIdentityTrustPolicy, type PolicyDocument } from './policies';
import { planStorage, type ArgoWorkflowsStorageArgs, type StoragePlan } from './plan';
import { subjectOf } from '../../config/identity/subjects';

/** The name of the inline permission policy on each role (and on the user). */
export const PERMISSION_POLICY_NAME = 'argo-workflows-artifacts';

export class ArgoWorkflowsStorage extends pulumi.ComponentResource {
  /** The validated plan (names, roles, repository), the same the stack renders the Kubernetes side from. */
  public readonly plan: StoragePlan;
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  /** The repository for the `artifact-repositories` ConfigMaps (plain data, known before deploy). */
  public readonly artifactRepository: ArtifactRepository;
  /** Each subject with its `WorkloadIdentity` (IRSA role ARN, Pod Identity, or none with access keys). */
  public readonly identities: pulumi.Output<SubjectIdentity[]>;
  /** The ARN of each role, by its key (`workflow`, `server`, `artifact-gc`, `workflow-<ns>`, ...); none with access keys. */
  public readonly roleArns: pulumi.Output<Record<string, string>>;
  /** With access keys: the key id and the secret (a secret output). */
  public readonly accessKeyId?: pulumi.Output<string>;
  public readonly secretAccessKey?: pulumi.Output<string>;

  constructor(name: string, args: ArgoWorkflowsStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planStorage(args);
    super('argo-stack:aws:ArgoWorkflowsStorage', name, {}, opts);
    this.plan = plan;
    this.artifactRepository = plan.artifactRepository;
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const { bucket, ready } = createBucket(name, plan, partition, this);
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    const policyOf = (roles: readonly RolePlan[]) => partition.apply((p) => JSON.stringify(permissionPolicy({
      partition: p, bucket: plan.bucketName, grants: mergeGrants(roles.map((r) => r.grants)), region: plan.region, kmsKeyArn: plan.kmsKeyArn,
    })));
    if (plan.identity.kind === AwsIdentityKind.ACCESS_KEYS) {
      const user = new aws.iam.User(`${name}-user`, { name: iamName(plan.namePrefix, 'artifacts'), tags: { ...plan.tags } }, { parent: this });
      new aws.iam.UserPolicy(`${name}-user`, { user: user.name, name: PERMISSION_POLICY_NAME, policy: policyOf(plan.roles) }, { parent: this, dependsOn: ready });
      const key = new aws.iam.AccessKey(`${name}-user`, { user: user.name }, { parent: this });
      this.accessKeyId = key.id;
      this.secretAccessKey = pulumi.secret(key.secret);
      this.roleArns = pulumi.output<Record<string, string>>({});
    } else {
      const trust = this.trustPolicies(plan, account, partition);
      const roles = plan.roles.map((r) => {
        const role = new aws.iam.Role(`${name}-${r.key}`, { name: r.name, assumeRolePolicy: trust(r).apply((d) => JSON.stringify(d)), tags: { ...plan.tags } }, { parent: this });
        new aws.iam.RolePolicy(`${name}-${r.key}`, { role: role.name, name: PERMISSION_POLICY_NAME, policy: policyOf([r]) }, { parent: this });
        if (plan.identity.kind === AwsIdentityKind.POD_IDENTITY) {
          for (const s of r.subjects) {
            new aws.eks.PodIdentityAssociation(`${name}-${s.namespace}-${s.name}`, {
              clusterName: plan.identity.clusterName as string, namespace: s.namespace, serviceAccount: s.name, roleArn: role.arn, tags: { ...plan.tags },
            }, { parent: this });
          }
        }
        return [r.key, role.arn] as const;
      });
      this.roleArns = pulumi.all(Object.fromEntries(roles));
    }
    this.identities = pulumi.all([partition, account]).apply(([p, a]) => subjectIdentities(plan.identity, plan.roles, { partition: p, accountId: a }));
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, roleArns: this.roleArns, accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey });
  }

  /** The trust policy of a role: IRSA from the (given or looked-up) OIDC provider, or Pod Identity on the cluster. */
  private trustPolicies(plan: StoragePlan, account: pulumi.Output<string>, partition: pulumi.Output<string>): (r: RolePlan) => pulumi.Output<PolicyDocument> {
    const identity = plan.identity;
    if (identity.kind === AwsIdentityKind.POD_IDENTITY) {
      return (r) => pulumi.output(podIdentityTrustPolicy(identity.clusterName as string, r.subjects));
    }
    const issuer: pulumi.Output<string> = identity.issuerHostPath !== undefined ? pulumi.output(identity.issuerHostPath)
      : aws.eks.getClusterOutput({ name: identity.clusterName as string }, { parent: this }).identities
        .apply((ids) => ids[0].oidcs[0].issuer.replace(/^https:\/\//, '').replace(/\/+$/, ''));
    const provider = identity.oidcProviderArn !== undefined ? pulumi.output(identity.oidcProviderArn)
      : pulumi.all([partition, account, issuer]).apply(([p, a, i]) => oidcProviderArn(p, a, i));
    return (r) => pulumi.all([provider, issuer]).apply(([p, i]) => irsaTrustPolicy(p, i, r.subjects.map(subjectOf)));
  }
}
