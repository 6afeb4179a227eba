/**
 * The workload identity feature: which cloud identity each ServiceAccount that touches the bucket
 * takes (argo-server, the workflow service account and the artifact GC service account of each
 * workflow namespace), and what that implies elsewhere (ServiceAccount annotations, pod labels
 * through argo-server's pod and the controller's `workflowDefaults`, namespace labels).
 */
import { Checker, isPlainObject, optionKeys } from '../check';
import type { Contributions, Feature, NamespaceLabels, ServiceAccountAnnotations } from '../contributions';
import type { ControllerConfig } from '../controller-config';
import { conflict } from '../errors';
import type { ResolvedWorkflowNamespace } from '../workflow-namespaces';
import { checkIdentityReachesRepository, RepositoryUse } from './repositories';
import { checkWorkloadIdentity, WorkloadIdentity } from './workload-identity';

/** Cloud identities of the ServiceAccounts argo-stack creates (the defaults of every workflow namespace). */
export interface WorkloadIdentityOptions {
  /**
   * argo-server's ServiceAccount: the UI downloads artifacts and archived logs with it.
   * @default - none
   */
  readonly server?: WorkloadIdentity;
  /**
   * The workflow service account of every workflow namespace that sets no `workloadIdentity`.
   * @default - none
   */
  readonly workflows?: WorkloadIdentity;
  /**
   * The artifact GC service account of every workflow namespace with `artifactGC` that sets no
   * `artifactGCWorkloadIdentity`. Give GC its own identity for least privilege: it is the one that
   * deletes.
   * @default - each namespace's workflow identity
   */
  readonly artifactGC?: WorkloadIdentity;
}

/** One workflow namespace's identities, defaults applied, with the option paths they come from. */
export interface NamespaceIdentities {
  readonly namespace: string;
  readonly workflow?: WorkloadIdentity;
  readonly artifactGC?: WorkloadIdentity;
}

export interface ResolvedWorkloadIdentity {
  readonly server?: WorkloadIdentity;
  readonly namespaces: readonly NamespaceIdentities[];
}

export interface IdentityContext {
  /** The install namespace, and whether argo-stack creates it. */
  readonly namespace: string;
  readonly createNamespace: boolean;
  /** Whether argo-server runs. */
  readonly server: boolean;
  readonly workflowNamespaces: readonly ResolvedWorkflowNamespace[];
  /** Every artifact repository the install uses, with its option path. */
  readonly repositories: readonly RepositoryUse[];
  /** The user's `server.serviceAccountAnnotations`, as given. */
  readonly serverAnnotations: unknown;
}

const KEYS = optionKeys<WorkloadIdentityOptions>()(['server', 'workflows', 'artifactGC']);

interface Use {
  readonly option: string;
  readonly identity: WorkloadIdentity;
}

/** An annotation the user gives raw that the identity also sets would be configured twice. */
function rejectTwice(use: Use, rawOption: string, raw: unknown): void {
  if (!isPlainObject(raw)) return;
  const key = Object.keys(use.identity.serviceAccountAnnotations).find((k) => k in raw);
  if (key === undefined) return;
  throw conflict(`${rawOption}[${JSON.stringify(key)}] is set and so is ${use.option} (${use.identity.describe()}), which sets that annotation: it would be configured twice`,
    `remove the annotation from ${rawOption} and keep ${use.option}`);
}

/** RRSA labels the namespace of the pods, which argo-stack can only do on a namespace it creates. */
function rejectUnlabelled(use: Use, namespace: string, created: boolean): void {
  if (created || Object.keys(use.identity.namespaceLabels).length === 0) return;
  const [[label, value]] = Object.entries(use.identity.namespaceLabels);
  throw conflict(`${use.option} is ${use.identity.describe()}, which needs the label ${label}=${value} on the namespace "${namespace}", but argo-stack does not create that namespace`,
    `let argo-stack create it, or label it yourself (kubectl label namespace ${namespace} ${label}=${value}) and give the role through serviceAccountAnnotations instead of ${use.option}`);
}

/** The effective identities of one workflow namespace, with the option each comes from. */
function namespaceUses(n: ResolvedWorkflowNamespace, i: number, o: WorkloadIdentityOptions): { workflow?: Use; artifactGC?: Use } {
  const at = `workflowNamespaces[${i}]`;
  const workflow: Use | undefined = n.workloadIdentity ? { option: `${at}.workloadIdentity`, identity: n.workloadIdentity }
    : o.workflows ? { option: 'workloadIdentity.workflows', identity: o.workflows } : undefined;
  if (!n.artifactGC) return { workflow };
  const artifactGC: Use | undefined = n.artifactGCWorkloadIdentity ? { option: `${at}.artifactGCWorkloadIdentity`, identity: n.artifactGCWorkloadIdentity }
    : o.artifactGC ? { option: 'workloadIdentity.artifactGC', identity: o.artifactGC } : workflow;
  return { workflow, artifactGC };
}

function checkOptions(raw: unknown, ctx: IdentityContext): WorkloadIdentityOptions {
  if (raw === undefined) return {};
  const c = new Checker('workloadIdentity');
  c.known(c.object(raw, '{ workflows: WorkloadIdentity.awsIrsa("arn:aws:iam::123456789012:role/argo-workflows") }'), KEYS);
  const o = raw as WorkloadIdentityOptions;
  const server = checkWorkloadIdentity(c.at('server'), o.server);
  const workflows = checkWorkloadIdentity(c.at('workflows'), o.workflows);
  const artifactGC = checkWorkloadIdentity(c.at('artifactGC'), o.artifactGC);
  if (server && !ctx.server) throw conflict('workloadIdentity.server is set but argo-server is disabled (server.enabled: false)', 'remove workloadIdentity.server, or enable argo-server');
  if (workflows && ctx.workflowNamespaces.length === 0) {
    throw conflict('workloadIdentity.workflows is set but there is no workflow namespace, so no workflow service account to give it to', 'add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }], or remove workloadIdentity.workflows');
  }
  if (artifactGC && !ctx.workflowNamespaces.some((n) => n.artifactGC)) {
    throw conflict('workloadIdentity.artifactGC is set but no workflow namespace has artifactGC: true, so there is no artifact GC service account to give it to',
      'set artifactGC: true on the workflow namespaces that collect artifacts, or remove workloadIdentity.artifactGC');
  }
  return { server, workflows, artifactGC };
}

const merged = (uses: readonly (Use | undefined)[]): Record<string, string> => Object.assign({}, ...uses.map((u) => u?.identity.podLabels ?? {}));

/** Validates `workloadIdentity` and the per-namespace identities; returns what each ServiceAccount takes and what that implies. */
export function resolveWorkloadIdentity(raw: unknown, ctx: IdentityContext): Feature<ResolvedWorkloadIdentity> {
  const o = checkOptions(raw, ctx);
  const server: Use | undefined = o.server ? { option: 'workloadIdentity.server', identity: o.server } : undefined;
  const perNamespace = ctx.workflowNamespaces.map((n, i) => ({ n, i, ...namespaceUses(n, i, o) }));
  const all = [server, ...perNamespace.flatMap((p) => [p.workflow, p.artifactGC])].filter((u): u is Use => u !== undefined);
  const checked = new Set<string>();
  for (const use of all) {
    if (checked.has(use.option)) continue;
    checked.add(use.option);
    checkIdentityReachesRepository(use.option, use.identity, ctx.repositories);
  }
  if (server) {
    rejectTwice(server, 'server.serviceAccountAnnotations', ctx.serverAnnotations);
    rejectUnlabelled(server, ctx.namespace, ctx.createNamespace);
  }
  const annotations: ServiceAccountAnnotations[] = server ? [{ of: 'server', annotations: server.identity.serviceAccountAnnotations }] : [];
  const namespaceLabels: NamespaceLabels[] = server && Object.keys(server.identity.namespaceLabels).length
    ? [{ namespace: ctx.namespace, labels: server.identity.namespaceLabels }] : [];
  for (const { n, i, workflow, artifactGC } of perNamespace) {
    if (workflow) rejectTwice(workflow, `workflowNamespaces[${i}].serviceAccountAnnotations`, n.serviceAccountAnnotations);
    for (const use of [workflow, artifactGC]) {
      if (!use) continue;
      rejectUnlabelled(use, n.name, n.create || (n.name === ctx.namespace && ctx.createNamespace));
      if (Object.keys(use.identity.namespaceLabels).length) namespaceLabels.push({ namespace: n.name, labels: use.identity.namespaceLabels });
    }
    if (workflow) annotations.push({ of: { workflowNamespace: n.name }, annotations: workflow.identity.serviceAccountAnnotations });
  }
  const contributes: Contributions = {
    serviceAccountAnnotations: annotations,
    namespaceLabels,
    pods: server && Object.keys(server.identity.podLabels).length ? [{ to: ['server'], labels: server.identity.podLabels }] : [],
    controllerConfig: podLabelDefaults(merged(perNamespace.map((p) => p.workflow)), merged(perNamespace.map((p) => p.artifactGC))),
  };
  return {
    resolved: { ...(o.server ? { server: o.server } : {}), namespaces: perNamespace.map((p) => ({ namespace: p.n.name, workflow: p.workflow?.identity, artifactGC: p.artifactGC?.identity })) },
    contributes,
  };
}

/**
 * Pod labels of workflow pods and GC pods through `workflowDefaults`, which is global: a label one
 * namespace's identity needs (Azure's `azure.workload.identity/use`) goes on the pods of every
 * namespace. That is harmless: the label only asks the Azure webhook to inject, and the injected
 * token is only exchanged for the identity the ServiceAccount's own annotation names.
 */
function podLabelDefaults(workflow: Record<string, string>, gc: Record<string, string>): ControllerConfig {
  const spec = {
    ...(Object.keys(workflow).length ? { podMetadata: { labels: workflow } } : {}),
    ...(Object.keys(gc).length ? { artifactGC: { podMetadata: { labels: gc } } } : {}),
  };
  return Object.keys(spec).length ? { workflowDefaults: { spec } } : {};
}

/** What the feature gives one workflow namespace: its effective identities and the GC ServiceAccount's annotations. */
export function identityOfNamespace(resolved: ResolvedWorkloadIdentity | undefined, n: ResolvedWorkflowNamespace): Partial<ResolvedWorkflowNamespace> {
  const ids = resolved?.namespaces.find((x) => x.namespace === n.name);
  const gc = n.artifactGCServiceAccount;
  return {
    ...(ids?.workflow ? { workloadIdentity: ids.workflow } : {}),
    ...(ids?.artifactGC ? { artifactGCWorkloadIdentity: ids.artifactGC } : {}),
    ...(gc ? { artifactGCServiceAccount: { name: gc.name, annotations: { ...(ids?.artifactGC?.serviceAccountAnnotations ?? {}) } } } : {}),
  };
}
