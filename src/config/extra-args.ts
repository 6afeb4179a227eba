/**
 * `controller.extraArgs` / `server.extraArgs` and their `extraEnv`: flags and variables the typed
 * options do not cover, checked against Argo v4.1.2 (cmd/workflow-controller/main.go,
 * cmd/argo/commands/server.go and root.go). A flag or variable argo-stack sets itself, or has a
 * typed option for, is refused naming that option; a variable named like a credential is refused
 * (its value would be plain text in the Deployment). They are appended after argo-stack's own.
 */
import { Checker, closest, CREDENTIAL_NAME, isPlainObject } from './check';
import type { EnvVar } from './contributions';
import { conflict, invalid } from './errors';

/** The binary a list of flags is for. */
export type ArgoBinary = 'controller' | 'server';

/** How a flag takes its value: `--flag` alone or `=true|false`, a whole number, a number, or text. */
type FlagKind = 'bool' | 'int' | 'number' | 'text';

/** Flags of Argo v4.1.2 argo-stack leaves to `extraArgs`, with the kind of their value. */
const FREE_FLAGS: Readonly<Record<ArgoBinary, Readonly<Record<string, FlagKind>>>> = {
  controller: { gloglevel: 'int', 'executor-plugins': 'bool', 'workflow-level-executor-plugins': 'bool' },
  server: {
    gloglevel: 'int', 'event-operation-queue-size': 'int', 'event-worker-count': 'int', 'event-async-dispatch': 'bool',
    'allowed-link-protocol': 'text', 'kube-api-qps': 'number', 'kube-api-burst': 'int',
  },
};

const SCOPE = 'scope: InstallScope.NAMESPACED';
const KUBECTL = 'argo-stack runs the binary in its own cluster with its own service account';
const SHARED_TYPED: Readonly<Record<string, string>> = {
  configmap: 'controller.config (argo-stack writes workflow-controller-configmap and points both binaries at it)',
  namespaced: SCOPE,
  'managed-namespace': 'managedNamespace',
};

/** Flags of Argo v4.1.2 argo-stack sets itself or has a typed option for: the option to use. */
const TYPED_FLAGS: Readonly<Record<ArgoBinary, Readonly<Record<string, string>>>> = {
  controller: {
    ...SHARED_TYPED,
    'executor-image': 'images.executor',
    'executor-image-pull-policy': 'controller.config.executor.imagePullPolicy',
    loglevel: 'controller.logLevel', 'log-format': 'controller.logFormat',
    'workflow-workers': 'controller.workers.workflow', 'workflow-ttl-workers': 'controller.workers.workflowTtl',
    'pod-cleanup-workers': 'controller.workers.podCleanup', 'cron-workflow-workers': 'controller.workers.cronWorkflow',
    'workflow-archive-workers': 'controller.workers.workflowArchive',
    qps: 'controller.kubeApiQps', burst: 'controller.kubeApiBurst',
  },
  server: {
    ...SHARED_TYPED,
    'auth-mode': 'server.authModes (and the sso option for "sso")',
    secure: 'server.tls (ServerTls.plainText() for plain HTTP)',
    'tls-certificate-secret-name': 'server.tls (ServerTls.fromSecret("<Secret name>"))',
    hsts: 'server.hsts', 'base-href': 'server.baseHref',
    port: 'nothing: argo-stack serves on port 2746 (web), which the Service, probes, Ingress and NetworkPolicies follow',
    browser: 'nothing: it opens a browser, for `argo server` run locally only',
    verbose: 'server.logLevel: "debug"',
    'x-frame-options': 'server.xFrameOptions', 'access-control-allow-origin': 'server.accessControlAllowOrigin',
    'api-rate-limit': 'server.apiRateLimit', loglevel: 'server.logLevel', 'log-format': 'server.logFormat',
  },
};

/** The client flags every Argo binary has from Kubernetes' client library. */
const KUBECTL_FLAGS = [
  'kubeconfig', 'namespace', 'context', 'cluster', 'user', 'server', 'token', 'as', 'as-group', 'as-uid', 'certificate-authority', 'client-certificate',
  'client-key', 'insecure-skip-tls-verify', 'password', 'username', 'request-timeout', 'tls-server-name', 'disable-compression',
];

const VALUE_RULE: Readonly<Record<FlagKind, [RegExp, string]>> = {
  bool: [/^(true|false)$/, 'true or false'],
  int: [/^\d{1,9}$/, 'a whole number'],
  number: [/^\d{1,9}(\.\d{1,6})?$/, 'a number'],
  text: [/^[^\s"'`$\\]{1,253}$/, 'text without spaces, quotes, backslashes or $'],
};

/** `--name=value` (or `--name` for a boolean) of one extra flag, checked. */
function checkFlag(c: Checker, binary: ArgoBinary, arg: unknown, i: number): string {
  const path = `${c.path}[${i}]`;
  const example = binary === 'server' ? '"--event-worker-count=8"' : '"--gloglevel=2"';
  if (typeof arg !== 'string') throw invalid(path, arg, 'it must be a string "--flag=value"', `write it as ${example}`);
  const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
  if (!m) throw invalid(path, arg, 'it must be one long-form flag "--flag=value" (or "--flag" for a boolean), its value after "="', `write it as ${example}`);
  const [, name, value] = m;
  const typed = TYPED_FLAGS[binary][name];
  if (typed) throw conflict(`${path} is "${arg}", but argo-stack sets --${name} itself or has a typed option for it`, `remove it and use ${typed}`);
  if (KUBECTL_FLAGS.includes(name)) throw conflict(`${path} is "${arg}", but --${name} is a Kubernetes client flag: ${KUBECTL}`, 'remove it');
  const kind = FREE_FLAGS[binary][name];
  if (kind === undefined) {
    const known = [...Object.keys(FREE_FLAGS[binary]), ...Object.keys(TYPED_FLAGS[binary])];
    const near = closest(name, known);
    throw invalid(path, arg, `--${name} is not a flag of Argo v4.1.2's ${binary === 'server' ? 'argo server' : 'workflow-controller'}${near ? ` (did you mean --${near}?)` : ''}`,
      `use one of ${Object.keys(FREE_FLAGS[binary]).map((f) => `--${f}`).join(', ')}, or the typed option of the others`);
  }
  if (value === undefined && kind === 'bool') return arg;
  const [rule, what] = VALUE_RULE[kind];
  if (value === undefined || !rule.test(value)) throw invalid(path, arg, `the value of --${name} must be ${what}`, `write it as "--${name}=<${what}>"`);
  return arg;
}

/** `<binary>.extraArgs`: Argo v4.1.2 flags argo-stack leaves alone, appended after its own. */
export function resolveExtraArgs(c: Checker, binary: ArgoBinary, value: unknown): string[] {
  if (value === undefined) return [];
  const example = binary === 'server' ? '["--event-worker-count=8"]' : '["--gloglevel=2"]';
  if (!Array.isArray(value)) throw invalid(c.at('extraArgs'), value, 'it must be a list of "--flag=value" strings', `write it as ${example}`);
  const list = c.child('extraArgs');
  return value.map((arg, i) => checkFlag(list, binary, arg, i));
}

/** Variables argo-stack sets itself (or a typed option sets): the option to use. */
const OWN_ENV: Readonly<Record<ArgoBinary, Readonly<Record<string, string>>>> = {
  controller: {
    LEADER_ELECTION_IDENTITY: 'nothing: argo-stack sets it to the pod\'s name, which leader election needs',
    LEADER_ELECTION_DISABLE: 'controller.leaderElection: false',
    PGSSLROOTCERT: 'the database\'s CA option (persistence.postgres.caCertificate)',
    POD_NAMES: 'nothing: argo-stack keeps Argo\'s "v2" pod names, which the controller and argo-server must agree on',
  },
  server: {
    ARGO_BASE_HREF: 'server.baseHref', TLS_MIN_VERSION: 'server.tlsMinVersion',
    ARGO_SERVER_METRICS_AUTH: 'metrics.serverMetrics.auth', SSO_DELEGATE_RBAC_TO_NAMESPACE: 'sso.oidc.rbac.delegateToNamespace',
    PGSSLROOTCERT: 'the database\'s CA option (persistence.postgres.caCertificate)',
    POD_NAMES: 'nothing: argo-stack keeps Argo\'s "v2" pod names, which the controller and argo-server must agree on',
  },
};

/** Argo's own variables whose names look like a credential's but are not. */
const NOT_CREDENTIALS = ['IP_KEY_FUNC_HEADERS'];

function looksLikeCredential(name: string): boolean {
  return !NOT_CREDENTIALS.includes(name) && (CREDENTIAL_NAME.test(name) || name.split('_').some((part) => /^(KEY|PASS|PWD)$/.test(part)));
}

/** Why a variable name is refused, as [message, fix], or undefined. */
function refusedEnv(binary: ArgoBinary, name: string, path: string, taken: readonly string[]): [string, string] | undefined {
  const own = OWN_ENV[binary][name];
  if (own) return [`${path} sets ${name}, which argo-stack sets itself or has a typed option for`, `remove it and use ${own}`];
  const flag = /^ARGO_([A-Z0-9_]+)$/.exec(name)?.[1].toLowerCase().replace(/_/g, '-');
  if (flag && TYPED_FLAGS[binary][flag]) return [`${path} sets ${name}, the variable form of --${flag}, which argo-stack sets itself or has a typed option for`, `remove it and use ${TYPED_FLAGS[binary][flag]}`];
  if (taken.includes(name)) return [`${path} sets ${name}, which another option of this install already sets on the ${binary === 'server' ? 'argo-server' : 'workflow-controller'} container`, `remove it from ${path.replace(/\[.*$/, '')}`];
  if (looksLikeCredential(name)) {
    return [`${path} sets ${name}, which is named like a credential: its value would be plain text in the Deployment (and in the committed YAML)`,
      'keep credentials in a Secret: use the typed option that reads it from one, or add the variable with valueFrom.secretKeyRef in a patch of the output'];
  }
  return undefined;
}

/**
 * `<binary>.extraEnv`: `{ NAME: "value" }`, appended after argo-stack's own variables. `taken` are
 * the names other features already set on the container.
 */
export function resolveExtraEnv(c: Checker, binary: ArgoBinary, value: unknown, taken: readonly string[] = []): EnvVar[] {
  if (value === undefined) return [];
  const path = c.at('extraEnv');
  if (!isPlainObject(value)) throw invalid(path, value, 'it must be an object of variable names to string values', 'write it as { GRPC_MESSAGE_SIZE: "209715200" }');
  return Object.entries(value).map(([name, v]) => {
    const at = `${path}[${JSON.stringify(name)}]`;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)) {
      throw invalid(at, name, 'a variable name must be letters, digits and "_", not starting with a digit (at most 128 characters)', 'rename it, e.g. GRPC_MESSAGE_SIZE');
    }
    const refused = refusedEnv(binary, name, at, taken);
    if (refused) throw conflict(...refused);
    if (typeof v !== 'string') throw invalid(at, v, 'the value must be a string', `quote it, e.g. ${name}: "${typeof v === 'number' || typeof v === 'boolean' ? String(v) : 'value'}"`);
    return { name, value: v };
  });
}
