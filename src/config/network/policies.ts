/**
 * The NetworkPolicies of an install as plan data, computed from its endpoints and flows: a
 * default-deny (ingress and egress) in the install namespace and in every workflow namespace, then
 * one policy per group of pods (a component, a Job, the workflow pods of a namespace) that allows
 * exactly the flows that start or end there. Pure: the construct renders what this returns.
 */
import { isIP } from 'node:net';
import { Component, Endpoint, ExternalDestination, ExternalPeer, ExternalTarget, Flow, FlowSource, isExternalTarget, JobName, portOf } from '../endpoints';
import type { ResolvedExposure } from '../exposure/resolved';
import type { PeerSelector, ResolvedNetworkSettings } from './options';

/** A Kubernetes label selector. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; readonly values?: readonly string[] }[];
}

/** One peer of a rule: pods (by namespace and pod labels) or an address range. */
export interface PolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

/** A port of a rule. */
export interface PolicyPort {
  readonly protocol: 'TCP' | 'UDP';
  readonly port: number;
}

/** One rule: any of `peers` (every peer when empty) on any of `ports` (every port when empty). */
export interface PolicyRule {
  readonly peers: readonly PolicyPeer[];
  readonly ports: readonly PolicyPort[];
}

/** One NetworkPolicy. */
export interface ResolvedNetworkPolicy {
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly ('Ingress' | 'Egress')[];
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

/** The NetworkPolicies of the install and the settings they were made with. */
export interface ResolvedNetworkPolicies {
  readonly settings: ResolvedNetworkSettings;
  /** Empty when `networkPolicies.enabled` is false. */
  readonly policies: ResolvedNetworkPolicy[];
}

/** What the policies are computed from: the plan's endpoints, flows and exposure. */
export interface NetworkPlanInput {
  /** The install namespace. */
  readonly namespace: string;
  readonly workflowNamespaces: readonly { readonly name: string }[];
  readonly endpoints: readonly Endpoint[];
  readonly flows: readonly Flow[];
  readonly exposure: Pick<ResolvedExposure, 'kind' | 'ingress' | 'gateway' | 'service'>;
  readonly settings: ResolvedNetworkSettings;
}

/** The name of the default-deny policy in each namespace. */
export const DEFAULT_DENY_POLICY = 'argo-stack-default-deny';
/** The name of the policy of the workflow pods in each workflow namespace. */
export const WORKFLOW_PODS_POLICY = 'argo-workflow-pods';
/** Every pod Argo creates for a workflow (steps, agents, artifact GC) carries this label. */
export const WORKFLOW_POD_LABEL = 'workflows.argoproj.io/workflow';
/** The label Kubernetes puts on every namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const EVERYWHERE = ['0.0.0.0/0', '::/0'];
const DNS_PORT = 53;

/** The pods a policy selects: the ones of a component, a Job, or the workflow pods of a namespace. */
interface PodGroup {
  readonly name: string;
  readonly namespace: string;
  readonly selector: LabelSelector;
}

/** The ingress controllers' own namespaces and pod labels, as their charts install them. */
const INGRESS_CONTROLLER_PEERS: Record<string, PeerSelector> = {
  'nginx': { namespaceSelector: { [NAMESPACE_NAME_LABEL]: 'ingress-nginx' }, podSelector: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  'traefik': { namespaceSelector: { [NAMESPACE_NAME_LABEL]: 'traefik' }, podSelector: { 'app.kubernetes.io/name': 'traefik' } },
  'traefik-v1': { namespaceSelector: { [NAMESPACE_NAME_LABEL]: 'traefik' }, podSelector: { 'app.kubernetes.io/name': 'traefik' } },
};
/** Prometheus when a flow needs it and `networkPolicies.prometheus` is not set: kube-prometheus-stack's usual namespace. */
const DEFAULT_PROMETHEUS: PeerSelector = { namespaceSelector: { [NAMESPACE_NAME_LABEL]: 'monitoring' }, podSelector: {} };

const selectorPeer = (p: PeerSelector): PolicyPeer => ({ namespaceSelector: { matchLabels: p.namespaceSelector }, podSelector: { matchLabels: p.podSelector } });
const ipPeers = (cidrs: readonly string[]): PolicyPeer[] => cidrs.map((cidr) => ({ ipBlock: { cidr } }));
const hostPeers = (host: string | undefined): PolicyPeer[] => {
  const family = host === undefined ? 0 : isIP(host);
  return family ? [{ ipBlock: { cidr: `${host}/${family === 4 ? 32 : 128}` } }] : [];
};

/** Computes the policies; see the module comment. */
export function networkPolicyPlan(input: NetworkPlanInput): ResolvedNetworkPolicy[] {
  const builder = new PolicyBuilder(input);
  for (const flow of input.flows) builder.add(flow);
  return builder.policies();
}

class PolicyBuilder {
  private readonly groups = new Map<string, { group: PodGroup; ingress: PolicyRule[]; egress: PolicyRule[] }>();

  constructor(private readonly input: NetworkPlanInput) {}

  add(flow: Flow): void {
    const from = this.sourceGroup(flow.from);
    if (isExternalTarget(flow.to)) {
      if (from) this.rule(from, 'egress', this.externalRule(flow.to));
      return;
    }
    const endpoint = this.endpoint(flow.to);
    const to: PodGroup = { name: endpoint.name, namespace: endpoint.namespace, selector: { matchLabels: endpoint.selector } };
    const ports: PolicyPort[] = [{ protocol: 'TCP', port: portOf(endpoint, flow.port).containerPort }];
    if (from) this.rule(from, 'egress', { peers: [peerOf(to, from.namespace)], ports });
    this.rule(to, 'ingress', { peers: from ? [peerOf(from, to.namespace)] : this.externalPeers(flow.from as { external: ExternalPeer }), ports });
  }

  policies(): ResolvedNetworkPolicy[] {
    const namespaces = [...new Set([this.input.namespace, ...this.input.workflowNamespaces.map((n) => n.name)])];
    const deny = namespaces.map((namespace): ResolvedNetworkPolicy => ({ name: DEFAULT_DENY_POLICY, namespace, podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] }));
    const own = [...this.groups.values()].map(({ group, ingress, egress }): ResolvedNetworkPolicy => ({
      name: group.name, namespace: group.namespace, podSelector: group.selector,
      policyTypes: [...(ingress.length ? ['Ingress' as const] : []), ...(egress.length ? ['Egress' as const] : [])],
      ingress, egress,
    }));
    return [...deny, ...own];
  }

  private endpoint(component: Component): Endpoint {
    const e = this.input.endpoints.find((x) => x.component === component);
    if (!e) throw new Error(`a flow goes to ${component}, which the plan does not run`);
    return e;
  }

  /** The pods a flow starts from, when they are the install's (peers outside it get no policy of ours). */
  private sourceGroup(from: FlowSource): PodGroup | undefined {
    if ('component' in from) {
      const e = this.endpoint(from.component);
      return { name: e.name, namespace: e.namespace, selector: { matchLabels: e.selector } };
    }
    if ('job' in from) return jobGroup(from.job, this.input.namespace);
    if ('workflowPods' in from) {
      return { name: WORKFLOW_PODS_POLICY, namespace: from.workflowPods, selector: { matchExpressions: [{ key: WORKFLOW_POD_LABEL, operator: 'Exists' }] } };
    }
    return undefined;
  }

  private externalPeers(from: { external: ExternalPeer }): PolicyPeer[] {
    const { settings, exposure, namespace } = this.input;
    switch (from.external) {
      case ExternalPeer.INGRESS_CONTROLLER:
        return [selectorPeer(settings.ingressController ?? INGRESS_CONTROLLER_PEERS[exposure.ingress?.controller ?? 'nginx'])];
      case ExternalPeer.GATEWAY: {
        const ns = exposure.gateway?.parentRefs.find((r) => r.namespace)?.namespace ?? namespace;
        return [selectorPeer(settings.gateway ?? { namespaceSelector: { [NAMESPACE_NAME_LABEL]: ns }, podSelector: {} })];
      }
      case ExternalPeer.LOAD_BALANCER:
        return ipPeers(exposure.service.loadBalancerSourceRanges ?? EVERYWHERE);
      default:
        return [selectorPeer(settings.prometheus ?? DEFAULT_PROMETHEUS)];
    }
  }

  private externalRule(to: ExternalDestination): PolicyRule {
    const { settings } = this.input;
    switch (to.external) {
      case ExternalTarget.API_SERVER:
        return { peers: ipPeers(settings.apiServer.cidrs), ports: settings.apiServer.ports.map((port) => ({ protocol: 'TCP', port })) };
      case ExternalTarget.DNS:
        return { peers: [selectorPeer(settings.dns)], ports: [{ protocol: 'UDP', port: DNS_PORT }, { protocol: 'TCP', port: DNS_PORT }] };
      case ExternalTarget.INTERNET:
        return { peers: ipPeers(to.cidrs ?? EVERYWHERE), ports: [] };
      default:
        return { peers: to.cidrs ? ipPeers(to.cidrs) : hostPeers(to.host), ports: to.port !== undefined ? [{ protocol: 'TCP', port: to.port }] : [] };
    }
  }

  /** Adds a rule to a group's policy: to the rule with the same peers when there is one, else as a new rule. */
  private rule(group: PodGroup, direction: 'ingress' | 'egress', rule: PolicyRule): void {
    const key = `${group.namespace}/${group.name}`;
    const entry = this.groups.get(key) ?? { group, ingress: [], egress: [] };
    this.groups.set(key, entry);
    const rules = entry[direction];
    const peers = JSON.stringify(rule.peers);
    const i = rules.findIndex((r) => JSON.stringify(r.peers) === peers);
    if (i < 0) { rules.push(rule); return; }
    const existing = rules[i];
    // A rule with every port stays so; otherwise the ports are joined.
    if (existing.ports.length === 0 || rule.ports.length === 0) { rules[i] = { peers: existing.peers, ports: [] }; return; }
    const ports = [...existing.ports];
    for (const p of rule.ports) if (!ports.some((q) => q.port === p.port && q.protocol === p.protocol)) ports.push(p);
    rules[i] = { peers: existing.peers, ports };
  }
}

/** A Job's pods, by the `app` label argo-stack gives them, in the install namespace. */
function jobGroup(job: JobName, namespace: string): PodGroup {
  return { name: job, namespace, selector: { matchLabels: { app: job } } };
}

/** A group as a peer of a policy in `namespace`: by pod labels alone in the same namespace, else with its namespace's name. */
function peerOf(group: PodGroup, namespace: string): PolicyPeer {
  if (group.namespace === namespace) return { podSelector: group.selector };
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: group.namespace } }, podSelector: group.selector };
}
