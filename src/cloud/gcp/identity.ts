/**
 * How the pods of argo-stack reach the bucket on GCP: `GcpIdentity`, one union-like class with a
 * factory per mechanism (GKE Workload Identity impersonating Google service accounts, or an HMAC
 * key for the S3 interoperability API), and the Google service accounts it implies, planned as pure
 * data from the plan's service account subjects.
 */
import type { ServiceAccountSubject } from '../../config/identity/subjects';
import { WorkloadIdentity } from '../../config/identity/workload-identity';
import { OBJECT_USER_ROLE, OBJECT_VIEWER_ROLE, serviceAccountEmail, UPLOADS_PREFIX } from './names';
import { validateServiceAccountId } from './validate';

export enum GcpIdentityKind {
  WORKLOAD_IDENTITY = 'workload-identity',
  HMAC = 'hmac',
}

/** The identity of every service account that touches the bucket. Make one with a static factory. */
export class GcpIdentity {
  /**
   * GKE Workload Identity (the default): one Google service account per access level, which exactly
   * the Kubernetes service accounts of that level may impersonate (`roles/iam.workloadIdentityUser`
   * on that Google service account). The cluster needs the project's workload pool.
   */
  public static workloadIdentity(): GcpIdentity {
    return new GcpIdentity(GcpIdentityKind.WORKLOAD_IDENTITY);
  }

  /**
   * An HMAC key of a dedicated Google service account for the S3 interoperability endpoint
   * (`storage.googleapis.com`, HTTPS), delivered as the `accessKey`/`secretKey` Secret. Prefer
   * Workload Identity.
   */
  public static hmac(): GcpIdentity {
    return new GcpIdentity(GcpIdentityKind.HMAC);
  }

  /** Tells whether a value was built by one of the factories. */
  public static isGcpIdentity(value: unknown): value is GcpIdentity {
    return value instanceof GcpIdentity;
  }

  private constructor(public readonly kind: GcpIdentityKind) {
    Object.freeze(this);
  }
}

/** A grant on the bucket: a role, limited to the objects under `prefix` when one is given (an IAM condition). */
export interface BucketGrant {
  readonly role: string;
  readonly prefix?: string;
}

/** One Google service account: its key, id and email, the bucket grants it has, and the subjects that impersonate it. */
export interface ServiceAccountPlan {
  /** `writer`, `reader` or `hmac`. */
  readonly key: string;
  readonly accountId: string;
  readonly email: string;
  readonly grants: readonly BucketGrant[];
  readonly subjects: readonly ServiceAccountSubject[];
}

/**
 * The access level of a subject: workflow pods and artifact GC write (GCS needs delete to overwrite,
 * so `objectUser` is the least role that works); argo-server only reads, except the UI's uploads.
 */
export const levelOf = (s: ServiceAccountSubject): 'writer' | 'reader' => (s.component === 'server' || s.access.every((a) => a === 'read') ? 'reader' : 'writer');

/**
 * The Google service accounts of an identity: with Workload Identity, `<prefix>-writer`
 * (`objectUser` on the bucket) and `<prefix>-reader` (`objectViewer` on the bucket, plus
 * `objectUser` under `uploads/` only when a reader writes the UI's uploads), each only when a
 * subject needs it; with HMAC, `<prefix>-hmac` (`objectUser` on the bucket) and no subjects.
 */
export function planServiceAccounts(identity: GcpIdentity, subjects: readonly ServiceAccountSubject[], project: string, namePrefix: string, option = 'args.namePrefix'): ServiceAccountPlan[] {
  const account = (key: string, grants: readonly BucketGrant[], members: readonly ServiceAccountSubject[]): ServiceAccountPlan => {
    const accountId = validateServiceAccountId(`${option} (service account "${namePrefix}-${key}")`, `${namePrefix}-${key}`);
    return { key, accountId, email: serviceAccountEmail(project, accountId), grants, subjects: members };
  };
  if (identity.kind === GcpIdentityKind.HMAC) return [account('hmac', [{ role: OBJECT_USER_ROLE }], [])];
  const writers = subjects.filter((s) => levelOf(s) === 'writer');
  const readers = subjects.filter((s) => levelOf(s) === 'reader');
  const uploads = readers.some((s) => s.access.includes('write'));
  return [
    ...(writers.length > 0 ? [account('writer', [{ role: OBJECT_USER_ROLE }], writers)] : []),
    ...(readers.length > 0 ? [account('reader', [{ role: OBJECT_VIEWER_ROLE }, ...(uploads ? [{ role: OBJECT_USER_ROLE, prefix: UPLOADS_PREFIX }] : [])], readers)] : []),
  ];
}

/** One subject with the Kubernetes-side identity it gets. */
export interface SubjectIdentity {
  readonly subject: ServiceAccountSubject;
  /** The Google service account it impersonates; none with HMAC. */
  readonly serviceAccountEmail?: string;
  readonly workloadIdentity?: WorkloadIdentity;
}

/** The `WorkloadIdentity` of each subject (`WorkloadIdentity.gke(email)`: emails are known by name, so this is prompt). */
export function subjectIdentities(identity: GcpIdentity, accounts: readonly ServiceAccountPlan[], subjects: readonly ServiceAccountSubject[]): SubjectIdentity[] {
  if (identity.kind === GcpIdentityKind.HMAC) return subjects.map((subject) => ({ subject }));
  return accounts.flatMap((a) => a.subjects.map((subject): SubjectIdentity => ({ subject, serviceAccountEmail: a.email, workloadIdentity: WorkloadIdentity.gke(a.email) })));
}
