import fc from 'fast-check';
import { Credentials } from '../../src/config/credentials';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { subjectOf } from '../../src/config/identity/subjects';
import {
  validateAzureClientId, validateGcpServiceAccountEmail, validateIamRoleArn, validateRamRoleName, WorkloadIdentity, WorkloadIdentityKind,
} from '../../src/config/identity/workload-identity';
import { bad, expectInvalid } from './_helpers';

const ARN = 'arn:aws:iam::123456789012:role/argo-workflows';
const GSA = 'argo-workflows@my-project.iam.gserviceaccount.com';
const CLIENT_ID = '6f2d4f6e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const S3_SDK = ArtifactRepository.s3({ bucket: 'argo-artifacts', region: 'us-east-1', useSDKCreds: true });
const S3_KEYS = ArtifactRepository.s3({ bucket: 'argo-artifacts', accessKeySecret: { name: 's3', key: 'accessKey' }, secretKeySecret: { name: 's3', key: 'secretKey' } });
const S3_SECRET = [{ name: 's3', keys: ['accessKey', 'secretKey'], credentials: Credentials.existing() }];
const resolve = (props: ArgoWorkflowsProps) => () => resolveArgoWorkflows(props);

describe('WorkloadIdentity factories', () => {
  test('each variant carries its annotations, pod labels and namespace labels', () => {
    const cases: [WorkloadIdentity, WorkloadIdentityKind, Record<string, string>, Record<string, string>, Record<string, string>][] = [
      [WorkloadIdentity.awsIrsa(ARN), WorkloadIdentityKind.AWS_IRSA, { 'eks.amazonaws.com/role-arn': ARN }, {}, {}],
      [WorkloadIdentity.awsPodIdentity(), WorkloadIdentityKind.AWS_POD_IDENTITY, {}, {}, {}],
      [WorkloadIdentity.gke(GSA), WorkloadIdentityKind.GKE, { 'iam.gke.io/gcp-service-account': GSA }, {}, {}],
      [WorkloadIdentity.azure(CLIENT_ID), WorkloadIdentityKind.AZURE, { 'azure.workload.identity/client-id': CLIENT_ID }, { 'azure.workload.identity/use': 'true' }, {}],
      [WorkloadIdentity.alibabaRrsa('argo-workflows'), WorkloadIdentityKind.ALIBABA_RRSA, { 'pod-identity.alibabacloud.com/role-name': 'argo-workflows' }, {},
        { 'pod-identity.alibabacloud.com/injection': 'on' }],
    ];
    for (const [id, kind, annotations, podLabels, namespaceLabels] of cases) {
      expect([id.kind, id.serviceAccountAnnotations, id.podLabels, id.namespaceLabels]).toEqual([kind, annotations, podLabels, namespaceLabels]);
      expect(Object.isFrozen(id) && Object.isFrozen(id.serviceAccountAnnotations)).toBe(true);
    }
    expect(WorkloadIdentity.gke(GSA).describe()).toBe(`WorkloadIdentity.gke("${GSA}")`);
    expect(WorkloadIdentity.awsPodIdentity().describe()).toBe('WorkloadIdentity.awsPodIdentity()');
  });

  test('ARNs of every partition and with a path are accepted', () => {
    for (const arn of ['arn:aws-cn:iam::123456789012:role/a', 'arn:aws-us-gov:iam::123456789012:role/team/data/argo', 'arn:aws:iam::123456789012:role/a+b=c,d.e@f_g-h']) {
      expect(WorkloadIdentity.awsIrsa(arn).value).toBe(arn);
    }
  });

  test('bad values: exact messages', () => {
    expectInvalid(() => WorkloadIdentity.awsIrsa('arn:aws:iam::12345:role/x'),
      'awsIrsa.roleArn "arn:aws:iam::12345:role/x" is invalid: it must be an IAM role ARN "arn:<partition>:iam::<12-digit account>:role/<path/>name", the name at most 64 letters, digits and "+=,.@_-". Fix: copy the role ARN from IAM, e.g. "arn:aws:iam::123456789012:role/argo-workflows"');
    expectInvalid(() => WorkloadIdentity.awsIrsa(`arn:aws:iam::123456789012:role/${'a'.repeat(65)}`, 'workloadIdentity.server'),
      `workloadIdentity.server.awsIrsa.roleArn "arn:aws:iam::123456789012:role/${'a'.repeat(65)}" is invalid: it must be an IAM role ARN "arn:<partition>:iam::<12-digit account>:role/<path/>name", the name at most 64 letters, digits and "+=,.@_-". Fix: copy the role ARN from IAM, e.g. "arn:aws:iam::123456789012:role/argo-workflows"`);
    expect(() => WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:user/argo')).toThrow('awsIrsa.roleArn "arn:aws:iam::123456789012:user/argo" is invalid');
    expectInvalid(() => WorkloadIdentity.gke('argo@my-project.com'),
      'gke.serviceAccountEmail "argo@my-project.com" is invalid: it must be a Google service account email "<name>@<project>.iam.gserviceaccount.com" (name and project: 6-30 lower-case letters, digits and "-", starting with a letter). Fix: create a dedicated service account, e.g. "argo-workflows@my-project.iam.gserviceaccount.com"');
    expectInvalid(() => WorkloadIdentity.gke('123456789-compute@developer.gserviceaccount.com'),
      'gke.serviceAccountEmail "123456789-compute@developer.gserviceaccount.com" is invalid: a default (Compute Engine or App Engine) service account cannot be impersonated through Workload Identity; it must be "<name>@<project>.iam.gserviceaccount.com". Fix: create a dedicated service account, e.g. "argo-workflows@my-project.iam.gserviceaccount.com"');
    expectInvalid(() => WorkloadIdentity.azure('not-a-guid'),
      'azure.clientId "not-a-guid" is invalid: it must be the client id of the managed identity, a GUID like "00000000-0000-0000-0000-000000000000". Fix: copy clientId from the user-assigned managed identity (az identity show --query clientId)');
    expectInvalid(() => WorkloadIdentity.alibabaRrsa('acs:ram::1234567890123456:role/argo-workflows'),
      'alibabaRrsa.roleName "acs:ram::1234567890123456:role/argo-workflows" is invalid: the webhook takes the RAM role name, not its ARN. Fix: use "argo-workflows"');
    expectInvalid(() => WorkloadIdentity.alibabaRrsa('argo_workflows'),
      'alibabaRrsa.roleName "argo_workflows" is invalid: it must be a RAM role name: 1-64 letters, digits, "." and "-". Fix: give the role name, e.g. "argo-workflows"');
    expect(() => WorkloadIdentity.awsIrsa(bad(42))).toThrow('awsIrsa.roleArn 42 is invalid');
  });

  test('property: the validators accept exactly their shapes, and never throw anything but a ValidationError', () => {
    const account = fc.stringMatching(/^\d{12}$/);
    const roleName = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
    fc.assert(fc.property(account, roleName, (a, n) => validateIamRoleArn('x', `arn:aws:iam::${a}:role/${n}`) === `arn:aws:iam::${a}:role/${n}`));
    const id = fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    fc.assert(fc.property(id, id, (n, p) => validateGcpServiceAccountEmail('x', `${n}@${p}.iam.gserviceaccount.com`) !== undefined));
    fc.assert(fc.property(fc.uuid(), (u) => validateAzureClientId('x', u) === u));
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9.-]{1,64}$/), (n) => validateRamRoleName('x', n) === n));
    for (const validate of [validateIamRoleArn, validateGcpServiceAccountEmail, validateAzureClientId, validateRamRoleName]) {
      fc.assert(fc.property(fc.anything(), (v) => {
        try { validate('x', v); } catch (e) { if ((e as Error).name !== 'ValidationError') throw e; }
      }));
      // Wildcards never reach a trust condition.
      expect(() => validate('x', '*')).toThrow();
    }
  });
});

describe('workloadIdentity options', () => {
  const base: ArgoWorkflowsProps = { artifactRepository: S3_SDK, workflowNamespaces: [{ name: 'argo', artifactGC: true }, { name: 'team-b', artifactGC: true }] };

  test('defaults for every namespace, a namespace override, GC defaulting to the workflow identity', () => {
    const wf = WorkloadIdentity.awsIrsa(ARN);
    const own = WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/team-b');
    const plan = resolveArgoWorkflows({ ...base, workloadIdentity: { workflows: wf }, workflowNamespaces: [{ name: 'argo', artifactGC: true }, { name: 'team-b', artifactGC: true, workloadIdentity: own }] });
    expect(plan.workflowNamespaces.map((n) => [n.serviceAccountAnnotations, n.artifactGCServiceAccount])).toEqual([
      [{ 'eks.amazonaws.com/role-arn': ARN }, { name: 'argo-artifact-gc', annotations: { 'eks.amazonaws.com/role-arn': ARN } }],
      // GC defaults to the namespace's own workflow identity.
      [{ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/team-b' }, { name: 'argo-artifact-gc', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/team-b' } }],
    ]);
    expect(plan.server?.serviceAccountAnnotations).toEqual({});
  });

  test('serviceAccountSubjects: argo-server read, workflow read+write, GC read+delete, each with its identity', () => {
    const server = WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/argo-server');
    const gc = WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/argo-artifact-gc');
    const plan = resolveArgoWorkflows({ ...base, workloadIdentity: { server, workflows: WorkloadIdentity.awsPodIdentity(), artifactGC: gc } });
    expect(plan.serviceAccountSubjects.map((s) => ({ ...s, workloadIdentity: s.workloadIdentity?.describe() }))).toEqual([
      { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'], workloadIdentity: server.describe() },
      { namespace: 'argo', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'], workloadIdentity: 'WorkloadIdentity.awsPodIdentity()' },
      { namespace: 'argo', name: 'argo-artifact-gc', component: 'artifact-gc', access: ['read', 'delete'], workloadIdentity: gc.describe() },
      { namespace: 'team-b', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'], workloadIdentity: 'WorkloadIdentity.awsPodIdentity()' },
      { namespace: 'team-b', name: 'argo-artifact-gc', component: 'artifact-gc', access: ['read', 'delete'], workloadIdentity: gc.describe() },
    ]);
    expect(plan.serviceAccountSubjects.map(subjectOf)).toEqual([
      'system:serviceaccount:argo:argo-server', 'system:serviceaccount:argo:argo-workflow', 'system:serviceaccount:argo:argo-artifact-gc', 'system:serviceaccount:team-b:argo-workflow',
      'system:serviceaccount:team-b:argo-artifact-gc',
    ]);
    // Without identities the subjects are still listed (static keys or none), and argo-server only when it runs.
    expect(resolveArgoWorkflows({ server: { enabled: false }, workflowNamespaces: [{ name: 'wf', serviceAccountName: 'runner' }] }).serviceAccountSubjects)
      .toEqual([{ namespace: 'wf', name: 'runner', component: 'workflow', access: ['read', 'write'] }]);
  });

  test('Azure: client id annotations, the use label on argo-server, workflow pods and GC pods', () => {
    const plan = resolveArgoWorkflows({
      artifactRepository: ArtifactRepository.azure({ endpoint: 'https://argoartifacts.blob.core.windows.net', container: 'artifacts', useSDKCreds: true }),
      workflowNamespaces: [{ name: 'argo', artifactGC: true }],
      workloadIdentity: { server: WorkloadIdentity.azure(CLIENT_ID), workflows: WorkloadIdentity.azure(CLIENT_ID) },
    });
    expect(plan.server?.serviceAccountAnnotations).toEqual({ 'azure.workload.identity/client-id': CLIENT_ID });
    expect(plan.server?.pod.labels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(plan.controller.config.workflowDefaults?.spec).toMatchObject({
      podMetadata: { labels: { 'azure.workload.identity/use': 'true' } },
      artifactGC: { serviceAccountName: 'argo-artifact-gc', podMetadata: { labels: { 'azure.workload.identity/use': 'true' } } },
    });
  });

  test('Alibaba RRSA: role name annotation and the injection label on the namespaces of the pods', () => {
    const plan = resolveArgoWorkflows({
      artifactRepository: ArtifactRepository.oss({ endpoint: 'https://oss-cn-hangzhou-internal.aliyuncs.com', bucket: 'argo-artifacts', useSDKCreds: true }),
      workflowNamespaces: [{ name: 'team-a', workloadIdentity: WorkloadIdentity.alibabaRrsa('argo-workflows') }, { name: 'team-b' }],
      workloadIdentity: { server: WorkloadIdentity.alibabaRrsa('argo-server') },
    });
    expect(plan.namespaceLabels).toEqual({ 'pod-identity.alibabacloud.com/injection': 'on' });
    expect(plan.workflowNamespaces.map((n) => n.labels)).toEqual([{ 'pod-identity.alibabacloud.com/injection': 'on' }, {}]);
    expect(plan.workflowNamespaces[0].serviceAccountAnnotations).toEqual({ 'pod-identity.alibabacloud.com/role-name': 'argo-workflows' });
    expect(plan.controller.config.workflowDefaults?.spec).not.toHaveProperty('podMetadata');
  });

  test('GKE with GCS; no controller config or pod labels for identities without labels', () => {
    const plan = resolveArgoWorkflows({ artifactRepository: ArtifactRepository.gcs({ bucket: 'argo-artifacts' }), workflowNamespaces: [{ name: 'argo' }], workloadIdentity: { workflows: WorkloadIdentity.gke(GSA) } });
    expect(plan.workflowNamespaces[0].serviceAccountAnnotations).toEqual({ 'iam.gke.io/gcp-service-account': GSA });
    expect(plan.controller.config.workflowDefaults?.spec).toEqual({
      serviceAccountName: 'argo-workflow', securityContext: { runAsNonRoot: true, runAsUser: 8737, seccompProfile: { type: 'RuntimeDefault' } },
    });
  });

  test('bad input: exact messages', () => {
    expectInvalid(resolve({ ...base, workloadIdentity: { workflows: bad(ARN) } }),
      `workloadIdentity.workflows "${ARN}" is invalid: it must be a WorkloadIdentity made by one of its factories. Fix: use WorkloadIdentity.awsIrsa(roleArn), .awsPodIdentity(), .gke(serviceAccountEmail), .azure(clientId) or .alibabaRrsa(roleName)`);
    expectInvalid(resolve({ ...base, workloadIdentity: bad({ workflow: WorkloadIdentity.awsPodIdentity() }) }),
      'workloadIdentity.workflow is not an option argo-stack knows; allowed here: server, workflows, artifactGC. Fix: rename it to "workflows"');
    expectInvalid(resolve({ ...base, workflowNamespaces: [{ name: 'a', workloadIdentity: bad({ roleArn: ARN }) }] }),
      'workflowNamespaces[0].workloadIdentity {"roleArn":"arn:aws:iam::123456789012:role/argo-workflows"} is invalid: it must be a WorkloadIdentity made by one of its factories. Fix: use WorkloadIdentity.awsIrsa(roleArn), .awsPodIdentity(), .gke(serviceAccountEmail), .azure(clientId) or .alibabaRrsa(roleName)');
    expectInvalid(resolve({ ...base, server: { enabled: false }, workloadIdentity: { server: WorkloadIdentity.awsPodIdentity() } }),
      'workloadIdentity.server is set but argo-server is disabled (server.enabled: false). Fix: remove workloadIdentity.server, or enable argo-server');
    expectInvalid(resolve({ artifactRepository: S3_SDK, workloadIdentity: { workflows: WorkloadIdentity.awsPodIdentity() } }),
      'workloadIdentity.workflows is set but there is no workflow namespace, so no workflow service account to give it to. Fix: add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }], or remove workloadIdentity.workflows');
    expectInvalid(resolve({ artifactRepository: S3_SDK, workflowNamespaces: [{ name: 'argo' }], workloadIdentity: { artifactGC: WorkloadIdentity.awsPodIdentity() } }),
      'workloadIdentity.artifactGC is set but no workflow namespace has artifactGC: true, so there is no artifact GC service account to give it to. Fix: set artifactGC: true on the workflow namespaces that collect artifacts, or remove workloadIdentity.artifactGC');
    expectInvalid(resolve({ artifactRepository: S3_SDK, workflowNamespaces: [{ name: 'argo', artifactGCWorkloadIdentity: WorkloadIdentity.awsPodIdentity() }] }),
      'workflowNamespaces[0].artifactGCWorkloadIdentity is set but workflowNamespaces[0].artifactGC is not true, so there is no artifact GC service account to give it to. Fix: set workflowNamespaces[0].artifactGC to true, or remove workflowNamespaces[0].artifactGCWorkloadIdentity');
  });

  test('a raw annotation the identity also sets is configured twice', () => {
    expectInvalid(resolve({ ...base, workflowNamespaces: [{ name: 'argo', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ARN }, workloadIdentity: WorkloadIdentity.awsIrsa(ARN) }] }),
      `workflowNamespaces[0].serviceAccountAnnotations["eks.amazonaws.com/role-arn"] is set and so is workflowNamespaces[0].workloadIdentity (WorkloadIdentity.awsIrsa("${ARN}")), which sets that annotation: it would be configured twice. Fix: remove the annotation from workflowNamespaces[0].serviceAccountAnnotations and keep workflowNamespaces[0].workloadIdentity`);
    expectInvalid(resolve({ ...base, server: { serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ARN } }, workloadIdentity: { server: WorkloadIdentity.awsIrsa(ARN) } }),
      `server.serviceAccountAnnotations["eks.amazonaws.com/role-arn"] is set and so is workloadIdentity.server (WorkloadIdentity.awsIrsa("${ARN}")), which sets that annotation: it would be configured twice. Fix: remove the annotation from server.serviceAccountAnnotations and keep workloadIdentity.server`);
    // Other annotations next to the identity are fine.
    const plan = resolveArgoWorkflows({ ...base, workflowNamespaces: [{ name: 'argo', serviceAccountAnnotations: { 'eks.amazonaws.com/sts-regional-endpoints': 'true' }, workloadIdentity: WorkloadIdentity.awsIrsa(ARN) }] });
    expect(plan.workflowNamespaces[0].serviceAccountAnnotations).toEqual({ 'eks.amazonaws.com/role-arn': ARN, 'eks.amazonaws.com/sts-regional-endpoints': 'true' });
  });

  test('RRSA on a namespace argo-stack does not create', () => {
    expectInvalid(resolve({
      artifactRepository: ArtifactRepository.oss({ endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'argo-artifacts', useSDKCreds: true }),
      workflowNamespaces: [{ name: 'team-a', create: false, workloadIdentity: WorkloadIdentity.alibabaRrsa('argo-workflows') }],
    }), 'workflowNamespaces[0].workloadIdentity is WorkloadIdentity.alibabaRrsa("argo-workflows"), which needs the label pod-identity.alibabacloud.com/injection=on on the namespace "team-a", but argo-stack does not create that namespace. Fix: let argo-stack create it, or label it yourself (kubectl label namespace team-a pod-identity.alibabacloud.com/injection=on) and give the role through serviceAccountAnnotations instead of workflowNamespaces[0].workloadIdentity');
  });
});

describe('a workload identity on a cloud the artifact repository does not use', () => {
  const ns = [{ name: 'argo' }];

  test('gke() while the default repository is S3', () => {
    expectInvalid(resolve({ artifactRepository: S3_SDK, workflowNamespaces: ns, workloadIdentity: { workflows: WorkloadIdentity.gke(GSA) } }),
      `workloadIdentity.workflows is WorkloadIdentity.gke("${GSA}"), an identity on Google Cloud Storage, but no artifact repository is on Google Cloud Storage (artifactRepository: s3): the identity would reach no bucket Argo uses. Fix: use the identity of the repositories' cloud (WorkloadIdentity.awsIrsa(roleArn) or WorkloadIdentity.awsPodIdentity()), or add a gcs repository`);
  });

  test('awsIrsa with Azure Blob, in a namespace override', () => {
    expectInvalid(resolve({
      artifactRepositories: { repositories: { blob: ArtifactRepository.azure({ endpoint: 'https://argoartifacts.blob.core.windows.net', container: 'artifacts', useSDKCreds: true }) } },
      workflowNamespaces: [{ name: 'argo', workloadIdentity: WorkloadIdentity.awsIrsa(ARN) }],
    }), `workflowNamespaces[0].workloadIdentity is WorkloadIdentity.awsIrsa("${ARN}"), an identity on Amazon S3, but no artifact repository is on Amazon S3 (artifactRepositories.repositories["blob"]: azure): the identity would reach no bucket Argo uses. Fix: use the identity of the repositories' cloud (WorkloadIdentity.azure(clientId)), or add a s3 repository`);
  });

  test('gke() with S3 on the GCS endpoint (HMAC keys, not Workload Identity)', () => {
    const hmac = ArtifactRepository.s3({ bucket: 'argo-artifacts', endpoint: 'storage.googleapis.com', accessKeySecret: { name: 's3', key: 'accessKey' }, secretKeySecret: { name: 's3', key: 'secretKey' } });
    expect(hmac.spec.s3?.endpoint).toBe('storage.googleapis.com');
    expectInvalid(resolve({ artifactRepository: hmac, secrets: S3_SECRET, workflowNamespaces: ns, workloadIdentity: { workflows: WorkloadIdentity.gke(GSA) } }),
      `workloadIdentity.workflows is WorkloadIdentity.gke("${GSA}"), an identity on Google Cloud Storage, but no artifact repository is on Google Cloud Storage (artifactRepository: s3): the identity would reach no bucket Argo uses. Fix: use the identity of the repositories' cloud (none: an s3 repository on storage.googleapis.com signs with HMAC keys), or add a gcs repository`);
  });

  test('an AWS identity while the S3 repository signs with static keys: useSDKCreds is needed', () => {
    expectInvalid(resolve({ artifactRepository: S3_KEYS, secrets: S3_SECRET, workflowNamespaces: ns, workloadIdentity: { workflows: WorkloadIdentity.awsIrsa(ARN) } }),
      `workloadIdentity.workflows is WorkloadIdentity.awsIrsa("${ARN}"), but every s3 repository signs with static keys (artifactRepository), so Argo never uses the pod's identity. Fix: in artifactRepository, set useSDKCreds: true and remove accessKeySecret and secretKeySecret`);
    // MinIO's repository signs with its keys too.
    expectInvalid(resolve({ minio: true, workflowNamespaces: ns, workloadIdentity: { server: WorkloadIdentity.awsPodIdentity() } }),
      'workloadIdentity.server is WorkloadIdentity.awsPodIdentity(), but every s3 repository signs with static keys (minio), so Argo never uses the pod\'s identity. Fix: in minio, set useSDKCreds: true and remove accessKeySecret and secretKeySecret');
  });

  test('GCS with a key Secret, Azure with an account key', () => {
    expectInvalid(resolve({
      artifactRepository: ArtifactRepository.gcs({ bucket: 'argo-artifacts', serviceAccountKeySecret: { name: 'gcs', key: 'key.json' } }),
      secrets: [{ name: 'gcs', keys: ['key.json'], credentials: Credentials.existing() }], workflowNamespaces: ns, workloadIdentity: { workflows: WorkloadIdentity.gke(GSA) },
    }), `workloadIdentity.workflows is WorkloadIdentity.gke("${GSA}"), but every gcs repository signs with a service account key (artifactRepository), so Argo never uses the pod's identity. Fix: in artifactRepository, remove serviceAccountKeySecret (Argo then uses the pod's Workload Identity)`);
    expectInvalid(resolve({
      artifactRepository: ArtifactRepository.azure({ endpoint: 'https://argoartifacts.blob.core.windows.net', container: 'artifacts', accountKeySecret: { name: 'blob', key: 'key' } }),
      secrets: [{ name: 'blob', keys: ['key'], credentials: Credentials.existing() }], workflowNamespaces: ns, workloadIdentity: { workflows: WorkloadIdentity.azure(CLIENT_ID) },
    }), `workloadIdentity.workflows is WorkloadIdentity.azure("${CLIENT_ID}"), but every azure repository signs with static keys (artifactRepository), so Argo never uses the pod's identity. Fix: in artifactRepository, set useSDKCreds: true and remove accountKeySecret`);
  });

  test('one repository on the identity\'s cloud through the SDK is enough; no repository at all is not checked', () => {
    expect(() => resolveArgoWorkflows({ minio: true, artifactRepository: S3_SDK, workflowNamespaces: ns, workloadIdentity: { workflows: WorkloadIdentity.awsIrsa(ARN) } })).not.toThrow();
    expect(() => resolveArgoWorkflows({ workflowNamespaces: ns, workloadIdentity: { workflows: WorkloadIdentity.gke(GSA) } })).not.toThrow();
  });
});
