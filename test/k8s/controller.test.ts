import { createHash } from 'node:crypto';
import { Testing } from 'cdk8s';
import { InstallScope, LogFormat, LogLevel } from '../../src/config/options';
import { Credentials } from '../../src/config/credentials';
import { PostgresSslMode } from '../../src/config/persistence/database-options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { WorkflowController } from '../../src/k8s/controller';
import { container, find, ofKind, RESTRICTED_CONTAINER, stdLabels, synthObjects, waitInitContainer } from '../util';

const LABELS = stdLabels('workflow-controller');
const RESTRICTED_POD = { runAsNonRoot: true, runAsUser: 8737, runAsGroup: 8737, fsGroup: 8737, seccompProfile: { type: 'RuntimeDefault' } };

describe('WorkflowController, default cluster install', () => {
  const objs = synthObjects();

  test('ServiceAccount argo in the install namespace', () => {
    expect(find(objs, 'ServiceAccount', 'argo', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo', namespace: 'argo', labels: LABELS },
    });
  });

  test('PriorityClass workflow-controller: value 1000000, cluster-scoped, no globalDefault or description', () => {
    expect(find(objs, 'PriorityClass', 'workflow-controller')).toEqual({
      apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'workflow-controller', labels: LABELS }, value: 1000000,
    });
  });

  test('workflow-controller-configmap holds the derived workflow pod security defaults, every value a string', () => {
    const cm = find(objs, 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(cm.metadata).toEqual({ name: 'workflow-controller-configmap', namespace: 'argo', labels: LABELS });
    expect(cm.data).toEqual({
      executor: [
        'resources:',
        '  limits:',
        '    memory: 512Mi',
        '  requests:',
        '    cpu: 10m',
        '    memory: 64Mi',
        'securityContext:',
        '  allowPrivilegeEscalation: false',
        '  capabilities:',
        '    drop:',
        '      - ALL',
        '  runAsNonRoot: true',
        '  runAsUser: 8737',
        '  seccompProfile:',
        '    type: RuntimeDefault',
      ].join('\n') + '\n',
      mainContainer: [
        'securityContext:',
        '  allowPrivilegeEscalation: false',
        '  capabilities:',
        '    drop:',
        '      - ALL',
        '  runAsNonRoot: true',
        '  seccompProfile:',
        '    type: RuntimeDefault',
      ].join('\n') + '\n',
      workflowDefaults: [
        'spec:',
        '  securityContext:',
        '    runAsNonRoot: true',
        '    runAsUser: 8737',
        '    seccompProfile:',
        '      type: RuntimeDefault',
      ].join('\n') + '\n',
    });
  });

  test('Deployment workflow-controller, every field', () => {
    expect(find(objs, 'Deployment', 'workflow-controller', 'argo')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'workflow-controller', namespace: 'argo', labels: LABELS },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'workflow-controller' } },
        template: {
          metadata: {
            labels: { app: 'workflow-controller', 'app.kubernetes.io/component': 'workflow-controller', 'app.kubernetes.io/part-of': 'argo-workflows' },
          },
          spec: {
            serviceAccountName: 'argo',
            priorityClassName: 'workflow-controller',
            securityContext: RESTRICTED_POD,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            initContainers: [waitInitContainer()],
            containers: [{
              name: 'workflow-controller',
              image: 'quay.io/argoproj/workflow-controller:v4.1.2',
              command: ['workflow-controller'],
              args: ['--executor-image=quay.io/argoproj/argoexec:v4.1.2'],
              env: [{ name: 'LEADER_ELECTION_IDENTITY', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
              ports: [
                { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
                { name: 'healthz', containerPort: 6060, protocol: 'TCP' },
              ],
              livenessProbe: {
                httpGet: { path: '/healthz', port: 6060, scheme: 'HTTP' },
                failureThreshold: 3, initialDelaySeconds: 90, periodSeconds: 60, timeoutSeconds: 30,
              },
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
              securityContext: RESTRICTED_CONTAINER,
            }],
          },
        },
      },
    });
  });

  test('the selector matches the pod template labels', () => {
    const d = find(objs, 'Deployment', 'workflow-controller', 'argo');
    expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
  });

  test('no readiness probe, no volumes, no PodDisruptionBudget with one replica', () => {
    const d = find(objs, 'Deployment', 'workflow-controller', 'argo');
    expect(container(d).readinessProbe).toBeUndefined();
    expect(d.spec.template.spec.volumes).toBeUndefined();
    expect(d.spec.template.spec.tolerations).toBeUndefined();
    expect(ofKind(objs, 'PodDisruptionBudget')).toEqual([]);
  });
});

describe('WorkflowController options', () => {
  test('replicas > 1 adds a PodDisruptionBudget with maxUnavailable 1 on the controller selector', () => {
    const objs = synthObjects({ controller: { replicas: 3 } });
    expect(find(objs, 'Deployment', 'workflow-controller', 'argo').spec.replicas).toBe(3);
    expect(ofKind(objs, 'PodDisruptionBudget')).toHaveLength(1);
    expect(find(objs, 'PodDisruptionBudget', 'workflow-controller', 'argo')).toEqual({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
      metadata: { name: 'workflow-controller', namespace: 'argo', labels: LABELS },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'workflow-controller' } } },
    });
  });

  test('replicas 1 given explicitly: no PodDisruptionBudget', () => {
    expect(ofKind(synthObjects({ controller: { replicas: 1 } }), 'PodDisruptionBudget')).toEqual([]);
  });

  test('namespaced install adds --namespaced; a managed namespace adds --managed-namespace', () => {
    const c1 = container(find(synthObjects({ scope: InstallScope.NAMESPACED }), 'Deployment', 'workflow-controller', 'argo'));
    expect(c1.args).toEqual(['--executor-image=quay.io/argoproj/argoexec:v4.1.2', '--namespaced']);
    const c2 = container(find(synthObjects({ scope: InstallScope.NAMESPACED, managedNamespace: 'wf' }), 'Deployment', 'workflow-controller', 'argo'));
    expect(c2.args).toEqual(['--executor-image=quay.io/argoproj/argoexec:v4.1.2', '--namespaced', '--managed-namespace=wf']);
  });

  test('managedNamespace equal to the install namespace is dropped', () => {
    const c = container(find(synthObjects({ scope: InstallScope.NAMESPACED, managedNamespace: 'argo' }), 'Deployment', 'workflow-controller', 'argo'));
    expect(c.args).toEqual(['--executor-image=quay.io/argoproj/argoexec:v4.1.2', '--namespaced']);
  });

  test('workers, API rate limits and logging become flags, in a fixed order', () => {
    const c = container(find(synthObjects({
      controller: {
        workers: { workflow: 64, workflowTtl: 8, podCleanup: 6, cronWorkflow: 10, workflowArchive: 12 },
        kubeApiQps: 50, kubeApiBurst: 75, logLevel: LogLevel.DEBUG, logFormat: LogFormat.JSON,
      },
    }), 'Deployment', 'workflow-controller', 'argo'));
    expect(c.args).toEqual([
      '--executor-image=quay.io/argoproj/argoexec:v4.1.2',
      '--workflow-workers=64',
      '--workflow-ttl-workers=8',
      '--pod-cleanup-workers=6',
      '--cron-workflow-workers=10',
      '--workflow-archive-workers=12',
      '--qps=50',
      '--burst=75',
      '--loglevel=debug',
      '--log-format=json',
    ]);
  });

  test('resources, nodeSelector and tolerations are passed through', () => {
    const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } };
    const tolerations = [{ key: 'dedicated', operator: 'Equal' as const, value: 'argo', effect: 'NoSchedule' as const }];
    const d = find(synthObjects({ controller: { resources, nodeSelector: { pool: 'system' }, tolerations } }), 'Deployment', 'workflow-controller', 'argo');
    expect(container(d).resources).toEqual(resources);
    expect(d.spec.template.spec.nodeSelector).toEqual({ pool: 'system' });
    expect(d.spec.template.spec.tolerations).toEqual(tolerations);
  });

  test('version and image overrides reach the controller image and --executor-image', () => {
    const c1 = container(find(synthObjects({ version: 'v4.0.10' }), 'Deployment', 'workflow-controller', 'argo'));
    expect(c1.image).toBe('quay.io/argoproj/workflow-controller:v4.0.10');
    expect(c1.args[0]).toBe('--executor-image=quay.io/argoproj/argoexec:v4.0.10');
    const c2 = container(find(synthObjects({
      imageRegistry: 'registry.example.com/mirror',
      images: { executor: 'registry.example.com/argoexec:v4.1.2-nonroot' },
    }), 'Deployment', 'workflow-controller', 'argo'));
    expect(c2.image).toBe('registry.example.com/mirror/workflow-controller:v4.1.2');
    expect(c2.args[0]).toBe('--executor-image=registry.example.com/argoexec:v4.1.2-nonroot');
  });

  test('user config is merged over the derived defaults and rendered as strings', () => {
    const cm = find(synthObjects({ controller: { config: { parallelism: 10, namespaceParallelism: 5 } } }), 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(Object.keys(cm.data)).toEqual(['executor', 'mainContainer', 'namespaceParallelism', 'parallelism', 'workflowDefaults']);
    expect(cm.data.parallelism).toBe('10');
    expect(cm.data.namespaceParallelism).toBe('5');
  });

  test('workflowPodSecurityDefaults: false leaves the configmap without data', () => {
    const cm = find(synthObjects({ controller: { workflowPodSecurityDefaults: false } }), 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(cm).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'workflow-controller-configmap', namespace: 'argo', labels: LABELS },
    });
  });

  test('one workflow service account becomes workflowDefaults.spec.serviceAccountName', () => {
    const cm = find(synthObjects({ workflowNamespaces: [{ name: 'argo' }] }), 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(cm.data.workflowDefaults).toBe([
      'spec:',
      '  securityContext:',
      '    runAsNonRoot: true',
      '    runAsUser: 8737',
      '    seccompProfile:',
      '      type: RuntimeDefault',
      '  serviceAccountName: argo-workflow',
    ].join('\n') + '\n');
  });

  test('ConfigMap checksum is the sha256 of the rendered data', () => {
    const chart = Testing.chart();
    const plan = resolveArgoWorkflows({ controller: { config: { parallelism: 3 } } });
    const wc = new WorkflowController(chart, 'c', { ctx: plan, controller: plan.controller });
    const cm = find(Testing.synth(chart), 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(wc.configMap.data).toEqual(cm.data);
    expect(wc.configMap.checksum).toBe(createHash('sha256').update(JSON.stringify(cm.data)).digest('hex'));
  });
});

describe('database settings checksum on the controller pod template', () => {
  const KEY = 'argo-stack.io/database-config-checksum';
  const checksum = (props: Parameters<typeof synthObjects>[0]) =>
    find(synthObjects(props), 'Deployment', 'workflow-controller', 'argo').spec.template.metadata.annotations?.[KEY];

  test('absent without a database', () => {
    expect(checksum({})).toBeUndefined();
  });

  test('the sha256 of the persistence and synchronization settings', () => {
    const plan = resolveArgoWorkflows({ persistence: { postgres: { inCluster: {} }, synchronization: true } });
    const expected = createHash('sha256').update(JSON.stringify({ persistence: plan.controller.config.persistence, synchronization: plan.controller.config.synchronization })).digest('hex');
    expect(checksum({ persistence: { postgres: { inCluster: {} }, synchronization: true } })).toBe(expected);
  });

  test('changes with the database settings (the session is made once at start), not with other config', () => {
    const base = checksum({ persistence: { postgres: { inCluster: {} } } });
    expect(checksum({ persistence: { postgres: { inCluster: {} }, archiveTTL: '7d' } })).not.toBe(base);
    expect(checksum({ persistence: { postgres: { inCluster: {} } }, controller: { config: { parallelism: 5 } } })).toBe(base);
  });
});

describe('database CA bundle', () => {
  const props = {
    persistence: {
      postgres: {
        host: 'db.example.com', ssl: true, sslMode: PostgresSslMode.VERIFY_FULL, credentials: Credentials.existing(),
        caCertificate: { configMapName: 'db-ca', key: 'bundle.pem' },
      },
    },
  };
  const VOLUME = { name: 'database-ca', configMap: { name: 'db-ca', items: [{ key: 'bundle.pem', path: 'ca.crt' }] } };
  const MOUNT = { name: 'database-ca', mountPath: '/etc/argo-stack/database-ca', readOnly: true };
  const ENV = { name: 'PGSSLROOTCERT', value: '/etc/argo-stack/database-ca/ca.crt' };

  test('the controller and argo-server mount it and point PGSSLROOTCERT at it', () => {
    const objs = synthObjects(props);
    const controller = find(objs, 'Deployment', 'workflow-controller', 'argo').spec.template.spec;
    expect(controller.volumes).toEqual([VOLUME]);
    expect(controller.containers[0].volumeMounts).toEqual([MOUNT]);
    expect(controller.containers[0].env).toContainEqual(ENV);
    const server = find(objs, 'Deployment', 'argo-server', 'argo').spec.template.spec;
    expect(server.volumes).toEqual([{ name: 'tmp', emptyDir: {} }, VOLUME]);
    expect(server.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, MOUNT]);
    expect(server.containers[0].env).toContainEqual(ENV);
  });

  test('nothing without it', () => {
    const controller = find(synthObjects({}), 'Deployment', 'workflow-controller', 'argo').spec.template.spec;
    expect(controller.volumes).toBeUndefined();
    expect(controller.containers[0].volumeMounts).toBeUndefined();
    expect(controller.containers[0].env.map((e: { name: string }) => e.name)).toEqual(['LEADER_ELECTION_IDENTITY']);
  });
});
