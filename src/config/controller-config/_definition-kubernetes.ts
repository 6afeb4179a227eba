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

/** core/v1 Container as defaults: every field optional, `name` included. Nested Kubernetes types are typed, not re-checked. */
export const CONTAINER = k8sObj<Partial<Container>>({
  name: str, image: str, command: strings, args: strings, workingDir: str, ports: k8s(), envFrom: k8s(), env: k8s(),
  resources: RESOURCES,
  resizePolicy: k8s(), restartPolicy: str, volumeMounts: k8s(), volumeDevices: k8s(), livenessProbe: k8s(),
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
