/**
 * The storage account and the private container (`@pulumi/azure-native` v3): StorageV2, no public
 * blob access, TLS 1.2 minimum, HTTPS only, OAuth by default, no cross-tenant replication,
 * shared-key access only for the key fallback; the container private; one lifecycle management
 * policy. `protect` and `retainOnDelete` are passed to the account and the container explicitly.
 */
import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage';
import type { StoragePlan } from './plan';
import { UPLOADS_PREFIX } from './names';

/** Days after which files uploaded in the UI are deleted (Argo's docs). */
export const UPLOADS_EXPIRY_DAYS = 7;

export interface ArtifactStorage {
  readonly account: storage.StorageAccount;
  readonly container: storage.BlobContainer;
  readonly policy: storage.ManagementPolicy;
}

/** One lifecycle rule deleting block blobs under `<container>/<prefix>` after `days` without change. */
function deleteAfter(name: string, container: string, prefix: string, days: number) {
  return {
    name, enabled: true, type: 'Lifecycle',
    definition: {
      filters: { blobTypes: ['blockBlob'], prefixMatch: [`${container}/${prefix}`] },
      actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: days } } },
    },
  };
}

/** The lifecycle rules: artifact expiry if asked, `uploads/` after 7 days (prefixes start with the container name). */
export function lifecycleRules(plan: Pick<StoragePlan, 'containerName' | 'artifactRetentionDays'>): ReturnType<typeof deleteAfter>[] {
  return [
    ...(plan.artifactRetentionDays === undefined ? [] : [deleteAfter('expire-artifacts', plan.containerName, '', plan.artifactRetentionDays)]),
    deleteAfter('expire-uploads', plan.containerName, UPLOADS_PREFIX, UPLOADS_EXPIRY_DAYS),
  ];
}

/** The storage account's hardening, as plain inputs. */
export function accountSettings(plan: Pick<StoragePlan, 'allowSharedKeyAccess'>) {
  return {
    kind: 'StorageV2', accessTier: 'Hot', allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', enableHttpsTrafficOnly: true,
    allowSharedKeyAccess: plan.allowSharedKeyAccess, defaultToOAuthAuthentication: true, allowCrossTenantReplication: false,
  } as const;
}

/** Creates the account, the container and the lifecycle policy under `parent`. */
export function createStorage(name: string, plan: StoragePlan, parent: pulumi.Resource): ArtifactStorage {
  const keep = { parent, protect: plan.protect, retainOnDelete: plan.retainOnDelete };
  const account = new storage.StorageAccount(`${name}-account`, {
    resourceGroupName: plan.resourceGroupName, accountName: plan.storageAccountName, sku: { name: plan.sku }, ...accountSettings(plan),
    ...(plan.location === undefined ? {} : { location: plan.location }), tags: { ...plan.tags },
  }, keep);
  const on = { resourceGroupName: plan.resourceGroupName, accountName: account.name };
  const container = new storage.BlobContainer(`${name}-container`, { ...on, containerName: plan.containerName, publicAccess: 'None' }, keep);
  const policy = new storage.ManagementPolicy(`${name}-lifecycle`, {
    ...on, managementPolicyName: 'default', policy: { rules: lifecycleRules(plan) },
  }, { parent, dependsOn: [container] });
  return { account, container, policy };
}
