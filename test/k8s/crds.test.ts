import { CrdMode, InstallScope } from '../../src/config/options';
import { find, K8sObject, key, ofKind, stdLabels, synthObjects } from '../util';

const LABELS = stdLabels('crds');
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const CRD_NAMES = [
  'clusterworkflowtemplates.argoproj.io',
  'cronworkflows.argoproj.io',
  'workflowartifactgctasks.argoproj.io',
  'workfloweventbindings.argoproj.io',
  'workflows.argoproj.io',
  'workflowtaskresults.argoproj.io',
  'workflowtasksets.argoproj.io',
  'workflowtemplates.argoproj.io',
];
const installerObjects = (objs: K8sObject[]) => objs.filter((o) => o.metadata.name.startsWith('argo-crd-installer'));

describe('CrdMode.INSTALLER (default)', () => {
  const objs = synthObjects();

  test('emits exactly the ServiceAccount, ClusterRole, ClusterRoleBinding and Job (and the Job\'s NetworkPolicy), and no CRD', () => {
    expect(installerObjects(objs).map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'ServiceAccount argo/argo-crd-installer',
      'ClusterRole /argo-crd-installer',
      'ClusterRoleBinding /argo-crd-installer',
      'Job argo/argo-crd-installer-v4-1-2',
      'NetworkPolicy argo/argo-crd-installer',
    ]);
    expect(ofKind(objs, 'CustomResourceDefinition')).toEqual([]);
    expect(objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'crds').map(key)).toEqual([
      'ServiceAccount argo/argo-crd-installer', 'ClusterRole argo-crd-installer', 'ClusterRoleBinding argo-crd-installer', 'Job argo/argo-crd-installer-v4-1-2',
    ]);
  });

  test('ServiceAccount in the install namespace, in sync wave -10', () => {
    expect(find(objs, 'ServiceAccount', 'argo-crd-installer', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: { name: 'argo-crd-installer', namespace: 'argo', labels: LABELS, annotations: { [SYNC_WAVE]: '-10' } },
    });
  });

  test('ClusterRole: create, get and patch only the eight Argo CRDs', () => {
    expect(find(objs, 'ClusterRole', 'argo-crd-installer')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: 'argo-crd-installer', labels: LABELS, annotations: { [SYNC_WAVE]: '-10' } },
      rules: [
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: CRD_NAMES, verbs: ['create', 'get', 'patch'] },
      ],
    });
  });

  test('ClusterRoleBinding binds the installer ServiceAccount in the install namespace', () => {
    expect(find(objs, 'ClusterRoleBinding', 'argo-crd-installer')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
      metadata: { name: 'argo-crd-installer', labels: LABELS, annotations: { [SYNC_WAVE]: '-10' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'argo-crd-installer' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-crd-installer', namespace: 'argo' }],
    });
  });

  test('Job runs the crdinstaller image of the release, every field', () => {
    expect(find(objs, 'Job', 'argo-crd-installer-v4-1-2', 'argo')).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'argo-crd-installer-v4-1-2', namespace: 'argo', labels: LABELS,
        annotations: {
          [SYNC_WAVE]: '-10', 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
          'config.kubernetes.io/depends-on': 'rbac.authorization.k8s.io/ClusterRoleBinding/argo-crd-installer',
        },
      },
      spec: {
        backoffLimit: 4,
        activeDeadlineSeconds: 600,
        ttlSecondsAfterFinished: 600,
        template: {
          metadata: { labels: { app: 'argo-crd-installer', 'app.kubernetes.io/component': 'crds' } },
          spec: {
            serviceAccountName: 'argo-crd-installer',
            restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, runAsUser: 8737, runAsGroup: 8737, fsGroup: 8737, seccompProfile: { type: 'RuntimeDefault' } },
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{
              name: 'crd-installer',
              image: 'quay.io/argoproj/argo-workflows-crdinstaller:v4.1.2',
              env: [{ name: 'HOME', value: '/tmp' }],
              resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false,
                readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    });
  });

  test('the Job name and image follow the version; a custom namespace reaches SA, binding subject and Job', () => {
    const objs2 = synthObjects({ version: 'v4.0.10', namespace: 'ops' });
    const job = find(objs2, 'Job', 'argo-crd-installer-v4-0-10', 'ops');
    expect(job.spec.template.spec.containers[0].image).toBe('quay.io/argoproj/argo-workflows-crdinstaller:v4.0.10');
    expect(find(objs2, 'ServiceAccount', 'argo-crd-installer', 'ops').metadata.namespace).toBe('ops');
    // Cluster-scoped names carry the install namespace, so two installs never rebind each other's.
    expect(find(objs2, 'ClusterRoleBinding', 'ops-crd-installer').subjects).toEqual([{ kind: 'ServiceAccount', name: 'argo-crd-installer', namespace: 'ops' }]);
    expect(find(objs2, 'ClusterRoleBinding', 'ops-crd-installer').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ops-crd-installer' });
    expect(find(objs2, 'ClusterRole', 'ops-crd-installer').rules[0].resourceNames).toEqual(CRD_NAMES);
  });

  test('images.crdInstaller overrides the image', () => {
    const ref = 'registry.example.com/argo-workflows-crdinstaller:v4.1.2';
    const job = ofKind(synthObjects({ images: { crdInstaller: ref } }), 'Job')[0];
    expect(job.spec.template.spec.containers[0].image).toBe(ref);
    // The name carries a hash of the image, so that it changes with the image (see the next test).
    expect(job.metadata.name).toBe('argo-crd-installer-v4-1-2-c9b5a97e');
  });

  // A Job's spec.template is immutable: pinning a digest or switching to a mirror for the same version
  // must give a new Job name, or `kubectl apply` / Argo CD fail with "field is immutable".
  test('a different installer image for the same version gives a new Job name', () => {
    const jobName = (o: K8sObject[]) => ofKind(o, 'Job').map((j) => j.metadata.name);
    const mirrored = synthObjects({ imageRegistry: 'registry.example.com/argoproj' });
    expect(ofKind(mirrored, 'Job')[0].spec.template.spec.containers[0].image).toBe('registry.example.com/argoproj/argo-workflows-crdinstaller:v4.1.2');
    expect(jobName(objs)).toEqual(['argo-crd-installer-v4-1-2']);
    expect(jobName(mirrored)).toEqual(['argo-crd-installer-v4-1-2-b6426668']);
  });

  test('a namespaced install keeps the installer (CRDs are cluster-scoped)', () => {
    const objs2 = synthObjects({ scope: InstallScope.NAMESPACED });
    expect(installerObjects(objs2).map(key)).toEqual([
      'ServiceAccount argo/argo-crd-installer',
      'ClusterRole argo-crd-installer',
      'ClusterRoleBinding argo-crd-installer',
      'Job argo/argo-crd-installer-v4-1-2',
      'NetworkPolicy argo/argo-crd-installer',
    ]);
  });

  // Argo CD orders by wave before kind and waits for a wave to be healthy before the next one, so the
  // Job's ClusterRole/ClusterRoleBinding and the install Namespace must come in the same or an earlier wave.
  test('everything the installer Job needs is in a sync wave at or before the Job', () => {
    const wave = (o: K8sObject) => Number(o.metadata.annotations?.[SYNC_WAVE] ?? '0');
    const job = find(objs, 'Job', 'argo-crd-installer-v4-1-2', 'argo');
    const needs = [
      find(objs, 'Namespace', 'argo'),
      find(objs, 'ServiceAccount', 'argo-crd-installer', 'argo'),
      find(objs, 'ClusterRole', 'argo-crd-installer'),
      find(objs, 'ClusterRoleBinding', 'argo-crd-installer'),
    ];
    expect(wave(job)).toBe(-10);
    expect(needs.map((o) => [key(o), wave(o)])).toEqual([
      ['Namespace argo', -20],
      ['ServiceAccount argo/argo-crd-installer', -10],
      ['ClusterRole argo-crd-installer', -10],
      ['ClusterRoleBinding argo-crd-installer', -10],
    ]);
    for (const o of needs) expect(wave(o)).toBeLessThanOrEqual(wave(job));
  });
});

describe('CrdMode.MINIMAL', () => {
  const objs = synthObjects({ crds: CrdMode.MINIMAL });
  const crds = ofKind(objs, 'CustomResourceDefinition');
  const crd = (name: string) => find(objs, 'CustomResourceDefinition', name);

  test('exactly the eight Argo CRDs and no installer', () => {
    expect(crds.map((c) => c.metadata.name)).toEqual(CRD_NAMES);
    expect(installerObjects(objs)).toEqual([]);
    expect(ofKind(objs, 'Job')).toEqual([]);
  });

  /** The top-level properties of each minimal schema (exact schemas: "minimal schemas" below). */
  const OPEN = { type: 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-preserve-unknown-fields': true };
  const BASE = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
  const SPEC = { type: 'object', properties: { ...BASE, spec: OPEN }, required: ['metadata', 'spec'] };
  const SPEC_STATUS = { type: 'object', properties: { ...BASE, spec: OPEN, status: OPEN }, required: ['metadata', 'spec'] };
  const RESULT = {
    type: 'object', properties: { ...BASE, message: { type: 'string' }, outputs: OPEN, phase: { type: 'string' }, progress: { type: 'string' } }, required: ['metadata'],
  };
  const PRINTER_COLUMNS = [
    { description: 'Status of the workflow', jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { description: 'When the workflow was started', format: 'date-time', jsonPath: '.status.startedAt', name: 'Age', type: 'date' },
    { description: 'Human readable message indicating details about why the workflow is in this condition.', jsonPath: '.status.message', name: 'Message', type: 'string' },
  ];
  const STATUS = { subresources: { status: {} } };

  test.each<[string, string, string, string[] | undefined, string, object, object]>([
    ['clusterworkflowtemplates.argoproj.io', 'ClusterWorkflowTemplate', 'clusterworkflowtemplates', ['clusterwftmpl', 'cwft'], 'Cluster', SPEC, {}],
    ['cronworkflows.argoproj.io', 'CronWorkflow', 'cronworkflows', ['cwf', 'cronwf'], 'Namespaced', SPEC_STATUS, {}],
    ['workflowartifactgctasks.argoproj.io', 'WorkflowArtifactGCTask', 'workflowartifactgctasks', ['wfat'], 'Namespaced', SPEC_STATUS, STATUS],
    ['workfloweventbindings.argoproj.io', 'WorkflowEventBinding', 'workfloweventbindings', ['wfeb'], 'Namespaced', SPEC, {}],
    ['workflows.argoproj.io', 'Workflow', 'workflows', ['wf'], 'Namespaced', SPEC_STATUS, { additionalPrinterColumns: PRINTER_COLUMNS }],
    ['workflowtaskresults.argoproj.io', 'WorkflowTaskResult', 'workflowtaskresults', undefined, 'Namespaced', RESULT, {}],
    ['workflowtasksets.argoproj.io', 'WorkflowTaskSet', 'workflowtasksets', ['wfts'], 'Namespaced', SPEC_STATUS, STATUS],
    ['workflowtemplates.argoproj.io', 'WorkflowTemplate', 'workflowtemplates', ['wftmpl'], 'Namespaced', SPEC, {}],
  ])('%s: names, scope, group and version', (name, kind, plural, shortNames, scope, openAPIV3Schema, extra) => {
    const c = crd(name);
    expect(c.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(c.metadata).toEqual({ name, labels: LABELS });
    expect(c.spec.group).toBe('argoproj.io');
    expect(c.spec.scope).toBe(scope);
    const names: Record<string, unknown> = { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() };
    if (shortNames) names.shortNames = shortNames;
    expect(c.spec.names).toEqual(names);
    expect(c.spec.versions).toEqual([{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema }, ...extra }]);
  });

  test('only ClusterWorkflowTemplate is cluster-scoped', () => {
    expect(crds.filter((c) => c.spec.scope === 'Cluster').map((c) => c.metadata.name)).toEqual(['clusterworkflowtemplates.argoproj.io']);
  });

  test('the status subresource is only on WorkflowTaskSet and WorkflowArtifactGCTask', () => {
    expect(crds.filter((c) => c.spec.versions[0].subresources !== undefined).map((c) => c.metadata.name))
      .toEqual(['workflowartifactgctasks.argoproj.io', 'workflowtasksets.argoproj.io']);
    expect(crd('workflowtasksets.argoproj.io').spec.versions[0].subresources).toEqual({ status: {} });
    expect(crd('workflowartifactgctasks.argoproj.io').spec.versions[0].subresources).toEqual({ status: {} });
  });

  test('Workflow printer columns Status, Age, Message; no other CRD has printer columns', () => {
    expect(crd('workflows.argoproj.io').spec.versions[0].additionalPrinterColumns).toEqual([
      { description: 'Status of the workflow', jsonPath: '.status.phase', name: 'Status', type: 'string' },
      { description: 'When the workflow was started', format: 'date-time', jsonPath: '.status.startedAt', name: 'Age', type: 'date' },
      { description: 'Human readable message indicating details about why the workflow is in this condition.', jsonPath: '.status.message', name: 'Message', type: 'string' },
    ]);
    expect(crds.filter((c) => c.spec.versions[0].additionalPrinterColumns !== undefined).map((c) => c.metadata.name)).toEqual(['workflows.argoproj.io']);
  });

  test('minimal schemas: open spec/status objects, metadata and spec required', () => {
    const open = { type: 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-preserve-unknown-fields': true };
    const base = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
    expect(crd('workflows.argoproj.io').spec.versions[0].schema).toEqual({
      openAPIV3Schema: { type: 'object', properties: { ...base, spec: open, status: open }, required: ['metadata', 'spec'] },
    });
    expect(crd('clusterworkflowtemplates.argoproj.io').spec.versions[0].schema).toEqual({
      openAPIV3Schema: { type: 'object', properties: { ...base, spec: open }, required: ['metadata', 'spec'] },
    });
    // WorkflowTaskResult has no spec: its top-level fields are message, outputs, phase and progress.
    expect(crd('workflowtaskresults.argoproj.io').spec.versions[0].schema).toEqual({
      openAPIV3Schema: {
        type: 'object',
        properties: { ...base, message: { type: 'string' }, outputs: open, phase: { type: 'string' }, progress: { type: 'string' } },
        required: ['metadata'],
      },
    });
  });
});

describe('CrdMode.NONE', () => {
  test('cluster install: no CRD and no installer objects', () => {
    const objs = synthObjects({ crds: CrdMode.NONE });
    expect(ofKind(objs, 'CustomResourceDefinition')).toEqual([]);
    expect(installerObjects(objs)).toEqual([]);
    expect(objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'crds')).toEqual([]);
  });

  test('namespaced install: no CRD, no ClusterRole and no ClusterRoleBinding at all', () => {
    const objs = synthObjects({ crds: CrdMode.NONE, scope: InstallScope.NAMESPACED });
    expect(ofKind(objs, 'CustomResourceDefinition')).toEqual([]);
    expect(ofKind(objs, 'ClusterRole')).toEqual([]);
    expect(ofKind(objs, 'ClusterRoleBinding')).toEqual([]);
    expect(ofKind(objs, 'Job')).toEqual([]);
  });
});
