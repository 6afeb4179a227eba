/**
 * Turns `ArgoWorkflowsProps` into one fully resolved, validated plan. Pure: no constructs, no I/O.
 * The cdk8s constructs and the Pulumi components both call it, so every rule lives here once and is
 * checked before anything is built or written.
 */
import { isIP } from 'node:net';
import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IIoK8sApiCoreV1Toleration as Toleration } from 'kubernetes-models/v1/Toleration';
import type { ControllerConfig, SecretKeySelector } from './controller-config';
import { validateControllerConfig } from './controller-config-schema';
import { checkBool, checkInt, isPlainObject } from './_checks';
import { conflict, invalid } from './errors';
import { DEFAULT_ARGO_VERSION, ResolvedImages, resolveImages, validateVersion } from './images';
import { resolvePersistence, ResolvedPersistence } from './persistence';
import { resolveStorage, ResolvedStorage } from './storage';
import { validateAnnotations, validateDnsLabel, validateDnsSubdomain, validateLabels } from './names';
import {
  ArgoServerOptions, ArgoWorkflowsProps, AuthMode, CrdMode, InstallScope, LogFormat, LogLevel, PodSecurityLevel,
  ServiceType, TlsVersion, WorkflowControllerOptions, WorkflowNamespaceOptions,
} from './options';

export const DEFAULT_NAMESPACE = 'argo';
export const DEFAULT_WORKFLOW_SERVICE_ACCOUNT = 'argo-workflow';
/** The UID of every Argo image (USER 8737). */
export const ARGO_UID = 8737;

/** Requests and limits used when none are given. */
export const DEFAULT_RESOURCES = {
  controller: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
  server: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  crdInstaller: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  executor: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '512Mi' } },
} as const;

export const DEFAULT_NODE_SELECTOR: Readonly<Record<string, string>> = { 'kubernetes.io/os': 'linux' };

export interface ResolvedPod {
  readonly replicas: number;
  readonly resources: ResourceRequirements;
  readonly nodeSelector: Record<string, string>;
  readonly tolerations?: Toleration[];
}

export interface ResolvedController extends ResolvedPod {
  readonly image: string;
  readonly serviceAccountAnnotations: Record<string, string>;
  readonly args: string[];
  /** The final configmap content: derived defaults merged with the user's config. */
  readonly config: ControllerConfig;
}

export interface ResolvedServer extends ResolvedPod {
  readonly image: string;
  readonly serviceAccountAnnotations: Record<string, string>;
  readonly args: string[];
  readonly env: { name: string; value: string }[];
  readonly secure: boolean;
  readonly authModes: AuthMode[];
  readonly serviceType: ServiceType;
  readonly loadBalancerSourceRanges?: string[];
}

export interface ResolvedWorkflowNamespace {
  readonly name: string;
  readonly create: boolean;
  readonly podSecurity: PodSecurityLevel;
  readonly serviceAccountName: string;
  readonly serviceAccountAnnotations: Record<string, string>;
  readonly agent: boolean;
  readonly artifactGC: boolean;
}

export interface ResolvedArgoWorkflows {
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly version: string;
  readonly images: ResolvedImages;
  readonly scope: InstallScope;
  /** The namespace the controller and server manage in a namespaced install (install namespace when not set). */
  readonly managedNamespace?: string;
  readonly crds: CrdMode;
  readonly labels: Record<string, string>;
  readonly controller: ResolvedController;
  readonly server?: ResolvedServer;
  readonly workflowNamespaces: ResolvedWorkflowNamespace[];
  /** The database, its controller config and its credentials Secret, when `persistence` is set. */
  readonly persistence?: ResolvedPersistence;
  /** MinIO, the artifact repositories and every Secret the stack needs, with their namespaces. */
  readonly storage: ResolvedStorage;
  /** Secrets in the install namespace that the controller reads (database credentials). */
  readonly controllerSecrets: string[];
  /** Secrets in the install namespace that argo-server reads (database credentials, its TLS certificate). */
  readonly serverSecrets: string[];
}

/** Checks a value of a string enum (the enums of options.ts). */
function checkEnum(option: string, value: unknown, e: Record<string, string>, fix: string): void {
  const values = Object.values(e);
  if (!values.includes(value as string)) {
    throw invalid(option, value, `it must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, fix);
  }
}

/** The crdinstaller image is published from v4.0.9 on. */
function crdInstallerExists(version: string): boolean {
  const [minor, patch] = version.slice(1).split('.').slice(1).map(Number);
  return minor > 0 || patch >= 9;
}

/** An IPv4 or IPv6 CIDR with a prefix in range. */
function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [ip, prefix, ...rest] = value.split('/');
  const family = isIP(ip);
  if (rest.length || !family || !/^\d{1,3}$/.test(prefix ?? '')) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}


/** Deep merge for config objects: `over` wins on leaves; lists are replaced, not merged. */
export function mergeConfig<T>(base: T, over: T | undefined): T {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? mergeConfig(out[k], v) : v;
  return out as T;
}

/** The pod and container security settings every workflow pod gets by default (Pod Security restricted). */
export function workflowPodSecurityDefaults(): ControllerConfig {
  const container = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' as const },
  };
  return {
    executor: { resources: DEFAULT_RESOURCES.executor, securityContext: { ...container, runAsUser: ARGO_UID } },
    mainContainer: { securityContext: container },
    workflowDefaults: {
      spec: { securityContext: { runAsNonRoot: true, runAsUser: ARGO_UID, seccompProfile: { type: 'RuntimeDefault' as const } } },
    },
  };
}

function resolvePod(option: string, o: { replicas?: number; resources?: ResourceRequirements; nodeSelector?: Record<string, string>; tolerations?: Toleration[] } | undefined, resources: ResourceRequirements): ResolvedPod {
  checkInt(`${option}.replicas`, o?.replicas, 1, `set ${option}.replicas to 1 or more (use ${option === 'server' ? 'server.enabled: false' : 'a separate install'} to run none)`);
  const res = o?.resources ?? resources;
  if (!res.requests?.cpu || !res.requests?.memory || !res.limits?.memory) {
    throw invalid(`${option}.resources`, res, 'it must set requests.cpu, requests.memory and limits.memory', `add them, e.g. ${JSON.stringify(resources)}`);
  }
  return {
    replicas: o?.replicas ?? 1,
    resources: res,
    nodeSelector: o?.nodeSelector ?? { ...DEFAULT_NODE_SELECTOR },
    tolerations: o?.tolerations,
  };
}

function logArgs(option: string, o: { logLevel?: LogLevel; logFormat?: LogFormat } | undefined): string[] {
  const args: string[] = [];
  if (o?.logLevel !== undefined) {
    checkEnum(`${option}.logLevel`, o.logLevel, LogLevel, 'use LogLevel.DEBUG, INFO, WARN or ERROR');
    args.push(`--loglevel=${o.logLevel}`);
  }
  if (o?.logFormat !== undefined) {
    checkEnum(`${option}.logFormat`, o.logFormat, LogFormat, 'use LogFormat.TEXT or LogFormat.JSON');
    args.push(`--log-format=${o.logFormat}`);
  }
  return args;
}

/** Names of the Secrets a list of selectors references. */
function secretNames(...selectors: (SecretKeySelector | undefined)[]): string[] {
  return selectors.flatMap((s) => (s?.name ? [s.name] : []));
}

const sortedUnique = (names: string[]) => [...new Set(names)].sort();

function resolveController(o: WorkflowControllerOptions | undefined, ctx: { scope: InstallScope; managedNamespace?: string; executorImage: string; controllerImage: string; namespaces: ResolvedWorkflowNamespace[]; persistence?: ResolvedPersistence; storage: ResolvedStorage }): ResolvedController {
  const pod = resolvePod('controller', o, DEFAULT_RESOURCES.controller);
  // o.config was validated by resolveArgoWorkflows before persistence and storage; the merged config is validated below.
  const user = o?.config ?? {};
  if (ctx.persistence && (user.persistence !== undefined || user.synchronization !== undefined)) {
    throw conflict(`persistence is set and so is controller.config.${user.persistence !== undefined ? 'persistence' : 'synchronization'}: the database would be configured twice`,
      `remove controller.config.${user.persistence !== undefined ? 'persistence' : 'synchronization'} and use the persistence option`);
  }
  if (user.sso !== undefined) {
    throw conflict('controller.config.sso is not supported yet: single sign-on needs the argo-server-sso Secret, RBAC and auth mode wiring that argo-stack does not build yet',
      'remove controller.config.sso and use AuthMode.CLIENT or AuthMode.SERVER');
  }
  if (user.persistence !== undefined) {
    const p = user.persistence;
    if (p.postgresql && p.mysql) throw conflict('controller.config.persistence sets both postgresql and mysql: Argo uses exactly one database', 'keep only one of them');
    const db = p.postgresql ?? p.mysql;
    if (!db) throw conflict('controller.config.persistence has no database: Argo needs postgresql or mysql', 'add persistence.postgresql or persistence.mysql');
    if (!db.tableName) throw conflict(`controller.config.persistence.${p.postgresql ? 'postgresql' : 'mysql'}.tableName is missing: Argo exits with "TableName is empty"`, 'set tableName, e.g. "argo_workflows"');
  }
  const w = o?.workers ?? {};
  const args = [`--executor-image=${ctx.executorImage}`];
  const flag = (name: string, option: string, value: number | undefined) => {
    checkInt(option, value, 1, `set ${option} to 1 or more, or leave it unset for Argo's default`);
    if (value !== undefined) args.push(`--${name}=${value}`);
  };
  flag('workflow-workers', 'controller.workers.workflow', w.workflow);
  flag('workflow-ttl-workers', 'controller.workers.workflowTtl', w.workflowTtl);
  flag('pod-cleanup-workers', 'controller.workers.podCleanup', w.podCleanup);
  flag('cron-workflow-workers', 'controller.workers.cronWorkflow', w.cronWorkflow);
  flag('workflow-archive-workers', 'controller.workers.workflowArchive', w.workflowArchive);
  flag('qps', 'controller.kubeApiQps', o?.kubeApiQps);
  flag('burst', 'controller.kubeApiBurst', o?.kubeApiBurst);
  args.push(...logArgs('controller', o));
  if (ctx.scope === InstallScope.NAMESPACED) args.push('--namespaced');
  if (ctx.managedNamespace) args.push(`--managed-namespace=${ctx.managedNamespace}`);

  // Derived defaults, then the user's config on top.
  let derived: ControllerConfig = {};
  if (o?.workflowPodSecurityDefaults ?? true) derived = workflowPodSecurityDefaults();
  if (ctx.persistence) {
    derived = mergeConfig(derived, {
      persistence: ctx.persistence.persistence,
      ...(ctx.persistence.synchronization ? { synchronization: ctx.persistence.synchronization } : {}),
    });
  }
  if (ctx.storage.defaultRepository) {
    if (user.artifactRepository !== undefined) {
      throw conflict('artifactRepository is set and so is controller.config.artifactRepository: the default repository would be configured twice',
        'remove controller.config.artifactRepository and use the artifactRepository option');
    }
    derived = mergeConfig(derived, { artifactRepository: ctx.storage.defaultRepository.spec });
  }
  const saNames = [...new Set(ctx.namespaces.map((n) => n.serviceAccountName))];
  if (saNames.length === 1) {
    derived = mergeConfig(derived, { workflowDefaults: { spec: { serviceAccountName: saNames[0] } } });
    // Artifact GC pods run as spec.artifactGC.serviceAccountName (else `default`, which has no Role).
    if (ctx.namespaces.some((n) => n.artifactGC)) {
      derived = mergeConfig(derived, { workflowDefaults: { spec: { artifactGC: { serviceAccountName: saNames[0] } } } });
    }
  }
  const config = mergeConfig(derived, user);
  validateControllerConfig(config, 'controller.config');
  validateAnnotations('controller.serviceAccountAnnotations', o?.serviceAccountAnnotations);
  return { ...pod, image: ctx.controllerImage, serviceAccountAnnotations: { ...(o?.serviceAccountAnnotations ?? {}) }, args, config };
}

function resolveServer(o: ArgoServerOptions | undefined, ctx: { scope: InstallScope; managedNamespace?: string; image: string }): ResolvedServer | undefined {
  checkBool('server.enabled', o?.enabled);
  if (o?.enabled === false) return undefined;
  const pod = resolvePod('server', o, DEFAULT_RESOURCES.server);

  const authModes = o?.authModes ?? [AuthMode.CLIENT];
  if (!Array.isArray(authModes) || authModes.length === 0) {
    throw invalid('server.authModes', authModes, 'it must list at least one of "client", "server", "sso"', 'use [AuthMode.CLIENT], or omit it');
  }
  const seen = new Set<string>();
  for (const mode of authModes) {
    checkEnum('server.authModes', mode, AuthMode, 'use AuthMode.CLIENT, AuthMode.SERVER or AuthMode.SSO');
    if (seen.has(mode)) throw invalid('server.authModes', authModes, `it lists "${mode}" twice; each mode may appear once`, `remove the duplicate "${mode}"`);
    seen.add(mode);
  }
  if (seen.has(AuthMode.SSO)) {
    throw invalid('server.authModes', authModes, '"sso" is not supported yet: single sign-on needs the argo-server-sso Secret, RBAC and controller.config.sso wiring that argo-stack does not build yet',
      'use AuthMode.CLIENT and/or AuthMode.SERVER');
  }

  checkBool('server.secure', o?.secure);
  checkBool('server.hsts', o?.hsts);
  const secure = o?.secure ?? true;
  const baseHref = o?.baseHref ?? '/';
  if (typeof baseHref !== 'string' || !/^\/([^\s/?#]+\/)*$/.test(baseHref)) {
    const path = String(baseHref).replace(/\s+/g, '').split('/').filter(Boolean).join('/');
    throw invalid('server.baseHref', baseHref, 'it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it)',
      `use ${JSON.stringify(path ? `/${path}/` : '/')}`);
  }
  const rate = o?.apiRateLimit ?? 1000;
  if (typeof rate !== 'number' || !Number.isInteger(rate) || rate <= 0) {
    throw invalid('server.apiRateLimit', rate, 'it must be a whole number of requests per second per client IP, greater than 0', 'use a value such as 1000 (the default)');
  }
  const tls = o?.tlsMinVersion ?? TlsVersion.TLS_1_2;
  if (tls !== TlsVersion.TLS_1_2 && tls !== TlsVersion.TLS_1_3) {
    throw invalid('server.tlsMinVersion', tls, 'it must be TlsVersion.TLS_1_2 (771) or TlsVersion.TLS_1_3 (772)', 'use TlsVersion.TLS_1_2 or TlsVersion.TLS_1_3');
  }
  if (o?.xFrameOptions !== undefined && o.xFrameOptions !== 'DENY' && o.xFrameOptions !== 'SAMEORIGIN') {
    throw invalid('server.xFrameOptions', o.xFrameOptions, 'it must be "DENY" or "SAMEORIGIN"', 'use "DENY" (the default) or "SAMEORIGIN"');
  }
  if (o?.accessControlAllowOrigin !== undefined && (typeof o.accessControlAllowOrigin !== 'string' || !/^(\*|https?:\/\/[^\s/]+)$/.test(o.accessControlAllowOrigin))) {
    throw invalid('server.accessControlAllowOrigin', o.accessControlAllowOrigin, 'it must be an origin such as "https://ui.example.com" (scheme and host, no path) or "*"', 'give the origin of the site that calls the API');
  }
  if (o?.tlsCertificateSecretName !== undefined) {
    validateDnsSubdomain('server.tlsCertificateSecretName', o.tlsCertificateSecretName);
    if (!secure) throw conflict('server.tlsCertificateSecretName is set but server.secure is false: argo-server only serves the certificate over HTTPS', 'set server.secure to true or remove tlsCertificateSecretName');
  }
  const serviceType = o?.serviceType ?? ServiceType.CLUSTER_IP;
  checkEnum('server.serviceType', serviceType, ServiceType, 'use ServiceType.CLUSTER_IP or ServiceType.LOAD_BALANCER');
  if (o?.loadBalancerSourceRanges !== undefined) {
    if (serviceType !== ServiceType.LOAD_BALANCER) {
      throw conflict(`server.loadBalancerSourceRanges is set but server.serviceType is ${JSON.stringify(serviceType)}: source ranges only apply to a LoadBalancer Service`, 'set server.serviceType to ServiceType.LOAD_BALANCER or remove loadBalancerSourceRanges');
    }
    for (const cidr of o.loadBalancerSourceRanges) {
      if (!isCidr(cidr)) {
        throw invalid('server.loadBalancerSourceRanges', cidr, 'each entry must be a CIDR such as "203.0.113.0/24"', 'write the range in CIDR notation');
      }
    }
  }

  const args = ['server', ...authModes.map((m) => `--auth-mode=${m}`), `--secure=${secure}`, `--api-rate-limit=${rate}`];
  if (o?.xFrameOptions !== undefined) args.push(`--x-frame-options=${o.xFrameOptions}`);
  if (o?.hsts === false) args.push('--hsts=false');
  if (o?.accessControlAllowOrigin !== undefined) args.push(`--access-control-allow-origin=${o.accessControlAllowOrigin}`);
  if (o?.tlsCertificateSecretName !== undefined) args.push(`--tls-certificate-secret-name=${o.tlsCertificateSecretName}`);
  args.push(...logArgs('server', o));
  if (ctx.scope === InstallScope.NAMESPACED) args.push('--namespaced');
  if (ctx.managedNamespace) args.push(`--managed-namespace=${ctx.managedNamespace}`);

  const env = [{ name: 'ARGO_BASE_HREF', value: baseHref }, { name: 'TLS_MIN_VERSION', value: String(tls) }];
  validateAnnotations('server.serviceAccountAnnotations', o?.serviceAccountAnnotations);
  return {
    ...pod, image: ctx.image, serviceAccountAnnotations: { ...(o?.serviceAccountAnnotations ?? {}) }, args, env, secure, authModes: [...authModes], serviceType,
    loadBalancerSourceRanges: o?.loadBalancerSourceRanges ? [...o.loadBalancerSourceRanges] : undefined,
  };
}

function resolveWorkflowNamespaces(list: WorkflowNamespaceOptions[] | undefined, installNamespace: string, createInstall: boolean): ResolvedWorkflowNamespace[] {
  if (list !== undefined && !Array.isArray(list)) throw invalid('workflowNamespaces', list, 'it must be a list of { name } objects', 'give a list, e.g. [{ name: "argo" }]');
  const seen = new Set<string>();
  return (list ?? []).map((n, i) => {
    const option = `workflowNamespaces[${i}]`;
    const name = validateDnsLabel(`${option}.name`, n?.name);
    if (seen.has(name)) throw invalid(`${option}.name`, name, 'each workflow namespace may be listed once', `remove the second entry for "${name}" and merge its settings into the first`);
    seen.add(name);
    checkBool(`${option}.create`, n.create);
    checkBool(`${option}.agent`, n.agent);
    checkBool(`${option}.artifactGC`, n.artifactGC);
    if (n.podSecurity !== undefined) checkEnum(`${option}.podSecurity`, n.podSecurity, PodSecurityLevel, 'use PodSecurityLevel.RESTRICTED, BASELINE or PRIVILEGED');
    const isInstall = name === installNamespace;
    if (isInstall && n.create === true && createInstall) {
      throw conflict(`${option}.create is true for the install namespace "${name}", which createNamespace already creates`, `remove ${option}.create`);
    }
    const sa = validateDnsSubdomain(`${option}.serviceAccountName`, n.serviceAccountName ?? DEFAULT_WORKFLOW_SERVICE_ACCOUNT);
    if (sa === 'argo' || sa === 'argo-server') {
      if (isInstall) throw invalid(`${option}.serviceAccountName`, sa, `"${sa}" is the ${sa === 'argo' ? 'controller' : 'server'}'s own service account in this namespace; workflows must not run with its permissions`, `use "${DEFAULT_WORKFLOW_SERVICE_ACCOUNT}"`);
    }
    validateAnnotations(`${option}.serviceAccountAnnotations`, n.serviceAccountAnnotations);
    return {
      name,
      create: n.create ?? !isInstall,
      podSecurity: n.podSecurity ?? PodSecurityLevel.RESTRICTED,
      serviceAccountName: sa,
      serviceAccountAnnotations: { ...(n.serviceAccountAnnotations ?? {}) },
      agent: n.agent ?? false,
      artifactGC: n.artifactGC ?? false,
    };
  });
}

/** Validates every option and resolves every default. Throws ValidationError on the first problem. */
export function resolveArgoWorkflows(props: ArgoWorkflowsProps = {}): ResolvedArgoWorkflows {
  // The props are not shown: they may hold credentials.
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    const got = props === null ? 'null' : Array.isArray(props) ? 'an array' : `a ${typeof props}`;
    throw conflict(`ArgoWorkflows props (${got}) is invalid: it must be an options object`, 'pass an options object, e.g. { namespace: "argo" }, or nothing');
  }
  const namespace = validateDnsLabel('namespace', props.namespace ?? DEFAULT_NAMESPACE);
  checkBool('createNamespace', props.createNamespace);
  const version = validateVersion(props.version ?? DEFAULT_ARGO_VERSION);
  const images = resolveImages(version, props.imageRegistry, props.images);
  const scope = props.scope ?? InstallScope.CLUSTER;
  checkEnum('scope', scope, InstallScope, 'use InstallScope.CLUSTER or InstallScope.NAMESPACED');
  const crds = props.crds ?? CrdMode.INSTALLER;
  checkEnum('crds', crds, CrdMode, 'use CrdMode.INSTALLER, CrdMode.MINIMAL or CrdMode.NONE');
  validateLabels('labels', props.labels);
  if (crds === CrdMode.INSTALLER && props.images?.crdInstaller === undefined && !crdInstallerExists(version)) {
    throw conflict(`version "${version}" has no argo-workflows-crdinstaller image (it exists from v4.0.9 on), which crds: CrdMode.INSTALLER runs`,
      'use version "v4.0.9" or later, set crds to CrdMode.MINIMAL or CrdMode.NONE, or give images.crdInstaller');
  }

  let managedNamespace: string | undefined;
  if (props.managedNamespace !== undefined) {
    managedNamespace = validateDnsLabel('managedNamespace', props.managedNamespace);
    if (scope !== InstallScope.NAMESPACED) {
      throw conflict(`managedNamespace ("${managedNamespace}") is set but scope is "${scope}": Argo ignores --managed-namespace unless --namespaced is set, and a cluster install already manages every namespace`,
        'set scope to InstallScope.NAMESPACED, or remove managedNamespace');
    }
    if (managedNamespace === namespace) managedNamespace = undefined;
  }

  const createNamespace = props.createNamespace ?? true;
  const workflowNamespaces = resolveWorkflowNamespaces(props.workflowNamespaces, namespace, createNamespace);
  if (scope === InstallScope.NAMESPACED) {
    const watched = managedNamespace ?? namespace;
    for (const [i, n] of workflowNamespaces.entries()) {
      if (n.name !== watched) {
        throw invalid(`workflowNamespaces[${i}].name`, n.name, `a namespaced install only runs workflows in "${watched}" (${managedNamespace ? 'the managed namespace' : 'the install namespace'})`,
          managedNamespace ? `use "${watched}", or use a cluster install` : `set managedNamespace to "${n.name}", or use a cluster install`);
      }
    }
  }

  validateControllerConfig(props.controller?.config, 'controller.config');
  const persistence = resolvePersistence(props.persistence, { namespace });
  const storage = resolveStorage(props, {
    namespace, workflowNamespaces: workflowNamespaces.map((n) => n.name), persistence,
    artifactDrivers: (props.controller?.config?.artifactDrivers ?? []).map((d) => d.name),
  });
  const controller = resolveController(props.controller, {
    scope, managedNamespace, executorImage: images.executor, controllerImage: images.controller, namespaces: workflowNamespaces, persistence, storage,
  });
  const server = resolveServer(props.server, { scope, managedNamespace, image: images.server });

  const persist = controller.config.persistence;
  const sync = controller.config.synchronization;
  const dbSecrets = secretNames(
    persist?.postgresql?.userNameSecret, persist?.postgresql?.passwordSecret,
    persist?.mysql?.userNameSecret, persist?.mysql?.passwordSecret,
    sync?.postgresql?.userNameSecret, sync?.postgresql?.passwordSecret,
    sync?.mysql?.userNameSecret, sync?.mysql?.passwordSecret,
  );

  return {
    namespace,
    createNamespace,
    version,
    images,
    scope,
    managedNamespace,
    crds,
    labels: { ...(props.labels ?? {}) },
    controller,
    server,
    workflowNamespaces,
    persistence,
    storage,
    controllerSecrets: sortedUnique(dbSecrets),
    // argo-server also reads its own TLS certificate Secret at start.
    serverSecrets: sortedUnique([...dbSecrets, ...(props.server?.tlsCertificateSecretName !== undefined && server ? [props.server.tlsCertificateSecretName] : [])]),
  };
}
