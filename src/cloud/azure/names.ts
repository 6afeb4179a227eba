/**
 * Names and ids the Azure side chooses before deploy: the built-in role definitions (by GUID),
 * the Workload Identity audience, the blob endpoint of an account, the managed identities' and
 * federated credentials' names (within Azure's rules, deterministic), the key-fallback Secret.
 */
import { createHash } from 'node:crypto';

/** Built-in role `Storage Blob Data Contributor`: read, write, delete and list blobs. */
export const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
/** Built-in role `Storage Blob Data Reader`: read and list blobs. */
export const STORAGE_BLOB_DATA_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

/** The only audience AKS Workload Identity tokens carry. */
export const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/** At most this many federated identity credentials on one user-assigned identity (an Azure limit). */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** Where argo-server puts files uploaded in the UI (`uploads/<namespace>/<uuid>/<file>`). */
export const UPLOADS_PREFIX = 'uploads/';

/** The Secret (in every namespace that reads the container) holding the account key, with Argo's usual key. */
export const ACCOUNT_KEY_SECRET = { name: 'argo-artifacts-azure', key: 'account-access-key' } as const;

/** `https://<account>.blob.core.windows.net` (Azure's public cloud). */
export const blobEndpoint = (account: string): string => `https://${account}.blob.core.windows.net`;

/** `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`. */
export const roleDefinitionId = (subscriptionId: string, guid: string): string =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/** `<full>` if it fits in `max`, else its start and 8 hex digits of its SHA-256 (deterministic, distinct). */
function fit(full: string, max: number): string {
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, max - 9).replace(/[-_.]+$/, '')}-${hash}`;
}

/** A user-assigned identity name `<prefix>-<suffix>`: 3-128 letters, digits, "-" and "_". */
export const identityName = (prefix: string, suffix: string): string => fit(`${prefix}-${suffix}`, 128);

/**
 * The federated credential of one service account, `<namespace>-<name>` ("." made "-"), within
 * `^[a-zA-Z0-9][a-zA-Z0-9-_]{2,119}$`.
 */
export const credentialName = (namespace: string, name: string): string => fit(`${namespace}-${name.replace(/\./g, '-')}`, 120);
