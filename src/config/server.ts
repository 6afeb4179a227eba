/**
 * argo-server: its settings (auth modes, rate limit, headers), its pod, and the command line and
 * environment that express them. How it is reached, its TLS and its base href are the exposure
 * feature's (`exposure/`), which contributes the flags and env for them.
 */
import { Checker, EnumValue, isPlainObject, nearMiss, optionKeys } from './check';
import type { ApiAccess, EnvVar, PodAdditions } from './contributions';
import { appSelector, Component, Endpoint, PORTS } from './endpoints';
import { conflict, invalid } from './errors';
import type { ExposureOptions, ResolvedService } from './exposure';
import { ResolvedInstall, scopeArgs } from './install';
import { LogOptions, logArgs } from './logging';
import { DEFAULT_RESOURCES, PodOptions, ResolvedPod, resolvePod } from './pod';
import { PodDisruptionBudgetOptions, ResolvedDisruptionBudget, resolveDisruptionBudget } from './availability';
import { ResolvedStartup, resolveStartup, StartupNeeds, tlsSecretOf } from './startup';
import { ResolvedAutoscaling, resolveAutoscaling, ServerAutoscalingOptions } from './autoscaling';
import { resolveExtraArgs, resolveExtraEnv } from './extra-args';

/** argo-server authentication modes (`--auth-mode`). */
export enum AuthMode {
  /** Clients send their own Kubernetes bearer token. */
  CLIENT = 'client',
  /** The server uses its own service account for every request. */
  SERVER = 'server',
  /** OpenID Connect single sign-on; needs the `sso` option (which adds this mode by itself). */
  SSO = 'sso',
}

export { TlsVersion } from './exposure';

/** The argo-server Deployment, Service and flags; `exposure`, `tls`, `baseHref`, `tlsMinVersion` and `hsts` are in `ExposureOptions`. */
export interface ArgoServerOptions extends PodOptions, LogOptions, ExposureOptions {
  /**
   * Run argo-server in the cluster (hosted mode). With `false` there is no server, RBAC or Service
   * for it: users run `argo server` locally, or only the CLI and the API of Kubernetes.
   * @default true
   */
  readonly enabled?: boolean;
  /** Number of server pods. Not with `autoscaling`. @default 1 */
  readonly replicas?: number;
  /**
   * A HorizontalPodAutoscaler (`autoscaling/v2`) `argo-server`: the Deployment then has no fixed
   * `replicas`, and the PodDisruptionBudget follows `minReplicas`.
   * @default - no autoscaler: `replicas` pods
   */
  readonly autoscaling?: ServerAutoscalingOptions;
  /**
   * The PodDisruptionBudget, made when `replicas` (or `autoscaling.maxReplicas`) is more than 1;
   * `minAvailable` must be less than `replicas` (or `autoscaling.minReplicas`).
   * @default - maxUnavailable: 1
   */
  readonly podDisruptionBudget?: PodDisruptionBudgetOptions;
  /**
   * Further `argo server` flags of Argo v4.1.2, `"--flag=value"`, after argo-stack's own. Flags
   * argo-stack sets or has an option for are refused, naming the option.
   * @default - none
   */
  readonly extraArgs?: string[];
  /**
   * Further environment variables of the argo-server container, `{ NAME: "value" }`, after
   * argo-stack's own. Variables argo-stack sets, and names that look like a credential, are refused.
   * @default - none
   */
  readonly extraEnv?: Record<string, string>;
  /** The name of an existing PriorityClass for argo-server's pods. @default - none */
  readonly priorityClassName?: string;
  /**
   * Annotations on the ServiceAccount `argo-server` (IRSA, GKE or Azure Workload Identity), so the
   * UI can read artifacts and archived logs with the pod's cloud identity.
   * @default - none
   */
  readonly serviceAccountAnnotations?: Record<string, string>;
  /**
   * `--auth-mode`, one flag per mode.
   * @default [AuthMode.CLIENT] (Argo's own default: every request carries a Kubernetes token)
   */
  readonly authModes?: EnumValue<AuthMode>[];
  /**
   * `--api-rate-limit`: requests per second per client IP.
   * @default 1000
   */
  readonly apiRateLimit?: number;
  /** `--x-frame-options`. @default "DENY" */
  readonly xFrameOptions?: 'DENY' | 'SAMEORIGIN';
  /** `--access-control-allow-origin` for CORS. @default - no CORS header */
  readonly accessControlAllowOrigin?: string;
  /**
   * Accept `AuthMode.SERVER` on an exposed argo-server (LoadBalancer, Ingress, Gateway). In server
   * mode every request without a token runs as argo-server's own service account, which can
   * create workflows in every namespace that run as any service account: anyone who reaches the
   * server gets that. Without this acknowledgement such an install is refused.
   * @default false
   */
  readonly allowServerAuthModeWhenExposed?: boolean;
}

/** argo-server's own decisions, checked. */
export interface ServerSettings {
  readonly authModes: AuthMode[];
  readonly apiRateLimit: number;
  readonly xFrameOptions?: 'DENY' | 'SAMEORIGIN';
  readonly accessControlAllowOrigin?: string;
}

export interface ResolvedServer extends ResolvedPod {
  /** The pod count; with `autoscaling`, its `minReplicas` (the Deployment then sets none). */
  readonly replicas: number;
  /** The HorizontalPodAutoscaler; none when undefined. */
  readonly autoscaling?: ResolvedAutoscaling;
  /** The user's `extraEnv`, after every other variable. */
  readonly extraEnv: EnvVar[];
  /** The PriorityClass of the pods; none when undefined. */
  readonly priorityClassName?: string;
  /** The PodDisruptionBudget; none with one replica. */
  readonly disruptionBudget?: ResolvedDisruptionBudget;
  /** What the init container waits for before argo-server starts. */
  readonly startup: ResolvedStartup;
  readonly image: string;
  readonly serviceAccountAnnotations: Record<string, string>;
  readonly settings: ServerSettings;
  /** The command line: `server`, its own flags, then what other features contribute. */
  readonly args: string[];
  readonly env: EnvVar[];
  /** Whether argo-server serves HTTPS (from `server.tls`). */
  readonly secure: boolean;
  readonly authModes: AuthMode[];
  /** The Service's type, annotations and source ranges, as the exposure shapes them. */
  readonly service: ResolvedService;
  /** What other features add to the pod (volumes, mounts, env, annotations). */
  readonly pod: PodAdditions;
  /** Secrets in the install namespace argo-server reads. */
  readonly secrets: string[];
  /** API access other features need argo-server to have in the install namespace. */
  readonly apiAccess: ApiAccess[];
  readonly endpoint: Endpoint;
}

export const SERVER_NAME = 'argo-server';

const SERVER_KEYS = optionKeys<ArgoServerOptions>()([
  'enabled', 'replicas', 'autoscaling', 'extraArgs', 'extraEnv', 'priorityClassName', 'podDisruptionBudget', 'serviceAccountAnnotations', 'authModes', 'exposure', 'tls', 'baseHref', 'apiRateLimit', 'xFrameOptions', 'hsts',
  'accessControlAllowOrigin', 'tlsMinVersion', 'allowServerAuthModeWhenExposed',
  'logLevel', 'logFormat', 'resources', 'nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'podMetadata', 'imagePullSecrets',
]);
/** The most requests per second per client IP `--api-rate-limit` takes here. */
export const MAX_API_RATE_LIMIT = 1_000_000;

function resolveAuthModes(c: Checker, value: EnumValue<AuthMode>[] | undefined): AuthMode[] {
  const authModes = value ?? [AuthMode.CLIENT];
  if (!Array.isArray(authModes) || authModes.length === 0) {
    throw invalid(c.at('authModes'), authModes, 'it must list at least one of "client", "server", "sso"', 'use [AuthMode.CLIENT], or omit it');
  }
  const seen = new Set<string>();
  for (const mode of authModes) {
    c.enum('authModes', mode, AuthMode, 'use AuthMode.CLIENT, AuthMode.SERVER or AuthMode.SSO');
    if (seen.has(mode)) throw invalid(c.at('authModes'), authModes, `it lists "${mode}" twice; each mode may appear once`, `remove the duplicate "${mode}"`);
    seen.add(mode);
  }
  return [...authModes] as AuthMode[];
}

/** Checks the server's own settings (everything but the pod and the Service). */
function resolveSettings(c: Checker, o: ArgoServerOptions | undefined): ServerSettings {
  const authModes = resolveAuthModes(c, o?.authModes);
  const rate = o?.apiRateLimit ?? 1000;
  if (typeof rate !== 'number' || !Number.isInteger(rate) || rate <= 0) {
    throw invalid(c.at('apiRateLimit'), rate, 'it must be a whole number of requests per second per client IP, greater than 0', 'use a value such as 1000 (the default)');
  }
  if (rate > MAX_API_RATE_LIMIT) {
    throw invalid(c.at('apiRateLimit'), rate, `it must be at most ${MAX_API_RATE_LIMIT} requests per second per client IP`, 'use a value such as 1000 (the default)');
  }
  if (o?.xFrameOptions !== undefined && o.xFrameOptions !== 'DENY' && o.xFrameOptions !== 'SAMEORIGIN') {
    throw invalid(c.at('xFrameOptions'), o.xFrameOptions, 'it must be "DENY" or "SAMEORIGIN"', 'use "DENY" (the default) or "SAMEORIGIN"');
  }
  const origin = o?.accessControlAllowOrigin;
  if (origin !== undefined && (typeof origin !== 'string' || !/^(\*|https?:\/\/[^\s/]+)$/.test(origin))) {
    throw invalid(c.at('accessControlAllowOrigin'), origin, 'it must be an origin such as "https://ui.example.com" (scheme and host, no path) or "*"', 'give the origin of the site that calls the API');
  }
  return { authModes, apiRateLimit: rate, xFrameOptions: o?.xFrameOptions, accessControlAllowOrigin: origin };
}

/**
 * argo-server's command line: `server`, the auth modes (its own, then contributed ones such as
 * SSO's), the other flags features contribute (TLS first: `--secure` sits where upstream's
 * quick-start has it), then its own flags.
 */
export function serverArgs(s: ServerSettings, contributed: readonly string[] = []): string[] {
  const isMode = (a: string) => a.startsWith('--auth-mode=');
  const modes = [...s.authModes.map((m) => `--auth-mode=${m}`), ...contributed.filter(isMode)];
  const args = ['server', ...modes, ...contributed.filter((a) => !isMode(a)), `--api-rate-limit=${s.apiRateLimit}`];
  if (s.xFrameOptions !== undefined) args.push(`--x-frame-options=${s.xFrameOptions}`);
  if (s.accessControlAllowOrigin !== undefined) args.push(`--access-control-allow-origin=${s.accessControlAllowOrigin}`);
  return args;
}

/** Options argo-stack had before, with what replaced them. */
const REPLACED: Readonly<Record<string, readonly [string, string]>> = {
  secure: ['server.secure was replaced by server.tls', 'use server.tls: ServerTls.plainText() for plain HTTP (secure: false), or leave server.tls out for HTTPS with the self-signed certificate (secure: true)'],
  tlsCertificateSecretName: ['server.tlsCertificateSecretName was replaced by server.tls', 'use server.tls: ServerTls.fromSecret("<Secret name>"), or ServerTls.certManager({ issuer }) to have cert-manager make the certificate'],
  serviceType: ['server.serviceType was replaced by server.exposure', 'use server.exposure: Exposure.loadBalancer() for a LoadBalancer Service, or leave it out for ClusterIP (Exposure.clusterIp())'],
  loadBalancerSourceRanges: ['server.loadBalancerSourceRanges was replaced by server.exposure', 'use server.exposure: Exposure.loadBalancer({ sourceRanges: ["203.0.113.0/24"] })'],
};

/** A removed option (or a near miss of one that is no option now) is named with what replaced it. */
function rejectReplaced(o: unknown): void {
  if (!isPlainObject(o)) return;
  const given = Object.keys(o).filter((k) => o[k] !== undefined && !SERVER_KEYS.includes(k));
  const key = given.map((k) => (Object.prototype.hasOwnProperty.call(REPLACED, k) ? k : nearMiss(k, Object.keys(REPLACED)))).find((k) => k !== undefined);
  if (key) throw conflict(REPLACED[key][0], REPLACED[key][1]);
}

export interface ServerContext {
  readonly install: ResolvedInstall;
  readonly serverArgs: readonly string[];
  readonly serverEnv: readonly EnvVar[];
  readonly pod: PodAdditions;
  /** Secrets other features make argo-server read. */
  readonly secrets: readonly string[];
  /** API access other features need argo-server to have in the install namespace. */
  readonly apiAccess?: readonly ApiAccess[];
  /** Annotations other features put on argo-server's ServiceAccount (the user's own win). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Whether argo-server serves HTTPS (the exposure feature's `server.tls`). */
  readonly secure: boolean;
  /** The Service, as the exposure feature shapes it. */
  readonly service: ResolvedService;
  /** The database Secrets and addresses and SSO Secrets the final controller config makes argo-server read at start. @default - none */
  readonly startup?: StartupNeeds;
}

/** Validates `server`; `undefined` when argo-server is not run in the cluster. */
export function resolveServer(o: ArgoServerOptions | undefined, ctx: ServerContext): ResolvedServer | undefined {
  const c = new Checker('server');
  rejectReplaced(o);
  if (o !== undefined) c.known(c.object(o, '{ enabled: true }', 'pass an object, e.g. { enabled: true }, or { enabled: false } to run no argo-server'), SERVER_KEYS);
  const enabled = c.bool('enabled', o?.enabled) !== false;
  const autoscaling = resolveAutoscaling(c, o?.autoscaling);
  if (autoscaling && o?.replicas !== undefined) {
    throw conflict(`server.replicas is ${JSON.stringify(o.replicas)} and server.autoscaling is set: the HorizontalPodAutoscaler sets the number of argo-server pods`,
      'remove server.replicas, and set server.autoscaling.minReplicas to the fewest pods you want');
  }
  const replicas = autoscaling?.minReplicas ?? c.int('replicas', o?.replicas, 1, 'set server.replicas to 1 or more (use server.enabled: false to run none)', 100) ?? 1;
  const disruptionBudget = autoscaling
    ? resolveDisruptionBudget(c, o?.podDisruptionBudget, replicas, 'autoscaling.minReplicas', autoscaling.maxReplicas > 1)
    : resolveDisruptionBudget(c, o?.podDisruptionBudget, replicas);
  const priorityClassName = o?.priorityClassName === undefined ? undefined : c.dnsSubdomain('priorityClassName', o.priorityClassName);
  const pod = resolvePod(c, o, DEFAULT_RESOURCES.server, ctx.install.imagePullSecrets);
  const settings = resolveSettings(c, o);
  const args = [...serverArgs(settings, ctx.serverArgs), ...logArgs(c, o), ...scopeArgs(ctx.install), ...resolveExtraArgs(c, 'server', o?.extraArgs)];
  const env: EnvVar[] = [...ctx.serverEnv];
  const extraEnv = resolveExtraEnv(c, 'server', o?.extraEnv, [...env, ...ctx.pod.env ?? []].map((e) => e.name));
  const serviceAccountAnnotations = { ...ctx.serviceAccountAnnotations, ...c.annotations('serviceAccountAnnotations', o?.serviceAccountAnnotations) };
  // Checked even when disabled, so a wrong option is never silently ignored.
  if (!enabled) return undefined;
  return {
    ...pod, replicas, ...(autoscaling ? { autoscaling } : {}), ...(disruptionBudget ? { disruptionBudget } : {}), image: ctx.install.images.server,
    extraEnv, ...(priorityClassName !== undefined ? { priorityClassName } : {}),
    startup: resolveStartup(ctx.startup ?? { secrets: [], databases: [] }, { image: ctx.install.images.jobs, namespace: ctx.install.namespace, extraSecrets: tlsSecretOf(args) }), serviceAccountAnnotations, settings, args, env,
    secure: ctx.secure, authModes: settings.authModes, service: ctx.service, pod: ctx.pod,
    secrets: [...new Set(ctx.secrets)].sort(),
    apiAccess: [...(ctx.apiAccess ?? [])],
    endpoint: {
      component: Component.SERVER, name: SERVER_NAME, namespace: ctx.install.namespace, selector: appSelector(SERVER_NAME),
      ports: [{ name: 'web', containerPort: PORTS.server, protocol: 'TCP', scheme: ctx.secure ? 'HTTPS' : 'HTTP' }],
    },
  };
}
