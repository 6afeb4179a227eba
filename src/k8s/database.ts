import { Construct } from 'constructs';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1Probe as Probe } from 'kubernetes-models/v1/Probe';
import { DatabaseEngine, ResolvedInClusterDatabase } from '../config/database';
import type { ResolvedArgoWorkflows } from '../config/resolve';
import { Component, manifest, meta } from './_meta';
import { dataVolumeClaim, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';

/** Where the data volume is mounted, and the data directory inside it (a subdirectory, so `lost+found` does not get in the way). */
export const POSTGRES_DATA_MOUNT = '/var/lib/postgresql/data';
export const POSTGRES_PGDATA = '/var/lib/postgresql/data/pgdata';
export const MYSQL_DATA_MOUNT = '/var/lib/mysql';
export const MYSQL_DATADIR = '/var/lib/mysql/data';

export interface InClusterDatabaseProps {
  readonly plan: ResolvedArgoWorkflows;
  readonly database: ResolvedInClusterDatabase;
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
    const { plan, database: db } = props;
    const component = db.engine === DatabaseEngine.POSTGRES ? Component.POSTGRES : Component.MYSQL;
    const name = db.name;
    const ns = db.namespace;
    const selector = { app: name };
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
      ports: [{ name, containerPort: db.containerPort, protocol: 'TCP' }],
      readinessProbe: probe(5, 3),
      livenessProbe: probe(e.livenessDelay, 6),
      resources: db.resources,
      securityContext: restrictedContainerSecurityContext(true),
      volumeMounts: [
        { name: 'data', mountPath: e.dataMount },
        ...e.runtimeDirs.map(([volume, mountPath]) => ({ name: volume, mountPath })),
      ],
    };

    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(plan, component, name, ns), automountServiceAccountToken: false,
    });
    manifest<IStatefulSet>(this, 'StatefulSet', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta(plan, component, name, ns),
      spec: {
        serviceName: name,
        replicas: db.replicas,
        selector: { matchLabels: selector },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels: { ...selector, 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': 'argo-workflows' } },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { ...restrictedPodSecurityContext(db.uid), fsGroupChangePolicy: 'OnRootMismatch' },
            ...scheduling(db),
            containers: [container],
            volumes: e.runtimeDirs.map(([volume]) => ({ name: volume, emptyDir: {} })),
          },
        },
        volumeClaimTemplates: [dataVolumeClaim(selector, db.storage, db.storageClassName)],
      },
    });
    manifest<IService>(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(plan, component, name, ns),
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name, port: db.port, targetPort: name, protocol: 'TCP' }],
      },
    });
  }
}
