/**
 * The network feature: validates `networkPolicies`, contributes the flows its options cause
 * (Prometheus scraping, the workflow pods' extra egress), and computes the NetworkPolicies from the
 * plan's endpoints and flows once every feature has contributed (`networkPolicyPlan`).
 */
import type { Feature } from '../contributions';
import { Component, ExternalPeer, ExternalTarget, Flow } from '../endpoints';
import { NetworkOptionsContext, ResolvedNetworkSettings, resolveNetworkSettings } from './options';
import { NetworkPlanInput, networkPolicyPlan, ResolvedNetworkPolicies } from './policies';

export type { ApiServerOptions, NetworkPolicyOptions, PeerSelector, PeerSelectorOptions, ResolvedNetworkSettings, WorkflowEgressOptions } from './options';
export { DEFAULT_API_SERVER_PORTS, DEFAULT_DNS } from './options';
export type { LabelSelector, NetworkPlanInput, PolicyPeer, PolicyPort, PolicyRule, ResolvedNetworkPolicies, ResolvedNetworkPolicy } from './policies';
export { DEFAULT_DENY_POLICY, networkPolicyPlan, WORKFLOW_POD_LABEL, WORKFLOW_PODS_POLICY } from './policies';

/** What the feature needs of the install. */
export interface NetworkContext {
  /** How argo-server is exposed (`cluster-ip` without argo-server). */
  readonly exposure: NetworkOptionsContext['exposure'];
  /** Whether argo-server runs. */
  readonly server: boolean;
  /** The namespaces that run workflows. */
  readonly workflowNamespaces: readonly string[];
}

/** The flows the options cause: Prometheus scraping, and workflow pods reaching the internet or given ranges. */
function flowsOf(s: ResolvedNetworkSettings, ctx: NetworkContext): Flow[] {
  const scrape: Flow[] = s.prometheus ? [
    { from: { external: ExternalPeer.PROMETHEUS }, to: Component.CONTROLLER, port: 'metrics', purpose: 'scrape the controller\'s metrics' },
    ...(ctx.server ? [{ from: { external: ExternalPeer.PROMETHEUS }, to: Component.SERVER, port: 'web', purpose: 'scrape argo-server\'s /metrics' }] : []),
  ] : [];
  const egress = s.workflowEgress;
  const targets = [
    ...(egress.internet ? [{ external: ExternalTarget.INTERNET }] : []),
    ...(egress.cidrs.length ? [{ external: ExternalTarget.INTERNET, cidrs: egress.cidrs }] : []),
  ];
  const out = ctx.workflowNamespaces.flatMap((ns) => targets.map((to): Flow => ({
    from: { workflowPods: ns }, to, port: 'any', purpose: to.cidrs ? 'networkPolicies.workflowEgress.cidrs' : 'networkPolicies.workflowEgress.internet',
  })));
  return [...scrape, ...out];
}

/** Validates `networkPolicies`; contributes the flows it causes. */
export function resolveNetwork(options: unknown, ctx: NetworkContext): Feature<ResolvedNetworkSettings> {
  const resolved = resolveNetworkSettings(options, { exposure: ctx.exposure, workflowNamespaces: ctx.workflowNamespaces.length > 0 });
  return { resolved, contributes: { flows: flowsOf(resolved, ctx) } };
}

/** The NetworkPolicies of a plan (none when disabled). */
export function resolveNetworkPolicies(input: NetworkPlanInput): ResolvedNetworkPolicies {
  return { settings: input.settings, policies: input.settings.enabled ? networkPolicyPlan(input) : [] };
}
