/**
 * The options that close the Helm chart's gaps: `server.autoscaling` (a HorizontalPodAutoscaler,
 * no fixed replicas, the PodDisruptionBudget after minReplicas), `extraArgs`/`extraEnv` checked
 * against Argo v4.1.2, and `priorityClassName` for argo-server and the controller. Exact fields
 * and exact messages.
 */
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { bad, expectInvalid } from '../config/_helpers';
import { container, find, ofKind, stdLabels, synthObjects } from '../util';

const HPA_OPTIONS = { minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 80, targetMemoryUtilizationPercentage: 90 };

describe('server.autoscaling', () => {
  const objs = synthObjects({ server: { autoscaling: HPA_OPTIONS } });

  test('a HorizontalPodAutoscaler argo-server, every field, valid autoscaling/v2', () => {
    const hpa = find(objs, 'HorizontalPodAutoscaler', 'argo-server', 'argo');
    expect(hpa).toEqual({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'argo-server', namespace: 'argo', labels: stdLabels('argo-server') },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'argo-server' },
        minReplicas: 2, maxReplicas: 6,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 90 } } },
        ],
      },
    });
    expect(() => new HorizontalPodAutoscaler(hpa as never).validate()).not.toThrow();
  });

  test('the Deployment has no replicas; the PodDisruptionBudget follows minReplicas', () => {
    const d = find(objs, 'Deployment', 'argo-server', 'argo');
    expect(d.spec).not.toHaveProperty('replicas');
    expect(() => new Deployment(d as never).validate()).not.toThrow();
    expect(find(objs, 'PodDisruptionBudget', 'argo-server', 'argo').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'argo-server' } } });
    const withMin = synthObjects({ server: { autoscaling: HPA_OPTIONS, podDisruptionBudget: { minAvailable: 1 } } });
    expect(find(withMin, 'PodDisruptionBudget', 'argo-server', 'argo').spec.minAvailable).toBe(1);
  });

  test('one CPU target only; maxReplicas 1 makes no PodDisruptionBudget', () => {
    const one = synthObjects({ server: { autoscaling: { minReplicas: 1, maxReplicas: 1, targetCPUUtilizationPercentage: 50 } } });
    expect(find(one, 'HorizontalPodAutoscaler', 'argo-server', 'argo').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
    ]);
    expect(ofKind(one, 'PodDisruptionBudget').filter((p) => p.metadata.name === 'argo-server')).toEqual([]);
  });

  test('without it: no HorizontalPodAutoscaler, replicas as before', () => {
    const plain = synthObjects({});
    expect(ofKind(plain, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(find(plain, 'Deployment', 'argo-server', 'argo').spec.replicas).toBe(1);
  });

  const scaled = (a: unknown, more: Record<string, unknown> = {}): ArgoWorkflowsProps => ({ server: bad({ autoscaling: a, ...more }) });
  test.each<[string, ArgoWorkflowsProps, string]>([
    ['replicas with it', scaled({ minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 80 }, { replicas: 2 }),
      'server.replicas is 2 and server.autoscaling is set: the HorizontalPodAutoscaler sets the number of argo-server pods. Fix: remove server.replicas, and set server.autoscaling.minReplicas to the fewest pods you want'],
    ['min above max', scaled({ minReplicas: 5, maxReplicas: 4, targetCPUUtilizationPercentage: 80 }),
      'server.autoscaling.minReplicas 5 is more than server.autoscaling.maxReplicas 4. Fix: set server.autoscaling.maxReplicas to 5 or more, or lower server.autoscaling.minReplicas'],
    ['no target', scaled({ minReplicas: 1, maxReplicas: 4 }),
      'server.autoscaling {"minReplicas":1,"maxReplicas":4} is invalid: it needs at least one target: targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage. Fix: add targetCPUUtilizationPercentage: 80 (the average CPU use, in percent of the request, to scale at)'],
    ['utilization 0', scaled({ minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 0 }),
      'server.autoscaling.targetCPUUtilizationPercentage 0 is invalid: it must be a whole number of at least 1. Fix: use a whole number of percent from 1 to 100, e.g. 80'],
    ['maxReplicas 101', scaled({ minReplicas: 1, maxReplicas: 101, targetCPUUtilizationPercentage: 50 }),
      'server.autoscaling.maxReplicas 101 is invalid: it must be a whole number of at most 100. Fix: use a whole number from 1 to 100'],
    ['minAvailable against minReplicas', scaled({ minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 50 }, { podDisruptionBudget: { minAvailable: 2 } }),
      'server.podDisruptionBudget.minAvailable 2 is not less than server.autoscaling.minReplicas 2: the PodDisruptionBudget would refuse every eviction, so no node running one of its pods could be drained. Fix: set server.podDisruptionBudget.minAvailable to 1 or less, or raise server.autoscaling.minReplicas above 2'],
  ])('%s', (_name, props, message) => expectInvalid(() => resolveArgoWorkflows(props), message));
});

describe('extraArgs and extraEnv', () => {
  const objs = synthObjects({
    controller: { extraArgs: ['--gloglevel=2', '--executor-plugins'], extraEnv: { DEFAULT_REQUEUE_TIME: '20s' } },
    server: { extraArgs: ['--event-worker-count=8'], extraEnv: { GRPC_MESSAGE_SIZE: '209715200', IP_KEY_FUNC_HEADERS: 'X-Forwarded-For' } },
  });

  test('appended after argo-stack\'s own args and env', () => {
    const c = container(find(objs, 'Deployment', 'workflow-controller', 'argo'));
    expect(c.args.slice(-2)).toEqual(['--gloglevel=2', '--executor-plugins']);
    expect(c.env.at(-1)).toEqual({ name: 'DEFAULT_REQUEUE_TIME', value: '20s' });
    const s = container(find(objs, 'Deployment', 'argo-server', 'argo'));
    expect(s.args.at(-1)).toBe('--event-worker-count=8');
    expect(s.env.slice(-2)).toEqual([{ name: 'GRPC_MESSAGE_SIZE', value: '209715200' }, { name: 'IP_KEY_FUNC_HEADERS', value: 'X-Forwarded-For' }]);
    expect(s.env[0]).toEqual({ name: 'ARGO_BASE_HREF', value: '/' });
  });

  test.each<[string, ArgoWorkflowsProps, string]>([
    ['a flag Argo v4.1.2 does not have', { server: { extraArgs: ['--event-worker-cont=8'] } },
      'server.extraArgs[0] "--event-worker-cont=8" is invalid: --event-worker-cont is not a flag of Argo v4.1.2\'s argo server (did you mean --event-worker-count?). Fix: use one of --gloglevel, --event-operation-queue-size, --event-worker-count, --event-async-dispatch, --allowed-link-protocol, --kube-api-qps, --kube-api-burst, or the typed option of the others'],
    ['a flag with a typed option', { controller: { extraArgs: ['--qps=50'] } },
      'controller.extraArgs[0] is "--qps=50", but argo-stack sets --qps itself or has a typed option for it. Fix: remove it and use controller.kubeApiQps'],
    ['a flag argo-stack sets', { server: { extraArgs: ['--secure=false'] } },
      'server.extraArgs[0] is "--secure=false", but argo-stack sets --secure itself or has a typed option for it. Fix: remove it and use server.tls (ServerTls.plainText() for plain HTTP)'],
    ['a Kubernetes client flag', { controller: { extraArgs: ['--kubeconfig=/x'] } },
      'controller.extraArgs[0] is "--kubeconfig=/x", but --kubeconfig is a Kubernetes client flag: argo-stack runs the binary in its own cluster with its own service account. Fix: remove it'],
    ['a value of the wrong kind', { server: { extraArgs: ['--event-worker-count=many'] } },
      'server.extraArgs[0] "--event-worker-count=many" is invalid: the value of --event-worker-count must be a whole number. Fix: write it as "--event-worker-count=<a whole number>"'],
    ['a value after a space', { server: { extraArgs: ['--event-worker-count 8'] } },
      'server.extraArgs[0] "--event-worker-count 8" is invalid: it must be one long-form flag "--flag=value" (or "--flag" for a boolean), its value after "=". Fix: write it as "--event-worker-count=8"'],
    ['not a list', { server: { extraArgs: bad('--event-worker-count=8') } },
      'server.extraArgs "--event-worker-count=8" is invalid: it must be a list of "--flag=value" strings. Fix: write it as ["--event-worker-count=8"]'],
    ['a variable argo-stack sets', { server: { extraEnv: { ARGO_BASE_HREF: '/x/' } } },
      'server.extraEnv["ARGO_BASE_HREF"] sets ARGO_BASE_HREF, which argo-stack sets itself or has a typed option for. Fix: remove it and use server.baseHref'],
    ['the variable form of a typed flag', { server: { extraEnv: { ARGO_AUTH_MODE: 'server' } } },
      'server.extraEnv["ARGO_AUTH_MODE"] sets ARGO_AUTH_MODE, the variable form of --auth-mode, which argo-stack sets itself or has a typed option for. Fix: remove it and use server.authModes (and the sso option for "sso")'],
    ['leader election', { controller: { extraEnv: { LEADER_ELECTION_DISABLE: 'true' } } },
      'controller.extraEnv["LEADER_ELECTION_DISABLE"] sets LEADER_ELECTION_DISABLE, which argo-stack sets itself or has a typed option for. Fix: remove it and use controller.leaderElection: false'],
    ['a credential by name', { controller: { extraEnv: { DB_PASSWORD: 'x' } } },
      'controller.extraEnv["DB_PASSWORD"] sets DB_PASSWORD, which is named like a credential: its value would be plain text in the Deployment (and in the committed YAML). Fix: keep credentials in a Secret: use the typed option that reads it from one, or add the variable with valueFrom.secretKeyRef in a patch of the output'],
    ['a key by name', { controller: { extraEnv: { SIGNING_KEY: 'x' } } },
      'controller.extraEnv["SIGNING_KEY"] sets SIGNING_KEY, which is named like a credential: its value would be plain text in the Deployment (and in the committed YAML). Fix: keep credentials in a Secret: use the typed option that reads it from one, or add the variable with valueFrom.secretKeyRef in a patch of the output'],
    ['an invalid name', { controller: { extraEnv: { '1X': 'x' } } },
      'controller.extraEnv["1X"] "1X" is invalid: a variable name must be letters, digits and "_", not starting with a digit (at most 128 characters). Fix: rename it, e.g. GRPC_MESSAGE_SIZE'],
    ['a number value', { controller: { extraEnv: bad({ DEFAULT_REQUEUE_TIME: 20 }) } },
      'controller.extraEnv["DEFAULT_REQUEUE_TIME"] 20 is invalid: the value must be a string. Fix: quote it, e.g. DEFAULT_REQUEUE_TIME: "20"'],
  ])('%s', (_name, props, message) => expectInvalid(() => resolveArgoWorkflows(props), message));
});

describe('priorityClassName', () => {
  test('server: the pod runs with the existing class', () => {
    const objs = synthObjects({ server: { priorityClassName: 'platform-high' } });
    expect(find(objs, 'Deployment', 'argo-server', 'argo').spec.template.spec.priorityClassName).toBe('platform-high');
  });

  test('controller: the pod runs with the existing class, and workflow-controller is not created', () => {
    const objs = synthObjects({ controller: { priorityClassName: 'platform-high' } });
    expect(find(objs, 'Deployment', 'workflow-controller', 'argo').spec.template.spec.priorityClassName).toBe('platform-high');
    expect(ofKind(objs, 'PriorityClass')).toEqual([]);
  });

  test.each<[string, ArgoWorkflowsProps, string]>([
    ['with priorityClass', { controller: { priorityClass: true, priorityClassName: 'high' } },
      'controller.priorityClassName is "high" and controller.priorityClass is true: the controller runs with one PriorityClass. Fix: remove controller.priorityClass to use the existing class, or remove controller.priorityClassName to use argo-stack\'s workflow-controller'],
    ['not a DNS subdomain', { server: { priorityClassName: 'High_1' } },
      'server.priorityClassName "High_1" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "high-1"'],
  ])('%s', (_name, props, message) => expectInvalid(() => resolveArgoWorkflows(props), message));
});
