/**
 * The plan as data: endpoints and flows of every component, the contributions the composer folds,
 * and the one validation idiom (`Checker`, `resolvePod`) with the same checks for every pod.
 */
import fc from 'fast-check';
import { Checker, nearMiss, typoDistance } from '../../src/config/check';
import { Credentials } from '../../src/config/credentials';
import { Contributions, foldControllerConfig, foldApiAccess, foldNamespaceLabels, foldPod, foldSecretsRead, foldServiceAccountAnnotations, mergeConfig } from '../../src/config/contributions';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { Component, ExternalTarget, isExternalTarget, JobName, portOf } from '../../src/config/endpoints';
import { resolvePod } from '../../src/config/pod';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { Exposure, ServerTls } from '../../src/config/exposure';
import { bad, expectInvalid } from './_helpers';

const QUICK_START = { workflowNamespaces: [{ name: 'argo' }], persistence: { postgres: { inCluster: {} } }, minio: true };

describe('endpoints', () => {
  test('every component the quick-start runs has one, with its selector and named ports', () => {
    expect(resolveArgoWorkflows(QUICK_START).endpoints).toEqual([
      {
        component: Component.CONTROLLER, name: 'workflow-controller', namespace: 'argo', selector: { app: 'workflow-controller' },
        ports: [
          { name: 'metrics', containerPort: 9090, protocol: 'TCP', scheme: 'HTTPS' },
          { name: 'healthz', containerPort: 6060, protocol: 'TCP', scheme: 'HTTP' },
        ],
      },
      {
        component: Component.SERVER, name: 'argo-server', namespace: 'argo', selector: { app: 'argo-server' },
        ports: [{ name: 'web', containerPort: 2746, protocol: 'TCP', scheme: 'HTTPS' }],
      },
      {
        component: Component.POSTGRES, name: 'postgres', namespace: 'argo', selector: { app: 'postgres' },
        ports: [{ name: 'postgres', containerPort: 5432, servicePort: 5432, protocol: 'TCP' }],
      },
      {
        component: Component.MINIO, name: 'minio', namespace: 'argo', selector: { app: 'minio' },
        ports: [
          { name: 'api', containerPort: 9000, protocol: 'TCP', scheme: 'HTTP' },
          { name: 'console', containerPort: 9001, protocol: 'TCP', scheme: 'HTTP' },
        ],
      },
    ]);
  });

  test('argo-server\'s scheme follows server.tls, MinIO\'s follows its TLS', () => {
    const plan = resolveArgoWorkflows({
      server: { tls: ServerTls.plainText() }, workflowNamespaces: [{ name: 'argo' }],
      minio: { tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } } },
      secrets: [{ name: 'minio-ca', keys: ['ca.crt'], credentials: Credentials.existing() }],
    });
    expect(portOf(plan.server!.endpoint, 'web').scheme).toBe('HTTP');
    const minio = plan.endpoints.find((e) => e.component === Component.MINIO)!;
    expect(minio.ports.map((p) => p.scheme)).toEqual(['HTTPS', 'HTTPS']);
  });

  test('an external database and no argo-server leave only the controller', () => {
    const plan = resolveArgoWorkflows({ server: { enabled: false } });
    expect(plan.endpoints.map((e) => e.component)).toEqual([Component.CONTROLLER]);
    // Only the controller and the CRD installer, to the API server (and the controller to DNS).
    expect(plan.flows.map((f) => [f.from, f.to])).toEqual([
      [{ component: Component.CONTROLLER }, { external: ExternalTarget.API_SERVER }],
      [{ component: Component.CONTROLLER }, { external: ExternalTarget.DNS }],
      [{ job: JobName.CRD_INSTALLER }, { external: ExternalTarget.API_SERVER }],
    ]);
  });

  test('an in-cluster MySQL on another port keeps the container port and names the Service port', () => {
    const plan = resolveArgoWorkflows({ persistence: { mysql: { inCluster: {}, port: 3307 } } });
    expect(plan.endpoints.find((e) => e.component === Component.MYSQL)!.ports).toEqual([{ name: 'mysql', containerPort: 3306, servicePort: 3307, protocol: 'TCP' }]);
  });

  test('portOf names a port the endpoint lacks', () => {
    expect(() => portOf(resolveArgoWorkflows().controller.endpoint, 'web')).toThrow('endpoint workflow-controller has no port named web');
  });
});

describe('flows', () => {
  test('the quick-start: the binaries reach the database, workflow pods and argo-server reach MinIO', () => {
    expect(resolveArgoWorkflows({ ...QUICK_START, workflowNamespaces: [{ name: 'argo' }, { name: 'team-a' }] }).flows.filter((f) => !isExternalTarget(f.to))).toEqual([
      { from: { component: Component.CONTROLLER }, to: Component.POSTGRES, port: 'postgres', purpose: 'workflow archive, offloaded node status and synchronization' },
      { from: { component: Component.SERVER }, to: Component.POSTGRES, port: 'postgres', purpose: 'archived workflows in the UI and API' },
      { from: { workflowPods: 'argo' }, to: Component.MINIO, port: 'api', purpose: 'input and output artifacts, logs' },
      { from: { workflowPods: 'team-a' }, to: Component.MINIO, port: 'api', purpose: 'input and output artifacts, logs' },
      { from: { component: Component.SERVER }, to: Component.MINIO, port: 'api', purpose: 'artifacts and archived logs in the UI' },
      { from: { job: JobName.MINIO_BUCKET }, to: Component.MINIO, port: 'api', purpose: 'create the bucket' },
      { from: { job: JobName.MINIO_USERS }, to: Component.MINIO, port: 'api', purpose: 'create the workflow namespaces\' users and policies' },
    ]);
  });

  test('without argo-server, no flow starts at it', () => {
    const flows = resolveArgoWorkflows({ ...QUICK_START, server: { enabled: false } }).flows;
    expect(flows.map((f) => ('component' in f.from ? f.from.component : 'workflowPods' in f.from ? `pods:${f.from.workflowPods}` : 'job' in f.from ? f.from.job : f.from.external))).toEqual([
      'workflow-controller', 'workflow-controller', 'pods:argo', 'pods:argo', 'argo-crd-installer', 'workflow-controller', 'pods:argo',
      'minio-create-bucket', 'minio-create-bucket', 'minio-users', 'minio-users', 'argo-stack-credentials', 'argo-stack-credentials',
    ]);
  });

  test('every flow ends at a port of an endpoint of the plan', () => {
    const plan = resolveArgoWorkflows(QUICK_START);
    for (const f of plan.flows.filter((x) => !isExternalTarget(x.to))) {
      const to = plan.endpoints.find((e) => e.component === f.to);
      expect(to && portOf(to, f.port)).toBeTruthy();
    }
  });
});

describe('contributions are folded into the binaries', () => {
  const ca = { postgres: { host: 'db.example.com', ssl: true, caCertificate: { configMapName: 'rds-ca', key: 'ca.pem' }, credentials: Credentials.existing() } };

  test('the database CA bundle reaches the controller and argo-server pods', () => {
    const plan = resolveArgoWorkflows({ persistence: ca });
    const expected = {
      volumes: [{ name: 'database-ca', configMap: { name: 'rds-ca', items: [{ key: 'ca.pem', path: 'ca.crt' }] } }],
      volumeMounts: [{ name: 'database-ca', mountPath: '/etc/argo-stack/database-ca', readOnly: true }],
      env: [{ name: 'PGSSLROOTCERT', value: '/etc/argo-stack/database-ca/ca.crt' }],
    };
    expect(plan.server!.pod).toEqual({ ...expected, labels: {}, annotations: {} });
    expect(plan.controller.pod).toEqual({ ...expected, labels: {}, annotations: { 'argo-stack.io/database-config-checksum': expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  test('foldPod keeps feature order and only what is meant for the binary', () => {
    const folded = foldPod([
      { pods: [{ to: ['controller'], env: [{ name: 'A', value: '1' }], annotations: { a: '1' }, labels: { l: '1', k: '1' } }] },
      { pods: [{ to: ['server'], env: [{ name: 'B', value: '2' }], labels: { s: '1' } }, { to: ['controller', 'server'], env: [{ name: 'C', value: '3' }], volumes: [{ name: 'v', emptyDir: {} }], labels: { k: '2' } }] },
    ], 'controller');
    expect(folded).toEqual({
      volumes: [{ name: 'v', emptyDir: {} }], volumeMounts: [], env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }], labels: { l: '1', k: '2' }, annotations: { a: '1' },
    });
  });

  test('foldApiAccess keeps the binary\'s rules for one namespace, in feature order', () => {
    const secrets = { apiGroup: '', resources: ['secrets'], verbs: ['create'], purpose: 'p' };
    const all = [
      { apiAccess: [{ ...secrets, by: ['server'] as const }, { ...secrets, by: ['controller'] as const, verbs: ['get'] }] },
      { apiAccess: [{ ...secrets, by: ['server', 'controller'] as const, resources: ['serviceaccounts'], namespace: 'team' }] },
    ];
    expect(foldApiAccess(all, 'server')).toEqual([{ ...secrets, by: ['server'] }]);
    expect(foldApiAccess(all, 'controller')).toEqual([{ ...secrets, by: ['controller'], verbs: ['get'] }]);
    expect(foldApiAccess(all, 'controller', 'team')).toEqual([{ ...secrets, by: ['server', 'controller'], resources: ['serviceaccounts'], namespace: 'team' }]);
  });

  test('foldSecretsRead sorts, removes duplicates and keeps only the binary\'s', () => {
    const all = [{ secretsRead: [{ by: ['controller', 'server'] as const, names: ['z', 'a'] }] }, { secretsRead: [{ by: ['server'] as const, names: ['a', 'm'] }] }];
    expect(foldSecretsRead(all, 'controller')).toEqual(['a', 'z']);
    expect(foldSecretsRead(all, 'server')).toEqual(['a', 'm', 'z']);
  });

  test('foldControllerConfig merges fragments in order, later ones winning on leaves', () => {
    expect(foldControllerConfig([{ controllerConfig: { parallelism: 1, nodeEvents: { enabled: true } } }, {}, { controllerConfig: { parallelism: 2, nodeEvents: { sendAsPod: true } } }]))
      .toEqual({ parallelism: 2, nodeEvents: { enabled: true, sendAsPod: true } });
  });

  test('mergeConfig: the override wins on every leaf it sets and keeps every other key of the base', () => {
    const tree = fc.letrec((tie) => ({
      node: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof({ depthSize: 'small' }, fc.integer(), fc.array(fc.integer(), { maxLength: 2 }), tie('node'))),
    })).node;
    fc.assert(fc.property(tree, tree, (base, over) => {
      const merged = mergeConfig<Record<string, unknown>>(base, over);
      for (const [k, v] of Object.entries(over)) {
        const isObj = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
        if (!isObj(v) || !isObj(base[k])) expect(merged[k]).toEqual(v);
      }
      for (const k of Object.keys(base)) expect(k in merged).toBe(true);
    }));
  });
});

describe('one validation idiom', () => {
  test('Checker names nested paths', () => {
    const c = new Checker('persistence').child('postgres');
    expect(c.at('host')).toBe('persistence.postgres.host');
    expect(new Checker('').at('namespace')).toBe('namespace');
    expect(new Checker('workflowNamespaces').item(2).at('name')).toBe('workflowNamespaces[2].name');
    expectInvalid(() => c.int('port', 1.5, 1, 'use 5432'), 'persistence.postgres.port 1.5 is invalid: it must be a whole number of at least 1. Fix: use 5432');
    expectInvalid(() => c.known({ hots: 'x' }, ['host', 'port']), 'persistence.postgres.hots is not an option argo-stack knows; allowed here: host, port. Fix: rename it to "host"');
  });

  test('resolvePod checks the controller and argo-server the way it checks the database and MinIO', () => {
    expectInvalid(() => resolveArgoWorkflows({ controller: { nodeSelector: bad('linux') } }),
      'controller.nodeSelector "linux" is invalid: it must be an object. Fix: pass an object, e.g. { "kubernetes.io/os": "linux" }');
    expectInvalid(() => resolveArgoWorkflows({ server: { nodeSelector: { 'kubernetes.io/os': 'linux-' } } }),
      'server.nodeSelector["kubernetes.io/os"] "linux-" is invalid: a label value is empty or 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit. Fix: shorten or clean the value, or use an annotation instead');
    expectInvalid(() => resolveArgoWorkflows({ server: { tolerations: bad({ key: 'x' }) } }),
      'server.tolerations {"key":"x"} is invalid: it must be a list of tolerations. Fix: give a list');
    expectInvalid(() => resolveArgoWorkflows({ controller: { resources: bad('1') } }),
      'controller.resources "1" is invalid: it must set requests.cpu, requests.memory and limits.memory. Fix: add them, e.g. {"requests":{"cpu":"100m","memory":"256Mi"},"limits":{"memory":"1Gi"}}');
  });

  test('resolvePod fills in the defaults and copies the node selector', () => {
    const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } };
    const selector = { pool: 'argo' };
    const pod = resolvePod(new Checker('x'), { nodeSelector: selector }, resources);
    expect(pod).toEqual({ resources, nodeSelector: { pool: 'argo' }, podLabels: {}, podAnnotations: {}, imagePullSecrets: [] });
    expect(pod.nodeSelector).not.toBe(selector);
    expect(resolvePod(new Checker('x'), undefined, resources)).toEqual({ resources, nodeSelector: { 'kubernetes.io/os': 'linux' }, podLabels: {}, podAnnotations: {}, imagePullSecrets: [] });
  });

  test('wrong types are errors, never coerced', () => {
    expectInvalid(() => resolveArgoWorkflows({ labels: bad('prod') }), 'labels "prod" is invalid: it must be an object. Fix: pass an object, e.g. { team: "data" }');
    expectInvalid(() => resolveArgoWorkflows({ server: { exposure: Exposure.loadBalancer({ sourceRanges: bad('10.0.0.0/8') }) } }),
      'server.exposure.sourceRanges "10.0.0.0/8" is invalid: it must be a list of CIDRs. Fix: give a list, e.g. ["203.0.113.0/24"]');
    expectInvalid(() => resolveArgoWorkflows({ workflowNamespaces: [bad({ name: 'argo', serviceAccount: 'x' })] }),
      'workflowNamespaces[0].serviceAccount is not an option argo-stack knows; allowed here: name, create, podSecurity, serviceAccountName, serviceAccountAnnotations, workloadIdentity, artifactGCWorkloadIdentity, agent, artifactGC. Fix: remove workflowNamespaces[0].serviceAccount');
    expectInvalid(() => resolveArgoWorkflows({ controller: { serviceAccountAnnotations: bad(['a']) } }),
      'controller.serviceAccountAnnotations ["a"] is invalid: it must be an object. Fix: pass an object, e.g. { "example.com/owner": "data-team" }');
  });
});

describe('contributions to namespaces and service accounts', () => {
  const all: Contributions[] = [
    {
      namespaceLabels: [{ namespace: 'team-a', labels: { a: '1', b: '1' } }, { namespace: 'team-b', labels: { x: '1' } }],
      serviceAccountAnnotations: [{ of: 'server' as const, annotations: { s: '1' } }, { of: { workflowNamespace: 'team-a' }, annotations: { w: '1' } }],
    },
    { namespaceLabels: [{ namespace: 'team-a', labels: { b: '2' } }], serviceAccountAnnotations: [{ of: { workflowNamespace: 'team-a' }, annotations: { w: '2' } }] },
  ];

  test('foldNamespaceLabels: one namespace\'s labels, a later feature winning on a key', () => {
    expect(foldNamespaceLabels(all, 'team-a')).toEqual({ a: '1', b: '2' });
    expect(foldNamespaceLabels(all, 'argo')).toEqual({});
  });

  test('foldServiceAccountAnnotations: by binary or by workflow namespace', () => {
    expect(foldServiceAccountAnnotations(all, 'server')).toEqual({ s: '1' });
    expect(foldServiceAccountAnnotations(all, 'controller')).toEqual({});
    expect(foldServiceAccountAnnotations(all, { workflowNamespace: 'team-a' })).toEqual({ w: '2' });
    expect(foldServiceAccountAnnotations(all, { workflowNamespace: 'team-b' })).toEqual({});
  });

  test('foldSecretsRead keeps the install namespace apart from workflow namespaces', () => {
    const reads = [{ secretsRead: [{ by: ['server'] as const, names: ['db'] }, { by: ['server'] as const, names: ['s3'], namespace: 'argo' }] }];
    expect(foldSecretsRead(reads, 'server')).toEqual(['db']);
    expect(foldSecretsRead(reads, 'server', 'argo')).toEqual(['s3']);
  });

  test('argo-server reads the repositories\' Secrets in each workflow namespace, and none without argo-server', () => {
    const props = {
      workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b' }],
      secrets: [{ name: 's3-cred', keys: ['accessKey', 'secretKey'], credentials: Credentials.existing() }],
      artifactRepositories: { repositories: { s3: ArtifactRepository.s3({ bucket: 'my-bucket', accessKeySecret: { name: 's3-cred', key: 'accessKey' }, secretKeySecret: { name: 's3-cred', key: 'secretKey' } }) } },
    };
    expect(resolveArgoWorkflows(props).workflowNamespaces.map((n) => n.serverSecrets)).toEqual([['s3-cred'], ['s3-cred']]);
    expect(resolveArgoWorkflows({ ...props, server: { enabled: false } }).workflowNamespaces.map((n) => n.serverSecrets)).toEqual([[], []]);
    expect(resolveArgoWorkflows(props).serverSecrets).toEqual([]);
  });
});

describe('the default workflow service account', () => {
  const spec = (props: Parameters<typeof resolveArgoWorkflows>[0]) => resolveArgoWorkflows(props).controller.config.workflowDefaults?.spec;

  test('is the workflow namespaces\' account when they share one; GC pods run as argo-artifact-gc', () => {
    expect(spec({ workflowNamespaces: [{ name: 'a', artifactGC: true }, { name: 'b', artifactGC: true }] })).toMatchObject({ serviceAccountName: 'argo-workflow', artifactGC: { serviceAccountName: 'argo-artifact-gc' } });
  });

  test('artifact GC on some workflow namespaces only is refused: GC pods everywhere would name argo-artifact-gc; long lists are cut', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ name: `t${i}`, artifactGC: i % 2 === 0 }));
    expectInvalid(() => resolveArgoWorkflows({ workflowNamespaces: many }),
      'workflowNamespaces[1].artifactGC is not set for "t1" while "t0", "t2", "t4" and 2 more set it: artifact GC pods of every namespace run as the one default account argo-artifact-gc (workflowDefaults is install-wide), which only namespaces with artifactGC have. Fix: set artifactGC: true on every workflow namespace ("t1", "t3", "t5" and 1 more too), or on none');
    expectInvalid(() => resolveArgoWorkflows({ workflowNamespaces: [{ name: 'a', artifactGC: true }, { name: 'b' }, { name: 'c', artifactGC: true }] }),
      'workflowNamespaces[1].artifactGC is not set for "b" while "a", "c" set it: artifact GC pods of every namespace run as the one default account argo-artifact-gc (workflowDefaults is install-wide), which only namespaces with artifactGC have. Fix: set artifactGC: true on every workflow namespace ("b" too), or on none');
  });

  test('is not set when the namespaces use different accounts', () => {
    expect(spec({ workflowNamespaces: [{ name: 'a' }, { name: 'b', serviceAccountName: 'runner' }] })).not.toHaveProperty('serviceAccountName');
  });

  test('defaultWorkflowServiceAccount: false leaves every Workflow to name its own account', () => {
    const s = spec({ controller: { defaultWorkflowServiceAccount: false }, workflowNamespaces: [{ name: 'a', artifactGC: true }] });
    expect(s).not.toHaveProperty('serviceAccountName');
    expect(s).not.toHaveProperty('artifactGC');
    expectInvalid(() => resolveArgoWorkflows({ controller: { defaultWorkflowServiceAccount: bad('no') } }),
      'controller.defaultWorkflowServiceAccount "no" is invalid: it must be true or false. Fix: give a boolean');
  });
});

describe('did you mean', () => {
  test('nearMiss: same name in another case, or one typo within a quarter of the length', () => {
    expect(nearMiss('Namespace', ['namespace', 'labels'])).toBe('namespace');
    expect(nearMiss('lenght', ['fixed', 'length'])).toBe('length');
    expect(nearMiss('controler', ['controller', 'server'])).toBe('controller');
    expect(nearMiss('namespace', ['name', 'key'])).toBeUndefined();
    expect(nearMiss('ab', ['ac', 'ad'])).toBeUndefined();
  });

  test('typoDistance counts a swap of neighbours as one edit and is symmetric', () => {
    expect(typoDistance('lenght', 'length')).toBe(1);
    fc.assert(fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
      expect(typoDistance(a, b)).toBe(typoDistance(b, a));
      expect(typoDistance(a, a)).toBe(0);
      expect(typoDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
    }));
  });
});
