/**
 * Resolves one database option (`persistence.postgres` or `persistence.mysql`): where it is, how
 * Argo logs in, the credentials Secret and, for `inCluster`, the database argo-stack runs.
 * Internal to the package.
 */
import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { MySQLConfig, PostgreSQLConfig, SecretKeySelector } from './controller-config';
import { Credentials, CredentialsKind, SecretSpec, validateCredentials, validateSecretSpec } from './credentials';
import {
  DatabaseCaCertificate, DatabaseEngine, DEFAULT_DATABASE, DEFAULT_DATABASE_RESOURCES, DEFAULT_DATABASE_USER, DEFAULT_MYSQL_IMAGE,
  DEFAULT_POSTGRES_IMAGE, DEFAULT_STORAGE, MYSQL_PORT, MYSQL_UID, POSTGRES_PORT, POSTGRES_UID, PostgresSslMode, ResolvedInClusterDatabase,
} from './database';
import { checkBool, checkInt, checkObject, CREDENTIAL_NAME, isPlainObject, redact, rejectUnknownKeys, validateStorageSize } from './_checks';
import { conflict, invalid, show } from './errors';
import { validateImageReference } from './images';
import { validateDnsSubdomain, validateLabels } from './names';
import type { PodOptions } from './options';

const DEFAULT_DB_NODE_SELECTOR = { 'kubernetes.io/os': 'linux' };

/** What differs between the engines: option path, names, port, image and its user, config key. */
export const ENGINES = {
  [DatabaseEngine.POSTGRES]: {
    option: 'persistence.postgres', label: 'PostgreSQL', service: 'postgres', port: POSTGRES_PORT,
    image: DEFAULT_POSTGRES_IMAGE, uid: POSTGRES_UID, secretName: 'argo-postgres-config', configKey: 'postgresql',
  },
  [DatabaseEngine.MYSQL]: {
    option: 'persistence.mysql', label: 'MySQL', service: 'mysql', port: MYSQL_PORT,
    image: DEFAULT_MYSQL_IMAGE, uid: MYSQL_UID, secretName: 'argo-mysql-config', configKey: 'mysql',
  },
} as const;

const DATABASE_KEYS = ['inCluster', 'host', 'port', 'database', 'secretName', 'credentials', 'connectionTimeoutSeconds'];
const POSTGRES_KEYS = [...DATABASE_KEYS, 'ssl', 'sslMode', 'awsRdsIamAuth', 'azureTokenAuth', 'caCertificate'];
const MYSQL_KEYS = [...DATABASE_KEYS, 'options'];
const IN_CLUSTER_KEYS = ['image', 'storage', 'storageClassName', 'resources', 'nodeSelector', 'tolerations'];

const DATABASE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV6 = /^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Argo's default scope for Azure AD tokens. */
const AZURE_DEFAULT_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

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
export interface ResolvedConnection {
  readonly engine: DatabaseEngine;
  readonly connection: PostgreSQLConfig | MySQLConfig;
  readonly connectionTimeoutSeconds?: number;
  readonly secret: SecretSpec;
  readonly database?: ResolvedInClusterDatabase;
  readonly caCertificate?: DatabaseCaCertificate;
}

/** Validates `persistence.postgres` or `persistence.mysql` and resolves its connection, Secret and in-cluster database. */
export function resolveDatabase(engine: DatabaseEngine, o: unknown, ctx: { namespace: string; uses: string }): ResolvedConnection {
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
