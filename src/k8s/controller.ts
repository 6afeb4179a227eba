import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import type { IPriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { EnvVar } from '../config/contributions';
import { CONTROLLER_NAME, CONTROLLER_PRIORITY_CLASS, DATABASE_CHECKSUM_ANNOTATION, ResolvedController } from '../config/controller';
import { portOf } from '../config/endpoints';
import type { ResolvedRbac } from '../config/rbac';
import { Component, K8sContext, manifest, meta } from './_meta';
import { containerPorts, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { deploymentWithPdb, waitContainer } from './_workloads';
import { ControllerConfigMap } from './controller-config';
import { ControllerRbac } from './rbac';

export { CONTROLLER_NAME, CONTROLLER_PRIORITY_CLASS, DATABASE_CHECKSUM_ANNOTATION };
export const CONTROLLER_SERVICE_ACCOUNT = 'argo';

export interface WorkflowControllerProps {
  readonly ctx: K8sContext;
  readonly controller: ResolvedController;
  /** The RBAC profile and the features turned on. @default - upstream, no feature */
  readonly rbac?: ResolvedRbac;
}

/** `LEADER_ELECTION_IDENTITY` (the pod's name; the controller exits without it) or `LEADER_ELECTION_DISABLE`. */
function leaderElectionEnv(on: boolean): EnvVar {
  return on
    ? { name: 'LEADER_ELECTION_IDENTITY', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }
    : { name: 'LEADER_ELECTION_DISABLE', value: 'true' };
}

/**
 * workflow-controller: ServiceAccount `argo`, its RBAC, `workflow-controller-configmap`,
 * PriorityClass `workflow-controller` (1000000, cluster-scoped; only when the plan names it) and
 * the Deployment.
 */
export class WorkflowController extends Construct {
  public readonly configMap: ControllerConfigMap;
  /** The Deployment, for `ApiObject.of(...)`-style patches. */
  public readonly deployment: ApiObject;

  constructor(scope: Construct, id: string, props: WorkflowControllerProps) {
    super(scope, id);
    const { ctx, controller: c } = props;
    const ns = ctx.namespace;
    const healthz = portOf(c.endpoint, 'healthz');

    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: meta(ctx, Component.CONTROLLER, CONTROLLER_SERVICE_ACCOUNT, ns, Object.keys(c.serviceAccountAnnotations).length ? { annotations: { ...c.serviceAccountAnnotations } } : {}),
    });
    new ControllerRbac(this, 'Rbac', { ctx, secrets: c.secrets, access: c.apiAccess, rbac: props.rbac });
    this.configMap = new ControllerConfigMap(this, 'Config', { ctx, config: c.config });
    if (c.priorityClassName !== undefined && c.createPriorityClass) {
      manifest<IPriorityClass>(this, 'PriorityClass', {
        apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass',
        metadata: meta(ctx, Component.CONTROLLER, c.priorityClassName),
        value: 1000000,
      });
    }
    this.deployment = deploymentWithPdb(this, ctx, Component.CONTROLLER, {
      name: CONTROLLER_NAME,
      replicas: c.replicas,
      strategy: c.strategy,
      ...(c.disruptionBudget ? { disruptionBudget: c.disruptionBudget } : {}),
      selector: c.endpoint.selector,
      podLabels: { ...c.pod.labels, ...c.podLabels },
      podAnnotations: { ...c.podAnnotations, ...c.pod.annotations },
      spec: {
        serviceAccountName: CONTROLLER_SERVICE_ACCOUNT,
        ...(c.priorityClassName !== undefined ? { priorityClassName: c.priorityClassName } : {}),
        securityContext: restrictedPodSecurityContext(),
        ...scheduling(c),
        initContainers: [waitContainer(c.startup)],
        containers: [{
          name: CONTROLLER_NAME,
          image: c.image,
          command: ['workflow-controller'],
          args: [...c.args],
          env: [leaderElectionEnv(c.leaderElection), ...c.pod.env, ...c.extraEnv.map((e) => ({ ...e }))],
          ports: containerPorts(c.endpoint),
          livenessProbe: {
            httpGet: { path: '/healthz', port: healthz.containerPort, scheme: healthz.scheme },
            failureThreshold: 3, initialDelaySeconds: 90, periodSeconds: 60, timeoutSeconds: 30,
          },
          resources: c.resources,
          securityContext: restrictedContainerSecurityContext(),
          ...(c.pod.volumeMounts.length ? { volumeMounts: c.pod.volumeMounts } : {}),
        }],
        ...(c.pod.volumes.length ? { volumes: c.pod.volumes } : {}),
      },
    });
  }
}
