import { Construct } from 'constructs';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1Probe as Probe } from 'kubernetes-models/v1/Probe';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IIoK8sApiCoreV1Volume as Volume } from 'kubernetes-models/v1/Volume';
import { Endpoint, portOf } from '../config/endpoints';
import { MINIO_ACCESS_KEY, MINIO_SECRET_KEY, ResolvedMinio } from '../config/storage/minio';
import { specHashedJobName } from './_job-name';
import { Component, K8sContext, manifest, meta, orderingHints } from './_meta';
import { containerPorts, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { statefulService } from './_workloads';
import { createBucketScript, MINIO_BUCKET_JOB_NAME } from './scripts/create-bucket-script';
import { MINIO_USERS_JOB_NAME, minioUsersScript } from './scripts/minio-users-script';
import { CREDENTIALS_JOB_UID } from './secrets';

export { MINIO_BUCKET_JOB_NAME, MINIO_REGION } from './scripts/create-bucket-script';
export { MINIO_USERS_JOB_NAME } from './scripts/minio-users-script';

/** The data volume's mount path; MinIO serves it as a single drive. */
export const MINIO_DATA_DIR = '/data';
/** Where the TLS Secret is mounted (`--certs-dir`). */
export const MINIO_CERTS_DIR = '/certs';
/** Requests and limits of the bucket Job's container (curl). */
export const MINIO_BUCKET_JOB_RESOURCES = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } } as const;
/** Where the bucket Job mounts the CA that signed MinIO's certificate (as `ca.crt`), with TLS. */
export const MINIO_BUCKET_JOB_CA_DIR = '/etc/minio-ca';
/** Requests and limits of the users Job's container (mc). */
export const MINIO_USERS_JOB_RESOURCES = { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } } as const;
/** Where the users Job mounts the root Secret (`root/`) and each namespace's user Secret (`namespaces/<namespace>/`). */
export const MINIO_USERS_JOB_CREDENTIALS_DIR = '/credentials';
/** mc's configuration directory in the users Job (memory-backed: it holds the root alias). */
export const MINIO_USERS_JOB_CONFIG_DIR = '/tmp/mc';

export interface MinioProps {
  readonly ctx: K8sContext;
  readonly minio: ResolvedMinio;
  /** MinIO's pods and ports (`api`, `console`), from the plan. */
  readonly endpoint: Endpoint;
}

/**
 * MinIO as the S3 artifact store, in its namespace: ServiceAccount `minio` (no token), a one-replica
 * StatefulSet with a retained PersistentVolumeClaim `data`, and the Service `minio` (`api` 9000,
 * `console` 9001). It runs as UID 1000 under Pod Security "restricted" with a read-only root
 * filesystem, and takes its root user and password from the Secret (never literal env vars).
 *
 * The bucket is made through MinIO's S3 API by the one-shot Job `minio-create-bucket-<hash>` (see
 * `createBucketScript`): it waits for MinIO to be ready, and finds an existing bucket fine, so it
 * may run any number of times. Argo CD runs it as a Sync hook on every sync; without Argo CD it runs
 * when applied, and is deleted 10 minutes after it finishes, so that applying again runs it again.
 * The hash is of its pod template (bucket, endpoint, image, ...): a changed Job gets a new name
 * instead of failing on its immutable template.
 */
export class Minio extends Construct {
  /** Name of the Service. */
  public readonly serviceName: string;
  /** The S3 endpoint workflows use. */
  public readonly endpoint: string;
  /** Name of the bucket Job, `minio-create-bucket-<hash>`. */
  public readonly bucketJobName: string;
  /** Name of the users Job, `minio-users-<hash>`, or undefined without workflow namespaces. */
  public readonly usersJobName?: string;

  constructor(scope: Construct, id: string, props: MinioProps) {
    super(scope, id);
    const { ctx, minio: m, endpoint } = props;
    const name = m.name;
    const api = portOf(endpoint, 'api');
    const tls = m.tls !== undefined;
    this.serviceName = name;
    this.endpoint = m.endpoint;

    const probe = (path: string, initialDelaySeconds: number, failureThreshold: number): Probe => ({
      httpGet: { path, port: api.containerPort, scheme: api.scheme }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 5, failureThreshold,
    });
    // The Secret's keys as MinIO's root user and password: for MinIO, and for the bucket Job.
    const rootEnv: EnvVar[] = [
      { name: 'MINIO_ROOT_USER', valueFrom: { secretKeyRef: { name: m.secretName, key: MINIO_ACCESS_KEY } } },
      { name: 'MINIO_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: m.secretName, key: MINIO_SECRET_KEY } } },
    ];
    const container: Container = {
      name,
      image: m.image,
      command: ['minio'],
      args: ['server', '--console-address', `:${portOf(endpoint, 'console').containerPort}`, MINIO_DATA_DIR, ...(tls ? ['--certs-dir', MINIO_CERTS_DIR] : [])],
      env: [
        ...rootEnv,
        // MinIO creates <home>/.minio/certs at start; the root filesystem is read-only, /tmp is not.
        { name: 'HOME', value: '/tmp' },
      ],
      ports: containerPorts(endpoint),
      readinessProbe: probe('/minio/health/ready', 5, 3),
      livenessProbe: probe('/minio/health/live', 10, 6),
      resources: m.resources,
      securityContext: restrictedContainerSecurityContext(true),
      volumeMounts: [
        { name: 'data', mountPath: MINIO_DATA_DIR },
        { name: 'tmp', mountPath: '/tmp' },
        ...(tls ? [{ name: 'certs', mountPath: MINIO_CERTS_DIR, readOnly: true }] : []),
      ],
    };
    const volumes: Volume[] = [{ name: 'tmp', emptyDir: {} }];
    if (m.tls) {
      volumes.push({
        name: 'certs',
        projected: {
          defaultMode: 0o440,
          sources: [
            { secret: { name: m.tls.certificateSecretName, items: [{ key: 'tls.crt', path: 'public.crt' }, { key: 'tls.key', path: 'private.key' }] } },
            { secret: { name: m.tls.caSecret.name, items: [{ key: m.tls.caSecret.key, path: 'CAs/ca.crt' }] } },
          ],
        },
      });
    }

    statefulService(this, ctx, endpoint, {
      replicas: m.replicas, uid: m.uid, pod: m, container, volumes, storage: m.storage, storageClassName: m.storageClassName,
    });
    const scheme = api.scheme === 'HTTPS' ? 'https' : 'http';
    this.bucketJobName = this.bucketJob(ctx, m, scheme, rootEnv);
    if (m.tenants.length) this.usersJobName = this.oneShotJob(ctx, m, MINIO_USERS_JOB_NAME, usersPodTemplate(m, scheme));
  }

  /**
   * The Job that creates the bucket, in MinIO's namespace, as MinIO's ServiceAccount (it has no
   * token: the Job does not call the Kubernetes API). It calls MinIO at the endpoint workflows use,
   * the name MinIO's certificate must hold with TLS. Returns its name, `minio-create-bucket-<hash>`.
   */
  private bucketJob(ctx: K8sContext, m: ResolvedMinio, scheme: 'http' | 'https', rootEnv: EnvVar[]): string {
    return this.oneShotJob(ctx, m, MINIO_BUCKET_JOB_NAME, bucketPodTemplate(ctx, m, scheme, rootEnv));
  }

  /** A one-shot Job in MinIO's namespace, named after its pod template (`<base>-<hash>`); returns its name. */
  private oneShotJob(ctx: K8sContext, m: ResolvedMinio, base: string, template: IPodTemplateSpec): string {
    const name = specHashedJobName(base, template);
    manifest<IJob>(this, base === MINIO_BUCKET_JOB_NAME ? 'Job' : `Job-${base}`, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(ctx, Component.MINIO, name, m.namespace, { annotations: orderingHints(undefined, { hook: true }) }),
      spec: {
        backoffLimit: 6,
        // Deleted 10 minutes after it finishes. Running it again is harmless: an existing bucket, user or policy is fine.
        ttlSecondsAfterFinished: 600,
        template,
      },
    });
    return name;
  }
}

/** The bucket Job's pod: the script with MinIO's root user and password, as UID 100. */
function bucketPodTemplate(ctx: K8sContext, m: ResolvedMinio, scheme: 'http' | 'https', rootEnv: EnvVar[]): IPodTemplateSpec {
  const caFile = m.tls ? `${MINIO_BUCKET_JOB_CA_DIR}/ca.crt` : undefined;
  const script = createBucketScript({
    bucket: m.bucket,
    endpoint: `${scheme}://${m.endpoint}`,
    ...(caFile !== undefined ? { caFile } : {}),
  });
  const res = MINIO_BUCKET_JOB_RESOURCES;
  return {
    // Not `app: minio`: the Service must not select this pod.
    metadata: { labels: { app: MINIO_BUCKET_JOB_NAME, 'app.kubernetes.io/component': Component.MINIO } },
    spec: {
      serviceAccountName: m.name,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: 'OnFailure',
      securityContext: restrictedPodSecurityContext(CREDENTIALS_JOB_UID),
      ...scheduling(m),
      containers: [{
        name: 'create-bucket',
        image: ctx.images.jobs,
        command: ['/bin/sh', '-c'],
        args: [script],
        env: rootEnv,
        resources: { requests: { ...res.requests }, limits: { ...res.limits } },
        securityContext: restrictedContainerSecurityContext(true),
        ...(m.tls ? { volumeMounts: [{ name: 'ca', mountPath: MINIO_BUCKET_JOB_CA_DIR, readOnly: true }] } : {}),
      }],
      ...(m.tls ? { volumes: [{ name: 'ca', secret: { secretName: m.tls.caSecret.name, items: [{ key: m.tls.caSecret.key, path: 'ca.crt' }] } }] } : {}),
    },
  };
}

/**
 * The users Job's pod: `mc` as UID 1000, in MinIO's namespace, with MinIO's ServiceAccount (no
 * token: it does not call the Kubernetes API). It reads the root Secret and each namespace's user
 * Secret (their copies in MinIO's namespace) from files; mc's configuration, which then holds the
 * root alias, is memory-backed. With TLS, Go's `SSL_CERT_FILE` makes mc trust MinIO's CA.
 */
function usersPodTemplate(m: ResolvedMinio, scheme: 'http' | 'https'): IPodTemplateSpec {
  const script = minioUsersScript({
    endpoint: `${scheme}://${m.endpoint}`,
    credentialsDir: MINIO_USERS_JOB_CREDENTIALS_DIR,
    configDir: MINIO_USERS_JOB_CONFIG_DIR,
    users: m.tenants.map((t) => ({
      namespace: t.namespace, user: t.user, secretName: t.secret.name, policy: JSON.stringify(t.policy), allows: `prefix ${t.prefix} of bucket ${m.bucket}`,
    })),
  });
  const keys = (secretName: string, dir: string) => ({
    secret: { name: secretName, items: [MINIO_ACCESS_KEY, MINIO_SECRET_KEY].map((key) => ({ key, path: `${dir}/${key}` })) },
  });
  const caFile = `${MINIO_BUCKET_JOB_CA_DIR}/ca.crt`;
  const res = MINIO_USERS_JOB_RESOURCES;
  return {
    // Not `app: minio`: the Service must not select this pod.
    metadata: { labels: { app: MINIO_USERS_JOB_NAME, 'app.kubernetes.io/component': Component.MINIO } },
    spec: {
      serviceAccountName: m.name,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: 'OnFailure',
      securityContext: restrictedPodSecurityContext(m.uid),
      ...scheduling(m),
      containers: [{
        name: 'create-users',
        image: m.clientImage,
        command: ['/bin/sh', '-c'],
        args: [script],
        env: [{ name: 'HOME', value: '/tmp' }, ...(m.tls ? [{ name: 'SSL_CERT_FILE', value: caFile }] : [])],
        resources: { requests: { ...res.requests }, limits: { ...res.limits } },
        securityContext: restrictedContainerSecurityContext(true),
        volumeMounts: [
          { name: 'tmp', mountPath: '/tmp' },
          { name: 'credentials', mountPath: MINIO_USERS_JOB_CREDENTIALS_DIR, readOnly: true },
          ...(m.tls ? [{ name: 'ca', mountPath: MINIO_BUCKET_JOB_CA_DIR, readOnly: true }] : []),
        ],
      }],
      volumes: [
        // Memory-backed: mc's configuration holds the root alias.
        { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '8Mi' } },
        { name: 'credentials', projected: { defaultMode: 0o440, sources: [keys(m.secretName, 'root'), ...m.tenants.map((t) => keys(t.secret.name, `namespaces/${t.namespace}`))] } },
        ...(m.tls ? [{ name: 'ca', secret: { secretName: m.tls.caSecret.name, items: [{ key: m.tls.caSecret.key, path: 'ca.crt' }] } }] : []),
      ],
    },
  };
}
