import { resolveArtifactRepositories } from '../../src/config/storage/artifact-repositories';
import { ArtifactRepository, CREATION_TIMESTAMP_FORMATS, validateAzureAccountName, validateKeyFormat } from '../../src/config/storage/artifact-repository';
import {
  ArtifactRepositoryType, DEFAULT_HDFS_PATH_FORMAT, DEFAULT_S3_ENDPOINT, HdfsDataTransferProtection, S3AddressingStyle,
} from '../../src/config/storage/artifact-repository-options';
import { renderYaml } from '../../src/config/controller-config/render';
import { ARTIFACT_REPOSITORY, checkShape, validateControllerConfig } from '../../src/config/controller-config/schema';
import { ValidationError } from '../../src/config/errors';
import { parse } from 'yaml';
import { bad, expectInvalid } from './_helpers';

const S3_RULE = 'an S3 bucket name is 3-63 characters of lower-case letters, digits, "." and "-", starting and ending with a letter or digit';
const GCS_RULE = 'a GCS bucket name is 3-63 characters of lower-case letters, digits, "-" and "_", starting and ending with a letter or digit (a name with "." may have 222 characters, at most 63 between dots, and needs a verified domain)';
const OSS_RULE = 'an OSS bucket name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit';
const CONTAINER_RULE = 'an Azure blob container name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit, with no "--"';
const ENDPOINT_RULE = 'it must be a host with an optional port, like "s3.amazonaws.com" or "minio:9000"';
const UNBALANCED = 'its braces are unbalanced: every variable is written "{{name}}", with no other "{" or "}". Fix: write each variable as {{name}}, e.g. "{{workflow.name}}/{{pod.name}}"';
const KNOWN = 'the known ones are {{workflow.name}}, {{workflow.namespace}}, {{workflow.uid}}, {{workflow.creationTimestamp}}, '
  + '{{workflow.creationTimestamp.<Y|y|m|d|H|I|M|S|L|p|B|b|A|a|Z|z|s|RFC3339>}}, {{workflow.mainEntrypoint}}, {{workflow.serviceAccountName}}, '
  + '{{pod.name}}, {{workflow.labels.<key>}}, {{workflow.annotations.<key>}} and {{workflow.parameters.<name>}}';
const AZURE_WHAT = 'the https URL of the storage account\'s blob service, like "https://myaccount.blob.core.windows.net"';
const SECRET_KEY_RULE = 'a Secret data key is 1-253 characters of letters, digits, "-", "_" and "."';
const SUBDOMAIN_RULE = 'it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';
const LABEL_RULE = 'it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit';

const KEYS = { accessKeySecret: { name: 'minio-cred', key: 'accesskey' }, secretKeySecret: { name: 'minio-cred', key: 'secretkey' } };
const AZ = 'https://myaccount.blob.core.windows.net';
const OSS_EP = 'https://oss-cn-hangzhou.aliyuncs.com';
const ART = { repoURL: 'https://artifactory.example.com/artifactory/generic-local', usernameSecret: { name: 'art', key: 'username' }, passwordSecret: { name: 'art', key: 'password' } };
const KRB = { krbConfigConfigMap: { name: 'krb5', key: 'krb5.conf' }, krbServicePrincipalName: 'hdfs/nn.example.com' };

/** Every rendered spec must pass Argo's key tree, as a controller `artifactRepository` and as a ConfigMap entry. */
function argoAccepts(r: ArtifactRepository): void {
  checkShape('', r.spec, ARTIFACT_REPOSITORY);
  validateControllerConfig({ artifactRepository: r.spec });
  expect(parse(renderYaml(r.spec))).toEqual(r.spec);
}

const s3 = (o: object, path?: string) => () => ArtifactRepository.s3(bad(o), path);

// ---------------------------------------------------------------------------------------------

describe('ArtifactRepository.s3: rendering', () => {
  test('a bucket alone: the AWS endpoint is filled in, nothing else', () => {
    const r = ArtifactRepository.s3({ bucket: 'my-bucket' });
    expect(r.type).toBe(ArtifactRepositoryType.S3);
    expect(r.spec).toEqual({ s3: { endpoint: DEFAULT_S3_ENDPOINT, bucket: 'my-bucket' } });
    expect(DEFAULT_S3_ENDPOINT).toBe('s3.amazonaws.com');
    expect(r.secretRefs()).toEqual([]);
    expect(r.secretNames()).toEqual([]);
    expect(r.configMapRefs()).toEqual([]);
    expect(r.pluginName).toBeUndefined();
    expect(r.describe()).toBe('s3 my-bucket@s3.amazonaws.com');
    argoAccepts(r);
  });

  test('MinIO-style: endpoint, insecure, static keys, key format, bucket creation, path style, archived logs', () => {
    const r = ArtifactRepository.s3({
      bucket: 'my-bucket', endpoint: 'minio:9000', insecure: true, ...KEYS, keyFormat: 'artifacts/{{workflow.creationTimestamp.Y}}/{{workflow.name}}/{{pod.name}}',
      createBucketIfNotPresent: true, addressingStyle: S3AddressingStyle.PATH, archiveLogs: true,
    });
    expect(r.spec).toEqual({
      archiveLogs: true,
      s3: {
        endpoint: 'minio:9000', bucket: 'my-bucket', insecure: true, ...KEYS, keyFormat: 'artifacts/{{workflow.creationTimestamp.Y}}/{{workflow.name}}/{{pod.name}}',
        createBucketIfNotPresent: {}, addressingStyle: 'path',
      },
    });
    expect(renderYaml(r.spec)).toBe([
      'archiveLogs: true',
      's3:',
      '  accessKeySecret:',
      '    key: accesskey',
      '    name: minio-cred',
      '  addressingStyle: path',
      '  bucket: my-bucket',
      '  createBucketIfNotPresent: {}',
      '  endpoint: minio:9000',
      '  insecure: true',
      '  keyFormat: artifacts/{{workflow.creationTimestamp.Y}}/{{workflow.name}}/{{pod.name}}',
      '  secretKeySecret:',
      '    key: secretkey',
      '    name: minio-cred',
      '',
    ].join('\n'));
    expect(r.secretRefs()).toEqual([KEYS.accessKeySecret, KEYS.secretKeySecret]);
    expect(r.secretNames()).toEqual(['minio-cred']);
    argoAccepts(r);
  });

  test('AWS with IRSA: region, useSDKCreds, roleARN, KMS encryption, object locking, virtual-hosted style', () => {
    const r = ArtifactRepository.s3({
      bucket: 'argo-artifacts', region: 'eu-west-1', useSDKCreds: true, roleARN: 'arn:aws:iam::123456789012:role/argo-artifacts',
      encryptionOptions: { enableEncryption: true, kmsKeyId: 'alias/argo', kmsEncryptionContext: '{"project":"argo"}' },
      createBucketIfNotPresent: { objectLocking: true }, addressingStyle: S3AddressingStyle.VIRTUAL_HOSTED,
    });
    expect(r.spec).toEqual({
      s3: {
        endpoint: 's3.amazonaws.com', bucket: 'argo-artifacts', region: 'eu-west-1', useSDKCreds: true, roleARN: 'arn:aws:iam::123456789012:role/argo-artifacts',
        encryptionOptions: { enableEncryption: true, kmsKeyId: 'alias/argo', kmsEncryptionContext: '{"project":"argo"}' },
        createBucketIfNotPresent: { objectLocking: true }, addressingStyle: 'virtual-hosted',
      },
    });
    expect(r.secretRefs()).toEqual([]);
    argoAccepts(r);
  });

  test('HTTPS with a private CA, a session token and SSE-C: every Secret is listed in a stable order', () => {
    const r = ArtifactRepository.s3({
      bucket: 'my-bucket', endpoint: 's3.internal.example.com:9443', insecure: false, ...KEYS,
      sessionTokenSecret: { name: 'sts', key: 'token' }, caSecret: { name: 'ca', key: 'ca.crt' },
      encryptionOptions: { enableEncryption: true, serverSideCustomerKeySecret: { name: 'ssec', key: 'key', optional: false } },
    });
    expect(r.spec.s3).toEqual({
      endpoint: 's3.internal.example.com:9443', bucket: 'my-bucket', insecure: false, ...KEYS, sessionTokenSecret: { name: 'sts', key: 'token' },
      caSecret: { name: 'ca', key: 'ca.crt' }, encryptionOptions: { enableEncryption: true, serverSideCustomerKeySecret: { name: 'ssec', key: 'key', optional: false } },
    });
    expect(r.secretRefs()).toEqual([
      KEYS.accessKeySecret, KEYS.secretKeySecret, { name: 'sts', key: 'token' }, { name: 'ca', key: 'ca.crt' }, { name: 'ssec', key: 'key', optional: false },
    ]);
    expect(r.secretNames()).toEqual(['ca', 'minio-cred', 'ssec', 'sts']);
    argoAccepts(r);
  });

  test('createBucketIfNotPresent: false renders nothing; enableEncryption alone (SSE-S3) renders', () => {
    const r = ArtifactRepository.s3({ bucket: 'my-bucket', createBucketIfNotPresent: false, encryptionOptions: { enableEncryption: true } });
    expect(r.spec).toEqual({ s3: { endpoint: 's3.amazonaws.com', bucket: 'my-bucket', encryptionOptions: { enableEncryption: true } } });
  });

  test('the repository is not affected by later changes to the options object', () => {
    const o = { bucket: 'my-bucket', ...KEYS, accessKeySecret: { ...KEYS.accessKeySecret } };
    const r = ArtifactRepository.s3(o);
    o.accessKeySecret.name = 'changed';
    expect(r.spec.s3!.accessKeySecret).toEqual(KEYS.accessKeySecret);
    r.secretRefs()[0].name = 'changed';
    expect(r.spec.s3!.accessKeySecret).toEqual(KEYS.accessKeySecret);
  });

  test.each([
    ['dotted bucket, auto-detected style', { bucket: 'my.bucket' }],
    ['dotted bucket, path style', { bucket: 'my.bucket', addressingStyle: S3AddressingStyle.PATH }],
    ['dotted bucket, virtual-hosted over plain HTTP', { bucket: 'my.bucket', addressingStyle: S3AddressingStyle.VIRTUAL_HOSTED, insecure: true }],
    ['63 characters', { bucket: `a${'b'.repeat(61)}c` }],
    ['3 characters', { bucket: 'abc' }],
    ['IPv6 endpoint', { bucket: 'abc', endpoint: '[fd00::1]:9000' }],
    ['IPv4 endpoint', { bucket: 'abc', endpoint: '10.0.0.5:9000' }],
    ['roleARN with useSDKCreds', { bucket: 'abc', roleARN: 'arn:aws-us-gov:iam::123456789012:role/path/argo', useSDKCreds: true }],
  ])('accepts %s', (_, o) => {
    argoAccepts(ArtifactRepository.s3(o as never));
  });
});

describe('ArtifactRepository.s3: bucket names (S3 rules)', () => {
  test.each([
    ['upper case and "_"', 'My_Bucket', 'use a name like "my-bucket"'],
    ['2 characters', 'ab', 'use a name like "my-bucket"'],
    ['64 characters', 'a'.repeat(64), `use a name like "${'a'.repeat(63)}"`],
    ['a leading "-"', '-bucket', 'use a name like "bucket"'],
    ['a trailing "."', 'bucket.', 'use a name like "bucket"'],
    ['a space', 'my bucket', 'use a name like "my-bucket"'],
    ['an s3:// URL', 's3://my-bucket', 'drop the "s3://" prefix: use "my-bucket" as bucket'],
    ['the empty string', '', 'use a name like "my-bucket"'],
  ])('rejects %s', (_, bucket, fix) => {
    expectInvalid(s3({ bucket }), `s3.bucket ${JSON.stringify(bucket)} is invalid: ${S3_RULE}. Fix: ${fix}`);
  });

  test('rejects a missing or non-string bucket', () => {
    expectInvalid(s3({}), `s3.bucket undefined is invalid: ${S3_RULE}. Fix: use a name like "my-bucket"`);
    expectInvalid(s3({ bucket: 42 }), `s3.bucket 42 is invalid: ${S3_RULE}. Fix: use a name like "my-bucket"`);
  });

  test('rejects ".."', () => {
    expectInvalid(s3({ bucket: 'my..bucket' }), 's3.bucket "my..bucket" is invalid: an S3 bucket name must not contain "..". Fix: use "my.bucket"');
  });

  test('rejects an IPv4 address', () => {
    expectInvalid(s3({ bucket: '192.168.5.4' }), 's3.bucket "192.168.5.4" is invalid: an S3 bucket name must not be formatted as an IP address. Fix: use a name like "my-bucket"');
  });

  test.each(['xn--', 'sthree-', 'amzn-s3-demo-'])('rejects the reserved prefix %j', (prefix) => {
    const bucket = `${prefix}bucket`;
    expectInvalid(s3({ bucket }), `s3.bucket "${bucket}" is invalid: an S3 bucket name must not start with the reserved prefix "${prefix}". Fix: choose a name that does not start with "${prefix}"`);
  });

  test.each(['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'])('rejects the reserved suffix %j', (suffix) => {
    const bucket = `bucket${suffix}`;
    expectInvalid(s3({ bucket }), `s3.bucket "${bucket}" is invalid: an S3 bucket name must not end with the reserved suffix "${suffix}". Fix: choose a name that does not end with "${suffix}"`);
  });

  test('rejects "." with virtual-hosted-style HTTPS (the certificate check fails)', () => {
    expectInvalid(s3({ bucket: 'my.bucket', addressingStyle: S3AddressingStyle.VIRTUAL_HOSTED }),
      's3.bucket "my.bucket" contains "." and s3.addressingStyle is "virtual-hosted": the host "my.bucket.s3.amazonaws.com" fails the TLS certificate check. Fix: use S3AddressingStyle.PATH (or omit addressingStyle), or a bucket name without "." such as "my-bucket"');
  });

  test('names the full option path when one is given', () => {
    expectInvalid(s3({ bucket: 'Bad' }, 'artifactRepositories.repositories["default"]'),
      `artifactRepositories.repositories["default"].s3.bucket "Bad" is invalid: ${S3_RULE}. Fix: use a name like "bad"`);
  });
});

describe('ArtifactRepository.s3: endpoint, credentials, TLS, encryption', () => {
  test('rejects http:// and shows host:port with insecure: true', () => {
    expectInvalid(s3({ bucket: 'my-bucket', endpoint: 'http://minio:9000' }),
      `s3.endpoint "http://minio:9000" is invalid: ${ENDPOINT_RULE}, without a scheme. Fix: set it to "minio:9000" and set insecure: true for plain HTTP`);
  });

  test('rejects https:// and shows the host', () => {
    expectInvalid(s3({ bucket: 'my-bucket', endpoint: 'https://s3.us-east-1.amazonaws.com/' }),
      `s3.endpoint "https://s3.us-east-1.amazonaws.com/" is invalid: ${ENDPOINT_RULE}, without a scheme. Fix: set it to "s3.us-east-1.amazonaws.com" (HTTPS is the default)`);
  });

  test('rejects another scheme', () => {
    expectInvalid(s3({ bucket: 'my-bucket', endpoint: 's3://minio:9000' }),
      `s3.endpoint "s3://minio:9000" is invalid: ${ENDPOINT_RULE}, without a scheme. Fix: set it to "minio:9000"`);
  });

  test.each([
    ['a path', 'minio:9000/my-bucket', 'give a value like "minio:9000"'],
    ['a port above 65535', 'minio:70000', 'give a value like "minio:9000"'],
    ['port 0', 'minio:0', 'give a value like "minio:9000"'],
    ['spaces', 'my minio', 'give a value like "minio:9000"'],
    ['the empty string', '', 'give a value like "minio:9000"'],
  ])('rejects %s', (_, endpoint, fix) => {
    expectInvalid(s3({ bucket: 'my-bucket', endpoint }), `s3.endpoint ${JSON.stringify(endpoint)} is invalid: ${ENDPOINT_RULE}, without a scheme or path. Fix: ${fix}`);
  });

  test('rejects insecure: true with caSecret', () => {
    expectInvalid(s3({ bucket: 'my-bucket', endpoint: 'minio:9000', insecure: true, caSecret: { name: 'ca', key: 'ca.crt' } }),
      's3.caSecret is set but s3.insecure is true: insecure makes Argo use plain HTTP, so the CA is never used. Fix: set insecure to false (or remove it) to use HTTPS verified with the CA, or remove caSecret');
  });

  test('rejects accessKeySecret without secretKeySecret, and the reverse', () => {
    expectInvalid(s3({ bucket: 'my-bucket', accessKeySecret: KEYS.accessKeySecret }),
      's3.accessKeySecret is set without s3.secretKeySecret: static S3 keys need both. Fix: set s3.secretKeySecret too, or remove s3.accessKeySecret to use useSDKCreds, roleARN or the pod\'s IAM identity');
    expectInvalid(s3({ bucket: 'my-bucket', secretKeySecret: KEYS.secretKeySecret }),
      's3.secretKeySecret is set without s3.accessKeySecret: static S3 keys need both. Fix: set s3.accessKeySecret too, or remove s3.secretKeySecret to use useSDKCreds, roleARN or the pod\'s IAM identity');
  });

  test('rejects useSDKCreds with static keys', () => {
    expectInvalid(s3({ bucket: 'my-bucket', useSDKCreds: true, ...KEYS }),
      's3.useSDKCreds is true and s3.accessKeySecret/s3.secretKeySecret are set: Argo signs with the static keys and ignores useSDKCreds. Fix: remove the key secrets to use the AWS SDK credential chain (IRSA, EKS Pod Identity), or remove useSDKCreds to use the keys');
  });

  test('rejects roleARN with static keys', () => {
    expectInvalid(s3({ bucket: 'my-bucket', roleARN: 'arn:aws:iam::123456789012:role/argo', ...KEYS }),
      's3.roleARN is set with s3.accessKeySecret/s3.secretKeySecret: Argo signs with the static keys and never assumes the role. Fix: remove the key secrets to assume the role with the pod\'s identity, or remove roleARN');
  });

  test('rejects a malformed roleARN', () => {
    expectInvalid(s3({ bucket: 'my-bucket', roleARN: 'argo-role' }),
      's3.roleARN "argo-role" is invalid: it must be an IAM role ARN like "arn:aws:iam::123456789012:role/argo-artifacts". Fix: copy the role ARN from IAM');
  });

  test('rejects sessionTokenSecret without static keys', () => {
    expectInvalid(s3({ bucket: 'my-bucket', sessionTokenSecret: { name: 'sts', key: 'token' } }),
      's3.sessionTokenSecret is set without s3.accessKeySecret and s3.secretKeySecret: a session token only completes temporary static keys. Fix: set the key secrets too, or remove sessionTokenSecret');
  });

  test('rejects a region with spaces', () => {
    expectInvalid(s3({ bucket: 'my-bucket', region: 'us east' }),
      's3.region "us east" is invalid: it must be a region name of letters, digits, "-" and "_". Fix: give a region like "us-east-1"');
  });

  test('rejects a non-boolean insecure and archiveLogs', () => {
    expectInvalid(s3({ bucket: 'my-bucket', insecure: 'true' }), 's3.insecure "true" is invalid: it must be true or false. Fix: give a boolean');
    expectInvalid(s3({ bucket: 'my-bucket', archiveLogs: 1 }), 's3.archiveLogs 1 is invalid: it must be true or false. Fix: give a boolean');
  });

  test('rejects an unknown addressingStyle', () => {
    expectInvalid(s3({ bucket: 'my-bucket', addressingStyle: 'dns' }),
      's3.addressingStyle "dns" is invalid: it must be "path" or "virtual-hosted". Fix: use S3AddressingStyle.PATH or S3AddressingStyle.VIRTUAL_HOSTED, or omit it for auto-detection');
  });

  test('rejects createBucketIfNotPresent values other than a boolean or { objectLocking }', () => {
    expectInvalid(s3({ bucket: 'my-bucket', createBucketIfNotPresent: 'yes' }),
      's3.createBucketIfNotPresent "yes" is invalid: it must be true, false or { objectLocking: boolean }. Fix: give true to let Argo create the bucket');
    expectInvalid(s3({ bucket: 'my-bucket', createBucketIfNotPresent: { locking: true } }),
      's3.createBucketIfNotPresent.locking is not an option argo-stack knows; allowed here: objectLocking. Fix: remove s3.createBucketIfNotPresent.locking');
    expectInvalid(s3({ bucket: 'my-bucket', createBucketIfNotPresent: { objectlocking: true } }),
      's3.createBucketIfNotPresent.objectlocking is not an option argo-stack knows; allowed here: objectLocking. Fix: rename it to "objectLocking"');
    expectInvalid(s3({ bucket: 'my-bucket', createBucketIfNotPresent: { objectLocking: 'on' } }),
      's3.createBucketIfNotPresent.objectLocking "on" is invalid: it must be true or false. Fix: give a boolean');
  });

  test('rejects encryption options that Argo ignores without enableEncryption', () => {
    expectInvalid(s3({ bucket: 'my-bucket', encryptionOptions: { kmsKeyId: 'alias/argo' } }),
      's3.encryptionOptions sets kmsKeyId but enableEncryption is not true: Argo ignores every encryption option unless enableEncryption is true. Fix: set s3.encryptionOptions.enableEncryption to true');
    expectInvalid(s3({ bucket: 'my-bucket', encryptionOptions: { enableEncryption: false, serverSideCustomerKeySecret: { name: 'k', key: 'k' } } }),
      's3.encryptionOptions sets serverSideCustomerKeySecret but enableEncryption is not true: Argo ignores every encryption option unless enableEncryption is true. Fix: set s3.encryptionOptions.enableEncryption to true');
  });

  test('rejects SSE-KMS with SSE-C', () => {
    expectInvalid(s3({ bucket: 'my-bucket', encryptionOptions: { enableEncryption: true, kmsKeyId: 'alias/argo', serverSideCustomerKeySecret: { name: 'k', key: 'k' } } }),
      's3.encryptionOptions.kmsKeyId and s3.encryptionOptions.serverSideCustomerKeySecret are both set: Argo refuses SSE-KMS and SSE-C together. Fix: keep one of them');
  });

  test('rejects SSE-C over plain HTTP', () => {
    expectInvalid(s3({ bucket: 'my-bucket', insecure: true, encryptionOptions: { enableEncryption: true, serverSideCustomerKeySecret: { name: 'k', key: 'k' } } }),
      's3.encryptionOptions.serverSideCustomerKeySecret is set but s3.insecure is true: Argo refuses SSE-C over plain HTTP. Fix: use HTTPS (remove insecure), or remove serverSideCustomerKeySecret');
  });

  test('rejects a KMS context that is not a JSON object of strings, or has no kmsKeyId', () => {
    expectInvalid(s3({ bucket: 'my-bucket', encryptionOptions: { enableEncryption: true, kmsKeyId: 'k', kmsEncryptionContext: 'project=argo' } }),
      's3.encryptionOptions.kmsEncryptionContext "project=argo" is invalid: it must be a JSON object of string values. Fix: give a value like "{\\"project\\":\\"argo\\"}"');
    expectInvalid(s3({ bucket: 'my-bucket', encryptionOptions: { enableEncryption: true, kmsEncryptionContext: '{"a":"b"}' } }),
      's3.encryptionOptions.kmsEncryptionContext is set without s3.encryptionOptions.kmsKeyId: the context only applies to SSE-KMS. Fix: set kmsKeyId, or remove kmsEncryptionContext');
  });

  test('rejects unknown encryption options without showing their value', () => {
    expectInvalid(s3({ bucket: 'my-bucket', encryptionOptions: { sse: 'aws:kms' } }),
      's3.encryptionOptions.sse is not an option argo-stack knows; allowed here: enableEncryption, kmsKeyId, kmsEncryptionContext, serverSideCustomerKeySecret. Fix: remove s3.encryptionOptions.sse');
    // A customer key written where its Secret reference belongs is the secret itself.
    expectInvalid(s3({ bucket: 'my-bucket', encryptionOptions: { enableEncryption: true, serverSideCustomerKey: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=' } }),
      's3.encryptionOptions.serverSideCustomerKey is not an option argo-stack knows; allowed here: enableEncryption, kmsKeyId, kmsEncryptionContext, serverSideCustomerKeySecret. Fix: remove s3.encryptionOptions.serverSideCustomerKey');
  });
});

describe('ArtifactRepository factories: options objects, unknown options and Secret references', () => {
  test('rejects a non-object', () => {
    expectInvalid(() => ArtifactRepository.s3(bad('my-bucket')), 's3 "my-bucket" is invalid: ArtifactRepository.s3 takes an options object. Fix: pass an object like { bucket: "my-bucket" }');
    expectInvalid(() => ArtifactRepository.gcs(bad(undefined), 'repo'), 'repo.gcs undefined is invalid: ArtifactRepository.gcs takes an options object. Fix: pass an object like { bucket: "my-bucket" }');
  });

  test('rejects unknown options, suggesting the closest', () => {
    expectInvalid(s3({ bucket: 'my-bucket', bucketName: 'x' }),
      's3.bucketName is not an option of ArtifactRepository.s3; its options are bucket, endpoint, region, insecure, keyFormat, useSDKCreds, roleARN, accessKeySecret, secretKeySecret, sessionTokenSecret, caSecret, encryptionOptions, createBucketIfNotPresent, addressingStyle, archiveLogs. Fix: rename it to "bucket"');
    expectInvalid(s3({ bucket: 'my-bucket', keyPrefix: 'p' }),
      's3.keyPrefix is not an option of ArtifactRepository.s3; its options are bucket, endpoint, region, insecure, keyFormat, useSDKCreds, roleARN, accessKeySecret, secretKeySecret, sessionTokenSecret, caSecret, encryptionOptions, createBucketIfNotPresent, addressingStyle, archiveLogs. Fix: keyPrefix is deprecated in Argo; use keyFormat, e.g. "my-prefix/{{workflow.name}}/{{pod.name}}"');
    expectInvalid(() => ArtifactRepository.gcs(bad({ bucket: 'my-bucket', useSDKCreds: true })),
      'gcs.useSDKCreds is not an option of ArtifactRepository.gcs; its options are bucket, serviceAccountKeySecret, keyFormat, archiveLogs. Fix: GCS has no useSDKCreds: omit serviceAccountKeySecret to use Workload Identity');
  });

  test('never shows the value of an unknown option: a mistyped secret option holds the secret itself', () => {
    expectInvalid(s3({ bucket: 'my-bucket', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
      's3.secretKey is not an option of ArtifactRepository.s3; its options are bucket, endpoint, region, insecure, keyFormat, useSDKCreds, roleARN, accessKeySecret, secretKeySecret, sessionTokenSecret, caSecret, encryptionOptions, createBucketIfNotPresent, addressingStyle, archiveLogs. Fix: rename it to "secretKeySecret"');
  });

  test('never shows the secret written where its reference belongs', () => {
    expectInvalid(s3({ bucket: 'my-bucket', ...KEYS, accessKeySecret: 'AKIAIOSFODNN7EXAMPLE' }),
      's3.accessKeySecret "<redacted>" is invalid: it must reference a Secret key as { name, key }, not hold the secret itself. Fix: put the value in a Secret and give { name: "my-secret", key: "accessKey" }');
    expectInvalid(s3({ bucket: 'my-bucket', ...KEYS, accessKeySecret: { name: 'cred', key: 'accesskey', value: 'AKIAIOSFODNN7EXAMPLE' } }),
      's3.accessKeySecret.value "<redacted>" is invalid: a Secret key reference has only name, key and optional. Fix: remove value (never put the secret itself in the options)');
    expectInvalid(s3({ bucket: 'my-bucket', ...KEYS, secretKeySecret: ['wJalrXUtnFEMI'] }),
      's3.secretKeySecret "<redacted>" is invalid: it must reference a Secret key as { name, key }, not hold the secret itself. Fix: put the value in a Secret and give { name: "my-secret", key: "secretKey" }');
  });

  test('rejects a Secret reference that is not { name, key }', () => {
    expectInvalid(s3({ bucket: 'my-bucket', caSecret: 'ca' }),
      's3.caSecret "<redacted>" is invalid: it must reference a Secret key as { name, key }, not hold the secret itself. Fix: put the value in a Secret and give { name: "my-secret", key: "ca.crt" }');
    expectInvalid(s3({ bucket: 'my-bucket', caSecret: { name: 'ca' } }),
      `s3.caSecret.key undefined is invalid: ${SECRET_KEY_RULE}. Fix: give the key inside the object, e.g. "ca.crt"`);
    expectInvalid(s3({ bucket: 'my-bucket', caSecret: { name: 'ca', key: 'ca crt' } }),
      `s3.caSecret.key "ca crt" is invalid: ${SECRET_KEY_RULE}. Fix: give the key inside the object, e.g. "ca.crt"`);
    expectInvalid(s3({ bucket: 'my-bucket', caSecret: { name: 'My_CA', key: 'ca.crt' } }),
      `s3.caSecret.name "My_CA" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "my-ca"`);
    expectInvalid(s3({ bucket: 'my-bucket', caSecret: { name: 'ca', key: 'ca.crt', namespace: 'argo' } }),
      's3.caSecret.namespace "<redacted>" is invalid: a Secret key reference has only name, key and optional. Fix: remove namespace (never put the secret itself in the options)');
    expectInvalid(s3({ bucket: 'my-bucket', caSecret: { name: 'ca', key: 'ca.crt', optional: 'no' } }),
      's3.caSecret.optional "no" is invalid: it must be true or false. Fix: give a boolean or remove it');
  });
});

describe('key formats', () => {
  test.each([
    '{{workflow.name}}/{{pod.name}}',
    'artifacts/{{workflow.namespace}}/{{workflow.uid}}/{{pod.name}}',
    '{{workflow.creationTimestamp}}',
    '{{ workflow.name }}/{{pod.name}}',
    '{{workflow.labels.app.kubernetes.io/name}}/{{workflow.annotations.team}}/{{workflow.parameters.run-id}}',
    '{{workflow.mainEntrypoint}}-{{workflow.serviceAccountName}}',
    'plain/prefix/without/variables',
    ...CREATION_TIMESTAMP_FORMATS.map((c) => `{{workflow.creationTimestamp.${c}}}/{{pod.name}}`),
  ])('accepts %j', (format) => {
    expect(validateKeyFormat('s3.keyFormat', format)).toBe(format);
  });

  test('the strftime letters are Argo\'s subset plus s and RFC3339', () => {
    expect([...CREATION_TIMESTAMP_FORMATS].sort()).toEqual(['A', 'B', 'H', 'I', 'L', 'M', 'RFC3339', 'S', 'Y', 'Z', 'a', 'b', 'd', 'm', 'p', 's', 'y', 'z']);
  });

  test('rejects an unknown variable and suggests the closest', () => {
    expectInvalid(s3({ bucket: 'my-bucket', keyFormat: '{{workflow.nme}}/{{pod.name}}' }, 'artifactRepositories.repositories["default"]'),
      `artifactRepositories.repositories["default"].s3.keyFormat "{{workflow.nme}}/{{pod.name}}" is invalid: "{{workflow.nme}}" is not a variable Argo resolves in an artifact key; ${KNOWN}. Fix: use {{workflow.name}}`);
    expectInvalid(() => validateKeyFormat('k', '{{pod.id}}'), `k "{{pod.id}}" is invalid: "{{pod.id}}" is not a variable Argo resolves in an artifact key; ${KNOWN}. Fix: use {{pod.name}}`);
  });

  test('rejects a strftime letter Argo does not set, and variables without a close match', () => {
    expectInvalid(() => validateKeyFormat('k', '{{workflow.creationTimestamp.j}}'),
      `k "{{workflow.creationTimestamp.j}}" is invalid: "{{workflow.creationTimestamp.j}}" is not a variable Argo resolves in an artifact key; ${KNOWN}. Fix: use {{workflow.creationTimestamp}}`);
    expectInvalid(() => validateKeyFormat('k', '{{inputs.parameters.x}}'),
      `k "{{inputs.parameters.x}}" is invalid: "{{inputs.parameters.x}}" is not a variable Argo resolves in an artifact key; ${KNOWN}. Fix: use one of the known variables`);
    expectInvalid(() => validateKeyFormat('k', '{{=sprig.upper(workflow.name)}}'),
      `k "{{=sprig.upper(workflow.name)}}" is invalid: "{{=sprig.upper(workflow.name)}}" is not a variable Argo resolves in an artifact key; ${KNOWN}. Fix: use one of the known variables`);
    expectInvalid(() => validateKeyFormat('k', '{{workflow.labels.}}'),
      `k "{{workflow.labels.}}" is invalid: "{{workflow.labels.}}" is not a variable Argo resolves in an artifact key; ${KNOWN}. Fix: write a label, annotation or parameter name after "workflow.labels.", e.g. {{workflow.labels.app}}`);
    expectInvalid(() => validateKeyFormat('k', '{{workflow.annotations.a b}}'),
      `k "{{workflow.annotations.a b}}" is invalid: "{{workflow.annotations.a b}}" is not a variable Argo resolves in an artifact key; ${KNOWN}. Fix: write a label, annotation or parameter name after "workflow.annotations.", e.g. {{workflow.annotations.app}}`);
  });

  test.each(['{{workflow.name}/x', '{{workflow.name', 'workflow.name}}', '{workflow.name}', '{{{workflow.name}}}', '{{workflow.name}}}', 'a{b', '{{a{{b}}'])('rejects unbalanced braces in %j', (format) => {
    expectInvalid(() => validateKeyFormat('gcs.keyFormat', format), `gcs.keyFormat ${JSON.stringify(format)} is invalid: ${UNBALANCED}`);
  });

  test('rejects an empty pattern and a non-string', () => {
    const rule = 'it must be a non-empty string. Fix: omit it for Argo\'s default "{{workflow.name}}/{{pod.name}}", or give a pattern like "{{workflow.name}}/{{pod.name}}"';
    expectInvalid(s3({ bucket: 'my-bucket', keyFormat: '' }), `s3.keyFormat "" is invalid: ${rule}`);
    expectInvalid(() => ArtifactRepository.azure(bad({ endpoint: AZ, container: 'artifacts', useSDKCreds: true, blobNameFormat: 5 })), `azure.blobNameFormat 5 is invalid: ${rule}`);
  });
});

// ---------------------------------------------------------------------------------------------

describe('ArtifactRepository.gcs', () => {
  test('Workload Identity: the bucket alone', () => {
    const r = ArtifactRepository.gcs({ bucket: 'my-bucket' });
    expect(r.type).toBe(ArtifactRepositoryType.GCS);
    expect(r.spec).toEqual({ gcs: { bucket: 'my-bucket' } });
    expect(r.secretRefs()).toEqual([]);
    argoAccepts(r);
  });

  test('a service account key, a key format and archived logs', () => {
    const r = ArtifactRepository.gcs({ bucket: 'my_bucket-1', serviceAccountKeySecret: { name: 'gcs-sa', key: 'key.json' }, keyFormat: '{{workflow.name}}/{{pod.name}}', archiveLogs: false });
    expect(r.spec).toEqual({ archiveLogs: false, gcs: { bucket: 'my_bucket-1', serviceAccountKeySecret: { name: 'gcs-sa', key: 'key.json' }, keyFormat: '{{workflow.name}}/{{pod.name}}' } });
    expect(r.secretRefs()).toEqual([{ name: 'gcs-sa', key: 'key.json' }]);
    expect(r.describe()).toBe('gcs my_bucket-1');
    argoAccepts(r);
  });

  test('a domain-named bucket with dots', () => {
    expect(ArtifactRepository.gcs({ bucket: 'artifacts.example.com' }).spec).toEqual({ gcs: { bucket: 'artifacts.example.com' } });
  });

  test.each([
    ['upper case', 'MyBucket', 'use a name like "mybucket"'],
    ['a leading "_"', '_bucket', 'use a name like "bucket"'],
    ['64 characters without dots', 'a'.repeat(64), `use a name like "${'a'.repeat(63)}"`],
    ['a dotted part of 64 characters', `${'a'.repeat(64)}.example.com`, `use a name like "${'a'.repeat(63)}"`],
    ['an empty dotted part', 'a..b', 'use a name like "a-b"'],
    ['a gs:// URL', 'gs://my-bucket', 'drop the "gs://" prefix: use "my-bucket" as bucket'],
  ])('rejects %s', (_, bucket, fix) => {
    expectInvalid(() => ArtifactRepository.gcs({ bucket }), `gcs.bucket ${JSON.stringify(bucket)} is invalid: ${GCS_RULE}. Fix: ${fix}`);
  });

  test('rejects an IP address, the "goog" prefix and "google" look-alikes', () => {
    expectInvalid(() => ArtifactRepository.gcs({ bucket: '10.1.2.3' }), 'gcs.bucket "10.1.2.3" is invalid: a GCS bucket name must not be formatted as an IP address. Fix: use a name like "my-bucket"');
    expectInvalid(() => ArtifactRepository.gcs({ bucket: 'goog-artifacts' }), 'gcs.bucket "goog-artifacts" is invalid: a GCS bucket name must not start with "goog". Fix: choose a name that does not start with "goog"');
    for (const bucket of ['my-google-bucket', 'g00gle-artifacts', 'artifacts-go0g1e']) {
      expectInvalid(() => ArtifactRepository.gcs({ bucket }),
        `gcs.bucket "${bucket}" is invalid: a GCS bucket name must not contain "google" or a close misspelling such as "g00gle". Fix: choose a name without "google"`);
    }
  });
});

describe('ArtifactRepository.azure', () => {
  test('Workload Identity (useSDKCreds)', () => {
    const r = ArtifactRepository.azure({ endpoint: AZ, container: 'artifacts', useSDKCreds: true });
    expect(r.type).toBe(ArtifactRepositoryType.AZURE);
    expect(r.spec).toEqual({ azure: { endpoint: AZ, container: 'artifacts', useSDKCreds: true } });
    expect(r.secretRefs()).toEqual([]);
    expect(r.describe()).toBe(`azure artifacts@${AZ}`);
    argoAccepts(r);
  });

  test('an account key or SAS token Secret, a blob name format, another cloud\'s host', () => {
    const endpoint = 'https://myaccount.blob.core.chinacloudapi.cn/';
    const r = ArtifactRepository.azure({ endpoint, container: 'my-artifacts-1', accountKeySecret: { name: 'azure-cred', key: 'sas' }, blobNameFormat: '{{workflow.name}}/{{pod.name}}', archiveLogs: true });
    expect(r.spec).toEqual({ archiveLogs: true, azure: { endpoint, container: 'my-artifacts-1', accountKeySecret: { name: 'azure-cred', key: 'sas' }, blobNameFormat: '{{workflow.name}}/{{pod.name}}' } });
    expect(r.secretRefs()).toEqual([{ name: 'azure-cred', key: 'sas' }]);
    argoAccepts(r);
  });

  const az = (o: object) => () => ArtifactRepository.azure(bad({ container: 'artifacts', useSDKCreds: true, ...o }));

  test.each([
    ['2 characters', 'ab', 'use "https://mystorageaccount.blob.core.windows.net"'],
    ['25 characters', 'a'.repeat(25), `use "https://${'a'.repeat(24)}.blob.core.windows.net"`],
    ['a "-"', 'my-account', 'use "https://myaccount.blob.core.windows.net"'],
    ['upper case', 'MyAccount', 'use "https://myaccount.blob.core.windows.net"'],
  ])('rejects an account name with %s', (_, account, fix) => {
    const endpoint = `https://${account}.blob.core.windows.net`;
    expectInvalid(az({ endpoint }),
      `azure.endpoint ${JSON.stringify(endpoint)} is invalid: its first host label ${JSON.stringify(account)} is the storage account name, which must be 3-24 lower-case letters and digits. Fix: ${fix}`);
  });

  test('rejects http://, a missing scheme, a path, a query (SAS in the URL) and an IP host', () => {
    expectInvalid(az({ endpoint: 'http://myaccount.blob.core.windows.net' }),
      `azure.endpoint "http://myaccount.blob.core.windows.net" is invalid: it must be ${AZURE_WHAT}. Fix: use "https://myaccount.blob.core.windows.net"`);
    expectInvalid(az({ endpoint: 'myaccount.blob.core.windows.net' }),
      `azure.endpoint "myaccount.blob.core.windows.net" is invalid: it must be ${AZURE_WHAT}. Fix: use "https://myaccount.blob.core.windows.net"`);
    expectInvalid(az({ endpoint: `${AZ}/artifacts` }),
      `azure.endpoint "${AZ}/artifacts" is invalid: it must be ${AZURE_WHAT}, without a path. Fix: use "${AZ}"`);
    expectInvalid(az({ endpoint: `${AZ}?sv=2022&sig=abc` }),
      `azure.endpoint "${AZ}?sv=2022&sig=abc" is invalid: it must not carry a query string or fragment (never put a SAS token or other credential in a URL). Fix: use "${AZ}"`);
    expectInvalid(az({ endpoint: 'https://127.0.0.1:10000' }),
      'azure.endpoint "https://127.0.0.1:10000" is invalid: its host must be a DNS name whose first label is the storage account, like "myaccount.blob.core.windows.net". Fix: use "https://<account>.blob.core.windows.net"');
    expectInvalid(az({ endpoint: 5 }), `azure.endpoint 5 is invalid: it must be ${AZURE_WHAT}. Fix: give a URL like "https://myaccount.blob.core.windows.net"`);
  });

  test.each([
    ['2 characters', 'ab', 'use a name like "artifacts"'],
    ['"--"', 'my--artifacts', 'use a name like "my-artifacts"'],
    ['upper case', 'Artifacts', 'use a name like "artifacts"'],
    ['a leading "-"', '-artifacts', 'use a name like "artifacts"'],
    ['64 characters', 'a'.repeat(64), `use a name like "${'a'.repeat(63)}"`],
  ])('rejects a container name with %s', (_, container, fix) => {
    expectInvalid(() => ArtifactRepository.azure({ endpoint: AZ, container, useSDKCreds: true }), `azure.container ${JSON.stringify(container)} is invalid: ${CONTAINER_RULE}. Fix: ${fix}`);
  });

  test('needs exactly one of accountKeySecret and useSDKCreds', () => {
    expectInvalid(() => ArtifactRepository.azure({ endpoint: AZ, container: 'artifacts' }),
      'azure has neither accountKeySecret nor useSDKCreds: Argo needs exactly one of them to reach the container. Fix: set azure.useSDKCreds to true (AKS Workload Identity), or set azure.accountKeySecret to a Secret key holding the account key or a SAS token');
    expectInvalid(() => ArtifactRepository.azure({ endpoint: AZ, container: 'artifacts', useSDKCreds: false }),
      'azure has neither accountKeySecret nor useSDKCreds: Argo needs exactly one of them to reach the container. Fix: set azure.useSDKCreds to true (AKS Workload Identity), or set azure.accountKeySecret to a Secret key holding the account key or a SAS token');
    expectInvalid(() => ArtifactRepository.azure({ endpoint: AZ, container: 'artifacts', useSDKCreds: true, accountKeySecret: { name: 'a', key: 'k' } }),
      'azure.accountKeySecret is set and azure.useSDKCreds is true: Argo uses the SDK credentials and ignores the key. Fix: keep exactly one: remove accountKeySecret to use Workload Identity, or remove useSDKCreds to use the key or SAS token');
  });

  test('validateAzureAccountName (for the cloud components)', () => {
    expect(validateAzureAccountName('account', 'abc123')).toBe('abc123');
    expectInvalid(() => validateAzureAccountName('account', 'My_Account'),
      'account "My_Account" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "myaccount"');
  });
});

describe('ArtifactRepository.oss', () => {
  test('ACK RRSA (useSDKCreds)', () => {
    const r = ArtifactRepository.oss({ endpoint: OSS_EP, bucket: 'my-bucket', useSDKCreds: true });
    expect(r.type).toBe(ArtifactRepositoryType.OSS);
    expect(r.spec).toEqual({ oss: { endpoint: OSS_EP, bucket: 'my-bucket', useSDKCreds: true } });
    argoAccepts(r);
  });

  test('AccessKeys, bucket creation, a lifecycle rule and a key format', () => {
    const r = ArtifactRepository.oss({
      endpoint: OSS_EP, bucket: 'my-bucket', accessKeySecret: { name: 'oss', key: 'ak' }, secretKeySecret: { name: 'oss', key: 'sk' },
      createBucketIfNotPresent: true, lifecycleRule: { markInfrequentAccessAfterDays: 30, markDeletionAfterDays: 90 }, keyFormat: '{{workflow.name}}/{{pod.name}}',
    });
    expect(r.spec).toEqual({
      oss: {
        endpoint: OSS_EP, bucket: 'my-bucket', accessKeySecret: { name: 'oss', key: 'ak' }, secretKeySecret: { name: 'oss', key: 'sk' },
        createBucketIfNotPresent: true, lifecycleRule: { markInfrequentAccessAfterDays: 30, markDeletionAfterDays: 90 }, keyFormat: '{{workflow.name}}/{{pod.name}}',
      },
    });
    expect(r.secretRefs()).toEqual([{ name: 'oss', key: 'ak' }, { name: 'oss', key: 'sk' }]);
    expect(r.secretNames()).toEqual(['oss']);
    expect(r.describe()).toBe(`oss my-bucket@${OSS_EP}`);
    argoAccepts(r);
  });

  const oss = (o: object) => () => ArtifactRepository.oss(bad({ endpoint: OSS_EP, bucket: 'my-bucket', useSDKCreds: true, ...o }));

  test.each([
    ['upper case', 'MyBucket', 'use a name like "mybucket"'],
    ['"_"', 'my_bucket', 'use a name like "my-bucket"'],
    ['"."', 'my.bucket', 'use a name like "my-bucket"'],
    ['2 characters', 'ab', 'use a name like "my-bucket"'],
    ['an oss:// URL', 'oss://my-bucket', 'drop the "oss://" prefix: use "my-bucket" as bucket'],
  ])('rejects a bucket with %s', (_, bucket, fix) => {
    expectInvalid(oss({ bucket }), `oss.bucket ${JSON.stringify(bucket)} is invalid: ${OSS_RULE}. Fix: ${fix}`);
  });

  test('rejects an endpoint without https://', () => {
    expectInvalid(oss({ endpoint: 'oss-cn-hangzhou.aliyuncs.com' }),
      'oss.endpoint "oss-cn-hangzhou.aliyuncs.com" is invalid: it must be an https:// URL: without a scheme the OSS SDK uses plain HTTP. Fix: use "https://oss-cn-hangzhou.aliyuncs.com"');
    expectInvalid(oss({ endpoint: 'http://oss-cn-hangzhou.aliyuncs.com' }),
      'oss.endpoint "http://oss-cn-hangzhou.aliyuncs.com" is invalid: it must be an https:// URL of the OSS endpoint, like "https://oss-cn-hangzhou.aliyuncs.com". Fix: use "https://oss-cn-hangzhou.aliyuncs.com"');
    expectInvalid(oss({ endpoint: `${OSS_EP}/my-bucket` }),
      `oss.endpoint "${OSS_EP}/my-bucket" is invalid: it must be an https:// URL of the OSS endpoint, like "https://oss-cn-hangzhou.aliyuncs.com", without a path. Fix: use "${OSS_EP}"`);
  });

  test('rejects securityToken without showing it', () => {
    expectInvalid(oss({ securityToken: 'CAIS-real-token' }),
      'oss.securityToken "<redacted>" is invalid: Argo reads securityToken as a literal string, so the token would be stored in plain text in a ConfigMap. Fix: remove it and set useSDKCreds: true to use ACK RRSA (or the key secrets)');
  });

  test('needs both AccessKey secrets or useSDKCreds, not both', () => {
    expectInvalid(oss({ useSDKCreds: undefined, accessKeySecret: { name: 'oss', key: 'ak' } }),
      'oss.accessKeySecret is set without oss.secretKeySecret: OSS AccessKeys need both. Fix: set oss.secretKeySecret too, or remove oss.accessKeySecret and set useSDKCreds: true');
    expectInvalid(oss({ accessKeySecret: { name: 'oss', key: 'ak' }, secretKeySecret: { name: 'oss', key: 'sk' } }),
      'oss.useSDKCreds is true and oss.accessKeySecret/oss.secretKeySecret are set: use one way to sign. Fix: remove the key secrets to use ACK RRSA, or remove useSDKCreds');
    expectInvalid(oss({ useSDKCreds: undefined }),
      'oss has neither accessKeySecret/secretKeySecret nor useSDKCreds: Argo would send unsigned requests. Fix: set oss.useSDKCreds to true (ACK RRSA), or set both key secrets');
  });

  test('checks the lifecycle rule', () => {
    expectInvalid(oss({ lifecycleRule: { markInfrequentAccessAfterDays: 90, markDeletionAfterDays: 30 } }),
      'oss.lifecycleRule.markInfrequentAccessAfterDays (90) is not less than oss.lifecycleRule.markDeletionAfterDays (30): objects would be deleted before they move to Infrequent Access. Fix: make markInfrequentAccessAfterDays smaller than markDeletionAfterDays');
    expectInvalid(oss({ lifecycleRule: { markDeletionAfterDays: 0 } }),
      'oss.lifecycleRule.markDeletionAfterDays 0 is invalid: it must be a whole number of days, 1 or more. Fix: give a number of days such as 30');
    expectInvalid(oss({ lifecycleRule: {} }),
      'oss.lifecycleRule {} is invalid: it must set markInfrequentAccessAfterDays or markDeletionAfterDays. Fix: set one of them, or remove lifecycleRule');
    expectInvalid(oss({ lifecycleRule: { expireDays: 3 } }),
      'oss.lifecycleRule.expireDays is not an option argo-stack knows; allowed here: markInfrequentAccessAfterDays, markDeletionAfterDays. Fix: remove oss.lifecycleRule.expireDays');
  });

  test('createBucketIfNotPresent is a boolean for OSS', () => {
    expectInvalid(oss({ createBucketIfNotPresent: {} }), 'oss.createBucketIfNotPresent {} is invalid: it must be true or false. Fix: give a boolean');
  });
});

describe('ArtifactRepository.artifactory', () => {
  test('renders repoURL, both secrets and the key format', () => {
    const r = ArtifactRepository.artifactory({ ...ART, keyFormat: '{{workflow.name}}/{{pod.name}}' });
    expect(r.type).toBe(ArtifactRepositoryType.ARTIFACTORY);
    expect(r.spec).toEqual({ artifactory: { ...ART, keyFormat: '{{workflow.name}}/{{pod.name}}' } });
    expect(r.secretRefs()).toEqual([ART.usernameSecret, ART.passwordSecret]);
    expect(r.describe()).toBe(`artifactory ${ART.repoURL}`);
    argoAccepts(r);
  });

  test('accepts http://', () => {
    expect(ArtifactRepository.artifactory({ ...ART, repoURL: 'http://artifactory:8081/artifactory/generic' }).spec.artifactory!.repoURL).toBe('http://artifactory:8081/artifactory/generic');
  });

  const art = (o: object) => () => ArtifactRepository.artifactory(bad({ ...ART, ...o }));

  test('rejects other URLs', () => {
    expectInvalid(art({ repoURL: 'ftp://artifactory.example.com/repo' }),
      'artifactory.repoURL "ftp://artifactory.example.com/repo" is invalid: it must be an https:// or http:// URL of the repository. Fix: use "https://artifactory.example.com/repo"');
    expectInvalid(art({ repoURL: 'artifactory.example.com/artifactory/generic-local' }),
      'artifactory.repoURL "artifactory.example.com/artifactory/generic-local" is invalid: it must be an https:// or http:// URL of the repository. Fix: use "https://artifactory.example.com/artifactory/generic-local"');
    expectInvalid(art({ repoURL: 'https://admin:pw@artifactory.example.com/repo' }),
      'artifactory.repoURL "https://admin:pw@artifactory.example.com/repo" is invalid: it must not carry credentials. Fix: remove the user and password from the URL and use the secret options');
    expectInvalid(art({ repoURL: 'https://artifactory.example.com/repo?token=x' }),
      'artifactory.repoURL "https://artifactory.example.com/repo?token=x" is invalid: it must not carry a query string or fragment (never put a SAS token or other credential in a URL). Fix: use "https://artifactory.example.com/repo"');
  });

  test('needs both secrets', () => {
    expectInvalid(art({ usernameSecret: undefined }),
      'artifactory.usernameSecret is missing: Argo needs the user name. Fix: give a Secret key reference like { name: "artifactory-cred", key: "username" }');
    expectInvalid(art({ passwordSecret: undefined }),
      'artifactory.passwordSecret is missing: Argo needs the password or API key. Fix: give a Secret key reference like { name: "artifactory-cred", key: "password" }');
  });
});

describe('ArtifactRepository.hdfs', () => {
  test('an HDFS user: the absolute default path is rendered', () => {
    const r = ArtifactRepository.hdfs({ addresses: ['nn-0.hdfs:8020', 'nn-1.hdfs:8020'], hdfsUser: 'argo' });
    expect(r.type).toBe(ArtifactRepositoryType.HDFS);
    expect(r.spec).toEqual({ hdfs: { addresses: ['nn-0.hdfs:8020', 'nn-1.hdfs:8020'], hdfsUser: 'argo', pathFormat: '/{{workflow.name}}/{{pod.name}}' } });
    expect(DEFAULT_HDFS_PATH_FORMAT).toBe('/{{workflow.name}}/{{pod.name}}');
    expect(r.describe()).toBe('hdfs nn-0.hdfs:8020,nn-1.hdfs:8020');
    argoAccepts(r);
  });

  test('Kerberos keytab with every field', () => {
    const r = ArtifactRepository.hdfs({
      addresses: ['nn:8020'], krbKeytabSecret: { name: 'krb', key: 'keytab' }, krbUsername: 'argo', krbRealm: 'EXAMPLE.COM', ...KRB,
      dataTransferProtection: HdfsDataTransferProtection.PRIVACY, pathFormat: '/argo/{{workflow.name}}/{{pod.name}}', force: true, archiveLogs: true,
    });
    expect(r.spec).toEqual({
      archiveLogs: true,
      hdfs: {
        addresses: ['nn:8020'], krbKeytabSecret: { name: 'krb', key: 'keytab' }, krbUsername: 'argo', krbRealm: 'EXAMPLE.COM', ...KRB,
        dataTransferProtection: 'privacy', pathFormat: '/argo/{{workflow.name}}/{{pod.name}}', force: true,
      },
    });
    expect(r.secretRefs()).toEqual([{ name: 'krb', key: 'keytab' }]);
    expect(r.configMapRefs()).toEqual([KRB.krbConfigConfigMap]);
    argoAccepts(r);
  });

  test('Kerberos credential cache', () => {
    const r = ArtifactRepository.hdfs({ addresses: ['nn:8020'], krbCCacheSecret: { name: 'krb', key: 'ccache' }, ...KRB });
    expect(r.spec.hdfs).toEqual({ addresses: ['nn:8020'], krbCCacheSecret: { name: 'krb', key: 'ccache' }, ...KRB, pathFormat: DEFAULT_HDFS_PATH_FORMAT });
    expect(r.secretRefs()).toEqual([{ name: 'krb', key: 'ccache' }]);
    argoAccepts(r);
  });

  const hdfs = (o: object) => () => ArtifactRepository.hdfs(bad({ addresses: ['nn:8020'], hdfsUser: 'argo', ...o }));

  test('needs at least one host:port address', () => {
    expectInvalid(hdfs({ addresses: [] }), 'hdfs.addresses [] is invalid: it must list at least one namenode address "host:port". Fix: give a list like ["namenode:8020"]');
    expectInvalid(hdfs({ addresses: 'nn:8020' }), 'hdfs.addresses "nn:8020" is invalid: it must list at least one namenode address "host:port". Fix: give a list like ["namenode:8020"]');
    expectInvalid(hdfs({ addresses: ['nn:8020', 'nn2'] }), 'hdfs.addresses[1] "nn2" is invalid: it must be a namenode address "host:port" with a port. Fix: use "nn2:8020"');
    expectInvalid(hdfs({ addresses: ['hdfs://nn:8020'] }),
      'hdfs.addresses[0] "hdfs://nn:8020" is invalid: it must be a namenode address "host:port", without a scheme. Fix: set it to "nn:8020"');
  });

  test('needs an identity, and the fields Argo requires with Kerberos', () => {
    expectInvalid(hdfs({ hdfsUser: undefined }),
      'hdfs has no identity: Argo needs hdfsUser, krbCCacheSecret or krbKeytabSecret. Fix: set hdfs.hdfsUser, or Kerberos with hdfs.krbKeytabSecret or hdfs.krbCCacheSecret');
    expectInvalid(hdfs({ hdfsUser: undefined, krbKeytabSecret: { name: 'krb', key: 'keytab' }, krbUsername: 'argo' }),
      'hdfs.krbServicePrincipalName, hdfs.krbConfigConfigMap, hdfs.krbRealm are missing: Argo requires krbServicePrincipalName, krbConfigConfigMap, krbUsername, krbRealm with krbKeytabSecret. Fix: set hdfs.krbServicePrincipalName, hdfs.krbConfigConfigMap, hdfs.krbRealm');
    expectInvalid(hdfs({ hdfsUser: undefined, krbCCacheSecret: { name: 'krb', key: 'ccache' }, krbServicePrincipalName: 'hdfs/nn' }),
      'hdfs.krbConfigConfigMap is missing: Argo requires krbServicePrincipalName, krbConfigConfigMap with krbCCacheSecret. Fix: set hdfs.krbConfigConfigMap');
    expectInvalid(hdfs({ krbCCacheSecret: { name: 'krb', key: 'ccache' }, krbKeytabSecret: { name: 'krb', key: 'keytab' } }),
      'hdfs.krbCCacheSecret and hdfs.krbKeytabSecret are both set. Fix: keep one Kerberos credential: the keytab (long-lived) or the credential cache');
  });

  test('checks the path, the protection and the krb5.conf reference', () => {
    expectInvalid(hdfs({ pathFormat: '{{workflow.name}}/{{pod.name}}' }),
      'hdfs.pathFormat "{{workflow.name}}/{{pod.name}}" is invalid: an HDFS path must be absolute (start with "/"). Fix: use "/{{workflow.name}}/{{pod.name}}"');
    expectInvalid(hdfs({ dataTransferProtection: 'none' }),
      'hdfs.dataTransferProtection "none" is invalid: it must be "authentication", "integrity" or "privacy". Fix: use a HdfsDataTransferProtection value matching dfs.data.transfer.protection');
    expectInvalid(hdfs({ krbConfigConfigMap: { name: 'krb5' } }),
      'hdfs.krbConfigConfigMap.key undefined is invalid: a ConfigMap data key is 1-253 characters of letters, digits, "-", "_" and ".". Fix: give the key inside the object, e.g. "krb5.conf"');
    expectInvalid(hdfs({ krbConfigConfigMap: 'krb5' }),
      'hdfs.krbConfigConfigMap "krb5" is invalid: it must reference a ConfigMap key as { name, key }. Fix: give an object like { name: "my-configmap", key: "krb5.conf" }');
    expectInvalid(hdfs({ hdfsUser: ' argo' }),
      'hdfs.hdfsUser " argo" is invalid: it must be a non-empty string without leading or trailing spaces. Fix: give a value like "argo"');
  });
});

describe('ArtifactRepository.plugin', () => {
  test('renders name, configuration and key format, and exposes the name', () => {
    const r = ArtifactRepository.plugin({ name: 'my-driver', configuration: '{"region":"x"}', keyFormat: '{{workflow.name}}/{{pod.name}}', archiveLogs: true });
    expect(r.type).toBe(ArtifactRepositoryType.PLUGIN);
    expect(r.spec).toEqual({ archiveLogs: true, plugin: { name: 'my-driver', configuration: '{"region":"x"}', keyFormat: '{{workflow.name}}/{{pod.name}}' } });
    expect(r.pluginName).toBe('my-driver');
    expect(r.secretRefs()).toEqual([]);
    expect(r.describe()).toBe('plugin my-driver');
    argoAccepts(r);
  });

  test('rejects a name that is not a DNS label and a non-string configuration', () => {
    expectInvalid(() => ArtifactRepository.plugin({ name: 'My_Driver' }), `plugin.name "My_Driver" is invalid: ${LABEL_RULE}. Fix: use a name like "my-driver"`);
    expectInvalid(() => ArtifactRepository.plugin(bad({ name: 'my-driver', configuration: { region: 'x' } })),
      'plugin.configuration {"region":"x"} is invalid: it must be a string (Argo passes it to the plugin as is). Fix: serialize it, e.g. with JSON.stringify');
  });
});

describe('http, git and raw are locations, not repositories', () => {
  test.each(['http', 'git', 'raw'] as const)('ArtifactRepository.%s() always throws', (type) => {
    expectInvalid(() => ArtifactRepository[type]({ url: 'https://example.com' }),
      `ArtifactRepository.${type}(): "${type}" is an input-only artifact location in Argo, not a repository type; use s3, gcs, azure, oss, artifactory, hdfs or plugin. `
      + `Fix: keep ${type} artifacts on template inputs (inputs.artifacts[].${type}) and store outputs and logs in one of those repository types`);
  });
});

// ---------------------------------------------------------------------------------------------

describe('resolveArtifactRepositories', () => {
  const minio = ArtifactRepository.s3({ bucket: 'my-bucket', endpoint: 'minio:9000', insecure: true, ...KEYS });
  const gcs = ArtifactRepository.gcs({ bucket: 'logs', serviceAccountKeySecret: { name: 'gcs-sa', key: 'key.json' } });
  const plugin = ArtifactRepository.plugin({ name: 'my-driver' });

  test('defaults: the first key, the ConfigMap artifact-repositories', () => {
    const r = resolveArtifactRepositories({ repositories: { default: minio, 'logs.v1': gcs, custom: plugin } });
    expect(r).toEqual({
      configMapName: 'artifact-repositories',
      defaultKey: 'default',
      repositories: { default: minio, 'logs.v1': gcs, custom: plugin },
      secretNames: ['gcs-sa', 'minio-cred'],
      pluginNames: ['my-driver'],
    });
    expect(Object.keys(r.repositories)).toEqual(['default', 'logs.v1', 'custom']);
  });

  test('an explicit default key and ConfigMap name', () => {
    const r = resolveArtifactRepositories({ repositories: { a: minio, b: gcs }, defaultKey: 'b', configMapName: 'team-artifacts' });
    expect(r.defaultKey).toBe('b');
    expect(r.configMapName).toBe('team-artifacts');
  });

  test('rejects a default key that is not a repository key, listing the keys', () => {
    expectInvalid(() => resolveArtifactRepositories({ repositories: { default: minio, logs: gcs }, defaultKey: 'main' }),
      'artifactRepositories.defaultKey "main" is invalid: it must be one of the repository keys: "default", "logs". Fix: use one of them, or add a repository under "main"');
  });

  test('rejects no repositories', () => {
    expectInvalid(() => resolveArtifactRepositories({ repositories: {} }),
      'artifactRepositories.repositories {} is invalid: it must hold at least one repository. Fix: add one, e.g. { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }');
    expectInvalid(() => resolveArtifactRepositories(bad({})),
      'artifactRepositories.repositories undefined is invalid: it must be an object of key to ArtifactRepository. Fix: pass { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }');
  });

  test('rejects keys that are not ConfigMap keys', () => {
    expectInvalid(() => resolveArtifactRepositories({ repositories: { 'my repo': minio } }, 'workflowNamespaces[0].artifactRepositories'),
      'workflowNamespaces[0].artifactRepositories.repositories key "my repo" is invalid: a ConfigMap data key is 1-253 characters of letters, digits, "-", "_" and ".". Fix: rename it, e.g. "my-repo"');
    expectInvalid(() => resolveArtifactRepositories({ repositories: { 'a/b': minio } }),
      'artifactRepositories.repositories key "a/b" is invalid: a ConfigMap data key is 1-253 characters of letters, digits, "-", "_" and ".". Fix: rename it, e.g. "a-b"');
  });

  test('rejects values not built by a factory (plain specs included)', () => {
    expectInvalid(() => resolveArtifactRepositories({ repositories: { default: bad({ s3: { bucket: 'my-bucket' } }) } }),
      'artifactRepositories.repositories["default"] is not an ArtifactRepository (got object). Fix: build it with ArtifactRepository.s3(...), gcs, azure, oss, artifactory, hdfs or plugin');
    expectInvalid(() => resolveArtifactRepositories({ repositories: { default: bad(null) } }),
      'artifactRepositories.repositories["default"] is not an ArtifactRepository (got null). Fix: build it with ArtifactRepository.s3(...), gcs, azure, oss, artifactory, hdfs or plugin');
  });

  test('rejects an invalid ConfigMap name, unknown options and a non-object', () => {
    expectInvalid(() => resolveArtifactRepositories({ repositories: { default: minio }, configMapName: 'Artifacts' }),
      `artifactRepositories.configMapName "Artifacts" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "artifacts"`);
    expectInvalid(() => resolveArtifactRepositories(bad({ repositories: { default: minio }, default: 'x' })),
      'artifactRepositories.default is not an option argo-stack knows; allowed here: repositories, defaultKey, configMapName. Fix: remove artifactRepositories.default');
    expectInvalid(() => resolveArtifactRepositories(bad({ repositories: { default: minio }, password: 'hunter2' })),
      'artifactRepositories.password is not an option argo-stack knows; allowed here: repositories, defaultKey, configMapName. Fix: remove artifactRepositories.password');
    expectInvalid(() => resolveArtifactRepositories(bad({ repositories: { default: minio }, DefaultKey: 'default' })),
      'artifactRepositories.DefaultKey is not an option argo-stack knows; allowed here: repositories, defaultKey, configMapName. Fix: rename it to "defaultKey"');
    expectInvalid(() => resolveArtifactRepositories(bad([])),
      'artifactRepositories [] is invalid: it must be an object with repositories. Fix: pass { repositories: { default: ArtifactRepository.s3({ bucket: "my-bucket" }) } }');
  });

  test('isArtifactRepository', () => {
    expect(ArtifactRepository.isArtifactRepository(minio)).toBe(true);
    expect(ArtifactRepository.isArtifactRepository({ spec: {} })).toBe(false);
  });

  test('every error is a ValidationError: its class, its name and the whole message', () => {
    const caught = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      throw new Error('it did not throw');
    };
    const errors = [
      caught(() => ArtifactRepository.git()),
      caught(() => ArtifactRepository.s3({ bucket: 'My_Bucket' })),
      caught(() => resolveArtifactRepositories({ repositories: {} })),
    ];
    for (const e of errors) expect(e).toBeInstanceOf(ValidationError);
    expect(errors.map((e) => [(e as Error).name, (e as Error).message])).toEqual([
      ['ValidationError', 'ArtifactRepository.git(): "git" is an input-only artifact location in Argo, not a repository type; use s3, gcs, azure, oss, artifactory, hdfs or plugin. '
        + 'Fix: keep git artifacts on template inputs (inputs.artifacts[].git) and store outputs and logs in one of those repository types'],
      ['ValidationError', `s3.bucket "My_Bucket" is invalid: ${S3_RULE}. Fix: use a name like "my-bucket"`],
      ['ValidationError', 'artifactRepositories.repositories {} is invalid: it must hold at least one repository. Fix: add one, e.g. { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }'],
    ]);
  });
});
