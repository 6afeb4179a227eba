/**
 * `networkPolicies`: where the peers outside the plan are (the API server, DNS, the Ingress
 * controller, the Gateway, Prometheus) and what workflow pods may reach beyond the install. The
 * policies themselves are computed from the plan's endpoints and flows (`policies.ts`).
 */
import { Checker, optionKeys } from '../check';
import { conflict, invalid } from '../errors';
import { isCidr } from '../exposure/cidr';
import type { ExposureKind } from '../exposure/exposure';

/** Pods outside the install, by the labels of their namespace and, optionally, their own. */
export interface PeerSelectorOptions {
  /**
   * Labels of the peer's namespace (`matchLabels`), e.g. `{ "kubernetes.io/metadata.name": "ingress-nginx" }`.
   * Must not be empty: an empty selector matches every namespace.
   */
  readonly namespaceSelector: Record<string, string>;
  /** Labels of the peer's pods (`matchLabels`). @default - every pod of the selected namespaces */
  readonly podSelector?: Record<string, string>;
}

/** Where the Kubernetes API server is. */
export interface ApiServerOptions {
  /**
   * The API server's addresses (its endpoints, not the `kubernetes` Service's ClusterIP: most CNIs
   * apply policies after the Service address is translated), e.g. `["172.18.0.2/32"]`.
   * @default - any address on `ports` (the addresses are not known when the manifests are made)
   */
  readonly cidrs?: string[];
  /** The TCP ports the API server listens on (after the Service translation). @default [443, 6443] */
  readonly ports?: number[];
}

/** What workflow pods may reach beyond the install (DNS, the API server, MinIO and the artifact stores are always allowed). */
export interface WorkflowEgressOptions {
  /** Any address outside the cluster, on any port (`0.0.0.0/0` and `::/0`): for steps that download or call services. @default false */
  readonly internet?: boolean;
  /** These address ranges, on any port, e.g. a corporate network `["10.20.0.0/16"]`. @default - none */
  readonly cidrs?: string[];
}

/** Options of the NetworkPolicies argo-stack writes (default-deny, then exactly the needed flows). */
export interface NetworkPolicyOptions {
  /** Write NetworkPolicies. @default true */
  readonly enabled?: boolean;
  /** Where the Kubernetes API server is. @default - any address on ports 443 and 6443 */
  readonly apiServer?: ApiServerOptions;
  /** Where the cluster DNS runs. @default { namespaceSelector: { "kubernetes.io/metadata.name": "kube-system" }, podSelector: { "k8s-app": "kube-dns" } } */
  readonly dns?: PeerSelectorOptions;
  /**
   * The pods of the Ingress controller that forward to argo-server (with `Exposure.ingress`).
   * @default - ingress-nginx: namespace `ingress-nginx`, pods `app.kubernetes.io/name: ingress-nginx`; Traefik: namespace `traefik`, pods `app.kubernetes.io/name: traefik`
   */
  readonly ingressController?: PeerSelectorOptions;
  /**
   * The pods of the Gateway implementation that forward to argo-server (with `Exposure.gateway`).
   * @default - every pod of the first parent Gateway's namespace (the install namespace when the parentRef names none)
   */
  readonly gateway?: PeerSelectorOptions;
  /** Prometheus, which may then scrape the controller's metrics (9090) and argo-server's (`web`, 2746). @default - no scraping allowed */
  readonly prometheus?: PeerSelectorOptions;
  /** What workflow pods may reach beyond the install. @default - nothing beyond DNS, the API server, MinIO and the artifact stores */
  readonly workflowEgress?: WorkflowEgressOptions;
}

/** A peer selector, resolved. */
export interface PeerSelector {
  readonly namespaceSelector: Record<string, string>;
  readonly podSelector: Record<string, string>;
}

/** The network settings, every default filled in (the Ingress controller's and Gateway's defaults come from the exposure). */
export interface ResolvedNetworkSettings {
  readonly enabled: boolean;
  readonly apiServer: { readonly cidrs: string[]; readonly ports: number[] };
  readonly dns: PeerSelector;
  readonly ingressController?: PeerSelector;
  readonly gateway?: PeerSelector;
  readonly prometheus?: PeerSelector;
  readonly workflowEgress: { readonly internet: boolean; readonly cidrs: string[] };
}

export const NETWORK_POLICY_KEYS = optionKeys<NetworkPolicyOptions>()(['enabled', 'apiServer', 'dns', 'ingressController', 'gateway', 'prometheus', 'workflowEgress']);
const PEER_KEYS = optionKeys<PeerSelectorOptions>()(['namespaceSelector', 'podSelector']);
const API_SERVER_KEYS = optionKeys<ApiServerOptions>()(['cidrs', 'ports']);
const WORKFLOW_EGRESS_KEYS = optionKeys<WorkflowEgressOptions>()(['internet', 'cidrs']);

/** The API server's ports by default: the `kubernetes` Service's and kubeadm's (and most managed clusters') endpoint port. */
export const DEFAULT_API_SERVER_PORTS: readonly number[] = [443, 6443];
/** CoreDNS and kube-dns keep the `k8s-app: kube-dns` label in `kube-system`. */
export const DEFAULT_DNS: PeerSelector = { namespaceSelector: { 'kubernetes.io/metadata.name': 'kube-system' }, podSelector: { 'k8s-app': 'kube-dns' } };

/** What a peer is, for the messages of an empty namespace selector. */
const PEER_ROLES: Record<string, { reaches: string; example: string }> = {
  dns: { reaches: 'every pod argo-stack runs would send its DNS queries to pods of any namespace', example: 'kube-system' },
  ingressController: { reaches: 'pods of any namespace could reach argo-server', example: 'ingress-nginx' },
  gateway: { reaches: 'pods of any namespace could reach argo-server', example: 'envoy-gateway-system' },
  prometheus: { reaches: 'pods of any namespace could reach the metrics ports', example: 'monitoring' },
};

function checkPeer(c: Checker, field: keyof typeof PEER_ROLES, value: unknown): PeerSelector | undefined {
  if (value === undefined) return undefined;
  const p = c.child(field);
  const role = PEER_ROLES[field];
  const example = `{ "kubernetes.io/metadata.name": "${role.example}" }`;
  const o = p.object(value, `{ namespaceSelector: ${example} }`);
  p.known(o, PEER_KEYS);
  if (o.namespaceSelector === undefined) {
    throw conflict(`${p.at('namespaceSelector')} is missing: the policy must say which namespace the peer runs in`, `give the namespace's labels, e.g. ${example}`);
  }
  const namespaceSelector = p.labels('namespaceSelector', o.namespaceSelector, example)!;
  if (Object.keys(namespaceSelector).length === 0) {
    throw conflict(`${p.at('namespaceSelector')} is empty: an empty selector matches every namespace, so ${role.reaches}`, `select the peer's namespace, e.g. ${example}`);
  }
  const podSelector = p.labels('podSelector', o.podSelector, '{ "app.kubernetes.io/name": "ingress-nginx" }') ?? {};
  return { namespaceSelector: { ...namespaceSelector }, podSelector: { ...podSelector } };
}

/** A list of CIDRs (IPv4 or IPv6, with a prefix length). */
function checkCidrs(c: Checker, field: string, value: unknown, example: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(c.at(field), value, 'it must be a list of CIDRs', `give a list, e.g. ["${example}"]`);
  value.forEach((cidr: unknown, i) => {
    if (!isCidr(cidr)) {
      const ip = typeof cidr === 'string' && !cidr.includes('/') ? `${cidr}/${cidr.includes(':') ? 128 : 32}` : example;
      throw invalid(`${c.at(field)}[${i}]`, cidr, 'it must be a CIDR: an IPv4 or IPv6 address and a prefix length, like "10.0.0.0/16"', `write it in CIDR notation, e.g. "${ip}"`);
    }
  });
  return [...(value as string[])];
}

function checkApiServer(c: Checker, value: unknown): ResolvedNetworkSettings['apiServer'] {
  if (value === undefined) return { cidrs: [], ports: [...DEFAULT_API_SERVER_PORTS] };
  const a = c.child('apiServer');
  const o = a.object(value, '{ cidrs: ["172.18.0.2/32"], ports: [6443] }');
  a.known(o, API_SERVER_KEYS);
  const cidrs = checkCidrs(a, 'cidrs', o.cidrs, '172.18.0.2/32');
  if (o.ports === undefined) return { cidrs, ports: [...DEFAULT_API_SERVER_PORTS] };
  if (!Array.isArray(o.ports) || o.ports.length === 0) throw invalid(a.at('ports'), o.ports, 'it must list at least one TCP port', 'give the ports, e.g. [443, 6443]');
  o.ports.forEach((p: unknown, i) => a.int(`ports[${i}]`, p, 1, 'use a port from 1 to 65535, e.g. 6443', 65535));
  return { cidrs, ports: [...new Set(o.ports as number[])] };
}

function checkWorkflowEgress(c: Checker, value: unknown): ResolvedNetworkSettings['workflowEgress'] {
  if (value === undefined) return { internet: false, cidrs: [] };
  const w = c.child('workflowEgress');
  const o = w.object(value, '{ internet: true }');
  w.known(o, WORKFLOW_EGRESS_KEYS);
  return { internet: w.bool('internet', o.internet) ?? false, cidrs: checkCidrs(w, 'cidrs', o.cidrs, '10.20.0.0/16') };
}

/** What the options are checked against. */
export interface NetworkOptionsContext {
  /** How argo-server is exposed (`cluster-ip` without argo-server). */
  readonly exposure: ExposureKind;
  /** Whether any namespace runs workflows. */
  readonly workflowNamespaces: boolean;
}

/** A peer given for an exposure the install does not use would be silently ignored. */
function rejectUnused(o: Record<string, unknown>, ctx: NetworkOptionsContext): void {
  if (o.ingressController !== undefined && ctx.exposure !== 'ingress') {
    throw conflict('networkPolicies.ingressController is set but argo-server is not exposed through an Ingress, so no Ingress controller connects to it', 'remove networkPolicies.ingressController, or set server.exposure to Exposure.ingress(...)');
  }
  if (o.gateway !== undefined && ctx.exposure !== 'gateway') {
    throw conflict('networkPolicies.gateway is set but argo-server is not exposed through a Gateway, so no Gateway connects to it', 'remove networkPolicies.gateway, or set server.exposure to Exposure.gateway(...)');
  }
  if (o.workflowEgress !== undefined && !ctx.workflowNamespaces) {
    throw conflict('networkPolicies.workflowEgress is set but there is no workflow namespace, so no workflow pod to give it to', 'add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }], or remove networkPolicies.workflowEgress');
  }
}

/** Validates `networkPolicies` and fills in every default. */
export function resolveNetworkSettings(value: unknown, ctx: NetworkOptionsContext): ResolvedNetworkSettings {
  const c = new Checker('networkPolicies');
  const o = value === undefined ? {} : c.object(value, '{ apiServer: { cidrs: ["172.18.0.2/32"] } }');
  c.known(o, NETWORK_POLICY_KEYS);
  const enabled = c.bool('enabled', o.enabled) ?? true;
  const other = NETWORK_POLICY_KEYS.find((k) => k !== 'enabled' && o[k] !== undefined);
  if (!enabled && other) {
    throw conflict(`networkPolicies.${other} is set but networkPolicies.enabled is false: no NetworkPolicy is written`, `remove networkPolicies.${other}, or remove enabled: false`);
  }
  rejectUnused(o, ctx);
  const peers = {
    ingressController: checkPeer(c, 'ingressController', o.ingressController),
    gateway: checkPeer(c, 'gateway', o.gateway),
    prometheus: checkPeer(c, 'prometheus', o.prometheus),
  };
  return {
    enabled,
    apiServer: checkApiServer(c, o.apiServer),
    dns: checkPeer(c, 'dns', o.dns) ?? DEFAULT_DNS,
    ...Object.fromEntries(Object.entries(peers).filter(([, v]) => v !== undefined)),
    workflowEgress: checkWorkflowEgress(c, o.workflowEgress),
  };
}
