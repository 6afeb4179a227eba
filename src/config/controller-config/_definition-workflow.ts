/**
 * `workflowDefaults`: a Workflow whose spec is merged into every Workflow (the Workflow's own
 * values win). WorkflowSpec's field names are pkg/apis/workflow/v1alpha1/workflow_types.go's;
 * the fields argo-stack models are checked in depth, the others by name only.
 */
import type { IIoK8sApiCoreV1HostAlias as HostAlias } from 'kubernetes-models/v1/HostAlias';
import type { IIoK8sApiCoreV1LocalObjectReference as LocalObjectReference } from 'kubernetes-models/v1/LocalObjectReference';
import type { IIoK8sApiCoreV1PersistentVolumeClaim as PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IIoK8sApiCoreV1PodDNSConfig as PodDNSConfig } from 'kubernetes-models/v1/PodDNSConfig';
import type { IIoK8sApiCoreV1PodResourceClaim as PodResourceClaim } from 'kubernetes-models/v1/PodResourceClaim';
import type { IIoK8sApiCoreV1PodSecurityContext as PodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IIoK8sApiCoreV1Volume as Volume } from 'kubernetes-models/v1/Volume';
import type { IIoK8sApiPolicyV1PodDisruptionBudgetSpec as PodDisruptionBudgetSpec } from 'kubernetes-models/policy/v1/PodDisruptionBudgetSpec';
import { AFFINITY, LABEL_SELECTOR, RESOURCES, stringMap, TOLERATION } from './_definition-kubernetes';
import { bool, duration, type Infer, int, intOrString, k8s, k8sObj, listOf, obj, oneOf, str, unchecked } from './_shape';

/** Labels and annotations (Argo's `Metadata`). */
export const METADATA = obj({
  /** Labels to add. */
  labels: stringMap,
  /** Annotations to add. */
  annotations: stringMap,
});

/** WorkflowSpec's 43 fields (`executorPlugins` is not modelled). */
const WORKFLOW_SPEC = obj({
  /** Templates of the workflow. Not checked by argo-stack. */
  templates: unchecked(),
  /** Name of the template the workflow starts with. */
  entrypoint: str,
  /** Parameters and artifacts passed to the entrypoint; parameters are visible as `workflow.parameters.<name>`. Not checked by argo-stack. */
  arguments: unchecked(),
  /** ServiceAccount every pod of the workflow runs as. @default - the namespace's `default` ServiceAccount */
  serviceAccountName: str,
  /** Mount a service account token in pods; when false, `executor.serviceAccountName` must be set. */
  automountServiceAccountToken: bool,
  /** Settings of the executor containers. */
  executor: obj({
    /** ServiceAccount whose token the executor containers use. */
    serviceAccountName: str,
  }),
  /** Volumes the workflow's containers can mount. */
  volumes: k8s<Volume[]>(),
  /** PersistentVolumeClaims created when the workflow starts and deleted when it completes. */
  volumeClaimTemplates: k8s<PersistentVolumeClaim[]>(),
  /** Most pods of this workflow running at once. @default - unlimited */
  parallelism: int,
  /** The ConfigMap and key that hold the workflow's artifact repository. */
  artifactRepositoryRef: obj({
    /** Name of the ConfigMap. @default "artifact-repositories" */
    configMap: str,
    /** Key in the ConfigMap. @default - the key named by the ConfigMap's `workflows.argoproj.io/default-artifact-repository` annotation */
    key: str,
  }),
  /** Suspend the workflow: no further steps run until it is resumed. */
  suspend: bool,
  /** Node selector of every pod; a template's own `nodeSelector` overrides it. */
  nodeSelector: stringMap,
  /** Affinity of every pod; a template's own `affinity` overrides it. */
  affinity: AFFINITY,
  /** Tolerations of every pod. */
  tolerations: listOf(TOLERATION),
  /** Secrets used to pull the images of every pod. */
  imagePullSecrets: k8s<LocalObjectReference[]>(),
  /** Run pods in the host's network namespace. @default false */
  hostNetwork: bool,
  /** DNS policy of the pods: `ClusterFirst`, `ClusterFirstWithHostNet`, `Default` or `None`. @default "ClusterFirst" */
  dnsPolicy: str,
  /** DNS settings of the pods, merged with those of `dnsPolicy`. */
  dnsConfig: k8s<PodDNSConfig>(),
  /** Template run when the workflow ends, whether it succeeded, failed or errored. */
  onExit: str,
  /** When finished workflows are deleted. */
  ttlStrategy: obj({
    /** Seconds a workflow lives after it completes. */
    secondsAfterCompletion: int,
    /** Seconds a workflow lives after it succeeds. */
    secondsAfterSuccess: int,
    /** Seconds a workflow lives after it fails. */
    secondsAfterFailure: int,
  }),
  /** Seconds a workflow may run, from its start, before the controller stops it; 0 stops a running workflow. */
  activeDeadlineSeconds: int,
  /** Priority when the controller limits parallel workflows; higher runs first. */
  priority: int,
  /** Scheduler of every pod; a template's own `schedulerName` overrides it. @default - the cluster's default scheduler */
  schedulerName: str,
  /** When completed pods are deleted. */
  podGC: obj({
    /** When pods are deleted. @default "" (never) */
    strategy: oneOf('', 'OnPodCompletion', 'OnPodSuccess', 'OnWorkflowCompletion', 'OnWorkflowSuccess'),
    /** Delete only the pods whose labels match. @default - every pod */
    labelSelector: LABEL_SELECTOR,
    /** Go duration pods wait in the GC queue before deletion. @default - the controller's `podGCDeleteDelayDuration` */
    deleteDelayDuration: duration,
  }),
  /** PriorityClass of every pod. */
  podPriorityClassName: str,
  /** Extra `/etc/hosts` entries of every pod. */
  hostAliases: k8s<HostAlias[]>(),
  /** Pod-level security context of every pod. */
  securityContext: k8s<PodSecurityContext>(),
  /** Strategic merge patch applied to every pod spec, as YAML or JSON. */
  podSpecPatch: str,
  /** A PodDisruptionBudget for the workflow's pods; the controller adds a selector by workflow name when none is given. */
  podDisruptionBudget: k8sObj<PodDisruptionBudgetSpec>({
    minAvailable: intOrString, maxUnavailable: intOrString, selector: LABEL_SELECTOR, unhealthyPodEvictionPolicy: str,
  }),
  /** Prometheus metrics the workflow emits. Not checked by argo-stack. */
  metrics: unchecked(),
  /** Shut the workflow down: `Terminate` or `Stop`. */
  shutdown: str,
  /** A WorkflowTemplate the workflow runs. Not checked by argo-stack. */
  workflowTemplateRef: unchecked(),
  /** Semaphores and mutexes the workflow takes. Not checked by argo-stack. */
  synchronization: unchecked(),
  /** When the workflow's PersistentVolumeClaims are deleted. Not checked by argo-stack. */
  volumeClaimGC: unchecked(),
  /** Retry strategy of every template. Not checked by argo-stack. */
  retryStrategy: unchecked(),
  /** Labels and annotations added to every pod. */
  podMetadata: METADATA,
  /** Defaults for every template of the workflow. Not checked by argo-stack. */
  templateDefaults: unchecked(),
  /** Archive the logs of the workflow's containers. @default - the artifact repository's `archiveLogs` */
  archiveLogs: bool,
  /** Lifecycle hooks of the workflow. Not checked by argo-stack. */
  hooks: unchecked(),
  /** Labels and annotations of the Workflow object itself. Not checked at run time. */
  workflowMetadata: unchecked<Infer<typeof METADATA>>(),
  /** How artifacts are deleted when the workflow completes or is deleted. */
  artifactGC: obj({
    /** When artifacts are deleted. @default "" (never) */
    strategy: oneOf('', 'OnWorkflowCompletion', 'OnWorkflowDeletion', 'Never'),
    /** ServiceAccount of the pod that deletes the artifacts. */
    serviceAccountName: str,
    /** Labels and annotations of the pod that deletes the artifacts. */
    podMetadata: METADATA,
    /** Remove the workflow's finalizer even when artifact GC fails. @default false */
    forceFinalizerRemoval: bool,
    /** Strategic merge patch applied to the artifact GC pod spec. */
    podSpecPatch: str,
  }),
  /** Pod-level requests and limits of every pod; needs the PodLevelResources feature gate (beta since Kubernetes 1.34). */
  podResources: RESOURCES,
  /** ResourceClaims (dynamic resource allocation) of the workflow's pods; needs the DynamicResourceAllocation feature gate. */
  resourceClaims: k8s<PodResourceClaim[]>(),
});

/** `workflowDefaults`: a partial Workflow merged into every Workflow. */
export const WORKFLOW_DEFAULTS = obj({
  /** `argoproj.io/v1alpha1`; optional. */
  apiVersion: str,
  /** `Workflow`; optional. */
  kind: str,
  /** Labels and annotations added to every Workflow. */
  metadata: METADATA,
  /** Spec fields every Workflow gets unless it sets them itself. */
  spec: WORKFLOW_SPEC,
});
