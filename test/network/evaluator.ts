/**
 * A small NetworkPolicy evaluator with the semantics of `networking.k8s.io/v1` as the Kubernetes
 * documentation defines them and CNIs (Calico, Cilium) implement them:
 *
 * - a policy applies to the pods its `podSelector` selects in its own namespace;
 * - a pod is isolated for ingress (egress) when a policy that selects it has `Ingress` (`Egress`)
 *   among its `policyTypes` (when `policyTypes` is absent: `Ingress`, plus `Egress` when the policy
 *   has an `egress` section); an isolated pod accepts (opens) only what some selecting policy's
 *   rule allows; policies add up, none denies;
 * - a connection is allowed only when the source's egress AND the destination's ingress allow it;
 *   an address outside the cluster has no policies of its own;
 * - a rule without peers (or with an empty list) matches every peer, without ports every port;
 * - a peer is a `podSelector` (pods of the policy's namespace), a `namespaceSelector` (every pod of
 *   the selected namespaces), both (the selected pods of the selected namespaces), or an `ipBlock`
 *   (addresses in `cidr` and not in `except`; pod addresses included, as most CNIs do);
 * - a port is a number (with `endPort` a range) or the name of a container port of the destination
 *   pod; the protocol defaults to TCP.
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Labels = Readonly<Record<string, string>>;

export interface Selector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

export interface PolicyPeer {
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface PolicyPort {
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicy {
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: {
    readonly podSelector: Selector;
    readonly policyTypes?: readonly ('Ingress' | 'Egress')[];
    readonly ingress?: readonly { readonly from?: readonly PolicyPeer[]; readonly ports?: readonly PolicyPort[] }[];
    readonly egress?: readonly { readonly to?: readonly PolicyPeer[]; readonly ports?: readonly PolicyPort[] }[];
  };
}

/** A container port of a pod. */
export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: Protocol;
}

/** A pod (in a namespace) or an address outside the cluster (no namespace). */
export interface Host {
  readonly name: string;
  readonly ip: string;
  /** The pod's namespace; undefined for an address outside the cluster. */
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly ports: readonly ContainerPort[];
}

/** The cluster: its namespaces (name → labels) and policies. */
export interface Cluster {
  readonly namespaces: ReadonlyMap<string, Labels>;
  readonly policies: readonly NetworkPolicy[];
}

/** Whether a label selector selects these labels; `{}` selects everything. */
export function selects(s: Selector, labels: Labels): boolean {
  const byLabels = Object.entries(s.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return byLabels && (s.matchExpressions ?? []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
}

/** An IPv4 or IPv6 address as a number and its bit width. */
function parseIp(ip: string): { value: bigint; bits: number } {
  if (ip.includes(':')) {
    const [head, tail] = ip.split('::');
    const part = (s: string | undefined) => (s ? s.split(':') : []);
    const h = part(head), t = part(tail);
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    if (groups.length !== 8) throw new Error(`bad IPv6 address ${ip}`);
    return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n), bits: 128 };
  }
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255))) throw new Error(`bad IPv4 address ${ip}`);
  return { value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), bits: 32 };
}

/** Whether `ip` is in `cidr` (addresses of the other family never are). */
export function inCidr(ip: string, cidr: string): boolean {
  const [net, prefix] = cidr.split('/');
  const a = parseIp(ip), n = parseIp(net);
  if (a.bits !== n.bits) return false;
  const shift = BigInt(a.bits - Number(prefix));
  return a.value >> shift === n.value >> shift;
}

const policiesOf = (cluster: Cluster, pod: Host) =>
  pod.namespace === undefined ? [] : cluster.policies.filter((p) => p.metadata.namespace === pod.namespace && selects(p.spec.podSelector, pod.labels ?? {}));

function types(p: NetworkPolicy): readonly ('Ingress' | 'Egress')[] {
  return p.spec.policyTypes ?? ['Ingress', ...(p.spec.egress ? ['Egress' as const] : [])];
}

/** Whether a pod is isolated in a direction. */
export function isolated(cluster: Cluster, pod: Host, direction: 'Ingress' | 'Egress'): boolean {
  return policiesOf(cluster, pod).some((p) => types(p).includes(direction));
}

/** Whether `peer`, in a rule of a policy in `namespace`, matches `host`. */
function peerMatches(cluster: Cluster, peer: PolicyPeer, namespace: string, host: Host): boolean {
  if (peer.ipBlock) return inCidr(host.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(host.ip, e));
  if (host.namespace === undefined) return false;
  const nsOk = peer.namespaceSelector ? selects(peer.namespaceSelector, cluster.namespaces.get(host.namespace) ?? {}) : host.namespace === namespace;
  const podOk = peer.podSelector ? selects(peer.podSelector, host.labels ?? {}) : true;
  return nsOk && podOk;
}

/** Whether a rule's port entry matches a port of the destination. */
function portMatches(p: PolicyPort, dst: Host, port: number, protocol: Protocol): boolean {
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') return dst.ports.some((c) => c.name === p.port && c.containerPort === port && (c.protocol ?? 'TCP') === protocol);
  return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
}

const rulePorts = (ports: readonly PolicyPort[] | undefined, dst: Host, port: number, protocol: Protocol) =>
  !ports || ports.length === 0 || ports.some((p) => portMatches(p, dst, port, protocol));

/** Whether the destination's ingress admits the connection. */
export function ingressAllows(cluster: Cluster, src: Host, dst: Host, port: number, protocol: Protocol): boolean {
  const selecting = policiesOf(cluster, dst).filter((p) => types(p).includes('Ingress'));
  if (selecting.length === 0) return true;
  return selecting.some((p) => (p.spec.ingress ?? []).some((r) =>
    (!r.from || r.from.length === 0 || r.from.some((peer) => peerMatches(cluster, peer, p.metadata.namespace, src))) && rulePorts(r.ports, dst, port, protocol)));
}

/** Whether the source's egress lets the connection out. */
export function egressAllows(cluster: Cluster, src: Host, dst: Host, port: number, protocol: Protocol): boolean {
  const selecting = policiesOf(cluster, src).filter((p) => types(p).includes('Egress'));
  if (selecting.length === 0) return true;
  return selecting.some((p) => (p.spec.egress ?? []).some((r) =>
    (!r.to || r.to.length === 0 || r.to.some((peer) => peerMatches(cluster, peer, p.metadata.namespace, dst))) && rulePorts(r.ports, dst, port, protocol)));
}

/** Whether a connection from `src` to `dst` on `port`/`protocol` is allowed: egress of the source AND ingress of the destination. */
export function allowed(cluster: Cluster, src: Host, dst: Host, port: number, protocol: Protocol = 'TCP'): boolean {
  return egressAllows(cluster, src, dst, port, protocol) && ingressAllows(cluster, src, dst, port, protocol);
}
