/**
 * The two workload shapes argo-stack builds more than once: a Deployment with a
 * PodDisruptionBudget (workflow-controller, argo-server), and a one-replica StatefulSet with its
 * data volume, ServiceAccount and Service (the in-cluster database, MinIO).
 */
import type { Construct } from 'constructs';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1PodSpec as PodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IIoK8sApiCoreV1Volume as Volume } from 'kubernetes-models/v1/Volume';
import type { ApiObject } from 'cdk8s';
import type { DeploymentStrategy, ResolvedDisruptionBudget } from '../config/availability';
import type { Endpoint } from '../config/endpoints';
import type { ResolvedPod } from '../config/pod';
import { ResolvedStartup, WAIT_CONTAINER_NAME } from '../config/startup';
import { Component, K8sContext, manifest, meta } from './_meta';
import { dataVolumeClaim, podLabels, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { waitScript } from './scripts/wait-script';

/** The init container that holds a binary back until its CRDs, Secrets and databases are there. */
export function waitContainer(startup: ResolvedStartup): Container {
  return {
    name: WAIT_CONTAINER_NAME,
    image: startup.image,
    command: ['sh', '-c', waitScript(startup)],
    resources: { requests: { ...startup.resources.requests }, limits: { ...startup.resources.limits } },
    securityContext: restrictedContainerSecurityContext(),
  };
}

/**
 * A Deployment of `replicas` pods (none written when an autoscaler owns the count) with the plan's strategy (written only when `Recreate`), and its
 * PodDisruptionBudget when the plan has one.
 */
export function deploymentWithPdb(scope: Construct, ctx: K8sContext, component: Component, o: {
  name: string; replicas?: number; selector: Readonly<Record<string, string>>; podLabels?: Record<string, string>; podAnnotations?: Record<string, string>; spec: PodSpec;
  strategy?: DeploymentStrategy; disruptionBudget?: ResolvedDisruptionBudget;
}): ApiObject {
  const selector = { ...o.selector };
  const deployment = manifest<IDeployment>(scope, 'Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(ctx, component, o.name, ctx.namespace),
    spec: {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      ...(o.strategy === 'Recreate' ? { strategy: { type: 'Recreate' } } : {}),
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: podLabels(selector, component, o.podLabels),
          ...(o.podAnnotations && Object.keys(o.podAnnotations).length ? { annotations: o.podAnnotations } : {}),
        },
        spec: o.spec,
      },
    },
  });
  if (o.disruptionBudget) {
    manifest<IPodDisruptionBudget>(scope, 'PodDisruptionBudget', {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
      metadata: meta(ctx, component, o.name, ctx.namespace),
      spec: { ...o.disruptionBudget, selector: { matchLabels: { ...selector } } },
    });
  }
  return deployment;
}

/** What a stateful service is made of besides its endpoint. */
export interface StatefulServiceSpec {
  readonly replicas: number;
  /** User and group of the image. */
  readonly uid: number;
  readonly pod: ResolvedPod;
  readonly container: Container;
  readonly volumes: Volume[];
  readonly storage: string;
  readonly storageClassName?: string;
}

/**
 * ServiceAccount (no token), StatefulSet with a retained `data` claim, and a ClusterIP Service with
 * the endpoint's ports (by name), all named after the endpoint.
 */
export function statefulService(scope: Construct, ctx: K8sContext, endpoint: Endpoint, s: StatefulServiceSpec): { statefulSet: ApiObject; service: ApiObject } {
  const { name, namespace, component } = endpoint;
  const selector = { ...endpoint.selector };
  manifest<IServiceAccount>(scope, 'ServiceAccount', {
    apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ctx, component, name, namespace), automountServiceAccountToken: false,
  });
  const statefulSet = manifest<IStatefulSet>(scope, 'StatefulSet', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(ctx, component, name, namespace),
    spec: {
      serviceName: name,
      replicas: s.replicas,
      selector: { matchLabels: selector },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: {
          labels: podLabels(selector, component, s.pod.podLabels),
          ...(Object.keys(s.pod.podAnnotations).length ? { annotations: { ...s.pod.podAnnotations } } : {}),
        },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { ...restrictedPodSecurityContext(s.uid), fsGroupChangePolicy: 'OnRootMismatch' },
          ...scheduling(s.pod),
          containers: [s.container],
          volumes: s.volumes,
        },
      },
      volumeClaimTemplates: [dataVolumeClaim(selector, s.storage, s.storageClassName)],
    },
  });
  const service = manifest<IService>(scope, 'Service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(ctx, component, name, namespace),
    spec: {
      type: 'ClusterIP',
      selector,
      ports: endpoint.ports.map((p) => ({ name: p.name, port: p.servicePort ?? p.containerPort, targetPort: p.name, protocol: p.protocol })),
    },
  });
  return { statefulSet, service };
}
