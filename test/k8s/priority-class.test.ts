/**
 * `controller.priorityClass`: the cluster-scoped PriorityClass `workflow-controller` and the
 * controller pod's `priorityClassName`, both or neither.
 */
import { CrdMode, InstallScope } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { bad, expectInvalid } from '../config/_helpers';
import { find, key, ofKind, RESTRICTED_CONTAINER, stdLabels, synthObjects, waitInitContainer } from '../util';

const LABELS = stdLabels('workflow-controller');
const PRIORITY_CLASS = {
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'workflow-controller', labels: LABELS }, value: 1000000,
};
const podSpec = (objs: ReturnType<typeof synthObjects>) => find(objs, 'Deployment', 'workflow-controller', 'argo').spec.template.spec;

describe('controller.priorityClass', () => {
  test.each([['unset', undefined], ['true', true]])('%s: the PriorityClass, and the pod runs with it', (_name, priorityClass) => {
    const objs = synthObjects({ controller: { priorityClass } });
    expect(ofKind(objs, 'PriorityClass')).toEqual([PRIORITY_CLASS]);
    expect(podSpec(objs).priorityClassName).toBe('workflow-controller');
    expect(resolveArgoWorkflows({ controller: { priorityClass } }).controller.priorityClassName).toBe('workflow-controller');
  });

  test('false: no PriorityClass, and a pod spec without priorityClassName, every field', () => {
    const objs = synthObjects({ controller: { priorityClass: false } });
    expect(ofKind(objs, 'PriorityClass')).toEqual([]);
    expect(podSpec(objs)).toEqual({
      serviceAccountName: 'argo',
      securityContext: { runAsNonRoot: true, runAsUser: 8737, runAsGroup: 8737, fsGroup: 8737, seccompProfile: { type: 'RuntimeDefault' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      initContainers: [waitInitContainer()],
      containers: [{
        name: 'workflow-controller',
        image: 'quay.io/argoproj/workflow-controller:v4.1.2',
        command: ['workflow-controller'],
        args: ['--executor-image=quay.io/argoproj/argoexec:v4.1.2'],
        env: [{ name: 'LEADER_ELECTION_IDENTITY', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
        ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }, { name: 'healthz', containerPort: 6060, protocol: 'TCP' }],
        livenessProbe: {
          httpGet: { path: '/healthz', port: 6060, scheme: 'HTTP' },
          failureThreshold: 3, initialDelaySeconds: 90, periodSeconds: 60, timeoutSeconds: 30,
        },
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
        securityContext: RESTRICTED_CONTAINER,
      }],
    });
    expect(resolveArgoWorkflows({ controller: { priorityClass: false } }).controller).not.toHaveProperty('priorityClassName');
  });

  test('false changes nothing else', () => {
    const withClass = synthObjects().filter((o) => o.kind !== 'PriorityClass');
    const without = synthObjects({ controller: { priorityClass: false } });
    delete find(withClass, 'Deployment', 'workflow-controller', 'argo').spec.template.spec.priorityClassName;
    expect(without).toEqual(withClass);
  });

  test('a namespaced install without CRDs, PriorityClass or namespaces emits nothing cluster-scoped', () => {
    const objs = synthObjects({
      scope: InstallScope.NAMESPACED, crds: CrdMode.NONE, createNamespace: false,
      workflowNamespaces: [{ name: 'argo' }], controller: { priorityClass: false },
    });
    expect(objs.filter((o) => o.metadata.namespace === undefined).map(key)).toEqual([]);
  });

  test('a non-boolean is rejected with the exact message', () => {
    expectInvalid(() => resolveArgoWorkflows({ controller: { priorityClass: bad('no') } }),
      'controller.priorityClass "no" is invalid: it must be true, false or "existing". Fix: use true to create it, "existing" when another install creates it, or false for none');
    expectInvalid(() => resolveArgoWorkflows({ controller: { priorityClass: bad(0) } }),
      'controller.priorityClass 0 is invalid: it must be true, false or "existing". Fix: use true to create it, "existing" when another install creates it, or false for none');
  });
});
