/**
 * The arguments of the Azure storage component and their plan, as pure data: validated names, the
 * managed identities and the subjects they trust, the lifecycle rules and the artifact repository
 * the Kubernetes side uses. The component and the stack both start here, so everything is checked
 * before any resource.
 */
import { Checker, isPlainObject, optionKeys } from '../../config/check';
import { conflict, invalid } from '../../config/errors';
import type { ServiceAccountSubject } from '../../config/identity/subjects';
import { ArtifactRepository } from '../../config/storage/artifact-repository';
import { AzureIdentity, AzureIdentityKind, planIdentities, type IdentityPlan } from './identity';
import { ACCOUNT_KEY_SECRET, blobEndpoint } from './names';
import {
  validateContainerName, validateDays, validateLocation, validateNamePrefix, validateResourceGroupName, validateStorageAccountName, validateSubjects,
} from './validate';

/** The storage account's replication. */
export type StorageSku = 'Standard_LRS' | 'Standard_ZRS' | 'Standard_GRS' | 'Standard_RAGRS' | 'Standard_GZRS' | 'Standard_RAGZRS';
const SKUS: readonly StorageSku[] = ['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'];

export interface ArgoWorkflowsStorageArgs {
  /** An existing resource group that holds the storage account and the identities. */
  readonly resourceGroupName: string;
  /** The storage account's name: 3-24 lower-case letters and digits, globally unique. */
  readonly storageAccountName: string;
  /** The private blob container of the artifacts. */
  readonly containerName: string;
  /** How pods reach the container: `AzureIdentity.workloadIdentity({ oidcIssuerUrl })` or `.accountKey()`. */
  readonly identity: AzureIdentity;
  /** The service accounts that touch the container: `plan.serviceAccountSubjects` of the same install. */
  readonly subjects: readonly ServiceAccountSubject[];
  /**
   * The location of the account and the identities.
   * @default - the provider's location (`azure-native:location`)
   */
  readonly location?: string;
  /**
   * The account's replication.
   * @default "Standard_ZRS"
   */
  readonly sku?: StorageSku;
  /**
   * Shared-key access (account keys and key-signed SAS) on the account. Must be true with
   * `AzureIdentity.accountKey()`.
   * @default - false with Workload Identity, true with the account key
   */
  readonly allowSharedKeyAccess?: boolean;
  /**
   * Argo's blob name format.
   * @default - Argo's `{{workflow.name}}/{{pod.name}}`
   */
  readonly blobNameFormat?: string;
  /**
   * Delete artifacts this many days after their last change (a lifecycle management rule).
   * @default - artifacts are kept
   */
  readonly artifactRetentionDays?: number;
  /**
   * The start of the managed identities' names (`<prefix>-artifacts-contributor`, ...).
   * @default - the storage account name
   */
  readonly namePrefix?: string;
  /**
   * Protect the storage account and the container from `pulumi destroy`.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Leave the storage account and the container in Azure when they leave the stack.
   * @default true
   */
  readonly retainOnDelete?: boolean;
  /**
   * Tags on the account and the identities.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const KEYS = optionKeys<ArgoWorkflowsStorageArgs>()([
  'resourceGroupName', 'storageAccountName', 'containerName', 'identity', 'subjects', 'location', 'sku', 'allowSharedKeyAccess', 'blobNameFormat',
  'artifactRetentionDays', 'namePrefix', 'protect', 'retainOnDelete', 'tags',
]);

/** The validated arguments and what they imply. */
export interface StoragePlan {
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  readonly identity: AzureIdentity;
  readonly location?: string;
  readonly sku: StorageSku;
  readonly allowSharedKeyAccess: boolean;
  readonly artifactRetentionDays?: number;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly namePrefix: string;
  /** The managed identities (none with the account key). */
  readonly identities: readonly IdentityPlan[];
  /** The repository for the `artifact-repositories` ConfigMaps: the endpoint, the container, `useSDKCreds` (or the key Secret). */
  readonly artifactRepository: ArtifactRepository;
}

function checkIdentity(option: string, value: unknown): AzureIdentity {
  if (!(value instanceof AzureIdentity)) {
    throw invalid(option, value, 'it must be an AzureIdentity made by one of its factories', 'use AzureIdentity.workloadIdentity({ oidcIssuerUrl }) or AzureIdentity.accountKey()');
  }
  return value;
}

/** Shared-key access: off by default with Workload Identity; the key fallback needs it on. */
function sharedKeyAccess(c: Checker, value: unknown, identity: AzureIdentity): boolean {
  const given = c.bool('allowSharedKeyAccess', value);
  if (identity.kind === AzureIdentityKind.ACCOUNT_KEY && given === false) {
    throw conflict(`${c.at('identity')} is AzureIdentity.accountKey() but ${c.at('allowSharedKeyAccess')} is false: with shared-key access off the account rejects every key-signed request`,
      'use AzureIdentity.workloadIdentity({ oidcIssuerUrl }), or remove allowSharedKeyAccess (true with the account key)');
  }
  return given ?? identity.kind === AzureIdentityKind.ACCOUNT_KEY;
}

/** Checks the component's arguments (every depth, unknown keys too) and plans the identities and the repository. */
export function planStorage(args: ArgoWorkflowsStorageArgs, path = 'args'): StoragePlan {
  const c = new Checker(path);
  const o = c.object(args, '{ resourceGroupName: "argo-rg", storageAccountName: "argoartifacts", containerName: "artifacts", identity: AzureIdentity.workloadIdentity({ oidcIssuerUrl }), subjects: plan.serviceAccountSubjects }');
  c.known(o, KEYS);
  const resourceGroupName = validateResourceGroupName(c.at('resourceGroupName'), o.resourceGroupName);
  const storageAccountName = validateStorageAccountName(c.at('storageAccountName'), o.storageAccountName);
  const containerName = validateContainerName(c.at('containerName'), o.containerName);
  const identity = checkIdentity(c.at('identity'), o.identity);
  const subjects = validateSubjects(c.at('subjects'), o.subjects);
  const location = o.location === undefined ? undefined : validateLocation(c.at('location'), o.location);
  if (o.sku !== undefined && !SKUS.includes(o.sku as StorageSku)) {
    throw invalid(c.at('sku'), o.sku, `it must be one of ${SKUS.map((s) => JSON.stringify(s)).join(', ')}`, 'use "Standard_ZRS" (the default) or "Standard_LRS"');
  }
  const allowSharedKeyAccess = sharedKeyAccess(c, o.allowSharedKeyAccess, identity);
  const namePrefix = validateNamePrefix(c.at('namePrefix'), o.namePrefix ?? storageAccountName);
  const workload = identity.kind === AzureIdentityKind.WORKLOAD_IDENTITY;
  const artifactRepository = ArtifactRepository.azure({
    endpoint: blobEndpoint(storageAccountName), container: containerName,
    ...(o.blobNameFormat === undefined ? {} : { blobNameFormat: o.blobNameFormat as string }),
    ...(workload ? { useSDKCreds: true } : { accountKeySecret: { name: ACCOUNT_KEY_SECRET.name, key: ACCOUNT_KEY_SECRET.key } }),
  }, path);
  return {
    resourceGroupName, storageAccountName, containerName, identity, location, sku: (o.sku as StorageSku | undefined) ?? 'Standard_ZRS', allowSharedKeyAccess,
    artifactRetentionDays: o.artifactRetentionDays === undefined ? undefined : validateDays(c.at('artifactRetentionDays'), o.artifactRetentionDays),
    protect: c.bool('protect', o.protect) ?? true, retainOnDelete: c.bool('retainOnDelete', o.retainOnDelete) ?? true,
    tags: checkTags(c.at('tags'), o.tags), namePrefix, identities: workload ? planIdentities(subjects, namePrefix) : [], artifactRepository,
  };
}

/** Azure tags: up to 50 string pairs, names of 1-512 characters without "<>%&\?/", values of at most 256. */
function checkTags(option: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const ok = isPlainObject(value) && Object.keys(value).length <= 50
    && Object.entries(value).every(([k, v]) => k.length >= 1 && k.length <= 512 && !/[<>%&\\?/]/.test(k) && typeof v === 'string' && v.length <= 256);
  if (!ok) throw invalid(option, value, 'it must map at most 50 tag names (1-512 characters, none of <>%&\\?/) to strings of at most 256 characters', 'give tags like { team: "data" }');
  return value as Record<string, string>;
}
