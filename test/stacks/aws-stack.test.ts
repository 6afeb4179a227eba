/**
 * The whole stack under `pulumi.runtime.setMocks`: the objects the Kubernetes release hands to its
 * ConfigGroup are exactly `toObjects(props)` of the props the stack built, the role ARNs sit on
 * exactly the trusted service accounts, and every workflow namespace's `artifact-repositories`
 * points at the bucket through the SDK chain. No Pulumi CLI, no cloud.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { toObjects } from '../../src/render/objects';
import type { K8sObject } from '../util';

const ACCOUNT = '123456789012';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const CONFIG = {
  'aws:region': 'eu-west-1',
  'argo-stack-aws:bucketName': 'my-argo-artifacts',
  'argo-stack-aws:oidcIssuerUrl': `https://${ISSUER}`,
  'argo-stack-aws:workflowNamespaces': '["team-a","team-b"]',
  'argo-stack-aws:artifactGC': 'true',
};

interface Registered { readonly type: string; readonly name: string; readonly inputs: Record<string, unknown> }
const registered: Registered[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (a) => {
      registered.push({ type: a.type, name: a.name, inputs: a.inputs });
      return { id: `${a.name}-id`, state: { ...a.inputs, ...(a.type === 'aws:s3/bucket:Bucket' ? { arn: `arn:aws:s3:::${a.inputs.bucket}` } : {}) } };
    },
    call: (a) => {
      if (a.token === 'aws:index/getCallerIdentity:getCallerIdentity') return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci`, userId: 'ci', id: ACCOUNT };
      if (a.token === 'aws:index/getPartition:getPartition') return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
      return a.inputs;
    },
  }, 'argo-stack-aws', 'test', false);
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

test('the release deploys exactly toObjects(props): role ARNs on the trusted service accounts, the bucket in every workflow namespace', async () => {
  const { run } = await import('../../stacks/aws/program');
  const { deployKubernetes } = await import('../../stacks/aws/kubernetes');
  let props: ArgoWorkflowsProps | undefined;
  await run(CONFIG, (config, p, storage) => { props = p; return deployKubernetes(config, p, storage); });
  await new Promise((resolve) => setTimeout(resolve, 50));

  const groups = registered.filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup');
  expect(groups).toHaveLength(1);
  const objs = groups[0].inputs.objs as K8sObject[];
  expect(objs).toEqual(JSON.parse(JSON.stringify(toObjects(props!))));

  const roleArns = Object.fromEntries(objs.filter((o) => o.kind === 'ServiceAccount' && o.metadata.annotations?.['eks.amazonaws.com/role-arn'])
    .map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.annotations?.['eks.amazonaws.com/role-arn'] as string]));
  expect(Object.keys(roleArns).sort()).toEqual([
    'argo/argo-server', 'team-a/argo-artifact-gc', 'team-a/argo-workflow', 'team-b/argo-artifact-gc', 'team-b/argo-workflow',
  ]);
  for (const arn of Object.values(roleArns)) expect(arn).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/[\\w+=,.@-]+$`));
  // Each role the annotations name is a role the stack creates, trusting exactly that account's subject.
  const roles = registered.filter((r) => r.type === 'aws:iam/role:Role');
  for (const [subject, arn] of Object.entries(roleArns)) {
    const role = roles.find((r) => arn.endsWith(`:role/${r.inputs.name}`));
    expect(role).toBeDefined();
    const trust = JSON.parse(role!.inputs.assumeRolePolicy as string);
    const subs = trust.Statement.map((s: { Condition: { StringEquals: Record<string, unknown> } }) => s.Condition.StringEquals[`${ISSUER}:sub`]).flat();
    expect(subs).toContain(`system:serviceaccount:${subject.replace('/', ':')}`);
    expect(JSON.stringify(trust)).not.toContain('StringLike');
  }

  for (const ns of ['team-a', 'team-b']) {
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories' && o.metadata.namespace === ns)!;
    const repos = Object.values(cm.data as Record<string, string>).join('\n');
    expect(repos).toContain('bucket: my-argo-artifacts');
    expect(repos).toContain('useSDKCreds: true');
  }
  // The bucket is protected and retained on delete, never force-destroyed.
  const bucket = registered.find((r) => r.type === 'aws:s3/bucket:Bucket')!;
  expect(bucket.inputs.forceDestroy).toBe(false);
  expect(options.get(`aws:s3/bucket:Bucket ${bucket.name}`)).toEqual({ protect: true, retainOnDelete: true });
  // The Postgres password is Pulumi's: a Secret outside the group, no credentials Job inside it.
  expect(objs.some((o) => o.kind === 'Job' && o.metadata.name.startsWith('argo-stack-credentials'))).toBe(false);
  expect(registered.filter((r) => r.type === 'kubernetes:core/v1:Secret').map((r) => (r.inputs.metadata as { name: string }).name)).toEqual(['argo-postgres-config']);
});
