/**
 * The whole Alibaba Cloud stack under `pulumi.runtime.setMocks`: the objects the Kubernetes release
 * hands to its ConfigGroup are exactly `toObjects(props)` of the props the stack built, the RRSA
 * role names sit on exactly the trusted service accounts, every namespace of those accounts carries
 * the injection label, and every workflow namespace's `artifact-repositories` points at the bucket
 * through the SDK chain over https. No Pulumi CLI, no cloud.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { toObjects } from '../../src/render/objects';
import type { K8sObject } from '../util';

const ACCOUNT = '1234567890123456';
const CLUSTER = 'c0123456789abcdef0123456789abcdef';
const PROVIDER = `acs:ram::${ACCOUNT}:oidc-provider/ack-rrsa-${CLUSTER}`;
const ISSUER = `https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/${CLUSTER}`;
const CONFIG = {
  'alicloud:region': 'cn-hangzhou',
  'argo-stack-alicloud:bucketName': 'my-argo-artifacts',
  'argo-stack-alicloud:clusterId': CLUSTER,
  'argo-stack-alicloud:workflowNamespaces': '["team-a","team-b"]',
  'argo-stack-alicloud:artifactGC': 'true',
};
const ROLE_NAME = 'pod-identity.alibabacloud.com/role-name';
const INJECTION = 'pod-identity.alibabacloud.com/injection';

interface Registered { readonly type: string; readonly name: string; readonly inputs: Record<string, unknown> }
const registered: Registered[] = [];
interface OptionsRequest { getType(): string; getName(): string; getProtect(): boolean; getRetainondelete(): boolean }
const options = new Map<string, { protect: boolean; retainOnDelete: boolean }>();

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (a) => {
      registered.push({ type: a.type, name: a.name, inputs: a.inputs });
      const state: Record<string, unknown> = { ...a.inputs };
      if (a.type === 'alicloud:ram/role:Role') state.arn = `acs:ram::${ACCOUNT}:role/${a.inputs.roleName}`;
      if (a.type === 'alicloud:ram/accessKey:AccessKey') state.secret = 'mock-secret';
      return { id: `${a.name}-id`, state };
    },
    call: (a) => (a.token === 'alicloud:cs/getManagedKubernetesClusters:getManagedKubernetesClusters'
      ? { ids: [CLUSTER], clusters: [{ id: CLUSTER, rrsaConfig: { enabled: true, ramOidcProviderArn: PROVIDER, ramOidcProviderName: `ack-rrsa-${CLUSTER}`, rrsaOidcIssuerUrl: ISSUER } }] }
      : a.inputs),
  }, 'argo-stack-alicloud', 'test', false);
  // The mock hands newResource no resource options: read protect and retainOnDelete from the request.
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: OptionsRequest, cb: unknown) => Promise<void> };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    options.set(`${req.getType()} ${req.getName()}`, { protect: req.getProtect(), retainOnDelete: req.getRetainondelete() });
    return original(req, cb);
  };
});

async function runStack(config: Record<string, string>): Promise<{ props: ArgoWorkflowsProps; objs: K8sObject[]; mine: Registered[] }> {
  const { run } = await import('../../stacks/alicloud/program');
  const { deployKubernetes } = await import('../../stacks/alicloud/kubernetes');
  const before = registered.length;
  let props: ArgoWorkflowsProps | undefined;
  const out = run(config, (c, p, storage) => { props = p; return deployKubernetes(c, p, storage); });
  await new Promise<unknown>((r) => out.roleArns.apply(r));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const mine = registered.slice(before);
  const groups = mine.filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup');
  expect(groups).toHaveLength(1);
  return { props: props!, objs: groups[0].inputs.objs as K8sObject[], mine };
}

test('RRSA: the release deploys exactly toObjects(props); role names on the trusted service accounts, injection labels, the bucket over https', async () => {
  const { props, objs, mine } = await runStack(CONFIG);
  expect(objs).toEqual(JSON.parse(JSON.stringify(toObjects(props))));

  const roleNames = Object.fromEntries(objs.filter((o) => o.kind === 'ServiceAccount' && o.metadata.annotations?.[ROLE_NAME])
    .map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.annotations?.[ROLE_NAME] as string]));
  expect(roleNames).toEqual({
    'argo/argo-server': 'my-argo-artifacts-server',
    'team-a/argo-workflow': 'my-argo-artifacts-workflow', 'team-b/argo-workflow': 'my-argo-artifacts-workflow',
    'team-a/argo-artifact-gc': 'my-argo-artifacts-artifact-gc', 'team-b/argo-artifact-gc': 'my-argo-artifacts-artifact-gc',
  });
  // Each annotated role is a role the stack creates, trusting exactly that account's subject (and no other).
  const roles = mine.filter((r) => r.type === 'alicloud:ram/role:Role');
  const trusted = new Map(roles.map((r) => {
    const doc = JSON.parse(r.inputs.assumeRolePolicyDocument as string);
    expect(r.inputs.assumeRolePolicyDocument).not.toContain('StringLike');
    expect(doc.Statement[0].Principal).toEqual({ Federated: [PROVIDER] });
    expect(doc.Statement[0].Condition.StringEquals).toMatchObject({ 'oidc:iss': ISSUER, 'oidc:aud': 'sts.aliyuncs.com' });
    return [r.inputs.roleName as string, (doc.Statement[0].Condition.StringEquals['oidc:sub'] as string[]).sort()];
  }));
  const expected = new Map<string, string[]>();
  for (const [sa, role] of Object.entries(roleNames)) expected.set(role, [...(expected.get(role) ?? []), `system:serviceaccount:${sa.replace('/', ':')}`].sort());
  expect(trusted).toEqual(expected);

  // The namespaces of those accounts are created by argo-stack and labelled for the webhook.
  const labelled = objs.filter((o) => o.kind === 'Namespace' && o.metadata.labels?.[INJECTION] === 'on').map((o) => o.metadata.name).sort();
  expect(labelled).toEqual(['argo', 'team-a', 'team-b']);

  const bucket = mine.find((r) => r.type === 'alicloud:oss/bucket:Bucket')!;
  for (const ns of ['team-a', 'team-b']) {
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories' && o.metadata.namespace === ns)!;
    const repos = Object.values(cm.data as Record<string, string>).join('\n');
    expect(repos).toContain('oss:');
    expect(repos).toContain(`bucket: ${bucket.inputs.bucket as string}`);
    expect(repos).toContain('endpoint: https://oss-cn-hangzhou.aliyuncs.com');
    expect(repos).toContain('useSDKCreds: true');
    expect(repos).not.toContain('accessKeySecret');
  }
  // The bucket is protected and retained on delete, never force-destroyed.
  expect(bucket.inputs.forceDestroy).toBe(false);
  expect(options.get(`alicloud:oss/bucket:Bucket ${bucket.name}`)).toEqual({ protect: true, retainOnDelete: true });
  // Only the GC role may delete.
  const deleting = mine.filter((r) => r.type === 'alicloud:ram/policy:Policy' && (r.inputs.policyDocument as string).includes('oss:DeleteObject')).map((r) => r.inputs.policyName);
  expect(deleting).toEqual(['my-argo-artifacts-artifact-gc']);
  // The Postgres password is Pulumi's: a Secret outside the group, no credentials Job inside it.
  expect(objs.some((o) => o.kind === 'Job' && o.metadata.name.startsWith('argo-stack-credentials'))).toBe(false);
  expect(mine.filter((r) => r.type === 'kubernetes:core/v1:Secret').map((r) => (r.inputs.metadata as { name: string }).name)).toEqual(['argo-postgres-config']);
});

test('access keys: no annotation or label, the AccessKey Secret in every namespace that reads the bucket, repositories name it', async () => {
  const { props, objs, mine } = await runStack({ ...CONFIG, 'argo-stack-alicloud:identity': 'access-keys', 'argo-stack-alicloud:artifactGC': 'false' });
  expect(objs).toEqual(JSON.parse(JSON.stringify(toObjects(props))));
  expect(objs.some((o) => o.metadata.annotations?.[ROLE_NAME] !== undefined || o.metadata.labels?.[INJECTION] !== undefined)).toBe(false);
  expect(mine.filter((r) => r.type === 'alicloud:ram/role:Role')).toEqual([]);
  const secrets = mine.filter((r) => r.type === 'kubernetes:core/v1:Secret').map((r) => r.inputs.metadata as { name: string; namespace: string });
  expect(secrets.filter((m) => m.name === 'argo-artifacts-oss').map((m) => m.namespace).sort()).toEqual(['argo', 'team-a', 'team-b']);
  const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories' && o.metadata.namespace === 'team-a')!;
  const repos = Object.values(cm.data as Record<string, string>).join('\n');
  expect(repos).toContain('name: argo-artifacts-oss');
  expect(repos).not.toContain('useSDKCreds');
  expect(mine.filter((r) => r.type === 'alicloud:ram/policy:Policy').map((r) => r.inputs.policyDocument as string).join()).not.toContain('oss:DeleteObject');
});

test('bad configuration throws before any resource is registered', async () => {
  const { run } = await import('../../stacks/alicloud/program');
  const before = registered.length;
  expect(() => run({ ...CONFIG, 'argo-stack-alicloud:clusterId': 'x' }, () => undefined)).toThrow('argo-stack-alicloud:clusterId "x" is invalid');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(registered.length).toBe(before);
});
