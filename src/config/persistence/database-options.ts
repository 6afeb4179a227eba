/**
 * The database behind persistence: PostgreSQL or MySQL, your own or one argo-stack runs in the
 * cluster. Its options, defaults and the resolved in-cluster database; `resolvePersistence`
 * (`persistence.ts`) validates and resolves them.
 */
import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { EnumValue } from '../check';
import type { Credentials } from '../credentials';
import type { PodOptions, ResolvedPod } from '../pod';

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
  readonly sslMode?: EnumValue<PostgresSslMode>;
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

/** The in-cluster database argo-stack runs. */
export interface ResolvedInClusterDatabase extends ResolvedPod {
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
export const DEFAULT_STORAGE = '10Gi';
export const DEFAULT_DATABASE_USER = 'argo';
export const DEFAULT_DATABASE_RESOURCES: ResourceRequirements = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } };
