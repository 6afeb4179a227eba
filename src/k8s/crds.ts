import { JobName } from '../config/endpoints';
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import type { ICustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { DEFAULT_IMAGE_REGISTRY } from '../config/images';
import { CrdMode } from '../config/install';
import { DEFAULT_NODE_SELECTOR, DEFAULT_RESOURCES } from '../config/pod';
import { Component, K8sContext, manifest, meta, orderingHints, SyncWave } from './_meta';
import { jobPodMetadata, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { ARGO_CRD_VERSION, ARGO_GROUP, CRD_DEFINITIONS, crdName, minimalSchema } from './crd-definitions';
import { clusterRoleWithBinding } from './rbac';

export const CRD_INSTALLER_NAME: string = JobName.CRD_INSTALLER;

export interface CrdsProps {
  readonly ctx: K8sContext;
  readonly mode: CrdMode;
}

/** The installer's ClusterRole and ClusterRoleBinding: `argo-crd-installer` for the namespace `argo`. */
export const crdInstallerClusterRoleName = (namespace: string) => `${namespace}-crd-installer`;

/**
 * The Job name carries the version, so an upgrade runs a new Job instead of patching an immutable
 * one. A non-default image (a digest or a mirror) adds the first 8 hex digits of its sha256, and
 * pod settings of `jobs` (also in the pod template) those of the image and the settings together,
 * for the same reason.
 */
export function crdInstallerJobName(version: string, image?: string, defaultImage?: string, podSettings?: object): string {
  const base = `${CRD_INSTALLER_NAME}-${version.replace(/\./g, '-')}`;
  const custom = image !== undefined && image !== defaultImage;
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);
  if (podSettings !== undefined) return `${base}-${hash(JSON.stringify({ image: custom ? image : undefined, ...podSettings }))}`;
  return custom ? `${base}-${hash(image)}` : base;
}

/** The `jobs` settings that reach the installer's pod template, or undefined when all are defaults. */
function podSettings(jobs: K8sContext['jobs']): object | undefined {
  const { pod, resources } = jobs;
  const settings = {
    ...(pod.imagePullSecrets.length ? { pullSecrets: pod.imagePullSecrets } : {}),
    ...(JSON.stringify(pod.nodeSelector) !== JSON.stringify(DEFAULT_NODE_SELECTOR) ? { nodeSelector: pod.nodeSelector } : {}),
    ...(pod.tolerations ? { tolerations: pod.tolerations } : {}),
    ...(pod.affinity ? { affinity: pod.affinity } : {}),
    ...(pod.topologySpreadConstraints ? { topologySpreadConstraints: pod.topologySpreadConstraints } : {}),
    ...(Object.keys(pod.podLabels).length || Object.keys(pod.podAnnotations).length ? { labels: pod.podLabels, annotations: pod.podAnnotations } : {}),
    ...(resources ? { resources } : {}),
  };
  return Object.keys(settings).length ? settings : undefined;
}

/**
 * The eight Argo CRDs. `INSTALLER`: a Job runs the official crdinstaller image, which applies the
 * full CRDs server-side from files in the image; its ClusterRole may only create CRDs and get or
 * patch the eight Argo ones. `MINIMAL`: the CRDs inline with open schemas. `NONE`: nothing.
 */
export class Crds extends Construct {
  constructor(scope: Construct, id: string, props: CrdsProps) {
    super(scope, id);
    const { ctx, mode } = props;
    if (mode === CrdMode.MINIMAL) this.minimal(ctx);
    if (mode === CrdMode.INSTALLER) this.installer(ctx);
  }

  private minimal(ctx: K8sContext): void {
    for (const def of CRD_DEFINITIONS) {
      manifest<ICustomResourceDefinition>(this, def.kind, {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: meta(ctx, Component.CRDS, crdName(def)),
        spec: {
          group: ARGO_GROUP,
          names: {
            kind: def.kind,
            listKind: `${def.kind}List`,
            plural: def.plural,
            singular: def.kind.toLowerCase(),
            ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
          },
          scope: def.scope,
          versions: [{
            name: ARGO_CRD_VERSION,
            served: true,
            storage: true,
            schema: { openAPIV3Schema: minimalSchema(def) },
            ...(def.printerColumns ? { additionalPrinterColumns: def.printerColumns } : {}),
            ...(def.statusSubresource ? { subresources: { status: {} } } : {}),
          }],
        },
      });
    }
  }

  private installer(ctx: K8sContext): void {
    const ns = ctx.namespace;
    const syncWave = orderingHints(SyncWave.CRDS);
    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: meta(ctx, Component.CRDS, CRD_INSTALLER_NAME, ns, { annotations: syncWave }),
    });
    // Cluster-scoped: named after the install namespace, so two installs do not rebind each other's.
    const clusterName = crdInstallerClusterRoleName(ns);
    clusterRoleWithBinding(this, 'Installer', ctx, Component.CRDS, {
      roleName: clusterName,
      bindingName: clusterName,
      serviceAccount: CRD_INSTALLER_NAME,
      serviceAccountNamespace: ns,
      annotations: syncWave,
      // Server-side apply is a PATCH; when the CRD is absent the API server authorizes it as a
      // create of that name, so every verb can be limited to the eight Argo CRDs.
      rules: [{
        apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'],
        resourceNames: CRD_DEFINITIONS.map(crdName), verbs: ['create', 'get', 'patch'],
      }],
    });
    const res = ctx.jobs.resources ?? DEFAULT_RESOURCES.crdInstaller;
    manifest<IJob>(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(ctx, Component.CRDS, crdInstallerJobName(ctx.version, ctx.images.crdInstaller, `${DEFAULT_IMAGE_REGISTRY}/argo-workflows-crdinstaller:${ctx.version}`, podSettings(ctx.jobs)), ns, { annotations: orderingHints(SyncWave.CRDS, { hook: true }) }),
      spec: {
        backoffLimit: 4,
        activeDeadlineSeconds: 600,
        // Re-applying after this re-runs it, which is harmless (server-side apply of the same CRDs).
        ttlSecondsAfterFinished: 600,
        template: {
          metadata: jobPodMetadata(ctx.jobs.pod, { app: CRD_INSTALLER_NAME, 'app.kubernetes.io/component': Component.CRDS }),
          spec: {
            serviceAccountName: CRD_INSTALLER_NAME,
            restartPolicy: 'OnFailure',
            securityContext: restrictedPodSecurityContext(),
            ...scheduling(ctx.jobs.pod),
            containers: [{
              name: 'crd-installer',
              image: ctx.images.crdInstaller,
              env: [{ name: 'HOME', value: '/tmp' }],
              resources: { requests: { ...res.requests }, limits: { ...res.limits } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    });
  }
}
