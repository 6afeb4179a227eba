/**
 * How the pods of argo-stack reach the bucket on Alibaba Cloud: `AlicloudIdentity`, one union-like
 * class with a factory per mechanism (ACK RRSA, a RAM user's AccessKey), and the RAM roles it
 * implies, planned as pure data from the plan's service account subjects: one role per component
 * (argo-server, workflow pods, artifact GC), so only the GC role may delete.
 */
import { conflict } from '../../config/errors';
import type { BucketAccess, ServiceAccountSubject, SubjectComponent } from '../../config/identity/subjects';
import { WorkloadIdentity } from '../../config/identity/workload-identity';
import { ramName } from './names';
import { checkProviderMatchesCluster, validateClusterId, validateIssuerUrl, validateOidcProviderArn } from './validate';

export enum AlicloudIdentityKind {
  RRSA = 'rrsa',
  ACCESS_KEYS = 'access-keys',
}

/** Where RRSA finds the cluster's OIDC issuer and RAM OIDC provider. */
export interface RrsaOptions {
  /**
   * The ACK cluster with RRSA on; the issuer and the provider not given are looked up from it.
   * @default - none: then both `oidcIssuerUrl` and `oidcProviderArn` are needed
   */
  readonly clusterId?: string;
  /**
   * The RRSA OIDC issuer URL (the `iss` of the cluster's service account tokens).
   * @default - looked up from `clusterId`
   */
  readonly oidcIssuerUrl?: string;
  /**
   * The RAM OIDC provider of that issuer (`acs:ram::<account>:oidc-provider/ack-rrsa-<cluster id>`).
   * @default - looked up from `clusterId`
   */
  readonly oidcProviderArn?: string;
}

/** Option names for messages: the field as the caller knows it (`rrsa.clusterId`, `argo-stack-alicloud:clusterId`). */
export type OptionNames = (field: string) => string;

/** The identity of every service account that touches the bucket. Make one with a static factory. */
export class AlicloudIdentity {
  /**
   * ACK RAM Roles for Service Accounts (the default): one RAM role per component, trusted by the
   * cluster's RAM OIDC provider for the exact subjects. Needs the ack-pod-identity-webhook add-on;
   * the namespaces get the injection label, so argo-stack must create them.
   */
  public static rrsa(options: RrsaOptions = {}, names: OptionNames = (f) => `rrsa.${f}`): AlicloudIdentity {
    const { clusterId, oidcIssuerUrl, oidcProviderArn } = options;
    if (clusterId === undefined && oidcProviderArn === undefined) {
      throw conflict(`RRSA needs the cluster's RAM OIDC provider, but neither ${names('clusterId')} nor ${names('oidcProviderArn')} is set`,
        `set ${names('clusterId')} to look the provider and issuer up, or set ${names('oidcProviderArn')} and ${names('oidcIssuerUrl')}`);
    }
    if (clusterId === undefined && oidcIssuerUrl === undefined) {
      throw conflict(`RRSA needs the cluster's OIDC issuer for the oidc:iss condition, but ${names('oidcProviderArn')} is set without ${names('oidcIssuerUrl')} or ${names('clusterId')}`,
        `set ${names('oidcIssuerUrl')}, or set ${names('clusterId')} to look it up`);
    }
    const cluster = clusterId === undefined ? undefined : validateClusterId(names('clusterId'), clusterId);
    const issuer = oidcIssuerUrl === undefined ? undefined : validateIssuerUrl(names('oidcIssuerUrl'), oidcIssuerUrl);
    const provider = oidcProviderArn === undefined ? undefined : validateOidcProviderArn(names('oidcProviderArn'), oidcProviderArn);
    if (cluster !== undefined && provider !== undefined) checkProviderMatchesCluster(names('oidcProviderArn'), provider.name, names('clusterId'), cluster);
    return new AlicloudIdentity(AlicloudIdentityKind.RRSA, cluster, issuer, provider?.arn);
  }

  /** A RAM user with the same least-privilege policy, its AccessKey in a Secret (`accessKey`/`secretKey`). Prefer RRSA. */
  public static accessKeys(): AlicloudIdentity {
    return new AlicloudIdentity(AlicloudIdentityKind.ACCESS_KEYS);
  }

  private constructor(
    public readonly kind: AlicloudIdentityKind,
    /** RRSA: the ACK cluster, to look up what is not given. */
    public readonly clusterId?: string,
    /** RRSA: the issuer URL when given. */
    public readonly oidcIssuerUrl?: string,
    /** RRSA: the provider ARN when given. */
    public readonly oidcProviderArn?: string,
  ) {
    Object.freeze(this);
  }
}

/** One RAM role: its key, its name, the subjects it trusts and what they do with the bucket. */
export interface RolePlan {
  readonly key: SubjectComponent;
  readonly name: string;
  readonly subjects: readonly ServiceAccountSubject[];
  readonly access: readonly BucketAccess[];
}

const ORDER: readonly BucketAccess[] = ['read', 'write', 'delete'];

/** The roles for the subjects: one per component that has subjects, in the subjects' order. */
export function planRoles(subjects: readonly ServiceAccountSubject[], namePrefix: string): RolePlan[] {
  const groups = new Map<SubjectComponent, ServiceAccountSubject[]>();
  for (const s of subjects) groups.set(s.component, [...(groups.get(s.component) ?? []), s]);
  return [...groups.entries()].map(([key, members]) => ({
    key, name: ramName(namePrefix, key), subjects: members, access: ORDER.filter((a) => members.some((m) => m.access.includes(a))),
  }));
}

/** One subject with the Kubernetes-side identity it gets. */
export interface SubjectIdentity {
  readonly subject: ServiceAccountSubject;
  /** The RAM role it takes; none with access keys. */
  readonly roleName?: string;
  readonly workloadIdentity?: WorkloadIdentity;
}

/** The `WorkloadIdentity` of each subject: RRSA binds by role name, which is chosen before deploy. */
export function subjectIdentities(identity: AlicloudIdentity, roles: readonly RolePlan[]): SubjectIdentity[] {
  return roles.flatMap((r) => r.subjects.map((subject): SubjectIdentity => (identity.kind === AlicloudIdentityKind.RRSA
    ? { subject, roleName: r.name, workloadIdentity: WorkloadIdentity.alibabaRrsa(r.name) }
    : { subject })));
}
