import { parseStackConfig } from '../../stacks/aws/config';
import { AwsIdentityKind, planStorage, AwsIdentity } from '../../src/cloud/aws';
import { ValidationError } from '../../src';

const BASE = { 'aws:region': 'eu-west-1', 'argo-stack-aws:bucketName': 'my-argo-artifacts', 'argo-stack-aws:clusterName': 'prod' };
const parse = (over: Record<string, string | null>) =>
  parseStackConfig(Object.fromEntries(Object.entries({ ...BASE, ...over }).filter(([, v]) => v !== null)) as Record<string, string>);

describe('stack config: every bad input has its exact message, before any resource', () => {
  test.each<[string, Record<string, string | null>, string]>([
    ["bucket name breaking S3 rules", {"argo-stack-aws:bucketName":"My_Bucket"},
      "argo-stack-aws:bucketName \"My_Bucket\" is invalid: an S3 bucket name is 3-63 characters of lower-case letters, digits, \".\" and \"-\", starting and ending with a letter or digit. Fix: use a name like \"my-bucket\""],
    ["bucket name with a dot", {"argo-stack-aws:bucketName":"my.bucket"},
      "argo-stack-aws:bucketName \"my.bucket\" is invalid: a bucket name with \".\" fails TLS on virtual-hosted-style requests, which Argo makes to AWS S3. Fix: use \"my-bucket\""],
    ["bucket name with a reserved suffix", {"argo-stack-aws:bucketName":"argo-artifacts-s3alias"},
      "argo-stack-aws:bucketName \"argo-artifacts-s3alias\" is invalid: an S3 bucket name must not end with the reserved suffix \"-s3alias\". Fix: choose a name that does not end with \"-s3alias\""],
    ["unknown identity", {"argo-stack-aws:identity":"iam-user"},
      "argo-stack-aws:identity \"iam-user\" is invalid: it must be one of \"irsa\", \"pod-identity\", \"access-keys\". Fix: use \"irsa\" (the default), \"pod-identity\" or \"access-keys\""],
    ["IRSA without issuer, provider and cluster name", {"argo-stack-aws:clusterName":null},
      "IRSA needs the cluster's OIDC issuer, but none of argo-stack-aws:oidcIssuerUrl, argo-stack-aws:oidcProviderArn and argo-stack-aws:clusterName is set. Fix: set argo-stack-aws:clusterName to look the issuer up, or set argo-stack-aws:oidcIssuerUrl (and argo-stack-aws:oidcProviderArn when the provider is in another account)"],
    ["issuer that is not an https:// URL", {"argo-stack-aws:oidcIssuerUrl":"http://oidc.eks.eu-west-1.amazonaws.com/id/ABC"},
      "argo-stack-aws:oidcIssuerUrl \"http://oidc.eks.eu-west-1.amazonaws.com/id/ABC\" is invalid: it must be an https:// URL with a host and an optional path, without a trailing \"/\", query or fragment. Fix: copy the issuer from the cluster (aws eks describe-cluster --query cluster.identity.oidc.issuer), e.g. \"https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\""],
    ["issuer with a trailing slash", {"argo-stack-aws:oidcIssuerUrl":"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/"},
      "argo-stack-aws:oidcIssuerUrl \"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/\" is invalid: it must be an https:// URL with a host and an optional path, without a trailing \"/\", query or fragment. Fix: copy the issuer from the cluster (aws eks describe-cluster --query cluster.identity.oidc.issuer), e.g. \"https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\""],
    ["provider ARN that is not an OIDC provider ARN", {"argo-stack-aws:oidcProviderArn":"arn:aws:iam::123456789012:role/oidc"},
      "argo-stack-aws:oidcProviderArn \"arn:aws:iam::123456789012:role/oidc\" is invalid: it must be an IAM OIDC provider ARN \"arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path>\". Fix: copy the ARN from IAM > Identity providers, e.g. \"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\""],
    ["provider of another issuer", {"argo-stack-aws:oidcIssuerUrl":"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC","argo-stack-aws:oidcProviderArn":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/XYZ"},
      "argo-stack-aws:oidcProviderArn names the issuer \"oidc.eks.eu-west-1.amazonaws.com/id/XYZ\" but argo-stack-aws:oidcIssuerUrl is \"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC\": the trust policy would never match the cluster's tokens. Fix: give the provider of that issuer (\"…:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC\"), or omit one of them to derive it from the other"],
    ["Pod Identity without a cluster name", {"argo-stack-aws:identity":"pod-identity","argo-stack-aws:clusterName":null},
      "EKS Pod Identity associates each service account on a cluster, but argo-stack-aws:clusterName is not set. Fix: set argo-stack-aws:clusterName to the EKS cluster's name"],
    ["KMS alias instead of a key ARN", {"argo-stack-aws:kmsKeyArn":"arn:aws:kms:eu-west-1:123456789012:alias/argo"},
      "argo-stack-aws:kmsKeyArn \"arn:aws:kms:eu-west-1:123456789012:alias/argo\" is invalid: it must be the key ARN, not an alias: the role policy grants kms:GenerateDataKey and kms:Decrypt on the key itself. Fix: copy the key ARN from KMS, e.g. \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\""],
    ["KMS key that is not a KMS ARN", {"argo-stack-aws:kmsKeyArn":"arn:aws:s3:::my-key"},
      "argo-stack-aws:kmsKeyArn \"arn:aws:s3:::my-key\" is invalid: it must be a KMS key ARN \"arn:<partition>:kms:<region>:<12-digit account>:key/<key id>\". Fix: copy the key ARN from KMS, e.g. \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\""],
    ["retention 0", {"argo-stack-aws:artifactRetentionDays":"0"},
      "argo-stack-aws:artifactRetentionDays 0 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts"],
    ["retention negative", {"argo-stack-aws:artifactRetentionDays":"-3"},
      "argo-stack-aws:artifactRetentionDays -3 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts"],
    ["retention not a number", {"argo-stack-aws:artifactRetentionDays":"thirty"},
      "argo-stack-aws:artifactRetentionDays \"thirty\" is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts"],
    ["workflow namespace invalid", {"argo-stack-aws:workflowNamespaces":"[\"team-a\",\"Team_B\"]"},
      "argo-stack-aws:workflowNamespaces[1] \"Team_B\" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"team-b\""],
    ["workflow namespace duplicated", {"argo-stack-aws:workflowNamespaces":"[\"team-a\",\"team-a\"]"},
      "argo-stack-aws:workflowNamespaces[1] \"team-a\" is invalid: each workflow namespace may be listed once. Fix: remove the second \"team-a\""],
    ["workflow namespaces not a list", {"argo-stack-aws:workflowNamespaces":"team-a"},
      "argo-stack-aws:workflowNamespaces \"team-a\" is invalid: it must be a JSON list of namespace names. Fix: set it with: pulumi config set --path 'argo-stack-aws:workflowNamespaces[0]' argo"],
    ["install namespace invalid", {"argo-stack-aws:namespace":"Argo"},
      "argo-stack-aws:namespace \"Argo\" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"argo\""],
    ["artifactGC not a boolean", {"argo-stack-aws:artifactGC":"yes"},
      "argo-stack-aws:artifactGC \"yes\" is invalid: it must be true or false. Fix: pulumi config set argo-stack-aws:artifactGC true"],
    ["a typo in a key", {"argo-stack-aws:bucketNme":"x"},
      "argo-stack-aws:bucketNme is not a key of this stack; the keys are argo-stack-aws:bucketName, argo-stack-aws:identity, argo-stack-aws:oidcIssuerUrl, argo-stack-aws:oidcProviderArn, argo-stack-aws:clusterName, argo-stack-aws:namespace, argo-stack-aws:workflowNamespaces, argo-stack-aws:artifactGC, argo-stack-aws:kmsKeyArn, argo-stack-aws:artifactRetentionDays, argo-stack-aws:kubeconfig. Fix: rename it to argo-stack-aws:bucketName"],
    ["no region", {"aws:region":null},
      "aws:region is not set: the bucket and Argo need the region. Fix: pulumi config set aws:region eu-west-1"],
    ["no bucket name", {"argo-stack-aws:bucketName":null},
      "argo-stack-aws:bucketName is not set: the stack creates a bucket of that name. Fix: pulumi config set argo-stack-aws:bucketName my-argo-artifacts"],  ])('%s', (_name, over, message) => {
    let caught: unknown;
    try {
      parse(over);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as Error).message).toBe(message);
  });

  test('defaults: IRSA looked up from the cluster, namespace argo, workflow namespace argo, no GC, SSE-S3, no expiry', () => {
    const c = parse({});
    expect(c).toMatchObject({ region: 'eu-west-1', bucketName: 'my-argo-artifacts', namespace: 'argo', workflowNamespaces: ['argo'], artifactGC: false });
    expect(c.identity.kind).toBe(AwsIdentityKind.IRSA);
    expect(c.identity.clusterName).toBe('prod');
    expect(c.kmsKeyArn).toBeUndefined();
    expect(c.artifactRetentionDays).toBeUndefined();
  });

  test('an issuer alone is enough for IRSA (the provider is derived), and so is a provider ARN', () => {
    const fromIssuer = parse({ 'argo-stack-aws:clusterName': null, 'argo-stack-aws:oidcIssuerUrl': 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' });
    expect([fromIssuer.identity.issuerHostPath, fromIssuer.identity.oidcProviderArn]).toEqual(['oidc.eks.eu-west-1.amazonaws.com/id/ABC', undefined]);
    const fromProvider = parse({ 'argo-stack-aws:clusterName': null, 'argo-stack-aws:oidcProviderArn': 'arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC' });
    expect(fromProvider.identity.issuerHostPath).toBe('oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC');
  });

  test('a service account subject with a wildcard never reaches a trust policy', () => {
    for (const [s, message] of [
      [{ namespace: 'team-*', name: 'argo-workflow' }, 'args.subjects[0].namespace "team-*" is invalid: a wildcard in a trust subject lets any matching service account assume the role. Fix: name one service account exactly'],
      [{ namespace: 'team-a', name: 'argo-?' }, 'args.subjects[0].name "argo-?" is invalid: a wildcard in a trust subject lets any matching service account assume the role. Fix: name one service account exactly'],
    ] as const) {
      expect(() => planStorage({ bucketName: 'my-argo-artifacts', identity: AwsIdentity.accessKeys(), subjects: [{ ...s, component: 'workflow', access: ['read'] }] })).toThrow(message);
    }
  });

  test('component arguments: unknown keys, a non-identity, bad days, bad tags', () => {
    const ok = { bucketName: 'my-argo-artifacts', identity: AwsIdentity.accessKeys(), subjects: [] };
    expect(() => planStorage({ ...ok, bucketNme: 'x' } as never)).toThrow('args.bucketNme is not an option argo-stack knows; allowed here: bucketName, region, identity, subjects, keyFormat, kmsKeyArn, artifactRetentionDays, noncurrentVersionExpirationDays, namePrefix, protect, retainOnDelete, tags. Fix: rename it to "bucketName"');
    expect(() => planStorage({ ...ok, identity: 'irsa' } as never)).toThrow('args.identity "irsa" is invalid: it must be an AwsIdentity made by one of its factories. Fix: use AwsIdentity.irsa({ clusterName }), AwsIdentity.podIdentity({ clusterName }) or AwsIdentity.accessKeys()');
    expect(() => planStorage({ ...ok, artifactRetentionDays: 1.5 })).toThrow('args.artifactRetentionDays 1.5 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts');
    expect(() => planStorage({ ...ok, tags: { 'aws:x': 'y' } })).toThrow('args.tags {"aws:x":"y"} is invalid');
    expect(() => planStorage({ ...ok, protect: 'yes' } as never)).toThrow('args.protect "yes" is invalid');
  });
});
