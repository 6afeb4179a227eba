import { Construct } from 'constructs';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ServiceType } from '../config/options';
import type { ResolvedArgoWorkflows, ResolvedServer } from '../config/resolve';
import { Component, manifest, meta } from './_meta';
import { databaseCa, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { ServerRbac } from './rbac';

export const SERVER_NAME = 'argo-server';
export const SERVER_PORT = 2746;
/** Pod template annotation holding the sha256 of workflow-controller-configmap's data. */
export const CONFIG_CHECKSUM_ANNOTATION = 'argo-stack.io/controller-config-checksum';

export interface ArgoServerProps {
  readonly plan: ResolvedArgoWorkflows;
  readonly server: ResolvedServer;
  /** sha256 of the controller configmap; argo-server reads it only at start, so a change must roll it. */
  readonly configChecksum: string;
}

/** argo-server: ServiceAccount, RBAC, Deployment and Service `argo-server` (port `web`, 2746). */
export class ArgoServer extends Construct {
  constructor(scope: Construct, id: string, props: ArgoServerProps) {
    super(scope, id);
    const { plan, server: s } = props;
    const ns = plan.namespace;
    const selector = { app: SERVER_NAME };
    const ca = databaseCa(plan.persistence?.caCertificate);
    const probe = { httpGet: { path: '/', port: SERVER_PORT, scheme: s.secure ? ('HTTPS' as const) : ('HTTP' as const) } };

    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: meta(plan, Component.SERVER, SERVER_NAME, ns, Object.keys(s.serviceAccountAnnotations).length ? { annotations: { ...s.serviceAccountAnnotations } } : {}),
    });
    new ServerRbac(this, 'Rbac', { plan });
    manifest<IService>(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(plan, Component.SERVER, SERVER_NAME, ns),
      spec: {
        type: s.serviceType,
        selector,
        ports: [{ name: 'web', port: SERVER_PORT, targetPort: SERVER_PORT, protocol: 'TCP' }],
        ...(s.serviceType === ServiceType.LOAD_BALANCER && s.loadBalancerSourceRanges ? { loadBalancerSourceRanges: s.loadBalancerSourceRanges } : {}),
      },
    });
    manifest<IDeployment>(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(plan, Component.SERVER, SERVER_NAME, ns),
      spec: {
        replicas: s.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels: { ...selector, 'app.kubernetes.io/component': Component.SERVER, 'app.kubernetes.io/part-of': 'argo-workflows' },
            annotations: { [CONFIG_CHECKSUM_ANNOTATION]: props.configChecksum },
          },
          spec: {
            serviceAccountName: SERVER_NAME,
            securityContext: restrictedPodSecurityContext(),
            ...scheduling(s),
            containers: [{
              name: SERVER_NAME,
              image: s.image,
              args: [...s.args],
              env: [...s.env.map((e) => ({ ...e })), ...ca.env],
              ports: [{ name: 'web', containerPort: SERVER_PORT, protocol: 'TCP' }],
              readinessProbe: { ...probe, initialDelaySeconds: 10, periodSeconds: 20 },
              livenessProbe: { ...probe, initialDelaySeconds: 30, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 },
              resources: s.resources,
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...ca.volumeMounts],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }, ...ca.volumes],
          },
        },
      },
    });
    if (s.replicas > 1) {
      manifest<IPodDisruptionBudget>(this, 'PodDisruptionBudget', {
        apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
        metadata: meta(plan, Component.SERVER, SERVER_NAME, ns),
        spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
      });
    }
  }
}
