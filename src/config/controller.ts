/**
 * workflow-controller: its pod, command-line flags and the final `workflow-controller-configmap`
 * (the controller's own defaults, then what other features contribute, then the user's config).
 */
import { createHash } from 'node:crypto';
import { Checker, optionKeys } from './check';
import { conflict, invalid } from './errors';
import type { ApiAccess, PodAdditions } from './contributions';
import { mergeConfig } from './contributions';
import type { ControllerConfig } from './controller-config';
import { rejectLiteralCredentials } from './controller-config/credentials';
import { validateControllerConfig } from './controller-config/schema';
import { appSelector, Component, Endpoint, NamedPort, PORTS } from './endpoints';
import { ResolvedInstall, scopeArgs } from './install';
import { LogOptions, logArgs } from './logging';
import { ARTIFACT_GC_SERVICE_ACCOUNT } from './workflow-namespaces';
import { ARGO_UID, DEFAULT_RESOURCES, PodOptions, ResolvedPod, resolvePod } from './pod';
import { DeploymentStrategy, PodDisruptionBudgetOptions, ResolvedDisruptionBudget, resolveDisruptionBudget } from './availability';
import { ResolvedStartup, resolveStartup, startupNeeds } from './startup';
import { resolveExtraArgs, resolveExtraEnv } from './extra-args';
import type { EnvVar } from './contributions';

/** Workers and rate limits of the controller (command-line flags). */
export interface ControllerWorkers {
  /** `--workflow-workers` @default 32 (Argo's default; not emitted) */
  readonly workflow?: number;
  /** `--workflow-ttl-workers` @default 4 */
  readonly workflowTtl?: number;
  /** `--pod-cleanup-workers` @default 4 */
  readonly podCleanup?: number;
  /** `--cron-workflow-workers` @default 8 */
  readonly cronWorkflow?: number;
  /** `--workflow-archive-workers` @default 8 */
  readonly workflowArchive?: number;
}

/** The workflow-controller Deployment. */
export interface WorkflowControllerOptions extends PodOptions, LogOptions {
  /**
   * Number of controller pods. More than one runs hot standbys behind leader election.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Leader election (a Lease `workflow-controller` in the install namespace): only the leader
   * works, the other replicas wait to take over. `false` sets `LEADER_ELECTION_DISABLE=true` and the
   * Deployment strategy `Recreate` (the old pod stops before the new one starts, so two controllers
   * never run at once); it needs `replicas: 1`.
   * @default true
   */
  readonly leaderElection?: boolean;
  /**
   * The PodDisruptionBudget, made when `replicas` is more than 1.
   * @default - maxUnavailable: 1
   */
  readonly podDisruptionBudget?: PodDisruptionBudgetOptions;
  /**
   * The typed `workflow-controller-configmap`. Only keys Argo v4.1.2 knows can be emitted.
   * @default - derived settings only (executor and pod security defaults, workflow service account)
   */
  readonly config?: ControllerConfig;
  /**
   * Give every workflow pod Pod Security "restricted" settings through the config: `executor` and
   * `mainContainer` security contexts (no privilege escalation, drop ALL, non-root, RuntimeDefault
   * seccomp) and a `workflowDefaults` pod security context running as UID 8737. Your own `config`
   * values win over these.
   * @default true
   */
  readonly workflowPodSecurityDefaults?: boolean;
  /**
   * Annotations on the controller's ServiceAccount `argo` (IRSA, GKE or Azure Workload Identity,
   * e.g. for RDS IAM or Azure token database authentication).
   * @default - none
   */
  readonly serviceAccountAnnotations?: Record<string, string>;
  /**
   * Make the workflow service account of the workflow namespaces (when they all use the same name)
   * the default of every Workflow, through `workflowDefaults.spec.serviceAccountName`, and the
   * artifact GC service account `argo-artifact-gc` the default of GC pods (when a namespace has
   * `artifactGC`). Argo applies it in every namespace: in a cluster install, a Workflow in a namespace that
   * is not in `workflowNamespaces` gets an account that does not exist there, and its pods are
   * refused, unless it sets `spec.serviceAccountName`. With `false`, no default is set and every
   * Workflow without `serviceAccountName` runs as its namespace's `default` account.
   * @default true
   */
  readonly defaultWorkflowServiceAccount?: boolean;
  /** Worker counts. @default - Argo's defaults */
  readonly workers?: ControllerWorkers;
  /** `--qps` towards the Kubernetes API. @default 20 (Argo's default; not emitted) */
  readonly kubeApiQps?: number;
  /** `--burst` towards the Kubernetes API. @default 30 (Argo's default; not emitted) */
  readonly kubeApiBurst?: number;
  /**
   * The cluster-scoped PriorityClass `workflow-controller` (value 1000000). `true`: create it and
   * run the controller with it. `'existing'`: run the controller with it, created elsewhere (by
   * another install in the same cluster, which the class is shared by). `false`: neither, for an
   * install without cluster rights.
   * @default true
   */
  readonly priorityClass?: boolean | 'existing';
  /**
   * The name of an existing PriorityClass for the controller's pods, instead of `priorityClass`'s
   * `workflow-controller` (which this install then does not create). Not with `priorityClass`.
   * @default - the `priorityClass` option's
   */
  readonly priorityClassName?: string;
  /**
   * Further `workflow-controller` flags of Argo v4.1.2, `"--flag=value"`, after argo-stack's own.
   * Flags argo-stack sets or has an option for are refused, naming the option.
   * @default - none
   */
  readonly extraArgs?: string[];
  /**
   * Further environment variables of the controller container, `{ NAME: "value" }`, after
   * argo-stack's own. Variables argo-stack sets, and names that look like a credential, are refused.
   * @default - none
   */
  readonly extraEnv?: Record<string, string>;
}

export interface ResolvedController extends ResolvedPod {
  readonly replicas: number;
  /** Whether replicas elect a leader (`LEADER_ELECTION_DISABLE=true` when not). */
  readonly leaderElection: boolean;
  /** `Recreate` without leader election; else `RollingUpdate` (Kubernetes' default, not written). */
  readonly strategy: DeploymentStrategy;
  /** The PodDisruptionBudget; none with one replica. */
  readonly disruptionBudget?: ResolvedDisruptionBudget;
  /** What the init container waits for before the controller starts. */
  readonly startup: ResolvedStartup;
  readonly image: string;
  readonly serviceAccountAnnotations: Record<string, string>;
  readonly args: string[];
  /** The final configmap content: derived defaults, contributions, then the user's config. */
  readonly config: ControllerConfig;
  /** What other features add to the pod (volumes, mounts, env, annotations). */
  readonly pod: PodAdditions;
  /** Secrets in the install namespace the controller reads. */
  readonly secrets: string[];
  /** API access other features need the controller to have in the install namespace. */
  readonly apiAccess: ApiAccess[];
  readonly endpoint: Endpoint;
  /** The PriorityClass set on the controller's pod; none when undefined. */
  readonly priorityClassName?: string;
  /** Whether this install creates that PriorityClass. */
  readonly createPriorityClass: boolean;
  /** The user's `extraEnv`, after every other variable. */
  readonly extraEnv: EnvVar[];
}

export const CONTROLLER_NAME = 'workflow-controller';
/** The controller's PriorityClass (cluster-scoped), as upstream names it. */
export const CONTROLLER_PRIORITY_CLASS = 'workflow-controller';
/** Pod template annotation with the sha256 of the database settings: a change restarts the controller. */
export const DATABASE_CHECKSUM_ANNOTATION = 'argo-stack.io/database-config-checksum';

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

/** The controller's own flags: executor image, workers, API rate, logging and scope. */
function controllerArgs(c: Checker, o: WorkflowControllerOptions | undefined, install: ResolvedInstall): string[] {
  const workers = c.child('workers');
  const w = o?.workers === undefined ? {} : workers.object(o.workers, '{ workflow: 32 }') as ControllerWorkers;
  workers.known(w as Record<string, unknown>, WORKER_KEYS);
  const args = [`--executor-image=${install.images.executor}`];
  const flag = (name: string, checker: Checker, field: string, value: number | undefined) => {
    checker.int(field, value, 1, `set ${checker.at(field)} to 1 or more, or leave it unset for Argo's default`, 10_000);
    if (value !== undefined) args.push(`--${name}=${value}`);
  };
  flag('workflow-workers', workers, 'workflow', w.workflow);
  flag('workflow-ttl-workers', workers, 'workflowTtl', w.workflowTtl);
  flag('pod-cleanup-workers', workers, 'podCleanup', w.podCleanup);
  flag('cron-workflow-workers', workers, 'cronWorkflow', w.cronWorkflow);
  flag('workflow-archive-workers', workers, 'workflowArchive', w.workflowArchive);
  flag('qps', c, 'kubeApiQps', o?.kubeApiQps);
  flag('burst', c, 'kubeApiBurst', o?.kubeApiBurst);
  return [...args, ...logArgs(c, o), ...scopeArgs(install)];
}

/**
 * The workflow service account as the default of every workflow, when there is one, and the artifact
 * GC service account when a namespace runs GC.
 */
function workflowAccountDefaults(namespaces: ControllerContext['workflowNamespaces']): ControllerConfig {
  const saNames = [...new Set(namespaces.map((n) => n.serviceAccountName))];
  // Artifact GC pods run as spec.artifactGC.serviceAccountName (else `default`, which has no Role).
  const gc = namespaces.some((n) => n.artifactGC) ? { artifactGC: { serviceAccountName: ARTIFACT_GC_SERVICE_ACCOUNT } } : {};
  const spec = { ...(saNames.length === 1 ? { serviceAccountName: saNames[0] } : {}), ...gc };
  return Object.keys(spec).length ? { workflowDefaults: { spec } } : {};
}

const CONTROLLER_KEYS = optionKeys<WorkflowControllerOptions>()([
  'replicas', 'leaderElection', 'podDisruptionBudget', 'config', 'workflowPodSecurityDefaults', 'serviceAccountAnnotations', 'workers', 'kubeApiQps', 'kubeApiBurst', 'priorityClass',
  'priorityClassName', 'extraArgs', 'extraEnv', 'defaultWorkflowServiceAccount',
  'logLevel', 'logFormat', 'resources', 'nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'podMetadata', 'imagePullSecrets',
]);
const WORKER_KEYS = optionKeys<ControllerWorkers>()(['workflow', 'workflowTtl', 'podCleanup', 'cronWorkflow', 'workflowArchive']);

/**
 * Settings of Argo's config that pass its key tree but would be ignored or make a binary exit:
 * `executor.image` (the `--executor-image` flag wins), and `links` with a scheme argo-server does
 * not allow (it exits at start; it allows http and https).
 */
function checkConfigRules(config: ControllerConfig): void {
  if (config.executor?.image !== undefined) {
    throw conflict('controller.config.executor.image is set, but the controller ignores it: the --executor-image flag argo-stack passes wins',
      'remove it and set images.executor (pinned with a tag or digest)');
  }
  (config.links ?? []).forEach((link, i) => {
    if (!/^https?:\/\//i.test(link.url)) {
      throw invalid(`controller.config.links[${i}].url`, link.url, 'it must start with http:// or https:// (argo-server exits at start on any other scheme)', 'give an http or https URL, e.g. "https://logs.example.com/${metadata.name}"');
    }
  });
}

/** `controller.leaderElection`: on unless `false`, which only one replica may have. */
function resolveLeaderElection(c: Checker, value: unknown, replicas: number): boolean {
  const on = c.bool('leaderElection', value) ?? true;
  if (!on && replicas > 1) {
    throw conflict(`controller.leaderElection is false with controller.replicas ${replicas}: without leader election every replica runs the controller loop, and ${replicas} controllers would process the same workflows at once`,
      'set controller.replicas to 1, or remove controller.leaderElection (leader election is on by default)');
  }
  return on;
}

/** The metrics port and scheme, as the final config sets them (Argo: 9090, HTTPS unless `secure: false`). */
function metricsPort(config: ControllerConfig): NamedPort {
  const m = config.metricsConfig;
  return { name: 'metrics', containerPort: m?.port ?? PORTS.controllerMetrics, protocol: 'TCP', scheme: m?.secure === false ? 'HTTP' : 'HTTPS' };
}

/** The sha256 of the database settings, which the controller reads only at start. */
function databaseChecksum(config: ControllerConfig): string | undefined {
  const db = { persistence: config.persistence, synchronization: config.synchronization };
  return db.persistence || db.synchronization ? createHash('sha256').update(JSON.stringify(db)).digest('hex') : undefined;
}

export interface ControllerContext {
  readonly install: ResolvedInstall;
  /** The workflow service account of each workflow namespace, and whether it runs artifact GC. */
  readonly workflowNamespaces: readonly { readonly serviceAccountName: string; readonly artifactGC: boolean }[];
  /** The controller config every feature contributes, merged. */
  readonly contributedConfig: ControllerConfig;
  readonly pod: PodAdditions;
  /** Secrets other features make the controller read. */
  readonly secrets: readonly string[];
  /** API access other features need the controller to have in the install namespace. */
  readonly apiAccess?: readonly ApiAccess[];
  /** Annotations other features put on the controller's ServiceAccount (the user's own win). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
}

/** `priorityClass` (argo-stack's `workflow-controller`) or `priorityClassName` (an existing one), not both. */
function resolvePriorityClass(c: Checker, o: WorkflowControllerOptions | undefined): { name?: string; create: boolean } {
  if (o?.priorityClassName !== undefined) {
    if (o.priorityClass !== undefined) {
      throw conflict(`controller.priorityClassName is ${JSON.stringify(o.priorityClassName)} and controller.priorityClass is ${JSON.stringify(o.priorityClass)}: the controller runs with one PriorityClass`,
        'remove controller.priorityClass to use the existing class, or remove controller.priorityClassName to use argo-stack\'s workflow-controller');
    }
    return { name: c.dnsSubdomain('priorityClassName', o.priorityClassName), create: false };
  }
  const priorityClass = o?.priorityClass ?? true;
  if (typeof priorityClass !== 'boolean' && priorityClass !== 'existing') {
    throw invalid(c.at('priorityClass'), priorityClass, 'it must be true, false or "existing"', 'use true to create it, "existing" when another install creates it, or false for none');
  }
  return { ...(priorityClass ? { name: CONTROLLER_PRIORITY_CLASS } : {}), create: priorityClass === true };
}

/** Validates `controller` and resolves the controller, its flags and its final config. */
export function resolveController(o: WorkflowControllerOptions | undefined, ctx: ControllerContext): ResolvedController {
  const c = new Checker('controller');
  if (o !== undefined) c.known(c.object(o, '{ replicas: 2 }'), CONTROLLER_KEYS);
  const replicas = c.int('replicas', o?.replicas, 1, 'set controller.replicas to 1 or more (use a separate install to run none)', 10) ?? 1;
  const leaderElection = resolveLeaderElection(c, o?.leaderElection, replicas);
  const disruptionBudget = resolveDisruptionBudget(c, o?.podDisruptionBudget, replicas);
  const pod = resolvePod(c, o, DEFAULT_RESOURCES.controller, ctx.install.imagePullSecrets);
  const args = [...controllerArgs(c, o, ctx.install), ...resolveExtraArgs(c, 'controller', o?.extraArgs)];
  const extraEnv = resolveExtraEnv(c, 'controller', o?.extraEnv, (ctx.pod.env ?? []).map((e) => e.name));
  const own = c.bool('workflowPodSecurityDefaults', o?.workflowPodSecurityDefaults) ?? true ? workflowPodSecurityDefaults() : {};
  const accountDefault = c.bool('defaultWorkflowServiceAccount', o?.defaultWorkflowServiceAccount) ?? true;
  const derived = mergeConfig(mergeConfig(own, ctx.contributedConfig), accountDefault ? workflowAccountDefaults(ctx.workflowNamespaces) : {});
  const config = mergeConfig(derived, o?.config ?? {});
  validateControllerConfig(config, 'controller.config');
  checkConfigRules(config);
  rejectLiteralCredentials('controller.config', config);
  const serviceAccountAnnotations = { ...ctx.serviceAccountAnnotations, ...c.annotations('serviceAccountAnnotations', o?.serviceAccountAnnotations) };
  const checksum = databaseChecksum(config);
  const selector = appSelector(CONTROLLER_NAME);
  const priority = resolvePriorityClass(c, o);
  return {
    ...pod,
    ...(priority.name !== undefined ? { priorityClassName: priority.name } : {}),
    createPriorityClass: priority.create,
    extraEnv,
    replicas,
    leaderElection,
    strategy: leaderElection ? 'RollingUpdate' : 'Recreate',
    ...(disruptionBudget ? { disruptionBudget } : {}),
    startup: resolveStartup(startupNeeds(config, 'controller'), { image: ctx.install.images.jobs, namespace: ctx.install.namespace }),
    image: ctx.install.images.controller,
    serviceAccountAnnotations,
    args,
    config,
    pod: { ...ctx.pod, annotations: { ...ctx.pod.annotations, ...(checksum ? { [DATABASE_CHECKSUM_ANNOTATION]: checksum } : {}) } },
    secrets: [...new Set([...ctx.secrets, ...configSecrets(config)])].sort(),
    apiAccess: [...(ctx.apiAccess ?? [])],
    endpoint: {
      component: Component.CONTROLLER, name: CONTROLLER_NAME, namespace: ctx.install.namespace, selector,
      ports: [
        metricsPort(config),
        { name: 'healthz', containerPort: PORTS.controllerHealth, protocol: 'TCP', scheme: 'HTTP' },
      ],
    },
  };
}

/** The database Secrets named in a config's `persistence` and `synchronization` (the user may set them). */
export function configSecrets(config: ControllerConfig): string[] {
  const names: string[] = [];
  for (const db of [config.persistence, config.synchronization]) {
    for (const engine of [db?.postgresql, db?.mysql]) {
      for (const s of [engine?.userNameSecret, engine?.passwordSecret]) if (s?.name) names.push(s.name);
    }
  }
  return names;
}
