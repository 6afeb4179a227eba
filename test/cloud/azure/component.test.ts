import * as pulumi from '@pulumi/pulumi';
import type { ServiceAccountSubject } from '../../../src';
import { installAzureMocks, registered, settle, SUBSCRIPTION } from './_mocks';

const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/';
const SUBJECTS: ServiceAccountSubject[] = [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-artifact-gc', component: 'artifact-gc', access: ['read', 'delete'] },
  { namespace: 'team-b', name: 'viewer', component: 'server', access: ['read'] },
];

beforeAll(() => installAzureMocks('argo-stack-azure'));

async function build(name: string, identity: unknown, extra: Record<string, unknown> = {}) {
  const { ArgoWorkflowsStorage } = await import('../../../src/cloud/azure');
  const before = registered.length;
  const c = new ArgoWorkflowsStorage(name, {
    resourceGroupName: 'argo-rg', storageAccountName: `${name}artifacts`, containerName: 'artifacts', identity: identity as never, subjects: SUBJECTS, ...extra,
  });
  await settle(c.clientIds);
  await settle(c.containerId);
  if (c.accountKey) await settle(c.accountKey);
  await new Promise((r) => setTimeout(r, 50));
  const mine = registered.slice(before);
  return { c, mine, of: (type: string) => mine.filter((r) => r.type === type) };
}

const containerId = (account: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/argo-rg/providers/Microsoft.Storage/storageAccounts/${account}/blobServices/default/containers/artifacts`;

describe('ArgoWorkflowsStorage (Azure) under mocks', () => {
  test('Workload Identity: hardened account, private container, lifecycle, exact credentials chained, roles on the container only', async () => {
    const { AzureIdentity } = await import('../../../src/cloud/azure');
    const { c, of } = await build('wi', AzureIdentity.workloadIdentity({ oidcIssuerUrl: ISSUER }), { artifactRetentionDays: 30, location: 'westeurope' });
    expect(of('azure-native:storage:StorageAccount').map((r) => r.inputs)).toEqual([{
      resourceGroupName: 'argo-rg', accountName: 'wiartifacts', sku: { name: 'Standard_ZRS' }, kind: 'StorageV2', accessTier: 'Hot', allowBlobPublicAccess: false,
      minimumTlsVersion: 'TLS1_2', enableHttpsTrafficOnly: true, allowSharedKeyAccess: false, defaultToOAuthAuthentication: true, allowCrossTenantReplication: false,
      location: 'westeurope', tags: {},
    }]);
    expect(of('azure-native:storage:BlobContainer').map((r) => r.inputs)).toEqual([{ resourceGroupName: 'argo-rg', accountName: 'wiartifacts', containerName: 'artifacts', publicAccess: 'None' }]);
    expect(of('azure-native:storage:ManagementPolicy')[0].inputs).toEqual({
      resourceGroupName: 'argo-rg', accountName: 'wiartifacts', managementPolicyName: 'default',
      policy: { rules: [
        { name: 'expire-artifacts', enabled: true, type: 'Lifecycle', definition: { filters: { blobTypes: ['blockBlob'], prefixMatch: ['artifacts/'] }, actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 30 } } } } },
        { name: 'expire-uploads', enabled: true, type: 'Lifecycle', definition: { filters: { blobTypes: ['blockBlob'], prefixMatch: ['artifacts/uploads/'] }, actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 7 } } } } },
      ] },
    });
    expect(of('azure-native:managedidentity:UserAssignedIdentity').map((r) => r.inputs)).toEqual([
      { resourceGroupName: 'argo-rg', resourceName: 'wiartifacts-artifacts-contributor', location: 'westeurope', tags: {} },
      { resourceGroupName: 'argo-rg', resourceName: 'wiartifacts-artifacts-reader', location: 'westeurope', tags: {} },
    ]);
    // Registration order follows the chain's resolution: order by identity, then by the plan's subject order.
    const order = ['argo-argo-server', 'team-a-argo-workflow', 'team-a-argo-artifact-gc', 'team-b-viewer'];
    const fics = of('azure-native:managedidentity:FederatedIdentityCredential')
      .sort((a, b) => order.indexOf(a.inputs.federatedIdentityCredentialResourceName) - order.indexOf(b.inputs.federatedIdentityCredentialResourceName));
    expect(fics.map((r) => r.inputs)).toEqual([
      { resourceGroupName: 'argo-rg', resourceName: 'wiartifacts-artifacts-contributor', federatedIdentityCredentialResourceName: 'argo-argo-server', issuer: ISSUER, subject: 'system:serviceaccount:argo:argo-server', audiences: ['api://AzureADTokenExchange'] },
      { resourceGroupName: 'argo-rg', resourceName: 'wiartifacts-artifacts-contributor', federatedIdentityCredentialResourceName: 'team-a-argo-workflow', issuer: ISSUER, subject: 'system:serviceaccount:team-a:argo-workflow', audiences: ['api://AzureADTokenExchange'] },
      { resourceGroupName: 'argo-rg', resourceName: 'wiartifacts-artifacts-contributor', federatedIdentityCredentialResourceName: 'team-a-argo-artifact-gc', issuer: ISSUER, subject: 'system:serviceaccount:team-a:argo-artifact-gc', audiences: ['api://AzureADTokenExchange'] },
      { resourceGroupName: 'argo-rg', resourceName: 'wiartifacts-artifacts-reader', federatedIdentityCredentialResourceName: 'team-b-viewer', issuer: ISSUER, subject: 'system:serviceaccount:team-b:viewer', audiences: ['api://AzureADTokenExchange'] },
    ]);
    // One after another on each identity: each credential depends on the one before it.
    const urn = (name: string) => expect.stringContaining(`::${name}`);
    expect(fics[0].dependencies).not.toEqual(expect.arrayContaining([expect.stringContaining('FederatedIdentityCredential')]));
    expect(fics[1].dependencies).toEqual(expect.arrayContaining([urn('wi-contributor-argo-argo-server')]));
    expect(fics[2].dependencies).toEqual(expect.arrayContaining([urn('wi-contributor-team-a-argo-workflow')]));
    expect(fics[3].dependencies).not.toEqual(expect.arrayContaining([expect.stringContaining('FederatedIdentityCredential')]));
    expect(of('azure-native:authorization:RoleAssignment').map((r) => r.inputs).sort((a, b) => a.principalId.localeCompare(b.principalId))).toEqual([
      { principalId: 'principal-of-wiartifacts-artifacts-contributor', principalType: 'ServicePrincipal', scope: containerId('wiartifacts'),
        roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe` },
      { principalId: 'principal-of-wiartifacts-artifacts-reader', principalType: 'ServicePrincipal', scope: containerId('wiartifacts'),
        roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1` },
    ]);
    const clientIds = await settle(c.clientIds);
    expect(Object.keys(clientIds)).toEqual(['contributor', 'reader']);
    const patches = await Promise.all(c.serviceAccountPatches.map(async (p) => [p.namespace, p.name, await settle(p.annotations['azure.workload.identity/client-id'])]));
    expect(patches).toEqual([
      ['argo', 'argo-server', clientIds.contributor], ['team-a', 'argo-workflow', clientIds.contributor], ['team-a', 'argo-artifact-gc', clientIds.contributor], ['team-b', 'viewer', clientIds.reader],
    ]);
    expect(c.artifactRepository.spec.azure).toEqual({ endpoint: 'https://wiartifacts.blob.core.windows.net', container: 'artifacts', useSDKCreds: true });
    expect(c.accountKey).toBeUndefined();
  });

  test('account key: shared-key access on, no identity, the key a secret output, the repository reading the Secret', async () => {
    const { AzureIdentity } = await import('../../../src/cloud/azure');
    const { c, of } = await build('key', AzureIdentity.accountKey());
    expect(of('azure-native:storage:StorageAccount')[0].inputs).toMatchObject({ allowSharedKeyAccess: true, allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', enableHttpsTrafficOnly: true });
    expect(of('azure-native:managedidentity:UserAssignedIdentity')).toEqual([]);
    expect(of('azure-native:managedidentity:FederatedIdentityCredential')).toEqual([]);
    expect(of('azure-native:authorization:RoleAssignment')).toEqual([]);
    expect(c.serviceAccountPatches).toEqual([]);
    expect(await pulumi.isSecret(c.accountKey!)).toBe(true);
    expect(await settle(c.accountKey!)).toBe('mock-account-key');
    expect(c.artifactRepository.spec.azure).toEqual({ endpoint: 'https://keyartifacts.blob.core.windows.net', container: 'artifacts', accountKeySecret: { name: 'argo-artifacts-azure', key: 'account-access-key' } });
  });

  test('a bad argument throws before any resource is registered', async () => {
    const { ArgoWorkflowsStorage, AzureIdentity } = await import('../../../src/cloud/azure');
    const before = registered.length;
    expect(() => new ArgoWorkflowsStorage('bad', {
      resourceGroupName: 'argo-rg', storageAccountName: 'Argo-Artifacts', containerName: 'artifacts', identity: AzureIdentity.accountKey(), subjects: SUBJECTS,
    })).toThrow('args.storageAccountName "Argo-Artifacts" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "argoartifacts"');
    await new Promise((r) => setTimeout(r, 20));
    expect(registered.length).toBe(before);
  });
});
