/**
 * The workflow archive and node-status offloading in a real database (Argo's `persistence`), and
 * optionally database-backed semaphores and mutexes (`synchronization`) in the same database.
 * Pure: validates the options and resolves them into Argo's exact config keys, the Secret the
 * credentials come from, and (for `inCluster`) the database argo-stack runs.
 */
import { Duration } from 'cdk8s';
import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type {
  ConnectionPool, DbConfig, LabelSelector, MySQLConfig, PersistConfig, PostgreSQLConfig, SecretKeySelector, SyncConfig,
} from './controller-config';
import { GO_DURATION_PATTERN, TTL_PATTERN, validateControllerConfig } from './controller-config-schema';
import { Credentials, CredentialsKind, SecretSpec, validateCredentials, validateSecretSpec } from './credentials';
import { checkBool, checkInt, CREDENTIAL_NAME, isPlainObject, redact, rejectUnknownKeys, validateStorageSize } from './_checks';
import { conflict, invalid, show } from './errors';
import { validateImageReference } from './images';
import { validateDnsSubdomain, validateLabels } from './names';
import type { PodOptions } from './options';

/** `sslmode` of the PostgreSQL connection (used only with `ssl: true`). */
export enum PostgresSslMode {
  /** No TLS. */
  DISABLE = 'disable',
  /** TLS, without checking the server certificate. */
  REQUIRE = 'require',
  /** TLS, and the server certificate must be signed by a trusted CA. */
  VERIFY_CA = 'verify-ca',
  /** TLS, a trusted CA, and the certificate must name the host. */
  VERIFY_FULL = 'verify-full',
}

/** The database engine. */
export enum DatabaseEngine {
  POSTGRES = 'postgres',
  MYSQL = 'mysql',
}

/** A database argo-stack runs in the cluster: a one-replica StatefulSet with a PersistentVolumeClaim. */
export interface InClusterDatabaseOptions extends PodOptions {
  /**
   * The image, pinned with a version tag (not `latest`) or a digest. It must be the official image
   * (or a mirror of it): argo-stack relies on its user id, entrypoint and directory layout.
   * @default - "docker.io/library/postgres:16.6-alpine" (uid/gid 70) for PostgreSQL,
   * "docker.io/library/mysql:8.4.3" (uid/gid 999) for MySQL
   */
  readonly image?: string;
  /**
   * Size of the data volume (a Kubernetes quantity).
   * @default "10Gi"
   */
  readonly storage?: string;
  /**
   * StorageClass of the data volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Connection settings shared by PostgreSQL and MySQL. */
export interface DatabaseOptions {
  /**
   * Run the database in the cluster (a StatefulSet and Service in the install namespace). Mutually
   * exclusive with `host`.
   * @default - not run in the cluster: `host` is required
   */
  readonly inCluster?: InClusterDatabaseOptions;
  /**
   * Address of your own database: a DNS name or an IP address, without scheme or port.
   * @default - the in-cluster Service (`postgres` / `mysql`) when `inCluster` is set
   */
  readonly host?: string;
  /**
   * Port of the database.
   * @default - 5432 for PostgreSQL, 3306 for MySQL
   */
  readonly port?: number;
  /**
   * Name of the database Argo uses.
   * @default "argo"
   */
  readonly database?: string;
  /**
   * Secret in the install namespace with the keys `username` and `password`, read by the controller
   * and argo-server (and by the in-cluster database at its first start).
   * @default - "argo-postgres-config" for PostgreSQL, "argo-mysql-config" for MySQL
   */
  readonly secretName?: string;
  /**
   * Where the Secret's content comes from.
   * @default - in the cluster: `Credentials.generated({ fixed: { username: 'argo' } })`; for your own
   * database there is no default (a generated password would be unknown to it)
   */
  readonly credentials?: Credentials;
  /**
   * Seconds to wait while establishing a connection (`connectionTimeoutSeconds`).
   * @default - Argo's default (5)
   */
  readonly connectionTimeoutSeconds?: number;
}

/** AWS RDS IAM authentication: Argo signs a token with its own AWS identity (IRSA / Pod Identity). */
export interface AwsRdsIamAuthOptions {
  /** AWS region of the RDS instance, e.g. "eu-west-1". */
  readonly region: string;
}

/** Azure AD (Entra ID) token authentication with Azure Database for PostgreSQL (Workload Identity). */
export interface AzureTokenAuthOptions {
  /**
   * OAuth scope of the token.
   * @default - Argo's default, "https://ossrdbms-aad.database.windows.net/.default"
   */
  readonly scope?: string;
}

/** A PostgreSQL database. */
export interface PostgresOptions extends DatabaseOptions {
  /**
   * Connect with TLS. Without it Argo uses `sslmode=disable`.
   * @default false
   */
  readonly ssl?: boolean;
  /**
   * `sslmode` when `ssl` is true.
   * @default - "prefer" (Argo's default when ssl is true)
   */
  readonly sslMode?: PostgresSslMode;
  /**
   * Log in with an AWS RDS IAM token instead of a password (`awsRDSToken`). Requires `ssl: true`;
   * the Secret then needs only `username`.
   * @default - password authentication
   */
  readonly awsRdsIamAuth?: AwsRdsIamAuthOptions;
  /**
   * Log in with an Azure AD token instead of a password (`azureToken`). The Secret then needs only
   * `username`.
   * @default - password authentication
   */
  readonly azureTokenAuth?: AzureTokenAuthOptions;
  /**
   * The CA certificate that signed the database's server certificate (e.g. the RDS, Cloud SQL or
   * Azure bundle), from a ConfigMap in the install namespace: a CA is public, so it needs no Secret.
   * Mounted on the controller and argo-server, which point `PGSSLROOTCERT` at it. Needed for
   * `verify-ca` and `verify-full` when the CA is not in the images' system bundle. Requires `ssl: true`.
   * @default - the system CA bundle of the Argo images
   */
  readonly caCertificate?: DatabaseCaCertificate;
}

/** A CA certificate bundle in a ConfigMap. */
export interface DatabaseCaCertificate {
  /** The ConfigMap's name, in the install namespace. */
  readonly configMapName: string;
  /** The key holding the PEM bundle. */
  readonly key: string;
}

/** A MySQL database (5.7.8 or later; the in-cluster one is MySQL 8.4). */
export interface MySqlOptions extends DatabaseOptions {
  /**
   * DSN options of the Go MySQL driver, e.g. `{ tls: 'true' }`.
   * @default - none
   */
  readonly options?: Record<string, string>;
}

/** Database connection pool (`connectionPool`). */
export interface ConnectionPoolOptions {
  /** Maximum idle connections. @default - Go's default (2) */
  readonly maxIdleConns?: number;
  /** Maximum open connections (0 = unlimited). @default 0 */
  readonly maxOpenConns?: number;
  /** Maximum lifetime of a connection, one whole unit (`"1h"`, `Duration.minutes(30)`). @default - unlimited */
  readonly connMaxLifetime?: Duration | string;
}

/** Database-backed semaphores and mutexes (`synchronization`), in the persistence database. */
export interface SynchronizationOptions {
  /**
   * Name of this controller in the shared tables; unique per cluster that shares the database.
   * @default "workflow-controller"
   */
  readonly controllerName?: string;
  /**
   * Serve the sync-limit API in argo-server.
   * @default true
   */
  readonly enableAPI?: boolean;
  /** Table of semaphore limits. @default - Argo's default ("sync_limit") */
  readonly limitTableName?: string;
  /** Table of holders and waiters. @default - Argo's default ("sync_state") */
  readonly stateTableName?: string;
  /** Table of controller heartbeats. @default - Argo's default ("sync_controller") */
  readonly controllerTableName?: string;
  /** Table of locks. @default - Argo's default ("sync_lock") */
  readonly lockTableName?: string;
  /** Seconds between polls of the database. @default - Argo's default (5) */
  readonly pollSeconds?: number;
  /** Seconds between controller heartbeats. @default - Argo's default (60) */
  readonly heartbeatSeconds?: number;
  /** Seconds after which a silent controller's locks are released. @default - Argo's default (300) */
  readonly inactiveControllerSeconds?: number;
  /** Seconds a semaphore limit is cached (0 = no cache). @default - Argo's default (0) */
  readonly semaphoreLimitCacheSeconds?: number;
}

/** The workflow archive and node-status offloading. Exactly one of `postgres` and `mysql`. */
export interface PersistenceOptions {
  /** A PostgreSQL database. @default - none */
  readonly postgres?: PostgresOptions;
  /** A MySQL database. @default - none */
  readonly mysql?: MySqlOptions;
  /**
   * Archive finished workflows.
   * @default true
   */
  readonly archive?: boolean;
  /**
   * How long archived workflows are kept: one whole unit of d, h, m or s (`Duration.days(30)` or "30d").
   * @default - kept forever
   */
  readonly archiveTTL?: Duration | string;
  /**
   * Archive only workflows with these labels.
   * @default - every workflow
   */
  readonly archiveLabelSelector?: LabelSelector;
  /**
   * Store large node status in the database instead of the Workflow object (`nodeStatusOffLoad`).
   * @default true
   */
  readonly nodeStatusOffLoad?: boolean;
  /** The connection pool. @default - Go's defaults */
  readonly connectionPool?: ConnectionPoolOptions;
  /**
   * Name of this cluster in the archive, when several clusters share one database.
   * @default - Argo's default ("default")
   */
  readonly clusterName?: string;
  /**
   * Do not create or migrate tables (the schema is managed elsewhere). Applies to synchronization too.
   * @default false
   */
  readonly skipMigration?: boolean;
  /**
   * Table of archived workflows. Argo requires one.
   * @default "argo_workflows"
   */
  readonly tableName?: string;
  /**
   * Database-backed semaphores and mutexes in the same database (`true` for the defaults).
   * @default false
   */
  readonly synchronization?: boolean | SynchronizationOptions;
}

/** The in-cluster database argo-stack runs. */
export interface ResolvedInClusterDatabase {
  readonly engine: DatabaseEngine;
  /** Name of the StatefulSet, Service and ServiceAccount (`postgres` / `mysql`). */
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  /** User and group id of the image (70 for postgres alpine, 999 for mysql). */
  readonly uid: number;
  /** Port of the Service. */
  readonly port: number;
  /** Port the database listens on in the container. */
  readonly containerPort: number;
  /** Database created at first start. */
  readonly database: string;
  /** Secret with `username` and `password`. */
  readonly secretName: string;
  readonly storage: string;
  readonly storageClassName?: string;
  readonly replicas: number;
  readonly resources: ResourceRequirements;
  readonly nodeSelector: Record<string, string>;
  readonly tolerations?: PodOptions['tolerations'];
}

export interface ResolvedPersistence {
  /** The controller config's `persistence`. */
  readonly persistence: PersistConfig;
  /** The controller config's `synchronization`, when enabled. */
  readonly synchronization?: SyncConfig;
  /** The Secret with the database credentials (in the install namespace). */
  readonly secret: SecretSpec;
  /** The database to run in the cluster, when `inCluster` is set. */
  readonly database?: ResolvedInClusterDatabase;
  /** The CA bundle the controller and argo-server verify the database with (`PGSSLROOTCERT`). */
  readonly caCertificate?: DatabaseCaCertificate;
}

export const DEFAULT_POSTGRES_IMAGE = 'docker.io/library/postgres:16.6-alpine';
export const DEFAULT_MYSQL_IMAGE = 'docker.io/library/mysql:8.4.3';
/** uid and gid of `postgres` in the alpine image. */
export const POSTGRES_UID = 70;
/** uid and gid of `mysql` in the official image. */
export const MYSQL_UID = 999;
export const POSTGRES_PORT = 5432;
export const MYSQL_PORT = 3306;
export const DEFAULT_DATABASE = 'argo';
export const DEFAULT_TABLE_NAME = 'argo_workflows';
export const DEFAULT_STORAGE = '10Gi';
export const DEFAULT_SYNC_CONTROLLER_NAME = 'workflow-controller';
export const DEFAULT_DATABASE_USER = 'argo';
export const DEFAULT_DATABASE_RESOURCES: ResourceRequirements = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } };
const DEFAULT_DB_NODE_SELECTOR = { 'kubernetes.io/os': 'linux' };

const ENGINES = {
  [DatabaseEngine.POSTGRES]: {
    option: 'persistence.postgres', label: 'PostgreSQL', service: 'postgres', port: POSTGRES_PORT,
    image: DEFAULT_POSTGRES_IMAGE, uid: POSTGRES_UID, secretName: 'argo-postgres-config', configKey: 'postgresql',
  },
  [DatabaseEngine.MYSQL]: {
    option: 'persistence.mysql', label: 'MySQL', service: 'mysql', port: MYSQL_PORT,
    image: DEFAULT_MYSQL_IMAGE, uid: MYSQL_UID, secretName: 'argo-mysql-config', configKey: 'mysql',
  },
} as const;

const PERSISTENCE_KEYS = ['postgres', 'mysql', 'archive', 'archiveTTL', 'archiveLabelSelector', 'nodeStatusOffLoad', 'connectionPool', 'clusterName', 'skipMigration', 'tableName', 'synchronization'];
const DATABASE_KEYS = ['inCluster', 'host', 'port', 'database', 'secretName', 'credentials', 'connectionTimeoutSeconds'];
const POSTGRES_KEYS = [...DATABASE_KEYS, 'ssl', 'sslMode', 'awsRdsIamAuth', 'azureTokenAuth', 'caCertificate'];
const MYSQL_KEYS = [...DATABASE_KEYS, 'options'];
const IN_CLUSTER_KEYS = ['image', 'storage', 'storageClassName', 'resources', 'nodeSelector', 'tolerations'];
const POOL_KEYS = ['maxIdleConns', 'maxOpenConns', 'connMaxLifetime'];
const SYNC_KEYS = ['controllerName', 'enableAPI', 'limitTableName', 'stateTableName', 'controllerTableName', 'lockTableName', 'pollSeconds', 'heartbeatSeconds', 'inactiveControllerSeconds', 'semaphoreLimitCacheSeconds'];

/** A SQL table name Argo can use unquoted in both engines. */
export const TABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const DATABASE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV6 = /^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Argo's default scope for Azure AD tokens. */
const AZURE_DEFAULT_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';
function checkObject(option: string, value: unknown, example: string, fix = `pass an object, e.g. ${example}`): asserts value is Record<string, unknown> {
  if (!isPlainObject(value)) throw invalid(option, value, 'it must be an object', fix);
}


function checkTableName(option: string, value: unknown, fallback: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !TABLE_NAME_PATTERN.test(value)) {
    const suggestion = String(value ?? '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=[0-9])/, '_').slice(0, 63);
    throw invalid(option, value, 'it must be a SQL table name of 1-63 letters, digits and "_", starting with a letter or "_"',
      `use a name like ${JSON.stringify(suggestion && TABLE_NAME_PATTERN.test(suggestion) ? suggestion : fallback)}`);
  }
}

const UNIT_MS: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]];
const GO_UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Milliseconds as the largest whole unit of d, h, m or s (`0` → `"0s"`); undefined when not whole seconds. */
export function singleUnitTtl(ms: number): string | undefined {
  if (!Number.isInteger(ms) || ms < 0 || ms % 1000 !== 0) return undefined;
  if (ms === 0) return '0s';
  const [unit, size] = UNIT_MS.find(([, size]) => ms % size === 0)!;
  return `${ms / size}${unit}`;
}

/** A single-unit TTL close to a rejected Go duration string ("1h30m" → "90m"), for Fix hints. */
function suggestTtl(value: string): string {
  if (!GO_DURATION_PATTERN.test(value) || value === '0') return '30d';
  let ms = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * GO_UNIT_MS[m[2]];
  return singleUnitTtl(Math.round(ms)) ?? `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

const TTL_RULE = 'it must be a whole number with one unit d, h, m or s, like "30d", "12h", "90m" or "0s" (Argo rejects compound or fractional values such as "1h30m", and the controller exits)';

/**
 * Resolves a TTL option (`archiveTTL`, `connMaxLifetime`): a cdk8s Duration of whole seconds, or a
 * string of one whole unit. A Duration becomes the largest unit that divides it exactly.
 */
export function resolveTtl(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Duration) {
    const ms = value.toMilliseconds({ integral: false });
    const ttl = singleUnitTtl(ms);
    if (ttl === undefined) {
      throw conflict(`${option} Duration.millis(${ms}) is invalid: a Duration must be a whole number of seconds, which argo-stack writes as one unit d, h, m or s`,
        `use Duration.seconds(${Math.max(1, Math.ceil(ms / 1000))})`);
    }
    return ttl;
  }
  if (typeof value === 'string') {
    if (!TTL_PATTERN.test(value)) throw invalid(option, value, TTL_RULE, `use "${suggestTtl(value)}"`);
    return value;
  }
  throw invalid(option, value, 'it must be a cdk8s Duration or a string like "30d"', 'use Duration.days(30) or "30d"');
}

function checkHost(option: string, value: unknown): string {
  if (typeof value !== 'string' || !(HOST_NAME.test(value) || IPV6.test(value))) {
    throw invalid(option, value, 'it must be a DNS name or an IP address, without a scheme, port or path',
      `give only the host, e.g. "argo-db.example.com", and put the port in ${option.replace(/\.host$/, '.port')}`);
  }
  return value;
}

function resolveResources(option: string, value: unknown): ResourceRequirements {
  if (value === undefined) return DEFAULT_DATABASE_RESOURCES;
  const r = value as ResourceRequirements;
  if (!isPlainObject(value) || !r.requests?.cpu || !r.requests?.memory || !r.limits?.memory) {
    throw invalid(option, value, 'it must set requests.cpu, requests.memory and limits.memory', `add them, e.g. ${JSON.stringify(DEFAULT_DATABASE_RESOURCES)}`);
  }
  return r;
}

function resolveInCluster(engine: DatabaseEngine, o: unknown, ctx: { namespace: string; port: number; database: string; secretName: string }): ResolvedInClusterDatabase {
  const e = ENGINES[engine];
  const option = `${e.option}.inCluster`;
  checkObject(option, o, '{} for the defaults or { storage: "20Gi" }');
  rejectUnknownKeys(option, o, IN_CLUSTER_KEYS);
  const image = o.image === undefined ? e.image : validateImageReference(`${option}.image`, o.image, e.image);
  const storage = validateStorageSize(`${option}.storage`, o.storage ?? DEFAULT_STORAGE, DEFAULT_STORAGE);
  const storageClassName = o.storageClassName === undefined ? undefined : validateDnsSubdomain(`${option}.storageClassName`, o.storageClassName);
  const resources = resolveResources(`${option}.resources`, o.resources);
  if (o.nodeSelector !== undefined) {
    checkObject(`${option}.nodeSelector`, o.nodeSelector, '{ "kubernetes.io/os": "linux" }');
    validateLabels(`${option}.nodeSelector`, o.nodeSelector as Record<string, string>);
  }
  if (o.tolerations !== undefined && !Array.isArray(o.tolerations)) throw invalid(`${option}.tolerations`, o.tolerations, 'it must be a list of tolerations', 'give a list');
  return {
    engine,
    name: e.service,
    namespace: ctx.namespace,
    image,
    uid: e.uid,
    port: ctx.port,
    containerPort: e.port,
    database: ctx.database,
    secretName: ctx.secretName,
    storage,
    ...(storageClassName !== undefined ? { storageClassName } : {}),
    replicas: 1,
    resources,
    nodeSelector: { ...((o.nodeSelector as Record<string, string> | undefined) ?? DEFAULT_DB_NODE_SELECTOR) },
    ...(o.tolerations !== undefined ? { tolerations: o.tolerations as PodOptions['tolerations'] } : {}),
  };
}

/** The connection part of `postgresql` / `mysql` (everything but tableName) and how to log in. */
interface ResolvedConnection {
  readonly engine: DatabaseEngine;
  readonly connection: PostgreSQLConfig | MySQLConfig;
  readonly connectionTimeoutSeconds?: number;
  readonly secret: SecretSpec;
  readonly database?: ResolvedInClusterDatabase;
  readonly caCertificate?: DatabaseCaCertificate;
}

function resolveDatabase(engine: DatabaseEngine, o: unknown, ctx: { namespace: string; uses: string }): ResolvedConnection {
  const e = ENGINES[engine];
  const P = e.option;
  checkObject(P, o, '{ inCluster: {} }');
  if (engine === DatabaseEngine.MYSQL) {
    for (const k of ['awsRdsIamAuth', 'azureTokenAuth']) {
      if (o[k] !== undefined) {
        throw conflict(`${P}.${k} is set: Argo Workflows v4.1.2 supports AWS RDS IAM and Azure token authentication only for PostgreSQL (its MySQL configuration has no token fields)`,
          `use persistence.postgres with ${k}, or remove ${P}.${k} and give credentials with a password`);
      }
    }
  }
  rejectUnknownKeys(P, o, engine === DatabaseEngine.POSTGRES ? POSTGRES_KEYS : MYSQL_KEYS);

  const inCluster = o.inCluster !== undefined;
  if (inCluster && o.host !== undefined) {
    throw conflict(`${P}.inCluster and ${P}.host are both set: the database either runs in the cluster (argo-stack creates it and its Service "${e.service}") or is your own at host`,
      `remove ${P}.host to run ${e.label} in the cluster, or remove ${P}.inCluster to use the database at ${show(o.host)}`);
  }
  if (!inCluster && o.host === undefined) {
    throw conflict(`${P} has neither inCluster nor host: argo-stack does not know where the database is`,
      `set ${P}.inCluster: {} to run ${e.label} in the cluster, or set ${P}.host to the address of your database`);
  }
  const host = inCluster ? e.service : checkHost(`${P}.host`, o.host);

  const port = o.port ?? e.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(`${P}.port`, port, 'it must be a whole number from 1 to 65535', `use ${e.port}, the ${e.label} default`);
  }
  const database = o.database ?? DEFAULT_DATABASE;
  if (typeof database !== 'string' || !DATABASE_NAME_PATTERN.test(database)) {
    throw invalid(`${P}.database`, database, 'it must be a database name of 1-63 letters, digits, "_", "$" and "-", starting with a letter or "_"', `use "${DEFAULT_DATABASE}"`);
  }
  const secretName = validateDnsSubdomain(`${P}.secretName`, o.secretName ?? e.secretName);
  checkInt(`${P}.connectionTimeoutSeconds`, o.connectionTimeoutSeconds, 1, 'use 5 (Argo\'s default) or more');

  // Token authentication (PostgreSQL only): Argo reads only the user name from the Secret.
  let connection: PostgreSQLConfig | MySQLConfig;
  let tokenAuth = false;
  let caCertificate: DatabaseCaCertificate | undefined;
  if (engine === DatabaseEngine.POSTGRES) {
    checkBool(`${P}.ssl`, o.ssl);
    if (o.sslMode !== undefined && !Object.values(PostgresSslMode).includes(o.sslMode as PostgresSslMode)) {
      throw invalid(`${P}.sslMode`, o.sslMode, `it must be one of ${Object.values(PostgresSslMode).map((v) => JSON.stringify(v)).join(', ')}`,
        'use PostgresSslMode.REQUIRE, PostgresSslMode.VERIFY_CA or PostgresSslMode.VERIFY_FULL');
    }
    if (inCluster) {
      for (const k of ['ssl', 'sslMode', 'awsRdsIamAuth', 'azureTokenAuth', 'caCertificate']) {
        if (o[k] !== undefined && !(k === 'ssl' && o[k] === false)) {
          throw conflict(`${P}.${k} is set with ${P}.inCluster: the in-cluster PostgreSQL serves no TLS and uses password authentication`,
            `remove ${P}.${k}, or use your own database with ${P}.host`);
        }
      }
    }
    const ssl = o.ssl === true;
    if (o.sslMode !== undefined && o.sslMode !== PostgresSslMode.DISABLE && !ssl) {
      throw conflict(`${P}.sslMode is ${show(o.sslMode)} but ${P}.ssl is not true: Argo ignores sslMode and connects without TLS (sslmode=disable) unless ssl is true`,
        `set ${P}.ssl: true, or remove ${P}.sslMode`);
    }
    if (o.awsRdsIamAuth !== undefined && o.azureTokenAuth !== undefined) {
      throw conflict(`${P}.awsRdsIamAuth and ${P}.azureTokenAuth are both set: Argo uses one token authentication at a time`, 'keep one of them');
    }
    let awsRDSToken: PostgreSQLConfig['awsRDSToken'];
    if (o.awsRdsIamAuth !== undefined) {
      checkObject(`${P}.awsRdsIamAuth`, o.awsRdsIamAuth, '{ region: "eu-west-1" }');
      rejectUnknownKeys(`${P}.awsRdsIamAuth`, o.awsRdsIamAuth, ['region']);
      const region = o.awsRdsIamAuth.region;
      if (typeof region !== 'string' || !AWS_REGION.test(region)) {
        throw invalid(`${P}.awsRdsIamAuth.region`, region, 'it must be an AWS region like "eu-west-1"', 'use the region of your RDS instance, e.g. "us-east-1"');
      }
      if (!ssl) {
        throw conflict(`${P}.awsRdsIamAuth is set but ${P}.ssl is not true: Argo refuses AWS RDS IAM authentication without TLS ("SSL must be enabled (ssl: true) when using AWS RDS IAM authentication")`,
          `set ${P}.ssl: true`);
      }
      awsRDSToken = { enabled: true, region };
    }
    let azureToken: PostgreSQLConfig['azureToken'];
    if (o.azureTokenAuth !== undefined) {
      checkObject(`${P}.azureTokenAuth`, o.azureTokenAuth, '{}', `pass {} for Argo's default scope, or { scope: "${AZURE_DEFAULT_SCOPE}" }`);
      rejectUnknownKeys(`${P}.azureTokenAuth`, o.azureTokenAuth, ['scope']);
      const scope = o.azureTokenAuth.scope;
      if (scope !== undefined && (typeof scope !== 'string' || scope.trim() === '')) {
        throw invalid(`${P}.azureTokenAuth.scope`, scope, 'it must be a non-empty OAuth scope', `remove it to use Argo's default "${AZURE_DEFAULT_SCOPE}"`);
      }
      azureToken = { enabled: true, ...(scope !== undefined ? { scope: scope as string } : {}) };
    }
    if (o.caCertificate !== undefined) {
      checkObject(`${P}.caCertificate`, o.caCertificate, '{ configMapName: "rds-ca", key: "global-bundle.pem" }');
      rejectUnknownKeys(`${P}.caCertificate`, o.caCertificate, ['configMapName', 'key']);
      const ca = o.caCertificate as Record<string, unknown>;
      validateDnsSubdomain(`${P}.caCertificate.configMapName`, ca.configMapName);
      if (typeof ca.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(ca.key)) {
        throw invalid(`${P}.caCertificate.key`, ca.key, 'it must be a ConfigMap key: letters, digits, "-", "_" and "."', 'use the key holding the PEM bundle, e.g. "ca.crt"');
      }
      if (!ssl) {
        throw conflict(`${P}.caCertificate is set but ${P}.ssl is not true: without TLS no certificate is checked`, `set ${P}.ssl: true and a ${P}.sslMode such as PostgresSslMode.VERIFY_FULL`);
      }
      caCertificate = { configMapName: ca.configMapName as string, key: ca.key };
    }
    tokenAuth = awsRDSToken !== undefined || azureToken !== undefined;
    connection = {
      host, port, database,
      ...(ssl ? { ssl: true } : {}),
      ...(o.sslMode !== undefined ? { sslMode: o.sslMode as PostgresSslMode } : {}),
      ...(awsRDSToken ? { awsRDSToken } : {}),
      ...(azureToken ? { azureToken } : {}),
    };
  } else {
    let options: Record<string, string> | undefined;
    if (o.options !== undefined) {
      checkObject(`${P}.options`, o.options, '{ tls: "true" }');
      for (const [k, v] of Object.entries(o.options)) {
        if (typeof v !== 'string') {
          // A DSN option can carry a credential (e.g. a password): never show its value then.
          const secret = CREDENTIAL_NAME.test(k);
          throw invalid(`${P}.options["${k}"]`, secret ? redact(v) : v, 'a DSN option value must be a string', secret ? 'quote it' : `quote it, e.g. "${String(v)}"`);
        }
      }
      options = { ...(o.options as Record<string, string>) };
    }
    connection = { host, port, database, ...(options ? { options } : {}) };
  }

  const keys = tokenAuth ? ['username'] : ['username', 'password'];
  let credentials: Credentials;
  if (o.credentials === undefined) {
    if (!inCluster) {
      throw conflict(`${P}.credentials is not set: argo-stack cannot know the user name${tokenAuth ? '' : ' and password'} of your database at ${show(host)}`,
        `set ${P}.credentials to Credentials.existing() (you create the Secret "${secretName}" with the ${keys.map((k) => `"${k}"`).join(' and ')} key${keys.length > 1 ? 's' : ''}), Credentials.externalSecret(...) or Credentials.sealedSecret(...)`);
    }
    credentials = Credentials.generated({ fixed: { username: DEFAULT_DATABASE_USER } });
  } else {
    credentials = validateCredentials(`${P}.credentials`, o.credentials);
  }
  if (!inCluster && credentials.kind === CredentialsKind.GENERATED) {
    throw conflict(`${P}.credentials is Credentials.generated() but the database at ${show(host)} is not run by argo-stack: your database does not know a generated password, so Argo could not log in`,
      `use Credentials.existing() (you create the Secret "${secretName}" with the ${keys.map((k) => `"${k}"`).join(' and ')} key${keys.length > 1 ? 's' : ''}), Credentials.externalSecret(...) or Credentials.sealedSecret(...), or run the database in the cluster with ${P}.inCluster`);
  }

  if (inCluster && engine === DatabaseEngine.MYSQL && credentials.kind === CredentialsKind.GENERATED) {
    // The MySQL entrypoint creates MYSQL_USER next to root; user names have at most 32 characters.
    const g = credentials.generated!;
    const user = g.fixed.username;
    if (user === 'root') {
      throw conflict(`${P}.credentials fixes the user name "root": the MySQL image creates MYSQL_USER next to root and refuses "root"`,
        `use another user name, e.g. { fixed: { username: "${DEFAULT_DATABASE_USER}" } }`);
    }
    const userLength = user !== undefined ? user.length : g.length;
    if (userLength > 32) {
      throw conflict(`${P}.credentials ${user !== undefined ? 'fixes' : 'generates'} a user name of ${userLength} characters: MySQL user names have at most 32`,
        user !== undefined ? `fix a user name of at most 32 characters, e.g. { fixed: { username: "${DEFAULT_DATABASE_USER}" } }` : `fix the user name with { fixed: { username: "${DEFAULT_DATABASE_USER}" } }, or use a length of at most 32`);
    }
  }

  const selector = (key: string): SecretKeySelector => ({ name: secretName, key });
  connection = {
    ...connection,
    userNameSecret: selector('username'),
    ...(tokenAuth ? {} : { passwordSecret: selector('password') }),
  };
  const database_ = inCluster ? resolveInCluster(engine, o.inCluster, { namespace: ctx.namespace, port, database, secretName }) : undefined;
  // How the source fits the Secret (sealed values for every key, fixed values of existing keys, ...).
  const secret = validateSecretSpec(`${P}.credentials`, {
    name: secretName,
    keys,
    source: credentials,
    description: `${e.label} ${tokenAuth ? 'user name' : 'user name and password'} for ${ctx.uses}, read by workflow-controller and argo-server${inCluster ? ` and by the in-cluster ${e.label} at its first start` : ''}`,
  });
  return {
    engine,
    connection,
    connectionTimeoutSeconds: o.connectionTimeoutSeconds as number | undefined,
    secret,
    ...(database_ ? { database: database_ } : {}),
    ...(caCertificate ? { caCertificate } : {}),
  };
}

function resolvePool(o: unknown): ConnectionPool | undefined {
  if (o === undefined) return undefined;
  const option = 'persistence.connectionPool';
  checkObject(option, o, '{ maxIdleConns: 10, maxOpenConns: 20 }');
  rejectUnknownKeys(option, o, POOL_KEYS);
  checkInt(`${option}.maxIdleConns`, o.maxIdleConns, 0, 'give 0 or more');
  checkInt(`${option}.maxOpenConns`, o.maxOpenConns, 0, 'give 0 (unlimited) or more');
  const connMaxLifetime = resolveTtl(`${option}.connMaxLifetime`, o.connMaxLifetime);
  return {
    ...(o.maxIdleConns !== undefined ? { maxIdleConns: o.maxIdleConns as number } : {}),
    ...(o.maxOpenConns !== undefined ? { maxOpenConns: o.maxOpenConns as number } : {}),
    ...(connMaxLifetime !== undefined ? { connMaxLifetime } : {}),
  };
}

function resolveSync(o: unknown, db: DbConfig, skipMigration: boolean | undefined): SyncConfig | undefined {
  if (o === undefined || o === false) return undefined;
  const option = 'persistence.synchronization';
  if (o !== true) {
    if (!isPlainObject(o)) throw invalid(option, o, 'it must be true, false or an object of synchronization options', 'use true for the defaults');
    rejectUnknownKeys(option, o, SYNC_KEYS);
  }
  const s: Record<string, unknown> = o === true ? {} : o;
  const controllerName = s.controllerName ?? DEFAULT_SYNC_CONTROLLER_NAME;
  if (typeof controllerName !== 'string' || controllerName.trim() === '' || controllerName.length > 253) {
    throw invalid(`${option}.controllerName`, controllerName, 'it must be a non-empty name of at most 253 characters', `use "${DEFAULT_SYNC_CONTROLLER_NAME}", or one name per cluster sharing the database`);
  }
  checkBool(`${option}.enableAPI`, s.enableAPI);
  for (const [k, fallback] of [['limitTableName', 'sync_limit'], ['stateTableName', 'sync_state'], ['controllerTableName', 'sync_controller'], ['lockTableName', 'sync_lock']]) {
    checkTableName(`${option}.${k}`, s[k], fallback);
  }
  const tables = [s.limitTableName ?? 'sync_limit', s.stateTableName ?? 'sync_state', s.controllerTableName ?? 'sync_controller', s.lockTableName ?? 'sync_lock'];
  const dup = tables.find((t, i) => tables.indexOf(t) !== i);
  if (dup !== undefined) {
    throw conflict(`${option} uses the table ${show(dup)} twice: the limit, state, controller and lock tables must differ`, 'give each table its own name');
  }
  for (const k of ['pollSeconds', 'heartbeatSeconds', 'inactiveControllerSeconds']) checkInt(`${option}.${k}`, s[k], 1, 'give 1 or more, or remove it for Argo\'s default');
  checkInt(`${option}.semaphoreLimitCacheSeconds`, s.semaphoreLimitCacheSeconds, 0, 'give 0 (no cache) or more');
  const pick = (k: string) => (s[k] !== undefined ? { [k]: s[k] } : {});
  return {
    ...db,
    controllerName,
    enableAPI: (s.enableAPI as boolean | undefined) ?? true,
    ...(skipMigration !== undefined ? { skipMigration } : {}),
    ...pick('limitTableName'), ...pick('stateTableName'), ...pick('controllerTableName'), ...pick('lockTableName'),
    ...pick('pollSeconds'), ...pick('heartbeatSeconds'), ...pick('inactiveControllerSeconds'), ...pick('semaphoreLimitCacheSeconds'),
  } as SyncConfig;
}

/**
 * Validates the persistence options and resolves them into the controller config's `persistence`
 * (and `synchronization`), the credentials Secret and the in-cluster database. `undefined` when
 * persistence is not configured.
 */
export function resolvePersistence(o: PersistenceOptions | undefined, ctx: { namespace: string }): ResolvedPersistence | undefined {
  if (o === undefined) return undefined;
  const raw: unknown = o;
  checkObject('persistence', raw, '{ postgres: { inCluster: {} } }');
  rejectUnknownKeys('persistence', raw, PERSISTENCE_KEYS);
  if (o.postgres !== undefined && o.mysql !== undefined) {
    throw conflict('persistence.postgres and persistence.mysql are both set: Argo keeps the archive and offloaded node status in one database', 'keep one of them');
  }
  if (o.postgres === undefined && o.mysql === undefined) {
    throw conflict('persistence has no database: it needs persistence.postgres or persistence.mysql',
      'add postgres: { inCluster: {} } to run PostgreSQL in the cluster, or postgres: { host, credentials } to use your own database');
  }

  checkBool('persistence.archive', o.archive);
  checkBool('persistence.nodeStatusOffLoad', o.nodeStatusOffLoad);
  checkBool('persistence.skipMigration', o.skipMigration);
  const archive = o.archive ?? true;
  const archiveTTL = resolveTtl('persistence.archiveTTL', o.archiveTTL);
  if (!archive && archiveTTL !== undefined) {
    throw conflict('persistence.archiveTTL is set but persistence.archive is false: nothing is archived, so nothing expires', 'remove persistence.archiveTTL, or set persistence.archive to true');
  }
  if (o.archiveLabelSelector !== undefined) {
    if (!archive) {
      throw conflict('persistence.archiveLabelSelector is set but persistence.archive is false: nothing is archived', 'remove persistence.archiveLabelSelector, or set persistence.archive to true');
    }
    validateControllerConfig({ persistence: { archiveLabelSelector: o.archiveLabelSelector } }, '');
    validateLabels('persistence.archiveLabelSelector.matchLabels', o.archiveLabelSelector.matchLabels);
  }
  if (o.tableName === '') {
    throw conflict('persistence.tableName is missing: Argo requires a table name for the archive (an empty one is a fatal "TableName is empty")',
      `remove persistence.tableName to use "${DEFAULT_TABLE_NAME}", or set a name like "${DEFAULT_TABLE_NAME}"`);
  }
  checkTableName('persistence.tableName', o.tableName, DEFAULT_TABLE_NAME);
  const tableName = o.tableName ?? DEFAULT_TABLE_NAME;
  if (o.clusterName !== undefined && (typeof o.clusterName !== 'string' || o.clusterName.trim() === '' || o.clusterName.length > 64)) {
    throw invalid('persistence.clusterName', o.clusterName, 'it must be a non-empty name of at most 64 characters', 'remove it to use Argo\'s default "default", or name this cluster, e.g. "prod-eu"');
  }
  const connectionPool = resolvePool(o.connectionPool);

  const engine = o.postgres !== undefined ? DatabaseEngine.POSTGRES : DatabaseEngine.MYSQL;
  const sync = o.synchronization !== undefined && o.synchronization !== false;
  const uses = `the Argo Workflows archive${sync ? ' and synchronization' : ''}`;
  const db = resolveDatabase(engine, engine === DatabaseEngine.POSTGRES ? o.postgres : o.mysql, { namespace: ctx.namespace, uses });
  const key = ENGINES[engine].configKey;

  const shared: DbConfig = {
    [key]: db.connection,
    ...(connectionPool !== undefined ? { connectionPool } : {}),
    ...(db.connectionTimeoutSeconds !== undefined ? { connectionTimeoutSeconds: db.connectionTimeoutSeconds } : {}),
  };
  const persistence: PersistConfig = {
    ...shared,
    [key]: { ...db.connection, tableName },
    archive,
    ...(archiveTTL !== undefined ? { archiveTTL } : {}),
    ...(o.archiveLabelSelector !== undefined ? { archiveLabelSelector: o.archiveLabelSelector } : {}),
    nodeStatusOffLoad: o.nodeStatusOffLoad ?? true,
    ...(o.clusterName !== undefined ? { clusterName: o.clusterName } : {}),
    ...(o.skipMigration !== undefined ? { skipMigration: o.skipMigration } : {}),
  };
  const synchronization = resolveSync(o.synchronization, shared, o.skipMigration);

  // Everything written to the controller config must pass Argo's strict key tree.
  validateControllerConfig({ persistence, ...(synchronization ? { synchronization } : {}) }, 'controller.config');
  return {
    persistence,
    ...(synchronization ? { synchronization } : {}),
    secret: db.secret,
    ...(db.database ? { database: db.database } : {}),
    ...(db.caCertificate ? { caCertificate: db.caCertificate } : {}),
  };
}
