/**
 * The resolved plan: every option checked, every default filled in, every contribution folded.
 * Constructs and the Pulumi side read it; nothing in it is decided again.
 */
import type { ResolvedAuth } from './auth';
import type { ResolvedController } from './controller';
import type { ServiceAccountSubject } from './identity/subjects';
import type { Endpoint, Flow } from './endpoints';
import type { ResolvedExposure } from './exposure';
import type { ResolvedInstall } from './install';
import type { ResolvedJobs } from './jobs';
import type { ResolvedMetrics } from './metrics';
import type { ResolvedNetworkPolicies } from './network';
import type { ResolvedPersistence } from './persistence/persistence';
import type { ResolvedRbac } from './rbac';
import type { ResolvedServer } from './server';
import type { ResolvedStorage } from './storage/storage';
import type { ResolvedWorkflowNamespace } from './workflow-namespaces';

export interface ResolvedArgoWorkflows extends ResolvedInstall {
  /** The pods of the one-shot Jobs. */
  readonly jobs: ResolvedJobs;
  readonly controller: ResolvedController;
  readonly server?: ResolvedServer;
  /** How argo-server is reached, its TLS and base href (cluster-ip and not exposed when argo-server is disabled). */
  readonly exposure: ResolvedExposure;
  readonly workflowNamespaces: ResolvedWorkflowNamespace[];
  /** The database, its controller config and its credentials Secret, when `persistence` is set. */
  readonly persistence?: ResolvedPersistence;
  /** MinIO, the artifact repositories and every Secret the stack needs, with their namespaces. */
  readonly storage: ResolvedStorage;
  /** The RBAC profile of the controller and argo-server, and the features turned on. */
  readonly rbac: ResolvedRbac;
  /** SSO, its RBAC accounts and the token-login accounts, when `sso` or `tokenLogin` is set. */
  readonly auth?: ResolvedAuth;
  /** The metrics Services, ServiceMonitors and PrometheusRule. */
  readonly metrics: ResolvedMetrics;
  /** Secrets in the install namespace that the controller reads (database credentials). */
  readonly controllerSecrets: string[];
  /** Secrets in the install namespace that argo-server reads (database credentials, its TLS certificate). */
  readonly serverSecrets: string[];
  /** Labels other features put on the install namespace, when argo-stack creates it. */
  readonly namespaceLabels: Record<string, string>;
  /** Every component argo-stack runs, with its selector and named ports. */
  readonly endpoints: Endpoint[];
  /** Every connection between them that the install needs. */
  readonly flows: Flow[];
  /**
   * The ServiceAccounts that touch the artifact bucket (argo-server, each workflow namespace's
   * workflow and artifact GC accounts), with the access each needs and its workload identity: the
   * subjects the cloud side trusts.
   */
  readonly serviceAccountSubjects: ServiceAccountSubject[];
  /** The NetworkPolicies, computed from `endpoints`, `flows` and `exposure` (none when `networkPolicies.enabled` is false). */
  readonly networkPolicies: ResolvedNetworkPolicies;
}
