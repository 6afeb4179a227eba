import { Construct } from 'constructs';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1Probe as Probe } from 'kubernetes-models/v1/Probe';
import type { Endpoint } from '../config/endpoints';
import { DatabaseEngine, ResolvedInClusterDatabase } from '../config/persistence/database-options';
import type { K8sContext } from './_meta';
import { containerPorts, restrictedContainerSecurityContext } from './_pod';
import { statefulService } from './_workloads';

/** Where the data volume is mounted, and the data directory inside it (a subdirectory, so `lost+found` does not get in the way). */
export const POSTGRES_DATA_MOUNT = '/var/lib/postgresql/data';
export const POSTGRES_PGDATA = '/var/lib/postgresql/data/pgdata';
export const MYSQL_DATA_MOUNT = '/var/lib/mysql';
export const MYSQL_DATADIR = '/var/lib/mysql/data';

export interface InClusterDatabaseProps {
  readonly ctx: K8sContext;
  readonly database: ResolvedInClusterDatabase;
  /** The database's pods and port, from the plan. */
  readonly endpoint: Endpoint;
}

const secretEnv = (name: string, secretName: string, key: string): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secretName, key } } });

/** What differs between the engines: env, probe command, runtime directories, data directory. */
function engineSpec(db: ResolvedInClusterDatabase): { env: EnvVar[]; args?: string[]; probe: string[]; livenessDelay: number; runtimeDirs: [string, string][]; dataMount: string } {
  if (db.engine === DatabaseEngine.POSTGRES) {
    return {
      env: [
        secretEnv('POSTGRES_USER', db.secretName, 'username'),
        secretEnv('POSTGRES_PASSWORD', db.secretName, 'password'),
        { name: 'POSTGRES_DB', value: db.database },
        { name: 'PGDATA', value: POSTGRES_PGDATA },
      ],
      probe: ['sh', '-c', `exec pg_isready -h 127.0.0.1 -p ${db.containerPort} -U "$POSTGRES_USER" -d "$POSTGRES_DB"`],
      livenessDelay: 30,
      runtimeDirs: [['run', '/var/run/postgresql'], ['tmp', '/tmp']],
      dataMount: POSTGRES_DATA_MOUNT,
    };
  }
  return {
    env: [
      secretEnv('MYSQL_USER', db.secretName, 'username'),
      secretEnv('MYSQL_PASSWORD', db.secretName, 'password'),
      secretEnv('MYSQL_ROOT_PASSWORD', db.secretName, 'password'),
      { name: 'MYSQL_DATABASE', value: db.database },
    ],
    args: ['mysqld', `--datadir=${MYSQL_DATADIR}`],
    probe: ['mysqladmin', 'ping', '-h', '127.0.0.1'],
    livenessDelay: 60,
    runtimeDirs: [['run', '/var/run/mysqld'], ['tmp', '/tmp']],
    dataMount: MYSQL_DATA_MOUNT,
  };
}

/**
 * A PostgreSQL or MySQL database for the workflow archive, in the install namespace: ServiceAccount
 * (no token), a one-replica StatefulSet with a retained PersistentVolumeClaim `data`, and a ClusterIP
 * Service. It runs as the image's own non-root user under Pod Security "restricted" with a read-only
 * root filesystem, and takes its credentials only from the Secret.
 */
export class InClusterDatabase extends Construct {
  /** Name of the Service (the host Argo connects to). */
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: InClusterDatabaseProps) {
    super(scope, id);
    const { ctx, database: db, endpoint } = props;
    const name = db.name;
    const e = engineSpec(db);
    this.serviceName = name;

    const probe = (initialDelaySeconds: number, failureThreshold: number): Probe => ({
      exec: { command: [...e.probe] }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 5, failureThreshold,
    });
    const container: Container = {
      name,
      image: db.image,
      ...(e.args ? { args: e.args } : {}),
      env: e.env,
      ports: containerPorts(endpoint),
      readinessProbe: probe(5, 3),
      livenessProbe: probe(e.livenessDelay, 6),
      resources: db.resources,
      securityContext: restrictedContainerSecurityContext(true),
      volumeMounts: [
        { name: 'data', mountPath: e.dataMount },
        ...e.runtimeDirs.map(([volume, mountPath]) => ({ name: volume, mountPath })),
      ],
    };
    statefulService(this, ctx, endpoint, {
      replicas: db.replicas, uid: db.uid, pod: db, container,
      volumes: e.runtimeDirs.map(([volume]) => ({ name: volume, emptyDir: {} })),
      storage: db.storage, storageClassName: db.storageClassName,
    });
  }
}
