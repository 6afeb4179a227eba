/**
 * `ArgoWorkflowsStorage` (type `argo-stack:gcp:ArgoWorkflowsStorage`): the artifact bucket and the
 * identity of every service account that touches it, from the plan's subjects. Validation runs in
 * the constructor before any child; Google service account ids are chosen here, so their emails
 * (and the Kubernetes objects that carry them) are known before deploy. Every grant is on the
 * bucket or on one Google service account, never on the project.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import type { ArtifactRepository } from '../../config/storage/artifact-repository';
import { createBucket } from './bucket';
import { GcpIdentityKind, subjectIdentities, type ServiceAccountPlan, type SubjectIdentity } from './identity';
import { prefixCondition, WORKLOAD_IDENTITY_USER_ROLE, workloadIdentityMember } from './names';
import { planStorage, type ArgoWorkflowsStorageArgs, type StoragePlan } from './plan';

export class ArgoWorkflowsStorage extends pulumi.ComponentResource {
  /** The validated plan (names, service accounts, repository), the same the stack renders the Kubernetes side from. */
  public readonly plan: StoragePlan;
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketUrl: pulumi.Output<string>;
  /** The repository for the `artifact-repositories` ConfigMaps (plain data, known before deploy). */
  public readonly artifactRepository: ArtifactRepository;
  /** Each subject with its `WorkloadIdentity` (`WorkloadIdentity.gke(email)`, or none with HMAC); plain data. */
  public readonly identities: readonly SubjectIdentity[];
  /** The email of each Google service account, by its key (`writer`, `reader`, `hmac`). */
  public readonly serviceAccountEmails: pulumi.Output<Record<string, string>>;
  /** With HMAC: the access id and the secret (both secret outputs). */
  public readonly hmacAccessId?: pulumi.Output<string>;
  public readonly hmacSecret?: pulumi.Output<string>;

  constructor(name: string, args: ArgoWorkflowsStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planStorage(args);
    super('argo-stack:gcp:ArgoWorkflowsStorage', name, {}, opts);
    this.plan = plan;
    this.artifactRepository = plan.artifactRepository;
    const bucket = createBucket(name, plan, this);
    this.bucketName = bucket.name;
    this.bucketUrl = bucket.url;
    const accounts = plan.serviceAccounts.map((a) => [a, this.serviceAccount(name, plan, a, bucket)] as const);
    this.serviceAccountEmails = pulumi.all(Object.fromEntries(accounts.map(([a, gsa]) => [a.key, gsa.email])));
    if (plan.identity.kind === GcpIdentityKind.HMAC) {
      const [, gsa] = accounts[0];
      const key = new gcp.storage.HmacKey(`${name}-hmac`, { project: plan.project, serviceAccountEmail: gsa.email }, { parent: this, additionalSecretOutputs: ['accessId'] });
      this.hmacAccessId = pulumi.secret(key.accessId);
      this.hmacSecret = pulumi.secret(key.secret);
    }
    this.identities = subjectIdentities(plan.identity, plan.serviceAccounts, plan.serviceAccounts.flatMap((a) => a.subjects));
    this.registerOutputs({ bucketName: this.bucketName, bucketUrl: this.bucketUrl, serviceAccountEmails: this.serviceAccountEmails, hmacAccessId: this.hmacAccessId, hmacSecret: this.hmacSecret });
  }

  /** One Google service account: its grants on the bucket, and `workloadIdentityUser` on it for exactly its subjects. */
  private serviceAccount(name: string, plan: StoragePlan, a: ServiceAccountPlan, bucket: gcp.storage.Bucket): gcp.serviceaccount.Account {
    const gsa = new gcp.serviceaccount.Account(`${name}-${a.key}`, {
      project: plan.project, accountId: a.accountId, displayName: `Argo Workflows artifacts (${a.key})`,
      description: `Reaches the bucket ${plan.bucketName} for argo-stack`,
    }, { parent: this });
    const member = pulumi.interpolate`serviceAccount:${gsa.email}`;
    for (const g of a.grants) {
      const suffix = `${g.role.replace(/^roles\/storage\./, '')}${g.prefix === undefined ? '' : `-${g.prefix.replace(/\/+$/, '')}`}`;
      new gcp.storage.BucketIAMMember(`${name}-${a.key}-${suffix}`, {
        bucket: bucket.name, role: g.role, member,
        ...(g.prefix === undefined ? {} : { condition: { title: `only ${g.prefix}`, expression: prefixCondition(plan.bucketName, g.prefix) } }),
      }, { parent: this });
    }
    for (const s of a.subjects) {
      new gcp.serviceaccount.IAMMember(`${name}-${a.key}-${s.namespace}-${s.name}`, {
        serviceAccountId: gsa.name, role: WORKLOAD_IDENTITY_USER_ROLE, member: workloadIdentityMember(plan.project, s.namespace, s.name),
      }, { parent: this });
    }
    return gsa;
  }
}
