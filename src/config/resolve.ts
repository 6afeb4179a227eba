/**
 * The composer: turns `ArgoWorkflowsProps` into one resolved, validated plan. Pure: no constructs,
 * no I/O. The cdk8s constructs and the Pulumi side both call it, so every rule is checked before
 * anything is built or written.
 *
 * Order: the install, the workflow namespaces, the user's controller config (checked alone first),
 * the cross-feature rules, then the features in a fixed order (exposure, persistence, storage). Their
 * contributions are folded into the controller and argo-server, which are resolved last; the
 * user's `controller.config` is merged over everything.
 */
import { AuthContext, ResolvedAuth, resolveAuth } from './auth';
import { Component, installFlows } from './endpoints';
import { conflict } from './errors';
import type { Contributions } from './contributions';
import { foldApiAccess, foldControllerConfig, foldNamespaceLabels, foldPod, foldSecretsRead, foldServiceAccountAnnotations } from './contributions';
import { configSecrets, ResolvedController, resolveController } from './controller';
import { rejectUnknownKeys } from './check';
import { ResolvedExposure, resolveExposure } from './exposure';
import type { ControllerConfig } from './controller-config';
import { validateControllerConfig } from './controller-config/schema';
import { identityOfNamespace, ResolvedWorkloadIdentity, resolveWorkloadIdentity } from './identity/identity';
import { repositoryUses } from './identity/repositories';
import { serviceAccountSubjects } from './identity/subjects';
import { CrdMode, InstallScope, ResolvedInstall, resolveInstall } from './install';
import { resolveJobs } from './jobs';
import { resolveNetwork, resolveNetworkPolicies } from './network';
import type { ResolvedNetworkSettings } from './network';
import { ArgoWorkflowsProps, PROPS_KEYS } from './options';
import { ResolvedPersistence, resolvePersistence } from './persistence/persistence';
import { plainDataProblems } from './plain-data';
import type { ResolvedArgoWorkflows } from './plan';
import { Problems } from './problems';
import { ResolvedServer, resolveServer, SERVER_NAME } from './server';
import { MINIO_REPOSITORY_KEY, ResolvedStorage, resolveStorage } from './storage/storage';
import { ResolvedWorkflowRestrictions, resolveWorkflowRestrictions, restrictionsOfNamespace } from './templates/workflow-restrictions';
import { ResolvedWorkflowNamespace, resolveWorkflowNamespaces } from './workflow-namespaces';

function checkProps(props: unknown): asserts props is ArgoWorkflowsProps {
  // The props are not shown: they may hold credentials.
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    const got = props === null ? 'null' : Array.isArray(props) ? 'an array' : `a ${typeof props}`;
    throw conflict(`ArgoWorkflows props (${got}) is invalid: it must be an options object`, 'pass an options object, e.g. { namespace: "argo" }, or nothing');
  }
  // Plain data first (no null, no cycles, no Symbols), then every top-level key: all problems at once.
  const problems = new Problems();
  problems.add(plainDataProblems(props));
  problems.throwIfAny();
  // Every unknown top-level key, each on its own line.
  for (const k of Object.keys(props)) problems.attempt(() => rejectUnknownKeys('', { [k]: (props as Record<string, unknown>)[k] }, PROPS_KEYS), undefined);
  problems.throwIfAny();
}

/** The names in `controller.config.artifactDrivers` (checked on its own; anything else gives none here). */
function driverNames(drivers: unknown): string[] {
  return Array.isArray(drivers) ? drivers.flatMap((d) => (typeof d?.name === 'string' ? [d.name] : [])) : [];
}

/** argo-server exits unless every artifact driver runs as a sidecar of its pod, which argo-stack does not build yet. */
function rejectArtifactDrivers(props: ArgoWorkflowsProps): void {
  const drivers = props.controller?.config?.artifactDrivers;
  if (props.server?.enabled !== false && Array.isArray(drivers) && drivers.length > 0) {
    throw conflict('controller.config.artifactDrivers is set with argo-server enabled: argo-server exits at start unless every driver image runs as a sidecar of its own pod, which argo-stack does not build yet',
      'remove artifactDrivers and the plugin repositories that use them, or run without argo-server (server.enabled: false)');
  }
}

/** A setting made by an option and by `controller.config` would be configured twice. */
function rejectTwice(props: ArgoWorkflowsProps): void {
  const user: ControllerConfig = props.controller?.config ?? {};
  if (props.persistence !== undefined && (user.persistence !== undefined || user.synchronization !== undefined)) {
    const key = user.persistence !== undefined ? 'persistence' : 'synchronization';
    throw conflict(`persistence is set and so is controller.config.${key}: the database would be configured twice`, `remove controller.config.${key} and use the persistence option`);
  }
  if (props.artifactRepository !== undefined && user.artifactRepository !== undefined) {
    throw conflict('artifactRepository is set and so is controller.config.artifactRepository: the default repository would be configured twice',
      'remove controller.config.artifactRepository and use the artifactRepository option');
  }
  const p = user.persistence;
  if (p === undefined) return;
  if (p.postgresql && p.mysql) throw conflict('controller.config.persistence sets both postgresql and mysql: Argo uses exactly one database', 'keep only one of them');
  const db = p.postgresql ?? p.mysql;
  if (!db) throw conflict('controller.config.persistence has no database: Argo needs postgresql or mysql', 'add persistence.postgresql or persistence.mysql');
  if (!db.tableName) throw conflict(`controller.config.persistence.${p.postgresql ? 'postgresql' : 'mysql'}.tableName is missing: Argo exits with "TableName is empty"`, 'set tableName, e.g. "argo_workflows"');
}

/** The features that add to workflow namespaces directly: identities, the token Secret, the example template. */
interface NamespaceFeatures {
  readonly identity?: ResolvedWorkloadIdentity;
  readonly restrictions?: ResolvedWorkflowRestrictions;
}

/** What the features add to one workflow namespace: its labels, its service accounts' annotations, argo-server's Secret reads, its templates. */
function foldIntoNamespace(n: ResolvedWorkflowNamespace, contributions: readonly Contributions[], server: boolean, f: NamespaceFeatures, image: string): ResolvedWorkflowNamespace {
  return {
    ...n,
    ...identityOfNamespace(f.identity, n),
    ...restrictionsOfNamespace(f.restrictions, n, image),
    labels: foldNamespaceLabels(contributions, n.name),
    // The user's annotations win over contributed ones.
    serviceAccountAnnotations: { ...foldServiceAccountAnnotations(contributions, { workflowNamespace: n.name }), ...n.serviceAccountAnnotations },
    serverSecrets: server ? foldSecretsRead(contributions, 'server', n.name) : [],
  };
}

/**
 * Validates every option and resolves every default. Throws one ValidationError listing every
 * problem of the independent parts (install, workflow namespaces, each feature, the controller,
 * argo-server); within one part, the first problem.
 */
export function resolveArgoWorkflows(props: ArgoWorkflowsProps = {}): ResolvedArgoWorkflows {
  checkProps(props);
  const install = resolveInstall(props);
  const problems = new Problems();
  const workflowNamespaces = problems.attempt(() => resolveWorkflowNamespaces(props.workflowNamespaces, { ...install, namespaced: install.scope === InstallScope.NAMESPACED }), []);
  const jobs = problems.attempt(() => resolveJobs(props.jobs, install.imagePullSecrets), undefined);
  const configValid = problems.attempt(() => { validateControllerConfig(props.controller?.config, 'controller.config'); return true; }, false);
  problems.attempt(() => rejectArtifactDrivers(props), undefined);
  problems.attempt(() => rejectTwice(props), undefined);

  // Features, in order; each contributes to the controller, argo-server and the plan.
  const exposure = problems.attempt(() => resolveExposure(props.server, { namespace: install.namespace, serviceName: SERVER_NAME, enabled: props.server?.enabled !== false }), undefined);
  const persistence = problems.attempt(() => resolvePersistence(props.persistence, { namespace: install.namespace, imagePullSecrets: install.imagePullSecrets }), undefined);
  const storage = problems.attempt(() => resolveStorage(props, {
    namespace: install.namespace, workflowNamespaces: workflowNamespaces.map((n) => n.name),
    managedSecrets: persistence ? [{ spec: persistence.resolved.secret, option: 'persistence' }] : [],
    artifactDrivers: driverNames(props.controller?.config?.artifactDrivers), imagePullSecrets: install.imagePullSecrets,
    configRepository: configValid ? props.controller?.config?.artifactRepository : undefined,
  }), undefined);
  const identity = problems.attempt(() => resolveWorkloadIdentity(props.workloadIdentity, {
    namespace: install.namespace, createNamespace: install.createNamespace, server: props.server?.enabled !== false, workflowNamespaces,
    repositories: storage ? repositoryUses(storage.resolved, configValid ? props.controller?.config?.artifactRepository : undefined, props.minio ? MINIO_REPOSITORY_KEY : undefined) : [],
    serverAnnotations: props.server?.serviceAccountAnnotations,
  }), undefined);
  const restrictions = problems.attempt(() => resolveWorkflowRestrictions(props.workflowRestrictions, props.workflowServiceAccountTokens, {
    workflowNamespaces, configRestrictions: props.controller?.config?.workflowRestrictions, defaultWorkflowServiceAccount: props.controller?.defaultWorkflowServiceAccount,
  }), undefined);
  const auth = problems.attempt(() => resolveAuth(props, {
    auth: authContext(exposure?.resolved), install, server: props.server, configSso: props.controller?.config?.sso !== undefined,
    workflowServiceAccounts: workflowNamespaces.map((n) => ({ namespace: n.name, name: n.serviceAccountName })),
  }), undefined);
  const network = problems.attempt(() => resolveNetwork(props.networkPolicies, {
    exposure: exposure?.resolved.kind ?? 'cluster-ip', server: props.server?.enabled !== false, workflowNamespaces: workflowNamespaces.map((n) => n.name),
  }), undefined);
  const contributions: Contributions[] = [exposure, persistence, storage, identity, restrictions, auth, network].map((f) => f?.contributes ?? {});
  const controller = problems.attempt(() => resolveController(props.controller, {
    install, workflowNamespaces, contributedConfig: foldControllerConfig(contributions),
    pod: foldPod(contributions, 'controller'), secrets: foldSecretsRead(contributions, 'controller'), apiAccess: foldApiAccess(contributions, 'controller'),
    serviceAccountAnnotations: foldServiceAccountAnnotations(contributions, 'controller'),
  }), undefined);
  // argo-server reads the database Secrets of the final config, the user's included.
  const server = problems.attempt(() => resolveServer(props.server, {
    install, serverArgs: contributions.flatMap((c) => c.serverArgs ?? []), serverEnv: contributions.flatMap((c) => c.serverEnv ?? []),
    pod: foldPod(contributions, 'server'), secrets: [...foldSecretsRead(contributions, 'server'), ...(controller ? configSecrets(controller.config) : [])],
    apiAccess: foldApiAccess(contributions, 'server'),
    serviceAccountAnnotations: foldServiceAccountAnnotations(contributions, 'server'),
    secure: exposure?.resolved.secure ?? true, service: exposure?.resolved.service ?? { type: 'ClusterIP', annotations: {} },
  }), undefined);
  problems.throwIfAny();
  const features = { identity: identity?.resolved, restrictions: restrictions?.resolved };
  const resolved = { ...plan(install, controller!, server, workflowNamespaces, persistence?.resolved, storage!.resolved, contributions, features), exposure: exposure!.resolved, ...authPlan(auth?.resolved, server), jobs: jobs! };
  return { ...resolved, networkPolicies: networkPlan(resolved, network!.resolved) };
}

/** The NetworkPolicies, from the plan's endpoints, flows and exposure. */
function networkPlan(p: Omit<ResolvedArgoWorkflows, 'networkPolicies'>, settings: ResolvedNetworkSettings) {
  return resolveNetworkPolicies({ namespace: p.namespace, workflowNamespaces: p.workflowNamespaces, endpoints: p.endpoints, flows: p.flows, exposure: p.exposure, settings });
}

/** Where argo-server is reached, from the exposure feature (its defaults when the exposure options are invalid: they are reported there). */
function authContext(exposure: ResolvedExposure | undefined): AuthContext {
  if (!exposure) return { baseHref: '/', secure: true, exposed: false };
  return { baseHref: exposure.baseHref, secure: exposure.secure, exposed: exposure.exposed, ...(exposure.publicUrl ? { publicUrl: exposure.publicUrl } : {}) };
}

/** The accounts are argo-server's: none without it. */
const authPlan = (auth: ResolvedAuth | undefined, server: ResolvedServer | undefined) => (auth && server ? { auth } : {});

function plan(
  install: ResolvedInstall, controller: ResolvedController, server: ResolvedServer | undefined, workflowNamespaces: ResolvedWorkflowNamespace[],
  persistence: ResolvedPersistence | undefined, storage: ResolvedStorage, contributions: readonly Contributions[], features: NamespaceFeatures,
): Omit<ResolvedArgoWorkflows, 'jobs' | 'exposure' | 'networkPolicies'> {
  const namespaces = workflowNamespaces.map((n) => foldIntoNamespace(n, contributions, server !== undefined, features, install.images.jobs));
  const serverIdentity = features.identity?.server ? { workloadIdentity: features.identity.server } : {};
  return {
    ...install,
    namespaceLabels: foldNamespaceLabels(contributions, install.namespace),
    controller,
    server,
    workflowNamespaces: namespaces,
    serviceAccountSubjects: serviceAccountSubjects(server ? { namespace: install.namespace, name: SERVER_NAME, ...serverIdentity } : undefined, namespaces),
    persistence,
    storage,
    controllerSecrets: controller.secrets,
    serverSecrets: server?.secrets ?? [],
    endpoints: [controller.endpoint, ...(server ? [server.endpoint] : []), ...contributions.flatMap((c) => c.endpoints ?? [])],
    flows: [...installFlows({ server: server !== undefined, crdInstaller: install.crds === CrdMode.INSTALLER, workflowNamespaces: namespaces.map((n) => n.name) }), ...contributions.flatMap((c) => c.flows ?? [])]
      .filter((f) => server || !('component' in f.from && f.from.component === Component.SERVER)),
  };
}
