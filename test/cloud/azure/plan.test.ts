import * as fc from 'fast-check';
import type { ServiceAccountSubject } from '../../../src';
import {
  AzureIdentity, AzureIdentityKind, credentialName, identityName, lifecycleRules, planIdentities, planStorage, subjectIdentities,
} from '../../../src/cloud/azure';
import { WorkloadIdentity } from '../../../src/config/identity/workload-identity';

const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/';
const SUBJECTS: ServiceAccountSubject[] = [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  { namespace: 'argo', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
];
const base = () => ({ resourceGroupName: 'argo-rg', storageAccountName: 'argoartifacts', containerName: 'artifacts', identity: AzureIdentity.workloadIdentity({ oidcIssuerUrl: ISSUER }), subjects: SUBJECTS });
const plan = (over: Record<string, unknown>) => planStorage({ ...base(), ...over } as never);

describe('planStorage (Azure): every bad argument has its exact message', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['storage account with upper case and "-"', { storageAccountName: 'Argo-Artifacts' },
      'args.storageAccountName "Argo-Artifacts" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "argoartifacts"'],
    ['storage account too long', { storageAccountName: 'a'.repeat(25) },
      `args.storageAccountName "${'a'.repeat(25)}" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "${'a'.repeat(24)}"`],
    ['storage account too short', { storageAccountName: 'ab' },
      'args.storageAccountName "ab" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "mystorageaccount"'],
    ['container with "--"', { containerName: 'my--artifacts' },
      'args.containerName "my--artifacts" is invalid: an Azure blob container name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit, with no "--". Fix: use a name like "my-artifacts"'],
    ['container ending with "-"', { containerName: 'artifacts-' },
      'args.containerName "artifacts-" is invalid: an Azure blob container name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit, with no "--". Fix: use a name like "artifacts"'],
    ['resource group ending with "."', { resourceGroupName: 'argo.' },
      'args.resourceGroupName "argo." is invalid: it must be a resource group name: 1-90 letters, digits, "_", "-", ".", "(" and ")", not ending with ".". Fix: give the resource group, e.g. "argo-rg"'],
    ['location as a display name', { location: 'West Europe' },
      'args.location "West Europe" is invalid: it must be an Azure location name: lower-case letters and digits, like "westeurope". Fix: use "westeurope"'],
    ['key fallback with shared-key access off', { identity: AzureIdentity.accountKey(), allowSharedKeyAccess: false },
      'args.identity is AzureIdentity.accountKey() but args.allowSharedKeyAccess is false: with shared-key access off the account rejects every key-signed request. Fix: use AzureIdentity.workloadIdentity({ oidcIssuerUrl }), or remove allowSharedKeyAccess (true with the account key)'],
    ['identity that is not an AzureIdentity', { identity: 'workload-identity' },
      'args.identity "workload-identity" is invalid: it must be an AzureIdentity made by one of its factories. Fix: use AzureIdentity.workloadIdentity({ oidcIssuerUrl }) or AzureIdentity.accountKey()'],
    ['subject with a wildcard', { subjects: [{ namespace: 'argo', name: '*', component: 'workflow', access: ['read'] }] },
      'args.subjects[0].name "*" is invalid: a wildcard in a trust subject lets any matching service account assume the role. Fix: name one service account exactly'],
    ['retention 0', { artifactRetentionDays: 0 },
      'args.artifactRetentionDays 0 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts'],
    ['unknown sku', { sku: 'Premium_LRS' },
      'args.sku "Premium_LRS" is invalid: it must be one of "Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS". Fix: use "Standard_ZRS" (the default) or "Standard_LRS"'],
  ])('%s', (_, over, message) => {
    expect(() => plan(over)).toThrow(message);
  });

  test('an unknown argument is rejected with a near miss', () => {
    expect(() => plan({ containername: 'x' })).toThrow(/args\.containername/);
  });

  test.each<[string, unknown, string]>([
    ['missing', undefined, "Workload Identity trusts the cluster's OIDC issuer, but workloadIdentity.oidcIssuerUrl is not set. Fix: set workloadIdentity.oidcIssuerUrl to the cluster's issuer (az aks show --query oidcIssuerProfile.issuerUrl -o tsv)"],
    ['not a URL', 'westeurope.oic.prod-aks.azure.com/x', 'workloadIdentity.oidcIssuerUrl "westeurope.oic.prod-aks.azure.com/x" is invalid: it must be an https:// URL with a host and an optional path, without a query or fragment. Fix: copy the issuer from the cluster (az aks show --query oidcIssuerProfile.issuerUrl -o tsv), e.g. "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/"'],
  ])('issuer %s', (_, oidcIssuerUrl, message) => {
    expect(() => AzureIdentity.workloadIdentity({ oidcIssuerUrl: oidcIssuerUrl as string })).toThrow(message);
  });
});

describe('planStorage (Azure): what it implies', () => {
  test('shared-key access is off with Workload Identity and on with the account key', () => {
    expect(plan({}).allowSharedKeyAccess).toBe(false);
    expect(plan({ identity: AzureIdentity.accountKey() }).allowSharedKeyAccess).toBe(true);
    expect(plan({ identity: AzureIdentity.accountKey() }).identities).toEqual([]);
    expect(plan({}).identity.kind).toBe(AzureIdentityKind.WORKLOAD_IDENTITY);
  });

  test('the issuer is kept exactly (with its trailing "/")', () => {
    expect(plan({}).identity.oidcIssuerUrl).toBe(ISSUER);
  });

  test('lifecycle prefixes start with the container name', () => {
    expect(lifecycleRules({ containerName: 'c1x', artifactRetentionDays: undefined }).map((r) => r.definition.filters.prefixMatch)).toEqual([['c1x/uploads/']]);
  });

  test('readers take the Reader role, writers and GC the Contributor role; more than 20 per identity is rejected', () => {
    const ids = planIdentities([...SUBJECTS, { namespace: 'x', name: 'ro', component: 'server', access: ['read'] }], 'p');
    expect(ids.map((i) => [i.key, i.name, i.credentials.map((c) => c.subject)])).toEqual([
      ['contributor', 'p-artifacts-contributor', ['system:serviceaccount:argo:argo-server', 'system:serviceaccount:argo:argo-workflow']],
      ['reader', 'p-artifacts-reader', ['system:serviceaccount:x:ro']],
    ]);
    const many = Array.from({ length: 21 }, (_, i): ServiceAccountSubject => ({ namespace: `ns-${i}`, name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] }));
    expect(() => planIdentities(many, 'p')).toThrow('the Storage Blob Data Contributor identity would trust 21 service accounts, but Azure allows at most 20 federated credentials on one identity. Fix: use fewer workflow namespaces per stack (at most 20 service accounts per access level)');
  });

  test('subjects get the deferred Azure identity: the pod label now, no annotation', () => {
    const p = plan({});
    const ids = subjectIdentities(p.identity, p.identities);
    expect(ids.map((i) => i.workloadIdentity?.describe())).toEqual(['WorkloadIdentity.azureDeferred()', 'WorkloadIdentity.azureDeferred()']);
    const w = WorkloadIdentity.azureDeferred();
    expect([w.podLabels, w.serviceAccountAnnotations]).toEqual([{ 'azure.workload.identity/use': 'true' }, {}]);
  });

  test('credential and identity names always fit Azure\'s rules', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    const sub = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,200}[a-z0-9])?$/);
    fc.assert(fc.property(label, sub, (ns, name) => /^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$/.test(credentialName(ns, name)) || `${ns}-${name}`.length < 3));
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/), (p) => /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(identityName(p, 'artifacts-contributor'))));
  });
});
