/**
 * How the pods of argo-stack reach the container on Azure: `AzureIdentity`, a union-like class with
 * a factory per mechanism (AKS Workload Identity with user-assigned managed identities, or the
 * storage account key), and the identities it implies, planned as pure data from the plan's
 * service account subjects.
 */
import { conflict } from '../../config/errors';
import { subjectOf, type ServiceAccountSubject } from '../../config/identity/subjects';
import { WorkloadIdentity } from '../../config/identity/workload-identity';
import { credentialName, identityName, MAX_FEDERATED_CREDENTIALS, STORAGE_BLOB_DATA_CONTRIBUTOR, STORAGE_BLOB_DATA_READER } from './names';
import { validateIssuerUrl } from './validate';

export enum AzureIdentityKind {
  WORKLOAD_IDENTITY = 'workload-identity',
  ACCOUNT_KEY = 'account-key',
}

/** Option names for messages: the field as the caller knows it (`workloadIdentity.oidcIssuerUrl`, `argo-stack-azure:oidcIssuerUrl`). */
export type OptionNames = (field: string) => string;

/** The identity of every service account that touches the container. Make one with a static factory. */
export class AzureIdentity {
  /**
   * AKS Workload Identity (the default): a user-assigned managed identity per access level, one
   * federated credential per service account (the exact `system:serviceaccount:<ns>:<name>`
   * subject of the cluster's issuer), and a data role on the container only. Needs the cluster's
   * OIDC issuer and Workload Identity enabled on the cluster.
   */
  public static workloadIdentity(options: { readonly oidcIssuerUrl?: string } = {}, names: OptionNames = (f) => `workloadIdentity.${f}`): AzureIdentity {
    if (options.oidcIssuerUrl === undefined) {
      throw conflict(`Workload Identity trusts the cluster's OIDC issuer, but ${names('oidcIssuerUrl')} is not set`,
        `set ${names('oidcIssuerUrl')} to the cluster's issuer (az aks show --query oidcIssuerProfile.issuerUrl -o tsv)`);
    }
    return new AzureIdentity(AzureIdentityKind.WORKLOAD_IDENTITY, validateIssuerUrl(names('oidcIssuerUrl'), options.oidcIssuerUrl));
  }

  /**
   * The storage account's key, delivered as the `account-access-key` Secret (Argo's `accountKeySecret`).
   * Needs shared-key access on the account. Prefer Workload Identity.
   */
  public static accountKey(): AzureIdentity {
    return new AzureIdentity(AzureIdentityKind.ACCOUNT_KEY);
  }

  private constructor(
    public readonly kind: AzureIdentityKind,
    /** Workload Identity: the AKS OIDC issuer, exactly as the tokens carry it. */
    public readonly oidcIssuerUrl?: string,
  ) {
    Object.freeze(this);
  }
}

/** The two access levels, each a built-in data role on the container. */
export type AccessLevel = 'contributor' | 'reader';

/** The role of each access level (built-in role definition GUIDs). */
export const ROLE_OF: Readonly<Record<AccessLevel, { readonly name: string; readonly guid: string }>> = {
  contributor: { name: 'Storage Blob Data Contributor', guid: STORAGE_BLOB_DATA_CONTRIBUTOR },
  reader: { name: 'Storage Blob Data Reader', guid: STORAGE_BLOB_DATA_READER },
};

/** One federated identity credential: its name and the exact subject it trusts. */
export interface CredentialPlan {
  readonly name: string;
  readonly subject: string;
  readonly of: ServiceAccountSubject;
}

/** One user-assigned managed identity: its access level, name and the service accounts it trusts. */
export interface IdentityPlan {
  readonly key: AccessLevel;
  readonly name: string;
  readonly roleDefinitionGuid: string;
  readonly credentials: readonly CredentialPlan[];
}

/**
 * A subject that writes or deletes takes `Storage Blob Data Contributor` (Azure has no built-in
 * data role that writes without deleting); one that only reads takes `Storage Blob Data Reader`.
 */
export const accessLevelOf = (s: ServiceAccountSubject): AccessLevel => (s.access.some((a) => a === 'write' || a === 'delete') ? 'contributor' : 'reader');

/** The identities for the subjects: one per access level in use, at most 20 credentials each. */
export function planIdentities(subjects: readonly ServiceAccountSubject[], namePrefix: string): IdentityPlan[] {
  const levels: AccessLevel[] = ['contributor', 'reader'];
  return levels.flatMap((key): IdentityPlan[] => {
    const members = subjects.filter((s) => accessLevelOf(s) === key);
    if (members.length === 0) return [];
    const unique = [...new Map(members.map((s) => [subjectOf(s), s])).values()];
    if (unique.length > MAX_FEDERATED_CREDENTIALS) {
      throw conflict(`the ${ROLE_OF[key].name} identity would trust ${unique.length} service accounts, but Azure allows at most ${MAX_FEDERATED_CREDENTIALS} federated credentials on one identity`,
        `use fewer workflow namespaces per stack (at most ${MAX_FEDERATED_CREDENTIALS} service accounts per access level)`);
    }
    const credentials = unique.map((s) => ({ name: credentialName(s.namespace, s.name), subject: subjectOf(s), of: s }));
    const names = new Set(credentials.map((c) => c.name));
    if (names.size !== credentials.length) {
      throw conflict(`two service accounts of the ${ROLE_OF[key].name} identity map to one federated credential name`, 'rename one of the service accounts ("." and "-" are the same in credential names)');
    }
    return [{ key, name: identityName(namePrefix, `artifacts-${key}`), roleDefinitionGuid: ROLE_OF[key].guid, credentials }];
  });
}

/** One subject with the Kubernetes-side identity it gets. */
export interface SubjectIdentity {
  readonly subject: ServiceAccountSubject;
  /** The managed identity it takes (its access level); none with the account key. */
  readonly identityKey?: AccessLevel;
  /** `WorkloadIdentity.azureDeferred()`: the pod label now, the client id patched on after deploy. */
  readonly workloadIdentity?: WorkloadIdentity;
}

/** The `WorkloadIdentity` of each subject: the pod label now; the client id comes as a ServiceAccount patch. */
export function subjectIdentities(identity: AzureIdentity, plans: readonly IdentityPlan[]): SubjectIdentity[] {
  return plans.flatMap((p) => p.credentials.map(({ of }): SubjectIdentity => (identity.kind === AzureIdentityKind.WORKLOAD_IDENTITY
    ? { subject: of, identityKey: p.key, workloadIdentity: WorkloadIdentity.azureDeferred() }
    : { subject: of })));
}
