/**
 * The PostgreSQL-only parts of a connection: TLS (`ssl`, `sslMode`), AWS RDS IAM and Azure token
 * authentication, and the CA bundle. Internal to the package.
 */
import type { PostgreSQLConfig } from '../controller-config';
import { Checker } from '../check';
import { conflict, invalid, show } from '../errors';
import { DatabaseCaCertificate, PostgresSslMode } from './database-options';

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Argo's default scope for Azure AD tokens. */
const AZURE_DEFAULT_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

/** The PostgreSQL connection fields besides host, port and database, and whether a token replaces the password. */
export interface PostgresAuth {
  readonly fields: Pick<PostgreSQLConfig, 'ssl' | 'sslMode' | 'awsRDSToken' | 'azureToken'>;
  readonly tokenAuth: boolean;
  readonly caCertificate?: DatabaseCaCertificate;
}

function checkTls(c: Checker, o: Record<string, unknown>, inCluster: boolean): boolean {
  c.bool('ssl', o.ssl);
  c.enum('sslMode', o.sslMode, PostgresSslMode, 'use PostgresSslMode.REQUIRE, PostgresSslMode.VERIFY_CA or PostgresSslMode.VERIFY_FULL');
  if (inCluster) {
    for (const k of ['ssl', 'sslMode', 'awsRdsIamAuth', 'azureTokenAuth', 'caCertificate']) {
      if (o[k] !== undefined && !(k === 'ssl' && o[k] === false)) {
        throw conflict(`${c.at(k)} is set with ${c.at('inCluster')}: the in-cluster PostgreSQL serves no TLS and uses password authentication`,
          `remove ${c.at(k)}, or use your own database with ${c.at('host')}`);
      }
    }
  }
  const ssl = o.ssl === true;
  if (ssl && o.sslMode === PostgresSslMode.DISABLE) {
    throw conflict(`${c.at('sslMode')} is "disable" but ${c.at('ssl')} is true: the connection would not use TLS after all`, `remove ${c.at('sslMode')} for TLS, or set ${c.at('ssl')} to false`);
  }
  if (o.sslMode !== undefined && o.sslMode !== PostgresSslMode.DISABLE && !ssl) {
    throw conflict(`${c.at('sslMode')} is ${show(o.sslMode)} but ${c.at('ssl')} is not true: Argo ignores sslMode and connects without TLS (sslmode=disable) unless ssl is true`,
      `set ${c.at('ssl')}: true, or remove ${c.at('sslMode')}`);
  }
  return ssl;
}

function awsRdsToken(c: Checker, value: unknown, ssl: boolean): PostgreSQLConfig['awsRDSToken'] {
  const a = c.child('awsRdsIamAuth');
  const o = a.object(value, '{ region: "eu-west-1" }');
  a.known(o, ['region']);
  if (typeof o.region !== 'string' || !AWS_REGION.test(o.region)) {
    throw invalid(a.at('region'), o.region, 'it must be an AWS region like "eu-west-1"', 'use the region of your RDS instance, e.g. "us-east-1"');
  }
  if (!ssl) {
    throw conflict(`${a.path} is set but ${c.at('ssl')} is not true: Argo refuses AWS RDS IAM authentication without TLS ("SSL must be enabled (ssl: true) when using AWS RDS IAM authentication")`,
      `set ${c.at('ssl')}: true`);
  }
  return { enabled: true, region: o.region };
}

function azureToken(c: Checker, value: unknown): PostgreSQLConfig['azureToken'] {
  const a = c.child('azureTokenAuth');
  const o = a.object(value, '{}', `pass {} for Argo's default scope, or { scope: "${AZURE_DEFAULT_SCOPE}" }`);
  a.known(o, ['scope']);
  const scope = o.scope;
  if (scope !== undefined && (typeof scope !== 'string' || scope.trim() === '')) {
    throw invalid(a.at('scope'), scope, 'it must be a non-empty OAuth scope', `remove it to use Argo's default "${AZURE_DEFAULT_SCOPE}"`);
  }
  return { enabled: true, ...(scope !== undefined ? { scope: scope as string } : {}) };
}

function caCertificate(c: Checker, value: unknown, ssl: boolean): DatabaseCaCertificate {
  const a = c.child('caCertificate');
  const ca = a.object(value, '{ configMapName: "rds-ca", key: "global-bundle.pem" }');
  a.known(ca, ['configMapName', 'key']);
  a.dnsSubdomain('configMapName', ca.configMapName);
  if (typeof ca.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(ca.key)) {
    throw invalid(a.at('key'), ca.key, 'it must be a ConfigMap key: letters, digits, "-", "_" and "."', 'use the key holding the PEM bundle, e.g. "ca.crt"');
  }
  if (!ssl) {
    throw conflict(`${a.path} is set but ${c.at('ssl')} is not true: without TLS no certificate is checked`, `set ${c.at('ssl')}: true and a ${c.at('sslMode')} such as PostgresSslMode.VERIFY_FULL`);
  }
  return { configMapName: ca.configMapName as string, key: ca.key };
}

/** Validates the PostgreSQL-only options of `persistence.postgres`. */
export function resolvePostgresAuth(c: Checker, o: Record<string, unknown>, inCluster: boolean): PostgresAuth {
  const ssl = checkTls(c, o, inCluster);
  if (o.awsRdsIamAuth !== undefined && o.azureTokenAuth !== undefined) {
    throw conflict(`${c.at('awsRdsIamAuth')} and ${c.at('azureTokenAuth')} are both set: Argo uses one token authentication at a time`, 'keep one of them');
  }
  const aws = o.awsRdsIamAuth !== undefined ? awsRdsToken(c, o.awsRdsIamAuth, ssl) : undefined;
  const azure = o.azureTokenAuth !== undefined ? azureToken(c, o.azureTokenAuth) : undefined;
  const ca = o.caCertificate !== undefined ? caCertificate(c, o.caCertificate, ssl) : undefined;
  return {
    fields: {
      ...(ssl ? { ssl: true } : {}),
      ...(o.sslMode !== undefined ? { sslMode: o.sslMode as PostgresSslMode } : {}),
      ...(aws ? { awsRDSToken: aws } : {}),
      ...(azure ? { azureToken: azure } : {}),
    },
    tokenAuth: aws !== undefined || azure !== undefined,
    ...(ca ? { caCertificate: ca } : {}),
  };
}
