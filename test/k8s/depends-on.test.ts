import { ApiObject, App, Chart } from 'cdk8s';
import { PRESETS } from '../../examples';
import { CrdMode } from '../../src/config/install';
import { Credentials } from '../../src/config/credentials';
import { DEPENDS_ON_ANNOTATION, objectReference } from '../../src/k8s/_depends-on';
import { find, K8sObject, synthObjects } from '../util';

const refOf = (o: K8sObject): string => {
  const group = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0] : '';
  return o.metadata.namespace ? `${group}/namespaces/${o.metadata.namespace}/${o.kind}/${o.metadata.name}` : `${group}/${o.kind}/${o.metadata.name}`;
};
const hint = (o: K8sObject): string | undefined => o.metadata.annotations?.[DEPENDS_ON_ANNOTATION];

describe('config.kubernetes.io/depends-on', () => {
  test('the reference format: group, namespace, kind and name; the core group is empty; cluster-scoped objects have no namespace', () => {
    const chart = new Chart(new App(), 'c');
    expect(objectReference(new ApiObject(chart, 's', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'argo' } }))).toBe('/namespaces/argo/Secret/x');
    expect(objectReference(new ApiObject(chart, 'j', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'argo' } }))).toBe('batch/namespaces/argo/Job/j');
    expect(objectReference(new ApiObject(chart, 'b', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' } }))).toBe('rbac.authorization.k8s.io/ClusterRoleBinding/b');
  });

  test('generated credentials and an in-cluster database come before the binaries; MinIO before its Jobs; the Jobs after their bindings', () => {
    const objs = synthObjects({ workflowNamespaces: [{ name: 'argo' }], minio: true, persistence: { postgres: { inCluster: {}, credentials: Credentials.generated() } } });
    const job = objs.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('argo-stack-credentials-'))!;
    const credentials = refOf(job);
    expect(hint(find(objs, 'Deployment', 'workflow-controller', 'argo'))).toBe(`${credentials},apps/namespaces/argo/StatefulSet/postgres`);
    expect(hint(find(objs, 'Deployment', 'argo-server', 'argo'))).toBe(`${credentials},apps/namespaces/argo/StatefulSet/postgres`);
    expect(hint(find(objs, 'StatefulSet', 'postgres', 'argo'))).toBe(credentials);
    expect(hint(find(objs, 'StatefulSet', 'minio', 'argo'))).toBe(credentials);
    for (const j of objs.filter((o) => o.kind === 'Job' && /^minio-/.test(o.metadata.name))) expect(hint(j)).toBe(`apps/namespaces/argo/StatefulSet/minio,${credentials}`);
    expect(hint(job)).toBe('rbac.authorization.k8s.io/namespaces/argo/RoleBinding/argo-stack-credentials,admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding/argo-stack-credentials-argo');
  });

  test('without generated credentials, a database or CRD installer, nothing waits', () => {
    const objs = synthObjects({ crds: CrdMode.NONE });
    expect(objs.filter((o) => hint(o) !== undefined).map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([]);
  });

  test.each(PRESETS.map((p) => [p.name, p] as const))('%s: every reference names an object of the same chart', (_, preset) => {
    const chart = preset.build(new App());
    const objs = chart.toJson() as K8sObject[];
    const refs = new Set(objs.map(refOf));
    const missing = objs.flatMap((o) => (hint(o)?.split(',') ?? []).filter((r) => !refs.has(r)).map((r) => `${refOf(o)} -> ${r}`));
    expect(missing).toEqual([]);
  });
});
