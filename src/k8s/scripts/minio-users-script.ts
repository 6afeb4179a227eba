/**
 * The script of the MinIO users Job (`minio-users`): through MinIO's admin API with `mc`, as MinIO's
 * root user, it gives each workflow namespace its own MinIO user, limited to its key prefix.
 */
import { JobName } from '../../config/endpoints';
import { invalid } from '../../config/errors';
import { shellQuote } from './shell';

/** Name of the Job that creates the MinIO users; the script's first line names it. */
export const MINIO_USERS_JOB_NAME: string = JobName.MINIO_USERS;
/** The `mc` alias of MinIO's root user in the script. */
export const MINIO_ROOT_ALIAS = 'root';

/** One workflow namespace's MinIO user, as the script makes it. */
export interface MinioUserOfNamespace {
  readonly namespace: string;
  /** The user (access key) and the name of its policy. */
  readonly user: string;
  /** The Secret that holds the user's keys (for messages). */
  readonly secretName: string;
  /** The policy document, JSON. */
  readonly policy: string;
  /** What the policy allows, for the log line, e.g. `prefix team-a/ of bucket my-bucket`. */
  readonly allows: string;
}

/** What `minioUsersScript` needs. */
export interface MinioUsersScriptOptions {
  /** Base URL of MinIO's API, like `http://minio:9000`. */
  readonly endpoint: string;
  /**
   * Where the Secrets' keys are mounted: `<dir>/root/{accesskey,secretkey}` (the root user) and
   * `<dir>/namespaces/<namespace>/{accesskey,secretkey}` (each namespace's user).
   */
  readonly credentialsDir: string;
  /** mc's configuration directory (writable; it gets the root alias): `MC_CONFIG_DIR`. */
  readonly configDir: string;
  readonly users: readonly MinioUserOfNamespace[];
  /**
   * How many times to try each step while MinIO cannot be reached or is not ready.
   * @default 60
   */
  readonly attempts?: number;
  /**
   * Seconds between two tries.
   * @default 5
   */
  readonly intervalSeconds?: number;
}

const HEAD = `# ${MINIO_USERS_JOB_NAME}: gives each workflow namespace its own MinIO user, limited to its key prefix.
#
# Through MinIO's admin API with mc, as MinIO's root user (its Secret is mounted in MinIO's namespace
# only). For each workflow namespace: create or replace the policy argo-<namespace>, which allows
# only the objects under <namespace>/ of the bucket; create the user argo-<namespace> with the secret
# key of its Secret minio-user-<namespace> (an existing user gets that key again, and keeps its
# policies); attach the policy to it (already attached is fine). Running it again is harmless. Keys
# are read from the mounted Secrets and piped to mc: they are on no command line and never printed.
# Each step is tried again every INTERVAL seconds, ATTEMPTS times in all, while MinIO is not ready.
set -eu
umask 077
`;

const FUNCTIONS = `
# key WHAT FILE: the content of FILE (one key of a mounted Secret); exits when it is missing or empty.
key() {
  if [ ! -s "$2" ]; then
    echo "ERROR: $1 is missing or empty ($2)" >&2
    exit 1
  fi
  cat "$2"
}

# shown TEXT: TEXT, unless it holds a key read here (mc does not print keys; this makes sure).
shown() {
  case "$1" in
    *"$root_secret"* | *"\${user_secret:-$root_secret}"*) printf '%s' '<hidden: it holds a key>' ;;
    *) printf '%s' "$1" ;;
  esac
}

# attempt WHAT COMMAND...: runs COMMAND until it succeeds, ATTEMPTS times at most, INTERVAL seconds
# apart; then prints its last output and exits 1 (the Job tries again).
attempt() {
  what=$1
  shift
  n=1
  while :; do
    if output=$("$@" 2>&1); then
      echo "$what: done"
      return 0
    fi
    if [ "$n" -ge "$ATTEMPTS" ]; then
      echo "ERROR: $what: failed $ATTEMPTS times: $(shown "$output")" >&2
      exit 1
    fi
    echo "$what: not yet ($(shown "$output")); attempt $n of $ATTEMPTS, next in $INTERVAL seconds"
    n=$((n + 1))
    sleep "$INTERVAL"
  done
}

# set_alias: the alias ${MINIO_ROOT_ALIAS} for MinIO's root user; mc checks the keys with a request, so
# this also waits for MinIO. The keys go to mc on stdin.
set_alias() {
  printf '%s\\n%s\\n' "$root_user" "$root_secret" | mc alias set ${MINIO_ROOT_ALIAS} "$ENDPOINT"
}

# create_policy NAME: creates the policy NAME from POLICY_FILE, or replaces it.
create_policy() {
  mc admin policy create ${MINIO_ROOT_ALIAS} "$1" "$POLICY_FILE"
}

# add_user USER: creates USER with the secret key user_secret, or gives an existing USER that key.
add_user() {
  printf '%s\\n' "$user_secret" | mc admin user add ${MINIO_ROOT_ALIAS} "$1"
}

# attach_policy NAME: attaches the policy NAME to the user NAME; already attached is fine.
attach_policy() {
  if attach_output=$(mc admin policy attach ${MINIO_ROOT_ALIAS} "$1" --user "$1" 2>&1); then
    return 0
  fi
  case "$attach_output" in
    *'already in effect'*) return 0 ;;
  esac
  printf '%s\\n' "$attach_output"
  return 1
}
`;

/**
 * The users Job's script (POSIX sh; the mc image's shell). It needs `mc`, `cat` and `sleep`. It holds
 * only names, prefixes and policies, all quoted; the keys are read from the mounted Secrets.
 */
export function minioUsersScript(o: MinioUsersScriptOptions): string {
  const attempts = o.attempts ?? 60;
  const interval = o.intervalSeconds ?? 5;
  if (!Number.isInteger(attempts) || attempts < 1) throw invalid('attempts', attempts, 'it must be a whole number of at least 1', 'use e.g. 60');
  if (!Number.isInteger(interval) || interval < 0) throw invalid('intervalSeconds', interval, 'it must be a whole number of seconds, 0 or more', 'use e.g. 5');
  const sq = shellQuote;
  const lines = [
    HEAD.trimEnd(),
    '',
    `ENDPOINT=${sq(o.endpoint.replace(/\/+$/, ''))}`,
    `CREDENTIALS=${sq(o.credentialsDir)}`,
    `MC_CONFIG_DIR=${sq(o.configDir)}`,
    'export MC_CONFIG_DIR',
    `POLICY_FILE=${sq(`${o.configDir}/policy.json`)}`,
    `ATTEMPTS=${attempts}`,
    `INTERVAL=${interval}`,
    FUNCTIONS.trimEnd(),
    '',
    `root_user=$(key 'the root user (accesskey of the MinIO Secret)' "$CREDENTIALS/root/accesskey")`,
    `root_secret=$(key 'the root password (secretkey of the MinIO Secret)' "$CREDENTIALS/root/secretkey")`,
    `attempt ${sq(`MinIO at ${o.endpoint.replace(/\/+$/, '')}, as the root user`)} set_alias`,
  ];
  for (const u of o.users) lines.push('', ...userSection(u));
  lines.push('', 'unset root_user root_secret', "echo 'Done: every workflow namespace has its MinIO user.'", '');
  return lines.join('\n');
}

/** The script lines of one namespace's user. */
function userSection(u: MinioUserOfNamespace): string[] {
  const sq = shellQuote;
  const dir = `"$CREDENTIALS/namespaces/"${sq(u.namespace)}`;
  return [
    `# --- Workflow namespace ${JSON.stringify(u.namespace)}: user and policy ${JSON.stringify(u.user)}, ${u.allows}.`,
    `user_key=$(key ${sq(`the access key of Secret ${u.secretName}`)} ${dir}/accesskey)`,
    `if [ "$user_key" != ${sq(u.user)} ]; then`,
    `  echo ${sq(`ERROR: Secret ${u.secretName} has another access key than ${u.user}: delete the Secret so that it is generated again`)} >&2`,
    '  exit 1',
    'fi',
    `user_secret=$(key ${sq(`the secret key of Secret ${u.secretName}`)} ${dir}/secretkey)`,
    `printf '%s' ${sq(u.policy)} >"$POLICY_FILE"`,
    `attempt ${sq(`Policy ${u.user}`)} create_policy ${sq(u.user)}`,
    `attempt ${sq(`User ${u.user}`)} add_user ${sq(u.user)}`,
    `attempt ${sq(`Policy ${u.user} attached to user ${u.user}`)} attach_policy ${sq(u.user)}`,
    'unset user_key user_secret',
  ];
}
