/**
 * The picture of an install: a Mermaid `flowchart` of the components of one or more plans and the
 * connections between them, drawn from the plans' `endpoints` and `flows` (the data the
 * NetworkPolicies read), so the diagram shows exactly the traffic the install allows. Plain syntax
 * only (`flowchart LR`, `subgraph ... end`, `-->|label|`, quoted labels), which GitHub and GitLab
 * render.
 */
import { Component, Endpoint, ExternalDestination, ExternalPeer, ExternalTarget, Flow, FlowSource, FlowTarget, isExternalTarget } from '../config/endpoints';
import type { ResolvedArgoWorkflows } from '../config/plan';

/** How each peer outside the plan is named in the diagram. */
const EXTERNAL_LABELS: Readonly<Record<string, string>> = {
  [ExternalPeer.INGRESS_CONTROLLER]: 'Ingress controller',
  [ExternalPeer.GATEWAY]: 'Gateway',
  [ExternalPeer.LOAD_BALANCER]: 'LoadBalancer clients',
  [ExternalPeer.PROMETHEUS]: 'Prometheus',
  [ExternalTarget.API_SERVER]: 'Kubernetes API',
  [ExternalTarget.DNS]: 'cluster DNS',
  [ExternalTarget.INTERNET]: 'internet',
  [ExternalTarget.DATABASE]: 'database',
  [ExternalTarget.OBJECT_STORE]: 'object store',
  [ExternalTarget.SSO_ISSUER]: 'SSO issuer',
};

/** The label of a destination outside the plan: what it is, and its host when known. */
export const destinationLabel = (to: ExternalDestination): string => (to.host ? `${externalLabel(to.external)} ${to.host}` : externalLabel(to.external));

/** The label of an external peer (its value when it has no label of its own). */
export const externalLabel = (peer: string): string => EXTERNAL_LABELS[peer] ?? peer;

/** A node of the diagram: where it is drawn and what it says. */
interface Node {
  readonly id: string;
  /** The namespace whose subgraph holds it, or undefined: outside every namespace. */
  readonly namespace?: string;
  /** Lines of its label, unescaped. */
  readonly lines: readonly string[];
}

/** Words Mermaid reads as syntax, which a node id may not be. */
const RESERVED = new Set(['end', 'subgraph', 'graph', 'flowchart', 'direction', 'style', 'class', 'classdef', 'click', 'linkstyle', 'default', 'call', 'href']);

/** A Mermaid identifier made of `parts`: letters, digits and `_`, starting with a letter. */
export function mermaidId(...parts: string[]): string {
  const id = parts.map((p) => p.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')).filter((p) => p !== '').join('_');
  const safe = /^[A-Za-z]/.test(id) ? id : `n_${id}`;
  return RESERVED.has(safe.toLowerCase()) ? `n_${safe}` : safe;
}

/**
 * Text for a quoted Mermaid label: `"`, `#`, `<`, `>`, `|` and backquotes become entity codes, so no
 * label can end its quotes, start HTML or a Markdown string; line breaks become spaces.
 */
export function mermaidText(text: string): string {
  const codes: Readonly<Record<string, string>> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '|': '#124;', '`': '#96;' };
  return text.replace(/[\r\n]+/g, ' ').replace(/[#"<>|`]/g, (ch) => codes[ch]);
}

/** A quoted label of one or more lines. */
const label = (lines: readonly string[]): string => `"${lines.map(mermaidText).join('<br/>')}"`;

/** The nodes of a diagram, each with a unique id, in the order they were first met. */
class Nodes {
  private readonly byKey = new Map<string, Node>();
  private readonly used = new Set<string>();

  /** The node for `key`, created with `make` the first time. */
  public get(key: string, base: string, make: (id: string) => Node): Node {
    const known = this.byKey.get(key);
    if (known) return known;
    const node = make(this.newId(base));
    this.byKey.set(key, node);
    return node;
  }

  /** An id no node or subgraph has yet: `base`, else `base_2`, `base_3`, ... */
  public newId(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }

  public all(): Node[] {
    return [...this.byKey.values()];
  }
}

/** `metrics 9090 HTTPS`: a port as a node's label shows it. */
const portText = (p: Endpoint['ports'][number]) => `${p.name} ${p.containerPort}${p.scheme ? ` ${p.scheme}` : ''}`;

/** The node of an endpoint. */
function endpointNode(nodes: Nodes, e: Endpoint): Node {
  return nodes.get(`endpoint\0${e.namespace}\0${e.name}`, mermaidId(e.namespace, e.name), (id) => ({
    id, namespace: e.namespace, lines: [e.name, e.ports.map(portText).join(', ')].filter((l) => l !== ''),
  }));
}

/** The node of the workflow pods of a namespace. */
const workflowPodsNode = (nodes: Nodes, namespace: string): Node =>
  nodes.get(`workflow-pods\0${namespace}`, mermaidId(namespace, 'workflow_pods'), (id) => ({ id, namespace, lines: ['workflow pods'] }));

/** The node of a one-shot Job of the install, in the install namespace. */
const jobNode = (nodes: Nodes, namespace: string, job: string): Node =>
  nodes.get(`job\0${namespace}\0${job}`, mermaidId(namespace, `job_${job}`), (id) => ({ id, namespace, lines: [`Job ${job}`] }));

/** The node of a peer outside the plan. */
const externalNode = (nodes: Nodes, peer: string): Node =>
  nodes.get(`external\0${peer}`, mermaidId('external', peer), (id) => ({ id, lines: [externalLabel(peer)] }));

/** The node a flow reaches: a component's endpoint in the plan, or a destination outside every namespace. */
function targetNode(nodes: Nodes, plan: ResolvedArgoWorkflows, to: FlowTarget): Node {
  if (isExternalTarget(to)) return externalNode(nodes, destinationLabel(to));
  return componentNode(nodes, plan, to);
}

/** The node of a component: its endpoint in the plan, else a node outside every namespace. */
function componentNode(nodes: Nodes, plan: ResolvedArgoWorkflows, component: Component): Node {
  const endpoint = plan.endpoints.find((e) => e.component === component);
  if (endpoint) return endpointNode(nodes, endpoint);
  return nodes.get(`component\0${String(component)}`, mermaidId('outside', String(component)), (id) => ({ id, lines: [String(component)] }));
}

/** The node of a flow's source. */
function sourceNode(nodes: Nodes, plan: ResolvedArgoWorkflows, from: FlowSource): Node {
  if ('component' in from) return componentNode(nodes, plan, from.component);
  if ('workflowPods' in from) return workflowPodsNode(nodes, from.workflowPods);
  if ('job' in from) return jobNode(nodes, plan.namespace, from.job);
  return externalNode(nodes, String(from.external));
}

/** `postgres 5432`: the port a flow reaches, by name and number when the endpoint (or the destination) has it. */
export function flowPort(plan: ResolvedArgoWorkflows, flow: Flow): string {
  const to = flow.to;
  if (isExternalTarget(to)) return to.port !== undefined ? `${flow.port} ${to.port}` : flow.port;
  const port = plan.endpoints.find((e) => e.component === to)?.ports.find((p) => p.name === flow.port);
  return port ? `${port.name} ${port.containerPort}` : flow.port;
}

/** One arrow: from, to, label. */
type Edge = readonly [string, string, string];

/** The edges of every flow of every plan, each (from, to, port) once. */
function edgesOf(nodes: Nodes, plans: readonly ResolvedArgoWorkflows[]): Edge[] {
  const edges = new Map<string, Edge>();
  for (const plan of plans) {
    for (const flow of plan.flows) {
      const edge: Edge = [sourceNode(nodes, plan, flow.from).id, targetNode(nodes, plan, flow.to).id, flowPort(plan, flow)];
      edges.set(edge.join('\0'), edge);
    }
  }
  return [...edges.values()];
}

/**
 * The Mermaid flowchart of the installs: a subgraph per namespace with its components (each
 * endpoint, and the workflow pods of each workflow namespace), the peers outside the plan, and an
 * arrow per allowed flow labelled with the port. Deterministic: plans, endpoints and flows in order.
 */
export function flowchart(plans: readonly ResolvedArgoWorkflows[]): string {
  const nodes = new Nodes();
  for (const plan of plans) {
    for (const e of plan.endpoints) endpointNode(nodes, e);
    for (const n of plan.workflowNamespaces) workflowPodsNode(nodes, n.name);
  }
  const edges = edgesOf(nodes, plans);
  const all = nodes.all();
  const namespaces = [...new Set(all.flatMap((n) => (n.namespace === undefined ? [] : [n.namespace])))];
  const nodeLine = (n: Node, indent: string) => `${indent}${n.id}[${label(n.lines)}]`;
  const lines = ['flowchart LR'];
  for (const n of all.filter((x) => x.namespace === undefined)) lines.push(nodeLine(n, '  '));
  for (const ns of namespaces) {
    lines.push(`  subgraph ${nodes.newId(mermaidId('ns', ns))}[${label([`namespace ${ns}`])}]`);
    for (const n of all.filter((x) => x.namespace === ns)) lines.push(nodeLine(n, '    '));
    lines.push('  end');
  }
  for (const [from, to, text] of edges) lines.push(`  ${from} -->|${label([text])}| ${to}`);
  return `${lines.join('\n')}\n`;
}
