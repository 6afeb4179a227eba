/**
 * The RBAC rule sets of Argo v4.1.2 (manifests/cluster-install and namespace-install), as data.
 * No wildcard verbs or resources anywhere; Secrets are always limited by resourceNames.
 */
import type { IIoK8sApiRbacV1PolicyRule as PolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import type { ApiAccess } from '../config/contributions';

export type { PolicyRule };

const CRUD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const withFinalizers = (resources: string[]) => resources.flatMap((r) => [r, `${r}/finalizers`]);

/** The Secret the controller reads in every namespace for agent TLS. */
export const AGENT_CA_SECRET = 'argo-workflows-agent-ca-certificates';

/** Leader election: the lease `workflow-controller[-<instanceID>]` in the controller's namespace. */
export const LEASE_RULES: PolicyRule[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] },
];

/** Read access to exactly the named Secrets (no rule at all when there are none). */
export function secretReadRules(names: string[]): PolicyRule[] {
  return names.length ? [{ apiGroups: [''], resources: ['secrets'], resourceNames: [...names], verbs: ['get'] }] : [];
}

/** The rules for API access other features contribute, one rule each. */
export function accessRules(access: readonly ApiAccess[]): PolicyRule[] {
  return access.map((a) => ({
    apiGroups: [a.apiGroup], resources: [...a.resources], ...(a.resourceNames ? { resourceNames: [...a.resourceNames] } : {}), verbs: [...a.verbs],
  }));
}

/**
 * What the controller needs where workflows run. `cluster` adds namespaces and
 * clusterworkflowtemplates (not grantable by a Role).
 */
export function controllerWorkloadRules(cluster: boolean): PolicyRule[] {
  const rules: PolicyRule[] = [
    { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
    { apiGroups: [''], resources: cluster ? ['configmaps', 'namespaces'] : ['configmaps'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], verbs: ['create', 'delete', 'get', 'update'] },
    {
      apiGroups: ['argoproj.io'],
      resources: ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'],
      verbs: CRUD,
    },
    {
      apiGroups: ['argoproj.io'],
      resources: cluster ? withFinalizers(['workflowtemplates', 'clusterworkflowtemplates']) : withFinalizers(['workflowtemplates']),
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['deletecollection', 'list', 'watch'] },
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
    { apiGroups: ['argoproj.io'], resources: withFinalizers(['cronworkflows']), verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'] },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['create', 'delete', 'get'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: [AGENT_CA_SECRET], verbs: ['get'] },
  ];
  return rules;
}

/** What argo-server needs where workflows run (Secrets are granted separately, by name). */
export function serverWorkloadRules(cluster: boolean): PolicyRule[] {
  const argo = cluster
    ? ['eventsources', 'sensors', 'workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'clusterworkflowtemplates']
    : ['eventsources', 'sensors', 'workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'cronworkflows/finalizers'];
  return [
    { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'list', 'update', 'watch'] },
    { apiGroups: [''], resources: ['pods', 'pods/exec', 'pods/log'], verbs: ['delete', 'get', 'list', 'watch'] },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch', 'watch'] },
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['argoproj.io'], resources: argo, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  ];
}

const AGGREGATE_EDIT = withFinalizers(['workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'clusterworkflowtemplates', 'workflowtaskresults']);

/** The three aggregate ClusterRoles of a cluster install, by suffix. */
export const AGGREGATE_ROLES: { suffix: 'admin' | 'edit' | 'view'; rules: PolicyRule[] }[] = [
  {
    suffix: 'admin',
    rules: [{
      apiGroups: ['argoproj.io'],
      resources: withFinalizers(['workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'clusterworkflowtemplates', 'workflowtasksets', 'workflowtaskresults']),
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    }],
  },
  {
    suffix: 'edit',
    rules: [{ apiGroups: ['argoproj.io'], resources: AGGREGATE_EDIT, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }],
  },
  {
    suffix: 'view',
    rules: [{ apiGroups: ['argoproj.io'], resources: AGGREGATE_EDIT, verbs: ['get', 'list', 'watch'] }],
  },
];

/** Workflow pods (emissary executor): report results. */
export const EXECUTOR_RULES: PolicyRule[] = [
  { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
];

/** Agent pods (HTTP and plugin templates). */
export const AGENT_RULES: PolicyRule[] = [
  { apiGroups: ['argoproj.io'], resources: ['workflowtasksets'], verbs: ['list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowtasksets/status'], verbs: ['patch'] },
];

/** Artifact garbage collection pods. */
export const ARTIFACT_GC_RULES: PolicyRule[] = [
  { apiGroups: ['argoproj.io'], resources: ['workflowartifactgctasks'], verbs: ['list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowartifactgctasks/status'], verbs: ['patch'] },
];

/** The Argo kinds the UI shows in a namespace. */
const UI_KINDS = ['cronworkflows', 'workfloweventbindings', 'workflows', 'workflowtemplates'];
const READ = ['get', 'list', 'watch'];
/** The profiles of UI accounts (`AccessProfile` values). */
export type ProfileName = 'read-only' | 'editor' | 'admin';

/**
 * What a UI account of a profile may do, from what the UI calls with the account's token (argo-server
 * acts with it in client and SSO RBAC modes): the Argo kinds it lists, pods and their logs, events.
 * An editor also creates, changes and deletes the Argo kinds, and deletes pods (retrying a workflow
 * deletes its failed pods); an admin also deletes collections. `cluster` (a ClusterRole) adds
 * clusterworkflowtemplates: readable by every profile, writable by admins. Never Secrets, never `*`.
 */
export function profileRules(profile: ProfileName, cluster: boolean): PolicyRule[] {
  const write = profile === 'admin' ? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
    : profile === 'editor' ? ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] : READ;
  const clusterTemplates: PolicyRule[] = cluster ? [{ apiGroups: ['argoproj.io'], resources: ['clusterworkflowtemplates'], verbs: profile === 'admin' ? write : READ }] : [];
  return [
    { apiGroups: ['argoproj.io'], resources: [...UI_KINDS], verbs: write },
    ...clusterTemplates,
    { apiGroups: [''], resources: ['pods'], verbs: profile === 'read-only' ? READ : ['delete', ...READ] },
    { apiGroups: [''], resources: ['pods/log'], verbs: READ },
    { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] },
  ];
}
