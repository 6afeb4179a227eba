import { createHash } from 'node:crypto';
import { AuthMode, Exposure, InstallScope, LogFormat, LogLevel, ServerTls, TlsVersion } from '../../src/config/options';
import { container, find, K8sObject, ofKind, RESTRICTED_CONTAINER, stdLabels, synthObjects, waitInitContainer } from '../util';

const LABELS = stdLabels('argo-server');
const CHECKSUM = 'argo-stack.io/controller-config-checksum';
const RESTRICTED_POD = { runAsNonRoot: true, runAsUser: 8737, runAsGroup: 8737, fsGroup: 8737, seccompProfile: { type: 'RuntimeDefault' } };

const deployment = (objs: K8sObject[], ns = 'argo') => find(objs, 'Deployment', 'argo-server', ns);
const checksumOf = (objs: K8sObject[]) => deployment(objs).spec.template.metadata.annotations[CHECKSUM];

describe('ArgoServer, defaults', () => {
  const objs = synthObjects();
  const cm = find(objs, 'ConfigMap', 'workflow-controller-configmap', 'argo');

  test('ServiceAccount argo-server', () => {
    expect(find(objs, 'ServiceAccount', 'argo-server', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo-server', namespace: 'argo', labels: LABELS },
    });
  });

  test('Service argo-server: ClusterIP, port web 2746 -> 2746, selector app: argo-server', () => {
    expect(find(objs, 'Service', 'argo-server', 'argo')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'argo-server', namespace: 'argo', labels: LABELS },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'argo-server' },
        ports: [{ name: 'web', port: 2746, targetPort: 2746, protocol: 'TCP' }],
      },
    });
  });

  test('Deployment argo-server, every field', () => {
    expect(deployment(objs)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'argo-server', namespace: 'argo', labels: LABELS },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'argo-server' } },
        template: {
          metadata: {
            labels: { app: 'argo-server', 'app.kubernetes.io/component': 'argo-server', 'app.kubernetes.io/part-of': 'argo-workflows' },
            annotations: { [CHECKSUM]: createHash('sha256').update(JSON.stringify(cm.data)).digest('hex') },
          },
          spec: {
            serviceAccountName: 'argo-server',
            securityContext: RESTRICTED_POD,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            initContainers: [waitInitContainer()],
            containers: [{
              name: 'argo-server',
              image: 'quay.io/argoproj/argocli:v4.1.2',
              args: ['server', '--auth-mode=client', '--secure=true', '--api-rate-limit=1000'],
              env: [{ name: 'ARGO_BASE_HREF', value: '/' }, { name: 'TLS_MIN_VERSION', value: '771' }],
              ports: [{ name: 'web', containerPort: 2746, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/', port: 2746, scheme: 'HTTPS' }, initialDelaySeconds: 10, periodSeconds: 20 },
              livenessProbe: {
                httpGet: { path: '/', port: 2746, scheme: 'HTTPS' }, initialDelaySeconds: 30, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5,
              },
              resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    });
  });

  test('no priorityClassName, no command (the image ENTRYPOINT is argo), no PodDisruptionBudget', () => {
    const d = deployment(objs);
    expect(d.spec.template.spec.priorityClassName).toBeUndefined();
    expect(container(d).command).toBeUndefined();
    expect(ofKind(objs, 'PodDisruptionBudget')).toEqual([]);
  });

  test('Service selector and Deployment selector both match the pod labels', () => {
    const d = deployment(objs);
    expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
    expect(d.spec.template.metadata.labels).toMatchObject(find(objs, 'Service', 'argo-server', 'argo').spec.selector);
  });
});

describe('ArgoServer options', () => {
  test('ServerTls.plainText() serves HTTP: --secure=false and both probes use scheme HTTP', () => {
    const c = container(deployment(synthObjects({ server: { tls: ServerTls.plainText() } })));
    expect(c.args).toEqual(['server', '--auth-mode=client', '--secure=false', '--api-rate-limit=1000']);
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 2746, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 20 });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/', port: 2746, scheme: 'HTTP' });
  });

  test.each([
    ['selfSigned', ServerTls.selfSigned()], ['fromSecret', ServerTls.fromSecret('argo-tls')], ['certManager', ServerTls.certManager({ issuer: 'argo-ca' })],
  ])('ServerTls.%s() keeps HTTPS probes', (_name, tls) => {
    const c = container(deployment(synthObjects({ server: { tls } })));
    expect(c.readinessProbe.httpGet.scheme).toBe('HTTPS');
    expect(c.livenessProbe.httpGet.scheme).toBe('HTTPS');
  });

  test('every flag option becomes one argument, in a fixed order', () => {
    const c = container(deployment(synthObjects({
      server: {
        authModes: [AuthMode.SERVER, AuthMode.CLIENT],
        apiRateLimit: 50,
        xFrameOptions: 'SAMEORIGIN',
        hsts: false,
        accessControlAllowOrigin: 'https://ui.example.com',
        tls: ServerTls.fromSecret('argo-server-tls'),
        logLevel: LogLevel.WARN,
        logFormat: LogFormat.JSON,
      },
    })));
    expect(c.args).toEqual([
      'server',
      '--auth-mode=server',
      '--auth-mode=client',
      '--secure=true',
      '--tls-certificate-secret-name=argo-server-tls',
      '--hsts=false',
      '--api-rate-limit=50',
      '--x-frame-options=SAMEORIGIN',
      '--access-control-allow-origin=https://ui.example.com',
      '--loglevel=warn',
      '--log-format=json',
    ]);
  });

  test('baseHref and tlsMinVersion become ARGO_BASE_HREF and TLS_MIN_VERSION (an integer string)', () => {
    const c = container(deployment(synthObjects({ server: { baseHref: '/argo/', tlsMinVersion: TlsVersion.TLS_1_3 } })));
    expect(c.env).toEqual([{ name: 'ARGO_BASE_HREF', value: '/argo/' }, { name: 'TLS_MIN_VERSION', value: '772' }]);
  });

  test('namespaced install: --namespaced, and --managed-namespace when it differs', () => {
    expect(container(deployment(synthObjects({ scope: InstallScope.NAMESPACED }))).args)
      .toEqual(['server', '--auth-mode=client', '--secure=true', '--api-rate-limit=1000', '--namespaced']);
    expect(container(deployment(synthObjects({ scope: InstallScope.NAMESPACED, managedNamespace: 'wf' }))).args)
      .toEqual(['server', '--auth-mode=client', '--secure=true', '--api-rate-limit=1000', '--namespaced', '--managed-namespace=wf']);
  });

  test('LoadBalancer Service with loadBalancerSourceRanges, keeping the client address (externalTrafficPolicy Local) for the ranges and the NetworkPolicy', () => {
    const svc = find(synthObjects({ server: { exposure: Exposure.loadBalancer({ sourceRanges: ['203.0.113.0/24', '2001:db8::/32'] }) } }), 'Service', 'argo-server', 'argo');
    expect(svc.spec).toEqual({
      type: 'LoadBalancer',
      selector: { app: 'argo-server' },
      ports: [{ name: 'web', port: 2746, targetPort: 2746, protocol: 'TCP' }],
      loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
      externalTrafficPolicy: 'Local',
    });
  });

  test('LoadBalancer without source ranges has no loadBalancerSourceRanges field', () => {
    const svc = find(synthObjects({ server: { exposure: Exposure.loadBalancer() } }), 'Service', 'argo-server', 'argo');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec).not.toHaveProperty('loadBalancerSourceRanges');
    expect(svc.spec).not.toHaveProperty('externalTrafficPolicy');
  });

  test('replicas > 1 adds a PodDisruptionBudget for argo-server only', () => {
    const objs = synthObjects({ server: { replicas: 2 } });
    expect(deployment(objs).spec.replicas).toBe(2);
    expect(ofKind(objs, 'PodDisruptionBudget')).toEqual([{
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
      metadata: { name: 'argo-server', namespace: 'argo', labels: LABELS },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'argo-server' } } },
    }]);
  });

  test('resources, nodeSelector, tolerations and image override', () => {
    const resources = { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '1Gi' } };
    const tolerations = [{ key: 'dedicated', operator: 'Exists' as const, effect: 'NoSchedule' as const }];
    const digest = `quay.io/argoproj/argocli@sha256:${'a'.repeat(64)}`;
    const d = deployment(synthObjects({ images: { server: digest }, server: { resources, nodeSelector: { pool: 'web' }, tolerations } }));
    expect(container(d).image).toBe(digest);
    expect(container(d).resources).toEqual(resources);
    expect(d.spec.template.spec.nodeSelector).toEqual({ pool: 'web' });
    expect(d.spec.template.spec.tolerations).toEqual(tolerations);
  });
});

describe('controller config checksum on the argo-server pod template', () => {
  const base = checksumOf(synthObjects());

  test('is the sha256 of the configmap data', () => {
    const objs = synthObjects({ controller: { config: { parallelism: 7 } } });
    const cm = find(objs, 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(checksumOf(objs)).toBe(createHash('sha256').update(JSON.stringify(cm.data)).digest('hex'));
  });

  test('changes when the controller config changes', () => {
    const a = checksumOf(synthObjects({ controller: { config: { parallelism: 7 } } }));
    const b = checksumOf(synthObjects({ controller: { config: { parallelism: 8 } } }));
    expect(a).not.toBe(base);
    expect(b).not.toBe(base);
    expect(a).not.toBe(b);
    expect(checksumOf(synthObjects({ controller: { workflowPodSecurityDefaults: false } }))).not.toBe(base);
    // The workflow service account is derived into workflowDefaults, so it counts as a config change.
    expect(checksumOf(synthObjects({ workflowNamespaces: [{ name: 'argo' }] }))).not.toBe(base);
  });

  test('does not change when anything else changes', () => {
    expect(checksumOf(synthObjects())).toBe(base);
    expect(checksumOf(synthObjects({ server: { replicas: 3, tls: ServerTls.plainText(), baseHref: '/argo/' } }))).toBe(base);
    expect(checksumOf(synthObjects({ controller: { replicas: 2, logLevel: LogLevel.DEBUG, workers: { workflow: 8 } } }))).toBe(base);
    expect(checksumOf(synthObjects({ labels: { team: 'data' } }))).toBe(base);
    expect(checksumOf(synthObjects({ version: 'v4.0.10' }))).toBe(base);
  });

  test('the same config given in a different key order gives the same checksum', () => {
    const a = checksumOf(synthObjects({ controller: { config: { parallelism: 2, namespaceParallelism: 1 } } }));
    const b = checksumOf(synthObjects({ controller: { config: { namespaceParallelism: 1, parallelism: 2 } } }));
    expect(a).toBe(b);
  });
});

describe('TLS certificate Secret', () => {
  test('argo-server may read exactly its certificate Secret (it reads it at start, or exits)', () => {
    const objs = synthObjects({ server: { tls: ServerTls.fromSecret('argo-tls') } });
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-tls'], verbs: ['get'] },
    ]);
    expect(find(objs, 'RoleBinding', 'argo-server-binding', 'argo').subjects).toEqual([{ kind: 'ServiceAccount', name: 'argo-server', namespace: 'argo' }]);
    expect(container(deployment(objs)).args).toContain('--tls-certificate-secret-name=argo-tls');
  });

  test('together with the database Secret, sorted', () => {
    const objs = synthObjects({
      server: { tls: ServerTls.fromSecret('argo-tls') },
      persistence: { postgres: { inCluster: {} } },
    });
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-postgres-config', 'argo-tls'], verbs: ['get'] },
    ]);
    // The controller does not read the server's certificate.
    expect(find(objs, 'Role', 'argo-role', 'argo').rules[1]).toEqual({ apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-postgres-config'], verbs: ['get'] });
  });
});
