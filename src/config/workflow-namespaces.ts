/**
 * The namespaces that run workflows: each gets a workflow service account, the executor Role and,
 * on request, the agent and artifact GC Roles; a created one is labelled with its Pod Security level.
 */
import { Checker, EnumValue, optionKeys } from './check';
import { conflict, invalid } from './errors';
import { checkWorkloadIdentity, WorkloadIdentity } from './identity/workload-identity';
import type { ExampleWorkflowTemplate } from './templates/example-template';

/** Pod Security Standards level for namespaces argo-stack creates. */
export enum PodSecurityLevel {
  RESTRICTED = 'restricted',
  BASELINE = 'baseline',
  PRIVILEGED = 'privileged',
}

/** A namespace where workflows run. */
export interface WorkflowNamespaceOptions {
  /** The namespace name (RFC 1123 label). */
  readonly name: string;
  /**
   * Create the Namespace object, labelled with its Pod Security level.
   * @default - true, except for the install namespace (created by `createNamespace`)
   */
  readonly create?: boolean;
  /**
   * Pod Security Standards level enforced on a created namespace.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: EnumValue<PodSecurityLevel>;
  /**
   * The service account workflow pods run as.
   * @default "argo-workflow"
   */
  readonly serviceAccountName?: string;
  /**
   * Annotations on that service account: the escape hatch for what `workloadIdentity` does not
   * cover. An annotation the workload identity sets cannot be given here too.
   * @default - none
   */
  readonly serviceAccountAnnotations?: Record<string, string>;
  /**
   * The cloud identity of the workflow service account (artifacts are moved by the `init` and
   * `wait` containers of workflow pods, which run as it).
   * @default - `workloadIdentity.workflows`, else none
   */
  readonly workloadIdentity?: WorkloadIdentity;
  /**
   * The cloud identity of the artifact GC service account `argo-artifact-gc` (with `artifactGC`).
   * @default - `workloadIdentity.artifactGC`, else this namespace's workflow identity
   */
  readonly artifactGCWorkloadIdentity?: WorkloadIdentity;
  /**
   * Grant the Argo agent (HTTP and plugin templates) its Role: workflowtasksets list/watch and
   * workflowtasksets/status patch.
   * @default false
   */
  readonly agent?: boolean;
  /**
   * Run artifact garbage collection pods as their own ServiceAccount `argo-artifact-gc`, bound to
   * Role `artifactgc` (workflowartifactgctasks list/watch, workflowartifactgctasks/status patch):
   * GC deletes objects, which the workflow service account need not be allowed to.
   * @default false
   */
  readonly artifactGC?: boolean;
}

export interface ResolvedWorkflowNamespace {
  readonly name: string;
  readonly create: boolean;
  readonly podSecurity: PodSecurityLevel;
  /** Labels other features put on the namespace, when argo-stack creates it. */
  readonly labels: Record<string, string>;
  /** Secrets argo-server reads here (the artifact repositories'); empty without argo-server. */
  readonly serverSecrets: string[];
  readonly serviceAccountName: string;
  readonly serviceAccountAnnotations: Record<string, string>;
  readonly agent: boolean;
  readonly artifactGC: boolean;
  /** The artifact GC ServiceAccount, with `artifactGC`: its name and annotations. */
  readonly artifactGCServiceAccount?: { readonly name: string; readonly annotations: Record<string, string> };
  /** The workflow service account's cloud identity, as given here (the feature applies the defaults). */
  readonly workloadIdentity?: WorkloadIdentity;
  /** The artifact GC service account's cloud identity, as given here. */
  readonly artifactGCWorkloadIdentity?: WorkloadIdentity;
  /**
   * Create the Secret `<serviceAccountName>.service-account-token` (agent pods and executors mount
   * it when tokens are not automounted).
   */
  readonly serviceAccountTokenSecret: boolean;
  /** The example WorkflowTemplate of a strict install. */
  readonly exampleTemplate?: ExampleWorkflowTemplate;
}

export const DEFAULT_WORKFLOW_SERVICE_ACCOUNT = 'argo-workflow';
/** The ServiceAccount artifact GC pods run as, in each workflow namespace with `artifactGC`. */
export const ARTIFACT_GC_SERVICE_ACCOUNT = 'argo-artifact-gc';

const NAMESPACE_KEYS = optionKeys<WorkflowNamespaceOptions>()([
  'name', 'create', 'podSecurity', 'serviceAccountName', 'serviceAccountAnnotations', 'workloadIdentity', 'artifactGCWorkloadIdentity', 'agent', 'artifactGC',
]);

function resolveOne(c: Checker, n: WorkflowNamespaceOptions, install: { namespace: string; createNamespace: boolean }): ResolvedWorkflowNamespace {
  const name = c.dnsLabel('name', n?.name);
  c.known(n as unknown as Record<string, unknown>, NAMESPACE_KEYS);
  c.bool('create', n.create);
  c.bool('agent', n.agent);
  c.bool('artifactGC', n.artifactGC);
  c.enum('podSecurity', n.podSecurity, PodSecurityLevel, 'use PodSecurityLevel.RESTRICTED, BASELINE or PRIVILEGED');
  const isInstall = name === install.namespace;
  if (isInstall && n.create === true && install.createNamespace) {
    throw conflict(`${c.at('create')} is true for the install namespace "${name}", which createNamespace already creates`, `remove ${c.at('create')}`);
  }
  if (n.podSecurity !== undefined && !(n.create ?? !isInstall)) {
    throw conflict(`${c.at('podSecurity')} is set but argo-stack does not create the namespace "${name}", so nothing applies the level`,
      `remove ${c.at('podSecurity')}, or let argo-stack create the namespace (${isInstall ? 'createNamespace' : c.at('create')})`);
  }
  const sa = c.dnsSubdomain('serviceAccountName', n.serviceAccountName ?? DEFAULT_WORKFLOW_SERVICE_ACCOUNT);
  if (isInstall && (sa === 'argo' || sa === 'argo-server')) {
    throw invalid(c.at('serviceAccountName'), sa, `"${sa}" is the ${sa === 'argo' ? 'controller' : 'server'}'s own service account in this namespace; workflows must not run with its permissions`, `use "${DEFAULT_WORKFLOW_SERVICE_ACCOUNT}"`);
  }
  if (n.artifactGC === true && sa === ARTIFACT_GC_SERVICE_ACCOUNT) {
    throw invalid(c.at('serviceAccountName'), sa, `"${sa}" is the artifact GC service account of this namespace (artifactGC is true); workflows must not run with its delete rights`, `use "${DEFAULT_WORKFLOW_SERVICE_ACCOUNT}"`);
  }
  const workloadIdentity = checkWorkloadIdentity(c.at('workloadIdentity'), n.workloadIdentity);
  const artifactGCWorkloadIdentity = checkWorkloadIdentity(c.at('artifactGCWorkloadIdentity'), n.artifactGCWorkloadIdentity);
  if (artifactGCWorkloadIdentity && n.artifactGC !== true) {
    throw conflict(`${c.at('artifactGCWorkloadIdentity')} is set but ${c.at('artifactGC')} is not true, so there is no artifact GC service account to give it to`,
      `set ${c.at('artifactGC')} to true, or remove ${c.at('artifactGCWorkloadIdentity')}`);
  }
  return {
    name,
    create: n.create ?? !isInstall,
    podSecurity: (n.podSecurity ?? PodSecurityLevel.RESTRICTED) as PodSecurityLevel,
    labels: {},
    serverSecrets: [],
    serviceAccountName: sa,
    serviceAccountAnnotations: c.annotations('serviceAccountAnnotations', n.serviceAccountAnnotations),
    agent: n.agent ?? false,
    artifactGC: n.artifactGC ?? false,
    ...(n.artifactGC ? { artifactGCServiceAccount: { name: ARTIFACT_GC_SERVICE_ACCOUNT, annotations: {} } } : {}),
    ...(workloadIdentity ? { workloadIdentity } : {}),
    ...(artifactGCWorkloadIdentity ? { artifactGCWorkloadIdentity } : {}),
    serviceAccountTokenSecret: n.agent ?? false,
  };
}

/**
 * Artifact GC pods run as the controller's one default `spec.artifactGC.serviceAccountName`
 * (`workflowDefaults` is install-wide; workflow/controller/artifact_gc.go falls back to `default`,
 * which has no Role): a namespace without `artifactGC` has no such account, so its GC pods would fail.
 */
export function rejectPartialArtifactGC(namespaces: readonly ResolvedWorkflowNamespace[]): void {
  const without = namespaces.filter((n) => !n.artifactGC).map((n) => n.name);
  if (without.length === 0 || without.length === namespaces.length) return;
  const index = namespaces.findIndex((n) => !n.artifactGC);
  const names = (list: readonly string[]) => `${list.slice(0, 3).map((n) => `"${n}"`).join(', ')}${list.length > 3 ? ` and ${list.length - 3} more` : ''}`;
  throw conflict(`workflowNamespaces[${index}].artifactGC is not set for "${without[0]}" while ${names(namespaces.filter((n) => n.artifactGC).map((n) => n.name))} set it: `
    + `artifact GC pods of every namespace run as the one default account ${ARTIFACT_GC_SERVICE_ACCOUNT} (workflowDefaults is install-wide), which only namespaces with artifactGC have`,
  `set artifactGC: true on every workflow namespace (${names(without)} too), or on none`);
}

/**
 * Validates `workflowNamespaces`. In a namespaced install every entry must be the one namespace the
 * install watches (`managedNamespace`, else the install namespace).
 */
export function resolveWorkflowNamespaces(
  list: WorkflowNamespaceOptions[] | undefined,
  install: { namespace: string; createNamespace: boolean; namespaced: boolean; managedNamespace?: string },
): ResolvedWorkflowNamespace[] {
  if (list !== undefined && !Array.isArray(list)) throw invalid('workflowNamespaces', list, 'it must be a list of { name } objects', 'give a list, e.g. [{ name: "argo" }]');
  const seen = new Set<string>();
  const resolved = (list ?? []).map((n, i) => {
    const c = new Checker(`workflowNamespaces[${i}]`);
    if (n !== null && typeof n === 'object' && typeof n.name === 'string' && seen.has(n.name)) {
      throw invalid(c.at('name'), n.name, 'each workflow namespace may be listed once', `remove the second entry for "${n.name}" and merge its settings into the first`);
    }
    const r = resolveOne(c, n, install);
    seen.add(r.name);
    return r;
  });
  if (install.namespaced) {
    const watched = install.managedNamespace ?? install.namespace;
    for (const [i, n] of resolved.entries()) {
      if (n.name === watched) continue;
      throw invalid(`workflowNamespaces[${i}].name`, n.name, `a namespaced install only runs workflows in "${watched}" (${install.managedNamespace ? 'the managed namespace' : 'the install namespace'})`,
        install.managedNamespace ? `use "${watched}", or use a cluster install` : `set managedNamespace to "${n.name}", or use a cluster install`);
    }
  }
  return resolved;
}
