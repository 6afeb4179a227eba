/**
 * Exact messages of the option rules not covered by the per-module tests. Each test goes through the
 * public API (the ArtifactRepository factories, resolveArgoWorkflows) unless the rule is only
 * reachable through an exported function.
 */
import { ArtifactRepository, validateAzureAccountName } from '../../src/config/storage/artifact-repository';
import { Credentials } from '../../src/config/credentials';
import { resolveMinio } from '../../src/config/storage/minio';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { bad, expectInvalid } from './_helpers';

const AZ = 'https://myaccount.blob.core.windows.net';
const OSS_EP = 'https://oss-cn-hangzhou.aliyuncs.com';
const ART = { repoURL: 'https://artifactory.example.com/artifactory/generic-local', usernameSecret: { name: 'art', key: 'username' }, passwordSecret: { name: 'art', key: 'password' } };
const HDFS = { addresses: ['namenode:8020'], hdfsUser: 'argo' };
const KEYS = { accessKeySecret: { name: 'cred', key: 'accesskey' }, secretKeySecret: { name: 'cred', key: 'secretkey' } };

/**
 * The message of a `{ name, key }` Secret reference that is a string instead. The string is never shown: it is
 * the credential itself when a user writes the key into accessKeySecret. `key` is the example data key for the option.
 */
const SECRET_REF = (option: string, key: string) =>
  `${option} "<redacted>" is invalid: it must reference a Secret key as { name, key }, not hold the secret itself. Fix: put the value in a Secret and give { name: "my-secret", key: "${key}" }`;
const BOOL = (option: string) => `${option} "yes" is invalid: it must be true or false. Fix: give a boolean`;
const TEXT = (option: string, shown: string, example: string) =>
  `${option} ${shown} is invalid: it must be a non-empty string without leading or trailing spaces. Fix: give a value like ${example}`;
const EMPTY_FORMAT = (option: string) =>
  `${option} "" is invalid: it must be a non-empty string. Fix: omit it for Argo's default "{{workflow.name}}/{{pod.name}}", or give a pattern like "{{workflow.name}}/{{pod.name}}"`;
const fails = (props: ArgoWorkflowsProps, message: string) => expectInvalid(() => resolveArgoWorkflows(bad(props)), message);

// ---------------------------------------------------------------------------------------------
// Throw statements that no test reached with an exact message

describe('throw sites without an exact test before', () => {
  test('s3.endpoint that is not a string (artifact-repository.ts checkHostPort)', () => {
    expectInvalid(() => ArtifactRepository.s3(bad({ bucket: 'my-bucket', endpoint: 9000 })),
      's3.endpoint 9000 is invalid: it must be a host with an optional port, like "s3.amazonaws.com" or "minio:9000". Fix: give a value like "minio:9000"');
  });

  test('hdfs.addresses entry that is not a string (same site, namenode wording)', () => {
    expectInvalid(() => ArtifactRepository.hdfs(bad({ addresses: [8020], hdfsUser: 'argo' })),
      'hdfs.addresses[0] 8020 is invalid: it must be a namenode address "host:port". Fix: give a value like "namenode:8020"');
  });

  test('s3.encryptionOptions that is not an object', () => {
    expectInvalid(() => ArtifactRepository.s3(bad({ bucket: 'my-bucket', encryptionOptions: true })),
      's3.encryptionOptions true is invalid: it must be an object with enableEncryption, kmsKeyId, kmsEncryptionContext or serverSideCustomerKeySecret. Fix: give an object like { enableEncryption: true }');
  });

  test('oss.lifecycleRule that is not an object', () => {
    expectInvalid(() => ArtifactRepository.oss(bad({ endpoint: OSS_EP, bucket: 'my-bucket', useSDKCreds: true, lifecycleRule: 30 })),
      'oss.lifecycleRule 30 is invalid: it must be { markInfrequentAccessAfterDays?, markDeletionAfterDays? }. Fix: give an object like { markDeletionAfterDays: 30 }');
  });

  test('persistence.postgres.inCluster.tolerations that is not a list', () => {
    fails({ persistence: { postgres: { inCluster: { tolerations: bad({ key: 'db' }) } } } },
      'persistence.postgres.inCluster.tolerations {"key":"db"} is invalid: it must be a list of tolerations. Fix: give a list');
  });
});

// ---------------------------------------------------------------------------------------------
// Calls of throwing helpers whose option path (and so whose message) no test asserted

describe('ArtifactRepository.s3: every checked field names itself', () => {
  test.each<[string, object, string]>([
    ['useSDKCreds', { useSDKCreds: 'yes' }, BOOL('s3.useSDKCreds')],
    ['accessKeySecret', { accessKeySecret: 'x', secretKeySecret: KEYS.secretKeySecret }, SECRET_REF('s3.accessKeySecret', 'accessKey')],
    ['secretKeySecret', { accessKeySecret: KEYS.accessKeySecret, secretKeySecret: 'x' }, SECRET_REF('s3.secretKeySecret', 'secretKey')],
    ['sessionTokenSecret', { ...KEYS, sessionTokenSecret: 'x' }, SECRET_REF('s3.sessionTokenSecret', 'sessionToken')],
    ['encryptionOptions.enableEncryption', { encryptionOptions: { enableEncryption: 'yes' } }, BOOL('s3.encryptionOptions.enableEncryption')],
    ['encryptionOptions.kmsKeyId', { encryptionOptions: { enableEncryption: true, kmsKeyId: ' my-key' } },
      TEXT('s3.encryptionOptions.kmsKeyId', '" my-key"', '"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"')],
    ['encryptionOptions.kmsEncryptionContext', { encryptionOptions: { enableEncryption: true, kmsKeyId: 'k', kmsEncryptionContext: '' } },
      TEXT('s3.encryptionOptions.kmsEncryptionContext', '""', '"{\\"project\\":\\"argo\\"}"')],
    ['encryptionOptions.serverSideCustomerKeySecret', { encryptionOptions: { enableEncryption: true, serverSideCustomerKeySecret: 'x' } },
      SECRET_REF('s3.encryptionOptions.serverSideCustomerKeySecret', 'serverSideCustomerKey')],
  ])('%s', (_field, options, message) => {
    expectInvalid(() => ArtifactRepository.s3(bad({ bucket: 'my-bucket', ...options })), message);
  });

  test('an endpoint with a path suggests the host alone', () => {
    expectInvalid(() => ArtifactRepository.s3(bad({ bucket: 'my-bucket', endpoint: 'storage.example.com/my-bucket' })),
      's3.endpoint "storage.example.com/my-bucket" is invalid: it must be a host with an optional port, like "s3.amazonaws.com" or "minio:9000", without a scheme or path. Fix: give a value like "storage.example.com"');
  });
});

describe('ArtifactRepository.gcs: every checked field names itself', () => {
  test.each<[string, object, string]>([
    ['serviceAccountKeySecret', { serviceAccountKeySecret: 'x' }, SECRET_REF('gcs.serviceAccountKeySecret', 'serviceAccountKey')],
    ['keyFormat', { keyFormat: '' }, EMPTY_FORMAT('gcs.keyFormat')],
    ['archiveLogs', { archiveLogs: 'yes' }, BOOL('gcs.archiveLogs')],
  ])('%s', (_field, options, message) => {
    expectInvalid(() => ArtifactRepository.gcs(bad({ bucket: 'my-bucket', ...options })), message);
  });
});

describe('ArtifactRepository.azure: every checked field names itself', () => {
  test('options that are not an object', () => {
    expectInvalid(() => ArtifactRepository.azure(bad(null)),
      'azure null is invalid: ArtifactRepository.azure takes an options object. Fix: pass an object like { endpoint: "https://myaccount.blob.core.windows.net", container: "artifacts", useSDKCreds: true }');
  });

  test('keyFormat, which Azure calls blobNameFormat', () => {
    expectInvalid(() => ArtifactRepository.azure(bad({ endpoint: AZ, container: 'artifacts', useSDKCreds: true, keyFormat: '{{workflow.name}}' })),
      'azure.keyFormat is not an option of ArtifactRepository.azure; its options are endpoint, container, accountKeySecret, useSDKCreds, blobNameFormat, archiveLogs. Fix: rename it to "blobNameFormat" (Azure\'s name for keyFormat)');
  });

  test('accountKey, a typo that holds the key itself, is not shown', () => {
    expectInvalid(() => ArtifactRepository.azure(bad({ endpoint: AZ, container: 'artifacts', accountKey: 'bXlzZWNyZXRrZXk=' })),
      'azure.accountKey is not an option of ArtifactRepository.azure; its options are endpoint, container, accountKeySecret, useSDKCreds, blobNameFormat, archiveLogs. Fix: rename it to "accountKeySecret"');
  });

  test.each<[string, object, string]>([
    ['accountKeySecret', { accountKeySecret: 'x' }, SECRET_REF('azure.accountKeySecret', 'accountKey')],
    ['useSDKCreds', { useSDKCreds: 'yes' }, BOOL('azure.useSDKCreds')],
    ['archiveLogs', { useSDKCreds: true, archiveLogs: 'yes' }, BOOL('azure.archiveLogs')],
  ])('%s', (_field, options, message) => {
    expectInvalid(() => ArtifactRepository.azure(bad({ endpoint: AZ, container: 'artifacts', ...options })), message);
  });

  test('validateAzureAccountName with nothing usable to suggest falls back to "mystorageaccount"', () => {
    expectInvalid(() => validateAzureAccountName('account', 'a_b'),
      'account "a_b" is invalid: an Azure storage account name is 3-24 lower-case letters and digits. Fix: use a name like "mystorageaccount"');
  });
});

describe('ArtifactRepository.oss: every checked field names itself', () => {
  test('options that are not an object', () => {
    expectInvalid(() => ArtifactRepository.oss(bad('oss-cn-hangzhou')),
      'oss "oss-cn-hangzhou" is invalid: ArtifactRepository.oss takes an options object. Fix: pass an object like { endpoint: "https://oss-cn-hangzhou.aliyuncs.com", bucket: "my-bucket", useSDKCreds: true }');
  });

  test('an unknown option without a close match is to be removed; securityToken, always rejected, is not listed', () => {
    expectInvalid(() => ArtifactRepository.oss(bad({ endpoint: OSS_EP, bucket: 'my-bucket', useSDKCreds: true, region: 'cn-hangzhou' })),
      'oss.region is not an option of ArtifactRepository.oss; its options are endpoint, bucket, accessKeySecret, secretKeySecret, createBucketIfNotPresent, lifecycleRule, useSDKCreds, keyFormat, archiveLogs. Fix: remove oss.region');
  });

  test('securityToken keeps its own rejection, without its value', () => {
    expectInvalid(() => ArtifactRepository.oss(bad({ endpoint: OSS_EP, bucket: 'my-bucket', useSDKCreds: true, securityToken: 'CAIS-sts-token' })),
      'oss.securityToken "<redacted>" is invalid: Argo reads securityToken as a literal string, so the token would be stored in plain text in a ConfigMap. Fix: remove it and set useSDKCreds: true to use ACK RRSA (or the key secrets)');
  });

  test.each<[string, object, string]>([
    ['accessKeySecret', { accessKeySecret: 'x', secretKeySecret: KEYS.secretKeySecret }, SECRET_REF('oss.accessKeySecret', 'accessKey')],
    ['secretKeySecret', { accessKeySecret: KEYS.accessKeySecret, secretKeySecret: 'x' }, SECRET_REF('oss.secretKeySecret', 'secretKey')],
    ['useSDKCreds', { useSDKCreds: 'yes' }, BOOL('oss.useSDKCreds')],
    ['lifecycleRule.markInfrequentAccessAfterDays', { useSDKCreds: true, lifecycleRule: { markInfrequentAccessAfterDays: 0 } },
      'oss.lifecycleRule.markInfrequentAccessAfterDays 0 is invalid: it must be a whole number of days, 1 or more. Fix: give a number of days such as 30'],
    ['keyFormat', { useSDKCreds: true, keyFormat: '' }, EMPTY_FORMAT('oss.keyFormat')],
    ['archiveLogs', { useSDKCreds: true, archiveLogs: 'yes' }, BOOL('oss.archiveLogs')],
  ])('%s', (_field, options, message) => {
    expectInvalid(() => ArtifactRepository.oss(bad({ endpoint: OSS_EP, bucket: 'my-bucket', ...options })), message);
  });
});

describe('ArtifactRepository.artifactory: every checked field names itself', () => {
  test('options that are not an object', () => {
    expectInvalid(() => ArtifactRepository.artifactory(bad(undefined)),
      'artifactory undefined is invalid: ArtifactRepository.artifactory takes an options object. Fix: pass an object like { repoURL: "https://artifactory.example.com/artifactory/generic-local", usernameSecret, passwordSecret }');
  });

  test('url is to be renamed to repoURL', () => {
    expectInvalid(() => ArtifactRepository.artifactory(bad({ ...ART, url: ART.repoURL })),
      'artifactory.url is not an option of ArtifactRepository.artifactory; its options are repoURL, usernameSecret, passwordSecret, keyFormat, archiveLogs. Fix: rename it to "repoURL"');
  });

  test('an unknown option without a close match is to be removed', () => {
    expectInvalid(() => ArtifactRepository.artifactory(bad({ ...ART, proxy: 'http://proxy:3128' })),
      'artifactory.proxy is not an option of ArtifactRepository.artifactory; its options are repoURL, usernameSecret, passwordSecret, keyFormat, archiveLogs. Fix: remove artifactory.proxy');
  });

  test.each<[string, object, string]>([
    ['usernameSecret', { usernameSecret: 'x' }, SECRET_REF('artifactory.usernameSecret', 'username')],
    ['passwordSecret', { passwordSecret: 'x' }, SECRET_REF('artifactory.passwordSecret', 'password')],
    ['keyFormat', { keyFormat: '' }, EMPTY_FORMAT('artifactory.keyFormat')],
    ['archiveLogs', { archiveLogs: 'yes' }, BOOL('artifactory.archiveLogs')],
  ])('%s', (_field, options, message) => {
    expectInvalid(() => ArtifactRepository.artifactory(bad({ ...ART, ...options })), message);
  });
});

describe('ArtifactRepository.hdfs: every checked field names itself', () => {
  test('options that are not an object', () => {
    expectInvalid(() => ArtifactRepository.hdfs(bad([])),
      'hdfs [] is invalid: ArtifactRepository.hdfs takes an options object. Fix: pass an object like { addresses: ["namenode:8020"], hdfsUser: "argo" }');
  });

  test('an unknown option close to a known one is to be renamed', () => {
    expectInvalid(() => ArtifactRepository.hdfs(bad({ addresses: ['namenode:8020'], hdfsUsername: 'argo' })),
      'hdfs.hdfsUsername is not an option of ArtifactRepository.hdfs; its options are addresses, hdfsUser, dataTransferProtection, krbCCacheSecret, krbKeytabSecret, krbUsername, krbRealm, krbConfigConfigMap, krbServicePrincipalName, pathFormat, force, archiveLogs. Fix: rename it to "hdfsUser"');
  });

  test.each<[string, object, string]>([
    ['krbCCacheSecret', { krbCCacheSecret: 'x' }, SECRET_REF('hdfs.krbCCacheSecret', 'krb5cc')],
    ['krbKeytabSecret', { krbKeytabSecret: 'x' }, SECRET_REF('hdfs.krbKeytabSecret', 'krb5.keytab')],
    ['krbUsername', { krbUsername: ' argo' }, TEXT('hdfs.krbUsername', '" argo"', '"argo"')],
    ['krbRealm', { krbRealm: '' }, TEXT('hdfs.krbRealm', '""', '"EXAMPLE.COM"')],
    ['krbServicePrincipalName', { krbServicePrincipalName: 5 }, TEXT('hdfs.krbServicePrincipalName', '5', '"hdfs/namenode.example.com"')],
    ['pathFormat', { pathFormat: '/{{workflow.name' },
      'hdfs.pathFormat "/{{workflow.name" is invalid: its braces are unbalanced: every variable is written "{{name}}", with no other "{" or "}". Fix: write each variable as {{name}}, e.g. "{{workflow.name}}/{{pod.name}}"'],
    ['force', { force: 'yes' }, BOOL('hdfs.force')],
    ['archiveLogs', { archiveLogs: 'yes' }, BOOL('hdfs.archiveLogs')],
  ])('%s', (_field, options, message) => {
    expectInvalid(() => ArtifactRepository.hdfs(bad({ ...HDFS, ...options })), message);
  });
});

describe('ArtifactRepository.plugin: every checked field names itself', () => {
  test('options that are not an object', () => {
    expectInvalid(() => ArtifactRepository.plugin(bad(null)),
      'plugin null is invalid: ArtifactRepository.plugin takes an options object. Fix: pass an object like { name: "my-driver" }');
  });

  test('an unknown option that starts a known one is to be renamed', () => {
    expectInvalid(() => ArtifactRepository.plugin(bad({ name: 'my-driver', config: 'bucket: x' })),
      'plugin.config is not an option of ArtifactRepository.plugin; its options are name, configuration, keyFormat, archiveLogs. Fix: rename it to "configuration"');
  });

  test.each<[string, object, string]>([
    ['keyFormat', { keyFormat: '' }, EMPTY_FORMAT('plugin.keyFormat')],
    ['archiveLogs', { archiveLogs: 'yes' }, BOOL('plugin.archiveLogs')],
  ])('%s', (_field, options, message) => {
    expectInvalid(() => ArtifactRepository.plugin(bad({ name: 'my-driver', ...options })), message);
  });
});

describe('resolveArgoWorkflows: artifact repositories', () => {
  const NS = [{ name: 'argo' }];

  test('artifactRepositories without repositories (resolveStorage -> resolveArtifactRepositories)', () => {
    fails({ workflowNamespaces: NS, artifactRepositories: { repositories: {} } },
      'artifactRepositories.repositories {} is invalid: it must hold at least one repository. Fix: add one, e.g. { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }');
  });

  test('a list where a repository belongs', () => {
    fails({ workflowNamespaces: NS, artifactRepositories: { repositories: { default: bad([]) } } },
      'artifactRepositories.repositories["default"] is not an ArtifactRepository (got an array). Fix: build it with ArtifactRepository.s3(...), gcs, azure, oss, artifactory, hdfs or plugin');
  });

  test('a repository whose spec was changed after it was built is checked against Argo\'s key tree again', () => {
    const repo = ArtifactRepository.s3({ bucket: 'my-bucket', useSDKCreds: true });
    (repo.spec.s3 as unknown as Record<string, unknown>).bucket = 5;
    fails({ workflowNamespaces: NS, artifactRepositories: { repositories: { default: repo } } },
      'artifactRepositories.repositories["default"].s3.bucket 5 is invalid: it must be a string. Fix: quote the value');
  });

  test('with MinIO, defaultKey must be one of the user\'s keys or "minio"', () => {
    fails({
      workflowNamespaces: NS, minio: true,
      artifactRepositories: { repositories: { logs: ArtifactRepository.s3({ bucket: 'logs', useSDKCreds: true }) }, defaultKey: 'archive' },
    }, 'artifactRepositories.defaultKey "archive" is invalid: it must be one of the repository keys: "logs", "minio". Fix: use one of them, or add a repository under "archive"');
  });
});

describe('resolveArgoWorkflows: persistence', () => {
  const PG = { host: 'db.example.com', credentials: Credentials.existing(), ssl: true };
  const MYSQL = { host: 'db.example.com', credentials: Credentials.existing() };

  test.each<[string, ArgoWorkflowsProps, string]>([
    ['inCluster.nodeSelector not an object', { persistence: { postgres: { inCluster: { nodeSelector: bad('linux') } } } },
      'persistence.postgres.inCluster.nodeSelector "linux" is invalid: it must be an object. Fix: pass an object, e.g. { "kubernetes.io/os": "linux" }'],
    ['inCluster.nodeSelector with a bad label value', { persistence: { postgres: { inCluster: { nodeSelector: { 'kubernetes.io/os': 'linux-' } } } } },
      'persistence.postgres.inCluster.nodeSelector["kubernetes.io/os"] "linux-" is invalid: a label value is empty or 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit. Fix: shorten or clean the value, or use an annotation instead'],
    ['awsRdsIamAuth not an object', { persistence: { postgres: { ...PG, awsRdsIamAuth: bad(true) } } },
      'persistence.postgres.awsRdsIamAuth true is invalid: it must be an object. Fix: pass an object, e.g. { region: "eu-west-1" }'],
    ['awsRdsIamAuth with a mistyped key', { persistence: { postgres: { ...PG, awsRdsIamAuth: bad({ Region: 'eu-west-1' }) } } },
      'persistence.postgres.awsRdsIamAuth.Region is not an option argo-stack knows; allowed here: region. Fix: rename it to "region"'],
    ['azureTokenAuth not an object', { persistence: { postgres: { ...PG, azureTokenAuth: bad(true) } } },
      'persistence.postgres.azureTokenAuth true is invalid: it must be an object. Fix: pass {} for Argo\'s default scope, or { scope: "https://ossrdbms-aad.database.windows.net/.default" }'],
    ['azureTokenAuth with an unknown key', { persistence: { postgres: { ...PG, azureTokenAuth: bad({ scopes: ['x'] }) } } },
      'persistence.postgres.azureTokenAuth.scopes is not an option argo-stack knows; allowed here: scope. Fix: rename it to "scope"'],
    ['mysql.options not an object', { persistence: { mysql: { ...MYSQL, options: bad('tls=true') } } },
      'persistence.mysql.options "tls=true" is invalid: it must be an object. Fix: pass an object, e.g. { tls: "true" }'],
    ['connectionPool not an object', { persistence: { postgres: { inCluster: {} }, connectionPool: bad(10) } },
      'persistence.connectionPool 10 is invalid: it must be an object. Fix: pass an object, e.g. { maxIdleConns: 10, maxOpenConns: 20 }'],
    ['connectionPool with an unknown key', { persistence: { postgres: { inCluster: {} }, connectionPool: bad({ maxIdle: 5 }) } },
      'persistence.connectionPool.maxIdle is not an option argo-stack knows; allowed here: maxIdleConns, maxOpenConns, connMaxLifetime. Fix: remove persistence.connectionPool.maxIdle'],
    ['connectionPool.maxIdleConns below 0', { persistence: { postgres: { inCluster: {} }, connectionPool: { maxIdleConns: -1 } } },
      'persistence.connectionPool.maxIdleConns -1 is invalid: it must be a whole number of at least 0. Fix: give 0 or more'],
    ['synchronization.semaphoreLimitCacheSeconds below 0', { persistence: { postgres: { inCluster: {} }, synchronization: { semaphoreLimitCacheSeconds: -1 } } },
      'persistence.synchronization.semaphoreLimitCacheSeconds -1 is invalid: it must be a whole number of at least 0. Fix: give 0 (no cache) or more'],
    ['synchronization.limitTableName empty: the fix falls back to the default name', { persistence: { postgres: { inCluster: {} }, synchronization: { limitTableName: '' } } },
      'persistence.synchronization.limitTableName "" is invalid: it must be a SQL table name of 1-63 letters, digits and "_", starting with a letter or "_". Fix: use a name like "sync_limit"'],
    ['skipMigration not a boolean', { persistence: { postgres: { inCluster: {} }, skipMigration: bad('yes') } },
      'persistence.skipMigration "yes" is invalid: it must be true or false. Fix: give a boolean'],
    ['in-cluster MySQL with a fixed user name over 32 characters', { persistence: { mysql: { inCluster: {}, credentials: Credentials.generated({ fixed: { username: 'u'.repeat(33) } }) } } },
      'persistence.mysql.credentials fixes a user name of 33 characters: MySQL user names have at most 32. Fix: fix a user name of at most 32 characters, e.g. { fixed: { username: "argo" } }'],
  ])('%s', (_name, props, message) => {
    fails(props, message);
  });
});

describe('resolveArgoWorkflows: controller and workflow namespaces', () => {
  test.each<[string, string]>([
    ['workflow', 'controller.workers.workflow'],
    ['workflowTtl', 'controller.workers.workflowTtl'],
    ['cronWorkflow', 'controller.workers.cronWorkflow'],
    ['workflowArchive', 'controller.workers.workflowArchive'],
  ])('controller.workers.%s: 0', (field, option) => {
    fails({ controller: { workers: { [field]: 0 } } },
      `${option} 0 is invalid: it must be a whole number of at least 1. Fix: set ${option} to 1 or more, or leave it unset for Argo's default`);
  });

  test('controller.kubeApiBurst: 0', () => {
    fails({ controller: { kubeApiBurst: 0 } },
      'controller.kubeApiBurst 0 is invalid: it must be a whole number of at least 1. Fix: set controller.kubeApiBurst to 1 or more, or leave it unset for Argo\'s default');
  });

  test.each(['create', 'artifactGC'])('workflowNamespaces[0].%s that is not a boolean', (field) => {
    fails({ workflowNamespaces: [{ name: 'team-a', [field]: 'yes' }] },
      `workflowNamespaces[0].${field} "yes" is invalid: it must be true or false. Fix: give a boolean`);
  });
});

describe('resolveMinio called directly', () => {
  test('checks the namespace it is given (resolveArgoWorkflows checks it before)', () => {
    expectInvalid(() => resolveMinio({}, { namespace: 'Ops' }),
      'namespace "Ops" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "ops"');
  });
});
