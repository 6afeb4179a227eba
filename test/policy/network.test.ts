import { checkManifests } from '../../src/policy';
import { goodDeployment, Obj, podOf, warn } from './fixtures';

describe('checkManifests: network', () => {
  const SVC = 'Service/apps/web';
  const service = (spec: Obj, namespace = 'apps') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace }, spec: { ports: [{ port: 80, targetPort: 8080 }], ...spec } });
  const selectsNothing = (selector: Obj, object = SVC) => warn(
    'network/service-selects-nothing',
    `spec.selector ${JSON.stringify(selector)} matches the labels of no pod template in the Service's namespace, so the Service has no endpoints unless those pods come from elsewhere. Fix: correct spec.selector or the pod template's labels`,
    object,
  );

  test('a Service that selects the pods of a Deployment in its namespace', () => {
    expect(checkManifests([goodDeployment(), service({ selector: { app: 'web' } })])).toEqual([]);
  });

  test('a Service whose selector matches no pod template', () => {
    expect(checkManifests([goodDeployment(), service({ selector: { app: 'api' } })])).toEqual([
      warn('network/service-selects-nothing', 'spec.selector {"app":"api"} matches the labels of no pod template in the Service\'s namespace, so the Service has no endpoints unless those pods come from elsewhere. Fix: correct spec.selector or the pod template\'s labels', SVC),
    ]);
  });

  test('every pair of the selector must match', () => {
    const selector = { app: 'web', tier: 'front' };
    expect(checkManifests([goodDeployment(), service({ selector })])).toEqual([selectsNothing(selector)]);
  });

  test('pods in another namespace do not count', () => {
    const selector = { app: 'web' };
    expect(checkManifests([goodDeployment(), service({ selector }, 'other')])).toEqual([selectsNothing(selector, 'Service/other/web')]);
  });

  test('a Service with no selector, an empty selector, or of type ExternalName is skipped', () => {
    expect(checkManifests([
      service({}),
      service({ selector: {} }),
      service({ type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'db' } }),
    ])).toEqual([]);
  });

  test.each([
    ['Pod', (spec: Obj) => ({ metadata: { name: 'w', namespace: 'apps', labels: { app: 'web' } }, spec })],
    ['StatefulSet', (spec: Obj) => ({ metadata: { name: 'w', namespace: 'apps' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec } } })],
    ['CronJob', (spec: Obj) => ({ metadata: { name: 'w', namespace: 'apps' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'web' } }, spec } } } } })],
  ])('the pod labels of a %s count', (kind, wrap) => {
    const obj = { apiVersion: 'v1', kind, ...wrap(podOf(goodDeployment())) };
    const findings = checkManifests([obj, service({ selector: { app: 'web' } })]);
    expect(findings.filter((f) => f.rule.startsWith('network/'))).toEqual([]);
  });

  test('labels on a workload itself, not on its pod template, do not count', () => {
    const d = goodDeployment();
    d.metadata.labels = { role: 'web' };
    expect(checkManifests([d, service({ selector: { role: 'web' } })])).toEqual([selectsNothing({ role: 'web' })]);
  });

  test('network findings come after the install rules', () => {
    const controller = goodDeployment();
    controller.metadata = { name: 'workflow-controller', namespace: 'apps' };
    controller.spec.template.spec.containers[0].env = [{ name: 'LEADER_ELECTION_IDENTITY', value: 'x' }];
    expect(checkManifests([service({ selector: { app: 'api' } }), controller]).map((f) => f.rule)).toEqual([
      'install/controller-configmap',
      'network/service-selects-nothing',
    ]);
  });
});

describe('checkManifests: NetworkPolicies', () => {
  const policy = (name: string, spec: Obj, namespace = 'apps') => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
  const DENY = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  const WEB_DEPLOYMENT = 'Deployment/apps/web';
  const notDenied = (namespace = 'apps', object = WEB_DEPLOYMENT) => warn('network/pod-not-denied-by-default',
    `its pods are not isolated for both ingress and egress by a NetworkPolicy of namespace "${namespace}", so traffic no policy mentions is not denied. Fix: add a default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress) to the namespace`, object);
  const selectsNothing = (selector: Obj, name: string) => warn('network/policy-selects-nothing',
    `spec.podSelector ${JSON.stringify(selector)} matches the labels of no pod template in the policy's namespace, so the policy guards nothing unless those pods come from elsewhere. Fix: correct spec.podSelector or the pod template's labels`, `NetworkPolicy/apps/${name}`);

  test('a default deny and a policy that selects the Deployment\'s pods: no finding', () => {
    expect(checkManifests([goodDeployment(), DENY, policy('web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] })])).toEqual([]);
  });

  test('a policy whose selector matches no pod template (by labels or by expressions)', () => {
    const byLabels = { matchLabels: { app: 'api' } };
    const byExpr = { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] };
    expect(checkManifests([goodDeployment(), DENY, policy('api', { podSelector: byLabels }), policy('expr', { podSelector: byExpr })]))
      .toEqual([selectsNothing(byLabels, 'api'), selectsNothing(byExpr, 'expr')]);
  });

  test('a policy in another namespace than the pods selects nothing there', () => {
    expect(checkManifests([goodDeployment(), DENY, policy('web', { podSelector: { matchLabels: { app: 'web' } } }, 'other')])).toEqual([
      warn('network/policy-selects-nothing', 'spec.podSelector {"matchLabels":{"app":"web"}} matches the labels of no pod template in the policy\'s namespace, so the policy guards nothing unless those pods come from elsewhere. Fix: correct spec.podSelector or the pod template\'s labels', 'NetworkPolicy/other/web'),
    ]);
  });

  test('a selector on the labels of the pods Argo creates at run time, and an empty selector, are skipped', () => {
    expect(checkManifests([goodDeployment(), DENY, policy('wf', { podSelector: { matchExpressions: [{ key: 'workflows.argoproj.io/workflow', operator: 'Exists' }] } })])).toEqual([]);
    expect(checkManifests([goodDeployment(), DENY, policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, 'workflows')])).toEqual([]);
  });

  test('with NetworkPolicies in the set, a pod not isolated both ways is reported; without any, nothing is', () => {
    expect(checkManifests([goodDeployment()])).toEqual([]);
    expect(checkManifests([goodDeployment(), policy('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [] })])).toEqual([notDenied()]);
    expect(checkManifests([goodDeployment(), policy('in', { podSelector: {}, policyTypes: ['Ingress'] }), policy('out', { podSelector: {}, egress: [] })])).toEqual([]);
    expect(checkManifests([goodDeployment(), policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, 'other')])).toEqual([notDenied()]);
  });
});
