/**
 * The checks of the AWS side, in the project's message format (`<option> <value> is invalid: <rule>.
 * Fix: <fix>`): bucket names, the cluster's OIDC issuer and IAM OIDC provider, KMS key ARNs,
 * retention days, EKS cluster names, workflow namespaces, and the service account subjects a trust
 * policy names. Pure: they run before any resource is registered.
 */
import { checkEnum, Checker } from '../../config/check';
import { conflict, invalid } from '../../config/errors';
import { validateDnsLabel, validateDnsSubdomain } from '../../config/names';
import type { ServiceAccountSubject } from '../../config/identity/subjects';
import { validateS3Bucket } from '../../config/storage/artifact-repository';

/** A partition in an ARN: `aws`, `aws-cn`, `aws-us-gov`, ... */
const PARTITION = 'aws(?:-[a-z]+)*';
const OIDC_PROVIDER_ARN = new RegExp(`^arn:(${PARTITION}):iam::(\\d{12}):oidc-provider/([A-Za-z0-9.-]+(?:/[A-Za-z0-9._~-]+)*)$`);
const KMS_KEY_ARN = new RegExp(`^arn:(${PARTITION}):kms:[a-z]{2}(?:-[a-z]+)+-\\d:\\d{12}:key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`);
/** An EKS cluster name: 1-100 letters, digits, "-" and "_", starting with a letter or digit. */
const EKS_CLUSTER = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
/** The longest retention S3 lifecycle rules take (days). */
export const MAX_RETENTION_DAYS = 36500;

/**
 * Checks a bucket name against the S3 rules, and rejects "." too: Argo's S3 client addresses AWS
 * buckets virtual-hosted style, and a dotted host name fails the TLS certificate check.
 */
export function validateBucketName(option: string, value: unknown): string {
  const name = validateS3Bucket(option, value);
  if (name.includes('.')) {
    throw invalid(option, name, 'a bucket name with "." fails TLS on virtual-hosted-style requests, which Argo makes to AWS S3',
      `use ${JSON.stringify(name.replace(/\./g, '-'))}`);
  }
  return name;
}

/**
 * Checks the cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`, no
 * trailing "/", no query) and returns its host and path, the prefix of the IRSA condition keys.
 */
export function validateIssuerUrl(option: string, value: unknown): string {
  const fix = 'copy the issuer from the cluster (aws eks describe-cluster --query cluster.identity.oidc.issuer), e.g. "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"';
  if (typeof value !== 'string' || !/^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(\/[A-Za-z0-9._~-]+)*$/.test(value) || value.length > 255) {
    throw invalid(option, value, 'it must be an https:// URL with a host and an optional path, without a trailing "/", query or fragment', fix);
  }
  return value.slice('https://'.length);
}

/** Checks an IAM OIDC provider ARN (`arn:<partition>:iam::<account>:oidc-provider/<issuer host/path>`); returns its parts. */
export function validateOidcProviderArn(option: string, value: unknown): { readonly arn: string; readonly partition: string; readonly issuerHostPath: string } {
  const m = typeof value === 'string' ? OIDC_PROVIDER_ARN.exec(value) : null;
  if (m === null) {
    throw invalid(option, value, 'it must be an IAM OIDC provider ARN "arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path>"',
      'copy the ARN from IAM > Identity providers, e.g. "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"');
  }
  return { arn: value as string, partition: m[1], issuerHostPath: m[3] };
}

/** Checks that the provider ARN names the issuer (the trust policy's condition keys must match the token's `iss`). */
export function checkIssuerMatchesProvider(issuerOption: string, issuerHostPath: string, providerOption: string, providerHostPath: string): void {
  if (issuerHostPath !== providerHostPath) {
    throw conflict(`${providerOption} names the issuer "${providerHostPath}" but ${issuerOption} is "https://${issuerHostPath}": the trust policy would never match the cluster's tokens`,
      `give the provider of that issuer ("…:oidc-provider/${issuerHostPath}"), or omit one of them to derive it from the other`);
  }
}

/** Checks a customer-managed KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<key id>`; not an alias). */
export function validateKmsKeyArn(option: string, value: unknown): string {
  if (typeof value !== 'string' || !KMS_KEY_ARN.test(value)) {
    const alias = typeof value === 'string' && /:alias\/|^alias\//.test(value);
    throw invalid(option, value, alias
      ? 'it must be the key ARN, not an alias: the role policy grants kms:GenerateDataKey and kms:Decrypt on the key itself'
      : 'it must be a KMS key ARN "arn:<partition>:kms:<region>:<12-digit account>:key/<key id>"',
    'copy the key ARN from KMS, e.g. "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"');
  }
  return value;
}

/** Checks a number of days for a lifecycle rule (an integer from 1 to 36500). */
export function validateDays(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RETENTION_DAYS) {
    throw invalid(option, value, `it must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`, 'give a number of days like 30, or omit it to keep artifacts');
  }
  return value;
}

/** Checks an EKS cluster name. */
export function validateClusterName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !EKS_CLUSTER.test(value)) {
    throw invalid(option, value, 'it must be an EKS cluster name: 1-100 letters, digits, "-" and "_", starting with a letter or digit', 'give the cluster name, e.g. "my-cluster"');
  }
  return value;
}

/** Checks a list of workflow namespaces: a non-empty list of RFC 1123 labels, each once. */
export function validateNamespaces(option: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(option, value, 'it must be a non-empty list of namespace names', 'give a list like ["argo"]');
  }
  const seen = new Set<string>();
  return value.map((n, i) => {
    const name = validateDnsLabel(`${option}[${i}]`, n);
    if (seen.has(name)) throw invalid(`${option}[${i}]`, name, 'each workflow namespace may be listed once', `remove the second "${name}"`);
    seen.add(name);
    return name;
  });
}

/**
 * Checks the subjects a trust policy will name: a namespace label and a service account name each,
 * without a wildcard ("*" or "?" would let other service accounts assume the role).
 */
export function validateSubjects(option: string, value: unknown): ServiceAccountSubject[] {
  if (!Array.isArray(value)) throw invalid(option, value, 'it must be a list of service account subjects', 'pass plan.serviceAccountSubjects');
  return value.map((s: unknown, i) => {
    const c = new Checker(`${option}[${i}]`);
    const o = c.object(s, '{ namespace: "argo", name: "argo-workflow", component: "workflow", access: ["read", "write"] }');
    for (const field of ['namespace', 'name'] as const) {
      if (typeof o[field] === 'string' && /[*?]/.test(o[field] as string)) {
        throw invalid(c.at(field), o[field], 'a wildcard in a trust subject lets any matching service account assume the role', 'name one service account exactly');
      }
    }
    validateDnsLabel(c.at('namespace'), o.namespace);
    validateDnsSubdomain(c.at('name'), o.name);
    checkEnum(c.at('component'), o.component, { workflow: 'workflow', server: 'server', artifactGc: 'artifact-gc' }, 'use "workflow", "server" or "artifact-gc"');
    if (!Array.isArray(o.access) || o.access.some((a) => a !== 'read' && a !== 'write' && a !== 'delete')) {
      throw invalid(c.at('access'), o.access, 'it must be a list of "read", "write" and "delete"', 'pass the subjects of the plan as they are');
    }
    return o as unknown as ServiceAccountSubject;
  });
}
