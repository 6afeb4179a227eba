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
