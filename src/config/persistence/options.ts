/**
 * The options of the workflow archive and node-status offloading (Argo's `persistence`) and of
 * database-backed synchronization. The database itself is in `database-options.ts`.
 */
import type { Duration } from 'cdk8s';
import type { LabelSelector } from '../controller-config';
import type { MySqlOptions, PostgresOptions } from './database-options';

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

