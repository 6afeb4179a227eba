/**
 * The script of the `wait-for-dependencies` init container of workflow-controller and argo-server:
 * it returns once the Argo CRDs are served, the Secrets the binary reads at start exist and each
 * database accepts TCP connections. It needs a POSIX sh with curl (the `images.jobs` image), the
 * pod's ServiceAccount token, and no right beyond the binary's own (discovery, `get` on its Secrets).
 */
import type { ResolvedStartup } from '../../config/startup';
import { WAIT_CONTAINER_NAME } from '../../config/startup';
import { shellQuote } from './shell';

/** Where the script reaches the API server; the defaults are the pod's own. */
export interface WaitScriptEnvironment {
  /**
   * Base URL of the Kubernetes API.
   * @default - https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT (set in every pod)
   */
  readonly apiUrl?: string;
  /**
   * The directory of the mounted ServiceAccount token (`token`, `ca.crt`).
   * @default "/var/run/secrets/kubernetes.io/serviceaccount"
   */
  readonly serviceAccountDir?: string;
  /** Seconds between two tries. @default 2 */
  readonly intervalSeconds?: number;
}

const HEAD = `# ${WAIT_CONTAINER_NAME}: returns once everything the binary needs at start is there, so that
# it does not exit and restart with a growing back-off on a first install. In order:
#   1. the Argo CRDs are served: discovery of GROUP_VERSION lists every name in RESOURCES (the API
#      server lists a CRD's resource only once the CRD is established; any account may read it);
#   2. every Secret in SECRETS exists in NAMESPACE (GET by name, which the binary's Role allows);
#   3. every host:port in DATABASES accepts a TCP connection.
# Each step tries again every INTERVAL seconds, without end: the pod shows Init:0/1 meanwhile, and
# this log says what is missing. Nothing of a Secret is printed: only the HTTP status of the GET.
set -eu
`;

const FUNCTIONS = String.raw`
# curl_api PATH CURL_ARGS...: curl against the API with the pod's token, which is passed through
# curl's config on stdin (not on the command line) and read again each time (it is rotated).
curl_api() {
  path=$1
  shift
  token=''
  IFS= read -r token < "$SA_DIR/token" || true
  printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl -sS --connect-timeout 5 --max-time 10 --cacert "$SA_DIR/ca.crt" -K - "$@" "$API$path"
}

# crds_served: whether discovery lists every resource; MISSING names the first one that is not.
crds_served() {
  body=$(curl_api "/apis/$GROUP_VERSION" 2>/dev/null | tr -d ' \n') || body=''
  for r in $RESOURCES; do
    case $body in
      *"\"name\":\"$r\""*) ;;
      *) MISSING="the CRD $r.$GROUP"; return 1 ;;
    esac
  done
}

# secret_exists NAME: whether GET of the Secret answers 200; MISSING says what it answered.
secret_exists() {
  status=$(curl_api "/api/v1/namespaces/$NAMESPACE/secrets/$1" -o /dev/null -w '%{http_code}' 2>/dev/null) || true
  if [ "$status" = 200 ]; then return 0; fi
  case $status in
    404) MISSING="Secret $NAMESPACE/$1 (HTTP 404: not created yet)" ;;
    403) MISSING="Secret $NAMESPACE/$1 (HTTP 403: the ServiceAccount may not read it)" ;;
    *) MISSING="Secret $NAMESPACE/$1 (HTTP $status)" ;;
  esac
  return 1
}

# tcp_open HOST PORT: whether a TCP connection to HOST:PORT succeeds (curl counts successful
# connects only; telnet:// sends nothing, and curl gives up on the open connection after 3s).
tcp_open() {
  case $1 in *:*) url="telnet://[$1]:$2" ;; *) url="telnet://$1:$2" ;; esac
  n=$(curl -s --connect-timeout 3 --max-time 3 -o /dev/null -w '%{num_connects}' "$url" </dev/null 2>/dev/null) || true
  [ "$n" = 1 ] && return 0
  MISSING="database $1:$2 (no TCP connection)"
  return 1
}

# wait_for CHECK ARGS...: runs CHECK until it succeeds, saying what is missing at the first failure
# and every 30th after it.
wait_for() {
  tries=0
  until "$@"; do
    if [ $((tries % 30)) -eq 0 ]; then echo "waiting for $MISSING"; fi
    tries=$((tries + 1))
    sleep "$INTERVAL"
  done
}
`;

const MAIN = `
wait_for crds_served
echo "the Argo CRDs are served"
for s in $SECRETS; do wait_for secret_exists "$s"; echo "Secret $NAMESPACE/$s exists"; done
for d in $DATABASES; do wait_for tcp_open "\${d%:*}" "\${d##*:}"; echo "database $d accepts connections"; done
echo "ready"
`;

/** The API URL from the pod's environment (an IPv6 host in brackets). */
const POD_API = `case \${KUBERNETES_SERVICE_HOST:?} in *:*) API_HOST="[$KUBERNETES_SERVICE_HOST]" ;; *) API_HOST=$KUBERNETES_SERVICE_HOST ;; esac
API="https://$API_HOST:\${KUBERNETES_SERVICE_PORT:-443}"`;

/**
 * The script for one binary's startup plan. Names and addresses are validated before (Secret names
 * are DNS subdomains, hosts DNS names or IPs, ports numbers); they are quoted all the same.
 */
export function waitScript(s: ResolvedStartup, env: WaitScriptEnvironment = {}): string {
  const list = (items: readonly string[]) => shellQuote(items.join(' '));
  const vars = [
    `GROUP_VERSION=${shellQuote(s.groupVersion)}`,
    `GROUP=${shellQuote(s.groupVersion.split('/')[0])}`,
    `RESOURCES=${list(s.apiResources)}`,
    `NAMESPACE=${shellQuote(s.namespace)}`,
    `SECRETS=${list(s.secrets)}`,
    `DATABASES=${list(s.databases.map((d) => `${d.host}:${d.port}`))}`,
    `INTERVAL=${env.intervalSeconds ?? 2}`,
    `SA_DIR=${shellQuote(env.serviceAccountDir ?? '/var/run/secrets/kubernetes.io/serviceaccount')}`,
    env.apiUrl !== undefined ? `API=${shellQuote(env.apiUrl)}` : POD_API,
  ];
  return `${HEAD}\n${vars.join('\n')}\n${FUNCTIONS}${MAIN}`;
}
