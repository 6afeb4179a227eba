/**
 * The composer: turns `ArgoWorkflowsProps` into one resolved, validated plan. Pure: no constructs,
 * no I/O. The cdk8s constructs and the Pulumi side both call it, so every rule is checked before
 * anything is built or written.
 *
 * Order: the install, the workflow namespaces, the user's controller config (checked alone first),
 * the cross-feature rules (`rules.ts`), then the features in a fixed order (exposure, persistence,
 * storage, identity, restrictions, auth, RBAC profile, network; metrics after the controller, whose
 * endpoint it reads). Their contributions are folded into the controller and argo-server, which are
 * resolved last; the user's `controller.config` is merged over everything. `assemble.ts` puts the
 * plan together and computes the NetworkPolicies from it.
 */
import { assemblePlan, authContext, authPlan, networkPlan, serverAuthModes } from './assemble';
import { resolveAuth } from './auth';
import type { Contributions } from './contributions';
import { foldApiAccess, foldControllerConfig, foldPod, foldSecretsRead, foldServiceAccountAnnotations } from './contributions';
import { configSecrets, resolveController } from './controller';
import { validateControllerConfig } from './controller-config/schema';
import { resolveExposure } from './exposure';
import { resolveWorkloadIdentity } from './identity/identity';
import { repositoryUses } from './identity/repositories';
import { InstallScope, ResolvedInstall, resolveInstall } from './install';
import { resolveJobs } from './jobs';
import { resolveMetrics } from './metrics';
import { resolveNetwork } from './network';
import type { ArgoWorkflowsProps } from './options';
import { resolvePersistence } from './persistence/persistence';
import type { ResolvedArgoWorkflows } from './plan';
import { Problems } from './problems';
import { resolveRbac } from './rbac';
import { checkProps, driverNames, rejectArtifactDrivers, rejectTwice } from './rules';
import { resolveServer, SERVER_NAME } from './server';
import { startupNeeds } from './startup';
import { MINIO_REPOSITORY_KEY, resolveStorage } from './storage/storage';
import { resolveWorkflowRestrictions } from './templates/workflow-restrictions';
import { rejectPartialArtifactGC, ResolvedWorkflowNamespace, resolveWorkflowNamespaces } from './workflow-namespaces';

/** What every feature may read: the install, the workflow namespaces, whether `controller.config` passed its own check. */
interface Base {
  readonly install: ResolvedInstall;
  readonly workflowNamespaces: ResolvedWorkflowNamespace[];
  readonly configValid: boolean;
}

/** The features, in order; each contributes to the controller, argo-server and the plan. */
function resolveFeatures(props: ArgoWorkflowsProps, { install, workflowNamespaces, configValid }: Base, problems: Problems) {
  const configRepository = configValid ? props.controller?.config?.artifactRepository : undefined;
  const exposure = problems.attempt(() => resolveExposure(props.server, { namespace: install.namespace, serviceName: SERVER_NAME, enabled: props.server?.enabled !== false }), undefined);
  const persistence = problems.attempt(() => resolvePersistence(props.persistence, { namespace: install.namespace, imagePullSecrets: install.imagePullSecrets }), undefined);
  const storage = problems.attempt(() => resolveStorage(props, {
    namespace: install.namespace, workflowNamespaces: workflowNamespaces.map((n) => n.name),
    managedSecrets: persistence ? [{ spec: persistence.resolved.secret, option: 'persistence' }] : [],
    artifactDrivers: driverNames(props.controller?.config?.artifactDrivers), imagePullSecrets: install.imagePullSecrets, configRepository,
  }), undefined);
  const identity = problems.attempt(() => resolveWorkloadIdentity(props.workloadIdentity, {
    namespace: install.namespace, createNamespace: install.createNamespace, server: props.server?.enabled !== false, workflowNamespaces,
    repositories: storage ? repositoryUses(storage.resolved, configRepository, props.minio ? MINIO_REPOSITORY_KEY : undefined) : [],
    serverAnnotations: props.server?.serviceAccountAnnotations,
  }), undefined);
  const restrictions = problems.attempt(() => resolveWorkflowRestrictions(props.workflowRestrictions, props.workflowServiceAccountTokens, {
    workflowNamespaces, configRestrictions: props.controller?.config?.workflowRestrictions, defaultWorkflowServiceAccount: props.controller?.defaultWorkflowServiceAccount,
  }), undefined);
  const auth = problems.attempt(() => resolveAuth(props, {
    auth: authContext(exposure?.resolved), install, server: props.server, configSso: props.controller?.config?.sso !== undefined,
    workflowServiceAccounts: workflowNamespaces.map((n) => ({ namespace: n.name, name: n.serviceAccountName })),
  }), undefined);
  const rbac = problems.attempt(() => resolveRbac(props, {
    ssoRbac: auth?.resolved?.sso?.rbac !== undefined, workflowDefaults: configValid ? props.controller?.config?.workflowDefaults : undefined,
    agentNamespaces: workflowNamespaces.filter((n) => n.agent).map((n) => n.name), artifactGcNamespaces: workflowNamespaces.filter((n) => n.artifactGCServiceAccount).map((n) => n.name),
  }), undefined);
  const network = problems.attempt(() => resolveNetwork(props.networkPolicies, {
    exposure: exposure?.resolved.kind ?? 'cluster-ip', server: props.server?.enabled !== false, workflowNamespaces: workflowNamespaces.map((n) => n.name),
  }), undefined);
  return { exposure, persistence, storage, identity, restrictions, auth, rbac, network };
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
  problems.attempt(() => rejectPartialArtifactGC(workflowNamespaces), undefined);
  problems.attempt(() => rejectTwice(props), undefined);
  const f = resolveFeatures(props, { install, workflowNamespaces, configValid }, problems);
  const contributions: Contributions[] = [f.exposure, f.persistence, f.storage, f.identity, f.restrictions, f.auth, f.network].map((x) => x?.contributes ?? {});
  const controller = problems.attempt(() => resolveController(props.controller, {
    install, workflowNamespaces, contributedConfig: foldControllerConfig(contributions),
    pod: foldPod(contributions, 'controller'), secrets: foldSecretsRead(contributions, 'controller'), apiAccess: foldApiAccess(contributions, 'controller'),
    serviceAccountAnnotations: foldServiceAccountAnnotations(contributions, 'controller'),
  }), undefined);
  // Metrics read the controller's endpoint and final config, and contribute to argo-server.
  const serverOn = props.server?.enabled !== false;
  const metrics = controller && (!serverOn || (f.exposure && f.auth)) ? problems.attempt(() => resolveMetrics(props.metrics, {
    namespace: install.namespace, controller, ...(serverOn ? { server: { name: SERVER_NAME, tls: f.exposure!.resolved.tls, authModes: f.auth!.resolved?.authModes ?? serverAuthModes(props) } } : {}),
  }), undefined) : undefined;
  contributions.push(metrics?.contributes ?? {});
  // argo-server reads the database Secrets of the final config, the user's included.
  const server = problems.attempt(() => resolveServer(props.server, {
    install, serverArgs: contributions.flatMap((c) => c.serverArgs ?? []), serverEnv: contributions.flatMap((c) => c.serverEnv ?? []),
    pod: foldPod(contributions, 'server'), secrets: [...foldSecretsRead(contributions, 'server'), ...(controller ? configSecrets(controller.config) : [])],
    apiAccess: foldApiAccess(contributions, 'server'), serviceAccountAnnotations: foldServiceAccountAnnotations(contributions, 'server'),
    secure: f.exposure?.resolved.secure ?? true, service: f.exposure?.resolved.service ?? { type: 'ClusterIP', annotations: {} },
    ...(controller ? { startup: startupNeeds(controller.config, 'server') } : {}),
  }), undefined);
  problems.throwIfAny();
  const features = { identity: f.identity?.resolved, restrictions: f.restrictions?.resolved };
  const resolved = {
    ...assemblePlan(install, controller!, server, workflowNamespaces, f.persistence?.resolved, f.storage!.resolved, contributions, features),
    exposure: f.exposure!.resolved, ...authPlan(f.auth?.resolved, server), metrics: metrics!.resolved, jobs: jobs!, rbac: f.rbac!,
  };
  return { ...resolved, networkPolicies: networkPlan(resolved, f.network!.resolved) };
}
