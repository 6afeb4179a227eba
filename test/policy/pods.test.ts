import { checkManifests } from '../../src/policy';
import { containerOf, err, findingsAfter, goodDeployment, podOf, warn } from './fixtures';

describe('checkManifests: resources and probes', () => {
  test('no cpu request', () => {
    expect(findingsAfter((d) => { delete containerOf(d).resources.requests.cpu; })).toEqual([
      err('resources/requests', 'container "web" has no cpu request. Fix: set resources.requests.cpu'),
    ]);
  });

  test('no resources at all', () => {
    expect(findingsAfter((d) => { delete containerOf(d).resources; })).toEqual([
      err('resources/requests', 'container "web" has no cpu or memory request. Fix: set resources.requests.cpu and resources.requests.memory'),
      err('resources/memory-limit', 'container "web" has no memory limit. Fix: set resources.limits.memory'),
    ]);
  });

  test('no memory limit', () => {
    expect(findingsAfter((d) => { containerOf(d).resources.limits = { cpu: '1' }; })).toEqual([
      err('resources/memory-limit', 'container "web" has no memory limit. Fix: set resources.limits.memory'),
    ]);
  });

  test('init containers need no resources, native sidecars do', () => {
    const sc = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    expect(findingsAfter((d) => {
      podOf(d).initContainers = [
        { name: 'once', image: 'example.com/init:1', securityContext: sc },
        { name: 'proxy', image: 'example.com/proxy:1', restartPolicy: 'Always', securityContext: sc },
      ];
    })).toEqual([
      err('resources/requests', 'init container "proxy" has no cpu or memory request. Fix: set resources.requests.cpu and resources.requests.memory'),
      err('resources/memory-limit', 'init container "proxy" has no memory limit. Fix: set resources.limits.memory'),
    ]);
  });

  test('a Deployment container without probes', () => {
    expect(findingsAfter((d) => { delete containerOf(d).readinessProbe; })).toEqual([
      warn('probes/missing', 'container "web" has neither a readiness nor a liveness probe. Fix: add a readinessProbe'),
    ]);
  });

  test('a Job needs no probe', () => {
    const spec = podOf(goodDeployment());
    delete spec.containers[0].readinessProbe;
    expect(checkManifests([{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'n' }, spec: { template: { spec } } }])).toEqual([]);
  });
});
