/**
 * Kubernetes types inside the controller config. Their keys are checked at run time; their
 * TypeScript types, and the doc text editors show for them, are the `kubernetes-models` ones.
 */
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as LabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelectorRequirement as LabelSelectorRequirement } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelectorRequirement';
import type { IIoK8sApiCoreV1Capabilities as Capabilities } from 'kubernetes-models/v1/Capabilities';
import type { IIoK8sApiCoreV1ConfigMapKeySelector as ConfigMapKeySelector } from 'kubernetes-models/v1/ConfigMapKeySelector';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IIoK8sApiCoreV1SeccompProfile as SeccompProfile } from 'kubernetes-models/v1/SeccompProfile';
import type { IIoK8sApiCoreV1SecretKeySelector as SecretKeySelector } from 'kubernetes-models/v1/SecretKeySelector';
import type { IIoK8sApiCoreV1SecurityContext as SecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IIoK8sApiCoreV1Affinity as Affinity } from 'kubernetes-models/v1/Affinity';
import type { IIoK8sApiCoreV1ContainerPort as ContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1NodeSelectorTerm as NodeSelectorTerm } from 'kubernetes-models/v1/NodeSelectorTerm';
import type { IIoK8sApiCoreV1PodAffinityTerm as PodAffinityTerm } from 'kubernetes-models/v1/PodAffinityTerm';
import type { IIoK8sApiCoreV1Toleration as Toleration } from 'kubernetes-models/v1/Toleration';
import type { IIoK8sApiCoreV1TopologySpreadConstraint as TopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import type { IIoK8sApiCoreV1VolumeMount as VolumeMount } from 'kubernetes-models/v1/VolumeMount';
import { bool, int, intOrString, k8s, k8sObj, listOf, mapOf, oneOf, str } from './_shape';

export const strings = listOf(str);
export const stringMap = mapOf(str);

/** A `{ name, key }` reference to a key of a Secret. `checkShape` redacts whatever is given here. */
export const SECRET_KEY_SELECTOR = k8sObj<SecretKeySelector>({ name: str, key: str, optional: bool }, ['key']);
export const CONFIGMAP_KEY_SELECTOR = k8sObj<ConfigMapKeySelector>({ name: str, key: str, optional: bool }, ['key']);

export const LABEL_SELECTOR = k8sObj<LabelSelector>({
  matchLabels: stringMap,
  matchExpressions: listOf(k8sObj<LabelSelectorRequirement>({
    key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: strings,
  }, ['key', 'operator'])),
});

/** core/v1 ResourceRequirements (requests and limits by resource name). */
export const RESOURCES = k8sObj<ResourceRequirements>({ limits: mapOf(intOrString), requests: mapOf(intOrString), claims: k8s() });

/** core/v1 EnvVar: a literal `value` or a `valueFrom` reference (checked by the credential rule too). */
const ENV_VAR = k8sObj<EnvVar>({ name: str, value: str, valueFrom: k8s() }, ['name']);
const CONTAINER_PORT = k8sObj<ContainerPort>({ name: str, containerPort: int, hostPort: int, hostIP: str, protocol: oneOf('TCP', 'UDP', 'SCTP') }, ['containerPort']);
const VOLUME_MOUNT = k8sObj<VolumeMount>({
  name: str, mountPath: str, readOnly: bool, subPath: str, subPathExpr: str, mountPropagation: oneOf('None', 'HostToContainer', 'Bidirectional'),
  recursiveReadOnly: oneOf('Disabled', 'IfPossible', 'Enabled'),
}, ['name', 'mountPath']);

/** core/v1 Container as defaults: every field optional, `name` included. Nested Kubernetes types are typed, not re-checked. */
export const CONTAINER = k8sObj<Partial<Container>>({
  name: str, image: str, command: strings, args: strings, workingDir: str, ports: listOf(CONTAINER_PORT), envFrom: k8s(), env: listOf(ENV_VAR),
  resources: RESOURCES,
  resizePolicy: k8s(), restartPolicy: str, volumeMounts: listOf(VOLUME_MOUNT), volumeDevices: k8s(), livenessProbe: k8s(),
  readinessProbe: k8s(), startupProbe: k8s(), lifecycle: k8s(), terminationMessagePath: str,
  terminationMessagePolicy: oneOf('File', 'FallbackToLogsOnError'), imagePullPolicy: oneOf('Always', 'Never', 'IfNotPresent'),
  securityContext: k8sObj<SecurityContext>({
    capabilities: k8sObj<Capabilities>({ add: strings, drop: strings }), privileged: bool, seLinuxOptions: k8s(), windowsOptions: k8s(),
    runAsUser: int, runAsGroup: int, runAsNonRoot: bool, readOnlyRootFilesystem: bool, allowPrivilegeEscalation: bool,
    procMount: str, seccompProfile: k8sObj<SeccompProfile>({ type: oneOf('RuntimeDefault', 'Localhost', 'Unconfined'), localhostProfile: str }, ['type']),
    appArmorProfile: k8s(),
  }),
  stdin: bool, stdinOnce: bool, tty: bool,
});

const NODE_SELECTOR_REQUIREMENT = k8sObj<NonNullable<NodeSelectorTerm['matchExpressions']>[number]>({
  key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'), values: strings,
}, ['key', 'operator']);
const NODE_SELECTOR_TERM = k8sObj<NodeSelectorTerm>({ matchExpressions: listOf(NODE_SELECTOR_REQUIREMENT), matchFields: listOf(NODE_SELECTOR_REQUIREMENT) });
const POD_AFFINITY_TERM = k8sObj<PodAffinityTerm>({
  labelSelector: LABEL_SELECTOR, namespaceSelector: LABEL_SELECTOR, namespaces: strings, topologyKey: str, matchLabelKeys: strings, mismatchLabelKeys: strings,
}, ['topologyKey']);
const POD_AFFINITY = k8sObj<NonNullable<Affinity['podAffinity']>>({
  requiredDuringSchedulingIgnoredDuringExecution: listOf(POD_AFFINITY_TERM),
  preferredDuringSchedulingIgnoredDuringExecution: listOf(k8sObj<{ weight: number; podAffinityTerm: PodAffinityTerm }>({ weight: int, podAffinityTerm: POD_AFFINITY_TERM }, ['weight', 'podAffinityTerm'])),
});

/** core/v1 Affinity. */
export const AFFINITY = k8sObj<Affinity>({
  nodeAffinity: k8sObj<NonNullable<Affinity['nodeAffinity']>>({
    requiredDuringSchedulingIgnoredDuringExecution: k8sObj<{ nodeSelectorTerms: NodeSelectorTerm[] }>({ nodeSelectorTerms: listOf(NODE_SELECTOR_TERM) }, ['nodeSelectorTerms']),
    preferredDuringSchedulingIgnoredDuringExecution: listOf(k8sObj<{ weight: number; preference: NodeSelectorTerm }>({ weight: int, preference: NODE_SELECTOR_TERM }, ['weight', 'preference'])),
  }),
  podAffinity: POD_AFFINITY,
  podAntiAffinity: POD_AFFINITY,
});

/** core/v1 Toleration. */
export const TOLERATION = k8sObj<Toleration>({
  key: str, operator: oneOf('Exists', 'Equal'), value: str, effect: oneOf('NoSchedule', 'PreferNoSchedule', 'NoExecute'), tolerationSeconds: int,
});

/** core/v1 TopologySpreadConstraint. */
export const TOPOLOGY_SPREAD_CONSTRAINT = k8sObj<TopologySpreadConstraint>({
  maxSkew: int, topologyKey: str, whenUnsatisfiable: oneOf('DoNotSchedule', 'ScheduleAnyway'), labelSelector: LABEL_SELECTOR,
  minDomains: int, matchLabelKeys: strings, nodeAffinityPolicy: oneOf('Honor', 'Ignore'), nodeTaintsPolicy: oneOf('Honor', 'Ignore'),
}, ['maxSkew', 'topologyKey', 'whenUnsatisfiable']);
