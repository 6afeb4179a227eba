import { parseStackConfig } from '../../stacks/azure/config';
import { AzureIdentity, AzureIdentityKind, planStorage } from '../../src/cloud/azure';
import { ValidationError } from '../../src';

const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/';
const BASE = {
  'azure-native:location': 'westeurope', 'argo-stack-azure:resourceGroupName': 'argo-rg', 'argo-stack-azure:storageAccountName': 'myargoartifacts',
  'argo-stack-azure:oidcIssuerUrl': ISSUER,
};
const parse = (over: Record<string, string | null>) =>
  parseStackConfig(Object.fromEntries(Object.entries({ ...BASE, ...over }).filter(([, v]) => v !== null)) as Record<string, string>);
const CONTAINER_RULE = 'an Azure blob container name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit, with no "--"';
const NS_RULE = 'it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit';

describe('Azure stack config: every bad input has its exact message, before any resource', () => {
  test.each<[string, Record<string, string | null>, string]>([
    ['storage account with upper case', { 'argo-stack-azure:storageAccountName': 'MyArgoArtifacts' },
      'argo-stack-azure:storageAccountName "MyArgoArtifacts" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "myargoartifacts"'],
    ['storage account with "-"', { 'argo-stack-azure:storageAccountName': 'my-argo-artifacts' },
      'argo-stack-azure:storageAccountName "my-argo-artifacts" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "myargoartifacts"'],
    ['storage account of 25 characters', { 'argo-stack-azure:storageAccountName': 'abcdefghijklmnopqrstuvwxy' },
      'argo-stack-azure:storageAccountName "abcdefghijklmnopqrstuvwxy" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "abcdefghijklmnopqrstuvwx"'],
    ['storage account of 2 characters', { 'argo-stack-azure:storageAccountName': 'ab' },
      'argo-stack-azure:storageAccountName "ab" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "mystorageaccount"'],
    ['container with "--"', { 'argo-stack-azure:containerName': 'argo--artifacts' },
      `argo-stack-azure:containerName "argo--artifacts" is invalid: ${CONTAINER_RULE}. Fix: use a name like "argo-artifacts"`],
    ['container with upper case', { 'argo-stack-azure:containerName': 'Artifacts' },
      `argo-stack-azure:containerName "Artifacts" is invalid: ${CONTAINER_RULE}. Fix: use a name like "artifacts"`],
    ['container starting with "-"', { 'argo-stack-azure:containerName': '-artifacts' },
      `argo-stack-azure:containerName "-artifacts" is invalid: ${CONTAINER_RULE}. Fix: use a name like "artifacts"`],
    ['container of 2 characters', { 'argo-stack-azure:containerName': 'ab' },
      `argo-stack-azure:containerName "ab" is invalid: ${CONTAINER_RULE}. Fix: use a name like "artifacts"`],
    ['resource group ending with "."', { 'argo-stack-azure:resourceGroupName': 'argo.' },
      'argo-stack-azure:resourceGroupName "argo." is invalid: it must be a resource group name: 1-90 letters, digits, "_", "-", ".", "(" and ")", not ending with ".". Fix: give the resource group, e.g. "argo-rg"'],
    ['unknown identity', { 'argo-stack-azure:identity': 'sas' },
      'argo-stack-azure:identity "sas" is invalid: it must be one of "workload-identity", "account-key". Fix: use "workload-identity" (the default) or "account-key"'],
    ['Workload Identity without an issuer', { 'argo-stack-azure:oidcIssuerUrl': null },
      "Workload Identity trusts the cluster's OIDC issuer, but argo-stack-azure:oidcIssuerUrl is not set. Fix: set argo-stack-azure:oidcIssuerUrl to the cluster's issuer (az aks show --query oidcIssuerProfile.issuerUrl -o tsv)"],
    ['issuer that is not a URL', { 'argo-stack-azure:oidcIssuerUrl': 'westeurope.oic.prod-aks.azure.com/abc/' },
      'argo-stack-azure:oidcIssuerUrl "westeurope.oic.prod-aks.azure.com/abc/" is invalid: it must be an https:// URL with a host and an optional path, without a query or fragment. Fix: copy the issuer from the cluster (az aks show --query oidcIssuerProfile.issuerUrl -o tsv), e.g. "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/"'],
    ['issuer over http', { 'argo-stack-azure:oidcIssuerUrl': 'http://westeurope.oic.prod-aks.azure.com/abc/' },
      'argo-stack-azure:oidcIssuerUrl "http://westeurope.oic.prod-aks.azure.com/abc/" is invalid: it must be an https:// URL with a host and an optional path, without a query or fragment. Fix: copy the issuer from the cluster (az aks show --query oidcIssuerProfile.issuerUrl -o tsv), e.g. "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/"'],
    ['retention 0', { 'argo-stack-azure:artifactRetentionDays': '0' },
      'argo-stack-azure:artifactRetentionDays 0 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts'],
    ['retention negative', { 'argo-stack-azure:artifactRetentionDays': '-1' },
      'argo-stack-azure:artifactRetentionDays -1 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts'],
    ['workflow namespace invalid', { 'argo-stack-azure:workflowNamespaces': '["team-a","Team_B"]' },
      `argo-stack-azure:workflowNamespaces[1] "Team_B" is invalid: ${NS_RULE}. Fix: use a name like "team-b"`],
    ['workflow namespace duplicated', { 'argo-stack-azure:workflowNamespaces': '["team-a","team-a"]' },
      'argo-stack-azure:workflowNamespaces[1] "team-a" is invalid: each workflow namespace may be listed once. Fix: remove the second "team-a"'],
    ['workflow namespaces not a list', { 'argo-stack-azure:workflowNamespaces': 'team-a' },
      "argo-stack-azure:workflowNamespaces \"team-a\" is invalid: it must be a JSON list of namespace names. Fix: set it with: pulumi config set --path 'argo-stack-azure:workflowNamespaces[0]' argo"],
    ['install namespace invalid', { 'argo-stack-azure:namespace': 'Argo' },
      `argo-stack-azure:namespace "Argo" is invalid: ${NS_RULE}. Fix: use a name like "argo"`],
    ['artifactGC not a boolean', { 'argo-stack-azure:artifactGC': 'yes' },
      'argo-stack-azure:artifactGC "yes" is invalid: it must be true or false. Fix: pulumi config set argo-stack-azure:artifactGC true'],
    ['a typo in a key', { 'argo-stack-azure:storageAcountName': 'x' },
      'argo-stack-azure:storageAcountName is not a key of this stack; the keys are argo-stack-azure:resourceGroupName, argo-stack-azure:storageAccountName, argo-stack-azure:containerName, argo-stack-azure:oidcIssuerUrl, argo-stack-azure:identity, argo-stack-azure:namespace, argo-stack-azure:workflowNamespaces, argo-stack-azure:artifactGC, argo-stack-azure:artifactRetentionDays, argo-stack-azure:kubeconfig. Fix: rename it to argo-stack-azure:storageAccountName'],
    ['no location', { 'azure-native:location': null },
      'azure-native:location is not set: the storage account and the identities need a location. Fix: pulumi config set azure-native:location westeurope'],
    ['location as a display name', { 'azure-native:location': 'West Europe' },
      'azure-native:location "West Europe" is invalid: it must be an Azure location name: lower-case letters and digits, like "westeurope". Fix: use "westeurope"'],
    ['no storage account', { 'argo-stack-azure:storageAccountName': null },
      'argo-stack-azure:storageAccountName is not set: the stack creates a storage account of that name. Fix: pulumi config set argo-stack-azure:storageAccountName myargoartifacts'],
    ['no resource group', { 'argo-stack-azure:resourceGroupName': null },
      'argo-stack-azure:resourceGroupName is not set: the storage account and the identities go in that resource group. Fix: pulumi config set argo-stack-azure:resourceGroupName argo-rg'],
  ])('%s', (_name, over, message) => {
    let caught: unknown;
    try {
      parse(over);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as Error).message).toBe(message);
  });

  test('defaults: Workload Identity, container "artifacts", namespace argo, workflow namespace argo, no GC, no expiry', () => {
    const c = parse({});
    expect(c).toMatchObject({ location: 'westeurope', resourceGroupName: 'argo-rg', storageAccountName: 'myargoartifacts', containerName: 'artifacts', namespace: 'argo', workflowNamespaces: ['argo'], artifactGC: false });
    expect(c.identity.kind).toBe(AzureIdentityKind.WORKLOAD_IDENTITY);
    expect(c.identity.oidcIssuerUrl).toBe(ISSUER);
    expect(c.artifactRetentionDays).toBeUndefined();
  });

  test('account-key needs no issuer', () => {
    expect(parse({ 'argo-stack-azure:identity': 'account-key', 'argo-stack-azure:oidcIssuerUrl': null }).identity.kind).toBe(AzureIdentityKind.ACCOUNT_KEY);
  });

  test('the key fallback with shared-key access off is rejected before any resource', () => {
    let caught: unknown;
    try {
      planStorage({ resourceGroupName: 'argo-rg', storageAccountName: 'myargoartifacts', containerName: 'artifacts', identity: AzureIdentity.accountKey(), subjects: [], allowSharedKeyAccess: false });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as Error).message).toBe('args.identity is AzureIdentity.accountKey() but args.allowSharedKeyAccess is false: with shared-key access off the account rejects every key-signed request. Fix: use AzureIdentity.workloadIdentity({ oidcIssuerUrl }), or remove allowSharedKeyAccess (true with the account key)');
  });
});
