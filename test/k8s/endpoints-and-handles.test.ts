/**
 * Constructs read the plan's endpoints (no construct has a port of its own), expose handles to
 * their main objects, and write ordering hints through one helper.
 */
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { Component } from '../../src/config/endpoints';
import { ServerTls } from '../../src/config/exposure';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { orderingHints, SyncWave } from '../../src/k8s/_meta';
import { find, K8sObject, ofKind } from '../util';

const QUICK_START = { workflowNamespaces: [{ name: 'argo' }], persistence: { postgres: { inCluster: {} } }, minio: true };

function build(props = {}): { argo: ArgoWorkflows; objs: K8sObject[] } {
  const chart = Testing.chart();
  const argo = new ArgoWorkflows(chart, 'argo', props);
  return { argo, objs: Testing.synth(chart) as K8sObject[] };
}

describe('Services and pods follow the plan\'s endpoints', () => {
  const { argo, objs } = build(QUICK_START);

  test('every Service selects its endpoint\'s pods and serves exactly its named ports', () => {
    // The headless metrics Service is the metrics feature's (test/k8s/metrics.test.ts).
    const services = ofKind(objs, 'Service').filter((s) => s.metadata.name !== 'workflow-controller-metrics');
    expect(services.map((s) => s.metadata.name).sort()).toEqual(['argo-server', 'minio', 'postgres']);
    for (const svc of services) {
      const endpoint = argo.plan.endpoints.find((e) => e.name === svc.metadata.name)!;
      expect(svc.spec.selector).toEqual(endpoint.selector);
      expect(svc.spec.ports.map((p: { name: string; port: number }) => [p.name, p.port])).toEqual(endpoint.ports.map((p) => [p.name, p.servicePort ?? p.containerPort]));
    }
  });

  test('every workload\'s pod template carries its endpoint\'s selector and container ports', () => {
    for (const e of argo.plan.endpoints) {
      const kind = e.component === Component.CONTROLLER || e.component === Component.SERVER ? 'Deployment' : 'StatefulSet';
      const w = find(objs, kind, e.name, 'argo');
      expect(w.spec.selector.matchLabels).toEqual(e.selector);
      expect(w.spec.template.metadata.labels).toMatchObject(e.selector);
      expect(w.spec.template.spec.containers[0].ports).toEqual(e.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' })));
    }
  });

  test('argo-server\'s probes use its endpoint\'s port and scheme', () => {
    const plain = build({ server: { tls: ServerTls.plainText() } }).objs;
    const probe = find(plain, 'Deployment', 'argo-server', 'argo').spec.template.spec.containers[0].readinessProbe;
    expect(probe.httpGet).toEqual({ path: '/', port: 2746, scheme: 'HTTP' });
  });
});

describe('handles to the main objects', () => {
  test('argo.server and argo.controller expose their Deployments, Service and ConfigMap for patches', () => {
    const chart = Testing.chart();
    const argo = new ArgoWorkflows(chart, 'argo', {});
    expect(argo.server!.deployment.kind).toBe('Deployment');
    expect(argo.server!.service.kind).toBe('Service');
    expect(argo.controller.deployment.kind).toBe('Deployment');
    expect(argo.controller.configMap.data).toEqual(expect.objectContaining({ executor: expect.any(String) }));
    ApiObject.of(argo.server!.deployment).addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));
    argo.server!.service.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/team': 'data' }));
    const objs = Testing.synth(chart) as K8sObject[];
    expect(find(objs, 'Deployment', 'argo-server', 'argo').spec.revisionHistoryLimit).toBe(3);
    expect(find(objs, 'Service', 'argo-server', 'argo').metadata.annotations).toEqual({ 'example.com/team': 'data' });
  });

  test('without argo-server there is no server handle', () => {
    expect(build({ server: { enabled: false } }).argo.server).toBeUndefined();
  });
});

describe('orderingHints', () => {
  test('writes the sync wave and, for one-shot Jobs, the Sync hook', () => {
    expect(orderingHints(SyncWave.NAMESPACES)).toEqual({ 'argocd.argoproj.io/sync-wave': '-20' });
    expect(orderingHints(SyncWave.CRDS, { hook: true })).toEqual({
      'argocd.argoproj.io/sync-wave': '-10', 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
    expect(orderingHints(undefined, { hook: true })).toEqual({ 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
  });

  test('the waves run namespaces, then CRDs, then credentials, then the rest', () => {
    const waves = [SyncWave.NAMESPACES, SyncWave.CRDS, SyncWave.CREDENTIALS].map(Number);
    expect([...waves].sort((a, b) => a - b)).toEqual(waves);
    expect(Math.max(...waves)).toBeLessThan(0);
  });
});

describe('every pod takes podMetadata, imagePullSecrets, affinity and topology spread constraints', () => {
  const affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'argo-server' } } } }] } };
  const spread = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' as const, labelSelector: { matchLabels: { app: 'argo-server' } } }];
  const { objs } = build({
    imagePullSecrets: ['mirror'],
    server: { replicas: 2, affinity, topologySpreadConstraints: spread, podMetadata: { labels: { team: 'data' }, annotations: { 'example.com/owner': 'data' } }, imagePullSecrets: ['extra', 'mirror'] },
    workflowNamespaces: [{ name: 'argo' }],
    persistence: { postgres: { inCluster: { podMetadata: { labels: { tier: 'db' } } } } },
    minio: true,
  });

  test('argo-server: its own settings, the install-wide pull Secret first', () => {
    const pod = find(objs, 'Deployment', 'argo-server', 'argo').spec.template;
    expect(pod.metadata.labels).toEqual({ team: 'data', app: 'argo-server', 'app.kubernetes.io/component': 'argo-server', 'app.kubernetes.io/part-of': 'argo-workflows' });
    expect(pod.metadata.annotations).toEqual({ 'example.com/owner': 'data', 'argo-stack.io/controller-config-checksum': expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(pod.spec.affinity).toEqual(affinity);
    expect(pod.spec.topologySpreadConstraints).toEqual(spread);
    expect(pod.spec.imagePullSecrets).toEqual([{ name: 'mirror' }, { name: 'extra' }]);
  });

  test('the install-wide pull Secret reaches every other pod, Jobs included', () => {
    for (const [kind, name] of [['Deployment', 'workflow-controller'], ['StatefulSet', 'postgres'], ['StatefulSet', 'minio']]) {
      expect([kind, name, find(objs, kind, name, 'argo').spec.template.spec.imagePullSecrets]).toEqual([kind, name, [{ name: 'mirror' }]]);
    }
    for (const job of ofKind(objs, 'Job')) expect(job.spec.template.spec.imagePullSecrets).toEqual([{ name: 'mirror' }]);
  });

  test('the database pod gets its own labels, the Service still selects it by app', () => {
    const sts = find(objs, 'StatefulSet', 'postgres', 'argo');
    expect(sts.spec.template.metadata.labels).toEqual({ tier: 'db', app: 'postgres', 'app.kubernetes.io/component': 'postgres', 'app.kubernetes.io/part-of': 'argo-workflows' });
    expect(find(objs, 'Service', 'postgres', 'argo').spec.selector).toEqual({ app: 'postgres' });
  });
});

test('the ConfigMap handle is its ApiObject, as ApiObject.of finds it', () => {
  const chart = Testing.chart();
  const argo = new ArgoWorkflows(chart, 'argo', {});
  expect(ApiObject.of(argo.controller.configMap)).toBe(argo.controller.configMap.resource);
  argo.controller.configMap.resource.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/x': 'y' }));
  expect(find(Testing.synth(chart) as K8sObject[], 'ConfigMap', 'workflow-controller-configmap', 'argo').metadata.annotations).toEqual({ 'example.com/x': 'y' });
});

test('the CRD installer Job is renamed when pull Secrets enter its pod template', () => {
  const name = (props = {}) => ofKind(build(props).objs, 'Job').map((j) => j.metadata.name);
  expect(name()).toEqual(['argo-crd-installer-v4-1-2']);
  expect(name({ imagePullSecrets: ['mirror'] })).toEqual([expect.stringMatching(/^argo-crd-installer-v4-1-2-[0-9a-f]{8}$/)]);
  expect(name({ imagePullSecrets: ['mirror'] })).toEqual(name({ imagePullSecrets: ['mirror'] }));
  expect(name({ imagePullSecrets: ['mirror'] })).not.toEqual(name({ imagePullSecrets: ['other'] }));
});

test('jobs: the pod options of the CRD installer and the credentials Job', () => {
  const tolerations = [{ key: 'dedicated', operator: 'Exists' as const }];
  const { objs } = build({
    jobs: { tolerations, podMetadata: { labels: { team: 'ops' } }, resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '128Mi' } } },
    workflowNamespaces: [{ name: 'argo' }], minio: true,
  });
  // MinIO's Jobs take MinIO's pod options.
  const jobs = ofKind(objs, 'Job').filter((j) => !/^minio-(create-bucket|users)-/.test(j.metadata.name));
  expect(jobs.map((j) => j.metadata.name.replace(/-[0-9a-f]{8}$/, ''))).toEqual(['argo-crd-installer-v4-1-2', 'argo-stack-credentials']);
  // Its pod template changed, so the installer gets a new name (a Job's template is immutable).
  expect(jobs[0].metadata.name).toMatch(/^argo-crd-installer-v4-1-2-[0-9a-f]{8}$/);
  for (const job of jobs) {
    const pod = job.spec.template;
    expect(pod.spec.tolerations).toEqual(tolerations);
    expect(pod.metadata.labels.team).toBe('ops');
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '128Mi' } });
  }
});
