import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IIoK8sApiCoreV1Toleration as Toleration } from 'kubernetes-models/v1/Toleration';
import type { ControllerConfig } from './controller-config';
import type { ArgoImages } from './images';
import type { ArtifactRepositoriesOptions } from './artifact-repositories';
import type { ArtifactRepository } from './artifact-repository';
import type { MinioOptions } from './minio';
import type { PersistenceOptions } from './persistence';
import type { SecretOptions } from './storage';

/** Where the controller and argo-server look for workflows. */
export enum InstallScope {
  /** ClusterRoles; the controller watches every namespace (upstream `install.yaml`). */
  CLUSTER = 'cluster',
  /** Roles only; `--namespaced` on both binaries (upstream `namespace-install.yaml`). */
  NAMESPACED = 'namespaced',
}

/** How the eight Argo CRDs get into the cluster. */
export enum CrdMode {
  /**
   * A Job runs the official `argo-workflows-crdinstaller` image, which applies the full CRDs
   * server-side from files inside the image (no network fetch).
   */
  INSTALLER = 'installer',
  /** The eight CRDs inline, with `x-kubernetes-preserve-unknown-fields` schemas (as v3.7 shipped). */
  MINIMAL = 'minimal',
  /** No CRDs: they are managed elsewhere. */
  NONE = 'none',
}

/** argo-server authentication modes (`--auth-mode`). */
export enum AuthMode {
  /** Clients send their own Kubernetes bearer token. */
  CLIENT = 'client',
  /** The server uses its own service account for every request. */
  SERVER = 'server',
  /** OpenID Connect single sign-on. */
  SSO = 'sso',
}

/** Minimum TLS version of argo-server (`TLS_MIN_VERSION`). */
export enum TlsVersion {
  /** TLS 1.2 (Go's `tls.VersionTLS12`, 771). */
  TLS_1_2 = 771,
  /** TLS 1.3 (Go's `tls.VersionTLS13`, 772). */
  TLS_1_3 = 772,
}

/** How the argo-server Service is exposed. */
export enum ServiceType {
  CLUSTER_IP = 'ClusterIP',
  LOAD_BALANCER = 'LoadBalancer',
}

/** Log verbosity of both binaries (`--loglevel`). */
export enum LogLevel {
  DEBUG = 'debug',
  INFO = 'info',
  WARN = 'warn',
  ERROR = 'error',
}

/** Log output format of both binaries (`--log-format`). */
export enum LogFormat {
  TEXT = 'text',
  JSON = 'json',
}

/** Pod Security Standards level for namespaces argo-stack creates. */
export enum PodSecurityLevel {
  RESTRICTED = 'restricted',
  BASELINE = 'baseline',
  PRIVILEGED = 'privileged',
}

/** Settings every pod argo-stack runs shares. */
export interface PodOptions {
  /**
   * CPU and memory requests and limits of the main container.
   * @default - a small, documented size per component (see the README)
   */
  readonly resources?: ResourceRequirements;
  /**
   * Node selector for the pod.
   * @default { "kubernetes.io/os": "linux" }
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Tolerations for the pod.
   * @default - none
   */
  readonly tolerations?: Toleration[];
}

/** Workers and rate limits of the controller (command-line flags). */
export interface ControllerWorkers {
  /** `--workflow-workers` @default 32 (Argo's default; not emitted) */
  readonly workflow?: number;
  /** `--workflow-ttl-workers` @default 4 */
  readonly workflowTtl?: number;
  /** `--pod-cleanup-workers` @default 4 */
  readonly podCleanup?: number;
  /** `--cron-workflow-workers` @default 8 */
  readonly cronWorkflow?: number;
  /** `--workflow-archive-workers` @default 8 */
  readonly workflowArchive?: number;
}

/** The workflow-controller Deployment. */
export interface WorkflowControllerOptions extends PodOptions {
  /**
   * Number of controller pods. More than one runs hot standbys behind leader election.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * The typed `workflow-controller-configmap`. Only keys Argo v4.1.2 knows can be emitted.
   * @default - derived settings only (executor and pod security defaults, workflow service account)
   */
  readonly config?: ControllerConfig;
  /**
   * Give every workflow pod Pod Security "restricted" settings through the config: `executor` and
   * `mainContainer` security contexts (no privilege escalation, drop ALL, non-root, RuntimeDefault
   * seccomp) and a `workflowDefaults` pod security context running as UID 8737. Your own `config`
   * values win over these.
   * @default true
   */
  readonly workflowPodSecurityDefaults?: boolean;
  /**
   * Annotations on the controller's ServiceAccount `argo` (IRSA, GKE or Azure Workload Identity,
   * e.g. for RDS IAM or Azure token database authentication).
   * @default - none
   */
  readonly serviceAccountAnnotations?: Record<string, string>;
  /** Worker counts. @default - Argo's defaults */
  readonly workers?: ControllerWorkers;
  /** `--qps` towards the Kubernetes API. @default 20 (Argo's default; not emitted) */
  readonly kubeApiQps?: number;
  /** `--burst` towards the Kubernetes API. @default 30 (Argo's default; not emitted) */
  readonly kubeApiBurst?: number;
  /** `--loglevel`. @default LogLevel.INFO */
  readonly logLevel?: LogLevel;
  /** `--log-format`. @default LogFormat.TEXT */
  readonly logFormat?: LogFormat;
}

/** The argo-server Deployment, Service and flags. */
export interface ArgoServerOptions extends PodOptions {
  /**
   * Run argo-server in the cluster (hosted mode). With `false` there is no server, RBAC or Service
   * for it: users run `argo server` locally, or only the CLI and the API of Kubernetes.
   * @default true
   */
  readonly enabled?: boolean;
  /** Number of server pods. @default 1 */
  /**
   * Annotations on the ServiceAccount `argo-server` (IRSA, GKE or Azure Workload Identity), so the
   * UI can read artifacts and archived logs with the pod's cloud identity.
   * @default - none
   */
  readonly serviceAccountAnnotations?: Record<string, string>;
  readonly replicas?: number;
  /**
   * `--auth-mode`, one flag per mode.
   * @default [AuthMode.CLIENT] (Argo's own default: every request carries a Kubernetes token)
   */
  readonly authModes?: AuthMode[];
  /**
   * Serve HTTPS (`--secure`). The readiness probe follows: HTTPS when true, HTTP when false.
   * @default true
   */
  readonly secure?: boolean;
  /**
   * `ARGO_BASE_HREF`: the path the UI is served under. Must start and end with `/`.
   * @default "/"
   */
  readonly baseHref?: string;
  /**
   * `--api-rate-limit`: requests per second per client IP.
   * @default 1000
   */
  readonly apiRateLimit?: number;
  /** `--x-frame-options`. @default "DENY" */
  readonly xFrameOptions?: 'DENY' | 'SAMEORIGIN';
  /** `--hsts`: send Strict-Transport-Security (only when secure). @default true */
  readonly hsts?: boolean;
  /** `--access-control-allow-origin` for CORS. @default - no CORS header */
  readonly accessControlAllowOrigin?: string;
  /** `TLS_MIN_VERSION`. @default TlsVersion.TLS_1_2 */
  readonly tlsMinVersion?: TlsVersion;
  /**
   * `--tls-certificate-secret-name`: a Secret in the install namespace with keys `tls.crt` and
   * `tls.key`. Requires `secure`.
   * @default - a self-signed certificate generated by argo-server at start
   */
  readonly tlsCertificateSecretName?: string;
  /** Service type. @default ServiceType.CLUSTER_IP */
  readonly serviceType?: ServiceType;
  /**
   * CIDRs allowed to reach a LoadBalancer Service. Requires `ServiceType.LOAD_BALANCER`.
   * @default - no restriction by the cloud load balancer
   */
  readonly loadBalancerSourceRanges?: string[];
  /** `--loglevel`. @default LogLevel.INFO */
  readonly logLevel?: LogLevel;
  /** `--log-format`. @default LogFormat.TEXT */
  readonly logFormat?: LogFormat;
}

/** A namespace where workflows run. */
export interface WorkflowNamespaceOptions {
  /** The namespace name (RFC 1123 label). */
  readonly name: string;
  /**
   * Create the Namespace object, labelled with its Pod Security level.
   * @default - true, except for the install namespace (created by `createNamespace`)
   */
  readonly create?: boolean;
  /**
   * Pod Security Standards level enforced on a created namespace.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * The service account workflow pods run as.
   * @default "argo-workflow"
   */
  readonly serviceAccountName?: string;
  /**
   * Annotations on that service account (IRSA, GKE or Azure Workload Identity).
   * @default - none
   */
  readonly serviceAccountAnnotations?: Record<string, string>;
  /**
   * Grant the Argo agent (HTTP and plugin templates) its Role: workflowtasksets list/watch and
   * workflowtasksets/status patch.
   * @default false
   */
  readonly agent?: boolean;
  /**
   * Grant artifact garbage collection pods their Role: workflowartifactgctasks list/watch and
   * workflowartifactgctasks/status patch.
   * @default false
   */
  readonly artifactGC?: boolean;
}

/** Everything argo-stack installs, driven by one object. */
export interface ArgoWorkflowsProps {
  /**
   * Namespace of the controller and argo-server (RFC 1123 label).
   * @default "argo"
   */
  readonly namespace?: string;
  /**
   * Create the install namespace (labelled Pod Security restricted).
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Argo Workflows release tag (`v4.x.y`); every image is pinned to it.
   * @default "v4.1.2"
   */
  readonly version?: string;
  /**
   * Registry and path of the Argo images, for mirrors.
   * @default "quay.io/argoproj"
   */
  readonly imageRegistry?: string;
  /** Per-image references (tags or digests). @default - derived from imageRegistry and version */
  readonly images?: ArgoImages;
  /** Cluster-wide or namespaced install. @default InstallScope.CLUSTER */
  readonly scope?: InstallScope;
  /**
   * `--managed-namespace`: with a namespaced install, the one namespace the controller and server
   * manage, when it is not the install namespace.
   * @default - the install namespace
   */
  readonly managedNamespace?: string;
  /** How the CRDs are installed. @default CrdMode.INSTALLER */
  readonly crds?: CrdMode;
  /** The workflow-controller. @default - one replica, derived config */
  readonly controller?: WorkflowControllerOptions;
  /** argo-server. @default - enabled, HTTPS, client auth */
  readonly server?: ArgoServerOptions;
  /**
   * Namespaces that run workflows: each gets a workflow service account, the executor Role and its
   * RoleBinding. With a namespaced install this must be the managed namespace only.
   * @default - none
   */
  readonly workflowNamespaces?: WorkflowNamespaceOptions[];
  /**
   * The workflow archive and node-status offloading in PostgreSQL or MySQL, in the cluster or
   * external. Wires the controller config (`persistence`, optionally `synchronization`), the
   * credentials Secret and the RBAC that reads it.
   * @default - no database
   */
  readonly persistence?: PersistenceOptions;
  /**
   * Run MinIO in the install namespace (StatefulSet `minio`, Service `minio`, Secret `my-minio-cred`)
   * and add it to every workflow namespace's `artifact-repositories` ConfigMap under the key `minio`.
   * `true` for the defaults.
   * @default - no MinIO
   */
  readonly minio?: MinioOptions | boolean;
  /**
   * The controller-wide default artifact repository (`artifactRepository` in the controller config),
   * used when a workflow's namespace has no `artifact-repositories` ConfigMap.
   * @default - none
   */
  readonly artifactRepository?: ArtifactRepository;
  /**
   * The `artifact-repositories` ConfigMap created in every workflow namespace, with the
   * `workflows.argoproj.io/default-artifact-repository` annotation. Workflows pick one with
   * `spec.artifactRepositoryRef: { key: <name> }`.
   * @default - only MinIO's repository when `minio` is set, otherwise none
   */
  readonly artifactRepositories?: ArtifactRepositoriesOptions;
  /**
   * Secrets that artifact repositories reference, each with its source of values. Every Secret a
   * repository references must be declared here (MinIO's and the database's are declared by those
   * options). They are placed in every workflow namespace.
   * @default - none
   */
  readonly secrets?: SecretOptions[];
  /**
   * Labels added to every object, next to `app.kubernetes.io/part-of: argo-workflows`.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}
