/**
 * Policy checks over synthesized manifests (plain objects, as `chart.toJson()` or a YAML parser
 * returns them). Pure and self-contained: no imports, no I/O, so the CLI, the tests and any other
 * program can run it on any list of Kubernetes objects.
 *
 * What it checks, by rule id prefix:
 * - `object/`: every object has apiVersion, kind and metadata.name.
 * - `pss/`: Pod Security Standards "restricted" (which includes "baseline") for every pod template
 *   of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob.
 * - `resources/`: cpu and memory requests and a memory limit on every long-running container.
 * - `probes/`: Deployments, StatefulSets and DaemonSets have a readiness or liveness probe.
 * - `image/`: every image is pinned by a tag other than `latest`, or by a sha256 digest.
 * - `credentials/`: no Secret carries data, and no secret-looking env var has a literal value.
 * - `rbac/`: no `*` in verbs, resources or apiGroups; no unrestricted Secret reads.
 * - `argo-server/`, `controller/`, `controller-config/`, `artifact-repositories/`, `install/`:
 *   the Argo Workflows v4.1.2 settings that make the server or the controller fail at start.
 *
 * Every finding names the object as `Kind/namespace/name`; the namespace part is empty for
 * objects without one (`ClusterRole//argo-cluster-role`).
 */

export type FindingLevel = 'error' | 'warning';

export interface Finding {
  readonly level: FindingLevel;
  /** `Kind/namespace/name`; the namespace is empty when metadata.namespace is not set. */
  readonly object: string;
  /** A stable rule id such as `pss/seccomp-profile`. */
  readonly rule: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

export interface CheckOptions {
  /**
   * A YAML parser for the values of `workflow-controller-configmap` (for example `parse` of the
   * `yaml` package). Without one, only the top-level keys of the config are checked.
   * @default - JSON values are parsed, other values are checked by their top-level keys only
   */
  readonly parseYaml?: (text: string) => unknown;
}

type Obj = Record<string, any>;

/** Volume sources Pod Security "restricted" allows. */
const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** Sysctls Pod Security "baseline" allows. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
/** Env var names that look like they hold a credential. */
const CREDENTIAL_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL/i;
/** The top-level keys of Argo v4.1.2's controller `Config`; the controller exits on any other. */
const CONTROLLER_CONFIG_KEYS = [
  'artifactDrivers', 'artifactRepository', 'columns', 'disableAgentPodCreation', 'executor', 'failedPodRestart', 'images',
  'initialDelay', 'initlessPod', 'instanceID', 'kubeConfig', 'links', 'mainContainer', 'metricsConfig', 'namespace',
  'namespaceParallelism', 'navColor', 'nodeEvents', 'parallelism', 'persistence', 'podGCDeleteDelayDuration',
  'podGCGracePeriodSeconds', 'podSpecLogStrategy', 'resourceRateLimit', 'retentionPolicy', 'sso', 'synchronization',
  'telemetryConfig', 'workflowDefaults', 'workflowEvents', 'workflowRestrictions',
];
/** A duration Argo's TTL parser accepts: one number and one unit. */
const SINGLE_UNIT_DURATION = /^(\d+[dhms]|\d+(\.\d+)?(ns|us|µs|ms))$/;
const ARGO_SERVER_PORT = 2746;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const q = (v: unknown) => JSON.stringify(v);

/** `Kind/namespace/name` of an object. */
export function objectRef(obj: unknown): string {
  const o = isObj(obj) ? obj : {};
  const m = isObj(o.metadata) ? o.metadata : {};
  return `${o.kind ?? '?'}/${m.namespace ?? ''}/${m.name ?? '?'}`;
}

/** The pod spec inside a workload, or undefined for other kinds. */
export function podSpecOf(obj: Obj): Obj | undefined {
  let spec: unknown;
  switch (obj.kind) {
    case 'Pod': spec = obj.spec; break;
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job': spec = obj.spec?.template?.spec; break;
    case 'CronJob': spec = obj.spec?.jobTemplate?.spec?.template?.spec; break;
    default: return undefined;
  }
  return isObj(spec) ? spec : {};
}

type Report = (level: FindingLevel, rule: string, message: string) => void;

/** Runs every check over a set of objects (one install: cross-object rules look within the set). */
export function checkManifests(objects: readonly unknown[], options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const objs = objects.filter(isObj);
  for (const obj of objs) {
    const object = objectRef(obj);
    const report: Report = (level, rule, message) => findings.push({ level, object, rule, message });
    checkIdentity(obj, report);
    const pod = podSpecOf(obj);
    if (pod) checkPodSpec(obj, pod, report);
    if (obj.kind === 'Secret') checkSecret(obj, report);
    if (obj.kind === 'Role' || obj.kind === 'ClusterRole') checkRbacRules(obj, report);
    if (obj.kind === 'Deployment' && obj.metadata?.name === 'argo-server') checkArgoServer(pod ?? {}, report);
    if (obj.kind === 'Deployment' && obj.metadata?.name === 'workflow-controller') checkController(obj, pod ?? {}, report);
    if (obj.kind === 'ConfigMap' && obj.metadata?.name === 'workflow-controller-configmap') checkControllerConfig(obj, report, options);
    if (obj.kind === 'ConfigMap' && obj.metadata?.name === 'artifact-repositories') checkArtifactRepositories(obj, report);
  }
  checkInstall(objs, findings);
  return findings;
}

function checkIdentity(obj: Obj, report: Report): void {
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion || typeof obj.kind !== 'string' || !obj.kind || typeof obj.metadata?.name !== 'string' || !obj.metadata.name) {
    report('error', 'object/identity', 'the object lacks apiVersion, kind or metadata.name. Fix: set all three');
  }
}

// ---------------------------------------------------------------------------------------------
// Pods

interface NamedContainer { readonly c: Obj; readonly where: string; readonly longRunning: boolean }

function containersOf(pod: Obj): NamedContainer[] {
  const out: NamedContainer[] = [];
  for (const c of list(pod.initContainers).filter(isObj)) {
    // A native sidecar (restartPolicy Always) runs for the pod's whole life, like a container.
    out.push({ c, where: `init container ${q(c.name)}`, longRunning: c.restartPolicy === 'Always' });
  }
  for (const c of list(pod.containers).filter(isObj)) out.push({ c, where: `container ${q(c.name)}`, longRunning: true });
  for (const c of list(pod.ephemeralContainers).filter(isObj)) out.push({ c, where: `ephemeral container ${q(c.name)}`, longRunning: false });
  return out;
}

function checkPodSpec(obj: Obj, pod: Obj, report: Report): void {
  const psc: Obj = isObj(pod.securityContext) ? pod.securityContext : {};
  const err = (rule: string, message: string) => report('error', rule, message);

  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (pod[field] === true) err('pss/host-namespaces', `${field} is true: pods must not share the node's namespaces. Fix: remove ${field}`);
  }
  for (const v of list(pod.volumes).filter(isObj)) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type !== undefined && !RESTRICTED_VOLUME_TYPES.includes(type)) {
      err('pss/volume-types', `volume ${q(v.name)} is of type ${type}, which Pod Security "restricted" forbids. Fix: use one of ${RESTRICTED_VOLUME_TYPES.join(', ')}`);
    }
  }
  if (psc.runAsUser === 0) err('pss/run-as-user', 'the pod sets runAsUser 0 (root). Fix: run as a non-zero UID');
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && podSeccomp !== 'RuntimeDefault' && podSeccomp !== 'Localhost') {
    err('pss/seccomp-profile', `the pod's seccompProfile type is ${q(podSeccomp)}. Fix: use RuntimeDefault or Localhost`);
  }
  if (psc.windowsOptions?.hostProcess === true) err('pss/host-process', 'the pod sets windowsOptions.hostProcess. Fix: remove it');
  checkSelinux(psc.seLinuxOptions, 'the pod', err);
  if (psc.appArmorProfile?.type !== undefined && psc.appArmorProfile.type !== 'RuntimeDefault' && psc.appArmorProfile.type !== 'Localhost') {
    err('pss/apparmor', `the pod's appArmorProfile type is ${q(psc.appArmorProfile.type)}. Fix: use RuntimeDefault or Localhost`);
  }
  for (const s of list(psc.sysctls).filter(isObj)) {
    if (!SAFE_SYSCTLS.includes(s.name)) err('pss/sysctls', `the pod sets sysctl ${q(s.name)}, which is not in the safe set. Fix: remove it`);
  }

  for (const { c, where, longRunning } of containersOf(pod)) {
    const sc: Obj = isObj(c.securityContext) ? c.securityContext : {};
    if (sc.privileged === true) err('pss/privileged', `${where} is privileged. Fix: remove securityContext.privileged or set it to false`);
    if (sc.allowPrivilegeEscalation !== false) err('pss/allow-privilege-escalation', `${where} does not set allowPrivilegeEscalation to false. Fix: set securityContext.allowPrivilegeEscalation: false`);
    if (!list(sc.capabilities?.drop).includes('ALL')) err('pss/capabilities', `${where} does not drop ALL capabilities. Fix: set securityContext.capabilities.drop: [ALL]`);
    for (const cap of list(sc.capabilities?.add)) {
      if (cap !== 'NET_BIND_SERVICE') err('pss/capabilities', `${where} adds capability ${q(cap)}; only NET_BIND_SERVICE may be added. Fix: remove it from capabilities.add`);
    }
    if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) err('pss/run-as-non-root', `${where} may run as root: neither it nor the pod sets runAsNonRoot: true. Fix: set securityContext.runAsNonRoot: true on the pod`);
    if (sc.runAsUser === 0) err('pss/run-as-user', `${where} sets runAsUser 0 (root). Fix: run as a non-zero UID`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      err('pss/seccomp-profile', seccomp === undefined
        ? `${where} has no seccompProfile (on it or the pod). Fix: set securityContext.seccompProfile.type: RuntimeDefault on the pod`
        : `${where} has seccompProfile type ${q(seccomp)}. Fix: use RuntimeDefault or Localhost`);
    }
    if (sc.windowsOptions?.hostProcess === true) err('pss/host-process', `${where} sets windowsOptions.hostProcess. Fix: remove it`);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') err('pss/proc-mount', `${where} sets procMount ${q(sc.procMount)}. Fix: remove it`);
    checkSelinux(sc.seLinuxOptions, where, err);
    if (sc.appArmorProfile?.type !== undefined && sc.appArmorProfile.type !== 'RuntimeDefault' && sc.appArmorProfile.type !== 'Localhost') {
      err('pss/apparmor', `${where} has appArmorProfile type ${q(sc.appArmorProfile.type)}. Fix: use RuntimeDefault or Localhost`);
    }
    for (const p of list(c.ports).filter(isObj)) {
      if (p.hostPort !== undefined && p.hostPort !== 0) err('pss/host-ports', `${where} binds hostPort ${p.hostPort}. Fix: remove hostPort and reach the pod through a Service`);
    }

    checkImage(c.image, where, report);
    for (const e of list(c.env).filter(isObj)) {
      if (typeof e.name === 'string' && CREDENTIAL_NAME.test(e.name) && typeof e.value === 'string' && e.value !== '') {
        err('credentials/env-literal', `${where} sets env ${e.name} to a literal value. Fix: read it from a Secret with valueFrom.secretKeyRef`);
      }
    }

    if (longRunning) {
      const r: Obj = isObj(c.resources) ? c.resources : {};
      const missing = ['cpu', 'memory'].filter((k) => r.requests?.[k] === undefined || r.requests[k] === '');
      if (missing.length) err('resources/requests', `${where} has no ${missing.join(' or ')} request. Fix: set resources.requests.${missing.join(' and resources.requests.')}`);
      if (r.limits?.memory === undefined || r.limits.memory === '') err('resources/memory-limit', `${where} has no memory limit. Fix: set resources.limits.memory`);
    }
  }

  if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(obj.kind)) {
    for (const c of list(pod.containers).filter(isObj)) {
      if (!c.readinessProbe && !c.livenessProbe) report('warning', 'probes/missing', `container ${q(c.name)} has neither a readiness nor a liveness probe. Fix: add a readinessProbe`);
    }
  }
}

function checkSelinux(opts: unknown, where: string, err: (rule: string, message: string) => void): void {
  if (!isObj(opts)) return;
  if (opts.type !== undefined && opts.type !== '' && !SELINUX_TYPES.includes(opts.type)) err('pss/selinux', `${where} sets seLinuxOptions.type ${q(opts.type)}. Fix: use one of ${SELINUX_TYPES.join(', ')} or none`);
  if (opts.user || opts.role) err('pss/selinux', `${where} sets seLinuxOptions.user or role. Fix: remove them`);
}

/** Splits an image reference: its tag (if any) and whether it carries a sha256 digest. */
export function parseImageReference(image: string): { tag?: string; digest: boolean } {
  const at = image.indexOf('@');
  const digest = at >= 0 && /^sha256:[a-f0-9]{64}$/.test(image.slice(at + 1));
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  return { tag: colon >= 0 ? lastPart.slice(colon + 1) : undefined, digest };
}

function checkImage(image: unknown, where: string, report: Report): void {
  if (typeof image !== 'string' || image === '') {
    report('error', 'image/pinned', `${where} has no image. Fix: set image to a reference with a version tag or a sha256 digest`);
    return;
  }
  const { tag, digest } = parseImageReference(image);
  if (digest) return;
  if (tag === undefined || tag === '') report('error', 'image/pinned', `${where} image ${q(image)} has no tag, so it floats with "latest". Fix: pin a version tag or a sha256 digest`);
  else if (tag === 'latest') report('error', 'image/pinned', `${where} image ${q(image)} uses the "latest" tag. Fix: pin a version tag or a sha256 digest`);
}

// ---------------------------------------------------------------------------------------------
// Credentials and RBAC

function checkSecret(obj: Obj, report: Report): void {
  if (obj.type === 'kubernetes.io/service-account-token') return;
  const keys = [...Object.keys(isObj(obj.data) ? obj.data : {}), ...Object.keys(isObj(obj.stringData) ? obj.stringData : {})];
  if (keys.length) {
    report('error', 'credentials/secret-data', `the Secret carries ${keys.length === 1 ? 'key' : 'keys'} ${keys.map((k) => q(k)).join(', ')} in plain manifests. Fix: create the Secret outside the manifests (or with an external secret store) and reference it by name`);
  }
}

function checkRbacRules(obj: Obj, report: Report): void {
  list(obj.rules).filter(isObj).forEach((r, i) => {
    for (const field of ['apiGroups', 'resources', 'verbs']) {
      if (list(r[field]).includes('*')) report('error', 'rbac/wildcard', `rules[${i}].${field} contains "*". Fix: list the ${field} the component needs`);
    }
    const resources = list(r.resources);
    const readsSecrets = (resources.includes('secrets') || resources.includes('*')) && list(r.verbs).some((v) => ['get', 'list', 'watch', '*'].includes(v));
    if (readsSecrets && list(r.resourceNames).length === 0) {
      report('warning', 'rbac/secret-read', `rules[${i}] reads every Secret ${obj.kind === 'ClusterRole' ? 'in the cluster' : 'in the namespace'}. Fix: limit the rule with resourceNames`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Argo Workflows

const argvOf = (c: Obj): string[] => [...list(c.command), ...list(c.args)].map(String);
const envValue = (c: Obj, name: string): string | undefined => {
  const e = list(c.env).find((x) => isObj(x) && x.name === name);
  return e === undefined ? undefined : e.value === undefined ? '' : String(e.value);
};
const hasEnv = (c: Obj, name: string) => list(c.env).some((x) => isObj(x) && x.name === name);

/** The value of `--flag value` or `--flag=value`; `"true"` for a bare flag. */
function flag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[i + 1] : 'true';
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

function checkArgoServer(pod: Obj, report: Report): void {
  const containers = list(pod.containers).filter(isObj);
  const c = containers.find((x) => argvOf(x).includes('server')) ?? containers[0];
  if (!c) return;
  const argv = argvOf(c);
  const secureSetting = flag(argv, '--secure') ?? envValue(c, 'ARGO_SECURE');
  const secure = secureSetting === undefined || secureSetting !== 'false';
  const probe = c.readinessProbe;
  const scheme = probe?.httpGet?.scheme ?? 'HTTP';
  if (!probe) report('error', 'argo-server/readiness-probe', 'argo-server has no readiness probe. Fix: probe GET / on port 2746');
  else if (probe.httpGet && secure && scheme !== 'HTTPS') report('error', 'argo-server/readiness-probe', 'argo-server serves HTTPS (--secure is true by default) but its readiness probe uses HTTP. Fix: set readinessProbe.httpGet.scheme: HTTPS');
  else if (probe.httpGet && !secure && scheme === 'HTTPS') report('error', 'argo-server/readiness-probe', 'argo-server runs with --secure=false but its readiness probe uses HTTPS. Fix: set readinessProbe.httpGet.scheme: HTTP');
  const href = envValue(c, 'ARGO_BASE_HREF') ?? flag(argv, '--base-href');
  if (href !== undefined && !/^\/(.*\/)?$/.test(href)) report('error', 'argo-server/base-href', `the base href ${q(href)} does not start and end with "/". Fix: write it like "/argo/"`);
  if (!list(c.ports).some((p) => isObj(p) && p.containerPort === ARGO_SERVER_PORT)) report('error', 'argo-server/port', 'the argo-server container does not expose port 2746. Fix: add containerPort 2746');
}

function checkController(obj: Obj, pod: Obj, report: Report): void {
  const c = list(pod.containers).find(isObj);
  if (!c) return;
  const disabled = envValue(c, 'LEADER_ELECTION_DISABLE') === 'true';
  if (!disabled && !hasEnv(c, 'LEADER_ELECTION_IDENTITY')) {
    report('error', 'controller/leader-election', 'workflow-controller has no LEADER_ELECTION_IDENTITY env var, which leader election requires. Fix: set it from fieldRef metadata.name');
  }
  if (disabled && obj.spec?.strategy?.type !== 'Recreate') {
    report('error', 'controller/leader-election', 'leader election is disabled but the Deployment does not use strategy Recreate, so two controllers can run at once. Fix: set spec.strategy.type: Recreate');
  }
}

/** Top-level keys of a YAML mapping, by its unindented `key:` lines (used when no parser is given). */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][\w-]*|"[^"]*"|'[^']*')\s*:(\s|$)/.exec(line);
    if (m) keys.push(m[1].replace(/^["']|["']$/g, ''));
  }
  return keys;
}

function parseValue(text: string, options: CheckOptions): unknown {
  if (options.parseYaml) return options.parseYaml(text);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function checkControllerConfig(cm: Obj, report: Report, options: CheckOptions): void {
  const err = (rule: string, message: string) => report('error', rule, message);
  const data: Obj = isObj(cm.data) ? cm.data : {};
  let config: Obj | undefined;
  let keys: string[];
  if ('config' in data) {
    if (Object.keys(data).length !== 1) {
      err('controller-config/config-key', 'workflow-controller-configmap has a "config" key next to other keys; Argo only reads "config" when it is the only key. Fix: move every setting into "config", or drop "config"');
      return;
    }
    const parsed = parseValue(String(data.config), options);
    config = isObj(parsed) ? parsed : undefined;
    keys = config ? Object.keys(config) : topLevelKeys(String(data.config));
  } else {
    keys = Object.keys(data);
    config = {};
    for (const [k, v] of Object.entries(data)) config[k] = parseValue(String(v), options);
  }
  for (const k of keys) {
    if (!CONTROLLER_CONFIG_KEYS.includes(k)) err('controller-config/unknown-key', `unknown controller config key ${q(k)}; the controller and argo-server exit on it. Fix: remove it or correct its spelling`);
  }
  const p = config?.persistence;
  if (isObj(p)) {
    const db = p.postgresql ?? p.mysql;
    if (p.postgresql && p.mysql) err('controller-config/persistence', 'persistence sets both postgresql and mysql. Fix: keep one');
    if (!isObj(db)) err('controller-config/persistence', 'persistence has neither postgresql nor mysql. Fix: configure one database');
    else if (!db.tableName) err('controller-config/persistence', 'the persistence database has no tableName. Fix: set tableName, e.g. "argo_workflows"');
    if (p.archiveTTL !== undefined && !SINGLE_UNIT_DURATION.test(String(p.archiveTTL))) err('controller-config/persistence', `persistence.archiveTTL ${q(p.archiveTTL)} is not a single-unit duration. Fix: write it like "30d"`);
    const life = p.connectionPool?.connMaxLifetime;
    if (life !== undefined && !SINGLE_UNIT_DURATION.test(String(life))) err('controller-config/persistence', `persistence.connectionPool.connMaxLifetime ${q(life)} is not a single-unit duration. Fix: write it like "300s"`);
  }
  const referencing = config?.workflowRestrictions?.templateReferencing;
  if (referencing !== undefined && referencing !== 'Strict' && referencing !== 'Secure') {
    err('controller-config/workflow-restrictions', `workflowRestrictions.templateReferencing ${q(referencing)} is not "Strict" or "Secure". Fix: use one of them`);
  }
}

function checkArtifactRepositories(cm: Obj, report: Report): void {
  const key = cm.metadata?.annotations?.['workflows.argoproj.io/default-artifact-repository'];
  if (key === undefined) {
    report('warning', 'artifact-repositories/default', 'artifact-repositories has no workflows.argoproj.io/default-artifact-repository annotation, so workflows get no default repository. Fix: annotate it with the key of the default entry');
  } else if (!isObj(cm.data) || !(key in cm.data)) {
    report('error', 'artifact-repositories/default', `the default artifact repository ${q(key)} is not a key of data. Fix: add it or correct the annotation`);
  }
}

/** Rules across objects: the names that Argo and the documented kubectl commands rely on. */
function checkInstall(objs: Obj[], findings: Finding[]): void {
  const find = (kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata?.name === name);
  const server = find('Deployment', 'argo-server');
  if (server) {
    const svc = find('Service', 'argo-server');
    if (!svc) findings.push({ level: 'error', object: objectRef(server), rule: 'install/argo-server-service', message: 'there is no Service argo-server for the argo-server Deployment. Fix: add it, with port 2746' });
    else if (!list(svc.spec?.ports).some((p) => isObj(p) && p.port === ARGO_SERVER_PORT)) {
      findings.push({ level: 'error', object: objectRef(svc), rule: 'install/argo-server-service', message: 'Service argo-server does not serve port 2746. Fix: add port 2746' });
    }
  }
  const controller = find('Deployment', 'workflow-controller');
  if (controller && !find('ConfigMap', 'workflow-controller-configmap')) {
    findings.push({ level: 'error', object: objectRef(controller), rule: 'install/controller-configmap', message: 'there is no ConfigMap workflow-controller-configmap, without which the controller exits. Fix: add it (it may be empty)' });
  }
}
