/**
 * The presets of examples/ as shipped in dist/: Kubernetes schema validation of every object, the
 * exact object inventory, a small digest snapshot, determinism, and dist/ being up to date.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { ValidatingAdmissionPolicy } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy';
import { ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parseAllDocuments } from 'yaml';
import { PRESETS } from '../examples';
import type { ArgoWorkflowsProps } from '../src/config/options';
import { CrdMode, Exposure, IngressController, IngressTls, InstallScope, ServerTls } from '../src/config/options';
import { ArgoWorkflows } from '../src/k8s/argo-workflows';
import { ArtifactRepository } from '../src/config/storage/artifact-repository';
import { Credentials } from '../src/config/credentials';
import { buildApp } from '../src/cli/synth';
import { renderApp } from '../src/render';
import { INVENTORY } from './preset-inventory';
import { isCustomResource, validateCustomResources } from './schemas/custom-resources';
import { K8sObject, key } from './util';

const DIST = path.join(__dirname, '..', 'dist');
const SOURCES = Object.fromEntries(PRESETS.map((p) => [p.name, p.source]));

/** The kubernetes-models class of each `apiVersion kind` argo-stack emits. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1 Namespace': Namespace,
  'v1 ServiceAccount': ServiceAccount,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'apps/v1 StatefulSet': StatefulSet,
  'batch/v1 Job': Job,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'scheduling.k8s.io/v1 PriorityClass': PriorityClass,
  'rbac.authorization.k8s.io/v1 Role': Role,
  'rbac.authorization.k8s.io/v1 RoleBinding': RoleBinding,
  'rbac.authorization.k8s.io/v1 ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': ClusterRoleBinding,
  'apiextensions.k8s.io/v1 CustomResourceDefinition': CustomResourceDefinition,
  'networking.k8s.io/v1 Ingress': Ingress,
  'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy': ValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding': ValidatingAdmissionPolicyBinding,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
};

/**
 * Custom resources of other operators have no kubernetes-models class: a hand check of the fields
 * argo-stack sets (the operators' CRDs are not available here).
 */
class ExternalSecretModel {
  constructor(private readonly o: K8sObject) {}
  validate(): void {
    const spec = this.o.spec ?? {};
    if (!spec.secretStoreRef?.name || !['ClusterSecretStore', 'SecretStore'].includes(spec.secretStoreRef?.kind)) throw new Error('spec.secretStoreRef needs name and kind');
    if (spec.target?.name !== this.o.metadata.name) throw new Error('spec.target.name must be the Secret name');
    if (!Array.isArray(spec.data) || !spec.data.length || spec.data.some((d: any) => !d.secretKey || !d.remoteRef?.key)) throw new Error('spec.data needs secretKey and remoteRef.key');
  }
}
class SealedSecretModel {
  constructor(private readonly o: K8sObject) {}
  validate(): void {
    const data = this.o.spec?.encryptedData ?? {};
    if (!Object.keys(data).length || Object.values(data).some((v) => typeof v !== 'string')) throw new Error('spec.encryptedData needs string values');
    if (this.o.spec?.template?.metadata?.name !== undefined && this.o.spec.template.metadata.name !== this.o.metadata.name) throw new Error('template name must match');
  }
}
MODELS['external-secrets.io/v1 ExternalSecret'] = ExternalSecretModel as never;
MODELS['bitnami.com/v1alpha1 SealedSecret'] = SealedSecretModel as never;

/** Validates one object against the Kubernetes schema; throws on an unmapped kind or a schema error. */
function validateObject(obj: K8sObject): void {
  const model = MODELS[`${obj.apiVersion} ${obj.kind}`];
  if (!model) throw new Error(`no kubernetes-models class for ${obj.apiVersion} ${obj.kind} (${key(obj)}): add it to MODELS`);
  const instance = new model(obj as never);
  try {
    instance.validate();
  } catch (e) {
    throw new Error(`${key(obj)} is not a valid ${obj.kind}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Builds one preset into a fresh App and returns its chart. */
function buildPreset(name: string): Chart {
  const preset = PRESETS.find((p) => p.name === name);
  if (!preset) throw new Error(`no preset ${name}`);
  return preset.build(new App());
}

/** Renders every preset like `npm run synth` does. */
const renderAll = () => renderApp(buildApp(PRESETS), SOURCES);

/** The rendered files of one preset, keyed by file name. */
function presetFiles(all: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(all).filter(([f]) => f.startsWith(`${name}/`)).map(([f, c]) => [f.slice(name.length + 1), c]));
}

test('the presets are exactly quick-start, cluster, namespaced, external-db, multi-tenant, ingress-nginx, ingress-traefik, gateway, sso, strict-namespaced and ha, each chart named after its dist/ folder', () => {
  expect(PRESETS.map((p) => [p.name, p.source])).toEqual([
    ['quick-start', 'examples/quick-start.ts'],
    ['cluster', 'examples/cluster.ts'],
    ['namespaced', 'examples/namespaced.ts'],
    ['external-db', 'examples/external-db.ts'],
    ['multi-tenant', 'examples/multi-tenant.ts'],
    ['ingress-nginx', 'examples/ingress-nginx.ts'],
    ['ingress-traefik', 'examples/ingress-traefik.ts'],
    ['gateway', 'examples/gateway.ts'],
    ['sso', 'examples/sso.ts'],
    ['strict-namespaced', 'examples/strict-namespaced.ts'],
    ['ha', 'examples/ha.ts'],
  ]);
  for (const p of PRESETS) expect(buildPreset(p.name).node.id).toBe(p.name);
  expect(buildApp(PRESETS).charts.map((c) => c.node.id)).toEqual(['quick-start', 'cluster', 'namespaced', 'external-db', 'multi-tenant', 'ingress-nginx', 'ingress-traefik', 'gateway', 'sso', 'strict-namespaced', 'ha']);
});

describe.each(PRESETS.map((p) => p.name))('preset %s', (name) => {
  const objs = buildPreset(name).toJson() as K8sObject[];

  test('every object is valid against the Kubernetes schema (kubernetes-models, and the CRD packages for custom resources)', () => {
    expect(objs).toHaveLength(INVENTORY[name].length);
    for (const o of objs.filter((x) => !isCustomResource(x))) validateObject(o);
    const custom = objs.filter(isCustomResource);
    expect(validateCustomResources(custom)).toEqual(custom.map(() => null));
  });

  test('object inventory, exactly', () => {
    expect(objs.map(key)).toEqual(INVENTORY[name]);
  });

  test('no object (kind, namespace, name) is emitted twice', () => {
    const keys = objs.map(key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test('rendered files (digest snapshot)', () => {
    const files = presetFiles(renderAll(), name);
    const digest = Object.fromEntries(Object.entries(files).map(([f, c]) => [
      f, `${c.split('\n').length - 1} lines, sha256:${createHash('sha256').update(c).digest('hex')}`,
    ]));
    expect(digest).toMatchSnapshot();
  });

  test('the rendered files parse back to exactly the objects of the chart', () => {
    const files = presetFiles(renderAll(), name);
    expect(Object.keys(files).filter((f) => !f.endsWith('.yaml'))).toEqual(['README.md']);
    const parsed = Object.entries(files).filter(([f]) => f.endsWith('.yaml')).flatMap(([, c]) => parseAllDocuments(c).map((d) => d.toJSON() as K8sObject));
    expect(parsed.map(key).sort()).toEqual(objs.map(key).sort());
    for (const o of parsed) expect(o).toEqual(objs.find((x) => key(x) === key(o)));
  });

  test('committed dist/ equals a fresh render', () => {
    const fresh = presetFiles(renderAll(), name);
    const dir = path.join(DIST, name);
    const committed = Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    expect(Object.keys(committed)).toEqual(Object.keys(fresh));
    for (const f of Object.keys(fresh)) expect([f, committed[f]]).toEqual([f, fresh[f]]);
  });
});

test('dist/ holds exactly one folder per preset, and the record of the files argo-stack wrote', () => {
  expect(fs.readdirSync(DIST).sort()).toEqual(['.argo-stack', ...PRESETS.map((p) => p.name)].sort());
});

test('rendering is deterministic: two independent renders are byte-identical', () => {
  const a = renderAll();
  const b = renderAll();
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const f of Object.keys(a)) expect(Buffer.from(a[f]).equals(Buffer.from(b[f]))).toBe(true);
  // Two separately built apps (not one app rendered twice) give the same files.
  expect(renderApp(buildApp(PRESETS), SOURCES)).toEqual(renderApp(buildApp(PRESETS), SOURCES));
});

describe('schema validation beyond the presets', () => {
  test.each<[string, ArgoWorkflowsProps, string[]]>([
    ['minimal CRDs, PDBs, LoadBalancer, persistence, every workflow namespace feature', {
      crds: CrdMode.MINIMAL,
      controller: {
        replicas: 2,
        config: {
          parallelism: 10,
          persistence: {
            archive: true,
            postgresql: {
              host: 'postgres', port: 5432, database: 'postgres', tableName: 'argo_workflows',
              userNameSecret: { name: 'argo-postgres-config', key: 'username' }, passwordSecret: { name: 'argo-postgres-config', key: 'password' },
            },
          },
        },
      },
      server: { replicas: 2, tls: ServerTls.plainText(), exposure: Exposure.loadBalancer({ sourceRanges: ['10.0.0.0/8'] }) },
      workflowNamespaces: [{ name: 'argo', agent: true, artifactGC: true }, { name: 'team-a', serviceAccountAnnotations: { a: 'b' }, artifactGC: true }],
      labels: { team: 'data' },
    }, [
      'Namespace argo', 'Namespace team-a',
      'CustomResourceDefinition clusterworkflowtemplates.argoproj.io', 'CustomResourceDefinition cronworkflows.argoproj.io',
      'CustomResourceDefinition workflowartifactgctasks.argoproj.io', 'CustomResourceDefinition workfloweventbindings.argoproj.io',
      'CustomResourceDefinition workflows.argoproj.io', 'CustomResourceDefinition workflowtaskresults.argoproj.io',
      'CustomResourceDefinition workflowtasksets.argoproj.io', 'CustomResourceDefinition workflowtemplates.argoproj.io',
      'NetworkPolicy argo/argo-stack-default-deny', 'NetworkPolicy team-a/argo-stack-default-deny', 'NetworkPolicy argo/workflow-controller',
      'NetworkPolicy argo/argo-server', 'NetworkPolicy argo/argo-workflow-pods', 'NetworkPolicy team-a/argo-workflow-pods',
      'ServiceAccount argo/argo', 'Role argo/argo-role', 'RoleBinding argo/argo-binding',
      'ClusterRole argo-cluster-role', 'ClusterRoleBinding argo-binding',
      'ClusterRole argo-aggregate-to-admin', 'ClusterRole argo-aggregate-to-edit', 'ClusterRole argo-aggregate-to-view',
      'ConfigMap argo/workflow-controller-configmap', 'PriorityClass workflow-controller',
      'Deployment argo/workflow-controller', 'PodDisruptionBudget argo/workflow-controller',
      'ServiceAccount argo/argo-server', 'Role argo/argo-server-role', 'RoleBinding argo/argo-server-binding',
      'ClusterRole argo-server-cluster-role', 'ClusterRoleBinding argo-server-binding',
      'Service argo/argo-server', 'Deployment argo/argo-server', 'PodDisruptionBudget argo/argo-server',
      'ServiceAccount argo/argo-workflow', 'Role argo/executor', 'RoleBinding argo/executor-argo-workflow',
      'Role argo/agent', 'RoleBinding argo/agent-argo-workflow', 'Secret argo/argo-workflow.service-account-token',
      'ServiceAccount argo/argo-artifact-gc', 'Role argo/artifactgc', 'RoleBinding argo/artifactgc-argo-artifact-gc',
      'ServiceAccount team-a/argo-workflow', 'Role team-a/executor', 'RoleBinding team-a/executor-argo-workflow',
      'ServiceAccount team-a/argo-artifact-gc', 'Role team-a/artifactgc', 'RoleBinding team-a/artifactgc-argo-artifact-gc',
      'Service argo/workflow-controller-metrics',
    ]],
    ['namespaced, managed namespace, no CRDs, no server', {
      scope: InstallScope.NAMESPACED, managedNamespace: 'wf', crds: CrdMode.NONE, server: { enabled: false }, workflowNamespaces: [{ name: 'wf' }],
    }, [
      'Namespace argo', 'Namespace wf',
      'NetworkPolicy argo/argo-stack-default-deny', 'NetworkPolicy wf/argo-stack-default-deny', 'NetworkPolicy argo/workflow-controller', 'NetworkPolicy wf/argo-workflow-pods',
      'ServiceAccount argo/argo', 'Role argo/argo-role', 'RoleBinding argo/argo-binding', 'Role wf/argo-role', 'RoleBinding wf/argo-binding',
      'ConfigMap argo/workflow-controller-configmap', 'PriorityClass workflow-controller', 'Deployment argo/workflow-controller',
      'ServiceAccount wf/argo-workflow', 'Role wf/executor', 'RoleBinding wf/executor-argo-workflow',
      'Service argo/workflow-controller-metrics',
    ]],
  ])('%s', (_name, props, inventory) => {
    const chart = Testing.chart();
    new ArgoWorkflows(chart, 'argo', props);
    const objs = Testing.synth(chart) as K8sObject[];
    expect(objs.map(key)).toEqual(inventory);
    for (const o of objs) validateObject(o);
  });

  test('every kind argo-stack can emit has a model', () => {
    const chart = Testing.chart();
    const sealed = 'A'.repeat(128);
    new ArgoWorkflows(chart, 'argo', {
      crds: CrdMode.MINIMAL, controller: { replicas: 2 }, workflowNamespaces: [{ name: 'argo', agent: true }],
      persistence: { postgres: { inCluster: {} } }, minio: true,
      server: {
        exposure: Exposure.ingress({ controller: IngressController.nginx(), hosts: ['argo.example.com'], tls: IngressTls.secret('argo-tls') }),
        autoscaling: { minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 80 },
      },
      secrets: [
        { name: 'ext', keys: ['a'], credentials: Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/ext' }) },
        { name: 'sealed', keys: ['a'], credentials: Credentials.sealedSecret({ encryptedData: { a: sealed } }) },
      ],
      artifactRepositories: {
        repositories: {
          ext: ArtifactRepository.s3({ bucket: 'ext-bucket', accessKeySecret: { name: 'ext', key: 'a' }, secretKeySecret: { name: 'sealed', key: 'a' } }),
        },
      },
    });
    const objs = Testing.synth(chart) as K8sObject[];
    for (const o of objs) validateObject(o);
    const kinds = new Set(objs.map((o) => `${o.apiVersion} ${o.kind}`));
    expect([...kinds].sort()).toEqual(Object.keys(MODELS).sort());
  });

  test('the validator rejects an invalid object and an unmapped kind', () => {
    const bad: K8sObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'argo' }, spec: { template: {} } };
    expect(() => validateObject(bad)).toThrow(new Error('Deployment argo/x is not a valid Deployment: data/spec must have required property selector'));
    const badPort: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 'web' }] } };
    expect(() => validateObject(badPort)).toThrow(new Error('Service s is not a valid Service: data/spec/ports/0/port must be integer'));
    const unmapped: K8sObject = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'i' } };
    expect(() => validateObject(unmapped)).toThrow(new Error('no kubernetes-models class for networking.k8s.io/v1 IngressClass (IngressClass i): add it to MODELS'));
    const wrongVersion: K8sObject = { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'x' } };
    expect(() => validateObject(wrongVersion)).toThrow(new Error('no kubernetes-models class for extensions/v1beta1 Deployment (Deployment x): add it to MODELS'));
  });
});
