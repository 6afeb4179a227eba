import { Construct } from 'constructs';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { CredentialsKind, SecretSpec } from '../config/credentials';
import { DEFAULT_JOBS_IMAGE } from '../config/images';
import { DEFAULT_NODE_SELECTOR } from '../config/pod';
import type { ManagedSecret } from '../config/storage/secret-placements';
import { ARGOCD_SYNC_HOOK_ANNOTATIONS, Component, K8sContext, Manifest, labelsFor, manifest, meta } from './_meta';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from './_pod';
import type { PolicyRule } from './_rbac-rules';

/** Name of the Job, its ServiceAccount, and the Role and RoleBinding in each namespace it writes to. */
export { ARGOCD_SYNC_HOOK_ANNOTATIONS };
export type { ManagedSecret };

export const CREDENTIALS_JOB_NAME = 'argo-stack-credentials';
/** The Job's image by default (`images.jobs`): small, pinned, with a POSIX sh (busybox ash) and curl. */
export const CREDENTIALS_JOB_IMAGE = DEFAULT_JOBS_IMAGE;
/** The UID of `curl_user` in that image. */
export const CREDENTIALS_JOB_UID = 100;
/** Requests and limits of the Job's container. */
export const CREDENTIALS_JOB_RESOURCES = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } } as const;
/** Argo CD sync wave of everything credentials-related: after namespaces and CRDs, before the consumers. */
export const CREDENTIALS_SYNC_WAVE = '-5';
/**
 * Annotations on the Secrets the Job creates. They are not in git, so Argo CD must neither prune them
 * (that would lose the values, and a re-run would make new ones) nor report them as out of sync.
 */
export const GENERATED_SECRET_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/compare-options': 'IgnoreExtraneous',
  'argocd.argoproj.io/sync-options': 'Prune=false',
};
/** Marks a SealedSecret (and the Secret it unseals to) as sealed for any name and namespace. */
export const SEALED_SECRET_CLUSTER_WIDE = 'sealedsecrets.bitnami.com/cluster-wide';

const RBAC = 'rbac.authorization.k8s.io/v1';

export interface ManagedSecretsProps {
  readonly ctx: K8sContext;
  /** Every Secret argo-stack's components need, with its namespaces (checked by `checkManagedSecrets`). */
  readonly secrets: readonly ManagedSecret[];
  /**
   * Image of the generator Job: it must run `sh` (POSIX, e.g. busybox ash) with `curl`, `tr`,
   * `head`, `sed` and `grep`, as UID 100, pinned with a tag or digest (checked by `checkJobsImage`).
   * @default - the install's `images.jobs` ("docker.io/curlimages/curl:8.11.1" unless overridden)
   */
  readonly image?: string;
}

/** `external-secrets.io/v1` ExternalSecret, as far as argo-stack uses it. */
export interface ExternalSecretManifest extends Manifest {
  readonly spec: {
    readonly refreshInterval: string;
    readonly secretStoreRef: { readonly name: string; readonly kind: string };
    readonly target: { readonly name: string; readonly creationPolicy: 'Owner' };
    readonly data: { readonly secretKey: string; readonly remoteRef: { readonly key: string; readonly property: string } }[];
  };
}

/** `bitnami.com/v1alpha1` SealedSecret, as far as argo-stack uses it. */
export interface SealedSecretManifest extends Manifest {
  readonly spec: {
    readonly encryptedData: Record<string, string>;
    readonly template: { readonly metadata: Manifest['metadata']; readonly type: 'Opaque' };
  };
}

/**
 * The Secrets of argo-stack, without a single value in the manifests:
 *
 * - `EXISTING`: nothing (the user creates them).
 * - `EXTERNAL_SECRET`: an ExternalSecret named like the Secret in each of its namespaces.
 * - `SEALED_SECRET`: a cluster-wide SealedSecret in each of its namespaces.
 * - `GENERATED`: one Job `argo-stack-credentials` in the install namespace for all of them, with its
 *   ServiceAccount, and a Role and RoleBinding in each namespace it writes to. The Job creates each
 *   absent Secret with random values in its primary namespace, copies it to the other namespaces,
 *   and never changes a Secret that exists (see `credentialsScript`).
 *
 * The list is checked before it gets here (by the plan, or `checkManagedSecrets`).
 */
export class ManagedSecrets extends Construct {
  /** The generator Job's script, or undefined when no Secret is generated. */
  public readonly script?: string;

  constructor(scope: Construct, id: string, props: ManagedSecretsProps) {
    super(scope, id);
    const { ctx, secrets } = props;
    const image = props.image ?? ctx.images.jobs;

    for (const s of secrets) {
      const source = s.spec.source;
      for (const ns of s.namespaces) {
        if (source.kind === CredentialsKind.EXTERNAL_SECRET) this.externalSecret(ctx, s.spec, ns);
        if (source.kind === CredentialsKind.SEALED_SECRET) this.sealedSecret(ctx, s.spec, ns);
      }
    }
    const generated = secrets.filter((s) => s.spec.source.kind === CredentialsKind.GENERATED);
    if (generated.length) {
      this.script = credentialsScript(ctx, generated);
      this.generator(ctx, generated, image, this.script);
    }
  }

  private externalSecret(ctx: K8sContext, spec: SecretSpec, namespace: string): void {
    const e = spec.source.externalSecret!;
    manifest<ExternalSecretManifest>(this, `ExternalSecret-${namespace}-${spec.name}`, {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: meta(ctx, Component.CREDENTIALS, spec.name, namespace, { annotations: syncWave() }),
      spec: {
        refreshInterval: e.refreshInterval,
        secretStoreRef: { name: e.storeName, kind: e.storeKind },
        target: { name: spec.name, creationPolicy: 'Owner' },
        data: [...spec.keys].sort().map((key) => ({ secretKey: key, remoteRef: { key: e.remoteKey, property: spec.source.remoteProperty(key) } })),
      },
    });
  }

  private sealedSecret(ctx: K8sContext, spec: SecretSpec, namespace: string): void {
    const sealed = spec.source.sealedSecret!.encryptedData;
    const annotations = { [SEALED_SECRET_CLUSTER_WIDE]: 'true' };
    manifest<SealedSecretManifest>(this, `SealedSecret-${namespace}-${spec.name}`, {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: meta(ctx, Component.CREDENTIALS, spec.name, namespace, { annotations: { ...syncWave(), ...annotations } }),
      spec: {
        encryptedData: Object.fromEntries([...spec.keys].sort().map((k) => [k, sealed[k]])),
        template: {
          metadata: meta(ctx, Component.CREDENTIALS, spec.name, namespace, { annotations }),
          type: 'Opaque',
        },
      },
    });
  }

  /** The Job, its ServiceAccount, and a Role and RoleBinding in every namespace it writes to. */
  private generator(ctx: K8sContext, generated: readonly ManagedSecret[], image: string, script: string): void {
    const ns = ctx.namespace;
    const annotations = syncWave();
    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ctx, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, ns, { annotations }),
    });
    for (const [namespace, names] of secretNamesByNamespace(generated)) {
      manifest<IRole>(this, `Role-${namespace}`, {
        apiVersion: RBAC, kind: 'Role',
        metadata: meta(ctx, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, namespace, { annotations }),
        rules: generatorRules(names),
      });
      manifest<IRoleBinding>(this, `RoleBinding-${namespace}`, {
        apiVersion: RBAC, kind: 'RoleBinding',
        metadata: meta(ctx, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, namespace, { annotations }),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: CREDENTIALS_JOB_NAME },
        subjects: [{ kind: 'ServiceAccount', name: CREDENTIALS_JOB_NAME, namespace: ns }],
      });
    }
    const res = CREDENTIALS_JOB_RESOURCES;
    manifest<IJob>(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(ctx, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, ns, { annotations: { ...annotations, ...ARGOCD_SYNC_HOOK_ANNOTATIONS } }),
      spec: {
        backoffLimit: 6,
        // Deleted 10 minutes after it finishes, so that a changed Job (its pod template is immutable)
        // can be applied later. Running it again is harmless: it never changes an existing Secret.
        ttlSecondsAfterFinished: 600,
        template: {
          metadata: { labels: { app: CREDENTIALS_JOB_NAME, 'app.kubernetes.io/component': Component.CREDENTIALS } },
          spec: {
            serviceAccountName: CREDENTIALS_JOB_NAME,
            // The script calls the Kubernetes API with this token.
            automountServiceAccountToken: true,
            restartPolicy: 'OnFailure',
            securityContext: restrictedPodSecurityContext(CREDENTIALS_JOB_UID),
            nodeSelector: { ...DEFAULT_NODE_SELECTOR },
            containers: [{
              name: 'generate',
              image,
              command: ['/bin/sh', '-c'],
              args: [script],
              resources: { requests: { ...res.requests }, limits: { ...res.limits } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            // Memory-backed: the request header with the token is written there, never to disk.
            volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }],
          },
        },
      },
    });
  }
}

const syncWave = () => ({ 'argocd.argoproj.io/sync-wave': CREDENTIALS_SYNC_WAVE });

/**
 * The generator's rules in one namespace. `create` cannot be limited to names: Kubernetes RBAC
 * does not apply resourceNames to create (the object has no name yet when it is authorized), so
 * this ServiceAccount may create any Secret in the namespace; only this Job uses it. Reads are
 * limited to exactly the generated Secrets; there is no update, patch, delete, list or watch.
 */
export function generatorRules(secretNames: string[]): PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: [...secretNames].sort(), verbs: ['get'] },
  ];
}

/** Namespace -> names of the generated Secrets in it, namespaces in order of first use. */
function secretNamesByNamespace(generated: readonly ManagedSecret[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of generated) {
    for (const ns of s.namespaces) out.set(ns, [...(out.get(ns) ?? []), s.spec.name]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator script

/** A piece of a shell word: literal text (single-quoted) or a variable (double-quoted). */
type Part = string | { readonly variable: string };

/** Quotes text for POSIX sh: single quotes, a `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One shell word from literal and variable parts: `'{"a":"'"$x"'"}'`. */
function shellWord(parts: Part[]): string {
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else merged.push(p);
  }
  return merged.map((p) => (typeof p === 'string' ? shellQuote(p) : `"$${p.variable}"`)).join('');
}

/** `{"k1":<v1>,"k2":<v2>}` as parts; each value is literal JSON or a variable inside a JSON string. */
function jsonObjectParts(entries: [string, Part][]): Part[] {
  const parts: Part[] = ['{'];
  entries.forEach(([key, value], i) => {
    parts.push(`${i ? ',' : ''}${JSON.stringify(key)}:`);
    if (typeof value === 'string') parts.push(value);
    else parts.push('"', value, '"');
  });
  parts.push('}');
  return parts;
}

/** The Secret JSON the script POSTs: `stringData` or `data` as given. */
function secretBody(name: string, field: 'stringData' | 'data', values: [string, Part][]): Part[] {
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
 * and fixed non-secret values, all validated and quoted: the random values exist only in the
 * cluster, made by `tr -dc 'A-Za-z0-9' </dev/urandom | head -c <length>` when the Job runs.
 */
export function credentialsScript(ctx: Pick<K8sContext, 'namespace' | 'labels' | 'version'>, generated: readonly ManagedSecret[]): string {
  const secretMeta = JSON.stringify({ labels: labelsFor(ctx, Component.CREDENTIALS), annotations: GENERATED_SECRET_ANNOTATIONS }).slice(1, -1);
  const lines = [
    SCRIPT_HEAD.trimEnd(),
    '# Labels and annotations of every Secret made here.',
    `SECRET_META=${shellQuote(secretMeta)}`,
    SCRIPT_FUNCTIONS.trimEnd(),
  ];
  for (const s of generated) lines.push('', ...secretSection(s));
  lines.push('', "echo 'Done: every generated Secret is in place.'", '');
  return lines.join('\n');
}

/** The script lines of one generated Secret. */
function secretSection(s: ManagedSecret): string[] {
  const { name, keys } = s.spec;
  const { fixed, length } = s.spec.source.generated!;
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
  const stringData = sorted.map((k): [string, Part] => [k, k in fixed ? JSON.stringify(fixed[k]) : { variable: variable(k) }]);
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
    const data = sorted.map((k): [string, Part] => [k, { variable: dataVariable(k) }]);
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
