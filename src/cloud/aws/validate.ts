/**
 * The checks of the AWS side, in the project's message format (`<option> <value> is invalid: <rule>.
 * Fix: <fix>`): bucket names, the cluster's OIDC issuer and IAM OIDC provider, KMS key ARNs and EKS
 * cluster names; retention days, workflow namespaces and trust subjects are the clouds' shared
 * checks (`../validate`), re-exported. Pure: they run before any resource is registered.
 */
import { conflict, invalid } from '../../config/errors';
import { validateS3Bucket } from '../../config/storage/artifact-repository';

export { MAX_RETENTION_DAYS, validateDays, validateNamespaces, validateSubjects } from '../validate';

/** A partition in an ARN: `aws`, `aws-cn`, `aws-us-gov`, ... */
const PARTITION = 'aws(?:-[a-z]+)*';
const OIDC_PROVIDER_ARN = new RegExp(`^arn:(${PARTITION}):iam::(\\d{12}):oidc-provider/([A-Za-z0-9.-]+(?:/[A-Za-z0-9._~-]+)*)$`);
const KMS_KEY_ARN = new RegExp(`^arn:(${PARTITION}):kms:[a-z]{2}(?:-[a-z]+)+-\\d:\\d{12}:key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`);
/** An EKS cluster name: 1-100 letters, digits, "-" and "_", starting with a letter or digit. */
const EKS_CLUSTER = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

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

/** Checks an EKS cluster name. */
export function validateClusterName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !EKS_CLUSTER.test(value)) {
    throw invalid(option, value, 'it must be an EKS cluster name: 1-100 letters, digits, "-" and "_", starting with a letter or digit', 'give the cluster name, e.g. "my-cluster"');
  }
  return value;
}
