/**
 * The checks of the Azure side, in the project's message format: storage account and container
 * names, resource groups, locations, the AKS OIDC issuer, name prefixes. Pure: they run before any
 * resource is registered. Days, namespaces and subjects use the shared checks of `../validate`.
 */
import { invalid } from '../../config/errors';
import { validateAzureAccountName, validateAzureContainer } from '../../config/storage/artifact-repository';

export { validateDays, validateNamespaces, validateSubjects, MAX_RETENTION_DAYS } from '../validate';

/** A resource group: 1-90 letters, digits, "_", "-", ".", "(" and ")", not ending with ".". */
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;
/** An Azure location name as the providers take it: `westeurope`, `eastus2`. */
const LOCATION = /^[a-z]+[a-z0-9]*$/;
/** The start of a user-assigned identity name: letters, digits, "-" and "_", starting with a letter or digit. */
const NAME_PREFIX = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;

/** Checks a storage account name: 3-24 lower-case letters and digits (globally unique). */
export function validateStorageAccountName(option: string, value: unknown): string {
  return validateAzureAccountName(option, value);
}

/** Checks a blob container name: 3-63 of a-z, 0-9 and "-", starting and ending with a letter or digit, no "--". */
export function validateContainerName(option: string, value: unknown): string {
  return validateAzureContainer(option, value);
}

/** Checks a resource group name. */
export function validateResourceGroupName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !RESOURCE_GROUP.test(value)) {
    throw invalid(option, value, 'it must be a resource group name: 1-90 letters, digits, "_", "-", ".", "(" and ")", not ending with "."', 'give the resource group, e.g. "argo-rg"');
  }
  return value;
}

/** Checks a location name (`westeurope`, not "West Europe"). */
export function validateLocation(option: string, value: unknown): string {
  if (typeof value !== 'string' || !LOCATION.test(value)) {
    const fix = typeof value === 'string' && value.trim() !== '' ? `use ${JSON.stringify(value.toLowerCase().replace(/[^a-z0-9]/g, ''))}` : 'use a location name like "westeurope"';
    throw invalid(option, value, 'it must be an Azure location name: lower-case letters and digits, like "westeurope"', fix);
  }
  return value;
}

/**
 * Checks the AKS cluster's OIDC issuer URL: `https://`, a host, an optional path, no query or
 * fragment. It is kept exactly as given (AKS issuers end with "/", and the federated credential's
 * issuer must equal the token's `iss`).
 */
export function validateIssuerUrl(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 600 || !/^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(\/[A-Za-z0-9._~-]+)*\/?$/.test(value)) {
    throw invalid(option, value, 'it must be an https:// URL with a host and an optional path, without a query or fragment',
      'copy the issuer from the cluster (az aks show --query oidcIssuerProfile.issuerUrl -o tsv), e.g. "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/"');
  }
  return value;
}

/** Checks the start of the managed identities' names. */
export function validateNamePrefix(option: string, value: unknown): string {
  if (typeof value !== 'string' || !NAME_PREFIX.test(value)) {
    throw invalid(option, value, 'it must be 2-64 letters, digits, "-" and "_", starting with a letter or digit', 'use a short prefix like "argo"');
  }
  return value;
}
