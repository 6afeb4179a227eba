/**
 * The checks of the Alibaba Cloud side, in the project's message format (`<option> <value> is
 * invalid: <rule>. Fix: <fix>`): OSS bucket names, regions, ACK cluster ids, the RRSA OIDC issuer
 * and RAM OIDC provider, RAM name prefixes. Pure: they run before any resource is registered. The
 * namespace, subject and day checks are the AWS side's (the same Kubernetes and lifecycle rules).
 */
import { conflict, invalid } from '../../config/errors';
import { validateOssBucket } from '../../config/storage/artifact-repository';
import { ackOidcProviderName } from './names';

export { validateDays, validateNamespaces, validateSubjects, MAX_RETENTION_DAYS } from '../validate';

const RAM_OIDC_PROVIDER_ARN = /^acs:ram::(\d+):oidc-provider\/([A-Za-z0-9.-]{1,128})$/;
/** An ACK cluster id: "c" and 32 hex digits in current regions; older ids are shorter. */
const ACK_CLUSTER_ID = /^c[0-9a-z]{10,40}$/;
/** An Alibaba Cloud region id: `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`, ... */
const REGION = /^[a-z]{2}(-[a-z0-9]+)+$/;

/** Checks an OSS bucket name (3-63 lower-case letters, digits and "-", starting and ending with a letter or digit). */
export function validateBucketName(option: string, value: unknown): string {
  return validateOssBucket(option, value);
}

/** Checks a region id (`cn-hangzhou`, `eu-central-1`). */
export function validateRegion(option: string, value: unknown): string {
  if (typeof value !== 'string' || !REGION.test(value)) {
    throw invalid(option, value, 'it must be an Alibaba Cloud region id like "cn-hangzhou" or "eu-central-1"', 'use the region id of the cluster, e.g. "cn-hangzhou"');
  }
  return value;
}

/** Checks an ACK cluster id ("c" followed by lower-case letters and digits). */
export function validateClusterId(option: string, value: unknown): string {
  if (typeof value !== 'string' || !ACK_CLUSTER_ID.test(value)) {
    throw invalid(option, value, 'it must be an ACK cluster id: "c" followed by 10-40 lower-case letters and digits', 'copy the cluster id from the ACK console (Cluster information > Basic information), e.g. "c0123456789abcdef0123456789abcdef"');
  }
  return value;
}

/** Checks the RRSA OIDC issuer URL (`https://oidc-ack-<region>.oss-<region>.aliyuncs.com/<cluster id>`, no trailing "/", no query). */
export function validateIssuerUrl(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 255 || !/^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(\/[A-Za-z0-9._~-]+)*$/.test(value)) {
    throw invalid(option, value, 'it must be an https:// URL with a host and an optional path, without a trailing "/", query or fragment',
      'copy the RRSA issuer from the cluster (ACK console > Security > RRSA OIDC), e.g. "https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123456789abcdef0123456789abcdef"');
  }
  return value;
}

/** Checks a RAM OIDC provider ARN (`acs:ram::<account>:oidc-provider/<name>`); returns its parts. */
export function validateOidcProviderArn(option: string, value: unknown): { readonly arn: string; readonly accountId: string; readonly name: string } {
  const m = typeof value === 'string' ? RAM_OIDC_PROVIDER_ARN.exec(value) : null;
  if (m === null) {
    throw invalid(option, value, 'it must be a RAM OIDC provider ARN "acs:ram::<account id>:oidc-provider/<provider name>"',
      'copy the ARN from RAM > SSO > OIDC, e.g. "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0123456789abcdef0123456789abcdef"');
  }
  return { arn: value as string, accountId: m[1], name: m[2] };
}

/** Checks that an ACK-made provider (`ack-rrsa-<id>`) belongs to the given cluster. */
export function checkProviderMatchesCluster(providerOption: string, providerName: string, clusterOption: string, clusterId: string): void {
  if (providerName.startsWith('ack-rrsa-') && providerName !== ackOidcProviderName(clusterId)) {
    throw conflict(`${providerOption} names the provider "${providerName}" but ${clusterOption} is "${clusterId}": the trust policy would name another cluster's tokens`,
      `give the provider of that cluster ("…:oidc-provider/${ackOidcProviderName(clusterId)}"), or omit one of them`);
  }
}

/** Checks the start of the RAM names (letters, digits and "-"; at most 63 characters). */
export function validateNamePrefix(option: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(value)) {
    throw invalid(option, value, 'it must be 1-63 letters, digits and "-", starting with a letter or digit (RAM role and policy names)', 'use a short prefix like "argo"');
  }
  return value;
}
