/**
 * The multi-tenant preset: one namespaced install per tenant in one chart, with the cluster-wide
 * objects (CRDs through the installer, the PriorityClass) exactly once.
 */
import { App, Chart } from 'cdk8s';
import { buildMultiTenant, MULTI_TENANT_PROPS, TENANTS } from '../examples/multi-tenant';
import { ArgoWorkflows } from '../src/k8s/argo-workflows';
import { CrdMode, InstallScope } from '../src/config/options';
import { container, find, K8sObject, key, ofKind } from './util';

const objs = buildMultiTenant(new App()).toJson() as K8sObject[];
const ofTenant = (tenant: string) => objs.filter((o) => o.metadata.labels?.tenant === tenant);

test('the tenants and their props', () => {
  expect(TENANTS).toEqual(['tenant-a', 'tenant-b']);
  expect(MULTI_TENANT_PROPS).toEqual([
    {
      namespace: 'tenant-a', scope: InstallScope.NAMESPACED, managedNamespace: 'tenant-a-workflows',
      workflowNamespaces: [{ name: 'tenant-a-workflows' }], crds: CrdMode.INSTALLER, labels: { tenant: 'tenant-a' },
    },
    {
      namespace: 'tenant-b', scope: InstallScope.NAMESPACED, managedNamespace: 'tenant-b-workflows',
      workflowNamespaces: [{ name: 'tenant-b-workflows' }], crds: CrdMode.NONE, labels: { tenant: 'tenant-b' },
      controller: { priorityClass: 'existing' },
    },
  ]);
});

test('the cluster-scoped objects, exactly: four Namespaces, the CRD installer\'s ClusterRole and binding, one PriorityClass', () => {
  expect(objs.filter((o) => o.metadata.namespace === undefined).map(key)).toEqual([
    'Namespace tenant-a', 'Namespace tenant-a-workflows',
    'ClusterRole tenant-a-crd-installer', 'ClusterRoleBinding tenant-a-crd-installer',
    'PriorityClass workflow-controller',
    'Namespace tenant-b', 'Namespace tenant-b-workflows',
  ]);
  expect(find(objs, 'ClusterRoleBinding', 'tenant-a-crd-installer').subjects).toEqual([
    { kind: 'ServiceAccount', name: 'argo-crd-installer', namespace: 'tenant-a' },
  ]);
});

test('no object (kind, namespace, name) twice across the preset', () => {
  const keys = objs.map(key);
  expect(new Set(keys).size).toBe(keys.length);
});

test('every object belongs to one tenant and lives in its namespaces', () => {
  expect(ofTenant('tenant-a').length + ofTenant('tenant-b').length).toBe(objs.length);
  for (const tenant of TENANTS) {
    const namespaces = new Set(ofTenant(tenant).map((o) => o.metadata.namespace).filter((ns) => ns !== undefined));
    expect([...namespaces].sort()).toEqual([tenant, `${tenant}-workflows`]);
  }
});

test('every binding grants only to its own tenant\'s service accounts', () => {
  for (const tenant of TENANTS) {
    for (const b of ofTenant(tenant).filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')) {
      for (const s of b.subjects) expect([key(b), [tenant, `${tenant}-workflows`].includes(s.namespace)]).toEqual([key(b), true]);
    }
  }
});

test('one CRD installer Job, in tenant-a; no other Job', () => {
  expect(ofKind(objs, 'Job').map(key)).toEqual(['Job tenant-a/argo-crd-installer-v4-1-2']);
  expect(ofKind(objs, 'CustomResourceDefinition')).toEqual([]);
});

test.each([
  ['tenant-a', 'workflow-controller'],
  ['tenant-b', 'workflow-controller'],
])('%s: controller and server namespaced on their own workflow namespace; priorityClassName %s', (tenant, priorityClassName) => {
  const controller = find(objs, 'Deployment', 'workflow-controller', tenant);
  expect(controller.spec.template.spec.priorityClassName).toBe(priorityClassName);
  expect(container(controller).args).toEqual([
    '--executor-image=quay.io/argoproj/argoexec:v4.1.2', '--namespaced', `--managed-namespace=${tenant}-workflows`,
  ]);
  expect(container(find(objs, 'Deployment', 'argo-server', tenant)).args).toEqual([
    'server', '--auth-mode=client', '--secure=true', '--api-rate-limit=1000', '--namespaced', `--managed-namespace=${tenant}-workflows`,
  ]);
});

test('the second install runs with the first one\'s PriorityClass, which exists once', () => {
  expect(ofKind(objs, 'PriorityClass').map(key)).toEqual(['PriorityClass workflow-controller']);
  expect(find(objs, 'Deployment', 'workflow-controller', 'tenant-b').spec.template.spec.priorityClassName).toBe('workflow-controller');
});

test('priorityClass: false runs the controller without one', () => {
  const chart = new Chart(new App(), 'c');
  new ArgoWorkflows(chart, 'tenant-b', { ...MULTI_TENANT_PROPS[1], controller: { priorityClass: false } });
  const out = chart.toJson() as K8sObject[];
  expect(ofKind(out, 'PriorityClass')).toEqual([]);
  expect(find(out, 'Deployment', 'workflow-controller', 'tenant-b').spec.template.spec).not.toHaveProperty('priorityClassName');
});
