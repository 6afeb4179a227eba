/**
 * The Argo Workflows v4.1.2 settings that make the server or the controller fail at start:
 * - `argo-server/`: the argo-server Deployment's readiness probe scheme matches `--secure`, its
 *   base href starts and ends with "/", and it exposes port 2746.
 * - `controller/`: the workflow-controller Deployment can run leader election (or, with it
 *   disabled, cannot run twice).
 * - `controller-config/`: `workflow-controller-configmap` has only keys the controller knows,
 *   a readable `config` key, a usable persistence block and workflow restrictions.
 * - `artifact-repositories/`: the `artifact-repositories` ConfigMap names a default that exists.
 * - `install/`: rules across objects: the names that Argo and the documented kubectl commands
 *   rely on (the argo-server Service, the controller's ConfigMap).
 */
import { CheckOptions, Finding, isObj, list, Obj, q, Report, reporterFor } from './_objects';

/**
 * The top-level keys of Argo v4.1.2's controller `Config`; the controller exits on any other.
 * Written out here, not taken from the package's own config schema: the policy checks the output
 * against Argo, so a key wrongly added to the schema must not pass here too.
 */
const CONTROLLER_CONFIG_KEYS = [
  'artifactDrivers', 'artifactRepository', 'columns', 'disableAgentPodCreation', 'executor', 'failedPodRestart', 'images',
  'initialDelay', 'initlessPod', 'instanceID', 'kubeConfig', 'links', 'mainContainer', 'metricsConfig', 'namespace',
  'namespaceParallelism', 'navColor', 'nodeEvents', 'parallelism', 'persistence', 'podGCDeleteDelayDuration',
  'podGCGracePeriodSeconds', 'podSpecLogStrategy', 'resourceRateLimit', 'retentionPolicy', 'sso', 'synchronization',
  'telemetryConfig', 'workflowDefaults', 'workflowEvents', 'workflowRestrictions',
];
/** A duration Argo's TTL parser accepts: one number and one unit. */
const SINGLE_UNIT_DURATION = /^\d+[dhms]$/;
const ARGO_SERVER_PORT = 2746;

/** The rules on one object: argo-server, workflow-controller and their ConfigMaps, by name. */
export function checkArgoObject(obj: Obj, pod: Obj | undefined, report: Report, options: CheckOptions): void {
  if (obj.kind === 'Deployment' && obj.metadata?.name === 'argo-server') checkArgoServer(pod ?? {}, report);
  if (obj.kind === 'Deployment' && obj.metadata?.name === 'workflow-controller') checkController(obj, pod ?? {}, report);
  if (obj.kind === 'ConfigMap' && obj.metadata?.name === 'workflow-controller-configmap') checkControllerConfig(obj, report, options);
  if (obj.kind === 'ConfigMap' && obj.metadata?.name === 'artifact-repositories') checkArtifactRepositories(obj, report);
}

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

/** `install/`: rules across objects: the names that Argo and the documented kubectl commands rely on. */
export function checkInstall(objs: readonly Obj[], findings: Finding[]): void {
  const find = (kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata?.name === name);
  const server = find('Deployment', 'argo-server');
  if (server) {
    const svc = find('Service', 'argo-server');
    if (!svc) reporterFor(findings, server)('error', 'install/argo-server-service', 'there is no Service argo-server for the argo-server Deployment. Fix: add it, with port 2746');
    else if (!list(svc.spec?.ports).some((p) => isObj(p) && p.port === ARGO_SERVER_PORT)) {
      reporterFor(findings, svc)('error', 'install/argo-server-service', 'Service argo-server does not serve port 2746. Fix: add port 2746');
    }
  }
  const controller = find('Deployment', 'workflow-controller');
  if (controller && !find('ConfigMap', 'workflow-controller-configmap')) {
    reporterFor(findings, controller)('error', 'install/controller-configmap', 'there is no ConfigMap workflow-controller-configmap, without which the controller exits. Fix: add it (it may be empty)');
  }
}
