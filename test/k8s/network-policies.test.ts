/** The NetworkPolicy construct: exact fields of the rendered objects, and schema validation. */
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Exposure } from '../../src/config/exposure';
import { synthObjects } from '../util';

const policies = (props: Parameters<typeof synthObjects>[0]) => synthObjects(props).filter((o) => o.kind === 'NetworkPolicy');
const META = (name: string, namespace: string) => ({
  name, namespace, annotations: { 'argocd.argoproj.io/sync-wave': '-15' },
  labels: {
    'app.kubernetes.io/component': 'network-policies', 'app.kubernetes.io/managed-by': 'argo-stack', 'app.kubernetes.io/part-of': 'argo-workflows', 'app.kubernetes.io/version': 'v4.1.2',
  },
});
const DNS_RULE = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

describe('NetworkPolicies', () => {
  const objs = policies({ crds: 'none', workflowNamespaces: [{ name: 'team-a' }], server: { exposure: Exposure.loadBalancer({ sourceRanges: ['203.0.113.0/24'] }) } });

  test('exact objects: the default-denies, the controller, argo-server (with its LoadBalancer ranges) and the workflow pods', () => {
    expect(objs).toEqual([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: META('argo-stack-default-deny', 'argo'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: META('argo-stack-default-deny', 'team-a'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: META('workflow-controller', 'argo'),
        spec: { podSelector: { matchLabels: { app: 'workflow-controller' } }, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] }, DNS_RULE] },
      },
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: META('argo-server', 'argo'),
        spec: {
          podSelector: { matchLabels: { app: 'argo-server' } }, policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 2746 }] }],
          egress: [{ ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] }, DNS_RULE],
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: META('argo-workflow-pods', 'team-a'),
        spec: {
          podSelector: { matchExpressions: [{ key: 'workflows.argoproj.io/workflow', operator: 'Exists' }] }, policyTypes: ['Egress'],
          egress: [{ ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] }, DNS_RULE],
        },
      },
    ]);
  });

  test('every object is valid against the NetworkPolicy schema', () => {
    for (const o of objs) expect(() => new NetworkPolicy(o as never).validate()).not.toThrow();
  });

  test('workflow egress to the internet: every address of both families, every port', () => {
    const wf = policies({ crds: 'none', workflowNamespaces: [{ name: 'argo' }], networkPolicies: { workflowEgress: { internet: true } } }).find((o) => o.metadata.name === 'argo-workflow-pods')!;
    expect(wf.spec.egress.at(-1)).toEqual({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }] });
  });

  test('networkPolicies.enabled false: none', () => {
    expect(policies({ workflowNamespaces: [{ name: 'argo' }], networkPolicies: { enabled: false } })).toEqual([]);
  });
});
