/**
 * The workflow archive and node-status offloading in a real database (Argo's `persistence`), and
 * optionally database-backed semaphores and mutexes (`synchronization`) in the same database.
 * Pure: validates the options and resolves them into Argo's exact config keys, the Secret the
 * credentials come from, and (for `inCluster`) the database argo-stack runs. The database options
 * are in `database.ts`.
 */
import { Duration } from 'cdk8s';
import type { ConnectionPool, DbConfig, LabelSelector, PersistConfig, SyncConfig } from './controller-config';
import { validateControllerConfig } from './controller-config-schema';
import type { SecretSpec } from './credentials';
import { DatabaseCaCertificate, DatabaseEngine, MySqlOptions, PostgresOptions, ResolvedInClusterDatabase } from './database';
import { ENGINES, resolveDatabase } from './_database';
import { checkBool, checkInt, checkObject, isPlainObject, rejectUnknownKeys } from './_checks';
import { conflict, invalid, show } from './errors';
import { validateLabels } from './names';
import { resolveTtl } from './ttl';

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

export const DEFAULT_TABLE_NAME = 'argo_workflows';
export const DEFAULT_SYNC_CONTROLLER_NAME = 'workflow-controller';

const PERSISTENCE_KEYS = ['postgres', 'mysql', 'archive', 'archiveTTL', 'archiveLabelSelector', 'nodeStatusOffLoad', 'connectionPool', 'clusterName', 'skipMigration', 'tableName', 'synchronization'];
const POOL_KEYS = ['maxIdleConns', 'maxOpenConns', 'connMaxLifetime'];
const SYNC_KEYS = ['controllerName', 'enableAPI', 'limitTableName', 'stateTableName', 'controllerTableName', 'lockTableName', 'pollSeconds', 'heartbeatSeconds', 'inactiveControllerSeconds', 'semaphoreLimitCacheSeconds'];

/** A SQL table name Argo can use unquoted in both engines. */
export const TABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function checkTableName(option: string, value: unknown, fallback: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !TABLE_NAME_PATTERN.test(value)) {
    const suggestion = String(value ?? '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=[0-9])/, '_').slice(0, 63);
    throw invalid(option, value, 'it must be a SQL table name of 1-63 letters, digits and "_", starting with a letter or "_"',
      `use a name like ${JSON.stringify(suggestion && TABLE_NAME_PATTERN.test(suggestion) ? suggestion : fallback)}`);
  }
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
