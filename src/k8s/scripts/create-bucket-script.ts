/**
 * The script of the bucket Job (`minio-create-bucket`): it creates the bucket through MinIO's S3
 * API with curl, waiting for MinIO to be ready, and finds an existing bucket fine.
 */
import { JobName } from '../../config/endpoints';
import { invalid } from '../../config/errors';
import { shellQuote } from './shell';

/** Name of the Job that creates the bucket; the script's first line names it. */
export const MINIO_BUCKET_JOB_NAME: string = JobName.MINIO_BUCKET;
/** The region MinIO signs with when none is configured (argo-stack configures none). */
export const MINIO_REGION = 'us-east-1';

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

const CREATE_BUCKET_HEAD = `# ${MINIO_BUCKET_JOB_NAME}: creates the bucket through MinIO's S3 API, idempotently.
#
# PUT <endpoint>/<bucket>, signed with AWS Signature Version 4 by curl. HTTP 200: created. HTTP 409
# BucketAlreadyOwnedByYou or BucketAlreadyExists: it exists already. Both succeed, so running this
# again is harmless. While MinIO cannot be reached or is not ready (no connection, or HTTP 503), it
# tries again every INTERVAL seconds, ATTEMPTS times in all. Any other answer: prints the HTTP status
# and the S3 error code, and exits 1 (the Job tries again). The root user and password come from the
# environment (a Secret); they are never printed.
set -eu
`;

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
  return `${CREATE_BUCKET_HEAD}
BUCKET=${shellQuote(o.bucket)}
URL=${shellQuote(url)}
ATTEMPTS=${attempts}
INTERVAL=${interval}
${CREATE_BUCKET_FUNCTIONS.trimEnd()}

if [ -z "\${MINIO_ROOT_USER:-}" ] || [ -z "\${MINIO_ROOT_PASSWORD:-}" ]; then
  echo 'ERROR: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set and not empty (from the MinIO Secret)' >&2
  exit 1
fi

${createBucketLoop(curl)}`;
}

/** The script's loop: PUT with `curl` until the bucket is created or found, retrying while MinIO is not ready. */
function createBucketLoop(curl: string): string {
  return `attempt=1
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
