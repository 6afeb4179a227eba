/**
 * `ArgoWorkflowsProps`, the one options object of an install. An aggregate: each area owns its
 * option types (install, controller, server, workflow namespaces, persistence, storage) and this
 * file only puts them together. The option types are re-exported here for convenience.
 */
import { optionKeys } from './check';
import type { AuthOptions } from './auth';
import type { WorkflowControllerOptions } from './controller';
import type { PodOptions } from './pod';
import type { WorkloadIdentityOptions } from './identity/identity';
import type { InstallOptions } from './install';
import type { MetricsOptions } from './metrics/options';
import type { PersistenceOptions } from './persistence/options';
import type { RbacOptions } from './rbac';
import type { ArgoServerOptions } from './server';
import type { StorageOptions } from './storage/storage';
import type { WorkflowRestrictionsOptions } from './templates/workflow-restrictions';
import type { WorkflowNamespaceOptions } from './workflow-namespaces';
import type { NetworkPolicyOptions } from './network';

export type { ControllerWorkers, WorkflowControllerOptions } from './controller';
export { CrdMode, InstallScope } from './install';
export type { InstallOptions } from './install';
export { LogFormat, LogLevel } from './logging';
export type { LogOptions } from './logging';
export type { PodOptions } from './pod';
export { AuthMode, TlsVersion } from './server';
export { Exposure, IngressController, IngressTls, ServerTls } from './exposure';
export type {
  CertManagerIssuerOptions, ExposureOptions, GatewayBackendTlsOptions, GatewayExposureOptions, GatewayParentRef, IngressExposureOptions, LoadBalancerExposureOptions,
  ServerCertManagerOptions,
} from './exposure';
export type { ArgoServerOptions } from './server';
export { PodSecurityLevel } from './workflow-namespaces';
export type { WorkflowNamespaceOptions } from './workflow-namespaces';
export type { WorkloadIdentityOptions } from './identity/identity';
export type { ApiServerOptions, NetworkPolicyOptions, PeerSelectorOptions, WorkflowEgressOptions } from './network';
export { WorkloadIdentity, WorkloadIdentityKind } from './identity/workload-identity';
export { ServerMetricsAuth } from './metrics/options';
export type { AlertThresholds, MetricsOptions, PrometheusRuleOptions, ServerMetricsOptions, ServiceMonitorOptions } from './metrics/options';
export { TemplateReferencing } from './templates/workflow-restrictions';
export { RbacProfile } from './rbac';
export type { RbacFeatures, RbacOptions } from './rbac';
export type { WorkflowRestrictionsOptions } from './templates/workflow-restrictions';

/** Everything argo-stack installs, driven by one object. */
export interface ArgoWorkflowsProps extends InstallOptions, StorageOptions, AuthOptions, RbacOptions {
  /** The workflow-controller. @default - one replica, derived config */
  readonly controller?: WorkflowControllerOptions;
  /** argo-server. @default - enabled, HTTPS with a self-signed certificate, ClusterIP, client auth */
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
   * The pods of the one-shot Jobs (the CRD installer and the credentials generator): resources,
   * node selector, tolerations, affinity, topology spread, pod metadata and pull Secrets. MinIO's
   * bucket Job takes MinIO's own pod options.
   * @default - each Job's own small resources, the Linux node selector, the install-wide pull Secrets
   */
  readonly jobs?: PodOptions;
  /**
   * Cloud identities (IRSA, EKS Pod Identity, GKE, Azure, Alibaba RRSA) of argo-server and, as
   * defaults of every workflow namespace, of the workflow and artifact GC service accounts.
   * @default - none
   */
  readonly workloadIdentity?: WorkloadIdentityOptions;
  /**
   * Argo's `workflowRestrictions` (`templateReferencing: Strict` or `Secure`), with an example
   * WorkflowTemplate `hello-world` in each workflow namespace.
   * @default - no restriction
   */
  readonly workflowRestrictions?: WorkflowRestrictionsOptions;
  /**
   * For clusters whose ServiceAccounts do not automount a token: the controller defaults
   * `spec.serviceAccountName` and `spec.executor.serviceAccountName` to the workflow service account
   * (one name across workflow namespaces), and each workflow namespace gets its Secret
   * `<serviceAccountName>.service-account-token`, which the executor mounts.
   * @default false
   */
  readonly workflowServiceAccountTokens?: boolean;
  /**
   * Metrics and alerts: the prometheus-operator ServiceMonitors and PrometheusRule, and argo-server's
   * `/metrics`. The headless Service `workflow-controller-metrics` is created whenever the controller
   * serves metrics, with or without this.
   * @default - the Service only
   */
  readonly metrics?: MetricsOptions;
  /**
   * NetworkPolicies: a default-deny (ingress and egress) in the install namespace and in every
   * workflow namespace, then exactly the flows the install needs, computed from the plan.
   * @default - enabled, API server on ports 443 and 6443, DNS in kube-system, no scraping, no internet for workflow pods
   */
  readonly networkPolicies?: NetworkPolicyOptions;
}

/** The names of `ArgoWorkflowsProps`, for the unknown-key check at the top level. */
export const PROPS_KEYS = optionKeys<ArgoWorkflowsProps>()([
  'namespace', 'createNamespace', 'version', 'imageRegistry', 'images', 'scope', 'managedNamespace', 'crds', 'labels',
  'imagePullSecrets', 'minio', 'artifactRepository', 'artifactRepositories', 'secrets', 'controller', 'server', 'workflowNamespaces', 'persistence',
  'jobs', 'workloadIdentity', 'workflowRestrictions', 'workflowServiceAccountTokens', 'sso', 'tokenLogin', 'metrics',
  'rbacProfile', 'rbacFeatures', 'networkPolicies',
]);
