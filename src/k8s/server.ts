import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ResolvedAutoscaling } from '../config/autoscaling';
import { portOf } from '../config/endpoints';
import type { ResolvedRbac } from '../config/rbac';
import { ResolvedServer, SERVER_NAME } from '../config/server';
import { Component, K8sContext, manifest, meta } from './_meta';
import { containerPorts, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { deploymentWithPdb, waitContainer } from './_workloads';
import { ServerRbac } from './rbac';

export { SERVER_NAME };
/** Pod template annotation holding the sha256 of workflow-controller-configmap's data. */
export const CONFIG_CHECKSUM_ANNOTATION = 'argo-stack.io/controller-config-checksum';

export interface ArgoServerProps {
  readonly ctx: K8sContext;
  readonly server: ResolvedServer;
  /** sha256 of the controller configmap; argo-server reads it only at start, so a change must roll it. */
  readonly configChecksum: string;
  /** The RBAC profile and the features turned on. @default - upstream, no feature */
  readonly rbac?: ResolvedRbac;
}

/** The HorizontalPodAutoscaler `argo-server` (`autoscaling/v2`), scaling the Deployment on its resource targets. */
function serverAutoscaler(scope: Construct, ctx: K8sContext, a: ResolvedAutoscaling): void {
  manifest<IHorizontalPodAutoscaler>(scope, 'HorizontalPodAutoscaler', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: meta(ctx, Component.SERVER, SERVER_NAME, ctx.namespace),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: SERVER_NAME },
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics: a.targets.map((t) => ({ type: 'Resource', resource: { name: t.resource, target: { type: 'Utilization', averageUtilization: t.averageUtilization } } })),
    },
  });
}

/** argo-server: ServiceAccount, RBAC, Deployment, Service `argo-server` (port `web`, 2746) and, with autoscaling, its HorizontalPodAutoscaler. */
export class ArgoServer extends Construct {
  /** The Deployment and Service, for `ApiObject.of(...)`-style patches. */
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoServerProps) {
    super(scope, id);
    const { ctx, server: s } = props;
    const ns = ctx.namespace;
    const web = portOf(s.endpoint, 'web');
    const probe = { httpGet: { path: '/', port: web.containerPort, scheme: web.scheme } };

    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: meta(ctx, Component.SERVER, SERVER_NAME, ns, Object.keys(s.serviceAccountAnnotations).length ? { annotations: { ...s.serviceAccountAnnotations } } : {}),
    });
    new ServerRbac(this, 'Rbac', { ctx, secrets: s.secrets, access: s.apiAccess, rbac: props.rbac });
    this.service = manifest<IService>(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(ctx, Component.SERVER, SERVER_NAME, ns, Object.keys(s.service.annotations).length ? { annotations: { ...s.service.annotations } } : {}),
      spec: {
        type: s.service.type,
        selector: { ...s.endpoint.selector },
        ports: s.endpoint.ports.map((p) => ({ name: p.name, port: p.servicePort ?? p.containerPort, targetPort: p.containerPort, protocol: p.protocol })),
        ...(s.service.loadBalancerSourceRanges ? { loadBalancerSourceRanges: [...s.service.loadBalancerSourceRanges] } : {}),
        ...(s.service.externalTrafficPolicy ? { externalTrafficPolicy: s.service.externalTrafficPolicy } : {}),
      },
    });
    this.deployment = deploymentWithPdb(this, ctx, Component.SERVER, {
      name: SERVER_NAME,
      ...(s.autoscaling ? {} : { replicas: s.replicas }),
      ...(s.disruptionBudget ? { disruptionBudget: s.disruptionBudget } : {}),
      selector: s.endpoint.selector,
      podLabels: { ...s.pod.labels, ...s.podLabels },
      podAnnotations: { ...s.podAnnotations, [CONFIG_CHECKSUM_ANNOTATION]: props.configChecksum, ...s.pod.annotations },
      spec: {
        serviceAccountName: SERVER_NAME,
        ...(s.priorityClassName !== undefined ? { priorityClassName: s.priorityClassName } : {}),
        securityContext: restrictedPodSecurityContext(),
        ...scheduling(s),
        initContainers: [waitContainer(s.startup)],
        containers: [{
          name: SERVER_NAME,
          image: s.image,
          args: [...s.args],
          env: [...s.env.map((e) => ({ ...e })), ...s.pod.env, ...s.extraEnv.map((e) => ({ ...e }))],
          ports: containerPorts(s.endpoint),
          readinessProbe: { ...probe, initialDelaySeconds: 10, periodSeconds: 20 },
          livenessProbe: { ...probe, initialDelaySeconds: 30, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 },
          resources: s.resources,
          securityContext: restrictedContainerSecurityContext(),
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...s.pod.volumeMounts],
        }],
        volumes: [{ name: 'tmp', emptyDir: {} }, ...s.pod.volumes],
      },
    });
    if (s.autoscaling) serverAutoscaler(this, ctx, s.autoscaling);
  }
}
