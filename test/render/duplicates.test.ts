/** Objects emitted twice in one app: rejected before anything is written, naming both sources. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { ValidationError } from '../../src/config/errors';
import { CrdMode, InstallScope } from '../../src/config/options';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { declareAlternatives, renderApp, synthesize, toObjects, validateApp } from '../../src/render';
import { errorOf, tempParent } from './fs-fixtures';

const parent = tempParent();
const KEEP_ONE_ACROSS = 'Fix: keep one copy (each chart is applied and deleted on its own, so identical copies in different charts still clash)';

/** Two namespaced installs, tenant-a and tenant-b, each in its own chart and namespace. */
function tenants(props: { crds?: CrdMode } = {}): { app: App; a: ArgoWorkflows; b: ArgoWorkflows } {
  const app = new App();
  const a = new ArgoWorkflows(new Chart(app, 'tenant-a'), 'ArgoWorkflows', { namespace: 'tenant-a', scope: InstallScope.NAMESPACED, ...props });
  const b = new ArgoWorkflows(new Chart(app, 'tenant-b'), 'ArgoWorkflows', { namespace: 'tenant-b', scope: InstallScope.NAMESPACED, ...props });
  return { app, a, b };
}

/** ConfigMap `settings`, in namespace `argo` unless another is given ('' for none). */
const configMap = (scope: Chart, id: string, apiVersion = 'v1', namespace = 'argo') =>
  new ApiObject(scope, id, { apiVersion, kind: 'ConfigMap', metadata: { name: 'settings', ...(namespace ? { namespace } : {}) } });

/** The error every entry point throws for `app`: synthesize (writing nothing), renderApp, validateApp, toObjects. */
function rejection(app: App): string {
  const out = path.join(parent.dir(), 'out');
  const error = errorOf(() => synthesize(app, out));
  expect(error).toBeInstanceOf(ValidationError);
  expect(fs.existsSync(out)).toBe(false);
  for (const other of [() => renderApp(app), () => validateApp(app), () => toObjects(app), () => toObjects(app.charts[0])]) {
    expect(errorOf(other)).toEqual(error);
  }
  return error.message;
}

describe('objects emitted twice', () => {
  test('two namespaced installs in two charts both emit the PriorityClass: both sources named, with identical content', () => {
    const { app } = tenants();
    expect(rejection(app)).toBe(
      'PriorityClass workflow-controller is emitted twice: by [tenant-a/ArgoWorkflows/Controller/PriorityClass] and [tenant-b/ArgoWorkflows/Controller/PriorityClass]. '
      + `${KEEP_ONE_ACROSS}: set controller.priorityClass: false on every install but one`,
    );
  });

  test('the fix the message gives works', () => {
    const app = new App();
    new ArgoWorkflows(new Chart(app, 'tenant-a'), 'ArgoWorkflows', { namespace: 'tenant-a', scope: InstallScope.NAMESPACED });
    new ArgoWorkflows(new Chart(app, 'tenant-b'), 'ArgoWorkflows', { namespace: 'tenant-b', scope: InstallScope.NAMESPACED, controller: { priorityClass: false } });
    expect(() => validateApp(app)).not.toThrow();
  });

  test('a JSON patch that renames one copy is honoured: the check reads the rendered objects', () => {
    const { app, b } = tenants();
    ApiObject.of(b.controller.node.findChild('PriorityClass')).addJsonPatch(JsonPatch.replace('/metadata/name', 'workflow-controller-b'));
    expect(() => validateApp(app)).not.toThrow();
  });

  test('CRDs of two installs: one line per object, the CRD fix names CrdMode.NONE', () => {
    const { app } = tenants({ crds: CrdMode.MINIMAL });
    const lines = rejection(app).split('\n');
    expect(lines[0]).toBe('9 objects are emitted more than once:');
    const crdFix = `${KEEP_ONE_ACROSS}: set crds: CrdMode.NONE on every install but one`;
    expect(lines[1]).toBe(`  CustomResourceDefinition clusterworkflowtemplates.argoproj.io is emitted twice: by [tenant-a/ArgoWorkflows/Crds/ClusterWorkflowTemplate] and [tenant-b/ArgoWorkflows/Crds/ClusterWorkflowTemplate]. ${crdFix}`);
    for (const line of lines.slice(1, 9)) {
      const m = /^ {2}CustomResourceDefinition \S+\.argoproj\.io is emitted twice: by \[tenant-a\/ArgoWorkflows\/Crds\/(\w+)\] and \[tenant-b\/ArgoWorkflows\/Crds\/(\w+)\]\. (.*)$/.exec(line);
      expect([m?.[1], m?.[3]]).toEqual([m?.[2], crdFix]);
    }
    expect(lines[9]).toMatch(/^ {2}PriorityClass workflow-controller is emitted twice: /);
    expect(lines).toHaveLength(10);
  });

  test('two installs in one chart and one namespace: the first lines, exactly', () => {
    const app = new App();
    const chart = new Chart(app, 'one');
    new ArgoWorkflows(chart, 'First', { crds: CrdMode.NONE, networkPolicies: { enabled: false } });
    new ArgoWorkflows(chart, 'Second', { crds: CrdMode.NONE, networkPolicies: { enabled: false } });
    const lines = rejection(app).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '18 objects are emitted more than once:',
      '  Namespace argo is emitted twice: by [one/First/Namespace/Resource] and [one/Second/Namespace/Resource]. Fix: keep one copy: set createNamespace: false on every install but one',
      '  ServiceAccount argo/argo is emitted twice: by [one/First/Controller/ServiceAccount] and [one/Second/Controller/ServiceAccount]. '
      + 'Fix: keep one copy: give each install its own namespace, or remove the others with [one/Second/Controller].node.tryRemoveChild("ServiceAccount")',
    ]);
    expect(lines).toContain('  ClusterRole argo-cluster-role is emitted twice: by [one/First/Controller/Rbac/ClusterClusterRole] and [one/Second/Controller/Rbac/ClusterClusterRole]. '
      + 'Fix: keep one copy: run one cluster-wide install per cluster and give the others scope: InstallScope.NAMESPACED');
  });

  test('three copies; the same API group under another version is the same object', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    configMap(chart, 'First');
    configMap(chart, 'Second');
    configMap(new Chart(app, 'd'), 'Third', 'v1');
    expect(rejection(app)).toBe(
      'ConfigMap argo/settings is emitted 3 times: by [c/First], [c/Second] and [d/Third]. '
      + `${KEEP_ONE_ACROSS}: give each install its own namespace, or remove the others with [c].node.tryRemoveChild("Second"), [d].node.tryRemoveChild("Third")`,
    );
    const versions = new App();
    const v = new Chart(versions, 'v');
    new ApiObject(v, 'A', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } });
    new ApiObject(v, 'B', { apiVersion: 'apps/v1beta2', kind: 'Deployment', metadata: { name: 'x' } });
    expect(rejection(versions)).toBe('Deployment x is emitted twice: by [v/A] and [v/B]. Fix: keep one copy: remove the others with [v].node.tryRemoveChild("B")');
  });

  test('not the same object: another group, namespace, kind or name', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    configMap(chart, 'A');
    configMap(chart, 'B', 'example.com/v1');
    configMap(chart, 'C', 'v1', 'other');
    configMap(chart, 'D', 'v1', '');
    new ApiObject(chart, 'E', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'settings', namespace: 'argo' } });
    new ApiObject(chart, 'F', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'argo' } });
    expect(() => validateApp(app)).not.toThrow();
  });
});

describe('declareAlternatives: charts for clusters of their own, as the presets are', () => {
  test('the same object in two charts is accepted', () => {
    const app = declareAlternatives(new App());
    new ArgoWorkflows(new Chart(app, 'a'), 'argo');
    new ArgoWorkflows(new Chart(app, 'b'), 'argo');
    expect(Object.keys(renderApp(app))).toHaveLength(12); // 5 YAML files and a README each
  });

  test('twice in one chart is still rejected', () => {
    const app = declareAlternatives(new App());
    configMap(new Chart(app, 'a'), 'Ok');
    const b = new Chart(app, 'b');
    configMap(b, 'First');
    configMap(b, 'Second');
    expect(rejection(app)).toBe('ConfigMap argo/settings is emitted twice: by [b/First] and [b/Second]. Fix: keep one copy: give each install its own namespace, or remove the others with [b].node.tryRemoveChild("Second")');
  });
});
