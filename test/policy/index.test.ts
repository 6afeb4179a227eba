import { App, Chart } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { PRESETS } from '../../examples';
import { buildApp } from '../../src/cli/synth';
import { renderApp } from '../../src/render';
import { ArgoWorkflows, AuthMode, CrdMode, Exposure, InstallScope, ServerTls } from '../../src';
import { checkManifests, objectRef } from '../../src/policy';
import { INVENTORY } from '../preset-inventory';
import { key } from '../util';
import { containerOf, err, goodDeployment, podOf } from './fixtures';

describe('checkManifests: the baseline fixture', () => {
  test('a restricted, pinned, sized Deployment has no findings', () => {
    expect(checkManifests([goodDeployment()])).toEqual([]);
  });

  test('objects are named Kind/namespace/name, with an empty namespace for cluster objects', () => {
    expect(objectRef({ kind: 'ClusterRole', metadata: { name: 'x' } })).toBe('ClusterRole//x');
    expect(objectRef({ kind: 'Role', metadata: { name: 'x', namespace: 'n' } })).toBe('Role/n/x');
    expect(objectRef(null)).toBe('?//?');
  });

  test('non-objects in the list are ignored', () => {
    expect(checkManifests([null, undefined, 'x', 3, []])).toEqual([]);
  });
});

describe('checkManifests: object identity', () => {
  test('an object without metadata.name', () => {
    expect(checkManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }])).toEqual([
      err('object/identity', 'the object lacks apiVersion, kind or metadata.name. Fix: set all three', 'ConfigMap//?'),
    ]);
  });
  test('an object without apiVersion', () => {
    expect(checkManifests([{ kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n' } }])).toEqual([
      err('object/identity', 'the object lacks apiVersion, kind or metadata.name. Fix: set all three', 'ConfigMap/n/a'),
    ]);
  });
});

describe('checkManifests: the order of findings', () => {
  test('object by object; in a pod its own rules, then container by container, then probes; then the rules across objects', () => {
    const d = goodDeployment();
    const web = containerOf(d);
    podOf(d).containers.push({ ...JSON.parse(JSON.stringify(web)), name: 'side', image: 'example.com/side' });
    podOf(d).hostPID = true;
    web.securityContext.privileged = true;
    web.image = 'example.com/web:latest';
    web.env = [{ name: 'DB_PASSWORD', value: 'x' }];
    delete web.resources;
    delete web.readinessProbe;
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'apps' }, data: { password: 'eA==' } };
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }] };
    const controller = goodDeployment();
    controller.metadata = { name: 'workflow-controller', namespace: 'argo' };
    expect(checkManifests([d, secret, role, controller]).map((f) => `${f.object} ${f.rule}`)).toEqual([
      'Deployment/apps/web pss/host-namespaces',
      'Deployment/apps/web pss/privileged',
      'Deployment/apps/web image/pinned',
      'Deployment/apps/web credentials/env-literal',
      'Deployment/apps/web resources/requests',
      'Deployment/apps/web resources/memory-limit',
      'Deployment/apps/web image/pinned',
      'Deployment/apps/web probes/missing',
      'Secret/apps/db credentials/secret-data',
      'ClusterRole//r rbac/wildcard',
      'Deployment/argo/workflow-controller controller/leader-election',
      'Deployment/argo/workflow-controller install/controller-configmap',
    ]);
  });
});

describe('every preset passes every check', () => {
  const app = buildApp(PRESETS);
  const charts = app.node.children.filter((c): c is Chart => Chart.isChart(c));

  test('the app has one chart per preset', () => {
    expect(charts.map((c) => c.node.id)).toEqual(PRESETS.map((p) => p.name));
  });

  test.each(PRESETS.map((p) => p.name))('%s: no errors and no warnings on chart.toJson()', (name) => {
    const chart = charts.find((c) => c.node.id === name)!;
    const objects = chart.toJson();
    expect(objects.map(key)).toEqual(INVENTORY[name]);
    expect(checkManifests(objects, { parseYaml: parse })).toEqual([]);
  });

  test('no errors and no warnings on the rendered YAML of every preset', () => {
    const files = renderApp(buildApp(PRESETS));
    const byPreset = new Map<string, unknown[]>();
    for (const [file, content] of Object.entries(files).filter(([f]) => f.endsWith('.yaml'))) {
      const preset = file.split('/')[0];
      const docs = parseAllDocuments(content).map((d) => d.toJS());
      byPreset.set(preset, [...(byPreset.get(preset) ?? []), ...docs]);
    }
    expect([...byPreset.keys()].sort()).toEqual(PRESETS.map((p) => p.name).sort());
    for (const [preset, objects] of byPreset) {
      expect({ preset, findings: checkManifests(objects, { parseYaml: parse }) }).toEqual({ preset, findings: [] });
    }
  });

  test('a fully configured stack passes too', () => {
    const full = new App();
    const chart = new Chart(full, 'full');
    new ArgoWorkflows(chart, 'argo', {
      namespace: 'argo-system',
      crds: CrdMode.MINIMAL,
      labels: { team: 'platform' },
      controller: {
        replicas: 2,
        config: {
          parallelism: 10,
          persistence: {
            archive: true,
            archiveTTL: '30d',
            postgresql: {
              host: 'db', port: 5432, database: 'argo', tableName: 'argo_workflows',
              userNameSecret: { name: 'argo-db', key: 'username' }, passwordSecret: { name: 'argo-db', key: 'password' },
            },
          },
        },
      },
      server: {
        replicas: 2, authModes: [AuthMode.CLIENT, AuthMode.SERVER], allowServerAuthModeWhenExposed: true, baseHref: '/argo/', tls: ServerTls.plainText(),
        exposure: Exposure.loadBalancer({ sourceRanges: ['203.0.113.0/24'] }),
      },
      workflowNamespaces: [{ name: 'team-a', agent: true, artifactGC: true }, { name: 'team-b', serviceAccountName: 'runner', artifactGC: true }],
    });
    const namespaced = new Chart(full, 'namespaced');
    new ArgoWorkflows(namespaced, 'argo', { scope: InstallScope.NAMESPACED, crds: CrdMode.NONE, server: { enabled: false }, workflowNamespaces: [{ name: 'argo' }] });
    expect(checkManifests(chart.toJson(), { parseYaml: parse })).toEqual([]);
    expect(checkManifests(namespaced.toJson(), { parseYaml: parse })).toEqual([]);
  });
});
