import { Duration } from 'cdk8s';
import type { PersistConfig, SyncConfig } from '../../src/config/controller-config';
import { parseConfigMapData, renderConfigMapData } from '../../src/config/controller-config/render';
import { validateControllerConfig } from '../../src/config/controller-config/schema';
import { Credentials, CredentialsKind } from '../../src/config/credentials';
import {
  DatabaseEngine, DEFAULT_DATABASE_RESOURCES, DEFAULT_MYSQL_IMAGE, DEFAULT_POSTGRES_IMAGE, PostgresSslMode,
} from '../../src/config/persistence/database-options';
import type { PersistenceOptions } from '../../src/config/persistence/options';
import { DEFAULT_TABLE_NAME, resolvePersistence as resolvePersistenceFeature } from '../../src/config/persistence/persistence';
import { bad, expectInvalid } from './_helpers';

const CTX = { namespace: 'argo' };
/** The persistence feature's own section of the plan. */
const resolvePersistence = (o: PersistenceOptions | undefined, ctx: typeof CTX) => resolvePersistenceFeature(o, ctx)?.resolved;
const resolve = (o: PersistenceOptions) => resolvePersistence(o, CTX)!;
const fails = (o: unknown, message: string) => expectInvalid(() => resolvePersistence(bad(o), CTX), message);

const PG_SECRETS = {
  userNameSecret: { name: 'argo-postgres-config', key: 'username' },
  passwordSecret: { name: 'argo-postgres-config', key: 'password' },
};
const MYSQL_SECRETS = {
  userNameSecret: { name: 'argo-mysql-config', key: 'username' },
  passwordSecret: { name: 'argo-mysql-config', key: 'password' },
};
const EXT = { host: 'argo-db.example.com', credentials: Credentials.existing() };
const TTL_RULE = 'it must be a whole number with one unit d, h, m or s, like "30d", "12h", "90m" or "0s" (Argo rejects compound or fractional values such as "1h30m", and the controller exits)';
const FACTORIES_FIX = 'use Credentials.generated() (random values created in the cluster), Credentials.existing() (you create the Secret), Credentials.externalSecret({ storeName, remoteKey }) (External Secrets Operator) or Credentials.sealedSecret({ encryptedData }) (Sealed Secrets)';
const SEALED = 'A'.repeat(200);
const EXTERNAL_CREDS_FIX = 'use Credentials.existing() (you create the Secret "argo-postgres-config" with the "username" and "password" keys), Credentials.externalSecret(...) or Credentials.sealedSecret(...)';

/** The rendered controller config must survive Argo's own parsing and its strict key tree. */
function roundTrip(r: { persistence: PersistConfig; synchronization?: SyncConfig }): void {
  const config = { persistence: r.persistence, ...(r.synchronization ? { synchronization: r.synchronization } : {}) };
  validateControllerConfig(config);
  expect(parseConfigMapData(renderConfigMapData(config))).toEqual(JSON.parse(JSON.stringify(config)));
}

describe('resolvePersistence: in-cluster PostgreSQL with every default', () => {
  const r = resolve({ postgres: { inCluster: {} } });

  test('persistence: archive and offloading on, tableName argo_workflows, host postgres:5432, database argo, Secret argo-postgres-config', () => {
    expect(r.persistence).toEqual({
      archive: true,
      nodeStatusOffLoad: true,
      postgresql: { host: 'postgres', port: 5432, database: 'argo', tableName: 'argo_workflows', ...PG_SECRETS },
    });
    expect(r.persistence.postgresql!.ssl).toBeUndefined();
    expect(r.synchronization).toBeUndefined();
    roundTrip(r);
  });

  test('secret: generated, with the fixed user name "argo"', () => {
    expect(r.secret).toEqual({
      name: 'argo-postgres-config',
      keys: ['username', 'password'],
      source: Credentials.generated({ fixed: { username: 'argo' } }),
      description: 'PostgreSQL user name and password for the Argo Workflows archive, read by workflow-controller and argo-server and by the in-cluster PostgreSQL at its first start',
    });
    expect(r.secret.source.kind).toBe(CredentialsKind.GENERATED);
  });

  test('database: postgres 16.6 alpine, uid 70, 10Gi, default resources', () => {
    expect(r.database).toEqual({
      engine: DatabaseEngine.POSTGRES,
      name: 'postgres',
      namespace: 'argo',
      image: 'docker.io/library/postgres:16.6-alpine',
      uid: 70,
      port: 5432,
      containerPort: 5432,
      database: 'argo',
      secretName: 'argo-postgres-config',
      storage: '10Gi',
      replicas: 1,
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      podLabels: {}, podAnnotations: {}, imagePullSecrets: [],
    });
    expect(DEFAULT_POSTGRES_IMAGE).toBe('docker.io/library/postgres:16.6-alpine');
    expect(DEFAULT_MYSQL_IMAGE).toBe('docker.io/library/mysql:8.4.3');
    expect(DEFAULT_TABLE_NAME).toBe('argo_workflows');
    expect(DEFAULT_DATABASE_RESOURCES).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
  });

  test('undefined options: no persistence', () => {
    expect(resolvePersistence(undefined, CTX)).toBeUndefined();
  });
});

describe('resolvePersistence: in-cluster options', () => {
  test('image, storage, class, resources, database, port, secretName, scheduling', () => {
    const r = resolve({
      postgres: {
        inCluster: {
          image: 'registry.example.com/postgres@sha256:' + 'a'.repeat(64), storage: '50Gi', storageClassName: 'gp3',
          resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
          nodeSelector: { pool: 'db' }, tolerations: [{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }],
        },
        port: 6432, database: 'workflows', secretName: 'db-creds', connectionTimeoutSeconds: 10,
      },
    });
    expect(r.persistence).toEqual({
      archive: true,
      nodeStatusOffLoad: true,
      connectionTimeoutSeconds: 10,
      postgresql: {
        host: 'postgres', port: 6432, database: 'workflows', tableName: 'argo_workflows',
        userNameSecret: { name: 'db-creds', key: 'username' }, passwordSecret: { name: 'db-creds', key: 'password' },
      },
    });
    expect(r.database).toEqual({
      engine: DatabaseEngine.POSTGRES, name: 'postgres', namespace: 'argo',
      image: 'registry.example.com/postgres@sha256:' + 'a'.repeat(64), uid: 70, port: 6432, containerPort: 5432,
      database: 'workflows', secretName: 'db-creds', storage: '50Gi', storageClassName: 'gp3', replicas: 1,
      resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
      nodeSelector: { pool: 'db' }, tolerations: [{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }],
      podLabels: {}, podAnnotations: {}, imagePullSecrets: [],
    });
    expect(r.secret.name).toBe('db-creds');
    roundTrip(r);
  });

  test('in-cluster with Credentials.existing(): the user provides the Secret', () => {
    const r = resolve({ postgres: { inCluster: {}, credentials: Credentials.existing() } });
    expect(r.secret.source.kind).toBe(CredentialsKind.EXISTING);
  });

  test('in-cluster MySQL: mysql 8.4.3, uid 999, port 3306, Secret argo-mysql-config', () => {
    const r = resolve({ mysql: { inCluster: {} } });
    expect(r.persistence).toEqual({
      archive: true,
      nodeStatusOffLoad: true,
      mysql: { host: 'mysql', port: 3306, database: 'argo', tableName: 'argo_workflows', ...MYSQL_SECRETS },
    });
    expect(r.database).toEqual({
      engine: DatabaseEngine.MYSQL, name: 'mysql', namespace: 'argo', image: 'docker.io/library/mysql:8.4.3', uid: 999,
      port: 3306, containerPort: 3306, database: 'argo', secretName: 'argo-mysql-config', storage: '10Gi', replicas: 1,
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } }, nodeSelector: { 'kubernetes.io/os': 'linux' },
      podLabels: {}, podAnnotations: {}, imagePullSecrets: [],
    });
    expect(r.secret).toEqual({
      name: 'argo-mysql-config', keys: ['username', 'password'], source: Credentials.generated({ fixed: { username: 'argo' } }),
      description: 'MySQL user name and password for the Argo Workflows archive, read by workflow-controller and argo-server and by the in-cluster MySQL at its first start',
    });
    roundTrip(r);
  });

  test('the namespace comes from the context', () => {
    expect(resolvePersistence({ postgres: { inCluster: {} } }, { namespace: 'ci' })!.database!.namespace).toBe('ci');
  });
});

describe('resolvePersistence: archive settings', () => {
  test.each([
    [Duration.days(30), '30d'],
    [Duration.minutes(90), '90m'],
    [Duration.hours(48), '2d'],
    [Duration.hours(36), '36h'],
    [Duration.seconds(90), '90s'],
    [Duration.millis(120000), '2m'],
    [Duration.seconds(0), '0s'],
    ['7d', '7d'],
    ['24h', '24h'],
    ['0s', '0s'],
  ])('archiveTTL %p is written as %p', (ttl, expected) => {
    const r = resolve({ postgres: { inCluster: {} }, archiveTTL: ttl });
    expect(r.persistence.archiveTTL).toBe(expected);
    roundTrip(r);
  });

  test('every archive option, a connection pool and synchronization skipMigration', () => {
    const r = resolve({
      postgres: { inCluster: {} },
      archive: true,
      archiveTTL: Duration.days(30),
      archiveLabelSelector: { matchLabels: { archive: 'yes' }, matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] },
      nodeStatusOffLoad: false,
      connectionPool: { maxIdleConns: 10, maxOpenConns: 20, connMaxLifetime: Duration.minutes(30) },
      clusterName: 'prod-eu',
      skipMigration: true,
      tableName: 'wf_archive',
    });
    expect(r.persistence).toEqual({
      archive: true,
      archiveTTL: '30d',
      archiveLabelSelector: { matchLabels: { archive: 'yes' }, matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] },
      nodeStatusOffLoad: false,
      connectionPool: { maxIdleConns: 10, maxOpenConns: 20, connMaxLifetime: '30m' },
      clusterName: 'prod-eu',
      skipMigration: true,
      postgresql: { host: 'postgres', port: 5432, database: 'argo', tableName: 'wf_archive', ...PG_SECRETS },
    });
    roundTrip(r);
  });

  test('archive: false keeps offloading only', () => {
    const r = resolve({ postgres: { inCluster: {} }, archive: false });
    expect(r.persistence.archive).toBe(false);
    expect(r.persistence.nodeStatusOffLoad).toBe(true);
  });

  test('connMaxLifetime as a string, pool of zeros', () => {
    expect(resolve({ postgres: { inCluster: {} }, connectionPool: { maxIdleConns: 0, maxOpenConns: 0, connMaxLifetime: '0s' } }).persistence.connectionPool)
      .toEqual({ maxIdleConns: 0, maxOpenConns: 0, connMaxLifetime: '0s' });
  });
});

describe('resolvePersistence: your own PostgreSQL', () => {
  test('ssl with sslMode verify-full and existing credentials', () => {
    const r = resolve({ postgres: { ...EXT, port: 5433, database: 'argo_prod', ssl: true, sslMode: PostgresSslMode.VERIFY_FULL } });
    expect(r.persistence).toEqual({
      archive: true,
      nodeStatusOffLoad: true,
      postgresql: {
        host: 'argo-db.example.com', port: 5433, database: 'argo_prod', tableName: 'argo_workflows', ssl: true, sslMode: 'verify-full', ...PG_SECRETS,
      },
    });
    expect(r.database).toBeUndefined();
    expect(r.secret).toEqual({
      name: 'argo-postgres-config', keys: ['username', 'password'], source: Credentials.existing(),
      description: 'PostgreSQL user name and password for the Argo Workflows archive, read by workflow-controller and argo-server',
    });
    roundTrip(r);
  });

  test('ssl without sslMode (Argo uses "prefer"); an IP address as host', () => {
    const r = resolve({ postgres: { host: '10.0.0.12', credentials: Credentials.existing(), ssl: true } });
    expect(r.persistence.postgresql).toEqual({ host: '10.0.0.12', port: 5432, database: 'argo', tableName: 'argo_workflows', ssl: true, ...PG_SECRETS });
  });

  test('sslMode disable is allowed without ssl', () => {
    expect(resolve({ postgres: { ...EXT, sslMode: PostgresSslMode.DISABLE } }).persistence.postgresql!.sslMode).toBe('disable');
  });

  test('AWS RDS IAM: awsRDSToken enabled with the region, ssl, no passwordSecret, Secret with username only', () => {
    const r = resolve({
      postgres: {
        host: 'argo.abc123.eu-west-1.rds.amazonaws.com', credentials: Credentials.existing(), ssl: true, sslMode: PostgresSslMode.REQUIRE,
        awsRdsIamAuth: { region: 'eu-west-1' },
      },
    });
    expect(r.persistence.postgresql).toEqual({
      host: 'argo.abc123.eu-west-1.rds.amazonaws.com', port: 5432, database: 'argo', tableName: 'argo_workflows',
      ssl: true, sslMode: 'require', awsRDSToken: { enabled: true, region: 'eu-west-1' },
      userNameSecret: { name: 'argo-postgres-config', key: 'username' },
    });
    expect(r.secret).toEqual({
      name: 'argo-postgres-config', keys: ['username'], source: Credentials.existing(),
      description: 'PostgreSQL user name for the Argo Workflows archive, read by workflow-controller and argo-server',
    });
    roundTrip(r);
  });

  test('Azure token: azureToken enabled, with and without a scope', () => {
    const r = resolve({ postgres: { host: 'argo.postgres.database.azure.com', credentials: Credentials.existing(), ssl: true, azureTokenAuth: {} } });
    expect(r.persistence.postgresql).toEqual({
      host: 'argo.postgres.database.azure.com', port: 5432, database: 'argo', tableName: 'argo_workflows',
      ssl: true, azureToken: { enabled: true }, userNameSecret: { name: 'argo-postgres-config', key: 'username' },
    });
    expect(r.secret.keys).toEqual(['username']);
    roundTrip(r);
    const scoped = resolve({ postgres: { host: 'argo.postgres.database.azure.com', credentials: Credentials.existing(), azureTokenAuth: { scope: 'api://x/.default' } } });
    expect(scoped.persistence.postgresql!.azureToken).toEqual({ enabled: true, scope: 'api://x/.default' });
    expect(scoped.persistence.postgresql!.ssl).toBeUndefined();
  });
});

describe('resolvePersistence: your own MySQL', () => {
  test('DSN options, port, database, secretName', () => {
    const r = resolve({
      mysql: { host: 'mysql.db.svc.cluster.local', port: 3307, database: 'argo', secretName: 'mysql-creds', credentials: Credentials.existing(), options: { tls: 'true', charset: 'utf8mb4' } },
    });
    expect(r.persistence).toEqual({
      archive: true,
      nodeStatusOffLoad: true,
      mysql: {
        host: 'mysql.db.svc.cluster.local', port: 3307, database: 'argo', tableName: 'argo_workflows', options: { tls: 'true', charset: 'utf8mb4' },
        userNameSecret: { name: 'mysql-creds', key: 'username' }, passwordSecret: { name: 'mysql-creds', key: 'password' },
      },
    });
    expect(r.secret.keys).toEqual(['username', 'password']);
    expect(r.database).toBeUndefined();
    roundTrip(r);
  });
});

describe('resolvePersistence: synchronization', () => {
  test('true: the same connection without tableName, controllerName workflow-controller, enableAPI true', () => {
    const r = resolve({ postgres: { inCluster: {} }, synchronization: true, connectionPool: { maxIdleConns: 100, maxOpenConns: 0, connMaxLifetime: '0s' } });
    const pool = { maxIdleConns: 100, maxOpenConns: 0, connMaxLifetime: '0s' };
    expect(r.persistence).toEqual({
      archive: true, nodeStatusOffLoad: true, connectionPool: pool,
      postgresql: { host: 'postgres', port: 5432, database: 'argo', tableName: 'argo_workflows', ...PG_SECRETS },
    });
    expect(r.synchronization).toEqual({
      connectionPool: pool,
      postgresql: { host: 'postgres', port: 5432, database: 'argo', ...PG_SECRETS },
      controllerName: 'workflow-controller',
      enableAPI: true,
    });
    expect(r.secret.description).toBe('PostgreSQL user name and password for the Argo Workflows archive and synchronization, read by workflow-controller and argo-server and by the in-cluster PostgreSQL at its first start');
    roundTrip(r);
  });

  test('every option, MySQL, skipMigration and the timeout carried over', () => {
    const r = resolve({
      mysql: { ...EXT, options: { tls: 'true' }, connectionTimeoutSeconds: 7 },
      skipMigration: true,
      synchronization: {
        controllerName: 'prod-eu', enableAPI: false, limitTableName: 'l', stateTableName: 's', controllerTableName: 'c', lockTableName: 'k',
        pollSeconds: 2, heartbeatSeconds: 30, inactiveControllerSeconds: 120, semaphoreLimitCacheSeconds: 0,
      },
    });
    expect(r.synchronization).toEqual({
      connectionTimeoutSeconds: 7,
      mysql: { host: 'argo-db.example.com', port: 3306, database: 'argo', options: { tls: 'true' }, ...MYSQL_SECRETS },
      controllerName: 'prod-eu', enableAPI: false, skipMigration: true,
      limitTableName: 'l', stateTableName: 's', controllerTableName: 'c', lockTableName: 'k',
      pollSeconds: 2, heartbeatSeconds: 30, inactiveControllerSeconds: 120, semaphoreLimitCacheSeconds: 0,
    });
    roundTrip(r);
  });

  test('false: none', () => {
    expect(resolve({ postgres: { inCluster: {} }, synchronization: false }).synchronization).toBeUndefined();
  });
});

describe('resolvePersistence: every rule, exact message', () => {
  test('persistence not an object', () => fails('postgres',
    'persistence "postgres" is invalid: it must be an object. Fix: pass an object, e.g. { postgres: { inCluster: {} } }'));

  test('unknown key, with a close name', () => fails({ postgres: { inCluster: {} }, nodeStatusOffload: true },
    'persistence.nodeStatusOffload is not an option argo-stack knows; allowed here: postgres, mysql, archive, archiveTTL, archiveLabelSelector, nodeStatusOffLoad, connectionPool, clusterName, skipMigration, tableName, synchronization. Fix: rename it to "nodeStatusOffLoad"'));

  test('unknown key in the database options', () => fails({ postgres: { inCluster: {}, sslmode: 'require' } },
    'persistence.postgres.sslmode is not an option argo-stack knows; allowed here: inCluster, host, port, database, secretName, credentials, connectionTimeoutSeconds, ssl, sslMode, awsRdsIamAuth, azureTokenAuth, caCertificate. Fix: rename it to "sslMode"'));

  test('unknown key in inCluster', () => fails({ postgres: { inCluster: { size: '1Gi' } } },
    'persistence.postgres.inCluster.size is not an option argo-stack knows; allowed here: image, storage, storageClassName, resources, nodeSelector, tolerations, affinity, topologySpreadConstraints, podMetadata, imagePullSecrets. Fix: remove persistence.postgres.inCluster.size'));

  test('both postgres and mysql', () => fails({ postgres: { inCluster: {} }, mysql: { inCluster: {} } },
    'persistence.postgres and persistence.mysql are both set: Argo keeps the archive and offloaded node status in one database. Fix: keep one of them'));

  test('neither', () => fails({ archive: true },
    'persistence has no database: it needs persistence.postgres or persistence.mysql. Fix: add postgres: { inCluster: {} } to run PostgreSQL in the cluster, or postgres: { host, credentials } to use your own database'));

  test('database options not an object', () => fails({ mysql: true },
    'persistence.mysql true is invalid: it must be an object. Fix: pass an object, e.g. { inCluster: {} }'));

  test('inCluster together with host', () => fails({ postgres: { inCluster: {}, host: 'db.example.com' } },
    'persistence.postgres.inCluster and persistence.postgres.host are both set: the database either runs in the cluster (argo-stack creates it and its Service "postgres") or is your own at host. Fix: remove persistence.postgres.host to run PostgreSQL in the cluster, or remove persistence.postgres.inCluster to use the database at "db.example.com"'));

  test('external without host', () => fails({ mysql: { credentials: Credentials.existing() } },
    'persistence.mysql has neither inCluster nor host: argo-stack does not know where the database is. Fix: set persistence.mysql.inCluster: {} to run MySQL in the cluster, or set persistence.mysql.host to the address of your database'));

  test.each(['postgres://db.example.com', 'db.example.com:5432', '', 'db example'])('bad host %p', (host) => fails({ postgres: { host, credentials: Credentials.existing() } },
    `persistence.postgres.host ${JSON.stringify(host)} is invalid: it must be a DNS name or an IP address, without a scheme, port or path. Fix: give only the host, e.g. "argo-db.example.com", and put the port in persistence.postgres.port`));

  test.each([0, 65536, 54.3, '5432'])('bad port %p', (port) => fails({ postgres: { inCluster: {}, port } },
    `persistence.postgres.port ${JSON.stringify(port)} is invalid: it must be a whole number from 1 to 65535. Fix: use 5432, the PostgreSQL default`));

  test('bad MySQL port', () => fails({ mysql: { inCluster: {}, port: -1 } },
    'persistence.mysql.port -1 is invalid: it must be a whole number from 1 to 65535. Fix: use 3306, the MySQL default'));

  test('bad database name', () => fails({ postgres: { inCluster: {}, database: 'argo db' } },
    'persistence.postgres.database "argo db" is invalid: it must be a database name of 1-63 letters, digits, "_", "$" and "-", starting with a letter or "_". Fix: use "argo"'));

  test('tableName missing (empty)', () => fails({ postgres: { inCluster: {} }, tableName: '' },
    'persistence.tableName is missing: Argo requires a table name for the archive (an empty one is a fatal "TableName is empty"). Fix: remove persistence.tableName to use "argo_workflows", or set a name like "argo_workflows"'));

  test('tableName invalid', () => fails({ postgres: { inCluster: {} }, tableName: 'argo-workflows' },
    'persistence.tableName "argo-workflows" is invalid: it must be a SQL table name of 1-63 letters, digits and "_", starting with a letter or "_". Fix: use a name like "argo_workflows"'));

  test('tableName too long', () => fails({ postgres: { inCluster: {} }, tableName: 'a'.repeat(64) },
    `persistence.tableName "${'a'.repeat(64)}" is invalid: it must be a SQL table name of 1-63 letters, digits and "_", starting with a letter or "_". Fix: use a name like "${'a'.repeat(63)}"`));

  test('archiveTTL compound string', () => fails({ postgres: { inCluster: {} }, archiveTTL: '1h30m' },
    `persistence.archiveTTL "1h30m" is invalid: ${TTL_RULE}. Fix: use "90m"`));

  test('archiveTTL fractional string', () => fails({ postgres: { inCluster: {} }, archiveTTL: '1.5d' },
    `persistence.archiveTTL "1.5d" is invalid: ${TTL_RULE}. Fix: use "30d"`));

  test('archiveTTL milliseconds string', () => fails({ postgres: { inCluster: {} }, archiveTTL: '500ms' },
    `persistence.archiveTTL "500ms" is invalid: ${TTL_RULE}. Fix: use "1s"`));

  test('archiveTTL Duration of 500 ms', () => fails({ postgres: { inCluster: {} }, archiveTTL: Duration.millis(500) },
    'persistence.archiveTTL Duration.millis(500) is invalid: a Duration must be a whole number of seconds, which argo-stack writes as one unit d, h, m or s. Fix: use Duration.seconds(1)'));

  test('archiveTTL Duration of 1500 ms', () => fails({ postgres: { inCluster: {} }, archiveTTL: Duration.millis(1500) },
    'persistence.archiveTTL Duration.millis(1500) is invalid: a Duration must be a whole number of seconds, which argo-stack writes as one unit d, h, m or s. Fix: use Duration.seconds(2)'));

  test('archiveTTL a number', () => fails({ postgres: { inCluster: {} }, archiveTTL: 30 },
    'persistence.archiveTTL 30 is invalid: it must be a cdk8s Duration or a string like "30d". Fix: use Duration.days(30) or "30d"'));

  test('archiveTTL with archive false', () => fails({ postgres: { inCluster: {} }, archive: false, archiveTTL: '7d' },
    'persistence.archiveTTL is set but persistence.archive is false: nothing is archived, so nothing expires. Fix: remove persistence.archiveTTL, or set persistence.archive to true'));

  test('archiveLabelSelector with archive false', () => fails({ postgres: { inCluster: {} }, archive: false, archiveLabelSelector: { matchLabels: { a: 'b' } } },
    'persistence.archiveLabelSelector is set but persistence.archive is false: nothing is archived. Fix: remove persistence.archiveLabelSelector, or set persistence.archive to true'));

  test('archiveLabelSelector unknown key', () => fails({ postgres: { inCluster: {} }, archiveLabelSelector: { matchLabel: { a: 'b' } } },
    'persistence.archiveLabelSelector.matchLabel is not a key Argo Workflows v4.1.2 knows (the controller and argo-server exit on unknown keys); allowed keys here: matchLabels, matchExpressions. Fix: rename it to "matchLabels"'));

  test('archiveLabelSelector bad label value', () => fails({ postgres: { inCluster: {} }, archiveLabelSelector: { matchLabels: { a: 'b c' } } },
    'persistence.archiveLabelSelector.matchLabels["a"] "b c" is invalid: a label value is empty or 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit. Fix: shorten or clean the value, or use an annotation instead'));

  test('archive not a boolean', () => fails({ postgres: { inCluster: {} }, archive: 'yes' },
    'persistence.archive "yes" is invalid: it must be true or false. Fix: give a boolean'));

  test('nodeStatusOffLoad not a boolean', () => fails({ postgres: { inCluster: {} }, nodeStatusOffLoad: 1 },
    'persistence.nodeStatusOffLoad 1 is invalid: it must be true or false. Fix: give a boolean'));

  test('connMaxLifetime compound', () => fails({ postgres: { inCluster: {} }, connectionPool: { connMaxLifetime: '1h30m' } },
    `persistence.connectionPool.connMaxLifetime "1h30m" is invalid: ${TTL_RULE}. Fix: use "90m"`));

  test('connMaxLifetime Duration of 2.5 s', () => fails({ postgres: { inCluster: {} }, connectionPool: { connMaxLifetime: Duration.millis(2500) } },
    'persistence.connectionPool.connMaxLifetime Duration.millis(2500) is invalid: a Duration must be a whole number of seconds, which argo-stack writes as one unit d, h, m or s. Fix: use Duration.seconds(3)'));

  test('pool size negative', () => fails({ postgres: { inCluster: {} }, connectionPool: { maxOpenConns: -1 } },
    'persistence.connectionPool.maxOpenConns -1 is invalid: it must be a whole number of at least 0. Fix: give 0 (unlimited) or more'));

  test('clusterName empty', () => fails({ postgres: { inCluster: {} }, clusterName: '' },
    'persistence.clusterName "" is invalid: it must be a non-empty name of at most 64 characters. Fix: remove it to use Argo\'s default "default", or name this cluster, e.g. "prod-eu"'));

  test('sslMode without ssl', () => fails({ postgres: { ...EXT, sslMode: PostgresSslMode.VERIFY_FULL } },
    'persistence.postgres.sslMode is "verify-full" but persistence.postgres.ssl is not true: Argo ignores sslMode and connects without TLS (sslmode=disable) unless ssl is true. Fix: set persistence.postgres.ssl: true, or remove persistence.postgres.sslMode'));

  test('caCertificate without ssl', () => fails({ postgres: { ...EXT, caCertificate: { configMapName: 'db-ca', key: 'ca.crt' } } },
    'persistence.postgres.caCertificate is set but persistence.postgres.ssl is not true: without TLS no certificate is checked. Fix: set persistence.postgres.ssl: true and a persistence.postgres.sslMode such as PostgresSslMode.VERIFY_FULL'));

  test('caCertificate with inCluster', () => fails({ postgres: { inCluster: {}, caCertificate: { configMapName: 'db-ca', key: 'ca.crt' } } },
    'persistence.postgres.caCertificate is set with persistence.postgres.inCluster: the in-cluster PostgreSQL serves no TLS and uses password authentication. Fix: remove persistence.postgres.caCertificate, or use your own database with persistence.postgres.host'));

  test('caCertificate not an object, unknown key, bad ConfigMap name, bad key', () => {
    fails({ postgres: { ...EXT, ssl: true, caCertificate: 'db-ca' } },
      'persistence.postgres.caCertificate "db-ca" is invalid: it must be an object. Fix: pass an object, e.g. { configMapName: "rds-ca", key: "global-bundle.pem" }');
    fails({ postgres: { ...EXT, ssl: true, caCertificate: { configMapName: 'db-ca', key: 'ca.crt', secret: 'x' } } },
      'persistence.postgres.caCertificate.secret is not an option argo-stack knows; allowed here: configMapName, key. Fix: remove persistence.postgres.caCertificate.secret');
    fails({ postgres: { ...EXT, ssl: true, caCertificate: { configMapName: 'DB_CA', key: 'ca.crt' } } },
      'persistence.postgres.caCertificate.configMapName "DB_CA" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "db-ca"');
    fails({ postgres: { ...EXT, ssl: true, caCertificate: { configMapName: 'db-ca', key: 'ca/crt' } } },
      'persistence.postgres.caCertificate.key "ca/crt" is invalid: it must be a ConfigMap key: letters, digits, "-", "_" and ".". Fix: use the key holding the PEM bundle, e.g. "ca.crt"');
  });

  test('caCertificate is resolved next to the connection, and not written to the controller config', () => {
    const r = resolvePersistence({ postgres: { ...EXT, ssl: true, sslMode: PostgresSslMode.VERIFY_FULL, caCertificate: { configMapName: 'db-ca', key: 'ca.crt' } } }, CTX)!;
    expect(r.caCertificate).toEqual({ configMapName: 'db-ca', key: 'ca.crt' });
    expect(JSON.stringify(r.persistence)).not.toContain('db-ca');
  });

  test('sslMode unknown', () => fails({ postgres: { ...EXT, ssl: true, sslMode: 'verify' } },
    'persistence.postgres.sslMode "verify" is invalid: it must be one of "disable", "require", "verify-ca", "verify-full". Fix: use PostgresSslMode.REQUIRE, PostgresSslMode.VERIFY_CA or PostgresSslMode.VERIFY_FULL'));

  test('ssl not a boolean', () => fails({ postgres: { ...EXT, ssl: 'true' } },
    'persistence.postgres.ssl "true" is invalid: it must be true or false. Fix: give a boolean'));

  test('awsRdsIamAuth without ssl', () => fails({ postgres: { ...EXT, awsRdsIamAuth: { region: 'eu-west-1' } } },
    'persistence.postgres.awsRdsIamAuth is set but persistence.postgres.ssl is not true: Argo refuses AWS RDS IAM authentication without TLS ("SSL must be enabled (ssl: true) when using AWS RDS IAM authentication"). Fix: set persistence.postgres.ssl: true'));

  test('awsRdsIamAuth with a bad region', () => fails({ postgres: { ...EXT, ssl: true, awsRdsIamAuth: { region: 'Europe' } } },
    'persistence.postgres.awsRdsIamAuth.region "Europe" is invalid: it must be an AWS region like "eu-west-1". Fix: use the region of your RDS instance, e.g. "us-east-1"'));

  test('awsRdsIamAuth and azureTokenAuth together', () => fails({ postgres: { ...EXT, ssl: true, awsRdsIamAuth: { region: 'eu-west-1' }, azureTokenAuth: {} } },
    'persistence.postgres.awsRdsIamAuth and persistence.postgres.azureTokenAuth are both set: Argo uses one token authentication at a time. Fix: keep one of them'));

  test('azureTokenAuth with an empty scope', () => fails({ postgres: { ...EXT, azureTokenAuth: { scope: '' } } },
    'persistence.postgres.azureTokenAuth.scope "" is invalid: it must be a non-empty OAuth scope. Fix: remove it to use Argo\'s default "https://ossrdbms-aad.database.windows.net/.default"'));

  test('awsRdsIamAuth on MySQL', () => fails({ mysql: { ...EXT, awsRdsIamAuth: { region: 'eu-west-1' } } },
    'persistence.mysql.awsRdsIamAuth is set: Argo Workflows v4.1.2 supports AWS RDS IAM and Azure token authentication only for PostgreSQL (its MySQL configuration has no token fields). Fix: use persistence.postgres with awsRdsIamAuth, or remove persistence.mysql.awsRdsIamAuth and give credentials with a password'));

  test('azureTokenAuth on MySQL', () => fails({ mysql: { ...EXT, azureTokenAuth: {} } },
    'persistence.mysql.azureTokenAuth is set: Argo Workflows v4.1.2 supports AWS RDS IAM and Azure token authentication only for PostgreSQL (its MySQL configuration has no token fields). Fix: use persistence.postgres with azureTokenAuth, or remove persistence.mysql.azureTokenAuth and give credentials with a password'));

  test.each(['ssl', 'sslMode', 'awsRdsIamAuth', 'azureTokenAuth'])('%s with the in-cluster PostgreSQL', (k) => {
    const value = { ssl: true, sslMode: 'require', awsRdsIamAuth: { region: 'eu-west-1' }, azureTokenAuth: {} }[k];
    fails({ postgres: { inCluster: {}, [k]: value } },
      `persistence.postgres.${k} is set with persistence.postgres.inCluster: the in-cluster PostgreSQL serves no TLS and uses password authentication. Fix: remove persistence.postgres.${k}, or use your own database with persistence.postgres.host`);
  });

  test('MySQL option value not a string', () => fails({ mysql: { ...EXT, options: { tls: true } } },
    'persistence.mysql.options["tls"] true is invalid: a DSN option value must be a string. Fix: quote it, e.g. "true"'));

  test('MySQL option value not a string under a secret-looking name is not shown', () => fails({ mysql: { ...EXT, options: { password: 123456 } } },
    'persistence.mysql.options["password"] "<redacted>" is invalid: a DSN option value must be a string. Fix: quote it'));

  test.each(['10GB', '0', '-1Gi', '10gi', ''])('storage %p not a quantity', (storage) => fails({ postgres: { inCluster: { storage } } },
    `persistence.postgres.inCluster.storage ${JSON.stringify(storage)} is invalid: it must be a positive Kubernetes quantity of bytes, like "10Gi" or "500Mi". Fix: use a size like "10Gi" (binary suffixes are Ki, Mi, Gi, Ti)`));

  test('image not pinned', () => fails({ mysql: { inCluster: { image: 'mysql:latest' } } },
    'persistence.mysql.inCluster.image "mysql:latest" is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: pin it, e.g. "mysql:8.4.3", or "mysql@sha256:<digest>"'));

  test('resources without a memory limit', () => fails({ postgres: { inCluster: { resources: { requests: { cpu: '1', memory: '1Gi' } } } } },
    'persistence.postgres.inCluster.resources {"requests":{"cpu":"1","memory":"1Gi"}} is invalid: it must set requests.cpu, requests.memory and limits.memory. Fix: add them, e.g. {"requests":{"cpu":"100m","memory":"256Mi"},"limits":{"memory":"1Gi"}}'));

  test('storageClassName invalid', () => fails({ postgres: { inCluster: { storageClassName: 'Fast_SSD' } } },
    'persistence.postgres.inCluster.storageClassName "Fast_SSD" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "fast-ssd"'));

  test('inCluster not an object', () => fails({ postgres: { inCluster: true } },
    'persistence.postgres.inCluster true is invalid: it must be an object. Fix: pass an object, e.g. {} for the defaults or { storage: "20Gi" }'));

  test('secretName invalid', () => fails({ postgres: { inCluster: {}, secretName: 'Argo_DB' } },
    'persistence.postgres.secretName "Argo_DB" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "argo-db"'));

  test('connectionTimeoutSeconds zero', () => fails({ postgres: { inCluster: {}, connectionTimeoutSeconds: 0 } },
    'persistence.postgres.connectionTimeoutSeconds 0 is invalid: it must be a whole number of at least 1. Fix: use 5 (Argo\'s default) or more'));

  test('external without credentials', () => fails({ postgres: { host: 'db.example.com' } },
    `persistence.postgres.credentials is not set: argo-stack cannot know the user name and password of your database at "db.example.com". Fix: set persistence.postgres.credentials to Credentials.existing() (you create the Secret "argo-postgres-config" with the "username" and "password" keys), Credentials.externalSecret(...) or Credentials.sealedSecret(...)`));

  test('external with token auth and without credentials names only the username key', () => fails({ postgres: { host: 'db.example.com', ssl: true, awsRdsIamAuth: { region: 'us-east-1' } } },
    'persistence.postgres.credentials is not set: argo-stack cannot know the user name of your database at "db.example.com". Fix: set persistence.postgres.credentials to Credentials.existing() (you create the Secret "argo-postgres-config" with the "username" key), Credentials.externalSecret(...) or Credentials.sealedSecret(...)'));

  test('external with generated credentials', () => fails({ postgres: { host: 'db.example.com', credentials: Credentials.generated() } },
    `persistence.postgres.credentials is Credentials.generated() but the database at "db.example.com" is not run by argo-stack: your database does not know a generated password, so Argo could not log in. Fix: ${EXTERNAL_CREDS_FIX}, or run the database in the cluster with persistence.postgres.inCluster`));

  test('external with generated credentials that fix the user name', () => fails({ mysql: { host: 'db.example.com', credentials: Credentials.generated({ fixed: { username: 'argo' } }) } },
    'persistence.mysql.credentials is Credentials.generated() but the database at "db.example.com" is not run by argo-stack: your database does not know a generated password, so Argo could not log in. Fix: use Credentials.existing() (you create the Secret "argo-mysql-config" with the "username" and "password" keys), Credentials.externalSecret(...) or Credentials.sealedSecret(...), or run the database in the cluster with persistence.mysql.inCluster'));

  test('credentials not a Credentials instance (literal credentials)', () => fails({ postgres: { inCluster: {}, credentials: { username: 'argo', password: 'hunter2' } } },
    `persistence.postgres.credentials {"username":"<redacted>","password":"<redacted>"} is invalid: it must be a Credentials value, not literal credentials: they would be written to dist/, which is committed to git. Fix: ${FACTORIES_FIX}`));

  test('credentials not a Credentials instance (a number)', () => fails({ mysql: { host: 'db.example.com', credentials: 42 } },
    `persistence.mysql.credentials "<redacted>" is invalid: it must be a Credentials value made by one of its factories. Fix: ${FACTORIES_FIX}`));

  test('credentials whose factory options are invalid are checked with the option path', () => fails({ postgres: { inCluster: {}, credentials: Credentials.generated({ length: 8 }) } },
    'persistence.postgres.credentials.length 8 is invalid: it must be a whole number of characters from 16 to 128. Fix: omit it for 32, or give a whole number from 16 to 128'));

  test('a sealed secret must seal every key of the Secret', () => fails({ postgres: { ...EXT, credentials: Credentials.sealedSecret({ encryptedData: { username: SEALED } }) } },
    'persistence.postgres.credentials.encryptedData has no sealed value for key "password" of Secret "argo-postgres-config": a sealed secret must seal every key. Fix: seal the missing values with: printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin'));

  test('in-cluster MySQL cannot use the user name root', () => fails({ mysql: { inCluster: {}, credentials: Credentials.generated({ fixed: { username: 'root' } }) } },
    'persistence.mysql.credentials fixes the user name "root": the MySQL image creates MYSQL_USER next to root and refuses "root". Fix: use another user name, e.g. { fixed: { username: "argo" } }'));

  test('in-cluster MySQL user names are at most 32 characters', () => fails({ mysql: { inCluster: {}, credentials: Credentials.generated({ length: 40 }) } },
    'persistence.mysql.credentials generates a user name of 40 characters: MySQL user names have at most 32. Fix: fix the user name with { fixed: { username: "argo" } }, or use a length of at most 32'));

  test('synchronization not a boolean or object', () => fails({ postgres: { inCluster: {} }, synchronization: 'yes' },
    'persistence.synchronization "yes" is invalid: it must be true, false or an object of synchronization options. Fix: use true for the defaults'));

  test('synchronization unknown key', () => fails({ postgres: { inCluster: {} }, synchronization: { tableName: 'x' } },
    'persistence.synchronization.tableName is not an option argo-stack knows; allowed here: controllerName, enableAPI, limitTableName, stateTableName, controllerTableName, lockTableName, pollSeconds, heartbeatSeconds, inactiveControllerSeconds, semaphoreLimitCacheSeconds. Fix: remove persistence.synchronization.tableName'));

  test('synchronization controllerName empty', () => fails({ postgres: { inCluster: {} }, synchronization: { controllerName: '' } },
    'persistence.synchronization.controllerName "" is invalid: it must be a non-empty name of at most 253 characters. Fix: use "workflow-controller", or one name per cluster sharing the database'));

  test('synchronization table name invalid', () => fails({ postgres: { inCluster: {} }, synchronization: { lockTableName: 'sync-lock' } },
    'persistence.synchronization.lockTableName "sync-lock" is invalid: it must be a SQL table name of 1-63 letters, digits and "_", starting with a letter or "_". Fix: use a name like "sync_lock"'));

  test('synchronization tables that collide', () => fails({ postgres: { inCluster: {} }, synchronization: { stateTableName: 'sync_limit' } },
    'persistence.synchronization uses the table "sync_limit" twice: the limit, state, controller and lock tables must differ. Fix: give each table its own name'));

  test('synchronization pollSeconds zero', () => fails({ postgres: { inCluster: {} }, synchronization: { pollSeconds: 0 } },
    'persistence.synchronization.pollSeconds 0 is invalid: it must be a whole number of at least 1. Fix: give 1 or more, or remove it for Argo\'s default'));

  test('synchronization enableAPI not a boolean', () => fails({ postgres: { inCluster: {} }, synchronization: { enableAPI: 'no' } },
    'persistence.synchronization.enableAPI "no" is invalid: it must be true or false. Fix: give a boolean'));
});
