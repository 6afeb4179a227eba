import fc from 'fast-check';
import { diffManifests, formatDiff, isSafe, verdict, type Manifest } from '../../src/cli/diff';
import { fieldChanges, pathText, sameValue } from '../../src/cli/diff/fields';
import { quantityValue } from '../../src/cli/diff/quantity';
import { immutableRisks, removalRisks } from '../../src/cli/diff/rules';

type Json = Record<string, unknown>;
const obj = (apiVersion: string, kind: string, name: string, rest: Json = {}, namespace: string | undefined = 'argo'): Json => ({
  apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...rest,
});
const paths = (a: Json, b: Json) => fieldChanges(a, b).map((c) => pathText(c.segments));
const fields = (a: Json, b: Json) => immutableRisks(a, b, 'x').map((r) => r.field);
const at = (chart: string, object: Json): Manifest => ({ chart, object });

describe('fieldChanges', () => {
  test('paths: named list items by name, others by index, keys that are not identifiers quoted, embedded YAML with >', () => {
    const before = obj('apps/v1', 'Deployment', 'd', {
      metadata: { name: 'd', labels: { 'app.kubernetes.io/name': 'a' } },
      spec: { template: { spec: { containers: [{ name: 'main', image: 'a:1', args: ['--x', '--y'] }, { name: 'side', image: 's' }], volumes: [{ name: 'v', emptyDir: {} }] } }, ports: [{ port: 1 }] },
    });
    const after = obj('apps/v1', 'Deployment', 'd', {
      metadata: { name: 'd', labels: { 'app.kubernetes.io/name': 'b' } },
      spec: { template: { spec: { containers: [{ name: 'side', image: 's' }, { name: 'main', image: 'a:2', args: ['--x', '--z'] }], volumes: [] } }, ports: [{ port: 2 }, { port: 3 }] },
    });
    expect(paths(before, after)).toEqual([
      'metadata.labels["app.kubernetes.io/name"]',
      'spec.ports[0].port',
      'spec.ports[1]',
      'spec.template.spec.containers[main].args[1]',
      'spec.template.spec.containers[main].image',
      'spec.template.spec.volumes[v]',
    ]);
    const cm = (persistence: string) => obj('v1', 'ConfigMap', 'c', { data: { persistence, plain: 'x' } });
    expect(paths(cm('archive: true\npostgresql:\n  host: a\n'), cm('archive: true\npostgresql:\n  host: b\n'))).toEqual(['data.persistence > postgresql.host']);
    expect(fieldChanges(obj('v1', 'Service', 's', { spec: { a: 1 } }), obj('v1', 'Service', 's', { spec: {} }))).toEqual([{ segments: ['spec', 'a'], before: 1 }]);
  });

  test('lists of plain values that change length compare as a whole', () => {
    expect(fieldChanges({ args: ['a'] }, { args: ['a', 'b'] })).toEqual([{ segments: ['args'], before: ['a'], after: ['a', 'b'] }]);
  });

  test('property: no change between equal objects, some change between different ones', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      const x = { v: a };
      const y = { v: b };
      expect(fieldChanges(x, structuredClone(x))).toEqual([]);
      expect(fieldChanges(x, y).length > 0).toBe(!sameValue(a, b));
    }));
  });
});

describe('immutable fields', () => {
  test('selectors of Deployments, DaemonSets; a Job template and selector; a Service clusterIP; a binding roleRef; a CRD scope', () => {
    for (const kind of ['Deployment', 'DaemonSet']) {
      expect(fields(obj('apps/v1', kind, 'd', { spec: { selector: { matchLabels: { a: '1' } }, replicas: 1 } }), obj('apps/v1', kind, 'd', { spec: { selector: { matchLabels: { a: '2' } }, replicas: 2 } }))).toEqual(['spec.selector']);
    }
    expect(fields(obj('batch/v1', 'Job', 'j', { spec: { template: { spec: { image: 'a' } }, ttlSecondsAfterFinished: 1 } }), obj('batch/v1', 'Job', 'j', { spec: { template: { spec: { image: 'b' } }, ttlSecondsAfterFinished: 2 } }))).toEqual(['spec.template']);
    expect(fields(obj('v1', 'Service', 's', { spec: { clusterIP: 'None', ports: [] } }), obj('v1', 'Service', 's', { spec: { ports: [{ port: 1 }] } }))).toEqual(['spec.clusterIP']);
    expect(fields(obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'b', { roleRef: { name: 'a' } }, undefined), obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'b', { roleRef: { name: 'b' } }, undefined))).toEqual(['roleRef']);
    expect(fields(obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'c', { spec: { scope: 'Namespaced' } }), obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'c', { spec: { scope: 'Cluster' } }))).toEqual(['spec.scope']);
  });

  test('a StatefulSet: anything in spec but replicas, template, updateStrategy, ...', () => {
    const sts = (spec: Json) => obj('apps/v1', 'StatefulSet', 'db', { spec });
    const before = sts({ replicas: 1, serviceName: 'db', podManagementPolicy: 'OrderedReady', template: { a: 1 }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '10Gi' } } } }] });
    expect(fields(before, sts({ replicas: 3, serviceName: 'db', podManagementPolicy: 'OrderedReady', template: { a: 2 }, volumeClaimTemplates: (before.spec as Json).volumeClaimTemplates }))).toEqual([]);
    expect(fields(before, sts({ replicas: 1, serviceName: 'db2', podManagementPolicy: 'Parallel', template: { a: 1 }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '20Gi' } } } }] })))
      .toEqual(['spec.podManagementPolicy', 'spec.serviceName', 'spec.volumeClaimTemplates']);
  });

  test('a PersistentVolumeClaim: only a growing storage request is allowed', () => {
    const pvc = (storage: string, storageClassName = 'gp3') => obj('v1', 'PersistentVolumeClaim', 'p', { spec: { storageClassName, resources: { requests: { storage } } } });
    expect(fields(pvc('10Gi'), pvc('20Gi'))).toEqual([]);
    expect(fields(pvc('10Gi'), pvc('10G'))).toEqual(['spec.resources.requests.storage']);
    expect(fields(pvc('10Gi'), pvc('10Gi', 'standard'))).toEqual(['spec.storageClassName']);
    expect(immutableRisks(pvc('10Gi'), pvc('5Gi'), 'x')[0].message).toBe('a volume claim can only grow (and only when its StorageClass allows expansion): the API server refuses a smaller or removed storage request');
  });

  test('an immutable ConfigMap or Secret; the type of a Secret', () => {
    expect(fields(obj('v1', 'ConfigMap', 'c', { immutable: true, data: { a: '1' } }), obj('v1', 'ConfigMap', 'c', { immutable: true, data: { a: '2' } }))).toEqual(['data']);
    expect(fields(obj('v1', 'ConfigMap', 'c', { data: { a: '1' } }), obj('v1', 'ConfigMap', 'c', { data: { a: '2' } }))).toEqual([]);
    expect(fields(obj('v1', 'Secret', 's', { type: 'Opaque' }), obj('v1', 'Secret', 's', { type: 'kubernetes.io/tls' }))).toEqual(['type']);
  });

  test('quantities', () => {
    expect([quantityValue('1Ki'), quantityValue('1k'), quantityValue('500m'), quantityValue('1e3'), quantityValue('x'), quantityValue(undefined)]).toEqual([1024, 1000, 0.5, 1000, undefined, undefined]);
  });
});

describe('data loss', () => {
  test('removed: a claim, a namespace, a CRD, a StatefulSet holding data; not a Deployment', () => {
    expect(removalRisks(obj('v1', 'PersistentVolumeClaim', 'p'), 'x')).toEqual([{ object: 'x', message: 'the volume claim is removed: its volume and data are deleted unless its PersistentVolume is retained' }]);
    expect(removalRisks(obj('v1', 'Namespace', 'argo', {}, undefined), 'x')[0].message).toMatch(/^the namespace is removed: deleting it deletes every object in it/);
    expect(removalRisks(obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'workflows.argoproj.io', {}, undefined), 'x')[0].message)
      .toBe('the CustomResourceDefinition is removed: deleting it deletes every workflows object in the cluster');
    expect(removalRisks(obj('apps/v1', 'StatefulSet', 'db', { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' }, template: { spec: { containers: [{ image: 'docker.io/library/mysql:8.4' }] } } } }), 'x'))
      .toEqual([{ object: 'x', message: 'the StatefulSet holding the data of docker.io/library/mysql is removed: its volume claims are deleted with it (whenDeleted: Delete)' }]);
    expect(removalRisks(obj('apps/v1', 'Deployment', 'web'), 'x')).toEqual([]);
  });

  const controller = (persistence?: string, artifactRepository?: string) => obj('v1', 'ConfigMap', 'workflow-controller-configmap', { data: { ...(persistence ? { persistence } : {}), ...(artifactRepository ? { artifactRepository } : {}) } });
  const pg = (host: string, archive = true) => `archive: ${archive}\npostgresql:\n  host: ${host}\n  port: 5432\n  database: argo\n  tableName: argo_workflows\n`;
  const diffOf = (a: Json, b: Json) => diffManifests([at('c', a)], [at('c', b)]).dataLoss.map((r) => `${r.field}: ${r.message}`);

  test('the archive removed, moved or switched off; the default artifact repository moved', () => {
    expect(diffOf(controller(pg('a')), controller())).toEqual([
      'data.persistence: the workflow archive and offloaded node status in postgresql a:5432/argo, table argo_workflows are no longer read: archived workflows disappear from the UI and API, and offloaded workflows cannot be read',
    ]);
    expect(diffOf(controller(pg('a')), controller(pg('b')))).toEqual([
      'data.persistence: the workflow archive moves from postgresql a:5432/argo, table argo_workflows to postgresql b:5432/argo, table argo_workflows: what is archived in postgresql a:5432/argo, table argo_workflows (and offloaded node status) is no longer read',
    ]);
    expect(diffOf(controller(pg('a')), controller(pg('a', false)))).toEqual([
      'data.persistence > archive: the workflow archive in postgresql a:5432/argo, table argo_workflows is switched off: archived workflows are no longer listed and new ones are not archived',
    ]);
    expect(diffOf(controller(undefined, 's3:\n  bucket: a\n  endpoint: s3.amazonaws.com\n'), controller(undefined, 's3:\n  bucket: b\n  endpoint: s3.amazonaws.com\n'))).toEqual([
      'data.artifactRepository: the default artifact repository (data.artifactRepository) moves from s3 endpoint s3.amazonaws.com bucket a to s3 endpoint s3.amazonaws.com bucket b: artifacts stored in the old place are left behind',
    ]);
    expect(diffOf(controller(pg('a'), 's3:\n  bucket: a\n'), controller(pg('a'), 's3:\n  bucket: a\n  insecure: true\n'))).toEqual([]);
  });

  test('the artifact repositories ConfigMap: a repository removed, the default changed', () => {
    const repos = (def: string, data: Json) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'artifact-repositories', namespace: 'team', annotations: { 'workflows.argoproj.io/default-artifact-repository': def } }, data });
    expect(diffOf(repos('a', { a: 'gcs:\n  bucket: x\n', b: 'gcs:\n  bucket: y\n' }), repos('b', { a: 'gcs:\n  bucket: x\n', b: 'gcs:\n  bucket: y\n' }))).toEqual([
      'metadata.annotations["workflows.argoproj.io/default-artifact-repository"]: the default artifact repository changes from "a" to "b": workflows without an artifactRepositoryRef store their artifacts elsewhere',
    ]);
    expect(diffOf(repos('a', { a: 'gcs:\n  bucket: x\n', b: 'gcs:\n  bucket: y\n' }), repos('a', { a: 'gcs:\n  bucket: x\n' }))).toEqual([
      'data.b: artifact repository "b" (gcs bucket y) is removed: workflows can no longer read the artifacts stored there, and artifact GC no longer deletes them',
    ]);
  });
});

describe('diffManifests and formatDiff', () => {
  test('objects are matched by chart, group, kind, namespace and name, not API version; Secret values are never shown', () => {
    const before = [
      at('a', obj('policy/v1beta1', 'PodDisruptionBudget', 'p', { spec: { minAvailable: 1 } })),
      at('a', obj('v1', 'Secret', 's', { data: { password: 'c2VjcmV0' } })),
      at('a', obj('v1', 'ConfigMap', 'gone')),
      at('b', obj('v1', 'ConfigMap', 'same')),
    ];
    const after = [
      at('a', obj('policy/v1', 'PodDisruptionBudget', 'p', { spec: { minAvailable: 1 } })),
      at('a', obj('v1', 'Secret', 's', { data: { password: 'b3RoZXI=' } })),
      at('a', obj('v1', 'ConfigMap', 'same')),
      at('b', obj('v1', 'ConfigMap', 'same')),
    ];
    const d = diffManifests(before, after);
    expect(isSafe(d)).toBe(true);
    expect(formatDiff(d, 'old', 'new') + verdict(d)).toBe([
      'argo-stack diff old new: 1 added, 1 removed, 2 changed, 1 unchanged',
      '',
      'Added:',
      '  + a: ConfigMap argo/same',
      '',
      'Removed:',
      '  - a: ConfigMap argo/gone',
      '',
      'Changed:',
      '  ~ a: PodDisruptionBudget argo/p',
      '      apiVersion: "policy/v1beta1" -> "policy/v1"',
      '  ~ a: Secret argo/s',
      '      data.password: <redacted> -> <redacted>',
      'argo-stack diff: safe to apply',
      '',
    ].join('\n'));
    expect(verdict(diffManifests(before, before))).toBe('argo-stack diff: no changes\n');
  });
});
