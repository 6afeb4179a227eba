import { validateCustomResources } from './custom-resources';

describe('custom resource schemas', () => {
  test('a valid object of each family passes', () => {
    expect(validateCustomResources([
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec: { secretName: 's', issuerRef: { name: 'i', kind: 'ClusterIssuer' } } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: [{ backendRefs: [{ name: 'argo-server', port: 2746 }] }] } },
      { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'm' }, spec: { stripPrefix: { prefixes: ['/argo'] } } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { entrypoint: 'main', templates: [{ name: 'main', container: { name: 'main', image: 'busybox:1.37' } }] } },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 's' }, spec: { selector: { matchLabels: { app: 'workflow-controller' } }, endpoints: [{ port: 'metrics', scheme: 'https' }] } },
    ])).toEqual([null, null, null, null, null]);
  });

  test('schema errors and unknown kinds are reported, object by object', () => {
    expect(validateCustomResources([
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec: { issuerRef: { name: 'i' } } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: [{ backendRefs: [{ name: 'argo-server', port: 'web' }] }] } },
      { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' } },
    ])).toEqual([
      'data/spec must have required property secretName',
      'data/spec/rules/0/backendRefs/0/port must be integer, data/spec/rules/0/backendRefs/0/port must be integer',
      'no model for example.com/v1 Thing: add it to MODULES in test/schemas/custom-resources.mjs',
    ]);
  });
});
