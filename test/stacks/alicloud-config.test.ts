import { parseStackConfig } from '../../stacks/alicloud/config';
import { AlicloudIdentityKind } from '../../src/cloud/alicloud';
import { ValidationError } from '../../src';

const CLUSTER = 'c0123456789abcdef0123456789abcdef';
const BASE = { 'alicloud:region': 'cn-hangzhou', 'argo-stack-alicloud:bucketName': 'my-argo-artifacts', 'argo-stack-alicloud:clusterId': CLUSTER };
const parse = (over: Record<string, string | null>) =>
  parseStackConfig(Object.fromEntries(Object.entries({ ...BASE, ...over }).filter(([, v]) => v !== null)) as Record<string, string>);

describe('stack config: every bad input has its exact message, before any resource', () => {
  test.each<[string, Record<string, string | null>, string]>([
    ["bucket name with upper case and \"_\"", { 'argo-stack-alicloud:bucketName': 'My_Bucket' },
      "argo-stack-alicloud:bucketName \"My_Bucket\" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"my-bucket\""],
    ["bucket name with a dot", { 'argo-stack-alicloud:bucketName': 'my.bucket' },
      "argo-stack-alicloud:bucketName \"my.bucket\" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"my-bucket\""],
    ["bucket name too short", { 'argo-stack-alicloud:bucketName': 'ab' },
      "argo-stack-alicloud:bucketName \"ab\" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"my-bucket\""],
    ["bucket name starting with \"-\"", { 'argo-stack-alicloud:bucketName': '-argo' },
      "argo-stack-alicloud:bucketName \"-argo\" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"argo\""],
    ["bucket name too long", { 'argo-stack-alicloud:bucketName': 'a'.repeat(64) },
      "argo-stack-alicloud:bucketName \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""],
    ["bucket name with a scheme", { 'argo-stack-alicloud:bucketName': 'oss://my-bucket' },
      "argo-stack-alicloud:bucketName \"oss://my-bucket\" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: drop the \"oss://\" prefix: use \"my-bucket\" as argo-stack-alicloud:bucketName"],
    ["unknown identity", { 'argo-stack-alicloud:identity': 'ram-user' },
      "argo-stack-alicloud:identity \"ram-user\" is invalid: it must be one of \"rrsa\", \"access-keys\". Fix: use \"rrsa\" (the default) or \"access-keys\""],
    ["RRSA without cluster id or OIDC provider", { 'argo-stack-alicloud:clusterId': null },
      "RRSA needs the cluster's RAM OIDC provider, but neither argo-stack-alicloud:clusterId nor argo-stack-alicloud:oidcProviderArn is set. Fix: set argo-stack-alicloud:clusterId to look the provider and issuer up, or set argo-stack-alicloud:oidcProviderArn and argo-stack-alicloud:oidcIssuerUrl"],
    ["RRSA without cluster id, with an issuer only", { 'argo-stack-alicloud:clusterId': null, 'argo-stack-alicloud:oidcIssuerUrl': 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/x' },
      "RRSA needs the cluster's RAM OIDC provider, but neither argo-stack-alicloud:clusterId nor argo-stack-alicloud:oidcProviderArn is set. Fix: set argo-stack-alicloud:clusterId to look the provider and issuer up, or set argo-stack-alicloud:oidcProviderArn and argo-stack-alicloud:oidcIssuerUrl"],
    ["RRSA with a provider but no issuer", { 'argo-stack-alicloud:clusterId': null, 'argo-stack-alicloud:oidcProviderArn': `acs:ram::1234567890123456:oidc-provider/ack-rrsa-${CLUSTER}` },
      "RRSA needs the cluster's OIDC issuer for the oidc:iss condition, but argo-stack-alicloud:oidcProviderArn is set without argo-stack-alicloud:oidcIssuerUrl or argo-stack-alicloud:clusterId. Fix: set argo-stack-alicloud:oidcIssuerUrl, or set argo-stack-alicloud:clusterId to look it up"],
    ["issuer not a URL", { 'argo-stack-alicloud:oidcIssuerUrl': 'oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com' },
      "argo-stack-alicloud:oidcIssuerUrl \"oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com\" is invalid: it must be an https:// URL with a host and an optional path, without a trailing \"/\", query or fragment. Fix: copy the RRSA issuer from the cluster (ACK console > Security > RRSA OIDC), e.g. \"https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123456789abcdef0123456789abcdef\""],
    ["issuer over http", { 'argo-stack-alicloud:oidcIssuerUrl': 'http://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/x' },
      "argo-stack-alicloud:oidcIssuerUrl \"http://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/x\" is invalid: it must be an https:// URL with a host and an optional path, without a trailing \"/\", query or fragment. Fix: copy the RRSA issuer from the cluster (ACK console > Security > RRSA OIDC), e.g. \"https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123456789abcdef0123456789abcdef\""],
    ["issuer with a trailing slash", { 'argo-stack-alicloud:oidcIssuerUrl': 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/x/' },
      "argo-stack-alicloud:oidcIssuerUrl \"https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/x/\" is invalid: it must be an https:// URL with a host and an optional path, without a trailing \"/\", query or fragment. Fix: copy the RRSA issuer from the cluster (ACK console > Security > RRSA OIDC), e.g. \"https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123456789abcdef0123456789abcdef\""],
    ["provider ARN of another kind", { 'argo-stack-alicloud:oidcProviderArn': 'acs:ram::1234567890123456:role/argo' },
      "argo-stack-alicloud:oidcProviderArn \"acs:ram::1234567890123456:role/argo\" is invalid: it must be a RAM OIDC provider ARN \"acs:ram::<account id>:oidc-provider/<provider name>\". Fix: copy the ARN from RAM > SSO > OIDC, e.g. \"acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0123456789abcdef0123456789abcdef\""],
    ["provider of another cluster", { 'argo-stack-alicloud:oidcProviderArn': 'acs:ram::1234567890123456:oidc-provider/ack-rrsa-cffffffffffffffff' },
      "argo-stack-alicloud:oidcProviderArn names the provider \"ack-rrsa-cffffffffffffffff\" but argo-stack-alicloud:clusterId is \"c0123456789abcdef0123456789abcdef\": the trust policy would name another cluster's tokens. Fix: give the provider of that cluster (\"\u2026:oidc-provider/ack-rrsa-c0123456789abcdef0123456789abcdef\"), or omit one of them"],
    ["cluster id of the wrong shape", { 'argo-stack-alicloud:clusterId': 'prod-cluster' },
      "argo-stack-alicloud:clusterId \"prod-cluster\" is invalid: it must be an ACK cluster id: \"c\" followed by 10-40 lower-case letters and digits. Fix: copy the cluster id from the ACK console (Cluster information > Basic information), e.g. \"c0123456789abcdef0123456789abcdef\""],
    ["retention 0", { 'argo-stack-alicloud:artifactRetentionDays': '0' },
      "argo-stack-alicloud:artifactRetentionDays 0 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts"],
    ["retention negative", { 'argo-stack-alicloud:artifactRetentionDays': '-3' },
      "argo-stack-alicloud:artifactRetentionDays -3 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts"],
    ["retention not a number", { 'argo-stack-alicloud:artifactRetentionDays': 'thirty' },
      "argo-stack-alicloud:artifactRetentionDays \"thirty\" is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts"],
    ["workflow namespace invalid", { 'argo-stack-alicloud:workflowNamespaces': '["team-a","Team_B"]' },
      "argo-stack-alicloud:workflowNamespaces[1] \"Team_B\" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"team-b\""],
    ["workflow namespace duplicated", { 'argo-stack-alicloud:workflowNamespaces': '["team-a","team-a"]' },
      "argo-stack-alicloud:workflowNamespaces[1] \"team-a\" is invalid: each workflow namespace may be listed once. Fix: remove the second \"team-a\""],
    ["workflow namespace with a wildcard", { 'argo-stack-alicloud:workflowNamespaces': '["team-*"]' },
      "argo-stack-alicloud:workflowNamespaces[0] \"team-*\" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"team\""],
    ["workflow namespaces not a list", { 'argo-stack-alicloud:workflowNamespaces': 'team-a' },
      "argo-stack-alicloud:workflowNamespaces \"team-a\" is invalid: it must be a JSON list of namespace names. Fix: set it with: pulumi config set --path 'argo-stack-alicloud:workflowNamespaces[0]' argo"],
    ["workflow namespaces empty", { 'argo-stack-alicloud:workflowNamespaces': '[]' },
      "argo-stack-alicloud:workflowNamespaces [] is invalid: it must be a non-empty list of namespace names. Fix: give a list like [\"argo\"]"],
    ["install namespace invalid", { 'argo-stack-alicloud:namespace': 'Argo' },
      "argo-stack-alicloud:namespace \"Argo\" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and \"-\", starting and ending with a letter or digit. Fix: use a name like \"argo\""],
    ["artifactGC not a boolean", { 'argo-stack-alicloud:artifactGC': 'yes' },
      "argo-stack-alicloud:artifactGC \"yes\" is invalid: it must be true or false. Fix: pulumi config set argo-stack-alicloud:artifactGC true"],
    ["a typo in a key", { 'argo-stack-alicloud:bucketNme': 'x' },
      "argo-stack-alicloud:bucketNme is not a key of this stack; the keys are argo-stack-alicloud:bucketName, argo-stack-alicloud:clusterId, argo-stack-alicloud:oidcIssuerUrl, argo-stack-alicloud:oidcProviderArn, argo-stack-alicloud:identity, argo-stack-alicloud:namespace, argo-stack-alicloud:workflowNamespaces, argo-stack-alicloud:artifactGC, argo-stack-alicloud:artifactRetentionDays, argo-stack-alicloud:kubeconfig. Fix: rename it to argo-stack-alicloud:bucketName"],
    ["a key of another stack", { 'argo-stack-alicloud:kmsKeyArn': 'x' },
      "argo-stack-alicloud:kmsKeyArn is not a key of this stack; the keys are argo-stack-alicloud:bucketName, argo-stack-alicloud:clusterId, argo-stack-alicloud:oidcIssuerUrl, argo-stack-alicloud:oidcProviderArn, argo-stack-alicloud:identity, argo-stack-alicloud:namespace, argo-stack-alicloud:workflowNamespaces, argo-stack-alicloud:artifactGC, argo-stack-alicloud:artifactRetentionDays, argo-stack-alicloud:kubeconfig. Fix: remove it: pulumi config rm argo-stack-alicloud:kmsKeyArn"],
    ["no region", { 'alicloud:region': null },
      "alicloud:region is not set: the bucket and Argo's endpoint need the region. Fix: pulumi config set alicloud:region cn-hangzhou"],
    ["region of the wrong shape", { 'alicloud:region': 'Hangzhou' },
      "alicloud:region \"Hangzhou\" is invalid: it must be an Alibaba Cloud region id like \"cn-hangzhou\" or \"eu-central-1\". Fix: use the region id of the cluster, e.g. \"cn-hangzhou\""],
    ["no bucket name", { 'argo-stack-alicloud:bucketName': null },
      "argo-stack-alicloud:bucketName is not set: the stack creates a bucket of that name. Fix: pulumi config set argo-stack-alicloud:bucketName my-argo-artifacts"],
  ])('%s', (_name, over, message) => {
    let caught: unknown;
    try {
      parse(over);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as Error).message).toBe(message);
  });

  test('defaults: RRSA looked up from the cluster, namespace argo, workflow namespace argo, no GC, no expiry', () => {
    const c = parse({});
    expect(c).toMatchObject({ region: 'cn-hangzhou', bucketName: 'my-argo-artifacts', namespace: 'argo', workflowNamespaces: ['argo'], artifactGC: false });
    expect(c.identity.kind).toBe(AlicloudIdentityKind.RRSA);
    expect(c.identity.clusterId).toBe(CLUSTER);
    expect(c.artifactRetentionDays).toBeUndefined();
    expect(c.kubeconfig).toBeUndefined();
  });

  test('a provider and an issuer are enough without a cluster id; access keys need neither', () => {
    const given = parse({
      'argo-stack-alicloud:clusterId': null, 'argo-stack-alicloud:oidcIssuerUrl': 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/x',
      'argo-stack-alicloud:oidcProviderArn': 'acs:ram::1234567890123456:oidc-provider/my-provider',
    });
    expect([given.identity.oidcIssuerUrl, given.identity.oidcProviderArn]).toEqual(['https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/x', 'acs:ram::1234567890123456:oidc-provider/my-provider']);
    const keys = parse({ 'argo-stack-alicloud:clusterId': null, 'argo-stack-alicloud:identity': 'access-keys' });
    expect(keys.identity.kind).toBe(AlicloudIdentityKind.ACCESS_KEYS);
  });

  test('set values are read: namespaces, GC, retention, kubeconfig', () => {
    expect(parse({
      'argo-stack-alicloud:workflowNamespaces': '["team-a","team-b"]', 'argo-stack-alicloud:artifactGC': 'true',
      'argo-stack-alicloud:artifactRetentionDays': '30', 'argo-stack-alicloud:kubeconfig': 'apiVersion: v1',
    })).toMatchObject({ workflowNamespaces: ['team-a', 'team-b'], artifactGC: true, artifactRetentionDays: 30, kubeconfig: 'apiVersion: v1' });
  });
});
