/**
 * Database-backed semaphores and mutexes (`synchronization`), the connection pool and the table
 * names they share with the archive. Internal to the package.
 */
import type { ConnectionPool, DbConfig, SyncConfig } from '../controller-config';
import { Checker, isPlainObject } from '../check';
import { conflict, hintText, invalid, show } from '../errors';
import { resolveTtl } from '../ttl';

export const DEFAULT_SYNC_CONTROLLER_NAME = 'workflow-controller';

const POOL_KEYS = ['maxIdleConns', 'maxOpenConns', 'connMaxLifetime'];
const SYNC_KEYS = ['controllerName', 'enableAPI', 'limitTableName', 'stateTableName', 'controllerTableName', 'lockTableName', 'pollSeconds', 'heartbeatSeconds', 'inactiveControllerSeconds', 'semaphoreLimitCacheSeconds'];
/** The synchronization tables and Argo's default names for them. */
const SYNC_TABLES: readonly [string, string][] = [['limitTableName', 'sync_limit'], ['stateTableName', 'sync_state'], ['controllerTableName', 'sync_controller'], ['lockTableName', 'sync_lock']];

/** A SQL table name Argo can use unquoted in both engines. */
export const TABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Checks an optional SQL table name; the fix suggests a cleaned name, else `fallback`. */
export function checkTableName(option: string, value: unknown, fallback: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !TABLE_NAME_PATTERN.test(value)) {
    const suggestion = hintText(value).replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=[0-9])/, '_').slice(0, 63);
    throw invalid(option, value, 'it must be a SQL table name of 1-63 letters, digits and "_", starting with a letter or "_"',
      `use a name like ${JSON.stringify(suggestion && TABLE_NAME_PATTERN.test(suggestion) ? suggestion : fallback)}`);
  }
}

/** `persistence.connectionPool`, in Argo's keys. */
export function resolvePool(o: unknown): ConnectionPool | undefined {
  if (o === undefined) return undefined;
  const c = new Checker('persistence.connectionPool');
  const pool = c.object(o, '{ maxIdleConns: 10, maxOpenConns: 20 }');
  c.known(pool, POOL_KEYS);
  const maxIdleConns = c.int('maxIdleConns', pool.maxIdleConns, 0, 'give 0 or more');
  const maxOpenConns = c.int('maxOpenConns', pool.maxOpenConns, 0, 'give 0 (unlimited) or more');
  const connMaxLifetime = resolveTtl(c.at('connMaxLifetime'), pool.connMaxLifetime);
  return {
    ...(maxIdleConns !== undefined ? { maxIdleConns } : {}),
    ...(maxOpenConns !== undefined ? { maxOpenConns } : {}),
    ...(connMaxLifetime !== undefined ? { connMaxLifetime } : {}),
  };
}

function checkSyncTables(c: Checker, s: Record<string, unknown>): void {
  for (const [k, fallback] of SYNC_TABLES) checkTableName(c.at(k), s[k], fallback);
  const tables = SYNC_TABLES.map(([k, fallback]) => s[k] ?? fallback);
  const dup = tables.find((t, i) => tables.indexOf(t) !== i);
  if (dup !== undefined) {
    throw conflict(`${c.path} uses the table ${show(dup)} twice: the limit, state, controller and lock tables must differ`, 'give each table its own name');
  }
}

/** `persistence.synchronization` on the persistence database; `undefined` when it is off. */
export function resolveSync(o: unknown, db: DbConfig, skipMigration: boolean | undefined): SyncConfig | undefined {
  if (o === undefined || o === false) return undefined;
  const c = new Checker('persistence.synchronization');
  if (o !== true) {
    if (!isPlainObject(o)) throw invalid(c.path, o, 'it must be true, false or an object of synchronization options', 'use true for the defaults');
    c.known(o, SYNC_KEYS);
  }
  const s: Record<string, unknown> = o === true ? {} : o;
  const controllerName = s.controllerName ?? DEFAULT_SYNC_CONTROLLER_NAME;
  if (typeof controllerName !== 'string' || controllerName.trim() === '' || controllerName.length > 253) {
    throw invalid(c.at('controllerName'), controllerName, 'it must be a non-empty name of at most 253 characters', `use "${DEFAULT_SYNC_CONTROLLER_NAME}", or one name per cluster sharing the database`);
  }
  c.bool('enableAPI', s.enableAPI);
  checkSyncTables(c, s);
  for (const k of ['pollSeconds', 'heartbeatSeconds', 'inactiveControllerSeconds']) c.int(k, s[k], 1, 'give 1 or more, or remove it for Argo\'s default');
  c.int('semaphoreLimitCacheSeconds', s.semaphoreLimitCacheSeconds, 0, 'give 0 (no cache) or more');
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
