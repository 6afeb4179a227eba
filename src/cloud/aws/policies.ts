/**
 * IAM policy documents as pure functions of plain values: the permission policy of a role (or of
 * the IAM user), the IRSA and Pod Identity trust policies, and the bucket's TLS-only policy.
 * Partition-safe ARNs, exact actions, no "*" action or resource, delete only when asked.
 */
import { bucketArn } from './names';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: string | Readonly<Record<string, string>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * The objects a role reaches, as key prefixes (`""` is the whole bucket, `"team-a/"` one
 * namespace's artifacts, `"uploads/team-a/"` the files uploaded for it in the UI).
 */
export interface ObjectGrants {
  /** `s3:GetObject` (download an artifact or log). */
  readonly get: readonly string[];
  /** `s3:PutObject` (save an artifact or log; the UI's uploads). */
  readonly put: readonly string[];
  /** `s3:DeleteObject` (artifact garbage collection only). */
  readonly delete: readonly string[];
  /** `s3:ListBucket` under these prefixes (Argo lists a key before it loads or deletes it). */
  readonly list: readonly string[];
}

export interface PermissionPolicyInput {
  readonly partition: string;
  readonly bucket: string;
  readonly grants: ObjectGrants;
  /** The region Argo is told; without one its S3 client asks `s3:GetBucketLocation`. */
  readonly region?: string;
  /** A customer-managed KMS key the bucket encrypts with. */
  readonly kmsKeyArn?: string;
}

const VERSION = '2012-10-17' as const;

/** Prefixes without the ones another covers (`""` covers all), sorted. */
export function coveringPrefixes(prefixes: readonly string[]): string[] {
  const unique = [...new Set(prefixes)].sort();
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(q)));
}

/**
 * The permission policy of one role: object verbs on `bucket/<prefix>*`, `s3:ListBucket` on the
 * bucket (limited to the prefixes with `s3:prefix` when the role does not reach the whole bucket),
 * `s3:GetBucketLocation` on the bucket only without a region, and `kms:Decrypt` /
 * `kms:GenerateDataKey` on the customer key only when there is one and the role reads or writes.
 */
export function permissionPolicy(input: PermissionPolicyInput): PolicyDocument {
  const { partition, bucket, grants } = input;
  const bucketResource = bucketArn(partition, bucket);
  const objects = (prefixes: readonly string[]) => coveringPrefixes(prefixes).map((p) => `${bucketResource}/${p}*`);
  const statements: PolicyStatement[] = [];
  const verb = (sid: string, action: string, prefixes: readonly string[]) => {
    if (prefixes.length > 0) statements.push({ Sid: sid, Effect: 'Allow', Action: action, Resource: objects(prefixes) });
  };
  verb('GetArtifacts', 's3:GetObject', grants.get);
  verb('PutArtifacts', 's3:PutObject', grants.put);
  verb('DeleteArtifacts', 's3:DeleteObject', grants.delete);
  if (grants.list.length > 0) {
    const list = coveringPrefixes(grants.list);
    statements.push({
      Sid: 'ListArtifacts', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketResource,
      ...(list.includes('') ? {} : { Condition: { StringLike: { 's3:prefix': list.map((p) => `${p}*`) } } }),
    });
  }
  if (input.region === undefined) statements.push({ Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: bucketResource });
  if (input.kmsKeyArn !== undefined && (grants.get.length > 0 || grants.put.length > 0)) {
    const actions = [...(grants.put.length > 0 ? ['kms:GenerateDataKey'] : []), 'kms:Decrypt'];
    statements.push({ Sid: 'ArtifactKey', Effect: 'Allow', Action: actions, Resource: input.kmsKeyArn });
  }
  return { Version: VERSION, Statement: statements };
}

/** Denies every request to the bucket and its objects that does not come over TLS. */
export function tlsOnlyBucketPolicy(partition: string, bucket: string): PolicyDocument {
  const arn = bucketArn(partition, bucket);
  return {
    Version: VERSION,
    Statement: [{
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }],
  };
}

/**
 * IRSA trust: `sts:AssumeRoleWithWebIdentity` from the cluster's OIDC provider, `StringEquals` on
 * the exact `<issuer host/path>:sub` of each subject and on `:aud = sts.amazonaws.com`.
 */
export function irsaTrustPolicy(providerArn: string, issuerHostPath: string, subjects: readonly string[]): PolicyDocument {
  return {
    Version: VERSION,
    Statement: [{
      Sid: 'ServiceAccounts', Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${issuerHostPath}:sub`]: [...subjects], [`${issuerHostPath}:aud`]: 'sts.amazonaws.com' } },
    }],
  };
}

/**
 * EKS Pod Identity trust: `sts:AssumeRole` and `sts:TagSession` by `pods.eks.amazonaws.com`,
 * narrowed by the session tags the agent sets (cluster, namespaces and service accounts).
 */
export function podIdentityTrustPolicy(clusterName: string, subjects: readonly { readonly namespace: string; readonly name: string }[]): PolicyDocument {
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  return {
    Version: VERSION,
    Statement: [{
      Sid: 'PodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/eks-cluster-name': clusterName,
          'aws:RequestTag/kubernetes-namespace': sorted(subjects.map((s) => s.namespace)),
          'aws:RequestTag/kubernetes-service-account': sorted(subjects.map((s) => s.name)),
        },
      },
    }],
  };
}
