/**
 * Every preset's NetworkPolicies, evaluated as a CNI would (`evaluator.ts`) over every pair of
 * hosts: the pods of the preset, workflow pods (steps, an agent, an artifact GC pod) in each
 * workflow namespace, a stray pod in each namespace argo-stack manages, an "other" pod in another
 * namespace, the Ingress controller, Gateway and Prometheus pods, CoreDNS, the API server, the
 * internet, LoadBalancer clients and the hosts outside the cluster the plan names. Every flow of
 * the plan is allowed; everything else is denied, except what a rule without peers lets out (a
 * port-only rule for the API server, whose address is unknown at synth) towards hosts that no
 * argo-stack policy guards, and traffic between hosts that no argo-stack policy guards at all.
 * And every policy selects at least one pod that exists.
 */
import { isIP } from 'node:net';
import { App, Chart } from 'cdk8s';
import { PRESETS } from '../../examples';
import { ExternalPeer, ExternalTarget, Flow, FlowTarget, isExternalTarget, portOf } from '../../src/config/endpoints';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import type { ResolvedArgoWorkflows } from '../../src/config/plan';
import { Exposure, IngressController, IngressTls } from '../../src/config/exposure';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { Credentials } from '../../src/config/credentials';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { allowed, Cluster, ContainerPort, Host, inCidr, isolated, NetworkPolicy, Protocol, selects } from './evaluator';

type K8sObject = { kind: string; metadata: { name: string; namespace?: string }; spec?: any };

const API: Host = { name: 'kubernetes-api', ip: '172.18.0.2', ports: [{ containerPort: 443 }, { containerPort: 6443 }] };
const INTERNET: Host = { name: 'internet', ip: '93.184.216.34', ports: [{ containerPort: 80 }, { containerPort: 443 }, { containerPort: 8080 }] };
const LB_CLIENT: Host = { name: 'lb-client', ip: '203.0.113.7', ports: [] };
const LB_OTHER_CLIENT: Host = { name: 'lb-client-elsewhere', ip: '198.18.0.9', ports: [] };
const DNS: Host = { name: 'coredns', namespace: 'kube-system', ip: '10.96.0.10', labels: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }] };
const OTHER: Host = { name: 'other', namespace: 'other', ip: '10.1.0.1', labels: { app: 'other' }, ports: [443, 2746, 5432, 8080, 9000, 9090].map((p) => ({ containerPort: p })) };
const PEERS: Record<string, Host> = {
  nginx: { name: 'ingress-nginx', namespace: 'ingress-nginx', ip: '10.2.0.1', labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ports: [{ containerPort: 443 }] },
  traefik: { name: 'traefik', namespace: 'traefik', ip: '10.2.0.2', labels: { 'app.kubernetes.io/name': 'traefik' }, ports: [{ containerPort: 8443 }] },
  prometheus: { name: 'prometheus', namespace: 'monitoring', ip: '10.2.0.3', labels: { 'app.kubernetes.io/name': 'prometheus' }, ports: [{ containerPort: 9090 }] },
};
const WORKFLOW_LABEL = 'workflows.argoproj.io/workflow';

/** The pods of the objects' workloads. */
function workloadPods(objs: readonly K8sObject[]): Host[] {
  const pods: Host[] = [];
  for (const o of objs) {
    const template = o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind) ? o.spec?.template : undefined;
    if (!template) continue;
    const ports: ContainerPort[] = (template.spec.containers ?? []).flatMap((c: { ports?: ContainerPort[] }) => c.ports ?? []);
    pods.push({ name: `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, namespace: o.metadata.namespace, labels: template.metadata?.labels ?? {}, ip: '', ports });
  }
  return pods;
}

/** Pods Argo creates in a workflow namespace, and a pod that is not argo-stack's in a namespace it manages. */
function syntheticPods(plan: ResolvedArgoWorkflows): Host[] {
  const wf = plan.workflowNamespaces.flatMap((n): Host[] => [
    { name: `workflow-step/${n.name}`, namespace: n.name, labels: { [WORKFLOW_LABEL]: 'hello-x1', 'workflows.argoproj.io/completed': 'false' }, ip: '', ports: [{ name: 'daemon', containerPort: 8080 }] },
    { name: `agent/${n.name}`, namespace: n.name, labels: { [WORKFLOW_LABEL]: 'hello-x1', 'workflows.argoproj.io/component': 'agent' }, ip: '', ports: [] },
    { name: `artifact-gc/${n.name}`, namespace: n.name, labels: { [WORKFLOW_LABEL]: 'hello-x1', 'workflows.argoproj.io/component': 'artifact-gc' }, ip: '', ports: [] },
  ]);
  const stray = managedNamespaces(plan).map((ns): Host => ({ name: `stray/${ns}`, namespace: ns, labels: { app: 'stray' }, ip: '', ports: [{ containerPort: 8080 }, { containerPort: 443 }] }));
  return [...wf, ...stray];
}

const managedNamespaces = (plan: ResolvedArgoWorkflows) => [...new Set([plan.namespace, ...plan.workflowNamespaces.map((n) => n.name)])];

function gatewayPeer(plan: ResolvedArgoWorkflows): Host {
  const g = plan.networkPolicies.settings.gateway;
  const ns = g ? g.namespaceSelector['kubernetes.io/metadata.name'] : plan.exposure.gateway!.parentRefs[0].namespace!;
  return { name: 'gateway-proxy', namespace: ns, ip: '10.2.0.4', labels: { ...(g?.podSelector ?? {}), app: 'proxy' }, ports: [{ containerPort: 10443 }] };
}

/** Hosts outside the cluster that flows name (databases, object stores, issuers), one address each. */
function externalHosts(flows: readonly Flow[]): Map<string, Host> {
  const out = new Map<string, Host>();
  for (const f of flows) {
    if (!isExternalTarget(f.to) || f.to.host === undefined) continue;
    const prev = out.get(f.to.host);
    const ports = [...(prev?.ports ?? []), ...(f.to.port !== undefined ? [{ containerPort: f.to.port }] : [{ containerPort: 8020 }, { containerPort: 9866 }])];
    out.set(f.to.host, { name: `host/${f.to.host}`, ip: prev?.ip ?? (isIP(f.to.host) ? f.to.host : `198.51.100.${out.size + 1}`), ports });
  }
  return out;
}

interface World {
  readonly hosts: Host[];
  readonly cluster: Cluster;
  readonly plans: ResolvedArgoWorkflows[];
  readonly policies: NetworkPolicy[];
  readonly managed: Set<string>;
  readonly external: Map<string, Host>;
}

function world(chart: Chart): World {
  const objs = chart.toJson() as K8sObject[];
  const plans = chart.node.findAll().filter((c): c is ArgoWorkflows => c instanceof ArgoWorkflows).map((a) => a.plan);
  const flows = plans.flatMap((p) => p.flows);
  const external = externalHosts(flows);
  const gateways = plans.filter((p) => p.exposure.kind === 'gateway').map(gatewayPeer);
  const pods = [...workloadPods(objs), ...plans.flatMap(syntheticPods), OTHER, DNS, ...Object.values(PEERS), ...gateways]
    .map((h, i) => ({ ...h, ip: h.ip || `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` }));
  const hosts = [...pods, API, INTERNET, LB_CLIENT, LB_OTHER_CLIENT, ...external.values()];
  const namespaces = new Map([...new Set(pods.map((p) => p.namespace!))].map((n) => [n, { 'kubernetes.io/metadata.name': n }]));
  const policies = objs.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicy[];
  return { hosts, cluster: { namespaces, policies }, plans, policies, managed: new Set(plans.flatMap(managedNamespaces)), external };
}

type Conn = `${string} -> ${string}:${number}/${Protocol}`;
const conn = (s: Host, d: Host, port: number, protocol: Protocol = 'TCP'): Conn => `${s.name} -> ${d.name}:${port}/${protocol}`;

const podsOf = (w: World, namespace: string, selector: Record<string, string>) =>
  w.hosts.filter((h) => h.namespace === namespace && selects({ matchLabels: selector }, h.labels ?? {}));

/** The hosts a flow starts from. */
function sources(w: World, plan: ResolvedArgoWorkflows, f: Flow): Host[] {
  const from = f.from;
  if ('component' in from) {
    const e = plan.endpoints.find((x) => x.component === from.component)!;
    return podsOf(w, e.namespace, e.selector);
  }
  if ('job' in from) return podsOf(w, plan.namespace, { app: from.job });
  if ('workflowPods' in from) return w.hosts.filter((h) => h.namespace === from.workflowPods && (h.labels ?? {})[WORKFLOW_LABEL] !== undefined);
  switch (from.external) {
    case ExternalPeer.INGRESS_CONTROLLER: return [PEERS[plan.exposure.ingress!.controller === 'nginx' ? 'nginx' : 'traefik']];
    case ExternalPeer.GATEWAY: return w.hosts.filter((h) => h.name === 'gateway-proxy');
    case ExternalPeer.PROMETHEUS: return [PEERS.prometheus];
    default: {
      // Any address in the source ranges: pods outside the install too (an ipBlock holds pod addresses on most CNIs).
      const ranges = plan.exposure.service.loadBalancerSourceRanges ?? ['0.0.0.0/0'];
      return w.hosts.filter((h) => (h.namespace === undefined || !w.managed.has(h.namespace)) && ranges.some((r) => inCidr(h.ip, r)));
    }
  }
}

/** The (host, port, protocol) a flow goes to. */
function targets(w: World, plan: ResolvedArgoWorkflows, to: FlowTarget, portName: string): [Host, number, Protocol][] {
  if (!isExternalTarget(to)) {
    const e = plan.endpoints.find((x) => x.component === to)!;
    const port = portOf(e, portName).containerPort;
    return podsOf(w, e.namespace, e.selector).map((h) => [h, port, 'TCP']);
  }
  const all = (h: Host): [Host, number, Protocol][] => h.ports.map((p) => [h, p.containerPort, p.protocol ?? 'TCP']);
  switch (to.external) {
    case ExternalTarget.API_SERVER: return all(API).filter(([, p]) => plan.networkPolicies.settings.apiServer.ports.includes(p));
    case ExternalTarget.DNS: return all(DNS);
    case ExternalTarget.INTERNET: {
      const cidrs = to.cidrs ?? ['0.0.0.0/0'];
      return w.hosts.filter((h) => cidrs.some((c) => inCidr(h.ip, c)) && (h.namespace === undefined || !w.managed.has(h.namespace))).flatMap(all);
    }
    default: {
      const h = w.external.get(to.host!)!;
      return all(h).filter(([, p]) => to.port === undefined || p === to.port);
    }
  }
}

/** Every connection the plans' flows need. */
function required(w: World): Set<Conn> {
  const out = new Set<Conn>();
  for (const plan of w.plans) {
    for (const f of plan.flows) {
      const ts = targets(w, plan, f.to, f.port);
      for (const s of sources(w, plan, f)) for (const [d, port, proto] of ts) if (s !== d) out.add(conn(s, d, port, proto));
    }
  }
  return out;
}

/**
 * What rules without pod peers let out beyond the flows: a source with a port-only rule (the API
 * server without `apiServer.cidrs`, an external host known by name) reaches that port of any host
 * that no argo-stack policy guards; a source with an address-range rule (`workflowEgress`) reaches
 * every host in the range that no argo-stack policy guards, and argo-server when its LoadBalancer
 * admits the source's address (the same traffic could go through the LoadBalancer).
 */
interface Reach { readonly ports: Map<string, Set<number | '*'>>; readonly cidrs: Map<string, string[]> }

function reachOf(w: World): Reach {
  const ports = new Map<string, Set<number | '*'>>();
  const cidrs = new Map<string, string[]>();
  for (const plan of w.plans) {
    for (const f of plan.flows) {
      if (!isExternalTarget(f.to)) continue;
      const to = f.to;
      const api = plan.networkPolicies.settings.apiServer;
      const portOnly: (number | '*')[] = to.external === ExternalTarget.API_SERVER ? (api.cidrs.length ? [] : api.ports)
        : to.external === ExternalTarget.DNS || to.external === ExternalTarget.INTERNET || isIP(to.host ?? '') ? [] : [to.port ?? '*'];
      for (const s of sources(w, plan, f)) {
        for (const p of portOnly) ports.set(s.name, (ports.get(s.name) ?? new Set()).add(p));
        if (to.external === ExternalTarget.INTERNET) cidrs.set(s.name, [...(cidrs.get(s.name) ?? []), ...(to.cidrs ?? ['0.0.0.0/0'])]);
      }
    }
  }
  return { ports, cidrs };
}

/** Whether argo-server's LoadBalancer policy admits `s` at `d`:`port`. */
function loadBalancerAdmits(w: World, s: Host, d: Host, port: number): boolean {
  return w.plans.some((plan) => plan.exposure.kind === 'load-balancer' && plan.server !== undefined && port === portOf(plan.server.endpoint, 'web').containerPort
    && podsOf(w, plan.namespace, plan.server.endpoint.selector).includes(d)
    && (plan.exposure.service.loadBalancerSourceRanges ?? ['0.0.0.0/0']).some((r) => inCidr(s.ip, r)));
}

function evaluate(w: World): { missing: string[]; extra: string[] } {
  const need = required(w);
  const reach = reachOf(w);
  const unguarded = (h: Host) => h.namespace === undefined || !w.managed.has(h.namespace);
  const widened = (s: Host, d: Host, port: number, proto: Protocol): boolean => proto === 'TCP' && (
    (unguarded(d) && (reach.ports.get(s.name)?.has(port) || reach.ports.get(s.name)?.has('*')))
    || ((reach.cidrs.get(s.name) ?? []).some((c) => inCidr(d.ip, c)) && (unguarded(d) || loadBalancerAdmits(w, s, d, port))));
  const missing: string[] = [], extra: string[] = [];
  for (const s of w.hosts) {
    for (const d of w.hosts) {
      if (s === d) continue;
      for (const p of d.ports) {
        const proto = p.protocol ?? 'TCP';
        const key = conn(s, d, p.containerPort, proto);
        const expected = need.has(key) || (unguarded(s) && unguarded(d)) || widened(s, d, p.containerPort, proto);
        const actual = allowed(w.cluster, s, d, p.containerPort, proto);
        if (expected && !actual) missing.push(key);
        if (!expected && actual) extra.push(key);
      }
    }
  }
  return { missing, extra };
}

function checkWorld(w: World): void {
  expect(w.policies.length).toBeGreaterThan(0);
  expect(evaluate(w)).toEqual({ missing: [], extra: [] });
  // Every policy selects at least one pod that exists (or that Argo creates: workflow pods).
  for (const p of w.policies) {
    const selected = w.hosts.filter((h) => h.namespace === p.metadata.namespace && selects(p.spec.podSelector, h.labels ?? {}));
    expect({ policy: `${p.metadata.namespace}/${p.metadata.name}`, selected: selected.length > 0 }).toEqual({ policy: `${p.metadata.namespace}/${p.metadata.name}`, selected: true });
  }
  // Every pod in a namespace argo-stack manages is isolated both ways.
  for (const h of w.hosts.filter((x) => x.namespace !== undefined && w.managed.has(x.namespace))) {
    expect([h.name, isolated(w.cluster, h, 'Ingress'), isolated(w.cluster, h, 'Egress')]).toEqual([h.name, true, true]);
  }
}

describe.each(PRESETS.map((p) => [p.name, p] as const))('preset %s', (_name, preset) => {
  test('every flow is allowed, everything else denied; every policy selects a pod', () => {
    checkWorld(world(preset.build(new App())));
  });
});

/** Installs beyond the presets: the options that change the policies. */
const EXTRA: Record<string, ArgoWorkflowsProps> = {
  'load balancer with source ranges, Prometheus, API server CIDRs': {
    server: { exposure: Exposure.loadBalancer({ sourceRanges: ['203.0.113.0/24'] }) }, workflowNamespaces: [{ name: 'argo' }, { name: 'team-a' }],
    networkPolicies: { apiServer: { cidrs: ['172.18.0.2/32'], ports: [6443] }, prometheus: { namespaceSelector: { 'kubernetes.io/metadata.name': 'monitoring' }, podSelector: { 'app.kubernetes.io/name': 'prometheus' } } },
  },
  'load balancer open to all, workflow pods on the internet': {
    server: { exposure: Exposure.loadBalancer() }, minio: true, workflowNamespaces: [{ name: 'team-a' }], networkPolicies: { workflowEgress: { internet: true } },
  },
  'traefik, MySQL in the cluster, S3 and HDFS outside, workflow egress to a range': {
    server: { exposure: Exposure.ingress({ controller: IngressController.traefik(), hosts: ['argo.example.com'], tls: IngressTls.none() }) },
    persistence: { mysql: { inCluster: {} } }, workflowNamespaces: [{ name: 'argo' }],
    artifactRepositories: { repositories: {
      s3: ArtifactRepository.s3({ bucket: 'argo-artifacts', endpoint: '198.51.100.200:9000', useSDKCreds: true }),
      hdfs: ArtifactRepository.hdfs({ addresses: ['namenode.example.com:8020'], hdfsUser: 'argo' }),
    } },
    secrets: [],
    networkPolicies: { workflowEgress: { cidrs: ['93.184.216.0/24'] } },
  },
  'no argo-server, existing credentials': {
    server: { enabled: false }, persistence: { postgres: { host: 'db.example.com', credentials: Credentials.existing() } }, workflowNamespaces: [{ name: 'team-a' }],
  },
};

describe.each(Object.entries(EXTRA))('install: %s', (_name, props) => {
  test('every flow is allowed, everything else denied; every policy selects a pod', () => {
    const chart = new Chart(new App(), 'extra');
    new ArgoWorkflows(chart, 'argo', props);
    checkWorld(world(chart));
  });
});

test('an install with networkPolicies.enabled false has no NetworkPolicy', () => {
  const chart = new Chart(new App(), 'off');
  new ArgoWorkflows(chart, 'argo', { workflowNamespaces: [{ name: 'argo' }], networkPolicies: { enabled: false } });
  expect(chart.toJson().filter((o: K8sObject) => o.kind === 'NetworkPolicy')).toEqual([]);
});

