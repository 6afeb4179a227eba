import { createHash } from 'node:crypto';
import { Testing } from 'cdk8s';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { CrdMode, InstallScope } from '../../src/config/options';
import { ValidationError } from '../../src/config/errors';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { ArgoServer } from '../../src/k8s/server';
import { COMPONENT_FILES } from '../../src/render';
import { find, findJob, key, ofKind, synthObjects } from '../util';

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'CustomResourceDefinition']);

/** A configuration that turns every construct on. */
const EVERYTHING: ArgoWorkflowsProps = {
  crds: CrdMode.MINIMAL,
  controller: {
    replicas: 2,
    config: {
      persistence: {
        postgresql: {
          host: 'postgres', port: 5432, database: 'postgres', tableName: 'argo_workflows',
          userNameSecret: { name: 'argo-postgres-config', key: 'username' }, passwordSecret: { name: 'argo-postgres-config', key: 'password' },
        },
      },
    },
  },
  server: { replicas: 2 },
  workflowNamespaces: [{ name: 'argo', agent: true, artifactGC: true }, { name: 'team-a', agent: true, artifactGC: true }],
};

/** The objects of EVERYTHING, in output order. */
const EVERYTHING_INVENTORY = [
  'Namespace argo',
  'Namespace team-a',
  'CustomResourceDefinition clusterworkflowtemplates.argoproj.io',
  'CustomResourceDefinition cronworkflows.argoproj.io',
  'CustomResourceDefinition workflowartifactgctasks.argoproj.io',
  'CustomResourceDefinition workfloweventbindings.argoproj.io',
  'CustomResourceDefinition workflows.argoproj.io',
  'CustomResourceDefinition workflowtaskresults.argoproj.io',
  'CustomResourceDefinition workflowtasksets.argoproj.io',
  'CustomResourceDefinition workflowtemplates.argoproj.io',
  'NetworkPolicy argo/argo-stack-default-deny',
  'NetworkPolicy team-a/argo-stack-default-deny',
  'NetworkPolicy argo/workflow-controller',
  'NetworkPolicy argo/argo-server',
  'NetworkPolicy argo/argo-workflow-pods',
  'NetworkPolicy team-a/argo-workflow-pods',
  'ServiceAccount argo/argo',
  'Role argo/argo-role',
  'RoleBinding argo/argo-binding',
  'ClusterRole argo-cluster-role',
  'ClusterRoleBinding argo-binding',
  'ClusterRole argo-aggregate-to-admin',
  'ClusterRole argo-aggregate-to-edit',
  'ClusterRole argo-aggregate-to-view',
  'ConfigMap argo/workflow-controller-configmap',
  'PriorityClass workflow-controller',
  'Deployment argo/workflow-controller',
  'PodDisruptionBudget argo/workflow-controller',
  'ServiceAccount argo/argo-server',
  'Role argo/argo-server-role',
  'RoleBinding argo/argo-server-binding',
  'ClusterRole argo-server-cluster-role',
  'ClusterRoleBinding argo-server-binding',
  'Service argo/argo-server',
  'Deployment argo/argo-server',
  'PodDisruptionBudget argo/argo-server',
  'ServiceAccount argo/argo-workflow',
  'Role argo/executor',
  'RoleBinding argo/executor-argo-workflow',
  'Role argo/agent',
  'RoleBinding argo/agent-argo-workflow',
  'Secret argo/argo-workflow.service-account-token',
  'ServiceAccount argo/argo-artifact-gc',
  'Role argo/artifactgc',
  'RoleBinding argo/artifactgc-argo-artifact-gc',
  'ServiceAccount team-a/argo-workflow',
  'Role team-a/executor',
  'RoleBinding team-a/executor-argo-workflow',
  'Role team-a/agent',
  'RoleBinding team-a/agent-argo-workflow',
  'Secret team-a/argo-workflow.service-account-token',
  'ServiceAccount team-a/argo-artifact-gc',
  'Role team-a/artifactgc',
  'RoleBinding team-a/artifactgc-argo-artifact-gc',
  'Service argo/workflow-controller-metrics',
];

/** The objects of the defaults, in output order. */
const DEFAULTS_INVENTORY = [
  'Namespace argo',
  'ServiceAccount argo/argo-crd-installer', 'ClusterRole argo-crd-installer', 'ClusterRoleBinding argo-crd-installer', 'Job argo/argo-crd-installer-v4-1-2',
  'NetworkPolicy argo/argo-stack-default-deny', 'NetworkPolicy argo/workflow-controller', 'NetworkPolicy argo/argo-server', 'NetworkPolicy argo/argo-crd-installer',
  'ServiceAccount argo/argo', 'Role argo/argo-role', 'RoleBinding argo/argo-binding', 'ClusterRole argo-cluster-role', 'ClusterRoleBinding argo-binding',
  'ClusterRole argo-aggregate-to-admin', 'ClusterRole argo-aggregate-to-edit', 'ClusterRole argo-aggregate-to-view',
  'ConfigMap argo/workflow-controller-configmap', 'PriorityClass workflow-controller', 'Deployment argo/workflow-controller',
  'ServiceAccount argo/argo-server', 'ClusterRole argo-server-cluster-role', 'ClusterRoleBinding argo-server-binding',
  'Service argo/argo-server', 'Deployment argo/argo-server',
  'Service argo/workflow-controller-metrics',
];

describe('server.enabled: false', () => {
  const objs = synthObjects({ server: { enabled: false } });

  test('no argo-server object at all', () => {
    expect(objs.filter((o) => o.metadata.name.startsWith('argo-server')).map(key)).toEqual([]);
    expect(objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'argo-server').map(key)).toEqual([]);
    expect(ofKind(objs, 'Service').map(key)).toEqual(['Service argo/workflow-controller-metrics']);
    expect(ofKind(objs, 'Deployment').map(key)).toEqual(['Deployment argo/workflow-controller']);
    expect(JSON.stringify(objs)).not.toContain('argo-server');
  });

  test('the construct exposes no server', () => {
    const chart = Testing.chart();
    const aw = new ArgoWorkflows(chart, 'argo', { server: { enabled: false } });
    expect(aw.server).toBeUndefined();
    expect(aw.plan.server).toBeUndefined();
  });

  test('the controller is unchanged', () => {
    const withServer = synthObjects();
    for (const o of objs) expect(find(withServer, o.kind, o.metadata.name, o.metadata.namespace)).toEqual(o);
  });
});

describe.each<[string, ArgoWorkflowsProps]>([
  ['cluster', { namespace: 'ops', workflowNamespaces: [{ name: 'ops' }] }],
  ['cluster, everything', { ...EVERYTHING, namespace: 'ops', workflowNamespaces: [{ name: 'ops', agent: true }] }],
  ['namespaced', { namespace: 'ops', scope: InstallScope.NAMESPACED, workflowNamespaces: [{ name: 'ops' }] }],
])('custom namespace "ops" (%s)', (_name, props) => {
  const objs = synthObjects(props);

  test('every namespaced object is in "ops"; cluster-scoped objects have no namespace', () => {
    for (const o of objs) {
      if (CLUSTER_SCOPED.has(o.kind)) expect([key(o), o.metadata.namespace]).toEqual([key(o), undefined]);
      else expect([key(o), o.metadata.namespace]).toEqual([key(o), 'ops']);
    }
  });

  test('the namespace "argo" appears nowhere', () => {
    const text = JSON.stringify(objs);
    expect(text).not.toMatch(/"namespace":"argo"/);
    expect(ofKind(objs, 'Namespace').map(key)).toEqual(['Namespace ops']);
    for (const o of objs) for (const s of o.subjects ?? []) expect(s.namespace).toBe('ops');
  });
});

describe('labels option', () => {
  const labels = { team: 'data', 'example.com/cost-center': 'cc-42' };

  test.each<[string, ArgoWorkflowsProps, string[]]>([
    ['defaults', {}, DEFAULTS_INVENTORY],
    ['everything', EVERYTHING, EVERYTHING_INVENTORY],
    ['namespaced with managed namespace', { scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'wf', agent: true, artifactGC: true }] }, [
      'Namespace argo', 'Namespace wf',
      'ServiceAccount argo/argo-crd-installer', 'ClusterRole argo-crd-installer', 'ClusterRoleBinding argo-crd-installer', 'Job argo/argo-crd-installer-v4-1-2',
      'NetworkPolicy argo/argo-stack-default-deny', 'NetworkPolicy wf/argo-stack-default-deny', 'NetworkPolicy argo/workflow-controller', 'NetworkPolicy argo/argo-server',
      'NetworkPolicy wf/argo-workflow-pods', 'NetworkPolicy argo/argo-crd-installer',
      'ServiceAccount argo/argo', 'Role argo/argo-role', 'RoleBinding argo/argo-binding', 'Role wf/argo-role', 'RoleBinding wf/argo-binding',
      'ConfigMap argo/workflow-controller-configmap', 'PriorityClass workflow-controller', 'Deployment argo/workflow-controller',
      'ServiceAccount argo/argo-server', 'Role argo/argo-server-role', 'RoleBinding argo/argo-server-binding', 'Role wf/argo-server-role', 'RoleBinding wf/argo-server-binding',
      'Service argo/argo-server', 'Deployment argo/argo-server',
      'ServiceAccount wf/argo-workflow', 'Role wf/executor', 'RoleBinding wf/executor-argo-workflow', 'Role wf/agent', 'RoleBinding wf/agent-argo-workflow',
      'Secret wf/argo-workflow.service-account-token', 'ServiceAccount wf/argo-artifact-gc', 'Role wf/artifactgc', 'RoleBinding wf/artifactgc-argo-artifact-gc',
      'Service argo/workflow-controller-metrics',
    ]],
  ])('reaches every object (%s)', (_name, props, inventory) => {
    const objs = synthObjects({ ...props, labels });
    expect(objs.map(key)).toEqual(inventory);
    for (const o of objs) expect([key(o), o.metadata.labels]).toEqual([key(o), expect.objectContaining(labels)]);
  });

  test('may not set argo-stack\'s own labels, which it would replace', () => {
    expect(() => synthObjects({ labels: { 'app.kubernetes.io/part-of': 'other' } })).toThrow(new ValidationError(
      'labels["app.kubernetes.io/part-of"] "other" is invalid: argo-stack sets this label on every object itself, so the value would be replaced. Fix: remove it, or use another label key'));
    for (const o of synthObjects({ labels: { team: 'data' } })) {
      expect(o.metadata.labels?.['app.kubernetes.io/part-of']).toBe('argo-workflows');
      expect(Object.keys(COMPONENT_FILES)).toContain(o.metadata.labels?.['app.kubernetes.io/component']);
    }
  });
});

describe('whole install', () => {
  test.each<[string, ArgoWorkflowsProps]>([
    ['defaults', {}],
    ['everything', EVERYTHING],
    ['namespaced', { scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'wf' }] }],
  ])('every object has a known component label and a unique kind/namespace/name (%s)', (_name, props) => {
    const objs = synthObjects(props);
    for (const o of objs) expect([key(o), Object.keys(COMPONENT_FILES).includes(o.metadata.labels?.['app.kubernetes.io/component'] ?? '')]).toEqual([key(o), true]);
    const keys = objs.map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('everything on: the full inventory', () => {
    expect(synthObjects(EVERYTHING).map(key)).toEqual(EVERYTHING_INVENTORY);
  });

  test('invalid options throw a ValidationError while constructing, before anything is synthesized', () => {
    const chart = Testing.chart();
    const message = 'namespace "Argo_NS" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "argo-ns"';
    let thrown: unknown;
    try {
      new ArgoWorkflows(chart, 'argo', { namespace: 'Argo_NS' });
    } catch (e) {
      thrown = e;
    }
    // The class, its name and the whole message.
    expect(thrown).toBeInstanceOf(ValidationError);
    expect([(thrown as Error).name, (thrown as Error).message]).toEqual(['ValidationError', message]);
    expect(Testing.synth(chart)).toEqual([]);
  });

  test('the plan is exposed, with every default resolved', () => {
    const aw = new ArgoWorkflows(Testing.chart(), 'argo');
    expect(aw.plan).toMatchObject({ namespace: 'argo', createNamespace: true, version: 'v4.1.2', scope: 'cluster', crds: 'installer', labels: {}, workflowNamespaces: [] });
    expect(aw.server).toBeInstanceOf(ArgoServer);
    expect(aw.server!.node.path).toBe('test/argo/Server');
    expect(aw.controller.configMap.checksum).toBe(createHash('sha256').update(JSON.stringify(aw.controller.configMap.data)).digest('hex'));
    // The checksum of the default config, pinned: it changes only when the default controller config does.
    expect(aw.controller.configMap.checksum).toBe('d20477b1b4a20fa8384df587dbc9d71eb46b744b742dd8bc0c2eb52153c4bc5b');
  });
});

describe('service account annotations of the controller and argo-server', () => {
  const role = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/argo' };

  test('land on ServiceAccount argo and argo-server, exactly', () => {
    const objs = synthObjects({ controller: { serviceAccountAnnotations: role }, server: { serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': 'argo@p.iam.gserviceaccount.com' } } });
    expect(find(objs, 'ServiceAccount', 'argo', 'argo').metadata.annotations).toEqual(role);
    expect(find(objs, 'ServiceAccount', 'argo-server', 'argo').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'argo@p.iam.gserviceaccount.com' });
  });

  test('are absent by default', () => {
    const objs = synthObjects({});
    expect(find(objs, 'ServiceAccount', 'argo', 'argo').metadata.annotations).toBeUndefined();
    expect(find(objs, 'ServiceAccount', 'argo-server', 'argo').metadata.annotations).toBeUndefined();
  });

  test('a bad annotation key is rejected with the exact message', () => {
    expect(() => synthObjects({ server: { serviceAccountAnnotations: { 'bad key': 'x' } } })).toThrow(new ValidationError(
      'server.serviceAccountAnnotations key "bad key" is invalid: an annotation key is an optional DNS subdomain prefix and "/", then a name of 1-63 characters of letters, digits, "-", "_" and ".". Fix: rename it, e.g. "bad-key"'));
    expect(() => synthObjects({ controller: { serviceAccountAnnotations: { a: 1 as never } } })).toThrow(new ValidationError(
      'controller.serviceAccountAnnotations["a"] 1 is invalid: an annotation value must be a string. Fix: quote the value'));
  });
});

describe('images.jobs', () => {
  test('reaches the credentials Job and MinIO\'s bucket Job; the default is the pinned curl image', () => {
    const image = (objs: ReturnType<typeof synthObjects>, name: string) => findJob(objs, name, 'argo').spec.template.spec.containers[0].image;
    const mirrored = synthObjects({ minio: true, workflowNamespaces: [{ name: 'argo' }], images: { jobs: 'registry.example.com/tools/curl:8.11.1' } });
    expect(image(mirrored, 'argo-stack-credentials')).toBe('registry.example.com/tools/curl:8.11.1');
    expect(image(mirrored, 'minio-create-bucket')).toBe('registry.example.com/tools/curl:8.11.1');
    const plain = synthObjects({ minio: true, workflowNamespaces: [{ name: 'argo' }] });
    expect(image(plain, 'argo-stack-credentials')).toBe('docker.io/curlimages/curl:8.11.1');
    expect(image(plain, 'minio-create-bucket')).toBe('docker.io/curlimages/curl:8.11.1');
  });
});

test('pod options given as null-prototype objects reach the manifests as ordinary objects (cdk8s reads their constructor)', () => {
  const plain = <T extends object>(o: T): T => Object.assign(Object.create(null), o);
  const toleration = plain({ key: 'dedicated', operator: 'Exists' });
  const affinity = plain({ nodeAffinity: plain({ requiredDuringSchedulingIgnoredDuringExecution: plain({ nodeSelectorTerms: [plain({ matchExpressions: [plain({ key: 'pool', operator: 'In', values: ['a'] })] })] }) }) });
  const objs = synthObjects({ minio: { tolerations: [toleration], affinity } as never, workflowNamespaces: [{ name: 'argo' }] });
  const spec = find(objs, 'StatefulSet', 'minio', 'argo').spec.template.spec;
  expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
  expect(Object.getPrototypeOf(spec.tolerations[0])).toBe(Object.prototype);
  expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['a']);
});
