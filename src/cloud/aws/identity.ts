/**
 * How the pods of argo-stack reach the bucket on AWS: `AwsIdentity`, one union-like class with a
 * factory per mechanism (IRSA, EKS Pod Identity, an IAM user's access keys), and the roles it
 * implies, planned as pure data from the plan's service account subjects.
 */
import { conflict } from '../../config/errors';
import { subjectOf, type ServiceAccountSubject } from '../../config/identity/subjects';
import { WorkloadIdentity } from '../../config/identity/workload-identity';
import { iamName, isNamespaced, roleArn, UPLOADS_PREFIX } from './names';
import type { ObjectGrants } from './policies';
import { checkIssuerMatchesProvider, validateClusterName, validateIssuerUrl, validateOidcProviderArn } from './validate';

export enum AwsIdentityKind {
  IRSA = 'irsa',
  POD_IDENTITY = 'pod-identity',
  ACCESS_KEYS = 'access-keys',
}

/** Where IRSA finds the cluster's OIDC issuer and IAM OIDC provider. Give at least one. */
export interface IrsaOptions {
  /**
   * The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`).
   * @default - from `oidcProviderArn`, else looked up from `clusterName`
   */
  readonly oidcIssuerUrl?: string;
  /**
   * The IAM OIDC provider of that issuer.
   * @default - `arn:<partition>:iam::<account>:oidc-provider/<issuer host/path>`
   */
  readonly oidcProviderArn?: string;
  /**
   * The EKS cluster, to look the issuer up.
   * @default - none
   */
  readonly clusterName?: string;
}

/** Option names for messages: the field as the caller knows it (`irsa.clusterName`, `argo-stack-aws:clusterName`). */
export type OptionNames = (field: string) => string;

/**
 * The identity of every service account that touches the bucket. Make one with a static factory.
 */
export class AwsIdentity {
  /**
   * IAM Roles for Service Accounts (the default): one role per access level (per namespace when the
   * key format starts with the namespace), trusted by the cluster's OIDC provider for exact subjects.
   */
  public static irsa(options: IrsaOptions = {}, names: OptionNames = (f) => `irsa.${f}`): AwsIdentity {
    const { oidcIssuerUrl, oidcProviderArn, clusterName } = options;
    if (oidcIssuerUrl === undefined && oidcProviderArn === undefined && clusterName === undefined) {
      throw conflict(`IRSA needs the cluster's OIDC issuer, but none of ${names('oidcIssuerUrl')}, ${names('oidcProviderArn')} and ${names('clusterName')} is set`,
        `set ${names('clusterName')} to look the issuer up, or set ${names('oidcIssuerUrl')} (and ${names('oidcProviderArn')} when the provider is in another account)`);
    }
    const issuer = oidcIssuerUrl === undefined ? undefined : validateIssuerUrl(names('oidcIssuerUrl'), oidcIssuerUrl);
    const provider = oidcProviderArn === undefined ? undefined : validateOidcProviderArn(names('oidcProviderArn'), oidcProviderArn);
    if (issuer !== undefined && provider !== undefined) checkIssuerMatchesProvider(names('oidcIssuerUrl'), issuer, names('oidcProviderArn'), provider.issuerHostPath);
    const cluster = clusterName === undefined ? undefined : validateClusterName(names('clusterName'), clusterName);
    return new AwsIdentity(AwsIdentityKind.IRSA, cluster, issuer ?? provider?.issuerHostPath, provider?.arn);
  }

  /** EKS Pod Identity: one role per access level and one association per service account (needs the eks-pod-identity-agent add-on). */
  public static podIdentity(options: { readonly clusterName?: string } = {}, names: OptionNames = (f) => `podIdentity.${f}`): AwsIdentity {
    if (options.clusterName === undefined) {
      throw conflict(`EKS Pod Identity associates each service account on a cluster, but ${names('clusterName')} is not set`, `set ${names('clusterName')} to the EKS cluster's name`);
    }
    return new AwsIdentity(AwsIdentityKind.POD_IDENTITY, validateClusterName(names('clusterName'), options.clusterName));
  }

  /** An IAM user with the same least-privilege policy, its access key in a Secret (`accessKey`/`secretKey`). Prefer a federated identity. */
  public static accessKeys(): AwsIdentity {
    return new AwsIdentity(AwsIdentityKind.ACCESS_KEYS);
  }

  private constructor(
    public readonly kind: AwsIdentityKind,
    /** The EKS cluster (Pod Identity; IRSA look-up). */
    public readonly clusterName?: string,
    /** IRSA: the issuer's host and path when given (directly or through the provider ARN). */
    public readonly issuerHostPath?: string,
    /** IRSA: the provider ARN when given. */
    public readonly oidcProviderArn?: string,
  ) {
    Object.freeze(this);
  }
}

/** One IAM role (or, with access keys, the user): its name, the subjects it trusts, the objects it reaches. */
export interface RolePlan {
  /** `workflow`, `server`, `artifact-gc`, or with a namespaced key format `workflow-<ns>` and `artifact-gc-<ns>`. */
  readonly key: string;
  readonly name: string;
  readonly subjects: readonly ServiceAccountSubject[];
  readonly grants: ObjectGrants;
}

const EMPTY: ObjectGrants = { get: [], put: [], delete: [], list: [] };

export function mergeGrants(grants: readonly ObjectGrants[]): ObjectGrants {
  const join = (f: keyof ObjectGrants) => [...new Set(grants.flatMap((g) => g[f]))].sort();
  return { get: join('get'), put: join('put'), delete: join('delete'), list: join('list') };
}

/**
 * What one subject reaches (from Argo v4.1.2's source): workflow pods get, put and list their
 * namespace's artifacts and read its UI uploads; argo-server reads every workflow namespace's
 * artifacts and uploads and puts only under `uploads/<ns>/` (the one key UploadInputArtifact writes);
 * artifact GC lists and deletes (s3.go `Delete` lists a directory key, then deletes each object).
 */
export function grantsOf(subject: ServiceAccountSubject, workflowNamespaces: readonly string[], namespaced: boolean): ObjectGrants {
  const artifacts = (ns: string) => (namespaced ? `${ns}/` : '');
  const uploads = (ns: string) => `${UPLOADS_PREFIX}${ns}/`;
  const has = (a: string) => subject.access.includes(a as never);
  const ns = subject.namespace;
  switch (subject.component) {
    case 'workflow': {
      const read = [artifacts(ns), uploads(ns)];
      return { get: has('read') ? read : [], put: has('write') ? [artifacts(ns)] : [], delete: has('delete') ? [artifacts(ns)] : [], list: read };
    }
    case 'server': {
      const read = workflowNamespaces.flatMap((w) => [artifacts(w), uploads(w)]);
      return { get: has('read') ? read : [], put: has('write') ? workflowNamespaces.map(uploads) : [], delete: [], list: read };
    }
    case 'artifact-gc':
      return { ...EMPTY, delete: has('delete') ? [artifacts(ns)] : [], list: [artifacts(ns)] };
  }
}

/**
 * The roles for the subjects: one per access level, and per workflow namespace when the key format
 * starts with `{{workflow.namespace}}/` (each tenant's roles then reach only its own prefix).
 */
export function planRoles(subjects: readonly ServiceAccountSubject[], keyFormat: string | undefined, namePrefix: string): RolePlan[] {
  const namespaced = isNamespaced(keyFormat);
  const workflowNamespaces = [...new Set(subjects.filter((s) => s.component !== 'server').map((s) => s.namespace))];
  const groups = new Map<string, ServiceAccountSubject[]>();
  for (const s of subjects) {
    const key = namespaced && s.component !== 'server' ? `${s.component}-${s.namespace}` : s.component;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.entries()].map(([key, members]) => ({
    key, name: iamName(namePrefix, key), subjects: members, grants: mergeGrants(members.map((s) => grantsOf(s, workflowNamespaces, namespaced))),
  }));
}

/** The role (by IAM name) each subject takes, keyed by its `system:serviceaccount:<ns>:<name>` subject. */
export function roleOfSubject(roles: readonly RolePlan[]): Map<string, RolePlan> {
  return new Map(roles.flatMap((r) => r.subjects.map((s) => [subjectOf(s), r] as const)));
}

/** One subject with the Kubernetes-side identity it gets. */
export interface SubjectIdentity {
  readonly subject: ServiceAccountSubject;
  /** The IAM role it takes; none with access keys. */
  readonly roleName?: string;
  readonly workloadIdentity?: WorkloadIdentity;
}

/** The `WorkloadIdentity` of each subject; IRSA role ARNs are bound by name from the account and partition. */
export function subjectIdentities(identity: AwsIdentity, roles: readonly RolePlan[], account: { readonly partition: string; readonly accountId: string }): SubjectIdentity[] {
  return roles.flatMap((r) => r.subjects.map((subject): SubjectIdentity => {
    switch (identity.kind) {
      case AwsIdentityKind.IRSA: return { subject, roleName: r.name, workloadIdentity: WorkloadIdentity.awsIrsa(roleArn(account.partition, account.accountId, r.name)) };
      case AwsIdentityKind.POD_IDENTITY: return { subject, roleName: r.name, workloadIdentity: WorkloadIdentity.awsPodIdentity() };
      case AwsIdentityKind.ACCESS_KEYS: return { subject };
    }
  }));
}
