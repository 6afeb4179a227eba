/**
 * What a feature adds to components it does not own, as plain data. Each feature's resolver
 * returns `{ resolved, contributes }`; the composer (`resolve.ts`) folds the contributions of every
 * feature into the controller, argo-server and the plan, so features never import each other.
 */
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1Volume as Volume } from 'kubernetes-models/v1/Volume';
import type { IIoK8sApiCoreV1VolumeMount as VolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { ControllerConfig } from './controller-config';
import { isPlainObject } from './check';
import type { Endpoint, Flow } from './endpoints';

export type { EnvVar, Volume, VolumeMount };

/** The two Argo binaries other features add to. */
export type ArgoBinary = 'controller' | 'server';

/** Volumes, mounts, env, pod labels and pod annotations a feature adds to a binary's pod. */
export interface PodAddition {
  readonly to: readonly ArgoBinary[];
  readonly volumes?: readonly Volume[];
  readonly volumeMounts?: readonly VolumeMount[];
  readonly env?: readonly EnvVar[];
  /** Labels on the pod template (never on the selector). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Secrets that a binary reads (its Role there may `get` exactly these names). */
export interface SecretRead {
  readonly by: readonly ArgoBinary[];
  readonly names: readonly string[];
  /** Where the Secrets are. @default - the install namespace */
  readonly namespace?: string;
}

/**
 * Kubernetes API access a binary needs for a feature, beyond its base rules: one RBAC rule in its
 * own namespace (or in `namespace`). Secrets a binary only reads are `SecretRead`s instead.
 */
export interface ApiAccess {
  readonly by: readonly ArgoBinary[];
  /** The API group: `""` for the core group. */
  readonly apiGroup: string;
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** Limits the rule to these object names. @default - every object of the resources */
  readonly resourceNames?: readonly string[];
  /** Why the binary needs it (documentation, shown in tests and diagrams). */
  readonly purpose: string;
  /** Where the rule applies. @default - the install namespace */
  readonly namespace?: string;
}

/** Labels a feature puts on a namespace argo-stack creates (Pod Security, sidecar injection, ...). */
export interface NamespaceLabels {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Whose ServiceAccount: a binary's, or the workflow service account of a workflow namespace. */
export type ServiceAccountOwner = ArgoBinary | { readonly workflowNamespace: string };

/** Annotations a feature puts on a ServiceAccount (workload identity). */
export interface ServiceAccountAnnotations {
  readonly of: ServiceAccountOwner;
  readonly annotations: Readonly<Record<string, string>>;
}

/** What one feature adds to the rest of the plan. Every field is optional. */
export interface Contributions {
  /** A fragment of `workflow-controller-configmap`, merged under the user's `controller.config`. */
  readonly controllerConfig?: ControllerConfig;
  /** Flags appended to argo-server's command line. */
  readonly serverArgs?: readonly string[];
  /** Environment variables of argo-server. */
  readonly serverEnv?: readonly EnvVar[];
  readonly secretsRead?: readonly SecretRead[];
  /** Kubernetes API access beyond the binaries' base rules. */
  readonly apiAccess?: readonly ApiAccess[];
  readonly pods?: readonly PodAddition[];
  readonly namespaceLabels?: readonly NamespaceLabels[];
  readonly serviceAccountAnnotations?: readonly ServiceAccountAnnotations[];
  /** Components the feature runs, as endpoints. */
  readonly endpoints?: readonly Endpoint[];
  /** Connections the feature needs. */
  readonly flows?: readonly Flow[];
}

/** A feature's result: its own resolved section and what it adds to the others. */
export interface Feature<R> {
  readonly resolved: R;
  readonly contributes: Contributions;
}

/** What a binary's pod receives from every feature, in feature order. */
export interface PodAdditions {
  readonly volumes: Volume[];
  readonly volumeMounts: VolumeMount[];
  readonly env: EnvVar[];
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** Deep merge for config objects: `over` wins on leaves; lists are replaced, not merged. */
export function mergeConfig<T>(base: T, over: T | undefined): T {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? mergeConfig(out[k], v) : v;
  return out as T;
}

/** The controller config fragments of every feature, merged in feature order. */
export function foldControllerConfig(all: readonly Contributions[], base: ControllerConfig = {}): ControllerConfig {
  return all.reduce((config, c) => mergeConfig(config, c.controllerConfig), base);
}

/** The pod additions of every feature for one binary. */
export function foldPod(all: readonly Contributions[], binary: ArgoBinary): PodAdditions {
  const out: PodAdditions = { volumes: [], volumeMounts: [], env: [], labels: {}, annotations: {} };
  for (const p of all.flatMap((c) => c.pods ?? []).filter((a) => a.to.includes(binary))) {
    out.volumes.push(...(p.volumes ?? []));
    out.volumeMounts.push(...(p.volumeMounts ?? []));
    out.env.push(...(p.env ?? []));
    Object.assign(out.labels, p.labels ?? {});
    Object.assign(out.annotations, p.annotations ?? {});
  }
  return out;
}

/** The API access every feature gives one binary in one namespace (the install namespace when not given), in feature order. */
export function foldApiAccess(all: readonly Contributions[], binary: ArgoBinary, namespace?: string): ApiAccess[] {
  return all.flatMap((c) => c.apiAccess ?? []).filter((a) => a.by.includes(binary) && a.namespace === namespace);
}

/**
 * The Secrets one binary reads in one namespace (the install namespace when `namespace` is not
 * given), from every feature, sorted and without duplicates.
 */
export function foldSecretsRead(all: readonly Contributions[], binary: ArgoBinary, namespace?: string): string[] {
  const names = all.flatMap((c) => c.secretsRead ?? []).filter((s) => s.by.includes(binary) && s.namespace === namespace).flatMap((s) => s.names);
  return [...new Set(names)].sort();
}

/** The labels every feature puts on one namespace, in feature order (a later feature wins on a key). */
export function foldNamespaceLabels(all: readonly Contributions[], namespace: string): Record<string, string> {
  return Object.assign({}, ...all.flatMap((c) => c.namespaceLabels ?? []).filter((n) => n.namespace === namespace).map((n) => n.labels));
}

const sameOwner = (a: ServiceAccountOwner, b: ServiceAccountOwner): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.workflowNamespace === b.workflowNamespace;

/** The annotations every feature puts on one ServiceAccount, in feature order. */
export function foldServiceAccountAnnotations(all: readonly Contributions[], of: ServiceAccountOwner): Record<string, string> {
  return Object.assign({}, ...all.flatMap((c) => c.serviceAccountAnnotations ?? []).filter((a) => sameOwner(a.of, of)).map((a) => a.annotations));
}
