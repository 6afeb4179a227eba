/**
 * The whole GCP stack under `pulumi.runtime.setMocks`: the objects the Kubernetes release hands to
 * its ConfigGroup are exactly `toObjects(props)` of the props the stack built, the Google service
 * account annotation sits on exactly the service accounts each account trusts, and every workflow
 * namespace's `artifact-repositories` points at the created bucket. No Pulumi CLI, no cloud.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { toObjects } from '../../src/render/objects';
import type { K8sObject } from '../util';

const CONFIG = {
  'gcp:project': 'my-project',
  'argo-stack-gcp:bucketName': 'my-argo-artifacts',
  'argo-stack-gcp:workflowNamespaces': '["team-a","team-b"]',
  'argo-stack-gcp:artifactGC': 'true',
};
const ANNOTATION = 'iam.gke.io/gcp-service-account';

interface Registered { readonly type: string; readonly name: string; readonly inputs: Record<string, unknown> }
const registered: Registered[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (a) => {
      registered.push({ type: a.type, name: a.name, inputs: a.inputs });
      const state: Record<string, unknown> = { ...a.inputs };
      if (a.type === 'gcp:serviceaccount/account:Account') {
        state.email = `${a.inputs.accountId}@${a.inputs.project}.iam.gserviceaccount.com`;
        state.name = `projects/${a.inputs.project}/serviceAccounts/${state.email}`;
      }
      if (a.type === 'gcp:storage/bucket:Bucket') state.url = `gs://${a.inputs.name}`;
      if (a.type === 'gcp:storage/hmacKey:HmacKey') Object.assign(state, { accessId: 'GOOG1EMOCKACCESSID', secret: 'mock-secret' });
      return { id: `${a.name}-id`, state };
    },
    call: (a) => a.inputs,
  }, 'argo-stack-gcp', 'test', false);
  // The mock hands newResource no resource options: read protect and retainOnDelete from the request.
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: OptionsRequest, cb: unknown) => Promise<void> };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    options.set(`${req.getType()} ${req.getName()}`, { protect: req.getProtect(), retainOnDelete: req.getRetainondelete() });
    return original(req, cb);
  };
});

interface OptionsRequest { getType(): string; getName(): string; getProtect(): boolean; getRetainondelete(): boolean }
const options = new Map<string, { protect: boolean; retainOnDelete: boolean }>();

async function runStack(config: Record<string, string>) {
  const { run } = await import('../../stacks/gcp/program');
  const { deployKubernetes } = await import('../../stacks/gcp/kubernetes');
  const before = registered.length;
  let props: ArgoWorkflowsProps | undefined;
  const out = run(config, (c, p, storage) => { props = p; return deployKubernetes(c, p, storage); });
  await new Promise((resolve) => out.serviceAccountEmails.apply(resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const mine = registered.slice(before);
  const groups = mine.filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup');
  expect(groups).toHaveLength(1);
  const objs = groups[0].inputs.objs as K8sObject[];
  expect(objs).toEqual(JSON.parse(JSON.stringify(toObjects(props!))));
  return { objs, mine, of: (type: string) => mine.filter((r) => r.type === type) };
}

const repositoriesOf = (objs: K8sObject[], ns: string) =>
  Object.values(objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories' && o.metadata.namespace === ns)!.data as Record<string, string>).join('\n');

test('Workload Identity: the release deploys exactly toObjects(props), the annotation on exactly the trusted service accounts, gcs in every workflow namespace', async () => {
  const { objs, of } = await runStack(CONFIG);
  const annotated = Object.fromEntries(objs.filter((o) => o.kind === 'ServiceAccount' && o.metadata.annotations?.[ANNOTATION])
    .map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.annotations?.[ANNOTATION] as string]));
  expect(annotated).toEqual({
    'argo/argo-server': 'argo-workflows-reader@my-project.iam.gserviceaccount.com',
    'team-a/argo-workflow': 'argo-workflows-writer@my-project.iam.gserviceaccount.com',
    'team-a/argo-artifact-gc': 'argo-workflows-writer@my-project.iam.gserviceaccount.com',
    'team-b/argo-workflow': 'argo-workflows-writer@my-project.iam.gserviceaccount.com',
    'team-b/argo-artifact-gc': 'argo-workflows-writer@my-project.iam.gserviceaccount.com',
  });
  // Each annotated service account, and no other, may impersonate exactly the account it names.
  const bindings = of('gcp:serviceaccount/iAMMember:IAMMember').map((r) => [r.inputs.serviceAccountId, r.inputs.role, r.inputs.member]);
  expect(bindings.sort()).toEqual(Object.entries(annotated).map(([subject, email]) => {
    const [ns, name] = subject.split('/');
    return [`projects/my-project/serviceAccounts/${email}`, 'roles/iam.workloadIdentityUser', `serviceAccount:my-project.svc.id.goog[${ns}/${name}]`];
  }).sort());
  // Storage roles on the bucket only.
  expect(of('gcp:storage/bucketIAMMember:BucketIAMMember').every((r) => r.inputs.bucket === 'my-argo-artifacts')).toBe(true);
  const bucket = of('gcp:storage/bucket:Bucket');
  expect(bucket.map((r) => r.inputs.name)).toEqual(['my-argo-artifacts']);
  expect(bucket[0].inputs).toMatchObject({ uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', forceDestroy: false });
  expect(options.get(`gcp:storage/bucket:Bucket ${bucket[0].name}`)).toEqual({ protect: true, retainOnDelete: true });
  for (const ns of ['team-a', 'team-b']) {
    const repos = repositoriesOf(objs, ns);
    expect(repos).toContain('gcs:');
    expect(repos).toContain(`bucket: ${bucket[0].inputs.name}`);
    expect(repos).not.toContain('serviceAccountKeySecret');
  }
  // The Postgres password is Pulumi's: a Secret outside the group, no credentials Job inside it.
  expect(objs.some((o) => o.kind === 'Job' && o.metadata.name.startsWith('argo-stack-credentials'))).toBe(false);
  expect(of('kubernetes:core/v1:Secret').map((r) => (r.inputs.metadata as { name: string }).name)).toEqual(['argo-postgres-config']);
});

test('HMAC: no annotation, s3 on storage.googleapis.com over TLS, the key delivered as secret outputs in each namespace', async () => {
  const { objs, of } = await runStack({ ...CONFIG, 'argo-stack-gcp:identity': 'hmac' });
  expect(objs.filter((o) => o.kind === 'ServiceAccount' && o.metadata.annotations?.[ANNOTATION])).toEqual([]);
  expect(of('gcp:serviceaccount/iAMMember:IAMMember')).toEqual([]);
  for (const ns of ['team-a', 'team-b']) {
    const repos = repositoriesOf(objs, ns);
    expect(repos).toContain('endpoint: storage.googleapis.com');
    expect(repos).toContain('bucket: my-argo-artifacts');
    expect(repos).toContain('insecure: false');
    expect(repos).toContain('name: argo-artifacts-hmac');
  }
  const secrets = of('kubernetes:core/v1:Secret');
  const hmac = secrets.filter((r) => (r.inputs.metadata as { name: string }).name === 'argo-artifacts-hmac');
  expect(hmac.map((r) => (r.inputs.metadata as { namespace: string }).namespace).sort()).toEqual(['argo', 'team-a', 'team-b']);
  expect(JSON.stringify(objs)).not.toContain('mock-secret');
  expect(JSON.stringify(objs)).not.toContain('GOOG1EMOCKACCESSID');
});
