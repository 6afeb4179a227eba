/** The chart's `controller`, `mainContainer`, `executor` and `emissary` values. */
import type { Conversion } from './context';
import { argsRow, envRow } from './mapping-args';
import { persistence } from './mapping-persistence';
import { podRows } from './mapping-pod';
import { ChartMapping, notCarried, same } from './row';

/** Chart values copied as they are into the typed `controller.config` (same key in Argo's config). */
const CONFIG_KEYS = [
  'parallelism', 'namespaceParallelism', 'resourceRateLimit', 'initialDelay', 'workflowDefaults', 'retentionPolicy', 'podGCGracePeriodSeconds',
  'podGCDeleteDelayDuration', 'links', 'columns', 'navColor', 'nodeEvents', 'workflowEvents', 'failedPodRestart', 'kubeConfig',
] as const;

const WORKERS = { workflowWorkers: 'workflow', workflowTTLWorkers: 'workflowTtl', podCleanupWorkers: 'podCleanup', cronWorkflowWorkers: 'cronWorkflow' } as const;

function config(cx: Conversion): void {
  for (const key of CONFIG_KEYS) {
    const v = cx.get(`controller.${key}`);
    if (v !== undefined) cx.set(`controller.config.${key}`, v, `controller.${key}`);
  }
}

function workers(cx: Conversion): void {
  for (const [chart, option] of Object.entries(WORKERS)) {
    const v = cx.get(`controller.${chart}`);
    if (v !== undefined) cx.set(`controller.workers.${option}`, v, `controller.${chart}`);
  }
}

function metrics(cx: Conversion): void {
  const enabled = cx.bool('controller.serviceMonitor.enabled');
  const labels = cx.map('controller.serviceMonitor.additionalLabels');
  if (enabled !== true) {
    if (labels !== undefined) cx.skip('controller.serviceMonitor.additionalLabels', 'the chart renders no ServiceMonitor while serviceMonitor.enabled is false');
    return;
  }
  cx.set('metrics.serviceMonitor', labels === undefined ? true : { labels }, 'controller.serviceMonitor');
}

function instanceId(cx: Conversion): void {
  if (cx.bool('controller.instanceID.enabled') !== true) {
    cx.skip('controller.instanceID', 'the chart sets no instance ID while controller.instanceID.enabled is false');
    return;
  }
  const explicit = cx.str('controller.instanceID.explicitID');
  if (cx.bool('controller.instanceID.useReleaseName') === true && explicit === undefined) {
    cx.skip('controller.instanceID.useReleaseName', 'argo-stack has no release name: set controller.config.instanceID to the release name you used, or workflows with that instance ID are no longer picked up');
    return;
  }
  if (explicit !== undefined) cx.set('controller.config.instanceID', explicit, 'controller.instanceID.explicitID');
  else if (cx.bool('controller.instanceID.useReleaseName') !== true) cx.skip('controller.instanceID.enabled', 'it names no instance ID (explicitID or useReleaseName), which the chart needs');
}

function mainAndExecutor(cx: Conversion): void {
  for (const key of ['imagePullPolicy', 'resources', 'env', 'envFrom', 'securityContext']) {
    const v = cx.get(`mainContainer.${key}`);
    if (v !== undefined) cx.set(`controller.config.mainContainer.${key}`, v, `mainContainer.${key}`);
  }
  for (const key of ['resources', 'args', 'env', 'securityContext']) {
    const v = cx.get(`executor.${key}`);
    if (v !== undefined) cx.set(`controller.config.executor.${key}`, v, `executor.${key}`);
  }
  const pull = cx.get('executor.image.pullPolicy');
  if (pull !== undefined) cx.set('controller.config.executor.imagePullPolicy', pull, 'executor.image.pullPolicy');
}

const MONITORING = 'argo-stack serves the controller metrics on the headless Service `workflow-controller-metrics` with Argo\'s own settings';

export const CONTROLLER_ROWS: readonly ChartMapping[] = [
  {
    chart: `controller.{${CONFIG_KEYS.join(',')}}`,
    option: '`controller.config.<same key>` (typed, checked against Argo v4.1.2)',
    convert: config,
  },
  same('controller.workflowRestrictions', 'workflowRestrictions', '(typed, with an example WorkflowTemplate)'),
  { chart: 'controller.{workflowWorkers,workflowTTLWorkers,podCleanupWorkers,cronWorkflowWorkers}', option: '`controller.workers.workflow`, `.workflowTtl`, `.podCleanup`, `.cronWorkflow`', convert: workers },
  { chart: 'controller.persistence', option: '`persistence` (`postgres` or `mysql` with `host`, `secretName` and `credentials: { existing: {} }`; `archive`, `archiveTTL`, `nodeStatusOffLoad`, `connectionPool`, `tableName`)', convert: persistence },
  { chart: 'controller.synchronization', option: '`persistence.synchronization` (the archive database holds the semaphores)', reason: 'argo-stack keeps the semaphores in the archive database: set persistence.synchronization: true, or { controllerName, ... }' },
  { chart: 'controller.serviceMonitor.{enabled,additionalLabels}', option: '`metrics.serviceMonitor: true` or `{ labels }` (rendered whatever the cluster reports)', convert: metrics },
  notCarried('controller.serviceMonitor.namespace', 'argo-stack puts the ServiceMonitor next to the Service it scrapes, in the install namespace'),
  notCarried('controller.{metricsConfig,telemetryConfig}', `${MONITORING}; set controller.config.metricsConfig for other settings`),
  notCarried('controller.{serviceType,serviceAnnotations,serviceLabels,loadBalancerClass,loadBalancerSourceRanges}', `${MONITORING}, inside the cluster only`),
  { chart: 'controller.instanceID.{enabled,useReleaseName,explicitID}', option: '`controller.config.instanceID`', convert: instanceId },
  notCarried('controller.rbac.{secretWhitelist,accessAllSecrets}', 'already a secure default: argo-stack grants the controller `get` on exactly the Secrets its options name'),
  { chart: 'controller.rbac.writeConfigMaps', option: '`rbacFeatures.memoization: true`', convert: (cx) => { if (cx.bool('controller.rbac.writeConfigMaps') === true) cx.set('rbacFeatures.memoization', true, 'controller.rbac.writeConfigMaps'); } },
  notCarried('controller.clusterWorkflowTemplates.{enabled,serviceAccounts}', 'already the default: the controller reads ClusterWorkflowTemplates in a cluster install'),
  notCarried('controller.{configMap,name}', 'argo-stack writes the upstream `workflow-controller-configmap` and keeps the upstream names'),
  notCarried('controller.livenessProbe', 'argo-stack sets the controller\'s liveness probe itself (`/healthz` on 6060)'),
  ...podRows('controller'),
  argsRow('controller'),
  envRow('controller'),
  {
    chart: 'mainContainer.{imagePullPolicy,resources,env,envFrom,securityContext}',
    option: '`controller.config.mainContainer` (merged over argo-stack\'s Pod Security "restricted" defaults)',
    convert: mainAndExecutor,
  },
  { chart: 'executor.{resources,args,env,securityContext,image.pullPolicy}', option: '`controller.config.executor` (`image.pullPolicy` → `imagePullPolicy`)', convert: mainAndExecutor },
  same('emissary.images', 'controller.config.images'),
];
