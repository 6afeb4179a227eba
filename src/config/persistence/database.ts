/**
 * Resolves one database option (`persistence.postgres` or `persistence.mysql`): where it is, how
 * Argo logs in, the credentials Secret and, for `inCluster`, the database argo-stack runs.
 * Internal to the package.
 */
import type { MySQLConfig, PostgreSQLConfig, SecretKeySelector } from '../controller-config';
import { Checker, CREDENTIAL_NAME, redact } from '../check';
import { Credentials, CredentialsKind, SecretSpec, validateCredentials, validateSecretSpec } from '../credentials';
import { conflict, hintText, invalid, show } from '../errors';
import { DatabaseCaCertificate, DatabaseEngine, DEFAULT_DATABASE, DEFAULT_DATABASE_USER, ResolvedInClusterDatabase } from './database-options';
import { EngineFacts, ENGINES } from './engines';
import { resolveInCluster } from './in-cluster';
import { resolvePostgresAuth } from './postgres';
import { CREDENTIAL_FIELD } from '../controller-config/credentials';

export { ENGINES };

const DATABASE_KEYS = ['inCluster', 'host', 'port', 'database', 'secretName', 'credentials', 'connectionTimeoutSeconds'];
const POSTGRES_KEYS = [...DATABASE_KEYS, 'ssl', 'sslMode', 'awsRdsIamAuth', 'azureTokenAuth', 'caCertificate'];
const MYSQL_KEYS = [...DATABASE_KEYS, 'options'];

const DATABASE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV6 = /^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}$/;

/** The connection part of `postgresql` / `mysql` (everything but tableName) and how to log in. */
export interface ResolvedConnection {
  readonly engine: DatabaseEngine;
  readonly connection: PostgreSQLConfig | MySQLConfig;
  readonly connectionTimeoutSeconds?: number;
  readonly secret: SecretSpec;
  readonly database?: ResolvedInClusterDatabase;
  readonly caCertificate?: DatabaseCaCertificate;
}

/** Where the database is: in the cluster or at a host, its port, database name and Secret. */
interface Location {
  readonly inCluster: boolean;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly secretName: string;
}

function checkKeys(c: Checker, engine: DatabaseEngine, o: Record<string, unknown>): void {
  if (engine === DatabaseEngine.MYSQL) {
    for (const k of ['awsRdsIamAuth', 'azureTokenAuth']) {
      if (o[k] === undefined) continue;
      throw conflict(`${c.at(k)} is set: Argo Workflows v4.1.2 supports AWS RDS IAM and Azure token authentication only for PostgreSQL (its MySQL configuration has no token fields)`,
        `use persistence.postgres with ${k}, or remove ${c.at(k)} and give credentials with a password`);
    }
  }
  c.known(o, engine === DatabaseEngine.POSTGRES ? POSTGRES_KEYS : MYSQL_KEYS);
}

function checkHost(option: string, value: unknown): string {
  if (typeof value !== 'string' || !(HOST_NAME.test(value) || IPV6.test(value))) {
    throw invalid(option, value, 'it must be a DNS name or an IP address, without a scheme, port or path',
      `give only the host, e.g. "argo-db.example.com", and put the port in ${option.replace(/\.host$/, '.port')}`);
  }
  return value;
}

function resolveLocation(c: Checker, e: EngineFacts, o: Record<string, unknown>): Location {
  const inCluster = o.inCluster !== undefined;
  if (inCluster && o.host !== undefined) {
    throw conflict(`${c.at('inCluster')} and ${c.at('host')} are both set: the database either runs in the cluster (argo-stack creates it and its Service "${e.service}") or is your own at host`,
      `remove ${c.at('host')} to run ${e.label} in the cluster, or remove ${c.at('inCluster')} to use the database at ${show(o.host)}`);
  }
  if (!inCluster && o.host === undefined) {
    throw conflict(`${c.path} has neither inCluster nor host: argo-stack does not know where the database is`,
      `set ${c.at('inCluster')}: {} to run ${e.label} in the cluster, or set ${c.at('host')} to the address of your database`);
  }
  const host = inCluster ? e.service : checkHost(c.at('host'), o.host);
  const port = o.port ?? e.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(c.at('port'), port, 'it must be a whole number from 1 to 65535', `use ${e.port}, the ${e.label} default`);
  }
  const database = o.database ?? DEFAULT_DATABASE;
  if (typeof database !== 'string' || !DATABASE_NAME_PATTERN.test(database)) {
    throw invalid(c.at('database'), database, 'it must be a database name of 1-63 letters, digits, "_", "$" and "-", starting with a letter or "_"', `use "${DEFAULT_DATABASE}"`);
  }
  const secretName = c.dnsSubdomain('secretName', o.secretName ?? e.secretName);
  return { inCluster, host, port, database, secretName };
}

/** MySQL's DSN options (`options`); values that may be credentials are never shown. */
function mysqlOptions(c: Checker, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const options = c.child('options').object(value, '{ tls: "true" }');
  for (const [k, v] of Object.entries(options)) {
    const secret = CREDENTIAL_NAME.test(k) || CREDENTIAL_FIELD.test(k);
    if (typeof v === 'string' && CREDENTIAL_FIELD.test(k)) {
      throw invalid(`${c.at('options')}["${k}"]`, redact(v), `"${k}" holds a credential, which would be written in plain text to workflow-controller-configmap, which is committed to git`,
        `remove it: the password comes from the Secret in ${c.at('secretName')}, read by Argo`);
    }
    if (typeof v === 'string') continue;
    throw invalid(`${c.at('options')}["${k}"]`, secret ? redact(v) : v, 'a DSN option value must be a string', secret ? 'quote it' : `quote it, e.g. "${hintText(v)}"`);
  }
  return { ...(options as Record<string, string>) };
}

const keyList = (keys: string[]) => `${keys.map((k) => `"${k}"`).join(' and ')} key${keys.length > 1 ? 's' : ''}`;

/** Where the Secret's values come from: given, or generated for an in-cluster database. */
function resolveCredentials(c: Checker, e: EngineFacts, o: Record<string, unknown>, at: Location, keys: string[]): Credentials {
  if (o.credentials === undefined && !at.inCluster) {
    throw conflict(`${c.at('credentials')} is not set: argo-stack cannot know the user name${keys.length > 1 ? ' and password' : ''} of your database at ${show(at.host)}`,
      `set ${c.at('credentials')} to Credentials.existing() (you create the Secret "${at.secretName}" with the ${keyList(keys)}), Credentials.externalSecret(...) or Credentials.sealedSecret(...)`);
  }
  const credentials = o.credentials === undefined
    ? Credentials.generated({ fixed: { username: DEFAULT_DATABASE_USER } })
    : validateCredentials(c.at('credentials'), o.credentials);
  if (!at.inCluster && credentials.kind === CredentialsKind.GENERATED) {
    throw conflict(`${c.at('credentials')} is Credentials.generated() but the database at ${show(at.host)} is not run by argo-stack: your database does not know a generated password, so Argo could not log in`,
      `use Credentials.existing() (you create the Secret "${at.secretName}" with the ${keyList(keys)}), Credentials.externalSecret(...) or Credentials.sealedSecret(...), or run the database in the cluster with ${c.at('inCluster')}`);
  }
  if (at.inCluster && e === ENGINES[DatabaseEngine.MYSQL]) checkMysqlUser(c, credentials);
  return credentials;
}

/** The MySQL entrypoint creates MYSQL_USER next to root; user names have at most 32 characters. */
function checkMysqlUser(c: Checker, credentials: Credentials): void {
  if (credentials.kind !== CredentialsKind.GENERATED) return;
  const g = credentials.generated!;
  const user = g.fixed.username;
  if (user === 'root') {
    throw conflict(`${c.at('credentials')} fixes the user name "root": the MySQL image creates MYSQL_USER next to root and refuses "root"`,
      `use another user name, e.g. { fixed: { username: "${DEFAULT_DATABASE_USER}" } }`);
  }
  const userLength = user !== undefined ? user.length : g.length;
  if (userLength > 32) {
    throw conflict(`${c.at('credentials')} ${user !== undefined ? 'fixes' : 'generates'} a user name of ${userLength} characters: MySQL user names have at most 32`,
      user !== undefined ? `fix a user name of at most 32 characters, e.g. { fixed: { username: "${DEFAULT_DATABASE_USER}" } }` : `fix the user name with { fixed: { username: "${DEFAULT_DATABASE_USER}" } }, or use a length of at most 32`);
  }
}

/** Validates `persistence.postgres` or `persistence.mysql` and resolves its connection, Secret and in-cluster database. */
export function resolveDatabase(engine: DatabaseEngine, value: unknown, ctx: { namespace: string; uses: string; imagePullSecrets?: readonly string[] }): ResolvedConnection {
  const e = ENGINES[engine];
  const c = new Checker(e.option);
  const o = c.object(value, '{ inCluster: {} }');
  checkKeys(c, engine, o);
  const at = resolveLocation(c, e, o);
  c.int('connectionTimeoutSeconds', o.connectionTimeoutSeconds, 1, 'use 5 (Argo\'s default) or more');
  const pg = engine === DatabaseEngine.POSTGRES ? resolvePostgresAuth(c, o, at.inCluster) : undefined;
  const options = engine === DatabaseEngine.MYSQL ? mysqlOptions(c, o.options) : undefined;
  const keys = pg?.tokenAuth ? ['username'] : ['username', 'password'];
  const credentials = resolveCredentials(c, e, o, at, keys);
  const selector = (key: string): SecretKeySelector => ({ name: at.secretName, key });
  const connection = {
    host: at.host, port: at.port, database: at.database,
    ...(pg?.fields ?? {}), ...(options ? { options } : {}),
    userNameSecret: selector('username'),
    ...(pg?.tokenAuth ? {} : { passwordSecret: selector('password') }),
  };
  const database = at.inCluster ? resolveInCluster(engine, o.inCluster, { namespace: ctx.namespace, port: at.port, database: at.database, secretName: at.secretName, imagePullSecrets: ctx.imagePullSecrets }) : undefined;
  // How the source fits the Secret (sealed values for every key, fixed values of existing keys, ...).
  const secret = validateSecretSpec(c.at('credentials'), {
    name: at.secretName,
    keys,
    source: credentials,
    description: `${e.label} ${pg?.tokenAuth ? 'user name' : 'user name and password'} for ${ctx.uses}, read by workflow-controller and argo-server${at.inCluster ? ` and by the in-cluster ${e.label} at its first start` : ''}`,
  });
  return {
    engine,
    connection,
    connectionTimeoutSeconds: o.connectionTimeoutSeconds as number | undefined,
    secret,
    ...(database ? { database } : {}),
    ...(pg?.caCertificate ? { caCertificate: pg.caCertificate } : {}),
  };
}
