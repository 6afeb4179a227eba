import { Testing } from 'cdk8s';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import type { PersistenceOptions } from '../../src/config/persistence/options';
import { resolvePersistence } from '../../src/config/persistence/persistence';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { InClusterDatabase } from '../../src/k8s/database';
import { checkManifests } from '../../src/policy';
import { container, find, K8sObject, key, RESTRICTED_CONTAINER, stdLabels } from '../util';

/** Synthesizes only the database of a plan and its persistence options. */
function synthDatabase(persistence: PersistenceOptions, props: ArgoWorkflowsProps = {}): K8sObject[] {
  const plan = resolveArgoWorkflows(props);
  const feature = resolvePersistence(persistence, { namespace: plan.namespace })!;
  const chart = Testing.chart();
  new InClusterDatabase(chart, 'db', { ctx: plan, database: feature.resolved.database!, endpoint: feature.contributes.endpoints![0] });
  return Testing.synth(chart) as K8sObject[];
}

const restrictedPod = (uid: number) => ({
  runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
});
const DEFAULT_RESOURCES = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } };
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|CREDENTIAL/;

/** Validates every object with kubernetes-models. */
function validateAll(objs: K8sObject[]): void {
  for (const o of objs) {
    if (o.kind === 'StatefulSet') new StatefulSet(o as never).validate();
    else if (o.kind === 'Service') new Service(o as never).validate();
    else if (o.kind === 'ServiceAccount') new ServiceAccount(o as never).validate();
    else throw new Error(`unexpected ${o.kind}`);
  }
}

/**
 * The env vars with a secret-looking name, over every container of every object, are exactly
 * `expected` (`[object, container, env var]`): each reads a Secret key, none has a literal value.
 */
function expectSecretEnv(objs: K8sObject[], expected: [string, string, object][]): void {
  const found = objs.flatMap((o) => (o.spec?.template?.spec?.containers ?? []).flatMap((c: { name: string; env?: { name: string }[] }) =>
    (c.env ?? []).filter((e) => SECRET_NAME.test(e.name)).map((e) => [key(o), c.name, e])));
  expect(found).toEqual(expected);
}
const secretEnv = (name: string, secret: string, secretKey: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key: secretKey } } });

describe('InClusterDatabase: PostgreSQL with defaults', () => {
  const objs = synthDatabase({ postgres: { inCluster: {} } });
  const LABELS = stdLabels('postgres');

  test('exactly a ServiceAccount, a StatefulSet and a Service', () => {
    expect(objs.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'ServiceAccount argo/postgres', 'StatefulSet argo/postgres', 'Service argo/postgres',
    ]);
  });

  test('ServiceAccount postgres without a token', () => {
    expect(find(objs, 'ServiceAccount', 'postgres', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'postgres', namespace: 'argo', labels: LABELS }, automountServiceAccountToken: false,
    });
  });

  test('StatefulSet postgres, every field', () => {
    expect(find(objs, 'StatefulSet', 'postgres', 'argo')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'postgres', namespace: 'argo', labels: LABELS },
      spec: {
        serviceName: 'postgres',
        replicas: 1,
        selector: { matchLabels: { app: 'postgres' } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels: { app: 'postgres', 'app.kubernetes.io/component': 'postgres', 'app.kubernetes.io/part-of': 'argo-workflows' } },
          spec: {
            serviceAccountName: 'postgres',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPod(70),
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{
              name: 'postgres',
              image: 'docker.io/library/postgres:16.6-alpine',
              env: [
                { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'argo-postgres-config', key: 'username' } } },
                { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'argo-postgres-config', key: 'password' } } },
                { name: 'POSTGRES_DB', value: 'argo' },
                { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
              ],
              ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }],
              readinessProbe: {
                exec: { command: ['sh', '-c', 'exec pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'] },
                initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3,
              },
              livenessProbe: {
                exec: { command: ['sh', '-c', 'exec pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'] },
                initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6,
              },
              resources: DEFAULT_RESOURCES,
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [
                { name: 'data', mountPath: '/var/lib/postgresql/data' },
                { name: 'run', mountPath: '/var/run/postgresql' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            }],
            volumes: [{ name: 'run', emptyDir: {} }, { name: 'tmp', emptyDir: {} }],
          },
        },
        volumeClaimTemplates: [{
          metadata: { name: 'data', labels: { app: 'postgres' } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
        }],
      },
    });
  });

  test('Service postgres: ClusterIP, port 5432 named postgres', () => {
    expect(find(objs, 'Service', 'postgres', 'argo')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'postgres', namespace: 'argo', labels: LABELS },
      spec: { type: 'ClusterIP', selector: { app: 'postgres' }, ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres', protocol: 'TCP' }] },
    });
  });

  test('kubernetes-models validation, no literal secret env, no policy findings', () => {
    validateAll(objs);
    expectSecretEnv(objs, [['StatefulSet argo/postgres', 'postgres', secretEnv('POSTGRES_PASSWORD', 'argo-postgres-config', 'password')]]);
    expect(checkManifests(objs)).toEqual([]);
  });

  test('the Service selects the pod template and serves the container port', () => {
    const sts = find(objs, 'StatefulSet', 'postgres', 'argo');
    const svc = find(objs, 'Service', 'postgres', 'argo');
    expect(svc.spec.selector).toEqual({ app: 'postgres' });
    for (const [k, v] of Object.entries(svc.spec.selector)) expect(sts.spec.template.metadata.labels[k]).toBe(v);
    expect(svc.spec.ports).toEqual([{ name: 'postgres', port: 5432, targetPort: 'postgres', protocol: 'TCP' }]);
    expect(container(sts).ports).toEqual([{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }]);
  });

  test('the volume claim template carries no label that could change (it is immutable)', () => {
    const vct = find(objs, 'StatefulSet', 'postgres', 'argo').spec.volumeClaimTemplates[0];
    expect(Object.keys(vct.metadata.labels)).toEqual(['app']);
  });
});

describe('InClusterDatabase: MySQL with defaults', () => {
  const objs = synthDatabase({ mysql: { inCluster: {} } });
  const LABELS = stdLabels('mysql');

  test('ServiceAccount mysql without a token', () => {
    expect(find(objs, 'ServiceAccount', 'mysql', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'mysql', namespace: 'argo', labels: LABELS }, automountServiceAccountToken: false,
    });
  });

  test('StatefulSet mysql, every field', () => {
    expect(find(objs, 'StatefulSet', 'mysql', 'argo')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'mysql', namespace: 'argo', labels: LABELS },
      spec: {
        serviceName: 'mysql',
        replicas: 1,
        selector: { matchLabels: { app: 'mysql' } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels: { app: 'mysql', 'app.kubernetes.io/component': 'mysql', 'app.kubernetes.io/part-of': 'argo-workflows' } },
          spec: {
            serviceAccountName: 'mysql',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPod(999),
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{
              name: 'mysql',
              image: 'docker.io/library/mysql:8.4.3',
              args: ['mysqld', '--datadir=/var/lib/mysql/data'],
              env: [
                { name: 'MYSQL_USER', valueFrom: { secretKeyRef: { name: 'argo-mysql-config', key: 'username' } } },
                { name: 'MYSQL_PASSWORD', valueFrom: { secretKeyRef: { name: 'argo-mysql-config', key: 'password' } } },
                { name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'argo-mysql-config', key: 'password' } } },
                { name: 'MYSQL_DATABASE', value: 'argo' },
              ],
              ports: [{ name: 'mysql', containerPort: 3306, protocol: 'TCP' }],
              readinessProbe: {
                exec: { command: ['mysqladmin', 'ping', '-h', '127.0.0.1'] },
                initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3,
              },
              livenessProbe: {
                exec: { command: ['mysqladmin', 'ping', '-h', '127.0.0.1'] },
                initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6,
              },
              resources: DEFAULT_RESOURCES,
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [
                { name: 'data', mountPath: '/var/lib/mysql' },
                { name: 'run', mountPath: '/var/run/mysqld' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            }],
            volumes: [{ name: 'run', emptyDir: {} }, { name: 'tmp', emptyDir: {} }],
          },
        },
        volumeClaimTemplates: [{
          metadata: { name: 'data', labels: { app: 'mysql' } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
        }],
      },
    });
  });

  test('Service mysql: ClusterIP, port 3306', () => {
    expect(find(objs, 'Service', 'mysql', 'argo')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'mysql', namespace: 'argo', labels: LABELS },
      spec: { type: 'ClusterIP', selector: { app: 'mysql' }, ports: [{ name: 'mysql', port: 3306, targetPort: 'mysql', protocol: 'TCP' }] },
    });
  });

  test('kubernetes-models validation, no literal secret env, no policy findings', () => {
    validateAll(objs);
    expectSecretEnv(objs, [
      ['StatefulSet argo/mysql', 'mysql', secretEnv('MYSQL_PASSWORD', 'argo-mysql-config', 'password')],
      ['StatefulSet argo/mysql', 'mysql', secretEnv('MYSQL_ROOT_PASSWORD', 'argo-mysql-config', 'password')],
    ]);
    expect(checkManifests(objs)).toEqual([]);
  });
});

describe('InClusterDatabase: options', () => {
  const objs = synthDatabase({
    postgres: {
      inCluster: {
        image: 'registry.example.com/postgres:16.6-alpine', storage: '50Gi', storageClassName: 'gp3',
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
        tolerations: [{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }],
      },
      port: 6432, database: 'workflows', secretName: 'db-creds',
    },
  }, { namespace: 'ci', labels: { team: 'data' } });
  const sts = find(objs, 'StatefulSet', 'postgres', 'ci');
  const c = container(sts);

  test('image, resources, scheduling, Secret name and database name', () => {
    expect(c.image).toBe('registry.example.com/postgres:16.6-alpine');
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } });
    expect(sts.spec.template.spec.tolerations).toEqual([{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(c.env).toEqual([
      { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'username' } } },
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password' } } },
      { name: 'POSTGRES_DB', value: 'workflows' },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ]);
  });

  test('storage size and class on the claim; user labels stay off the immutable claim template', () => {
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: { app: 'postgres' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } }, storageClassName: 'gp3' },
    }]);
    expect(sts.metadata.labels).toEqual(stdLabels('postgres', { team: 'data' }));
  });

  test('the Service listens on the configured port and targets the container port 5432', () => {
    expect(find(objs, 'Service', 'postgres', 'ci').spec.ports).toEqual([{ name: 'postgres', port: 6432, targetPort: 'postgres', protocol: 'TCP' }]);
    expect(c.ports).toEqual([{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }]);
  });

  test('kubernetes-models validation and no policy findings', () => {
    validateAll(objs);
    expectSecretEnv(objs, [['StatefulSet ci/postgres', 'postgres', secretEnv('POSTGRES_PASSWORD', 'db-creds', 'password')]]);
    expect(checkManifests(objs)).toEqual([]);
  });
});
