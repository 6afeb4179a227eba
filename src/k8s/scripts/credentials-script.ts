/**
 * The script of the credentials Job (`argo-stack-credentials`): it creates each generated Secret
 * in its primary namespace when absent, copies it to the other namespaces, and never changes a
 * Secret that exists.
 */
import { jsonObjectParts, shellQuote, ShellPart, shellWord } from './shell';

/** One Secret the script makes. */
export interface GeneratedSecret {
  /** The Secret's name. */
  readonly name: string;
  /** Its keys, in the order the script's comments list them. */
  readonly keys: readonly string[];
  /** Keys with a fixed, non-secret value; every other key gets a random value. */
  readonly fixed: Readonly<Record<string, string>>;
  /** Length of each random value, in characters. */
  readonly length: number;
  /** Namespaces that need it. The first is the primary one: the Secret is made there, then copied. */
  readonly namespaces: readonly string[];
}

/** What `credentialsScript` needs. */
export interface CredentialsScriptOptions {
  /** Labels of every Secret the script creates. */
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations of every Secret the script creates. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The Secrets, in the order the script makes them. */
  readonly secrets: readonly GeneratedSecret[];
}

/** The Secret JSON the script POSTs: `stringData` or `data` as given. */
function secretBody(name: string, field: 'stringData' | 'data', values: [string, ShellPart][]): ShellPart[] {
  return [
    `{"apiVersion":"v1","kind":"Secret","metadata":{"name":${JSON.stringify(name)},`, { variable: 'SECRET_META' }, '},"type":"Opaque",',
    `"${field}":`, ...jsonObjectParts(values), '}',
  ];
}

const SCRIPT_HEAD = `# argo-stack-credentials: creates the generated Secrets of argo-stack, in the cluster, once.
#
# For each Secret: GET it in its primary namespace; when it is absent (404), POST it with random
# values for its random keys and the given values for its fixed keys (409 means someone created it
# meanwhile: fine). Then read it back, check that it has every key, and copy its data to each other
# namespace where it is absent. Nothing is ever overwritten (POST only, never PUT or PATCH), so
# running this again is harmless. Secret values are never printed: only names, keys and HTTP statuses.
set -eu
umask 077

API='https://kubernetes.default.svc'
SA_DIR='/var/run/secrets/kubernetes.io/serviceaccount'
AUTH_HEADER='/tmp/authorization'
`;

const SCRIPT_FUNCTIONS = `
# random LENGTH: prints LENGTH random characters of A-Z, a-z and 0-9.
random() {
  random_value=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1")
  if [ "\${#random_value}" -ne "$1" ]; then
    echo 'ERROR: could not read random characters from /dev/urandom' >&2
    exit 1
  fi
  printf '%s' "$random_value"
}

# request METHOD PATH [CURL_OPTION...]: prints the response body, then the 3-digit HTTP status.
request() {
  method=$1
  path=$2
  shift 2
  printf 'Authorization: Bearer %s\\n' "$(cat "$SA_DIR/token")" >"$AUTH_HEADER"
  curl -sS --connect-timeout 10 --max-time 60 --cacert "$SA_DIR/ca.crt" -H "@$AUTH_HEADER" \\
    -H 'Accept: application/json' -X "$method" -w '%{http_code}' "$@" "$API$path?pretty=true"
}

# status RESPONSE: the HTTP status at the end of a response.
status() {
  printf '%s' "\${1#"\${1%???}"}"
}

# fail WHAT RESPONSE: prints what failed, the HTTP status and the API's reason and message (never
# the object, which may hold values), then exits 1 so that the Job retries.
fail() {
  echo "ERROR: $1: HTTP $(status "$2")" >&2
  printf '%s\\n' "\${2%???}" | grep -E '^  "(reason|message)": ' >&2 || true
  exit 1
}

# exists NAMESPACE NAME: true when the Secret exists, false when it does not (404); exits on any other answer.
exists() {
  response=$(request GET "/api/v1/namespaces/$1/secrets/$2") || true
  case "$(status "$response")" in
    200) return 0 ;;
    404) return 1 ;;
    *) fail "reading Secret $1/$2" "$response" ;;
  esac
}

# create NAMESPACE NAME: POSTs the Secret JSON read from stdin; 201 (created) and 409 (created meanwhile) are fine.
create() {
  response=$(request POST "/api/v1/namespaces/$1/secrets" -H 'Content-Type: application/json' --data-binary @-) || true
  case "$(status "$response")" in
    201) echo "Secret $1/$2: created" ;;
    409) echo "Secret $1/$2: created meanwhile by someone else, kept as it is" ;;
    *) fail "creating Secret $1/$2" "$response" ;;
  esac
}

# read_secret NAMESPACE NAME: prints the Secret as the API returns it (pretty-printed JSON).
read_secret() {
  response=$(request GET "/api/v1/namespaces/$1/secrets/$2") || true
  [ "$(status "$response")" = 200 ] || fail "reading Secret $1/$2" "$response"
  printf '%s' "\${response%???}"
}

# data_value SECRET_JSON NAMESPACE/NAME KEY: prints the base64 value of KEY in the Secret's "data".
# Pretty-printed, "data" is a top-level object with one '"key": "value"' line per key.
data_value() {
  key_pattern=$(printf '%s' "$3" | sed 's/[.]/\\\\./g')
  value=$(printf '%s\\n' "$1" | sed -n '/^  "data": {$/,/^  }/s|^    "'"$key_pattern"'": "\\([A-Za-z0-9+/=]*\\)",\\{0,1\\}$|=\\1|p')
  case "$value" in
    =*) printf '%s' "\${value#=}" ;;
    *)
      echo "ERROR: Secret $2 has no key \\"$3\\". argo-stack never changes an existing Secret: add the key, or delete the Secret so that it is generated again" >&2
      exit 1 ;;
  esac
}
`;

/**
 * The generator Job's script (POSIX sh, as busybox ash runs it). It holds only names, keys, lengths
 * and fixed non-secret values, all quoted (and validated before, by `ManagedSecrets`): the random
 * values exist only in the cluster, made by `tr -dc 'A-Za-z0-9' </dev/urandom | head -c <length>`
 * when the Job runs.
 */
export function credentialsScript(o: CredentialsScriptOptions): string {
  const secretMeta = JSON.stringify({ labels: o.labels, annotations: o.annotations }).slice(1, -1);
  const lines = [
    SCRIPT_HEAD.trimEnd(),
    '# Labels and annotations of every Secret made here.',
    `SECRET_META=${shellQuote(secretMeta)}`,
    SCRIPT_FUNCTIONS.trimEnd(),
  ];
  for (const s of o.secrets) lines.push('', ...secretSection(s));
  lines.push('', "echo 'Done: every generated Secret is in place.'", '');
  return lines.join('\n');
}

/** The script lines of one generated Secret. */
function secretSection(s: GeneratedSecret): string[] {
  const { name, keys, fixed, length } = s;
  const [primary, ...copies] = s.namespaces;
  const sq = shellQuote;
  const where = `${primary}/${name}`;
  const random = keys.filter((k) => !(k in fixed));
  const describe = keys.map((k) => (k in fixed ? `${k} (fixed)` : `${k} (random, ${length} characters)`)).join(', ');
  const sorted = [...keys].sort();

  const out = [
    `# --- Secret ${JSON.stringify(name)}: ${describe}.`,
    `# Primary namespace ${JSON.stringify(primary)}${copies.length ? `; copied to ${copies.map((c) => JSON.stringify(c)).join(', ')}` : ''}.`,
    `if exists ${sq(primary)} ${sq(name)}; then`,
    `  echo ${sq(`Secret ${where}: exists, kept as it is`)}`,
    'else',
  ];
  const variable = (k: string) => `random_${random.indexOf(k) + 1}`;
  for (const k of random) out.push(`  ${variable(k)}=$(random ${length})`);
  const stringData = sorted.map((k): [string, ShellPart] => [k, k in fixed ? JSON.stringify(fixed[k]) : { variable: variable(k) }]);
  out.push(
    `  printf '%s' ${shellWord(secretBody(name, 'stringData', stringData))} |`,
    `    create ${sq(primary)} ${sq(name)}`,
    `  unset ${random.map(variable).join(' ')}`,
    'fi',
    '# Read it back: it must have every key (an existing Secret is never changed).',
    `primary=$(read_secret ${sq(primary)} ${sq(name)})`,
  );
  const dataVariable = (k: string) => `data_${sorted.indexOf(k) + 1}`;
  for (const k of sorted) out.push(`${dataVariable(k)}=$(data_value "$primary" ${sq(where)} ${sq(k)})`);
  if (copies.length) {
    const data = sorted.map((k): [string, ShellPart] => [k, { variable: dataVariable(k) }]);
    out.push(
      `for namespace in ${copies.map(sq).join(' ')}; do`,
      `  if exists "$namespace" ${sq(name)}; then`,
      `    printf 'Secret %s/%s: exists, kept as it is\\n' "$namespace" ${sq(name)}`,
      '  else',
      `    printf '%s' ${shellWord(secretBody(name, 'data', data))} |`,
      `      create "$namespace" ${sq(name)}`,
      '  fi',
      'done',
    );
  }
  out.push(`unset primary ${sorted.map(dataVariable).join(' ')}`);
  return out;
}
