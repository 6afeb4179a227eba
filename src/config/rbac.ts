/**
 * The RBAC profile of the controller and argo-server: `upstream` (Argo v4.1.2's own rule sets,
 * Secrets by name) or `minimal` (only rules a line of Argo v4.1.2 needs, each cited in
 * `k8s/_rbac-rules.ts`), and the features that turn a dropped rule back on. Using a feature the
 * options show (SSO RBAC, an agent or artifact GC Role in a workflow namespace, workflow defaults
 * with a PodDisruptionBudget, volume claims or artifact GC) under `minimal` without its feature is
 * an error that names the feature and the fix.
 */
import { Checker, EnumValue, optionKeys } from './check';
import type { WorkflowDefaults } from './controller-config';
import { conflict, ValidationError } from './errors';

/** Which rule sets the controller and argo-server get. */
export enum RbacProfile {
  /** Argo v4.1.2's `install.yaml` / `namespace-install.yaml` rules, Secrets only by name. */
  UPSTREAM = 'upstream',
  /**
   * Only the rules a line of Argo v4.1.2 uses, each cited next to the rule; features a workflow
   * may use but an install need not (agent, artifact GC, PodDisruptionBudgets, volume claims,
   * Argo Events, event webhooks, sync limits, SSO RBAC, namespace parallelism labels) are off
   * until turned on in `rbacFeatures`.
   */
  MINIMAL = 'minimal',
}

/**
 * Features that need rules beyond the `minimal` profile. Under `upstream`, only `memoization` and
 * `templateOffload` add anything (upstream grants the others already).
 */
export interface RbacFeatures {
  /** Controller: create, update and delete ConfigMaps where workflows run, for `memoize` caches (neither profile grants it). @default false */
  readonly memoization?: boolean;
  /** Controller: create ConfigMaps where workflows run, for templates and args too large for the pod spec (neither profile grants it). @default false */
  readonly templateOffload?: boolean;
  /** Controller, cluster install: read namespaces, for the `workflows.argoproj.io/parallelism-limit` namespace label. @default false */
  readonly namespaceParallelism?: boolean;
  /** Controller: create and delete PodDisruptionBudgets, for `spec.podDisruptionBudget`. @default false */
  readonly podDisruptionBudgets?: boolean;
  /** Controller: create, get and delete PersistentVolumeClaims, for `spec.volumeClaimTemplates`. @default false */
  readonly volumeClaims?: boolean;
  /** Controller: create and patch WorkflowTaskSets and read the agent CA Secret, for HTTP and plugin templates. @default false */
  readonly agent?: boolean;
  /** Controller: create and delete WorkflowArtifactGCTasks, for artifact garbage collection. @default false */
  readonly artifactGc?: boolean;
  /** argo-server: EventSources and Sensors (Argo Events) in the UI and API. @default false */
  readonly argoEvents?: boolean;
  /** argo-server: event webhooks (`/api/v1/events/...`): list WorkflowEventBindings, get ServiceAccounts, record Events. @default false */
  readonly workflowEvents?: boolean;
  /** argo-server: create and update ConfigMaps, for the sync-limit API (semaphore limits in ConfigMaps). @default false */
  readonly syncLimits?: boolean;
  /** argo-server: list and watch ServiceAccounts, for SSO RBAC (`sso.rbac`). @default false */
  readonly ssoRbac?: boolean;
}

/** The name of one feature. */
export type RbacFeature = keyof RbacFeatures;

/** The RBAC options of `ArgoWorkflowsProps`. */
export interface RbacOptions {
  /**
   * The rule sets of the controller and argo-server. `upstream` keeps Argo's own; `minimal` grants
   * only what a line of Argo v4.1.2 needs and turns features off until `rbacFeatures` turns them on.
   * @default RbacProfile.UPSTREAM
   */
  readonly rbacProfile?: EnumValue<RbacProfile>;
  /** Features whose rules `minimal` drops, turned back on. @default - none */
  readonly rbacFeatures?: RbacFeatures;
}

/** The profile and the features turned on (in the order of `RBAC_FEATURES`). */
export interface ResolvedRbac {
  readonly profile: RbacProfile;
  readonly features: readonly RbacFeature[];
}

export const RBAC_FEATURES = optionKeys<RbacFeatures>()([
  'memoization', 'templateOffload', 'namespaceParallelism', 'podDisruptionBudgets', 'volumeClaims', 'agent', 'artifactGc',
  'argoEvents', 'workflowEvents', 'syncLimits', 'ssoRbac',
]) as readonly RbacFeature[];

/** What the options show is used, for the checks of `minimal`. */
export interface RbacContext {
  /** `sso.rbac` is set. */
  readonly ssoRbac: boolean;
  /** The workflow namespaces with the agent Role / the artifact GC Role. */
  readonly agentNamespaces: readonly string[];
  readonly artifactGcNamespaces: readonly string[];
  /** `controller.config.workflowDefaults`, when the controller config is valid. */
  readonly workflowDefaults?: WorkflowDefaults;
}

/** One use of a feature the options show: what it is, and the feature it needs. */
interface Use {
  readonly feature: RbacFeature;
  readonly what: string;
  readonly needs: string;
}

/** The features the options use, each with what uses it and what it needs. */
function usesOf(ctx: RbacContext): Use[] {
  const spec = ctx.workflowDefaults?.spec;
  const gc = spec?.artifactGC;
  const list = (ns: readonly string[]) => ns.map((n) => JSON.stringify(n)).join(', ');
  const uses: (Use | false)[] = [
    ctx.ssoRbac && { feature: 'ssoRbac', what: 'sso.rbac (SSO RBAC)', needs: 'argo-server to list and watch ServiceAccounts' },
    ctx.agentNamespaces.length > 0 && {
      feature: 'agent', what: `workflowNamespaces agent (${list(ctx.agentNamespaces)})`,
      needs: 'the controller to create and patch WorkflowTaskSets and read the agent CA Secret',
    },
    ctx.artifactGcNamespaces.length > 0 && {
      feature: 'artifactGc', what: `workflowNamespaces artifactGC (${list(ctx.artifactGcNamespaces)})`, needs: 'the controller to create and delete WorkflowArtifactGCTasks',
    },
    gc !== undefined && gc.strategy !== undefined && gc.strategy !== '' && gc.strategy !== 'Never' && {
      feature: 'artifactGc', what: 'controller.config.workflowDefaults.spec.artifactGC', needs: 'the controller to create and delete WorkflowArtifactGCTasks',
    },
    spec?.podDisruptionBudget !== undefined && {
      feature: 'podDisruptionBudgets', what: 'controller.config.workflowDefaults.spec.podDisruptionBudget', needs: 'the controller to create and delete PodDisruptionBudgets',
    },
    (spec?.volumeClaimTemplates?.length ?? 0) > 0 && {
      feature: 'volumeClaims', what: 'controller.config.workflowDefaults.spec.volumeClaimTemplates', needs: 'the controller to create, get and delete PersistentVolumeClaims',
    },
  ];
  return uses.filter((u): u is Use => u !== false);
}

/** Checks `rbacProfile` and `rbacFeatures`; under `minimal`, every feature the options use must be on. */
export function resolveRbac(o: RbacOptions, ctx: RbacContext): ResolvedRbac {
  const c = new Checker('');
  const profile = (o.rbacProfile ?? RbacProfile.UPSTREAM) as RbacProfile;
  c.enum('rbacProfile', profile, RbacProfile, 'use RbacProfile.UPSTREAM or RbacProfile.MINIMAL');
  const f = c.child('rbacFeatures');
  const given = o.rbacFeatures === undefined ? {} : f.object(o.rbacFeatures, '{ argoEvents: true }');
  f.known(given, RBAC_FEATURES);
  for (const k of RBAC_FEATURES) f.bool(k, given[k]);
  const features = RBAC_FEATURES.filter((k) => given[k] === true);
  if (profile === RbacProfile.MINIMAL) {
    const missing = usesOf(ctx).filter((u) => !features.includes(u.feature));
    const errors = missing.map((u) => conflict(`${u.what} needs ${u.needs}, which rbacProfile "minimal" does not grant without rbacFeatures.${u.feature}`,
      `set rbacFeatures.${u.feature} to true, or use rbacProfile: RbacProfile.UPSTREAM`));
    if (errors.length) throw ValidationError.of(errors);
  }
  return { profile, features };
}

/** Whether a feature's rules are on. */
export const hasFeature = (rbac: ResolvedRbac, feature: RbacFeature): boolean => rbac.features.includes(feature);

/** The plan's RBAC when nothing is set: upstream, no feature. */
export const UPSTREAM_RBAC: ResolvedRbac = { profile: RbacProfile.UPSTREAM, features: [] };
