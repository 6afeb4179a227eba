/**
 * The workflow archive and node-status offloading in a real database (Argo's `persistence`), and
 * optionally database-backed semaphores and mutexes (`synchronization`) in the same database.
 * Pure: validates the options and resolves them into Argo's exact config keys, the Secret the
 * credentials come from and (for `inCluster`) the database argo-stack runs; contributes the config,
 * the Secret reads, the CA bundle mount, the database endpoint and the flows to it.
 */
import type { DbConfig, PersistConfig, SyncConfig } from '../controller-config';
import { validateControllerConfig } from '../controller-config/schema';
import type { SecretSpec } from '../credentials';
import { Checker } from '../check';
import type { Contributions, Feature, PodAddition } from '../contributions';
import { appSelector, Component, Endpoint, ExternalTarget, Flow, PORTS } from '../endpoints';
import { conflict, invalid } from '../errors';
import { resolveTtl } from '../ttl';
import { DatabaseCaCertificate, DatabaseEngine, ResolvedInClusterDatabase } from './database-options';
import { ENGINES, resolveDatabase } from './database';
import type { PersistenceOptions } from './options';
import { checkTableName, resolvePool, resolveSync } from './sync';

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
/** Where the controller and argo-server find the database CA bundle. */
export const DATABASE_CA_DIR = '/etc/argo-stack/database-ca';

const PERSISTENCE_KEYS = ['postgres', 'mysql', 'archive', 'archiveTTL', 'archiveLabelSelector', 'nodeStatusOffLoad', 'connectionPool', 'clusterName', 'skipMigration', 'tableName', 'synchronization'];

function checkDatabaseChoice(o: PersistenceOptions): void {
  if (o.postgres !== undefined && o.mysql !== undefined) {
    throw conflict('persistence.postgres and persistence.mysql are both set: Argo keeps the archive and offloaded node status in one database', 'keep one of them');
  }
  if (o.postgres === undefined && o.mysql === undefined) {
    throw conflict('persistence has no database: it needs persistence.postgres or persistence.mysql',
      'add postgres: { inCluster: {} } to run PostgreSQL in the cluster, or postgres: { host, credentials } to use your own database');
  }
}

/** The archive settings of `persistence` (everything but the database and synchronization). */
function resolveArchive(c: Checker, o: PersistenceOptions): Omit<PersistConfig, 'postgresql' | 'mysql' | 'connectionPool' | 'connectionTimeoutSeconds'> & { tableName: string } {
  c.bool('archive', o.archive);
  c.bool('nodeStatusOffLoad', o.nodeStatusOffLoad);
  c.bool('skipMigration', o.skipMigration);
  const archive = o.archive ?? true;
  const archiveTTL = resolveTtl(c.at('archiveTTL'), o.archiveTTL);
  if (!archive && archiveTTL !== undefined) {
    throw conflict('persistence.archiveTTL is set but persistence.archive is false: nothing is archived, so nothing expires', 'remove persistence.archiveTTL, or set persistence.archive to true');
  }
  if (o.archiveLabelSelector !== undefined) {
    if (!archive) {
      throw conflict('persistence.archiveLabelSelector is set but persistence.archive is false: nothing is archived', 'remove persistence.archiveLabelSelector, or set persistence.archive to true');
    }
    validateControllerConfig({ persistence: { archiveLabelSelector: o.archiveLabelSelector } }, '');
    c.child('archiveLabelSelector').labels('matchLabels', o.archiveLabelSelector.matchLabels);
  }
  if (o.tableName === '') {
    throw conflict('persistence.tableName is missing: Argo requires a table name for the archive (an empty one is a fatal "TableName is empty")',
      `remove persistence.tableName to use "${DEFAULT_TABLE_NAME}", or set a name like "${DEFAULT_TABLE_NAME}"`);
  }
  checkTableName(c.at('tableName'), o.tableName, DEFAULT_TABLE_NAME);
  if (o.clusterName !== undefined && (typeof o.clusterName !== 'string' || o.clusterName.trim() === '' || o.clusterName.length > 64)) {
    throw invalid(c.at('clusterName'), o.clusterName, 'it must be a non-empty name of at most 64 characters', 'remove it to use Argo\'s default "default", or name this cluster, e.g. "prod-eu"');
  }
  return {
    archive,
    ...(archiveTTL !== undefined ? { archiveTTL } : {}),
    ...(o.archiveLabelSelector !== undefined ? { archiveLabelSelector: o.archiveLabelSelector } : {}),
    nodeStatusOffLoad: o.nodeStatusOffLoad ?? true,
    ...(o.clusterName !== undefined ? { clusterName: o.clusterName } : {}),
    ...(o.skipMigration !== undefined ? { skipMigration: o.skipMigration } : {}),
    tableName: o.tableName ?? DEFAULT_TABLE_NAME,
  };
}

/** The database CA bundle for the controller and argo-server: a ConfigMap volume, its mount, and `PGSSLROOTCERT`. */
function caBundle(ca: DatabaseCaCertificate): PodAddition {
  return {
    to: ['controller', 'server'],
    volumes: [{ name: 'database-ca', configMap: { name: ca.configMapName, items: [{ key: ca.key, path: 'ca.crt' }] } }],
    volumeMounts: [{ name: 'database-ca', mountPath: DATABASE_CA_DIR, readOnly: true }],
    env: [{ name: 'PGSSLROOTCERT', value: `${DATABASE_CA_DIR}/ca.crt` }],
  };
}

/** The in-cluster database as an endpoint, and the binaries' connections to it. */
function databaseNetwork(db: ResolvedInClusterDatabase): { endpoints: Endpoint[]; flows: Flow[] } {
  const component = db.engine === DatabaseEngine.POSTGRES ? Component.POSTGRES : Component.MYSQL;
  const port = db.name;
  return {
    endpoints: [{
      component, name: db.name, namespace: db.namespace, selector: appSelector(db.name),
      ports: [{ name: port, containerPort: db.containerPort, servicePort: db.port, protocol: 'TCP' }],
    }],
    flows: [
      { from: { component: Component.CONTROLLER }, to: component, port, purpose: 'workflow archive, offloaded node status and synchronization' },
      { from: { component: Component.SERVER }, to: component, port, purpose: 'archived workflows in the UI and API' },
    ],
  };
}

/** A database outside the cluster: the binaries connect to its host and port. */
function externalDatabaseFlows(r: ResolvedPersistence): Flow[] {
  const db = r.persistence.postgresql ?? r.persistence.mysql;
  if (!db?.host) return [];
  const port = db.port ?? (r.persistence.postgresql ? PORTS.postgres : PORTS.mysql);
  const to = { external: ExternalTarget.DATABASE, host: db.host, port };
  const name = r.persistence.postgresql ? 'postgres' : 'mysql';
  return [
    { from: { component: Component.CONTROLLER }, to, port: name, purpose: 'workflow archive, offloaded node status and synchronization' },
    { from: { component: Component.SERVER }, to, port: name, purpose: 'archived workflows in the UI and API' },
  ];
}

function contributions(r: ResolvedPersistence): Contributions {
  return {
    controllerConfig: { persistence: r.persistence, ...(r.synchronization ? { synchronization: r.synchronization } : {}) },
    secretsRead: [{ by: ['controller', 'server'], names: [r.secret.name] }],
    pods: r.caCertificate ? [caBundle(r.caCertificate)] : [],
    ...(r.database ? databaseNetwork(r.database) : { flows: externalDatabaseFlows(r) }),
  };
}

/**
 * Validates the persistence options and resolves them into the controller config's `persistence`
 * (and `synchronization`), the credentials Secret and the in-cluster database. `undefined` when
 * persistence is not configured.
 */
export function resolvePersistence(o: PersistenceOptions | undefined, ctx: { namespace: string; imagePullSecrets?: readonly string[] }): Feature<ResolvedPersistence> | undefined {
  if (o === undefined) return undefined;
  const c = new Checker('persistence');
  c.known(c.object(o, '{ postgres: { inCluster: {} } }'), PERSISTENCE_KEYS);
  checkDatabaseChoice(o);
  const { tableName, ...archive } = resolveArchive(c, o);
  const connectionPool = resolvePool(o.connectionPool);

  const engine = o.postgres !== undefined ? DatabaseEngine.POSTGRES : DatabaseEngine.MYSQL;
  const sync = o.synchronization !== undefined && o.synchronization !== false;
  const uses = `the Argo Workflows archive${sync ? ' and synchronization' : ''}`;
  const db = resolveDatabase(engine, engine === DatabaseEngine.POSTGRES ? o.postgres : o.mysql, { namespace: ctx.namespace, uses, imagePullSecrets: ctx.imagePullSecrets });
  const key = ENGINES[engine].configKey;
  const shared: DbConfig = {
    [key]: db.connection,
    ...(connectionPool !== undefined ? { connectionPool } : {}),
    ...(db.connectionTimeoutSeconds !== undefined ? { connectionTimeoutSeconds: db.connectionTimeoutSeconds } : {}),
  };
  const persistence: PersistConfig = { ...shared, [key]: { ...db.connection, tableName }, ...archive };
  const synchronization = resolveSync(o.synchronization, shared, o.skipMigration);

  // Everything written to the controller config must pass Argo's strict key tree.
  validateControllerConfig({ persistence, ...(synchronization ? { synchronization } : {}) }, 'controller.config');
  const resolved: ResolvedPersistence = {
    persistence,
    ...(synchronization ? { synchronization } : {}),
    secret: db.secret,
    ...(db.database ? { database: db.database } : {}),
    ...(db.caCertificate ? { caCertificate: db.caCertificate } : {}),
  };
  return { resolved, contributes: contributions(resolved) };
}
