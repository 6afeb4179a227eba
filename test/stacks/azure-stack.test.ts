/**
 * The whole Azure stack under `pulumi.runtime.setMocks`: the objects the Kubernetes release hands
 * to its ConfigGroup are exactly `toObjects(props)`, the Workload Identity pod label sits on the
 * pods of every trusted service account, the client id reaches exactly those ServiceAccounts as
 * server-side-apply patches, and every workflow namespace's `artifact-repositories` points at the
 * container through the SDK chain. No Pulumi CLI, no cloud.
 */
import * as pulumi from '@pulumi/pulumi';
import YAML from 'yaml';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { toObjects } from '../../src/render/objects';
import type { K8sObject } from '../util';
import { isWireSecret } from '../pulumi/_mocks';
import { CLIENT_ID, installAzureMocks, registered, SUBSCRIPTION } from '../cloud/azure/_mocks';

const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/';
const CONFIG = {
  'azure-native:location': 'westeurope',
  'argo-stack-azure:resourceGroupName': 'argo-rg',
  'argo-stack-azure:storageAccountName': 'myargoartifacts',
  'argo-stack-azure:containerName': 'artifacts',
  'argo-stack-azure:oidcIssuerUrl': ISSUER,
  'argo-stack-azure:workflowNamespaces': '["team-a","team-b"]',
  'argo-stack-azure:artifactGC': 'true',
};
const TRUSTED = ['argo/argo-server', 'team-a/argo-artifact-gc', 'team-a/argo-workflow', 'team-b/argo-artifact-gc', 'team-b/argo-workflow'];

beforeAll(async () => {
  await installAzureMocks('argo-stack-azure');
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
  const { run } = await import('../../stacks/azure/program');
  const { deployKubernetes } = await import('../../stacks/azure/kubernetes');
  const before = registered.length;
  let props: ArgoWorkflowsProps | undefined;
  run(config, (c, p, storage) => { props = p; return deployKubernetes(c, p, storage); });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const mine = registered.slice(before);
  const groups = mine.filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup');
  expect(groups).toHaveLength(1);
  return { props: props!, mine, objs: groups[0].inputs.objs as K8sObject[] };
}

test('Workload Identity: toObjects(props) released, pod label on the pods, client id patched on exactly the trusted accounts', async () => {
  const { props, mine, objs } = await runStack(CONFIG);
  expect(objs).toEqual(JSON.parse(JSON.stringify(toObjects(props))));

  // No ServiceAccount carries the client id in the group: one owner per field, the patch.
  expect(objs.filter((o) => o.kind === 'ServiceAccount' && o.metadata.annotations?.['azure.workload.identity/client-id'])).toEqual([]);
  const patches = mine.filter((r) => r.type === 'kubernetes:core/v1:ServiceAccountPatch');
  const patched = patches.map((p) => [`${p.inputs.metadata.namespace}/${p.inputs.metadata.name}`, p.inputs.metadata.annotations]).sort();
  const contributor = CLIENT_ID('myargoartifacts-artifacts-contributor');
  expect(patched).toEqual(TRUSTED.map((t) => [t, { 'azure.workload.identity/client-id': contributor }]));
  for (const p of patches) expect(p.dependencies).toEqual(expect.arrayContaining([expect.stringContaining('kubernetes:yaml/v2:ConfigGroup')]));

  // The label on argo-server's pods, and on workflow and GC pods through workflowDefaults.
  const server = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'argo-server') as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } };
  expect(server.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
  const controllerCm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'workflow-controller-configmap')!;
  const defaults = YAML.parse((controllerCm.data as Record<string, string>).workflowDefaults);
  expect(defaults.spec.podMetadata.labels).toEqual({ 'azure.workload.identity/use': 'true' });
  expect(defaults.spec.artifactGC.podMetadata.labels).toEqual({ 'azure.workload.identity/use': 'true' });

  for (const ns of ['team-a', 'team-b']) {
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories' && o.metadata.namespace === ns)!;
    const repos = Object.values(cm.data as Record<string, string>).join('\n');
    expect(repos).toContain('endpoint: https://myargoartifacts.blob.core.windows.net');
    expect(repos).toContain('container: artifacts');
    expect(repos).toContain('useSDKCreds: true');
    expect(repos).not.toContain('accountKeySecret');
  }

  // The cloud side: one credential per trusted account, exact subjects, the role on the container.
  const fics = mine.filter((r) => r.type === 'azure-native:managedidentity:FederatedIdentityCredential');
  expect(fics.map((f) => f.inputs.subject).sort()).toEqual(TRUSTED.map((t) => `system:serviceaccount:${t.replace('/', ':')}`));
  for (const f of fics) expect([f.inputs.issuer, f.inputs.audiences]).toEqual([ISSUER, ['api://AzureADTokenExchange']]);
  const roles = mine.filter((r) => r.type === 'azure-native:authorization:RoleAssignment');
  expect(roles.map((r) => r.inputs.scope)).toEqual([`/subscriptions/${SUBSCRIPTION}/resourceGroups/argo-rg/providers/Microsoft.Storage/storageAccounts/myargoartifacts/blobServices/default/containers/artifacts`]);
  const account = mine.find((r) => r.type === 'azure-native:storage:StorageAccount')!;
  expect(account.inputs).toMatchObject({ allowSharedKeyAccess: false, allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', enableHttpsTrafficOnly: true, location: 'westeurope' });
  expect(options.get(`azure-native:storage:StorageAccount ${account.name}`)).toEqual({ protect: true, retainOnDelete: true });
  const container = mine.find((r) => r.type === 'azure-native:storage:BlobContainer')!;
  expect(options.get(`azure-native:storage:BlobContainer ${container.name}`)).toEqual({ protect: true, retainOnDelete: true });

  expect(objs.some((o) => o.kind === 'Job' && o.metadata.name.startsWith('argo-stack-credentials'))).toBe(false);
  expect(mine.filter((r) => r.type === 'kubernetes:core/v1:Secret').map((r) => r.inputs.metadata.name)).toEqual(['argo-postgres-config']);
});

test('account key: no label, no patch, the key as a secret in each namespace, the repository reading it', async () => {
  const { props, mine, objs } = await runStack({ ...CONFIG, 'argo-stack-azure:identity': 'account-key', 'argo-stack-azure:storageAccountName': 'keyartifacts' });
  expect(objs).toEqual(JSON.parse(JSON.stringify(toObjects(props))));
  expect(JSON.stringify(objs)).not.toContain('azure.workload.identity');
  expect(mine.filter((r) => r.type === 'kubernetes:core/v1:ServiceAccountPatch')).toEqual([]);
  expect(mine.filter((r) => r.type.startsWith('azure-native:managedidentity') || r.type.startsWith('azure-native:authorization'))).toEqual([]);
  expect(mine.find((r) => r.type === 'azure-native:storage:StorageAccount')!.inputs.allowSharedKeyAccess).toBe(true);
  const keys = mine.filter((r) => r.type === 'kubernetes:core/v1:Secret' && r.inputs.metadata.name === 'argo-artifacts-azure');
  expect(keys.map((k) => k.inputs.metadata.namespace).sort()).toEqual(['argo', 'team-a', 'team-b']);
  // The key reaches the engine only as a secret value.
  for (const k of keys) expect(isWireSecret(k.inputs.stringData)).toBe(true);
  const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories' && o.metadata.namespace === 'team-a')!;
  const repos = Object.values(cm.data as Record<string, string>).join('\n');
  expect(repos).toContain('name: argo-artifacts-azure');
  expect(repos).toContain('key: account-access-key');
});
