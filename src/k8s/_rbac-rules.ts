/**
 * The RBAC rule sets of Argo v4.1.2 (manifests/cluster-install and namespace-install), as data.
 * No wildcard verbs or resources anywhere; Secrets are always limited by resourceNames.
 */
import type { IIoK8sApiRbacV1PolicyRule as PolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import type { ApiAccess, ArgoBinary } from '../config/contributions';
import { RbacProfile } from '../config/rbac';
import type { RbacFeature, ResolvedRbac } from '../config/rbac';

export type { PolicyRule };

const CRUD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const withFinalizers = (resources: string[]) => resources.flatMap((r) => [r, `${r}/finalizers`]);

/** The Secret the controller reads in every namespace for agent TLS. */
export const AGENT_CA_SECRET = 'argo-workflows-agent-ca-certificates';

/** Leader election: the lease `workflow-controller[-<instanceID>]` in the controller's namespace. */
export const LEASE_RULES: PolicyRule[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] },
];

/** Upstream's read of ConfigMaps in the install namespace, when workflows run in another one. */
export const CONFIGMAP_READ: PolicyRule = { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] };

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
 * acts with it in client and SSO RBAC modes): the Argo kinds it lists, pods, their logs (`get`
 * only: server/workflow/workflow_server.go streams them), events (`watch` only: WatchEvents), and
 * Argo Events' event sources and sensors (read, for the UI's pages when Argo Events is installed).
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
    { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
    { apiGroups: [''], resources: ['events'], verbs: ['watch'] },
    { apiGroups: ['argoproj.io'], resources: ['eventsources', 'sensors'], verbs: READ },
  ];
}

/**
 * One rule of the `minimal` profile: whose it is, where it applies and the feature it belongs to.
 * Every rule has a comment right above it citing, for each of its verbs, the line of Argo v4.1.2
 * that uses it (`<verbs>: <path>:<line> <what>`; `test/k8s/rbac-minimal.test.ts` checks them).
 */
export interface MinimalGrant {
  readonly by: ArgoBinary;
  /** `workload`: where workflows run (a ClusterRole in a cluster install); `config`: the install namespace's controller ConfigMap only. */
  readonly where: 'workload' | 'config' | 'lease';
  /** Cluster installs only (cluster-scoped kinds, or rules a Role cannot hold). */
  readonly clusterOnly?: true;
  /** The feature that turns the rule on. @default - always on */
  readonly feature?: RbacFeature;
  readonly rule: PolicyRule;
}

const CORE = [''];
const ARGO = ['argoproj.io'];

/** The `minimal` profile, rule by rule, with the Argo v4.1.2 source line behind every verb (paths from the repository root at tag v4.1.2). */
export const MINIMAL_GRANTS: readonly MinimalGrant[] = [
  // create, get, update: cmd/workflow-controller/main.go:166 leaderelection resourcelock.LeaseLock
  { by: 'controller', where: 'lease', rule: { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] } },
  // get: config/controller.go:60 workflow-controller-configmap
  // list, watch: workflow/controller/controller.go:584 newControllerConfigMapInformer
  { by: 'controller', where: 'config', rule: { apiGroups: CORE, resources: ['configmaps'], verbs: ['get', 'list', 'watch'] } },
  // create: workflow/controller/workflowpod_deps.go:134 createPod (and workflow/controller/artifact_gc.go:537)
  // delete: workflow/controller/pod/queue.go:142 pod GC
  // get: workflow/controller/workflowpod_deps.go:142 getPod
  // list, watch: workflow/controller/pod/controller.go:305 podInformer (watch at :320)
  // patch: workflow/controller/pod/queue.go:93 patchPodForCleanup
  { by: 'controller', where: 'workload', rule: { apiGroups: CORE, resources: ['pods'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'watch'] } },
  // create: workflow/common/util.go:104 SubResource("exec") POST, from workflow/controller/pod/queue.go:66 signal.Container (stop, terminate, deadline)
  { by: 'controller', where: 'workload', rule: { apiGroups: CORE, resources: ['pods/exec'], verbs: ['create'] } },
  // get: workflow/artifactrepositories/artifactrepositories.go:90 artifact-repositories (and workflow/controller/controller.go:481 sync limits)
  // list, watch: workflow/controller/controller.go:1424 newTypedConfigMapInformer (and :657 semaphore informer)
  { by: 'controller', where: 'workload', rule: { apiGroups: CORE, resources: ['configmaps'], verbs: ['get', 'list', 'watch'] } },
  // create: workflow/util/util.go:209 SubmitWorkflow (CronWorkflows)
  // delete: workflow/gccontroller/gc_controller.go:236 TTL and pod GC of workflows
  // get: workflow/controller/operator.go:957 reapplyUpdate
  // list: workflow/controller/controller.go:524 initManagers
  // patch: workflow/controller/controller.go:1401 finalizer removal
  // update: workflow/controller/operator.go:835 persistUpdates
  // watch: workflow/controller/controller.go:378 wfInformer
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflows'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] } },
  // update: workflow/controller/workflowpod.go:270 NewControllerRef(workflow) on pods (blockOwnerDeletion)
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflows/finalizers'], verbs: ['update'] } },
  // get: workflow/controller/operator.go:4518 WorkflowTemplates getter
  // list, watch: workflow/controller/informer/tolerant_workflow_template_informer.go:25 wftmplInformer
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflowtemplates'], verbs: ['get', 'list', 'watch'] } },
  // get: workflow/controller/operator.go:4519 ClusterWorkflowTemplates getter
  // list, watch: workflow/controller/informer/tolerant_cluster_workflow_template_informer.go:25 cwftmplInformer
  { by: 'controller', where: 'workload', clusterOnly: true, rule: { apiGroups: ARGO, resources: ['clusterworkflowtemplates'], verbs: ['get', 'list', 'watch'] } },
  // list, watch: workflow/cron/controller.go:108 cronWfInformer
  // patch: workflow/cron/operator.go:187 status
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['cronworkflows'], verbs: ['list', 'patch', 'watch'] } },
  // update: workflow/common/convert.go:106 NewControllerRef(cronWorkflow) on workflows (blockOwnerDeletion)
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['cronworkflows/finalizers'], verbs: ['update'] } },
  // deletecollection: workflow/controller/operator.go:899 deleteTaskResults
  // list, watch: workflow/controller/taskresult.go:38 taskResultInformer
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflowtaskresults'], verbs: ['deletecollection', 'list', 'watch'] } },
  // list, watch: workflow/controller/controller.go:1605 wfTaskSetInformer (a cache the controller waits for)
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflowtasksets'], verbs: ['list', 'watch'] } },
  // list, watch: workflow/controller/controller.go:1628 artGCTaskInformer (a cache the controller waits for)
  { by: 'controller', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflowartifactgctasks'], verbs: ['list', 'watch'] } },
  // get: workflow/controller/operator.go:4729 the workflow's ServiceAccount (executor token)
  { by: 'controller', where: 'workload', rule: { apiGroups: CORE, resources: ['serviceaccounts'], verbs: ['get'] } },
  // create, patch: workflow/events/event_recorder_manager.go:76 EventSinkImpl
  { by: 'controller', where: 'workload', rule: { apiGroups: CORE, resources: ['events'], verbs: ['create', 'patch'] } },
  // create: workflow/controller/taskset.go:206 createTaskSet
  // patch: workflow/controller/taskset.go:26 patchTaskSet
  { by: 'controller', where: 'workload', feature: 'agent', rule: { apiGroups: ARGO, resources: ['workflowtasksets'], verbs: ['create', 'patch'] } },
  // get: workflow/controller/agent.go:79 agent CA certificates
  { by: 'controller', where: 'workload', feature: 'agent', rule: { apiGroups: CORE, resources: ['secrets'], resourceNames: [AGENT_CA_SECRET], verbs: ['get'] } },
  // create: workflow/controller/artifact_gc.go:369 WorkflowArtifactGCTask
  // delete: workflow/controller/artifact_gc.go:667 finished tasks
  { by: 'controller', where: 'workload', feature: 'artifactGc', rule: { apiGroups: ARGO, resources: ['workflowartifactgctasks'], verbs: ['create', 'delete'] } },
  // create: workflow/controller/operator.go:4398 createPDBResource
  // delete: workflow/controller/operator.go:4416 deletePDBResource
  { by: 'controller', where: 'workload', feature: 'podDisruptionBudgets', rule: { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['create', 'delete'] } },
  // create: workflow/controller/operator.go:1990 volumeClaimTemplates
  // delete: workflow/controller/operator.go:2055 volumeClaimGC
  // get: workflow/controller/operator.go:1993 existing claim
  { by: 'controller', where: 'workload', feature: 'volumeClaims', rule: { apiGroups: CORE, resources: ['persistentvolumeclaims'], verbs: ['create', 'delete', 'get'] } },
  // get: workflow/controller/ns_watcher.go:37 CanI get/watch/list namespaces
  // list, watch: workflow/controller/ns_watcher.go:59 namespace informer (parallelism-limit label)
  { by: 'controller', where: 'workload', clusterOnly: true, feature: 'namespaceParallelism', rule: { apiGroups: CORE, resources: ['namespaces'], verbs: ['get', 'list', 'watch'] } },
  // create: workflow/controller/cache/configmap_cache.go:166 memoization cache
  // delete: workflow/controller/cache_gc.go:62 expired cache
  // update: workflow/controller/cache/configmap_cache.go:128 cache entry
  { by: 'controller', where: 'workload', feature: 'memoization', rule: { apiGroups: CORE, resources: ['configmaps'], verbs: ['create', 'delete', 'update'] } },
  // create: workflow/controller/workflowpod_deps.go:112 env/args offload ConfigMap
  { by: 'controller', where: 'workload', feature: 'templateOffload', rule: { apiGroups: CORE, resources: ['configmaps'], verbs: ['create'] } },

  // get: config/controller.go:60 workflow-controller-configmap, read at start (server/apiserver/argoserver.go:150)
  { by: 'server', where: 'config', rule: { apiGroups: CORE, resources: ['configmaps'], verbs: ['get'] } },
  // create: server/workflow/workflow_server.go:141 CreateWorkflow
  // delete: server/workflow/workflow_server.go:462 DeleteWorkflow
  // get: server/workflow/workflow_server.go:581 GetWorkflow
  // list: server/workflow/workflow_server.go:89 workflow store reflector
  // patch: server/workflow/workflow_server.go:457 DeleteWorkflow finalizers
  // update: server/workflow/workflow_server.go:529 RetryWorkflow
  // watch: server/workflow/workflow_server.go:92 workflow store reflector
  { by: 'server', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflows'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] } },
  // create: server/workflowtemplate/workflow_template_server.go:54 CreateWorkflowTemplate
  // delete: server/workflowtemplate/workflow_template_server.go:179 DeleteWorkflowTemplate
  // get: server/workflow/workflow_server.go:874 SubmitWorkflow from a template
  // list: server/workflowtemplate/workflow_template_server.go:152 ListWorkflowTemplates
  // update: server/workflowtemplate/workflow_template_server.go:214 UpdateWorkflowTemplate
  // watch: server/workflowtemplate/informer.go:34 wftmplStore informer
  { by: 'server', where: 'workload', rule: { apiGroups: ARGO, resources: ['workflowtemplates'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] } },
  // create: server/clusterworkflowtemplate/cluster_workflow_template_server.go:48 CreateClusterWorkflowTemplate
  // delete: server/clusterworkflowtemplate/cluster_workflow_template_server.go:105 DeleteClusterWorkflowTemplate
  // get: server/workflow/workflow_server.go:861 SubmitWorkflow from a cluster template
  // list: server/clusterworkflowtemplate/cluster_workflow_template_server.go:89 ListClusterWorkflowTemplates
  // update: server/clusterworkflowtemplate/cluster_workflow_template_server.go:143 UpdateClusterWorkflowTemplate
  // watch: server/clusterworkflowtemplate/informer.go:39 cwftmplInformer
  { by: 'server', where: 'workload', clusterOnly: true, rule: { apiGroups: ARGO, resources: ['clusterworkflowtemplates'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] } },
  // create: server/cronworkflow/cron_workflow_server.go:73 CreateCronWorkflow
  // delete: server/cronworkflow/cron_workflow_server.go:117 DeleteCronWorkflow
  // get: server/cronworkflow/cron_workflow_server.go:154 getCronWorkflow
  // list: server/cronworkflow/cron_workflow_server.go:53 ListCronWorkflows
  // patch: server/cronworkflow/cron_workflow_server.go:145 suspend and resume
  // update: server/cronworkflow/cron_workflow_server.go:99 UpdateCronWorkflow
  { by: 'server', where: 'workload', rule: { apiGroups: ARGO, resources: ['cronworkflows'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'] } },
  // delete: server/workflow/workflow_server.go:508 RetryWorkflow deletes failed pods
  // list: util/logs/pods-logger.go:30 pod logs
  // watch: util/logs/workflow-logger.go:180 workflow logs
  { by: 'server', where: 'workload', rule: { apiGroups: CORE, resources: ['pods'], verbs: ['delete', 'list', 'watch'] } },
  // get: util/logs/pods-logger.go:45 GetLogs
  { by: 'server', where: 'workload', rule: { apiGroups: CORE, resources: ['pods/log'], verbs: ['get'] } },
  // watch: server/workflow/workflow_server.go:407 WatchEvents
  { by: 'server', where: 'workload', rule: { apiGroups: CORE, resources: ['events'], verbs: ['watch'] } },
  // get: server/artifacts/resources.go:24 artifact repository ConfigMaps where workflows run
  { by: 'server', where: 'workload', rule: { apiGroups: CORE, resources: ['configmaps'], verbs: ['get'] } },
  // create: server/eventsource/event_source_server.go:26 CreateEventSource
  // delete: server/eventsource/event_source_server.go:45 DeleteEventSource
  // get: server/eventsource/event_source_server.go:36 GetEventSource
  // list: server/eventsource/event_source_server.go:63 ListEventSources
  // update: server/eventsource/event_source_server.go:54 UpdateEventSource
  // watch: server/eventsource/event_source_server.go:112 WatchEventSources
  { by: 'server', where: 'workload', feature: 'argoEvents', rule: { apiGroups: ARGO, resources: ['eventsources'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] } },
  // create: server/sensor/sensor_server.go:42 CreateSensor
  // delete: server/sensor/sensor_server.go:60 DeleteSensor
  // get: server/sensor/sensor_server.go:33 GetSensor
  // list: server/sensor/sensor_server.go:24 ListSensors
  // update: server/sensor/sensor_server.go:51 UpdateSensor
  // watch: server/sensor/sensor_server.go:105 WatchSensors
  { by: 'server', where: 'workload', feature: 'argoEvents', rule: { apiGroups: ARGO, resources: ['sensors'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] } },
  // list: server/event/event_server.go:106 ReceiveEvent (and :76 ListWorkflowEventBindings)
  { by: 'server', where: 'workload', feature: 'workflowEvents', rule: { apiGroups: ARGO, resources: ['workfloweventbindings'], verbs: ['list'] } },
  // get: server/auth/webhook/interceptor.go:101 the webhook client's ServiceAccount
  { by: 'server', where: 'workload', feature: 'workflowEvents', rule: { apiGroups: CORE, resources: ['serviceaccounts'], verbs: ['get'] } },
  // create, patch: server/event/dispatch/operation.go:78 WorkflowEventBindingError events
  { by: 'server', where: 'workload', feature: 'workflowEvents', rule: { apiGroups: CORE, resources: ['events'], verbs: ['create', 'patch'] } },
  // create: server/sync/sync_cm.go:61 CreateSyncLimit
  // update: server/sync/sync_cm.go:136 DeleteSyncLimit (and :176 UpdateSyncLimit)
  { by: 'server', where: 'workload', feature: 'syncLimits', rule: { apiGroups: CORE, resources: ['configmaps'], verbs: ['create', 'update'] } },
  // list, watch: server/cache/resource_cache.go:27 ServiceAccountLister (server/auth/gatekeeper.go:232 SSO RBAC)
  { by: 'server', where: 'workload', feature: 'ssoRbac', rule: { apiGroups: CORE, resources: ['serviceaccounts'], verbs: ['list', 'watch'] } },
];

/** The features whose rules upstream lacks too: under `upstream` they add their `minimal` rules. */
const BEYOND_UPSTREAM: readonly RbacFeature[] = ['memoization', 'templateOffload'];

const copyRule = (r: PolicyRule): PolicyRule => ({
  apiGroups: [...r.apiGroups!], resources: [...r.resources!], ...(r.resourceNames ? { resourceNames: [...r.resourceNames] } : {}), verbs: [...r.verbs],
});

/** The `minimal` rules of one binary at one place, with the features that are on. */
function minimalRules(by: ArgoBinary, where: MinimalGrant['where'], rbac: ResolvedRbac, cluster: boolean, only?: readonly RbacFeature[]): PolicyRule[] {
  return MINIMAL_GRANTS
    .filter((g) => g.by === by && g.where === where && (cluster || !g.clusterOnly))
    .filter((g) => (g.feature === undefined ? only === undefined : rbac.features.includes(g.feature) && (only === undefined || only.includes(g.feature))))
    .map((g) => copyRule(g.rule));
}

/** The controller's rules under the plan's profile: leader election, its own ConfigMap, and where workflows run. */
export function controllerRules(rbac: ResolvedRbac, cluster: boolean): { lease: PolicyRule[]; config: PolicyRule[]; workload: PolicyRule[] } {
  if (rbac.profile === RbacProfile.MINIMAL) {
    return { lease: minimalRules('controller', 'lease', rbac, cluster), config: minimalRules('controller', 'config', rbac, cluster), workload: minimalRules('controller', 'workload', rbac, cluster) };
  }
  return {
    lease: LEASE_RULES.map(copyRule), config: [copyRule(CONFIGMAP_READ)],
    workload: [...controllerWorkloadRules(cluster), ...minimalRules('controller', 'workload', rbac, cluster, BEYOND_UPSTREAM)],
  };
}

/** argo-server's rules under the plan's profile: its ConfigMap in the install namespace, and where workflows run. */
export function serverRules(rbac: ResolvedRbac, cluster: boolean): { config: PolicyRule[]; workload: PolicyRule[] } {
  if (rbac.profile === RbacProfile.MINIMAL) return { config: minimalRules('server', 'config', rbac, cluster), workload: minimalRules('server', 'workload', rbac, cluster) };
  return { config: [copyRule(CONFIGMAP_READ)], workload: serverWorkloadRules(cluster) };
}
