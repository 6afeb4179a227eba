/**
 * `AlicloudArtifactStorage` (type `argo-stack:alicloud:ArtifactStorage`): the OSS artifact bucket
 * and the identity of every service account that touches it, from the plan's subjects. Validation
 * runs in the constructor before any child; RAM role names are chosen here, so the RRSA
 * annotations (which carry the role name, not the ARN) are known before deploy.
 */
import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import type { ArtifactRepository } from '../../config/storage/artifact-repository';
import { subjectOf } from '../../config/identity/subjects';
import { createOssBucket } from './bucket';
import { AlicloudIdentityKind, subjectIdentities, type RolePlan, type SubjectIdentity } from './identity';
import { ramName } from './names';
import { permissionPolicy, rrsaTrustPolicy } from './policies';
import { planAlicloudStorage, type AlicloudArtifactStorageArgs, type AlicloudStoragePlan } from './plan';

export class AlicloudArtifactStorage extends pulumi.ComponentResource {
  /** The validated plan (names, roles, repository), the same the stack renders the Kubernetes side from. */
  public readonly plan: AlicloudStoragePlan;
  public readonly bucketName: pulumi.Output<string>;
  /** The repository for the `artifact-repositories` ConfigMaps (plain data, known before deploy). */
  public readonly artifactRepository: ArtifactRepository;
  /** Each subject with its `WorkloadIdentity` (`WorkloadIdentity.alibabaRrsa(roleName)`, or none with access keys). Plain data. */
  public readonly identities: readonly SubjectIdentity[];
  /** The ARN of each RAM role, by its key (`server`, `workflow`, `artifact-gc`); none with access keys. */
  public readonly roleArns: pulumi.Output<Record<string, string>>;
  /** With access keys: the AccessKey id and secret (both secret outputs). */
  public readonly accessKeyId?: pulumi.Output<string>;
  public readonly accessKeySecret?: pulumi.Output<string>;

  constructor(name: string, args: AlicloudArtifactStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planAlicloudStorage(args);
    super('argo-stack:alicloud:ArtifactStorage', name, {}, opts);
    this.plan = plan;
    this.artifactRepository = plan.artifactRepository;
    this.identities = subjectIdentities(plan.identity, plan.roles);
    const { bucket, ready } = createOssBucket(name, plan, this);
    this.bucketName = bucket.bucket;
    const tags = { ...plan.tags };
    const policyOf = (key: string, r: Pick<RolePlan, 'access'>) => new alicloud.ram.Policy(`${name}-${key}`, {
      policyName: ramName(plan.namePrefix, key), policyDocument: JSON.stringify(permissionPolicy(plan.bucketName, r.access)),
      description: `Argo Workflows artifacts in OSS bucket ${plan.bucketName}`, tags,
    }, { parent: this, dependsOn: ready });
    if (plan.identity.kind === AlicloudIdentityKind.ACCESS_KEYS) {
      const access = [...new Set(plan.roles.flatMap((r) => r.access))];
      const policy = policyOf('user', { access: (['read', 'write', 'delete'] as const).filter((a) => access.includes(a)) });
      const user = new alicloud.ram.User(`${name}-user`, { name: ramName(plan.namePrefix, 'user'), comments: 'Argo Workflows artifacts (AccessKey fallback)', tags }, { parent: this });
      new alicloud.ram.UserPolicyAttachment(`${name}-user`, { userName: user.name, policyName: policy.policyName, policyType: 'Custom' }, { parent: this });
      const key = new alicloud.ram.AccessKey(`${name}-user`, { userName: user.name }, { parent: this, additionalSecretOutputs: ['secret'] });
      this.accessKeyId = pulumi.secret(key.id);
      this.accessKeySecret = pulumi.secret(key.secret);
      this.roleArns = pulumi.output<Record<string, string>>({});
    } else {
      const trust = this.trustInputs(plan);
      const roles = plan.roles.map((r) => {
        const role = new alicloud.ram.Role(`${name}-${r.key}`, {
          roleName: r.name, description: `Argo Workflows ${r.key} (RRSA)`, tags,
          assumeRolePolicyDocument: pulumi.all([trust.provider, trust.issuer]).apply(([p, i]) => JSON.stringify(rrsaTrustPolicy(p, i, r.subjects.map(subjectOf)))),
        }, { parent: this });
        const policy = policyOf(r.key, r);
        new alicloud.ram.RolePolicyAttachment(`${name}-${r.key}`, { roleName: role.roleName, policyName: policy.policyName, policyType: 'Custom' }, { parent: this });
        return [r.key, role.arn] as const;
      });
      this.roleArns = pulumi.all(Object.fromEntries(roles));
    }
    this.registerOutputs({ bucketName: this.bucketName, roleArns: this.roleArns, accessKeyId: this.accessKeyId, accessKeySecret: this.accessKeySecret });
  }

  /** The RAM OIDC provider ARN and issuer URL: as given, else from the ACK cluster's RRSA settings. */
  private trustInputs(plan: AlicloudStoragePlan): { provider: pulumi.Output<string>; issuer: pulumi.Output<string> } {
    const id = plan.identity;
    const rrsa = id.oidcIssuerUrl !== undefined && id.oidcProviderArn !== undefined ? undefined
      : alicloud.cs.getManagedKubernetesClustersOutput({ ids: [id.clusterId as string], enableDetails: true }, { parent: this }).clusters.apply((cs) => {
        const config = cs[0]?.rrsaConfig;
        if (config === undefined || !config.enabled) throw new Error(`RRSA is not enabled on the ACK cluster ${id.clusterId}: enable it (ACK console > Security > RRSA OIDC) and run again`);
        return config;
      });
    return {
      provider: id.oidcProviderArn !== undefined ? pulumi.output(id.oidcProviderArn) : rrsa!.ramOidcProviderArn,
      issuer: id.oidcIssuerUrl !== undefined ? pulumi.output(id.oidcIssuerUrl) : rrsa!.rrsaOidcIssuerUrl,
    };
  }
}
