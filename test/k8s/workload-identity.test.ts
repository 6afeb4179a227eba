import { parse } from 'yaml';
import { WorkloadIdentity } from '../../src/config/identity/workload-identity';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { TemplateReferencing } from '../../src/config/templates/workflow-restrictions';
import { validateCustomResources } from '../schemas/custom-resources';
import { find, K8sObject, key, ofKind, stdLabels, synthObjects } from '../util';

const ARN = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const CLIENT_ID = '6f2d4f6e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const S3 = ArtifactRepository.s3({ bucket: 'argo-artifacts', region: 'eu-west-1', useSDKCreds: true });
const WF_LABELS = stdLabels('workflow-namespace');
const workflowDefaults = (objs: K8sObject[]) => parse(find(objs, 'ConfigMap', 'workflow-controller-configmap', 'argo').data.workflowDefaults);

describe('IRSA on every ServiceAccount that touches the bucket', () => {
  const objs = synthObjects({
    artifactRepository: S3,
    workflowNamespaces: [{ name: 'argo', artifactGC: true }, { name: 'team-b', artifactGC: true, workloadIdentity: WorkloadIdentity.awsIrsa(ARN('team-b')) }],
    workloadIdentity: { server: WorkloadIdentity.awsIrsa(ARN('argo-server')), workflows: WorkloadIdentity.awsIrsa(ARN('argo-workflows')), artifactGC: WorkloadIdentity.awsIrsa(ARN('argo-artifact-gc')) },
  });

  test('argo-server\'s ServiceAccount carries its role', () => {
    expect(find(objs, 'ServiceAccount', 'argo-server', 'argo').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': ARN('argo-server') });
  });

  test('argo-server runs with fsGroup 8737, so the projected token is readable by its non-root user', () => {
    const pod = find(objs, 'Deployment', 'argo-server', 'argo').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 8737, runAsNonRoot: true, fsGroup: 8737 });
  });

  test('workflow ServiceAccounts: the default, and a namespace\'s own', () => {
    expect(find(objs, 'ServiceAccount', 'argo-workflow', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo-workflow', namespace: 'argo', labels: WF_LABELS, annotations: { 'eks.amazonaws.com/role-arn': ARN('argo-workflows') } },
    });
    expect(find(objs, 'ServiceAccount', 'argo-workflow', 'team-b').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': ARN('team-b') });
  });

  test('the artifact GC ServiceAccount has the GC role; GC pods run as it', () => {
    expect(find(objs, 'ServiceAccount', 'argo-artifact-gc', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo-artifact-gc', namespace: 'argo', labels: WF_LABELS, annotations: { 'eks.amazonaws.com/role-arn': ARN('argo-artifact-gc') } },
    });
    expect(workflowDefaults(objs).spec.artifactGC).toEqual({ serviceAccountName: 'argo-artifact-gc' });
  });

  test('no pod or namespace labels for IRSA', () => {
    expect(workflowDefaults(objs).spec).not.toHaveProperty('podMetadata');
    expect(find(objs, 'Deployment', 'argo-server', 'argo').spec.template.metadata.labels).not.toHaveProperty('azure.workload.identity/use');
  });
});

describe('Azure Workload Identity', () => {
  const objs = synthObjects({
    artifactRepository: ArtifactRepository.azure({ endpoint: 'https://argoartifacts.blob.core.windows.net', container: 'artifacts', useSDKCreds: true }),
    workflowNamespaces: [{ name: 'argo', artifactGC: true }],
    workloadIdentity: { server: WorkloadIdentity.azure(CLIENT_ID), workflows: WorkloadIdentity.azure(CLIENT_ID) },
  });

  test('argo-server: client id on the ServiceAccount, the use label on the pod (not the selector)', () => {
    const d = find(objs, 'Deployment', 'argo-server', 'argo');
    expect(find(objs, 'ServiceAccount', 'argo-server', 'argo').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': CLIENT_ID });
    expect(d.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(d.spec.selector.matchLabels).not.toHaveProperty('azure.workload.identity/use');
  });

  test('workflow pods and GC pods get the label through workflowDefaults; GC defaults to the workflow identity', () => {
    expect(workflowDefaults(objs).spec).toMatchObject({
      podMetadata: { labels: { 'azure.workload.identity/use': 'true' } },
      artifactGC: { serviceAccountName: 'argo-artifact-gc', podMetadata: { labels: { 'azure.workload.identity/use': 'true' } } },
    });
    for (const sa of ['argo-workflow', 'argo-artifact-gc']) {
      expect(find(objs, 'ServiceAccount', sa, 'argo').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': CLIENT_ID });
    }
  });
});

describe('Alibaba RRSA and GKE', () => {
  test('RRSA: the injection label on the created namespaces, the role name on the ServiceAccounts', () => {
    const objs = synthObjects({
      artifactRepository: ArtifactRepository.oss({ endpoint: 'https://oss-cn-hangzhou-internal.aliyuncs.com', bucket: 'argo-artifacts', useSDKCreds: true }),
      workflowNamespaces: [{ name: 'team-a' }],
      workloadIdentity: { server: WorkloadIdentity.alibabaRrsa('argo-server'), workflows: WorkloadIdentity.alibabaRrsa('argo-workflows') },
    });
    for (const ns of ['argo', 'team-a']) expect(find(objs, 'Namespace', ns).metadata.labels?.['pod-identity.alibabacloud.com/injection']).toBe('on');
    expect(find(objs, 'ServiceAccount', 'argo-workflow', 'team-a').metadata.annotations).toEqual({ 'pod-identity.alibabacloud.com/role-name': 'argo-workflows' });
    expect(find(objs, 'ServiceAccount', 'argo-server', 'argo').metadata.annotations).toEqual({ 'pod-identity.alibabacloud.com/role-name': 'argo-server' });
  });

  test('GKE: the Google service account on the workflow ServiceAccount only', () => {
    const email = 'argo-workflows@my-project.iam.gserviceaccount.com';
    const objs = synthObjects({ artifactRepository: ArtifactRepository.gcs({ bucket: 'argo-artifacts' }), workflowNamespaces: [{ name: 'argo' }], workloadIdentity: { workflows: WorkloadIdentity.gke(email) } });
    expect(find(objs, 'ServiceAccount', 'argo-workflow', 'argo').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': email });
    expect(find(objs, 'ServiceAccount', 'argo-server', 'argo').metadata.annotations).toBeUndefined();
  });
});

describe('strict templates and executor tokens', () => {
  const objs = synthObjects({
    minio: true,
    workflowNamespaces: [{ name: 'argo', agent: true }, { name: 'team-b' }],
    workflowRestrictions: { templateReferencing: TemplateReferencing.STRICT },
    workflowServiceAccountTokens: true,
  });

  test('the example WorkflowTemplate, exact', () => {
    expect(find(objs, 'WorkflowTemplate', 'hello-world', 'team-b')).toEqual({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate',
      metadata: {
        name: 'hello-world', namespace: 'team-b', labels: WF_LABELS,
        // Applied once the CRD installer Job has finished (cli-utils, kpt, Pulumi's yaml/v2).
        annotations: { 'config.kubernetes.io/depends-on': 'batch/namespaces/argo/Job/argo-crd-installer-v4-1-2' },
      },
      spec: {
        serviceAccountName: 'argo-workflow',
        entrypoint: 'main',
        securityContext: { runAsNonRoot: true, runAsUser: 8737, runAsGroup: 8737, seccompProfile: { type: 'RuntimeDefault' } },
        templates: [{
          name: 'main',
          container: {
            name: 'main', image: 'docker.io/curlimages/curl:8.11.1', command: ['echo'], args: ['hello from {{workflow.name}}'],
            resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
            },
          },
        }],
      },
    });
  });

  test('every WorkflowTemplate passes the Argo CRD schema', () => {
    const templates = ofKind(objs, 'WorkflowTemplate');
    expect(templates.map(key)).toEqual(['WorkflowTemplate argo/hello-world', 'WorkflowTemplate team-b/hello-world']);
    expect(validateCustomResources(templates)).toEqual([null, null]);
  });

  test('the controller config: Strict, and the executor runs as the workflow service account', () => {
    const cm = find(objs, 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(parse(cm.data.workflowRestrictions)).toEqual({ templateReferencing: 'Strict' });
    expect(workflowDefaults(objs).spec).toMatchObject({ serviceAccountName: 'argo-workflow', executor: { serviceAccountName: 'argo-workflow' } });
  });

  test('one token Secret per workflow namespace, also where the agent asks for it', () => {
    expect(ofKind(objs, 'Secret').filter((s) => s.type === 'kubernetes.io/service-account-token').map(key)).toEqual([
      'Secret argo/argo-workflow.service-account-token', 'Secret team-b/argo-workflow.service-account-token',
    ]);
    expect(find(objs, 'Secret', 'argo-workflow.service-account-token', 'team-b')).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: { name: 'argo-workflow.service-account-token', namespace: 'team-b', labels: WF_LABELS, annotations: { 'kubernetes.io/service-account.name': 'argo-workflow' } },
    });
  });

  test('the example template takes the install\'s Jobs image (a mirror applies)', () => {
    const mirrored = synthObjects({
      images: { jobs: 'registry.example.com/curl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
      workflowNamespaces: [{ name: 'argo' }], workflowRestrictions: { templateReferencing: 'Secure' },
    });
    expect(find(mirrored, 'WorkflowTemplate', 'hello-world', 'argo').spec.templates[0].container.image).toBe('registry.example.com/curl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  });
});
