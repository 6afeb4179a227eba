/**
 * The install itself: its namespace, scope (cluster-wide or namespaced), the managed namespace,
 * how the CRDs get in, the Argo release and images, and the labels on every object.
 */
import { Checker, EnumValue } from './check';
import { conflict, invalid } from './errors';
import { DEFAULT_ARGO_VERSION, ResolvedImages, resolveImages, validateVersion } from './images';
import type { ArgoImages } from './images';
import { resolvePullSecrets } from './pod';

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

/** The install-wide options of `ArgoWorkflowsProps`. */
export interface InstallOptions {
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
  readonly scope?: EnumValue<InstallScope>;
  /**
   * `--managed-namespace`: with a namespaced install, the one namespace the controller and server
   * manage, when it is not the install namespace.
   * @default - the install namespace
   */
  readonly managedNamespace?: string;
  /** How the CRDs are installed. @default CrdMode.INSTALLER */
  readonly crds?: EnumValue<CrdMode>;
  /**
   * Labels added to every object, next to `app.kubernetes.io/part-of: argo-workflows`.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Names of `kubernetes.io/dockerconfigjson` Secrets every pod argo-stack runs pulls its images
   * with (for a private mirror set in `imageRegistry` or `images`). Each must exist in the pod's
   * namespace; a pod's own `imagePullSecrets` add to these.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
}

/** The install-wide settings, every default filled in. */
export interface ResolvedInstall {
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly version: string;
  readonly images: ResolvedImages;
  readonly scope: InstallScope;
  /** The namespace the controller and server manage in a namespaced install (install namespace when not set). */
  readonly managedNamespace?: string;
  readonly crds: CrdMode;
  readonly labels: Record<string, string>;
  /** Pull Secrets of every pod. */
  readonly imagePullSecrets: string[];
}

export const DEFAULT_NAMESPACE = 'argo';
/** The labels argo-stack puts on every object; `labels` may not set them. */
const OWN_LABELS = ['app.kubernetes.io/component', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/part-of', 'app.kubernetes.io/version'];

/** The crdinstaller image is published from v4.0.9 on. */
function crdInstallerExists(version: string): boolean {
  const [minor, patch] = version.slice(1).split('.').slice(1).map(Number);
  return minor > 0 || patch >= 9;
}

/** The flags both binaries get for the install scope: `--namespaced` and `--managed-namespace`. */
export function scopeArgs(install: ResolvedInstall): string[] {
  const args: string[] = [];
  if (install.scope === InstallScope.NAMESPACED) args.push('--namespaced');
  if (install.managedNamespace) args.push(`--managed-namespace=${install.managedNamespace}`);
  return args;
}

function resolveManagedNamespace(c: Checker, o: InstallOptions, namespace: string, scope: InstallScope): string | undefined {
  if (o.managedNamespace === undefined) return undefined;
  const managed = c.dnsLabel('managedNamespace', o.managedNamespace);
  if (scope !== InstallScope.NAMESPACED) {
    throw conflict(`managedNamespace ("${managed}") is set but scope is "${scope}": Argo ignores --managed-namespace unless --namespaced is set, and a cluster install already manages every namespace`,
      'set scope to InstallScope.NAMESPACED, or remove managedNamespace');
  }
  return managed === namespace ? undefined : managed;
}

/** Validates the install-wide options and fills in their defaults. */
export function resolveInstall(o: InstallOptions): ResolvedInstall {
  const c = new Checker('');
  const namespace = c.dnsLabel('namespace', o.namespace ?? DEFAULT_NAMESPACE);
  c.bool('createNamespace', o.createNamespace);
  const version = validateVersion(o.version ?? DEFAULT_ARGO_VERSION);
  const images = resolveImages(version, o.imageRegistry, o.images);
  const scope = (o.scope ?? InstallScope.CLUSTER) as InstallScope;
  c.enum('scope', scope, InstallScope, 'use InstallScope.CLUSTER or InstallScope.NAMESPACED');
  const crds = (o.crds ?? CrdMode.INSTALLER) as CrdMode;
  c.enum('crds', crds, CrdMode, 'use CrdMode.INSTALLER, CrdMode.MINIMAL or CrdMode.NONE');
  const labels = c.labels('labels', o.labels);
  const own = Object.keys(labels ?? {}).find((k) => OWN_LABELS.includes(k));
  if (own !== undefined) {
    throw invalid(`labels["${own}"]`, labels![own], 'argo-stack sets this label on every object itself, so the value would be replaced', 'remove it, or use another label key');
  }
  if (crds === CrdMode.INSTALLER && o.images?.crdInstaller === undefined && !crdInstallerExists(version)) {
    throw conflict(`version "${version}" has no argo-workflows-crdinstaller image (it exists from v4.0.9 on), which crds: CrdMode.INSTALLER runs`,
      'use version "v4.0.9" or later, set crds to CrdMode.MINIMAL or CrdMode.NONE, or give images.crdInstaller');
  }
  const managedNamespace = resolveManagedNamespace(c, o, namespace, scope);
  return {
    namespace, createNamespace: o.createNamespace ?? true, version, images, scope, managedNamespace, crds, labels: { ...(labels ?? {}) },
    imagePullSecrets: resolvePullSecrets(c, o.imagePullSecrets),
  };
}
