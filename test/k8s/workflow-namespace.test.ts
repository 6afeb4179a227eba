import { Testing } from 'cdk8s';
import { InstallScope, PodSecurityLevel } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { WorkflowNamespace } from '../../src/k8s/workflow-namespace';
import { find, K8sObject, key, ofKind, stdLabels, synthObjects } from '../util';

const LABELS = stdLabels('workflow-namespace');
const RBAC = 'rbac.authorization.k8s.io/v1';
const ofComponent = (objs: K8sObject[]) => objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'workflow-namespace');

describe('a workflow namespace with defaults', () => {
  const objs = synthObjects({ workflowNamespaces: [{ name: 'team-a' }] });

  test('objects: ServiceAccount, executor Role and RoleBinding only', () => {
    expect(ofComponent(objs).map(key)).toEqual([
      'ServiceAccount team-a/argo-workflow',
      'Role team-a/executor',
      'RoleBinding team-a/executor-argo-workflow',
    ]);
  });

  test('ServiceAccount argo-workflow, no annotations', () => {
    expect(find(objs, 'ServiceAccount', 'argo-workflow', 'team-a')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo-workflow', namespace: 'team-a', labels: LABELS },
    });
  });

  test('Role executor: workflowtaskresults create and patch, nothing else', () => {
    expect(find(objs, 'Role', 'executor', 'team-a')).toEqual({
      apiVersion: RBAC, kind: 'Role', metadata: { name: 'executor', namespace: 'team-a', labels: LABELS },
      rules: [{ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] }],
    });
  });

  test('RoleBinding executor-argo-workflow binds the workflow ServiceAccount of that namespace', () => {
    expect(find(objs, 'RoleBinding', 'executor-argo-workflow', 'team-a')).toEqual({
      apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'executor-argo-workflow', namespace: 'team-a', labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'executor' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-workflow', namespace: 'team-a' }],
    });
  });

  test('the Namespace is created with Pod Security restricted labels', () => {
    expect(find(objs, 'Namespace', 'team-a')).toEqual({
      apiVersion: 'v1', kind: 'Namespace',
      metadata: {
        name: 'team-a',
        annotations: { 'argocd.argoproj.io/sync-wave': '-20' },
        labels: {
          ...stdLabels('namespaces'),
          'kubernetes.io/metadata.name': 'team-a',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
  });

  test('no agent or artifactgc Role', () => {
    expect(objs.filter((o) => /^(agent|artifactgc)/.test(o.metadata.name))).toEqual([]);
  });
});

describe('workflow namespace options', () => {
  test('agent: Role agent (workflowtasksets list/watch, workflowtasksets/status patch), its binding and the token Secret', () => {
    const objs = synthObjects({ workflowNamespaces: [{ name: 'team-a', agent: true }] });
    expect(ofComponent(objs).map(key)).toEqual([
      'ServiceAccount team-a/argo-workflow',
      'Role team-a/executor',
      'RoleBinding team-a/executor-argo-workflow',
      'Role team-a/agent',
      'RoleBinding team-a/agent-argo-workflow',
      'Secret team-a/argo-workflow.service-account-token',
    ]);
    // Agent pods mount <sa>.service-account-token instead of an automounted token; the token
    // controller fills it in the cluster, so it carries no data here.
    expect(find(objs, 'Secret', 'argo-workflow.service-account-token', 'team-a')).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 'argo-workflow.service-account-token', namespace: 'team-a', labels: LABELS,
        annotations: { 'kubernetes.io/service-account.name': 'argo-workflow' },
      },
    });
    expect(find(objs, 'Role', 'agent', 'team-a').rules).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflowtasksets'], verbs: ['list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflowtasksets/status'], verbs: ['patch'] },
    ]);
    expect(find(objs, 'RoleBinding', 'agent-argo-workflow', 'team-a')).toEqual({
      apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'agent-argo-workflow', namespace: 'team-a', labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'agent' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-workflow', namespace: 'team-a' }],
    });
  });

  test('artifactGC: its own ServiceAccount argo-artifact-gc, bound to Role artifactgc (workflowartifactgctasks list/watch, status patch); GC pods run as it', () => {
    const objs = synthObjects({ workflowNamespaces: [{ name: 'team-a', artifactGC: true }] });
    // Without spec.artifactGC.serviceAccountName, GC pods would run as `default`, which has no Role.
    const cm = find(objs, 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(cm.data.workflowDefaults).toContain('artifactGC:\n    serviceAccountName: argo-artifact-gc\n');
    expect(cm.data.workflowDefaults).toContain('  serviceAccountName: argo-workflow\n');
    expect(ofComponent(objs).map(key)).toEqual([
      'ServiceAccount team-a/argo-workflow',
      'Role team-a/executor',
      'RoleBinding team-a/executor-argo-workflow',
      'ServiceAccount team-a/argo-artifact-gc',
      'Role team-a/artifactgc',
      'RoleBinding team-a/artifactgc-argo-artifact-gc',
    ]);
    expect(find(objs, 'ServiceAccount', 'argo-artifact-gc', 'team-a')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo-artifact-gc', namespace: 'team-a', labels: LABELS },
    });
    expect(find(objs, 'Role', 'artifactgc', 'team-a').rules).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflowartifactgctasks'], verbs: ['list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflowartifactgctasks/status'], verbs: ['patch'] },
    ]);
    expect(find(objs, 'RoleBinding', 'artifactgc-argo-artifact-gc', 'team-a')).toEqual({
      apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'artifactgc-argo-artifact-gc', namespace: 'team-a', labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'artifactgc' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-artifact-gc', namespace: 'team-a' }],
    });
    // The workflow service account is bound to executor only: it cannot act as GC.
    expect(ofKind(objs, 'RoleBinding').filter((b) => b.subjects?.some((x: { name: string }) => x.name === 'argo-workflow')).map(key)).toEqual(['RoleBinding team-a/executor-argo-workflow']);
  });

  test('artifactGC: the GC service account is the default of GC pods even when workflow namespaces use different accounts', () => {
    const cm = find(synthObjects({ workflowNamespaces: [{ name: 'a', artifactGC: true }, { name: 'b', serviceAccountName: 'runner', artifactGC: true }] }), 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(cm.data.workflowDefaults).toBe('spec:\n  artifactGC:\n    serviceAccountName: argo-artifact-gc\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 8737\n    seccompProfile:\n      type: RuntimeDefault\n');
  });

  test('a workflow service account named argo-artifact-gc next to artifactGC is refused', () => {
    expect(() => synthObjects({ workflowNamespaces: [{ name: 'a', artifactGC: true, serviceAccountName: 'argo-artifact-gc' }] })).toThrow(
      'workflowNamespaces[0].serviceAccountName "argo-artifact-gc" is invalid: "argo-artifact-gc" is the artifact GC service account of this namespace (artifactGC is true); workflows must not run with its delete rights. Fix: use "argo-workflow"');
  });

  test('custom service account name and annotations', () => {
    const objs = synthObjects({
      workflowNamespaces: [{ name: 'team-a', serviceAccountName: 'runner', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/runner' } }],
    });
    expect(find(objs, 'ServiceAccount', 'runner', 'team-a')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: { name: 'runner', namespace: 'team-a', labels: LABELS, annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/runner' } },
    });
    expect(find(objs, 'RoleBinding', 'executor-runner', 'team-a').subjects).toEqual([{ kind: 'ServiceAccount', name: 'runner', namespace: 'team-a' }]);
    expect(objs.filter((o) => o.metadata.name === 'argo-workflow')).toEqual([]);
  });

  test('podSecurity baseline labels the created Namespace baseline', () => {
    const ns = find(synthObjects({ workflowNamespaces: [{ name: 'team-a', podSecurity: PodSecurityLevel.BASELINE }] }), 'Namespace', 'team-a');
    expect(ns.metadata.labels).toEqual(stdLabels('namespaces', {
      'kubernetes.io/metadata.name': 'team-a',
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': 'baseline',
      'pod-security.kubernetes.io/warn': 'baseline',
    }));
  });

  test('create: false: no Namespace, but the ServiceAccount and RBAC', () => {
    const objs = synthObjects({ workflowNamespaces: [{ name: 'team-a', create: false }] });
    expect(objs.filter((o) => o.kind === 'Namespace').map(key)).toEqual(['Namespace argo']);
    expect(ofComponent(objs).map(key)).toEqual(['ServiceAccount team-a/argo-workflow', 'Role team-a/executor', 'RoleBinding team-a/executor-argo-workflow']);
  });

  test('the install namespace as a workflow namespace is not created twice', () => {
    const objs = synthObjects({ workflowNamespaces: [{ name: 'argo' }] });
    expect(ofKind(objs, 'Namespace').map(key)).toEqual(['Namespace argo']);
    expect(find(objs, 'Namespace', 'argo').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(ofComponent(objs).map(key)).toEqual([
      'ServiceAccount argo/argo-workflow',
      'Role argo/executor',
      'RoleBinding argo/executor-argo-workflow',
    ]);
  });

  test('createNamespace: false: the install namespace is created only when asked', () => {
    expect(ofKind(synthObjects({ createNamespace: false, workflowNamespaces: [{ name: 'argo' }] }), 'Namespace')).toEqual([]);
    expect(ofKind(synthObjects({ createNamespace: false, workflowNamespaces: [{ name: 'argo', create: true }] }), 'Namespace').map(key)).toEqual(['Namespace argo']);
  });

  test('several namespaces: one set of objects each, in the order given', () => {
    const objs = synthObjects({ workflowNamespaces: [{ name: 'b' }, { name: 'a', agent: true }] });
    expect(ofKind(objs, 'Namespace').map(key)).toEqual(['Namespace argo', 'Namespace b', 'Namespace a']);
    expect(ofComponent(objs).map(key)).toEqual([
      'ServiceAccount b/argo-workflow', 'Role b/executor', 'RoleBinding b/executor-argo-workflow',
      'ServiceAccount a/argo-workflow', 'Role a/executor', 'RoleBinding a/executor-argo-workflow', 'Role a/agent', 'RoleBinding a/agent-argo-workflow',
      'Secret a/argo-workflow.service-account-token',
    ]);
  });

  test('namespaced install with a managed namespace: workflow objects live in the managed namespace', () => {
    const objs = synthObjects({ scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'wf' }] });
    expect(ofComponent(objs).map(key)).toEqual(['ServiceAccount wf/argo-workflow', 'Role wf/executor', 'RoleBinding wf/executor-argo-workflow']);
    expect(ofKind(objs, 'Namespace').map(key)).toEqual(['Namespace argo', 'Namespace wf']);
  });

  test('the construct alone emits no Namespace', () => {
    const chart = Testing.chart();
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'team-a', agent: true, artifactGC: true }] });
    new WorkflowNamespace(chart, 'wn', { ctx: plan, namespace: plan.workflowNamespaces[0] });
    expect(Testing.synth(chart).map((o: K8sObject) => key(o))).toEqual([
      'ServiceAccount team-a/argo-workflow',
      'Role team-a/executor', 'RoleBinding team-a/executor-argo-workflow',
      'Role team-a/agent', 'RoleBinding team-a/agent-argo-workflow', 'Secret team-a/argo-workflow.service-account-token',
      'ServiceAccount team-a/argo-artifact-gc', 'Role team-a/artifactgc', 'RoleBinding team-a/artifactgc-argo-artifact-gc',
    ]);
  });
});
