/**
 * `WorkloadIdentity`: the cloud identity a Kubernetes ServiceAccount of argo-stack takes to reach the
 * artifact bucket without static keys. One union-like class, one factory per mechanism; each variant
 * carries everything it implies, so a caller cannot set half of it:
 *
 * | factory                          | ServiceAccount annotation                     | pod label                              | namespace label                              |
 * |----------------------------------|-----------------------------------------------|----------------------------------------|----------------------------------------------|
 * | `awsIrsa(roleArn)`               | `eks.amazonaws.com/role-arn`                  | none                                   | none                                         |
 * | `awsPodIdentity()`               | none (an association made on the AWS side)    | none                                   | none                                         |
 * | `gke(serviceAccountEmail)`       | `iam.gke.io/gcp-service-account`              | none                                   | none                                         |
 * | `azure(clientId)`                | `azure.workload.identity/client-id`           | `azure.workload.identity/use: "true"`  | none                                         |
 * | `azureDeferred()`                | none (patched on after deploy)                | `azure.workload.identity/use: "true"`  | none                                         |
 * | `alibabaRrsa(roleName)`          | `pod-identity.alibabacloud.com/role-name`     | none                                   | `pod-identity.alibabacloud.com/injection: on` |
 *
 * The factories validate their value at once (messages name `<path>.<factory>.<field>`, or
 * `<factory>.<field>` without a path), so the cloud side can check names with the same rules
 * before it creates anything.
 */
import { ArtifactRepositoryType } from '../storage/artifact-repository-options';
import { invalid } from '../errors';
import { OptionVariant } from '../variant';

/** The mechanisms. */
export enum WorkloadIdentityKind {
  AWS_IRSA = 'aws-irsa',
  AWS_POD_IDENTITY = 'aws-pod-identity',
  GKE = 'gke',
  AZURE = 'azure',
  ALIBABA_RRSA = 'alibaba-rrsa',
}

/** The annotations and labels the variants set (upstream names). */
export const IRSA_ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const GKE_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';
export const AZURE_CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const AZURE_USE_LABEL = 'azure.workload.identity/use';
export const RRSA_ROLE_NAME_ANNOTATION = 'pod-identity.alibabacloud.com/role-name';
export const RRSA_INJECTION_LABEL = 'pod-identity.alibabacloud.com/injection';

/** An IAM role ARN: any partition, a 12-digit account, an optional path and a role name of at most 64 characters. */
const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
/** A Google service account email: `<account id>@<project id>.iam.gserviceaccount.com`. */
const GSA_EMAIL = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])@[a-z]([-a-z0-9]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/;
/** A Microsoft Entra application (client) id: a GUID. */
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A RAM role name: 1-64 letters, digits, "." and "-". */
const RAM_ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;

/** Checks an IAM role ARN (`arn:<partition>:iam::<12-digit account>:role/<path/>name`); returns it. */
export function validateIamRoleArn(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048 || !IAM_ROLE_ARN.test(value)) {
    throw invalid(option, value, 'it must be an IAM role ARN "arn:<partition>:iam::<12-digit account>:role/<path/>name", the name at most 64 letters, digits and "+=,.@_-"',
      'copy the role ARN from IAM, e.g. "arn:aws:iam::123456789012:role/argo-workflows"');
  }
  return value;
}

/** Checks a Google service account email (`<name>@<project>.iam.gserviceaccount.com`); returns it. */
export function validateGcpServiceAccountEmail(option: string, value: unknown): string {
  if (typeof value !== 'string' || !GSA_EMAIL.test(value)) {
    const developer = typeof value === 'string' && /@developer\.gserviceaccount\.com$|@appspot\.gserviceaccount\.com$/.test(value);
    throw invalid(option, value, developer
      ? 'a default (Compute Engine or App Engine) service account cannot be impersonated through Workload Identity; it must be "<name>@<project>.iam.gserviceaccount.com"'
      : 'it must be a Google service account email "<name>@<project>.iam.gserviceaccount.com" (name and project: 6-30 lower-case letters, digits and "-", starting with a letter)',
    'create a dedicated service account, e.g. "argo-workflows@my-project.iam.gserviceaccount.com"');
  }
  return value;
}

/** Checks a Microsoft Entra client id (a GUID, the managed identity's `clientId`); returns it. */
export function validateAzureClientId(option: string, value: unknown): string {
  if (typeof value !== 'string' || !GUID.test(value)) {
    throw invalid(option, value, 'it must be the client id of the managed identity, a GUID like "00000000-0000-0000-0000-000000000000"',
      'copy clientId from the user-assigned managed identity (az identity show --query clientId)');
  }
  return value;
}

/** Checks a RAM role name (1-64 letters, digits, "." and "-"; the name, not the ARN); returns it. */
export function validateRamRoleName(option: string, value: unknown): string {
  if (typeof value === 'string' && /^acs:ram::\d+:role\//i.test(value)) {
    throw invalid(option, value, 'the webhook takes the RAM role name, not its ARN', `use ${JSON.stringify(value.replace(/^acs:ram::\d+:role\//i, ''))}`);
  }
  if (typeof value !== 'string' || !RAM_ROLE_NAME.test(value)) {
    throw invalid(option, value, 'it must be a RAM role name: 1-64 letters, digits, "." and "-"', 'give the role name, e.g. "argo-workflows"');
  }
  return value;
}

/** What a variant implies, as plain data. */
interface Implied {
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly namespaceLabels: Readonly<Record<string, string>>;
}

const NONE: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The cloud identity of one ServiceAccount argo-stack creates (a workflow service account,
 * argo-server's, or an artifact GC service account). Make one with a static factory.
 */
export class WorkloadIdentity extends OptionVariant {
  /**
   * AWS IAM Roles for Service Accounts: the ServiceAccount is annotated with the role ARN; the EKS
   * webhook projects a token the AWS SDK exchanges for the role. S3 repositories need
   * `useSDKCreds: true` (or no static keys).
   * @param path the option path of this identity, used in messages (`<path>.awsIrsa.roleArn`)
   */
  public static awsIrsa(roleArn: string, path?: string): WorkloadIdentity {
    const arn = validateIamRoleArn(at(path, 'awsIrsa', 'roleArn'), roleArn);
    return new WorkloadIdentity(WorkloadIdentityKind.AWS_IRSA, arn, { serviceAccountAnnotations: { [IRSA_ROLE_ARN_ANNOTATION]: arn }, podLabels: NONE, namespaceLabels: NONE });
  }

  /**
   * EKS Pod Identity: nothing on the ServiceAccount. The binding is a Pod Identity association made
   * on the AWS side (cluster, namespace, service account, role), which `serviceAccountSubjects` of
   * the plan lists. Needs the eks-pod-identity-agent add-on (Linux nodes; not on Fargate).
   */
  public static awsPodIdentity(): WorkloadIdentity {
    return new WorkloadIdentity(WorkloadIdentityKind.AWS_POD_IDENTITY, undefined, { serviceAccountAnnotations: NONE, podLabels: NONE, namespaceLabels: NONE });
  }

  /**
   * GKE Workload Identity impersonating a Google service account: the ServiceAccount is annotated
   * with its email. GCS repositories must not set `serviceAccountKeySecret`.
   * @param path the option path of this identity, used in messages (`<path>.gke.serviceAccountEmail`)
   */
  public static gke(serviceAccountEmail: string, path?: string): WorkloadIdentity {
    const email = validateGcpServiceAccountEmail(at(path, 'gke', 'serviceAccountEmail'), serviceAccountEmail);
    return new WorkloadIdentity(WorkloadIdentityKind.GKE, email, { serviceAccountAnnotations: { [GKE_SERVICE_ACCOUNT_ANNOTATION]: email }, podLabels: NONE, namespaceLabels: NONE });
  }

  /**
   * AKS Workload Identity with a user-assigned managed identity: the ServiceAccount is annotated with
   * its client id, and every pod running as it gets the label `azure.workload.identity/use: "true"`
   * (without it the webhook injects nothing). Azure repositories need `useSDKCreds: true`.
   * @param path the option path of this identity, used in messages (`<path>.azure.clientId`)
   */
  public static azure(clientId: string, path?: string): WorkloadIdentity {
    const id = validateAzureClientId(at(path, 'azure', 'clientId'), clientId);
    return new WorkloadIdentity(WorkloadIdentityKind.AZURE, id, { serviceAccountAnnotations: { [AZURE_CLIENT_ID_ANNOTATION]: id }, podLabels: { [AZURE_USE_LABEL]: 'true' }, namespaceLabels: NONE });
  }

  /**
   * AKS Workload Identity whose client id is not known yet (the managed identity is created in the
   * same deploy): the pod label `azure.workload.identity/use: "true"` now, and no ServiceAccount
   * annotation. The `azure.workload.identity/client-id` annotation must be added once the identity
   * exists, e.g. by `ArgoWorkflowsRelease`'s `serviceAccountPatches` (a server-side-apply patch,
   * which `argo-stack/azure` gives as `serviceAccountPatches`). Without it the webhook injects
   * nothing usable, so use this only with such a patch.
   */
  public static azureDeferred(): WorkloadIdentity {
    return new WorkloadIdentity(WorkloadIdentityKind.AZURE, undefined, { serviceAccountAnnotations: NONE, podLabels: { [AZURE_USE_LABEL]: 'true' }, namespaceLabels: NONE });
  }

  /**
   * ACK RRSA (RAM Roles for Service Accounts): the ServiceAccount is annotated with the RAM role
   * name, and the namespace of the pods gets `pod-identity.alibabacloud.com/injection: on` (so the
   * namespace must be one argo-stack creates). OSS repositories need `useSDKCreds: true`.
   * @param path the option path of this identity, used in messages (`<path>.alibabaRrsa.roleName`)
   */
  public static alibabaRrsa(roleName: string, path?: string): WorkloadIdentity {
    const name = validateRamRoleName(at(path, 'alibabaRrsa', 'roleName'), roleName);
    return new WorkloadIdentity(WorkloadIdentityKind.ALIBABA_RRSA, name, {
      serviceAccountAnnotations: { [RRSA_ROLE_NAME_ANNOTATION]: name }, podLabels: NONE, namespaceLabels: { [RRSA_INJECTION_LABEL]: 'on' },
    });
  }

  /** Tells whether a value was built by one of the factories. */
  public static isWorkloadIdentity(value: unknown): value is WorkloadIdentity {
    return value instanceof WorkloadIdentity;
  }

  /** Annotations on the ServiceAccount. */
  public readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Labels on every pod that runs as the ServiceAccount. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** Labels on the namespace of those pods. */
  public readonly namespaceLabels: Readonly<Record<string, string>>;

  private constructor(
    /** The mechanism. */
    public readonly kind: WorkloadIdentityKind,
    /** The role ARN, service account email, client id or role name; none for Pod Identity and `azureDeferred()`. */
    public readonly value: string | undefined,
    implied: Implied,
  ) {
    super();
    this.serviceAccountAnnotations = Object.freeze({ ...implied.serviceAccountAnnotations });
    this.podLabels = Object.freeze({ ...implied.podLabels });
    this.namespaceLabels = Object.freeze({ ...implied.namespaceLabels });
    Object.freeze(this);
  }

  /** The repository type whose bucket this identity reaches. */
  public get repositoryType(): ArtifactRepositoryType {
    switch (this.kind) {
      case WorkloadIdentityKind.GKE: return ArtifactRepositoryType.GCS;
      case WorkloadIdentityKind.AZURE: return ArtifactRepositoryType.AZURE;
      case WorkloadIdentityKind.ALIBABA_RRSA: return ArtifactRepositoryType.OSS;
      default: return ArtifactRepositoryType.S3;
    }
  }

  /** The factory call that makes this identity, for messages: `WorkloadIdentity.gke("a@b.iam.gserviceaccount.com")`. */
  public describe(): string {
    if (this.kind === WorkloadIdentityKind.AZURE && this.value === undefined) return 'WorkloadIdentity.azureDeferred()';
    return `WorkloadIdentity.${FACTORY[this.kind]}(${this.value === undefined ? '' : JSON.stringify(this.value)})`;
  }
}

/** The factory name of each kind. */
export const FACTORY: Readonly<Record<WorkloadIdentityKind, string>> = {
  [WorkloadIdentityKind.AWS_IRSA]: 'awsIrsa',
  [WorkloadIdentityKind.AWS_POD_IDENTITY]: 'awsPodIdentity',
  [WorkloadIdentityKind.GKE]: 'gke',
  [WorkloadIdentityKind.AZURE]: 'azure',
  [WorkloadIdentityKind.ALIBABA_RRSA]: 'alibabaRrsa',
};

const at = (path: string | undefined, factory: string, field: string) => `${path ? `${path}.` : ''}${factory}.${field}`;

/** The factories, for the fix of a message about a value that is not a `WorkloadIdentity`. */
export const WORKLOAD_IDENTITY_FACTORIES = 'WorkloadIdentity.awsIrsa(roleArn), .awsPodIdentity(), .gke(serviceAccountEmail), .azure(clientId) or .alibabaRrsa(roleName)';

/** Accepts only a `WorkloadIdentity` (or nothing); anything else names the option. */
export function checkWorkloadIdentity(option: string, value: unknown): WorkloadIdentity | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof WorkloadIdentity)) {
    throw invalid(option, value, 'it must be a WorkloadIdentity made by one of its factories', `use ${WORKLOAD_IDENTITY_FACTORIES}`);
  }
  return value;
}
