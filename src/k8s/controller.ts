import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { ResolvedArgoWorkflows } from '../config/resolve';
import { Component, manifest, meta } from './_meta';
import { databaseCa, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { ControllerConfigMap } from './controller-config';
import { ControllerRbac } from './rbac';

export const CONTROLLER_NAME = 'workflow-controller';
export const CONTROLLER_SERVICE_ACCOUNT = 'argo';
export const CONTROLLER_PRIORITY_CLASS = 'workflow-controller';
export const METRICS_PORT = 9090;
/** Pod template annotation with the sha256 of the database settings: a change restarts the controller. */
export const DATABASE_CHECKSUM_ANNOTATION = 'argo-stack.io/database-config-checksum';
export const HEALTH_PORT = 6060;

export interface WorkflowControllerProps {
  readonly plan: ResolvedArgoWorkflows;
}

/**
 * workflow-controller: ServiceAccount `argo`, its RBAC, `workflow-controller-configmap`,
 * PriorityClass `workflow-controller` (1000000) and the Deployment.
 */
export class WorkflowController extends Construct {
  public readonly configMap: ControllerConfigMap;

  constructor(scope: Construct, id: string, props: WorkflowControllerProps) {
    super(scope, id);
    const { plan } = props;
    const c = plan.controller;
    const ns = plan.namespace;
    const selector = { app: CONTROLLER_NAME };
    const ca = databaseCa(plan.persistence?.caCertificate);
    // The controller reloads its configmap live, except the database session, made once at start.
    const db = { persistence: c.config.persistence, synchronization: c.config.synchronization };
    const dbChecksum = db.persistence || db.synchronization ? createHash('sha256').update(JSON.stringify(db)).digest('hex') : undefined;

    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: meta(plan, Component.CONTROLLER, CONTROLLER_SERVICE_ACCOUNT, ns, Object.keys(c.serviceAccountAnnotations).length ? { annotations: { ...c.serviceAccountAnnotations } } : {}),
    });
    new ControllerRbac(this, 'Rbac', { plan });
    this.configMap = new ControllerConfigMap(this, 'Config', { plan });
    manifest<IPriorityClass>(this, 'PriorityClass', {
      apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass',
      metadata: meta(plan, Component.CONTROLLER, CONTROLLER_PRIORITY_CLASS),
      value: 1000000,
    });
    manifest<IDeployment>(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(plan, Component.CONTROLLER, CONTROLLER_NAME, ns),
      spec: {
        replicas: c.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels: { ...selector, 'app.kubernetes.io/component': Component.CONTROLLER, 'app.kubernetes.io/part-of': 'argo-workflows' },
            ...(dbChecksum ? { annotations: { [DATABASE_CHECKSUM_ANNOTATION]: dbChecksum } } : {}),
          },
          spec: {
            serviceAccountName: CONTROLLER_SERVICE_ACCOUNT,
            priorityClassName: CONTROLLER_PRIORITY_CLASS,
            securityContext: restrictedPodSecurityContext(),
            ...scheduling(c),
            containers: [{
              name: CONTROLLER_NAME,
              image: c.image,
              command: ['workflow-controller'],
              args: [...c.args],
              env: [{ name: 'LEADER_ELECTION_IDENTITY', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }, ...ca.env],
              ports: [
                { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
                { name: 'healthz', containerPort: HEALTH_PORT, protocol: 'TCP' },
              ],
              livenessProbe: {
                httpGet: { path: '/healthz', port: HEALTH_PORT, scheme: 'HTTP' },
                failureThreshold: 3, initialDelaySeconds: 90, periodSeconds: 60, timeoutSeconds: 30,
              },
              resources: c.resources,
              securityContext: restrictedContainerSecurityContext(),
              ...(ca.volumeMounts.length ? { volumeMounts: ca.volumeMounts } : {}),
            }],
            ...(ca.volumes.length ? { volumes: ca.volumes } : {}),
          },
        },
      },
    });
    if (c.replicas > 1) {
      manifest<IPodDisruptionBudget>(this, 'PodDisruptionBudget', {
        apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
        metadata: meta(plan, Component.CONTROLLER, CONTROLLER_NAME, ns),
        spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
      });
    }
  }
}
