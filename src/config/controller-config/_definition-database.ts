/**
 * The database keys of Argo's `persistence` and `synchronization` (config/config.go `DBConfig`,
 * `PersistConfig`, `SyncConfig`).
 */
import { LABEL_SELECTOR, SECRET_KEY_SELECTOR, stringMap } from './_definition-kubernetes';
import { bool, int, num, obj, oneOf, str, ttl } from './_shape';

/** Fields both database engines have (`DatabaseConfig`). */
export const DATABASE = {
  /** Host name of the database server. */
  host: str,
  /** Port of the database server. @default - the driver's default port (5432 for PostgreSQL, 3306 for MySQL) */
  port: int,
  /** Name of the database to connect to. */
  database: str,
  /**
   * Table of offloaded node status, created by the migration. Required under `persistence`: an
   * empty value stops the controller and argo-server with "TableName is empty".
   */
  tableName: str,
  /** Secret key holding the user name, read from the namespace of the controller and of argo-server. */
  userNameSecret: SECRET_KEY_SELECTOR,
  /** Secret key holding the password, read from the namespace of the controller and of argo-server. */
  passwordSecret: SECRET_KEY_SELECTOR,
};

/** Connection keys `persistence` and `synchronization` share (`DBConfig`). */
export const DB_CONNECTION = {
  /** A PostgreSQL database. Set this or `mysql`, not both. */
  postgresql: obj({
    ...DATABASE,
    /** Connect with TLS. When false the connection uses `sslmode=disable`. @default false */
    ssl: bool,
    /** libpq `sslmode` used when `ssl` is true. @default "prefer" */
    sslMode: oneOf('disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'),
    /** Use an Azure AD token as the password. Only one of `azureToken` and `awsRDSToken` may be enabled. */
    azureToken: obj({
      /** Fetch the password as an Azure AD token. @default false */
      enabled: bool,
      /** Scope the token is requested for. @default "https://ossrdbms-aad.database.windows.net/.default" */
      scope: str,
    }),
    /** Use an AWS RDS IAM auth token as the password; needs `ssl: true`. */
    awsRDSToken: obj({
      /** Fetch the password as an RDS IAM auth token. @default false */
      enabled: bool,
      /** AWS region of the RDS instance. @default - detected by the AWS SDK */
      region: str,
    }),
  }),
  /** A MySQL database. Set this or `postgresql`, not both. */
  mysql: obj({
    ...DATABASE,
    /** Extra connection parameters, added to the MySQL DSN. */
    options: stringMap,
  }),
  /**
   * Connection pool settings. When set, every field is applied and an unset one counts as 0
   * (no idle connections kept; 0 open and 0 lifetime mean unlimited).
   * @default - Go's `database/sql` defaults
   */
  connectionPool: obj({
    /** Most idle connections kept in the pool. */
    maxIdleConns: int,
    /** Most open connections; 0 is unlimited. */
    maxOpenConns: int,
    /** Longest time a connection is reused, one whole unit such as `1h`; `0s` is unlimited. */
    connMaxLifetime: ttl,
  }),
  /** Retries of the initial connection and reconnections. */
  reconnectionConfig: obj({
    /** Connection attempts before giving up. @default 5 */
    maxRetries: int,
    /** First retry delay in seconds, multiplied by `retryMultiple` at each retry. @default 0 (100 milliseconds) */
    baseDelaySeconds: int,
    /** Longest delay between retries, in seconds. @default 30 */
    maxDelaySeconds: int,
    /** Growth factor of the delay. @default 2.0 */
    retryMultiple: num,
  }),
  /** Timeout for establishing a connection, in seconds. @default 5 */
  connectionTimeoutSeconds: int,
};

/** `persistence`: the workflow archive and node-status offloading. */
export const PERSISTENCE = obj({
  ...DB_CONNECTION,
  /**
   * Keep the node status of running workflows in the database instead of the Workflow object,
   * to stay under etcd's 1 MB object limit. Note the capital L. @default false
   */
  nodeStatusOffLoad: bool,
  /** Archive finished workflows to the database, so they stay visible after Kubernetes deletes them. @default false */
  archive: bool,
  /** Archive only the workflows whose labels match. @default - every workflow */
  archiveLabelSelector: LABEL_SELECTOR,
  /** How long archived workflows are kept, one whole unit such as `30d`. @default - forever */
  archiveTTL: ttl,
  /** Name of this cluster (really: this controller) in the shared database tables. @default "default" */
  clusterName: str,
  /** Skip the database migration at start-up. @default false */
  skipMigration: bool,
});

/** `synchronization`: database-backed semaphores and mutexes. */
export const SYNCHRONIZATION = obj({
  ...DB_CONNECTION,
  /** Name of this controller in the shared tables; give each controller sharing the database its own. */
  controllerName: str,
  /** Serve the synchronization API in argo-server. @default false */
  enableAPI: bool,
  /** Skip the migration of the synchronization tables. @default false */
  skipMigration: bool,
  /** Table of semaphore limits. @default "sync_limit" */
  limitTableName: str,
  /** Table of the current lock state (holders and waiters). @default "sync_state" */
  stateTableName: str,
  /** Table of controller heartbeats. @default "sync_controller" */
  controllerTableName: str,
  /** Table of lock coordination data. @default "sync_lock" */
  lockTableName: str,
  /** Seconds between checks for lock changes. @default 10 (the code's value; config.go's comment says 5) */
  pollSeconds: int,
  /** Seconds between this controller's heartbeats. @default 60 */
  heartbeatSeconds: int,
  /** Seconds without a heartbeat after which a controller counts as dead. @default 600 (the code's value; config.go's comment says 300) */
  inactiveControllerSeconds: int,
  /** Seconds a semaphore's limit is cached before it is read again; 0 reads it at every check. @default 0 */
  semaphoreLimitCacheSeconds: int,
});
