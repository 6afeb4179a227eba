import * as fc from 'fast-check';
import { Component, ExternalPeer, Flow } from '../../src/config/endpoints';
import type { ResolvedArgoWorkflows } from '../../src/config/plan';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { flowchart, mermaidId, mermaidText } from '../../src/render/mermaid';
import { checkMermaid } from './mermaid-check';

/** A plan of a real install, with flows of its own. */
function planWith(flows: Flow[], props: Parameters<typeof resolveArgoWorkflows>[0] = {}): ResolvedArgoWorkflows {
  return { ...resolveArgoWorkflows(props), flows };
}

describe('flowchart', () => {
  test('exact: namespaces as subgraphs, external peers outside, one arrow per flow with the port', () => {
    const plan = planWith([
      { from: { external: ExternalPeer.INGRESS_CONTROLLER }, to: Component.SERVER, port: 'web', purpose: 'the UI' },
      { from: { external: ExternalPeer.PROMETHEUS }, to: Component.CONTROLLER, port: 'metrics', purpose: 'scrape' },
      { from: { component: Component.SERVER }, to: Component.POSTGRES, port: 'postgres', purpose: 'archive' },
      { from: { workflowPods: 'team-a' }, to: Component.MINIO, port: 'api', purpose: 'artifacts' },
      { from: { workflowPods: 'team-a' }, to: Component.MINIO, port: 'api', purpose: 'logs (same arrow)' },
    ], { workflowNamespaces: [{ name: 'team-a' }], persistence: { postgres: { inCluster: {} } }, minio: true });
    expect(flowchart([plan])).toBe([
      'flowchart LR',
      '  external_ingress_controller["Ingress controller"]',
      '  external_prometheus["Prometheus"]',
      '  subgraph ns_argo["namespace argo"]',
      '    argo_workflow_controller["workflow-controller<br/>metrics 9090 HTTPS, healthz 6060 HTTP"]',
      '    argo_argo_server["argo-server<br/>web 2746 HTTPS"]',
      '    argo_postgres["postgres<br/>postgres 5432"]',
      '    argo_minio["minio<br/>api 9000 HTTP, console 9001 HTTP"]',
      '  end',
      '  subgraph ns_team_a["namespace team-a"]',
      '    team_a_workflow_pods["workflow pods"]',
      '  end',
      '  external_ingress_controller -->|"web 2746"| argo_argo_server',
      '  external_prometheus -->|"metrics 9090"| argo_workflow_controller',
      '  argo_argo_server -->|"postgres 5432"| argo_postgres',
      '  team_a_workflow_pods -->|"api 9000"| argo_minio',
      '',
    ].join('\n'));
    expect(checkMermaid(flowchart([plan])).problems).toEqual([]);
  });

  test('a flow to a component without an endpoint, from an unknown peer or from pods of a namespace without a workflow namespace still draws', () => {
    const plan = planWith([
      { from: { external: 'dns-clients' as ExternalPeer }, to: 'kube-dns' as Component, port: 'dns', purpose: 'names' },
      { from: { workflowPods: 'elsewhere' }, to: Component.SERVER, port: 'web', purpose: 'API' },
    ]);
    const chart = flowchart([plan]);
    expect(chart).toContain('  external_dns_clients["dns-clients"]\n  outside_kube_dns["kube-dns"]\n');
    expect(chart).toContain('  external_dns_clients -->|"dns"| outside_kube_dns\n  elsewhere_workflow_pods -->|"web 2746"| argo_argo_server\n');
    expect(checkMermaid(chart).problems).toEqual([]);
  });

  test('ids that would collide, or be keywords, are made unique and valid', () => {
    // namespace "a-b" + "c" and namespace "a" + "b-c" give the same readable id.
    const one = planWith([], { namespace: 'a-b' });
    const two = planWith([], { namespace: 'a' });
    const twist = { ...two, endpoints: two.endpoints.map((e) => ({ ...e, name: `b-${e.name}` })) };
    const chart = flowchart([one, twist]);
    expect(chart).toContain('a_b_workflow_controller_2[');
    const shape = checkMermaid(chart);
    expect(shape.problems).toEqual([]);
    expect(shape.nodes.size).toBe(4);
    expect(mermaidId('end')).toBe('n_end');
    expect(mermaidId('9lives')).toBe('n_9lives');
    expect(mermaidId('ns', 'end')).toBe('ns_end');
  });

  test('labels never end their quotes: quotes, #, <, >, | and backquotes become entity codes', () => {
    expect(mermaidText('a "b" #c <d> |e| `f`\ng')).toBe('a #quot;b#quot; #35;c #lt;d#gt; #124;e#124; #96;f#96; g');
    fc.assert(fc.property(fc.string(), (s) => {
      const t = mermaidText(s);
      return !/["<>|`\n\r]/.test(t);
    }));
  });

  test('any purpose, namespace or peer text gives a chart that passes the structural check', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (peer, port) => {
      const plan = planWith([{ from: { external: peer as ExternalPeer }, to: Component.SERVER, port, purpose: 'x' }]);
      return checkMermaid(flowchart([plan])).problems.length === 0;
    }), { numRuns: 50 });
  });
});

describe('checkMermaid (the test helper itself)', () => {
  test('finds what GitHub would not render', () => {
    expect(checkMermaid('graph TD\n  a["x"]\n').problems).toEqual(['line 1 is "graph TD", not "flowchart LR"']);
    expect(checkMermaid('flowchart LR\n  subgraph s["x"]\n  a["x"]\n').problems).toEqual(['1 subgraph(s) without "end"']);
    expect(checkMermaid('flowchart LR\n  end\n').problems).toEqual(['line 2: "end" without a subgraph']);
    expect(checkMermaid('flowchart LR\n  a["x "y" z"]\n').problems).toEqual(['line 2: not plain flowchart syntax: "  a[\\"x \\"y\\" z\\"]"']);
    expect(checkMermaid('flowchart LR\n  a-b["x"]\n').problems).toEqual(['line 2: not plain flowchart syntax: "  a-b[\\"x\\"]"']);
    expect(checkMermaid('flowchart LR\n  end["x"]\n').problems).toEqual(['line 2: id end is a Mermaid keyword']);
    expect(checkMermaid('flowchart LR\n  a["x"]\n  a["y"]\n').problems).toEqual(['line 3: id a declared twice']);
    expect(checkMermaid('flowchart LR\n  a["x"]\n  a -->|"p"| b\n').problems).toEqual(['edge a --> b: b is not a declared node']);
  });
});
