/** Persistence, MinIO, artifact repositories and their Secrets, through the whole ArgoWorkflows construct. */
import { Testing } from 'cdk8s';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parse } from 'yaml';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { Credentials } from '../../src/config/credentials';
import { ValidationError } from '../../src/config/errors';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { InstallScope } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { controllerWorkloadRules, serverWorkloadRules } from '../../src/k8s/_rbac-rules';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { checkManifests } from '../../src/policy';
import { expectInvalid } from '../config/_helpers';
import { find, findJob, K8sObject, key, ofKind, stdLabels, synthObjects } from '../util';

const RBAC = 'rbac.authorization.k8s.io/v1';
const LEASES = { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] };
const CONFIGMAP_READ = { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] };
const getSecrets = (...names: string[]) => ({ apiGroups: [''], resources: ['secrets'], resourceNames: names, verbs: ['get'] });
const DB_SECRET = getSecrets('argo-postgres-config');
const ANNOTATION = 'workflows.argoproj.io/default-artifact-repository';

const PERSISTENCE: ArgoWorkflowsProps = { persistence: { postgres: { inCluster: {} } } };
/** The controller config's `persistence` for the in-cluster PostgreSQL with every default. */
const PERSIST_CONFIG = {
  postgresql: {
    host: 'postgres', port: 5432, database: 'argo', tableName: 'argo_workflows',
    userNameSecret: { name: 'argo-postgres-config', key: 'username' }, passwordSecret: { name: 'argo-postgres-config', key: 'password' },
  },
  archive: true,
  nodeStatusOffLoad: true,
};
/** A valid `controller.config.persistence` written by hand. */
const USER_PERSISTENCE = {
  postgresql: {
    host: 'db.example.com', port: 5432, database: 'argo', tableName: 'argo_workflows',
    userNameSecret: { name: 'db-cred', key: 'username' }, passwordSecret: { name: 'db-cred', key: 'password' },
  },
};

/** An S3 repository reading `accessKey` and `secretKey` from the Secret `name`. */
const s3 = (name: string, bucket: string) => ArtifactRepository.s3({
  bucket, endpoint: 's3.example.com', accessKeySecret: { name, key: 'accessKey' }, secretKeySecret: { name, key: 'secretKey' },
});
const S3_KEYS = ['accessKey', 'secretKey'];
const SEALED = 'A'.repeat(200);
const EXTERNAL = Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/s3' });

/** The config value of one key of the rendered workflow-controller-configmap. */
const configValue = (objs: K8sObject[], k: string, ns = 'argo') => parse(find(objs, 'ConfigMap', 'workflow-controller-configmap', ns).data[k]);
/** Every rule about Secrets in every Role and ClusterRole, in output order. */
const secretRules = (objs: K8sObject[]) => objs.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole')
  .flatMap((r) => (r.rules as { resources: string[] }[]).filter((rule) => rule.resources.includes('secrets')).map((rule) => [key(r), rule]));
const validate = (o: K8sObject) => {
  if (o.kind === 'Role') new Role(o as never).validate();
  else if (o.kind === 'RoleBinding') new RoleBinding(o as never).validate();
  else if (o.kind === 'ConfigMap') new ConfigMap(o as never).validate();
  else throw new Error(`no model for ${key(o)}`);
  return o;
};

describe('persistence: controller config and RBAC', () => {
  test('cluster install: persistence in the controller config, exactly', () => {
    const plan = resolveArgoWorkflows(PERSISTENCE);
    expect(plan.controller.config.persistence).toEqual(PERSIST_CONFIG);
    expect(plan.controller.config.synchronization).toBeUndefined();
    expect(configValue(synthObjects(PERSISTENCE), 'persistence')).toEqual(PERSIST_CONFIG);
  });

  test('cluster install: argo-role and argo-server-role get exactly the database Secret; no other Secret rule besides the agent CA', () => {
    const objs = synthObjects(PERSISTENCE);
    expect(validate(find(objs, 'Role', 'argo-role', 'argo'))).toEqual({
      apiVersion: RBAC, kind: 'Role', metadata: { name: 'argo-role', namespace: 'argo', labels: stdLabels('workflow-controller') }, rules: [LEASES, DB_SECRET],
    });
    expect(validate(find(objs, 'Role', 'argo-server-role', 'argo'))).toEqual({
      apiVersion: RBAC, kind: 'Role', metadata: { name: 'argo-server-role', namespace: 'argo', labels: stdLabels('argo-server') }, rules: [DB_SECRET],
    });
    expect(validate(find(objs, 'RoleBinding', 'argo-server-binding', 'argo'))).toEqual({
      apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'argo-server-binding', namespace: 'argo', labels: stdLabels('argo-server') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argo-server-role' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-server', namespace: 'argo' }],
    });
    expect(secretRules(objs)).toEqual([
      ['Role argo/argo-stack-credentials', { apiGroups: [''], resources: ['secrets'], verbs: ['create'] }],
      ['Role argo/argo-stack-credentials', getSecrets('argo-postgres-config')],
      ['Role argo/argo-role', DB_SECRET],
      ['ClusterRole argo-cluster-role', getSecrets('argo-workflows-agent-ca-certificates')],
      ['Role argo/argo-server-role', DB_SECRET],
    ]);
  });

  test('with synchronization: both keys in the controller config, still only the database Secret', () => {
    const props: ArgoWorkflowsProps = { persistence: { postgres: { inCluster: {} }, synchronization: true } };
    const plan = resolveArgoWorkflows(props);
    const { tableName: _tableName, ...connection } = PERSIST_CONFIG.postgresql;
    expect(plan.controller.config.persistence).toEqual(PERSIST_CONFIG);
    expect(plan.controller.config.synchronization).toEqual({ postgresql: connection, controllerName: 'workflow-controller', enableAPI: true });
    expect(plan.controllerSecrets).toEqual(['argo-postgres-config']);
    expect(plan.serverSecrets).toEqual(['argo-postgres-config']);
    const objs = synthObjects(props);
    expect(find(objs, 'Role', 'argo-role', 'argo').rules).toEqual([LEASES, DB_SECRET]);
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([DB_SECRET]);
  });

  test('namespaced install: the database Secret is added to the merged Roles', () => {
    const props: ArgoWorkflowsProps = { ...PERSISTENCE, scope: InstallScope.NAMESPACED };
    const objs = synthObjects(props);
    expect(configValue(objs, 'persistence')).toEqual(PERSIST_CONFIG);
    expect(validate(find(objs, 'Role', 'argo-role', 'argo')).rules).toEqual([LEASES, DB_SECRET, ...controllerWorkloadRules(false)]);
    expect(validate(find(objs, 'Role', 'argo-server-role', 'argo')).rules).toEqual([...serverWorkloadRules(false), DB_SECRET]);
    expect(ofKind(objs, 'Role').map(key)).toEqual(['Role argo/argo-stack-credentials', 'Role argo/argo-role', 'Role argo/argo-server-role']);
  });

  test('namespaced install with a managed namespace: the database Secret in the install namespace Roles only', () => {
    const props: ArgoWorkflowsProps = { ...PERSISTENCE, scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'wf' }] };
    const objs = synthObjects(props);
    expect(configValue(objs, 'persistence')).toEqual(PERSIST_CONFIG);
    expect(validate(find(objs, 'Role', 'argo-role', 'argo')).rules).toEqual([LEASES, DB_SECRET, CONFIGMAP_READ]);
    expect(validate(find(objs, 'Role', 'argo-server-role', 'argo')).rules).toEqual([CONFIGMAP_READ, DB_SECRET]);
    expect(find(objs, 'Role', 'argo-role', 'wf').rules).toEqual(controllerWorkloadRules(false));
    expect(find(objs, 'Role', 'argo-server-role', 'wf').rules).toEqual(serverWorkloadRules(false));
    // The database Secret stays in the install namespace: no credentials Role in wf.
    expect(resolveArgoWorkflows(props).storage.secrets.map((s) => [s.spec.name, s.namespaces])).toEqual([['argo-postgres-config', ['argo']]]);
    expect(objs.filter((o) => o.metadata.namespace === 'wf' && o.metadata.name.startsWith('argo-stack-credentials'))).toEqual([]);
  });
});

describe('conflicts with controller.config', () => {
  const both = (props: ArgoWorkflowsProps, message: string) => {
    expectInvalid(() => resolveArgoWorkflows(props), message);
    expectInvalid(() => new ArgoWorkflows(Testing.chart(), 'argo', props), message);
  };

  test('persistence and controller.config.persistence', () => {
    both({ ...PERSISTENCE, controller: { config: { persistence: USER_PERSISTENCE } } },
      'persistence is set and so is controller.config.persistence: the database would be configured twice. Fix: remove controller.config.persistence and use the persistence option');
  });

  test('persistence and controller.config.synchronization', () => {
    both({ ...PERSISTENCE, controller: { config: { synchronization: { controllerName: 'mine', enableAPI: true } } } },
      'persistence is set and so is controller.config.synchronization: the database would be configured twice. Fix: remove controller.config.synchronization and use the persistence option');
  });

  test('persistence with both: controller.config.persistence is named', () => {
    both({ ...PERSISTENCE, controller: { config: { persistence: USER_PERSISTENCE, synchronization: { controllerName: 'mine' } } } },
      'persistence is set and so is controller.config.persistence: the database would be configured twice. Fix: remove controller.config.persistence and use the persistence option');
  });

  test('artifactRepository and controller.config.artifactRepository', () => {
    both({ artifactRepository: ArtifactRepository.gcs({ bucket: 'my-bucket' }), controller: { config: { artifactRepository: { gcs: { bucket: 'other-bucket' } } } } },
      'artifactRepository is set and so is controller.config.artifactRepository: the default repository would be configured twice. Fix: remove controller.config.artifactRepository and use the artifactRepository option');
  });

  // controller.config is validated before anything reads from it.
  test('a non-list controller.config.artifactDrivers is a ValidationError naming it', () => {
    expect(() => resolveArgoWorkflows({ controller: { config: { artifactDrivers: {} as never } } }))
      .toThrow(new ValidationError('controller.config.artifactDrivers {} is invalid: it must be a list. Fix: give a list'));
  });
});

describe('artifactRepository: the controller default', () => {
  const repo = ArtifactRepository.s3({ bucket: 'my-bucket', region: 'eu-west-1', useSDKCreds: true, keyFormat: '{{workflow.name}}/{{pod.name}}' });
  const SPEC = { s3: { endpoint: 's3.amazonaws.com', bucket: 'my-bucket', region: 'eu-west-1', useSDKCreds: true, keyFormat: '{{workflow.name}}/{{pod.name}}' } };
  const props: ArgoWorkflowsProps = { artifactRepository: repo, workflowNamespaces: [{ name: 'team-a' }] };
  const objs = synthObjects(props);

  test('lands in the controller config as its spec, exactly', () => {
    expect(repo.spec).toEqual(SPEC);
    expect(resolveArgoWorkflows(props).controller.config.artifactRepository).toEqual(SPEC);
    expect(configValue(objs, 'artifactRepository')).toEqual(SPEC);
  });

  test('no artifact-repositories ConfigMap, no Secret Role when it reads no Secret', () => {
    expect(ofKind(objs, 'ConfigMap').map(key)).toEqual(['ConfigMap argo/workflow-controller-configmap']);
    expect(objs.filter((o) => o.metadata.name === 'argo-server-artifacts')).toEqual([]);
  });

  test('its Secrets are granted to argo-server in the workflow namespaces', () => {
    const withSecret = synthObjects({ ...props, artifactRepository: s3('s3-cred', 'my-bucket'), secrets: [{ name: 's3-cred', keys: S3_KEYS, credentials: Credentials.existing() }] });
    expect(find(withSecret, 'Role', 'argo-server-artifacts', 'team-a').rules).toEqual([getSecrets('s3-cred')]);
    expect(configValue(withSecret, 'artifactRepository')).toEqual(s3('s3-cred', 'my-bucket').spec);
  });
});

describe('artifact repositories in every workflow namespace', () => {
  const team = s3('team-cred', 'team-bucket');
  const logs = ArtifactRepository.gcs({ bucket: 'argo-logs', serviceAccountKeySecret: { name: 'gcs-cred', key: 'key.json' }, archiveLogs: true });
  const props: ArgoWorkflowsProps = {
    namespace: 'ops',
    minio: true,
    workflowNamespaces: [{ name: 'ops' }, { name: 'team-a' }, { name: 'team-b', create: false }],
    artifactRepositories: { repositories: { team, logs }, defaultKey: 'logs' },
    secrets: [
      { name: 'team-cred', keys: S3_KEYS, credentials: Credentials.existing() },
      { name: 'gcs-cred', keys: ['key.json'], credentials: Credentials.sealedSecret({ encryptedData: { 'key.json': SEALED } }) },
    ],
  };
  const objs = synthObjects(props);
  const minio = resolveArgoWorkflows(props).storage.minio!;
  const NAMESPACES = ['ops', 'team-a', 'team-b'];

  test('one artifact-repositories ConfigMap per workflow namespace, with the default annotation and every repository', () => {
    expect(ofKind(objs, 'ConfigMap').filter((o) => o.metadata.name === 'artifact-repositories').map(key))
      .toEqual(NAMESPACES.map((ns) => `ConfigMap ${ns}/artifact-repositories`));
    for (const ns of NAMESPACES) {
      const cm = validate(find(objs, 'ConfigMap', 'artifact-repositories', ns));
      expect(cm.metadata).toEqual({ name: 'artifact-repositories', namespace: ns, annotations: { [ANNOTATION]: 'logs' }, labels: stdLabels('artifact-repositories') });
      // One key per repository (the synthesized JSON sorts keys).
      expect(Object.keys(cm.data)).toEqual(['logs', 'minio', 'team']);
      expect(parse(cm.data.team)).toEqual(team.spec);
      expect(parse(cm.data.logs)).toEqual(logs.spec);
      // Each namespace's own MinIO user, under its own prefix.
      expect(parse(cm.data.minio)).toEqual({
        s3: {
          endpoint: 'minio.ops.svc:9000', bucket: 'my-bucket', insecure: true, keyFormat: `${ns}/{{workflow.name}}/{{pod.name}}`,
          accessKeySecret: { name: `minio-user-${ns}`, key: 'accesskey' }, secretKeySecret: { name: `minio-user-${ns}`, key: 'secretkey' },
        },
      });
      expect(parse(cm.data.minio)).toEqual(minio.tenants.find((t) => t.namespace === ns)!.repository.spec);
    }
  });

  test('Role argo-server-artifacts in every workflow namespace: get on exactly the repositories\' Secrets', () => {
    for (const ns of NAMESPACES) {
      expect(validate(find(objs, 'Role', 'argo-server-artifacts', ns))).toEqual({
        apiVersion: RBAC, kind: 'Role', metadata: { name: 'argo-server-artifacts', namespace: ns, labels: stdLabels('workflow-namespace') },
        rules: [getSecrets('gcs-cred', `minio-user-${ns}`, 'team-cred')],
      });
    }
  });

  test('RoleBinding argo-server-artifacts binds argo-server of the install namespace', () => {
    for (const ns of NAMESPACES) {
      expect(validate(find(objs, 'RoleBinding', 'argo-server-artifacts', ns))).toEqual({
        apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'argo-server-artifacts', namespace: ns, labels: stdLabels('workflow-namespace') },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argo-server-artifacts' },
        subjects: [{ kind: 'ServiceAccount', name: 'argo-server', namespace: 'ops' }],
      });
    }
    expect(ofKind(objs, 'Role').filter((o) => o.metadata.name === 'argo-server-artifacts')).toHaveLength(3);
  });

  test('the database Secret is not granted in the workflow namespaces', () => {
    const withDb = synthObjects({ ...props, ...PERSISTENCE });
    for (const ns of NAMESPACES) expect(find(withDb, 'Role', 'argo-server-artifacts', ns).rules).toEqual([getSecrets('gcs-cred', `minio-user-${ns}`, 'team-cred')]);
    expect(find(withDb, 'Role', 'argo-server-role', 'ops').rules).toEqual([DB_SECRET]);
  });

  test('no argo-server-artifacts with server.enabled: false (the ConfigMaps stay)', () => {
    const noServer = synthObjects({ ...props, server: { enabled: false } });
    expect(noServer.filter((o) => o.metadata.name === 'argo-server-artifacts')).toEqual([]);
    expect(noServer.filter((o) => o.metadata.name === 'artifact-repositories').map(key)).toEqual(NAMESPACES.map((ns) => `ConfigMap ${ns}/artifact-repositories`));
  });

  test('no argo-server-artifacts when no repository reads a Secret', () => {
    const noSecrets = synthObjects({
      workflowNamespaces: [{ name: 'team-a' }],
      artifactRepositories: { repositories: { sdk: ArtifactRepository.s3({ bucket: 'my-bucket', region: 'eu-west-1', useSDKCreds: true }) } },
    });
    expect(noSecrets.filter((o) => o.metadata.name === 'argo-server-artifacts')).toEqual([]);
    expect(find(noSecrets, 'ConfigMap', 'artifact-repositories', 'team-a').metadata.annotations).toEqual({ [ANNOTATION]: 'sdk' });
  });
});

describe('MinIO with a workflow namespace other than the install namespace', () => {
  const props: ArgoWorkflowsProps = { minio: true, workflowNamespaces: [{ name: 'team-a' }] };
  const objs = synthObjects(props);
  const plan = resolveArgoWorkflows(props);
  const CRED_LABELS = stdLabels('credentials');
  const WAVE = { 'argocd.argoproj.io/sync-wave': '-5' };

  test('the endpoint is minio.<namespace>.svc:9000, in the plan and in the ConfigMap', () => {
    expect(plan.storage.minio!.endpoint).toBe('minio.argo.svc:9000');
    expect(parse(find(objs, 'ConfigMap', 'artifact-repositories', 'team-a').data.minio).s3.endpoint).toBe('minio.argo.svc:9000');
    expect(objs.filter((o) => o.metadata.name === 'artifact-repositories').map(key)).toEqual(['ConfigMap team-a/artifact-repositories']);
  });

  test('my-minio-cred stays in the install namespace; the user Secret minio-user-team-a is generated there and copied to the workflow namespace', () => {
    expect(plan.storage.secrets.map((s) => [s.spec.name, s.namespaces])).toEqual([['minio-user-team-a', ['argo', 'team-a']], ['my-minio-cred', ['argo']]]);
    const script: string = findJob(objs, 'argo-stack-credentials', 'argo').spec.template.spec.containers[0].args[0];
    expect(script).toContain('# --- Secret "minio-user-team-a": accesskey (fixed), secretkey (random, 32 characters).\n# Primary namespace "argo"; copied to "team-a".');
    expect(script).toContain('# --- Secret "my-minio-cred": accesskey (random, 32 characters), secretkey (random, 32 characters).\n# Primary namespace "argo".\n');
    expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('the credentials Job has a Role and RoleBinding in both namespaces', () => {
    expect(objs.filter((o) => o.metadata.name.startsWith('argo-stack-credentials')).map(key)).toEqual([
      'NetworkPolicy argo/argo-stack-credentials', 'ServiceAccount argo/argo-stack-credentials',
      'Role argo/argo-stack-credentials', 'RoleBinding argo/argo-stack-credentials',
      'Role team-a/argo-stack-credentials', 'RoleBinding team-a/argo-stack-credentials',
      'ValidatingAdmissionPolicy argo-stack-credentials-argo', 'ValidatingAdmissionPolicyBinding argo-stack-credentials-argo',
      key(findJob(objs, 'argo-stack-credentials', 'argo')),
    ]);
    for (const ns of ['argo', 'team-a']) {
      expect(validate(find(objs, 'Role', 'argo-stack-credentials', ns))).toEqual({
        apiVersion: RBAC, kind: 'Role', metadata: { name: 'argo-stack-credentials', namespace: ns, labels: CRED_LABELS, annotations: WAVE },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }, getSecrets(...(ns === 'argo' ? ['minio-user-team-a', 'my-minio-cred'] : ['minio-user-team-a']))],
      });
      expect(validate(find(objs, 'RoleBinding', 'argo-stack-credentials', ns))).toEqual({
        apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'argo-stack-credentials', namespace: ns, labels: CRED_LABELS, annotations: WAVE },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argo-stack-credentials' },
        subjects: [{ kind: 'ServiceAccount', name: 'argo-stack-credentials', namespace: 'argo' }],
      });
    }
  });

  test('argo-server reads the namespace\'s own user Secret in the workflow namespace, never the root Secret', () => {
    expect(find(objs, 'Role', 'argo-server-artifacts', 'team-a').rules).toEqual([getSecrets('minio-user-team-a')]);
    expect(objs.filter((o) => o.metadata.name === 'argo-server-artifacts').map(key)).toEqual(['Role team-a/argo-server-artifacts', 'RoleBinding team-a/argo-server-artifacts']);
  });

  test('with the install namespace as the only workflow namespace: minio:9000 and everything in one namespace', () => {
    const same = synthObjects({ minio: true, workflowNamespaces: [{ name: 'argo' }] });
    expect(parse(find(same, 'ConfigMap', 'artifact-repositories', 'argo').data.minio).s3.endpoint).toBe('minio:9000');
    expect(same.filter((o) => o.metadata.name.startsWith('argo-stack-credentials')).map((o) => o.metadata.namespace)).toEqual(['argo', 'argo', 'argo', 'argo', undefined, undefined, 'argo']);
  });
});

describe('repository Secrets from an ExternalSecret or existing', () => {
  const props: ArgoWorkflowsProps = {
    workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b' }],
    artifactRepositories: { repositories: { ext: s3('ext-cred', 'bucket-ext'), old: s3('old-cred', 'bucket-old') } },
    secrets: [
      { name: 'ext-cred', keys: S3_KEYS, credentials: EXTERNAL },
      { name: 'old-cred', keys: S3_KEYS, credentials: Credentials.existing() },
    ],
  };
  const objs = synthObjects(props);

  test('one ExternalSecret per workflow namespace, every field; none in the install namespace', () => {
    expect(ofKind(objs, 'ExternalSecret').map(key)).toEqual(['ExternalSecret team-a/ext-cred', 'ExternalSecret team-b/ext-cred']);
    for (const ns of ['team-a', 'team-b']) {
      expect(find(objs, 'ExternalSecret', 'ext-cred', ns)).toEqual({
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'ext-cred', namespace: ns, labels: stdLabels('credentials'), annotations: { 'argocd.argoproj.io/sync-wave': '-5' } },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
          target: { name: 'ext-cred', creationPolicy: 'Owner' },
          data: [
            { secretKey: 'accessKey', remoteRef: { key: 'argo/s3', property: 'accessKey' } },
            { secretKey: 'secretKey', remoteRef: { key: 'argo/s3', property: 'secretKey' } },
          ],
        },
      });
    }
  });

  test('nothing is emitted for the existing Secret: only the ConfigMaps and Roles name it', () => {
    expect(objs.filter((o) => o.metadata.name === 'old-cred')).toEqual([]);
    expect(objs.filter((o) => JSON.stringify(o).includes('old-cred')).map(key)).toEqual([
      'Role team-a/argo-server-artifacts', 'ConfigMap team-a/artifact-repositories',
      'Role team-b/argo-server-artifacts', 'ConfigMap team-b/artifact-repositories',
    ]);
    expect(ofKind(objs, 'SealedSecret')).toEqual([]);
    expect(objs.filter((o) => o.metadata.name.startsWith('argo-stack-credentials'))).toEqual([]);
  });

  test('argo-server reads both', () => {
    for (const ns of ['team-a', 'team-b']) expect(find(objs, 'Role', 'argo-server-artifacts', ns).rules).toEqual([getSecrets('ext-cred', 'old-cred')]);
  });
});

describe.each<[string, ArgoWorkflowsProps]>([
  ['persistence, cluster', PERSISTENCE],
  ['persistence with synchronization, namespaced', { persistence: { postgres: { inCluster: {} }, synchronization: true }, scope: InstallScope.NAMESPACED }],
  ['persistence, namespaced with a managed namespace', { ...PERSISTENCE, scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'wf' }] }],
  ['MinIO across namespaces', { minio: true, workflowNamespaces: [{ name: 'team-a' }] }],
  ['MinIO, server disabled', { minio: true, workflowNamespaces: [{ name: 'argo' }], server: { enabled: false } }],
  ['controller default repository', { artifactRepository: ArtifactRepository.gcs({ bucket: 'my-bucket' }) }],
  ['everything', {
    namespace: 'ops',
    ...PERSISTENCE,
    minio: { credentials: Credentials.generated({ fixed: { accesskey: 'admin' } }) },
    workflowNamespaces: [{ name: 'ops' }, { name: 'team-a' }, { name: 'team-b' }],
    artifactRepository: s3('default-cred', 'bucket-default'),
    artifactRepositories: {
      repositories: { ext: s3('ext-cred', 'bucket-ext'), old: s3('old-cred', 'bucket-old'), gen: s3('gen-cred', 'bucket-gen'), sealed: s3('sealed-cred', 'bucket-sealed') },
      defaultKey: 'gen',
    },
    secrets: [
      { name: 'default-cred', keys: S3_KEYS, credentials: Credentials.existing() },
      { name: 'ext-cred', keys: S3_KEYS, credentials: EXTERNAL },
      { name: 'old-cred', keys: S3_KEYS, credentials: Credentials.existing() },
      { name: 'gen-cred', keys: S3_KEYS, credentials: Credentials.generated() },
      { name: 'sealed-cred', keys: S3_KEYS, credentials: Credentials.sealedSecret({ encryptedData: { accessKey: SEALED, secretKey: SEALED } }) },
    ],
  }],
])('%s: no Secret, no policy error', (_name, props) => {
  const objs = synthObjects(props);

  test('no object is a Secret', () => {
    expect(ofKind(objs, 'Secret')).toEqual([]);
    expect(objs.filter((o) => o.kind === 'Secret' || 'stringData' in o || ('data' in o && o.kind !== 'ConfigMap'))).toEqual([]);
  });

  test('checkManifests reports no errors', () => {
    expect(checkManifests(objs, { parseYaml: parse }).filter((f) => f.level === 'error')).toEqual([]);
  });
});
