/** `controller.persistence`: the archive database, as argo-stack's `persistence` option. */
import { isPlainObject } from '../../config/check';
import type { Conversion } from './context';

const ENGINES = { postgresql: 'postgres', mysql: 'mysql' } as const;
const COPIED = ['archive', 'archiveTTL', 'nodeStatusOffLoad', 'connectionPool', 'clusterName', 'skipMigration', 'archiveLabelSelector'] as const;

/** The database of one engine: host, port, database, the one Secret with `username` and `password`. */
function database(cx: Conversion, from: string, db: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['host', 'port', 'database', 'ssl', 'sslMode']) if (db[key] !== undefined) out[key] = db[key];
  const user = isPlainObject(db.userNameSecret) ? db.userNameSecret : {};
  const password = isPlainObject(db.passwordSecret) ? db.passwordSecret : {};
  const secret = password.name ?? user.name;
  if (secret !== undefined) out.secretName = secret;
  out.credentials = { existing: {} };
  if ((user.name !== undefined && user.name !== secret) || (user.key ?? 'username') !== 'username' || (password.key ?? 'password') !== 'password') {
    cx.skip(`${from}.{userNameSecret,passwordSecret}`, `argo-stack reads the keys "username" and "password" of one Secret (${JSON.stringify(secret)}): copy your values to those keys`);
  }
  const rest = Object.keys(db).filter((k) => !['host', 'port', 'database', 'ssl', 'sslMode', 'userNameSecret', 'passwordSecret', 'tableName'].includes(k));
  for (const key of rest) cx.skip(`${from}.${key}`, 'not a setting argo-stack takes for the database');
  return out;
}

export function persistence(cx: Conversion): void {
  const p = cx.map('controller.persistence');
  if (p === undefined) return;
  const engines = Object.keys(ENGINES).filter((k) => p[k] !== undefined) as (keyof typeof ENGINES)[];
  if (engines.length === 0) {
    cx.skip('controller.persistence', 'it names no database (postgresql or mysql): there is nothing to archive to');
    return;
  }
  if (engines.length > 1) throw cx.wrongType('controller.persistence', engines, 'one database, postgresql or mysql (Argo uses only one)');
  const engine = engines[0];
  const db = isPlainObject(p[engine]) ? p[engine] : {};
  const out: Record<string, unknown> = { [ENGINES[engine]]: database(cx, `controller.persistence.${engine}`, db) };
  for (const key of COPIED) if (p[key] !== undefined) out[key] = p[key];
  if (db.tableName !== undefined) out.tableName = db.tableName;
  for (const key of Object.keys(p).filter((k) => !(k in ENGINES) && !(COPIED as readonly string[]).includes(k))) {
    cx.skip(`controller.persistence.${key}`, 'not a persistence setting of Argo v4.1.2');
  }
  cx.set('persistence', out, 'controller.persistence');
}
