import { Construct } from 'constructs';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1Probe as Probe } from 'kubernetes-models/v1/Probe';
import type { IIoK8sApiCoreV1Volume as Volume } from 'kubernetes-models/v1/Volume';
import { invalid } from '../config/errors';
import { Endpoint, portOf } from '../config/endpoints';
import { MINIO_ACCESS_KEY, MINIO_SECRET_KEY, ResolvedMinio } from '../config/storage/minio';
import { ARGOCD_SYNC_HOOK_ANNOTATIONS, Component, K8sContext, manifest, meta } from './_meta';
import { containerPorts, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import { statefulService } from './_workloads';
import { CREDENTIALS_JOB_UID, shellQuote } from './secrets';

/** The data volume's mount path; MinIO serves it as a single drive. */
export const MINIO_DATA_DIR = '/data';
/** Where the TLS Secret is mounted (`--certs-dir`). */
export const MINIO_CERTS_DIR = '/certs';
/** Name of the Job that creates the bucket. */
export const MINIO_BUCKET_JOB_NAME = 'minio-create-bucket';
/** Requests and limits of the bucket Job's container (curl). */
export const MINIO_BUCKET_JOB_RESOURCES = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } } as const;
/** Where the bucket Job mounts the CA that signed MinIO's certificate (as `ca.crt`), with TLS. */
export const MINIO_BUCKET_JOB_CA_DIR = '/etc/minio-ca';
/** The region MinIO signs with when none is configured (argo-stack configures none). */
export const MINIO_REGION = 'us-east-1';

export interface MinioProps {
  readonly ctx: K8sContext;
  readonly minio: ResolvedMinio;
  /** MinIO's pods and ports (`api`, `console`), from the plan. */
  readonly endpoint: Endpoint;
}

/** What `createBucketScript` needs. */
export interface CreateBucketScriptOptions {
  /** The bucket (an S3 bucket name, as `resolveMinio` validated it). */
  readonly bucket: string;
  /** Base URL of MinIO's S3 API, like `http://minio:9000`. */
  readonly endpoint: string;
  /**
   * PEM file of the CA that signed MinIO's certificate (https only).
   * @default - curl's own CA bundle
   */
  readonly caFile?: string;
  /**
   * How many times to try while MinIO cannot be reached or answers 503.
   * @default 60
   */
  readonly attempts?: number;
  /**
   * Seconds between two tries.
   * @default 5
   */
  readonly intervalSeconds?: number;
}

const CREATE_BUCKET_FUNCTIONS = String.raw`
# config_quote TEXT: TEXT with \ and " escaped, for a double-quoted value in curl's config.
config_quote() {
  printf '%s' "$1" | sed 's/[\\"]/\\&/g'
}

# curl_config: curl's config with the root user and password, read by curl -K - from stdin so that
# they are on no command line (printf is a shell builtin: no process gets them as arguments).
curl_config() {
  printf 'user = "%s:%s"\n' "$(config_quote "$MINIO_ROOT_USER")" "$(config_quote "$MINIO_ROOT_PASSWORD")"
}

# answer STATUS BODY: "HTTP <status>", then the S3 error code (the <Code> element) when the body has
# one. Nothing else of the body is printed.
answer() {
  code=$(printf '%s\n' "$2" | sed -n 's|.*<Code>\([A-Za-z0-9.]*\)</Code>.*|\1|p' | head -n 1)
  if [ -n "$code" ]; then printf 'HTTP %s %s' "$1" "$code"; else printf 'HTTP %s' "$1"; fi
}
`;

/**
 * The bucket Job's script (POSIX sh, as busybox ash runs it): creates the bucket with a PUT through
 * MinIO's S3 API, signed by curl (`--aws-sigv4`, curl 7.75 or later), idempotently. It needs
 * `MINIO_ROOT_USER` and `MINIO_ROOT_PASSWORD` in its environment, and `curl`, `sed`, `head` and `sleep`.
 */
export function createBucketScript(o: CreateBucketScriptOptions): string {
  const attempts = o.attempts ?? 60;
  const interval = o.intervalSeconds ?? 5;
  if (!Number.isInteger(attempts) || attempts < 1) throw invalid('attempts', attempts, 'it must be a whole number of at least 1', 'use e.g. 60');
  if (!Number.isInteger(interval) || interval < 0) throw invalid('intervalSeconds', interval, 'it must be a whole number of seconds, 0 or more', 'use e.g. 5');
  const url = `${o.endpoint.replace(/\/+$/, '')}/${o.bucket}`;
  const curl = [
    'curl -sS --connect-timeout 5 --max-time 30',
    ...(o.caFile !== undefined ? [`--cacert ${shellQuote(o.caFile)}`] : []),
    `--aws-sigv4 ${shellQuote(`aws:amz:${MINIO_REGION}:s3`)} -K - -X PUT -w '%{http_code}' "$URL"`,
  ].join(' ');
  return `# ${MINIO_BUCKET_JOB_NAME}: creates the bucket through MinIO's S3 API, idempotently.
#
# PUT <endpoint>/<bucket>, signed with AWS Signature Version 4 by curl. HTTP 200: created. HTTP 409
# BucketAlreadyOwnedByYou or BucketAlreadyExists: it exists already. Both succeed, so running this
# again is harmless. While MinIO cannot be reached or is not ready (no connection, or HTTP 503), it
# tries again every INTERVAL seconds, ATTEMPTS times in all. Any other answer: prints the HTTP status
# and the S3 error code, and exits 1 (the Job tries again). The root user and password come from the
# environment (a Secret); they are never printed.
set -eu

BUCKET=${shellQuote(o.bucket)}
URL=${shellQuote(url)}
ATTEMPTS=${attempts}
INTERVAL=${interval}
${CREATE_BUCKET_FUNCTIONS.trimEnd()}

if [ -z "\${MINIO_ROOT_USER:-}" ] || [ -z "\${MINIO_ROOT_PASSWORD:-}" ]; then
  echo 'ERROR: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set and not empty (from the MinIO Secret)' >&2
  exit 1
fi

attempt=1
while :; do
  rc=0
  response=$(curl_config | ${curl}) || rc=$?
  status=\${response#"\${response%???}"}
  body=\${response%???}
  retry=''
  case "$status" in
    200)
      echo "Bucket $BUCKET: created"
      exit 0 ;;
    409)
      case "$(answer 409 "$body")" in
        'HTTP 409 BucketAlreadyOwnedByYou' | 'HTTP 409 BucketAlreadyExists')
          echo "Bucket $BUCKET: exists already, kept as it is"
          exit 0 ;;
      esac ;;
    503) retry=$(answer 503 "$body") ;;
    000)
      # No HTTP answer. Retried: cannot resolve the host (6), cannot connect (7), timeout (28),
      # empty reply (52), connection reset (56). Anything else (TLS, CA file, ...) is final.
      case "$rc" in
        6 | 7 | 28 | 52 | 56) retry="no answer, curl exit code $rc" ;;
      esac ;;
  esac
  if [ -z "$retry" ]; then
    if [ "$status" = 000 ]; then
      echo "ERROR: creating bucket $BUCKET at $URL: no answer, curl exit code $rc" >&2
    else
      echo "ERROR: creating bucket $BUCKET at $URL: $(answer "$status" "$body")" >&2
    fi
    exit 1
  fi
  if [ "$attempt" -ge "$ATTEMPTS" ]; then
    echo "ERROR: MinIO at $URL is not ready after $ATTEMPTS attempts ($retry)" >&2
    exit 1
  fi
  echo "MinIO is not ready ($retry); attempt $attempt of $ATTEMPTS, next in $INTERVAL seconds"
  attempt=$((attempt + 1))
  sleep "$INTERVAL"
done
`;
}

/**
 * MinIO as the S3 artifact store, in its namespace: ServiceAccount `minio` (no token), a one-replica
 * StatefulSet with a retained PersistentVolumeClaim `data`, and the Service `minio` (`api` 9000,
 * `console` 9001). It runs as UID 1000 under Pod Security "restricted" with a read-only root
 * filesystem, and takes its root user and password from the Secret (never literal env vars).
 *
 * The bucket is made through MinIO's S3 API by the one-shot Job `minio-create-bucket` (see
 * `createBucketScript`): it waits for MinIO to be ready, and finds an existing bucket fine, so it
 * may run any number of times. Argo CD runs it as a Sync hook on every sync; without Argo CD it runs
 * when applied, and is deleted 10 minutes after it finishes, so that applying again runs it again.
 */
export class Minio extends Construct {
  /** Name of the Service. */
  public readonly serviceName: string;
  /** The S3 endpoint workflows use. */
  public readonly endpoint: string;

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
    this.bucketJob(ctx, m, rootEnv);
  }

  /**
   * The Job that creates the bucket, in MinIO's namespace, as MinIO's ServiceAccount (it has no
   * token: the Job does not call the Kubernetes API). It calls MinIO at the endpoint workflows use,
   * the name MinIO's certificate must hold with TLS.
   */
  private bucketJob(ctx: K8sContext, m: ResolvedMinio, rootEnv: EnvVar[]): void {
    const caFile = m.tls ? `${MINIO_BUCKET_JOB_CA_DIR}/ca.crt` : undefined;
    const script = createBucketScript({
      bucket: m.bucket,
      endpoint: `${m.tls ? 'https' : 'http'}://${m.endpoint}`,
      ...(caFile !== undefined ? { caFile } : {}),
    });
    const res = MINIO_BUCKET_JOB_RESOURCES;
    manifest<IJob>(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(ctx, Component.MINIO, MINIO_BUCKET_JOB_NAME, m.namespace, { annotations: { ...ARGOCD_SYNC_HOOK_ANNOTATIONS } }),
      spec: {
        backoffLimit: 6,
        // Deleted 10 minutes after it finishes, so that a changed Job (its pod template is immutable)
        // can be applied later. Running it again is harmless: an existing bucket is fine.
        ttlSecondsAfterFinished: 600,
        template: {
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
        },
      },
    });
  }
}
