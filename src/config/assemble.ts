/**
 * Putting the plan together once every feature is resolved: what the features add to each
 * workflow namespace, the endpoints and flows, the contexts one feature hands another, and the
 * NetworkPolicies computed from the finished plan.
 */
import type { AuthContext, ResolvedAuth } from './auth';
import type { Contributions } from './contributions';
import { foldNamespaceLabels, foldSecretsRead, foldServiceAccountAnnotations } from './contributions';
import type { ResolvedController } from './controller';
import { Component, Flow, installFlows } from './endpoints';
import type { ResolvedExposure } from './exposure';
import { identityOfNamespace, ResolvedWorkloadIdentity } from './identity/identity';
import { serviceAccountSubjects } from './identity/subjects';
import { CrdMode, ResolvedInstall } from './install';
import { resolveNetworkPolicies } from './network';
import type { ResolvedNetworkSettings } from './network';
import type { ArgoWorkflowsProps } from './options';
import type { ResolvedPersistence } from './persistence/persistence';
import type { ResolvedArgoWorkflows } from './plan';
import { AuthMode, ResolvedServer, SERVER_NAME } from './server';
import type { ResolvedStorage } from './storage/storage';
import { ResolvedWorkflowRestrictions, restrictionsOfNamespace } from './templates/workflow-restrictions';
import type { ResolvedWorkflowNamespace } from './workflow-namespaces';

/** The features that add to workflow namespaces directly: identities, the token Secret, the example template. */
export interface NamespaceFeatures {
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

/** The NetworkPolicies, from the plan's endpoints, flows and exposure. */
export function networkPlan(p: Omit<ResolvedArgoWorkflows, 'networkPolicies'>, settings: ResolvedNetworkSettings) {
  return resolveNetworkPolicies({ namespace: p.namespace, workflowNamespaces: p.workflowNamespaces, endpoints: p.endpoints, flows: p.flows, exposure: p.exposure, settings });
}

/** argo-server's auth modes as given (the auth feature has checked them), when no SSO or token login adds to them. */
export const serverAuthModes = (props: ArgoWorkflowsProps): AuthMode[] => (Array.isArray(props.server?.authModes) ? props.server.authModes as AuthMode[] : [AuthMode.CLIENT]);

/** Where argo-server is reached, from the exposure feature (its defaults when the exposure options are invalid: they are reported there). */
export function authContext(exposure: ResolvedExposure | undefined): AuthContext {
  if (!exposure) return { baseHref: '/', secure: true, exposed: false };
  const unknown = exposure.kind === 'ingress' && !exposure.publicUrl ? { publicUrlUnknown: 'server.exposure is an Ingress with IngressTls.none() (TLS ends before it, or nowhere)' } : {};
  return { baseHref: exposure.baseHref, secure: exposure.secure, exposed: exposure.exposed, ...(exposure.publicUrl ? { publicUrl: exposure.publicUrl } : {}), ...unknown };
}

/** The accounts are argo-server's: none without it. */
export const authPlan = (auth: ResolvedAuth | undefined, server: ResolvedServer | undefined) => (auth && server ? { auth } : {});

/** The plan's common part, from the install, the controller, argo-server and the features' contributions. */
export function assemblePlan(
  install: ResolvedInstall, controller: ResolvedController, server: ResolvedServer | undefined, workflowNamespaces: ResolvedWorkflowNamespace[],
  persistence: ResolvedPersistence | undefined, storage: ResolvedStorage, contributions: readonly Contributions[], features: NamespaceFeatures,
): Omit<ResolvedArgoWorkflows, 'jobs' | 'exposure' | 'rbac' | 'metrics' | 'networkPolicies'> {
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
    flows: uniqueFlows([...installFlows({ server: server !== undefined, crdInstaller: install.crds === CrdMode.INSTALLER, workflowNamespaces: namespaces.map((n) => n.name) }), ...contributions.flatMap((c) => c.flows ?? [])]
      .filter((f) => server || !('component' in f.from && f.from.component === Component.SERVER))),
  };
}

/** Each connection once (two features may need the same one, e.g. Prometheus scraping): the first feature's purpose is kept. */
function uniqueFlows(flows: readonly Flow[]): Flow[] {
  const seen = new Set<string>();
  return flows.filter((f) => {
    const key = JSON.stringify([f.from, f.to, f.port]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
