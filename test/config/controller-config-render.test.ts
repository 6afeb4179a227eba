import type { ControllerConfig } from '../../src/config/controller-config';
import { parseConfigMapData, prune, renderConfigMapData, renderYaml } from '../../src/config/controller-config/render';
import { CONTROLLER_CONFIG_KEYS, validateControllerConfig } from '../../src/config/controller-config/schema';
import { expectInvalid } from './_helpers';

const pg = {
  host: 'postgres', port: 5432, database: 'postgres', tableName: 'argo_workflows', ssl: true, sslMode: 'require',
  userNameSecret: { name: 'argo-postgres-config', key: 'username' },
  passwordSecret: { name: 'argo-postgres-config', key: 'password' },
} as const;

/** Every one of the 31 top-level keys, with nested lists, maps, numbers, booleans and tricky strings. */
const FULL: ControllerConfig = {
  nodeEvents: { enabled: true, sendAsPod: false },
  workflowEvents: { enabled: false },
  executor: {
    imagePullPolicy: 'IfNotPresent',
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '512Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 8737, seccompProfile: { type: 'RuntimeDefault' } },
    env: [{ name: 'ARGO_DEBUG', value: 'true' }],
    args: ['--gloglevel', '6'],
  },
  mainContainer: { securityContext: { runAsNonRoot: true }, resources: { limits: { cpu: 2 } } },
  kubeConfig: { secretName: 'kubeconfig', secretKey: 'config', volumeName: undefined, mountPath: '/kube/config' },
  artifactRepository: {
    archiveLogs: true,
    s3: {
      endpoint: 'minio:9000', bucket: 'my-bucket', insecure: true, keyFormat: '{{workflow.name}}/{{pod.name}}',
      accessKeySecret: { name: 'my-minio-cred', key: 'accesskey' }, secretKeySecret: { name: 'my-minio-cred', key: 'secretkey' },
    },
  },
  namespace: 'argo',
  instanceID: '10',
  metricsConfig: {
    enabled: true, path: '/metrics', port: 9090, secure: false, metricsTTL: '10m', temporality: 'Cumulative',
    modifiers: { pod_missing: { disabled: true }, operation_duration_seconds: { histogramBuckets: [0.5, 1, 2.5, 10] } },
  },
  telemetryConfig: { enabled: false },
  parallelism: 50,
  namespaceParallelism: 10,
  resourceRateLimit: { limit: 10.5, burst: 20 },
  persistence: {
    postgresql: pg,
    connectionPool: { maxIdleConns: 100, maxOpenConns: 0, connMaxLifetime: '0s' },
    reconnectionConfig: { maxRetries: 5, baseDelaySeconds: 1, maxDelaySeconds: 30, retryMultiple: 2.5 },
    connectionTimeoutSeconds: 5,
    nodeStatusOffLoad: true, archive: true, archiveTTL: '7d', clusterName: 'default', skipMigration: false,
    archiveLabelSelector: { matchLabels: { 'workflows.argoproj.io/archive-strategy': 'always' } },
  },
  links: [
    { name: 'Example Workflow Link', scope: 'workflow', url: 'http://logging-facility?namespace=${metadata.namespace}&workflowName=${metadata.name}&startedAt=${status.startedAt}' },
    { name: 'Chat: #argo', scope: 'chat', url: 'https://chat.example.com/argo', target: '_blank' },
  ],
  columns: [{ name: 'Workflow Completed', type: 'label', key: 'workflows.argoproj.io/completed' }],
  workflowDefaults: {
    metadata: { labels: { team: 'data' }, annotations: { 'example.com/note': 'a: b # not a comment' } },
    spec: {
      serviceAccountName: 'argo-workflow',
      ttlStrategy: { secondsAfterCompletion: 86400 },
      podGC: { strategy: 'OnPodCompletion', deleteDelayDuration: '30s' },
      activeDeadlineSeconds: 3600,
      securityContext: { runAsNonRoot: true, runAsUser: 8737, seccompProfile: { type: 'RuntimeDefault' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
    },
  },
  podSpecLogStrategy: { failedPod: true, allPods: false },
  podGCGracePeriodSeconds: 30,
  podGCDeleteDelayDuration: '5s',
  workflowRestrictions: { templateReferencing: 'Secure' },
  initialDelay: '1m30s',
  images: { 'docker/whalesay:latest': { cmd: ['cowsay'] }, 'alpine:3.19': { entrypoint: ['/bin/sh'], cmd: [] } },
  retentionPolicy: { completed: 10, failed: 3, errored: 3 },
  navColor: '#0f62fe',
  sso: {
    issuer: 'https://dex.example.com/dex', clientId: { name: 'argo-server-sso', key: 'clientID' },
    clientSecret: { name: 'argo-server-sso', key: 'clientSecret' }, scopes: ['groups', 'email'], rbac: { enabled: true }, sessionExpiry: '10h',
  },
  synchronization: {
    postgresql: { ...pg, tableName: undefined }, enableAPI: true, controllerName: 'ctrl-1', limitTableName: 'sync_limit',
    stateTableName: 'sync_state', controllerTableName: 'sync_controller', lockTableName: 'sync_lock',
    pollSeconds: 5, heartbeatSeconds: 60, inactiveControllerSeconds: 300, semaphoreLimitCacheSeconds: 0,
  },
  artifactDrivers: [{ name: 'test', image: 'quay.io/example/driver:v1', connectionTimeoutSeconds: 5 }],
  failedPodRestart: { enabled: true, maxRestarts: 3 },
  disableAgentPodCreation: false,
  initlessPod: { enabled: false },
};

describe('renderConfigMapData', () => {
  it('renders one data key per top-level key, every value a string; objects end with a newline, scalars do not', () => {
    const data = renderConfigMapData(FULL);
    expect(Object.keys(data)).toHaveLength(31);
    expect(new Set(Object.keys(data))).toEqual(new Set(CONTROLLER_CONFIG_KEYS));
    for (const [key, value] of Object.entries(data)) {
      expect([key, typeof value]).toEqual([key, 'string']);
      const v = (FULL as Record<string, unknown>)[key];
      const block = typeof v === 'object' && v !== null && Object.keys(v).length > 0;
      expect([key, value.endsWith('\n')]).toEqual([key, block]);
    }
  });

  it('renders scalars as one YAML scalar: numbers and booleans bare, numeric strings quoted', () => {
    expect(renderConfigMapData({ namespaceParallelism: 10, instanceID: '10', disableAgentPodCreation: false, navColor: '#ff0000', namespace: 'argo' })).toEqual({
      disableAgentPodCreation: 'false',
      instanceID: '"10"',
      namespace: 'argo',
      namespaceParallelism: '10',
      navColor: '"#ff0000"',
    });
  });

  it('keeps instanceID "10" a string through Argo\'s inline parsing', () => {
    const parsed = parseConfigMapData(renderConfigMapData({ instanceID: '10', namespaceParallelism: 10 }));
    expect(parsed).toEqual({ instanceID: '10', namespaceParallelism: 10 });
    expect(typeof parsed.instanceID).toBe('string');
    expect(typeof parsed.namespaceParallelism).toBe('number');
  });

  it('renders objects and lists as block YAML with sorted keys', () => {
    const data = renderConfigMapData({
      metricsConfig: { port: 9090, path: '/metrics', enabled: true },
      retentionPolicy: { failed: 3, completed: 10 },
      links: [{ url: 'https://x.example.com', scope: 'pod', name: 'X' }],
      images: { 'docker/whalesay:latest': { cmd: ['cowsay'] } },
    });
    expect(data).toEqual({
      images: 'docker/whalesay:latest:\n  cmd:\n    - cowsay\n',
      links: '- name: X\n  scope: pod\n  url: https://x.example.com\n',
      metricsConfig: 'enabled: true\npath: /metrics\nport: 9090\n',
      retentionPolicy: 'completed: 10\nfailed: 3\n',
    });
  });

  it('renders an empty object inline as "{}"', () => {
    const data = renderConfigMapData({ nodeEvents: {} });
    expect(data).toEqual({ nodeEvents: '{}' });
    expect(parseConfigMapData(data)).toEqual({ nodeEvents: {} });
  });

  it('does not render undefined values, at any depth', () => {
    expect(renderConfigMapData({ parallelism: undefined, navColor: 'red', persistence: { archive: true, archiveTTL: undefined, nodeStatusOffLoad: true } })).toEqual({
      navColor: 'red',
      persistence: 'archive: true\nnodeStatusOffLoad: true\n',
    });
    expect(renderConfigMapData({})).toEqual({});
  });

  it('is deterministic: data keys sorted, independent of input order', () => {
    const a = renderConfigMapData({ parallelism: 1, images: {}, navColor: 'red', initlessPod: { enabled: true }, instanceID: 'i', initialDelay: '5s' });
    const b = renderConfigMapData({ initialDelay: '5s', instanceID: 'i', initlessPod: { enabled: true }, navColor: 'red', images: {}, parallelism: 1 });
    expect(Object.keys(a)).toEqual(['images', 'initialDelay', 'initlessPod', 'instanceID', 'navColor', 'parallelism']);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(renderConfigMapData(FULL))).toBe(JSON.stringify(renderConfigMapData(JSON.parse(JSON.stringify(FULL)))));
  });

  it('sorts the 31 keys of a full config alphabetically', () => {
    expect(Object.keys(renderConfigMapData(FULL))).toEqual([
      'artifactDrivers', 'artifactRepository', 'columns', 'disableAgentPodCreation', 'executor', 'failedPodRestart', 'images',
      'initialDelay', 'initlessPod', 'instanceID', 'kubeConfig', 'links', 'mainContainer', 'metricsConfig', 'namespace',
      'namespaceParallelism', 'navColor', 'nodeEvents', 'parallelism', 'persistence', 'podGCDeleteDelayDuration',
      'podGCGracePeriodSeconds', 'podSpecLogStrategy', 'resourceRateLimit', 'retentionPolicy', 'sso', 'synchronization',
      'telemetryConfig', 'workflowDefaults', 'workflowEvents', 'workflowRestrictions',
    ]);
  });

  it('does not fold long strings', () => {
    const url = `https://example.com/${'x'.repeat(300)}`;
    expect(renderConfigMapData({ links: [{ name: 'long', scope: 'pod', url }] }).links).toBe(`- name: long\n  scope: pod\n  url: ${url}\n`);
  });

  // Argo parses the configmap with sigs.k8s.io/yaml (go-yaml v2, YAML 1.1), which reads
  // bare yes/no/on/off/y/n as booleans; for a string field it then stores "true"/"false". The renderer
  // renders YAML 1.1 so they are quoted.
  it('quotes YAML 1.1 boolean words so Argo keeps them as strings', () => {
    expect(renderConfigMapData({ instanceID: 'on', workflowDefaults: { metadata: { labels: { backup: 'no' } } } })).toEqual({
      instanceID: '"on"',
      workflowDefaults: 'metadata:\n  labels:\n    backup: "no"\n',
    });
  });
});

/**
 * FULL without the four objects that have a single scalar field (workflowEvents, telemetryConfig,
 * workflowRestrictions, initlessPod): those hit the one-line-object bug below.
 */
const FULL_MULTI_LINE: ControllerConfig = {
  ...FULL,
  workflowEvents: {},
  telemetryConfig: { enabled: false, port: 9091 },
  workflowRestrictions: {},
  initlessPod: {},
};

describe('round trip', () => {
  it('the full configs are valid and set all 31 keys', () => {
    expect(() => validateControllerConfig(FULL)).not.toThrow();
    expect(() => validateControllerConfig(FULL_MULTI_LINE)).not.toThrow();
    expect(Object.keys(FULL_MULTI_LINE)).toHaveLength(31);
  });

  it('parseConfigMapData(renderConfigMapData(c)) deep-equals prune(c) and is still valid', () => {
    const parsed = parseConfigMapData(renderConfigMapData(FULL_MULTI_LINE));
    expect(parsed).toStrictEqual(prune(FULL_MULTI_LINE));
    expect(() => validateControllerConfig(parsed)).not.toThrow();
  });

  it('keeps the types of tricky leaves', () => {
    const parsed = parseConfigMapData(renderConfigMapData(FULL_MULTI_LINE)) as unknown as ControllerConfig;
    expect(parsed.instanceID).toBe('10');
    expect(parsed.navColor).toBe('#0f62fe');
    expect(parsed.resourceRateLimit).toEqual({ limit: 10.5, burst: 20 });
    expect(parsed.persistence?.reconnectionConfig?.retryMultiple).toBe(2.5);
    expect(parsed.links?.[1].name).toBe('Chat: #argo');
    expect(parsed.artifactRepository?.s3?.keyFormat).toBe('{{workflow.name}}/{{pod.name}}');
    expect(parsed.workflowDefaults?.metadata?.annotations).toEqual({ 'example.com/note': 'a: b # not a comment' });
    expect(parsed.images?.['alpine:3.19']).toEqual({ entrypoint: ['/bin/sh'], cmd: [] });
    expect(parsed.executor?.args).toEqual(['--gloglevel', '6']);
    expect('volumeName' in (parsed.kubeConfig ?? {})).toBe(false);
    expect('tableName' in (parsed.synchronization?.postgresql ?? {})).toBe(false);
  });

  // An object with a single scalar field must not render as one line ("enabled: false"): Argo would
  // write it inline as "initlessPod: enabled: false", which is not valid YAML, and the controller and
  // argo-server would exit. Objects keep their trailing newline so Argo indents them.
  it.each<[string, ControllerConfig]>([
    ['initlessPod', { initlessPod: { enabled: true } }],
    ['workflowRestrictions', { workflowRestrictions: { templateReferencing: 'Strict' } }],
    ['metricsConfig.secure only', { metricsConfig: { secure: false } }],
    ['persistence.archive only', { persistence: { archive: true } }],
  ])('round-trips a one-field object (%s)', (_name, config) => {
    expect(parseConfigMapData(renderConfigMapData(config))).toStrictEqual(config);
  });

  it('round-trips the full config, one-field objects included', () => {
    expect(parseConfigMapData(renderConfigMapData(FULL))).toStrictEqual(prune(FULL));
  });
});

describe('parseConfigMapData', () => {
  it('reads a lone "config" key as the whole document', () => {
    expect(parseConfigMapData({ config: 'namespaceParallelism: 10\nmetricsConfig:\n  port: 9090\n' })).toEqual({ namespaceParallelism: 10, metricsConfig: { port: 9090 } });
    expect(parseConfigMapData({ config: '' })).toEqual({});
  });

  it('rejects "config" next to other keys', () => {
    expectInvalid(() => parseConfigMapData({ config: 'parallelism: 1', namespaceParallelism: '10' }),
      'workflow-controller-configmap has a "config" key next to "namespaceParallelism": Argo requires "config" to be the only key. Fix: move every setting into "config" or drop "config"');
    expectInvalid(() => parseConfigMapData({ executor: 'image: x', config: 'parallelism: 1', parallelism: '2' }),
      'workflow-controller-configmap has a "config" key next to "executor", "parallelism": Argo requires "config" to be the only key. Fix: move every setting into "config" or drop "config"');
  });

  it('inlines one-line values and indents multi-line ones, like Argo', () => {
    expect(parseConfigMapData({ namespaceParallelism: '10', instanceID: '"10"', executor: 'resources:\n  requests:\n    cpu: 10m\n' })).toEqual({
      namespaceParallelism: 10, instanceID: '10', executor: { resources: { requests: { cpu: '10m' } } },
    });
    expect(parseConfigMapData({})).toEqual({});
  });
});

describe('prune', () => {
  it('drops undefined recursively and keeps null, false, 0, "" and empty containers', () => {
    expect(prune({ a: undefined, b: null, c: false, d: 0, e: '', f: {}, g: [], h: { i: undefined, j: [{ k: undefined, l: 1 }] } }))
      .toStrictEqual({ b: null, c: false, d: 0, e: '', f: {}, g: [], h: { j: [{ l: 1 }] } });
  });
});

describe('renderYaml', () => {
  it('renders block YAML with sorted keys and without undefined values', () => {
    expect(renderYaml({ s3: { endpoint: 'minio:9000', bucket: 'my-bucket', insecure: undefined }, archiveLogs: true }))
      .toBe('archiveLogs: true\ns3:\n  bucket: my-bucket\n  endpoint: minio:9000\n');
  });
});
