import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { Credentials, CredentialsKind } from '../../src/config/credentials';
import { resolveMinio } from '../../src/config/storage/minio';
import { resolvePersistence as resolvePersistenceFeature, ResolvedPersistence } from '../../src/config/persistence/persistence';
import { MINIO_REPOSITORY_KEY, resolveStorage as resolveStorageFeature, SecretOptions, StorageOptions } from '../../src/config/storage/storage';
import { bad, expectInvalid } from './_helpers';

type Ctx = { namespace: string; workflowNamespaces: string[]; artifactDrivers: string[]; persistence?: ResolvedPersistence };
const resolvePersistence = (...args: Parameters<typeof resolvePersistenceFeature>) => resolvePersistenceFeature(...args)?.resolved;
/** The storage feature's own section of the plan; the database Secret comes in as a Secret another feature manages. */
const resolveStorage = (o: StorageOptions, ctx: Ctx) => resolveStorageFeature(o, {
  ...ctx, managedSecrets: ctx.persistence ? [{ spec: ctx.persistence.secret, option: 'persistence' }] : [],
}).resolved;
const CTX: Ctx = { namespace: 'argo', workflowNamespaces: ['argo'], artifactDrivers: [] };
const TEAMS: Ctx = { namespace: 'argo', workflowNamespaces: ['team-a', 'team-b'], artifactDrivers: [] };
const fails = (o: unknown, message: string, ctx: Ctx = CTX) => expectInvalid(() => resolveStorage(bad(o), ctx), message);

/** An S3 repository reading `accessKey` and `secretKey` from the Secret `name`. */
const s3 = (name: string, bucket = 'my-bucket') => ArtifactRepository.s3({
  bucket, endpoint: 's3.example.com', accessKeySecret: { name, key: 'accessKey' }, secretKeySecret: { name, key: 'secretKey' },
});
/** A repository without any Secret. */
const sdk = (bucket = 'my-bucket') => ArtifactRepository.s3({ bucket, region: 'eu-west-1', useSDKCreds: true });
/** A declared Secret with the keys `s3` reads. */
const declare = (name: string, credentials: Credentials = Credentials.existing(), keys = ['accessKey', 'secretKey']): SecretOptions => ({ name, keys, credentials });
const SEALED = 'A'.repeat(200);
const sealed = (keys: string[]) => Credentials.sealedSecret({ encryptedData: Object.fromEntries(keys.map((k) => [k, SEALED])) });
const external = () => Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/s3' });
const POSTGRES = resolvePersistence({ postgres: { inCluster: {} } }, { namespace: 'argo' })!;
const MYSQL = resolvePersistence({ mysql: { host: 'db.example.com', credentials: Credentials.existing() } }, { namespace: 'argo' })!;

const NO_SOURCE = (path: string, name: string, key: string, declared = '') =>
  `${path} references Secret "${name}", which has no source: argo-stack cannot tell where its values come from${declared.replace('declared Secrets', 'known Secrets')}. `
  + `Fix: declare it in secrets, e.g. { name: "${name}", keys: [${key.split(',').map((k) => JSON.stringify(k)).join(', ')}], credentials: Credentials.existing() }, or reference a known Secret`;
const WORKFLOW_NAMESPACES_FIX = 'Fix: add the namespaces that run workflows to workflowNamespaces, e.g. [{ name: "argo" }]';

describe('resolveStorage: minio', () => {
  test.each<[string, unknown, string]>([
    ['a number', 1, '1'],
    ['a string', 'yes', '"yes"'],
    ['null', null, 'null'],
  ])('minio as %s is rejected', (_what, value, shown) => {
    fails({ minio: value }, `minio ${shown} is invalid: it must be true, false or an options object. Fix: use minio: true for the defaults`);
  });

  test('an array is rejected by the first check', () => {
    fails({ minio: [] }, 'minio [] is invalid: it must be true, false or an options object. Fix: use minio: true for the defaults');
  });

  test('the MinIO options are checked with the minio path', () => {
    fails({ minio: { bucket: 'B' } }, 'minio.bucket "B" is invalid: an S3 bucket name is 3-63 characters of lower-case letters, digits, "." and "-", starting and ending with a letter or digit. Fix: use a name like "my-bucket"');
  });
});

describe('resolveStorage: secrets', () => {
  test.each<[string, unknown, string]>([
    ['an object', {}, '{}'],
    ['a string', 's3-cred', '"s3-cred"'],
    ['null', null, 'null'],
  ])('secrets as %s is not a list', (_what, value, shown) => {
    fails({ secrets: value }, `secrets ${shown} is invalid: it must be a list of { name, keys, credentials }. Fix: give a list, e.g. [{ name: "s3-cred", keys: ["accessKey", "secretKey"], credentials: Credentials.existing() }]`);
  });

  test.each<[string, unknown, string]>([
    ['a string', 's3-cred', '"s3-cred"'],
    ['a number', 42, '42'],
    ['null', null, 'null'],
  ])('an entry that is %s is not an object, with its index', (_what, value, shown) => {
    fails({ secrets: [declare('a'), value] }, `secrets[1] ${shown} is invalid: it must be an object { name, keys, credentials }. Fix: give the Secret name, its keys and a Credentials source`);
  });

  test('an entry\'s credentials are checked with the path secrets[i].credentials', () => {
    fails({ secrets: [{ name: 's3-cred', keys: ['accessKey'], credentials: 'hunter2' }] },
      'secrets[0].credentials "<redacted>" is invalid: it must be a Credentials value, not literal credentials: they would be written to dist/, which is committed to git. '
      + 'Fix: use Credentials.generated() (random values created in the cluster), Credentials.existing() (you create the Secret), Credentials.externalSecret({ storeName, remoteKey }) (External Secrets Operator) or Credentials.sealedSecret({ encryptedData }) (Sealed Secrets)');
  });

  test('an entry\'s name is checked with the path secrets[i]', () => {
    fails({ secrets: [declare('S3_Cred')] },
      'secrets[0] Secret name "S3_Cred" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "s3-cred"');
  });

  test('a Secret declared twice', () => {
    fails({ secrets: [declare('a'), declare('b'), declare('a', Credentials.generated())], artifactRepositories: { repositories: { x: s3('a'), y: s3('b') } } },
      'secrets[2].name "a" is invalid: each Secret may be declared once. Fix: remove the second declaration of "a"');
  });

  test('a declared Secret named like the database Secret (PostgreSQL, MySQL)', () => {
    fails({ secrets: [declare('s3-cred'), declare('argo-postgres-config')] },
      'secrets[1] declares Secret "argo-postgres-config", which persistence already manages. Fix: remove that entry from secrets and set persistence\'s own credentials option instead',
      { ...CTX, persistence: POSTGRES });
    fails({ secrets: [declare('argo-mysql-config')] },
      'secrets[0] declares Secret "argo-mysql-config", which persistence already manages. Fix: remove that entry from secrets and set persistence\'s own credentials option instead',
      { ...CTX, persistence: MYSQL });
  });

  test('the database Secret name is free without persistence', () => {
    const r = resolveStorage({ secrets: [declare('argo-postgres-config')], artifactRepositories: { repositories: { x: s3('argo-postgres-config') } } }, CTX);
    expect(r.secrets.map((s) => s.spec.name)).toEqual(['argo-postgres-config']);
  });

  test('a declared Secret named like MinIO\'s (default and custom secretName)', () => {
    fails({ minio: true, secrets: [declare('my-minio-cred', Credentials.existing(), ['accesskey', 'secretkey'])] },
      'secrets[0] declares Secret "my-minio-cred", which minio already manages. Fix: remove that entry from secrets and set minio\'s own credentials option instead');
    fails({ minio: { secretName: 'minio-root' }, secrets: [declare('minio-root')] },
      'secrets[0] declares Secret "minio-root", which minio already manages. Fix: remove that entry from secrets and set minio\'s own credentials option instead');
  });

  test('a declared Secret that no repository references', () => {
    fails({ secrets: [declare('unused')] },
      'secrets[0] declares Secret "unused", but no artifact repository references it. Fix: remove it from secrets, or reference it from a repository');
    fails({ secrets: [declare('used'), declare('unused', Credentials.generated())], artifactRepositories: { repositories: { x: s3('used') } } },
      'secrets[1] declares Secret "unused", but no artifact repository references it. Fix: remove it from secrets, or reference it from a repository', TEAMS);
  });

  // The Secret is referenced (by the controller default repository); it has no namespace to go to.
  test('a Secret referenced by artifactRepository with no workflow namespaces', () => {
    fails({ artifactRepository: s3('a'), secrets: [declare('a')] },
      `artifactRepository references Secret "a", but workflowNamespaces is empty: the Secret must exist in each namespace that runs workflows. ${WORKFLOW_NAMESPACES_FIX}`,
      { ...CTX, workflowNamespaces: [] });
  });

  // Two built-in Secrets with one name would be merged: the database Secret would get MinIO's keys only.
  test('minio.secretName equal to the database Secret name is rejected', () => {
    fails({ minio: { secretName: 'argo-postgres-config' } },
      'minio.secretName "argo-postgres-config" is the Secret of persistence: the two would share one Secret with different keys. Fix: give minio.secretName another name, e.g. "my-minio-cred"',
      { ...CTX, persistence: POSTGRES });
  });
});

describe('resolveStorage: repositories and workflow namespaces', () => {
  test('artifactRepositories with no workflow namespace', () => {
    fails({ artifactRepositories: { repositories: { x: sdk() } } },
      `artifactRepositories is set but workflowNamespaces is empty: the artifact-repositories ConfigMap is created in each workflow namespace. ${WORKFLOW_NAMESPACES_FIX}`,
      { ...CTX, workflowNamespaces: [] });
  });

  test('minio with no workflow namespace (and artifactRepositories wins the name when both are set)', () => {
    fails({ minio: true },
      `minio is set but workflowNamespaces is empty: the artifact-repositories ConfigMap is created in each workflow namespace. ${WORKFLOW_NAMESPACES_FIX}`,
      { ...CTX, workflowNamespaces: [] });
    fails({ minio: true, artifactRepositories: { repositories: { x: sdk() } } },
      `artifactRepositories is set but workflowNamespaces is empty: the artifact-repositories ConfigMap is created in each workflow namespace. ${WORKFLOW_NAMESPACES_FIX}`,
      { ...CTX, workflowNamespaces: [] });
  });

  test('artifactRepository alone needs no workflow namespace', () => {
    const r = resolveStorage({ artifactRepository: sdk() }, { ...CTX, workflowNamespaces: [] });
    expect(r.artifactRepositories).toBeUndefined();
    expect(r.defaultRepository!.spec).toEqual({ s3: { endpoint: 's3.amazonaws.com', bucket: 'my-bucket', region: 'eu-west-1', useSDKCreds: true } });
  });

  test.each<[string, unknown, string]>([
    ['a plain object', { s3: { bucket: 'my-bucket' } }, '{"s3":{"bucket":"my-bucket"}}'],
    ['null', null, 'null'],
    ['a string', 'my-bucket', '"my-bucket"'],
  ])('artifactRepository as %s is not made by a factory', (_what, value, shown) => {
    fails({ artifactRepository: value },
      `artifactRepository ${shown} is invalid: it must be made by an ArtifactRepository factory. Fix: use e.g. ArtifactRepository.s3({ bucket: "my-bucket", useSDKCreds: true })`);
  });

  test('a repository referencing a Secret with no source, no Secret declared', () => {
    fails({ artifactRepositories: { repositories: { x: s3('s3-cred') } } }, NO_SOURCE('artifactRepositories.repositories["x"]', 's3-cred', 'accessKey,secretKey'));
  });

  test('a repository referencing a Secret with no source, other Secrets declared', () => {
    fails({ secrets: [declare('b'), declare('c')], artifactRepositories: { repositories: { b: s3('b'), c: s3('c'), x: s3('s3-cred') } } },
      NO_SOURCE('artifactRepositories.repositories["x"]', 's3-cred', 'accessKey,secretKey', ' (declared Secrets: "b", "c")'));
  });

  test('the default repository referencing a Secret with no source', () => {
    fails({ artifactRepository: s3('s3-cred') }, NO_SOURCE('artifactRepository', 's3-cred', 'accessKey,secretKey'));
    fails({ secrets: [declare('b')], artifactRepository: s3('s3-cred') }, NO_SOURCE('artifactRepository', 's3-cred', 'accessKey,secretKey', ' (declared Secrets: "b")'));
  });

  test('the default repository is checked before the per-namespace ones', () => {
    fails({ artifactRepository: s3('first'), artifactRepositories: { repositories: { x: s3('second') } } }, NO_SOURCE('artifactRepository', 'first', 'accessKey,secretKey'));
  });

  test('a reference to a key the declared Secret lacks', () => {
    fails({ secrets: [declare('s3-cred', Credentials.existing(), ['accessKey'])], artifactRepositories: { repositories: { x: s3('s3-cred') } } },
      'artifactRepositories.repositories["x"] references key "secretKey" of Secret "s3-cred", which only has "accessKey". Fix: use one of those keys, or add "secretKey" to the Secret\'s keys');
    fails({ secrets: [declare('s3-cred', Credentials.existing(), ['access', 'secret'])], artifactRepository: s3('s3-cred') },
      'artifactRepository references key "accessKey" of Secret "s3-cred", which only has "access", "secret". Fix: use one of those keys, or add "accessKey" to the Secret\'s keys');
  });

  const ROOT = (path: string) => `${path} references Secret "my-minio-cred", MinIO's root user: workflow namespaces never receive it, since a workflow could then read and delete every namespace's artifacts and administer MinIO. `
    + 'Fix: remove that repository: each workflow namespace\'s "minio" repository uses its own MinIO user (Secret "minio-user-<namespace>"), limited to the prefix "<namespace>/"';

  test('no repository may reference MinIO\'s root Secret: workflow namespaces never receive it', () => {
    const mirror = ArtifactRepository.s3({ bucket: 'other', endpoint: 'minio:9000', insecure: true, accessKeySecret: { name: 'my-minio-cred', key: 'accesskey' }, secretKeySecret: { name: 'my-minio-cred', key: 'secretkey' } });
    fails({ minio: true, artifactRepositories: { repositories: { mirror } } }, ROOT('artifactRepositories.repositories["mirror"]'));
    fails({ minio: true, artifactRepository: mirror }, ROOT('artifactRepository'));
    fails({ minio: { secretName: 'root-cred' }, artifactRepositories: { repositories: { minio: s3('root-cred') } } },
      ROOT('artifactRepositories.repositories["minio"]').replace(/my-minio-cred/g, 'root-cred'));
    expectInvalid(() => resolveStorageFeature({ minio: true }, { ...CTX, managedSecrets: [], configRepository: mirror.spec }), ROOT('controller.config.artifactRepository'));
  });

  test('a repository may reference a workflow namespace\'s MinIO user Secret (a built-in source) with its keys only', () => {
    const mirror = ArtifactRepository.s3({ bucket: 'my-bucket', endpoint: 'minio:9000', insecure: true, accessKeySecret: { name: 'minio-user-argo', key: 'accesskey' }, secretKeySecret: { name: 'minio-user-argo', key: 'secretkey' } });
    expect(resolveStorage({ minio: true, artifactRepositories: { repositories: { mirror } } }, CTX).artifactSecretNames).toEqual({ argo: ['minio-user-argo'] });
    fails({ minio: true, artifactRepositories: { repositories: { x: s3('minio-user-argo') } } },
      'artifactRepositories.repositories["x"] references key "accessKey" of Secret "minio-user-argo", which only has "accesskey", "secretkey". Fix: use one of those keys, or add "accessKey" to the Secret\'s keys');
  });

  test('a declared Secret, or the database\'s, must not take the name of a MinIO user Secret', () => {
    fails({ minio: true, secrets: [declare('minio-user-argo')] },
      'secrets[0] declares Secret "minio-user-argo", which minio already manages. Fix: remove that entry from secrets and set minio\'s own credentials option instead');
    const db = resolvePersistence({ postgres: { host: 'db.example.com', secretName: 'minio-user-argo', credentials: Credentials.existing() } }, { namespace: 'argo' })!;
    fails({ minio: true }, 'persistence names its Secret "minio-user-argo", the MinIO user Secret of a workflow namespace (minio-user-<namespace>). Fix: give the Secret of persistence another name', { ...CTX, persistence: db });
  });

  test('a plugin repository without a matching artifactDrivers entry (per-namespace and default)', () => {
    const plugin = ArtifactRepository.plugin({ name: 'my-driver' });
    const message = 'an artifact repository uses plugin "my-driver", but controller.config.artifactDrivers has no driver named "my-driver". Fix: add { name: "my-driver", image: "<driver image>" } to controller.config.artifactDrivers';
    fails({ artifactRepositories: { repositories: { x: plugin } } }, message);
    fails({ artifactRepository: plugin }, message);
    fails({ artifactRepository: plugin }, message, { ...CTX, artifactDrivers: ['other-driver'] });
  });

  test('a plugin repository with its driver resolves', () => {
    const plugin = ArtifactRepository.plugin({ name: 'my-driver' });
    const r = resolveStorage({ artifactRepository: plugin, artifactRepositories: { repositories: { x: plugin } } }, { ...CTX, artifactDrivers: ['my-driver'] });
    expect(r.defaultRepository).toBe(plugin);
    expect(r.artifactRepositories!.argo.pluginNames).toEqual(['my-driver']);
    expect(r.secrets).toEqual([]);
    expect(r.artifactSecretNames).toEqual({ argo: [] });
  });

  // The message names the option the user wrote, not the repository argo-stack added for MinIO.
  test('MinIO\'s undeclared CA Secret is reported under minio.tls.caSecret', () => {
    fails({ minio: { tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } } } },
      NO_SOURCE('minio.tls.caSecret', 'minio-ca', 'ca.crt', ' (declared Secrets: "my-minio-cred", "minio-user-argo")'));
  });
});

describe('resolveStorage: nothing set', () => {
  test('no MinIO, no repository, no Secret', () => {
    for (const o of [{}, { minio: false }, { minio: undefined }] as StorageOptions[]) {
      const r = resolveStorage(o, CTX);
      expect(r).toEqual({ secrets: [], artifactSecretNames: { argo: [] } });
      expect(r.minio).toBeUndefined();
      expect(r.defaultRepository).toBeUndefined();
      expect(r.artifactRepositories).toBeUndefined();
    }
  });

  test('persistence alone: its Secret in the install namespace only', () => {
    const r = resolveStorage({}, { ...TEAMS, persistence: POSTGRES });
    expect(r.secrets).toEqual([{ spec: POSTGRES.secret, namespaces: ['argo'], option: 'persistence' }]);
    expect(r.artifactSecretNames).toEqual({ 'team-a': [], 'team-b': [] });
  });
});

describe('resolveStorage: MinIO only', () => {
  const r = resolveStorage({ minio: true }, CTX);
  const minio = resolveMinio({}, { namespace: 'argo', workflowNamespaces: ['argo'] });

  test('MINIO_REPOSITORY_KEY is "minio"', () => {
    expect(MINIO_REPOSITORY_KEY).toBe('minio');
  });

  test('MinIO resolved with the defaults (minio: true is minio: {})', () => {
    expect(r.minio).toEqual(minio);
    expect(resolveStorage({ minio: {} }, CTX)).toEqual(r);
  });

  test('the repositories are {minio} (the namespace\'s own user), default key "minio", ConfigMap artifact-repositories', () => {
    expect(r.artifactRepositories).toEqual({
      argo: {
        configMapName: 'artifact-repositories',
        defaultKey: 'minio',
        repositories: { minio: minio.tenants[0].repository },
        secretNames: ['minio-user-argo'],
        pluginNames: [],
      },
    });
    expect(r.artifactRepositories!.argo.repositories.minio).toBe(r.minio!.tenants[0].repository);
    expect(r.defaultRepository).toBeUndefined();
  });

  test('my-minio-cred stays in the install namespace; the user Secret is read there by the users Job and by argo-server', () => {
    expect(r.secrets).toEqual([
      { spec: minio.tenants[0].secret, namespaces: ['argo'], option: 'minio' },
      { spec: minio.secret, namespaces: ['argo'], option: 'minio.credentials' },
    ]);
    expect(r.artifactSecretNames).toEqual({ argo: ['minio-user-argo'] });
  });

  test('in other workflow namespaces: the cross-namespace endpoint, each its own user; the root Secret stays in the install namespace', () => {
    const t = resolveStorage({ minio: true }, TEAMS);
    expect(t.minio!.endpoint).toBe('minio.argo.svc:9000');
    expect(t.artifactRepositories!['team-a'].repositories.minio.spec.s3).toEqual({
      endpoint: 'minio.argo.svc:9000', bucket: 'my-bucket', insecure: true, keyFormat: 'team-a/{{workflow.name}}/{{pod.name}}',
      accessKeySecret: { name: 'minio-user-team-a', key: 'accesskey' }, secretKeySecret: { name: 'minio-user-team-a', key: 'secretkey' },
    });
    expect(t.artifactRepositories!['team-b'].repositories.minio.spec.s3!.keyFormat).toBe('team-b/{{workflow.name}}/{{pod.name}}');
    expect(t.secrets.map((s) => [s.spec.name, s.namespaces])).toEqual([
      ['minio-user-team-a', ['argo', 'team-a']], ['minio-user-team-b', ['argo', 'team-b']], ['my-minio-cred', ['argo']],
    ]);
    expect(t.artifactSecretNames).toEqual({ 'team-a': ['minio-user-team-a'], 'team-b': ['minio-user-team-b'] });
  });

  test('argo-server reads each namespace\'s own user Secret there', () => {
    const f = resolveStorageFeature({ minio: true }, { ...TEAMS, managedSecrets: [] });
    expect(f.contributes.secretsRead).toEqual([
      { by: ['server'], names: ['minio-user-team-a'], namespace: 'team-a' },
      { by: ['server'], names: ['minio-user-team-b'], namespace: 'team-b' },
    ]);
  });

  // MinIO's pod and bucket Job mount the CA Secret in MinIO's namespace, next to where repositories read it.
  test('MinIO\'s CA Secret is also placed in MinIO\'s namespace', () => {
    const t = resolveStorage({
      minio: { tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } } },
      secrets: [declare('minio-ca', external(), ['ca.crt'])],
    }, { ...CTX, workflowNamespaces: ['team-a'] });
    expect(t.secrets.find((s) => s.spec.name === 'minio-ca')!.namespaces).toEqual(['argo', 'team-a']);
  });
});

describe('resolveStorage: user repositories and MinIO', () => {
  const a = sdk('bucket-a');
  const b = sdk('bucket-b');

  test('MinIO is added after the user\'s repositories; the user\'s defaultKey and ConfigMap name are kept', () => {
    const r = resolveStorage({ minio: true, artifactRepositories: { repositories: { b, a }, defaultKey: 'a', configMapName: 'team-artifacts' } }, CTX);
    const repos = r.artifactRepositories!.argo;
    expect(Object.keys(repos.repositories)).toEqual(['b', 'a', 'minio']);
    expect(repos.repositories.a).toBe(a);
    expect(repos.repositories.b).toBe(b);
    expect(repos.repositories.minio).toBe(r.minio!.tenants[0].repository);
    expect(repos.defaultKey).toBe('a');
    expect(repos.configMapName).toBe('team-artifacts');
    expect(repos.secretNames).toEqual(['minio-user-argo']);
  });

  test('without defaultKey the default is the first user key, not minio', () => {
    const r = resolveStorage({ minio: true, artifactRepositories: { repositories: { b, a } } }, CTX);
    expect(r.artifactRepositories!.argo.defaultKey).toBe('b');
    expect(r.artifactRepositories!.argo.configMapName).toBe('artifact-repositories');
  });

  // MinIO joins the user's repositories before the default key is checked, so it can be the default.
  test('the user may make MinIO the default explicitly', () => {
    const r = resolveStorage({ minio: true, artifactRepositories: { repositories: { a }, defaultKey: 'minio' } }, CTX);
    expect(r.artifactRepositories!.argo.defaultKey).toBe('minio');
    expect(Object.keys(r.artifactRepositories!.argo.repositories)).toEqual(['a', 'minio']);
  });

  test('a user repository named "minio" is not overwritten', () => {
    const mine = sdk('my-own-minio');
    const r = resolveStorage({ minio: true, artifactRepositories: { repositories: { minio: mine, a } } }, TEAMS);
    for (const ns of ['team-a', 'team-b']) {
      expect(Object.keys(r.artifactRepositories![ns].repositories)).toEqual(['minio', 'a']);
      expect(r.artifactRepositories![ns].repositories.minio).toBe(mine);
      expect(r.artifactRepositories![ns].defaultKey).toBe('minio');
    }
    // MinIO still runs with its users, so their Secrets exist, but only in the install namespace: no repository reads them.
    expect(r.artifactSecretNames).toEqual({ 'team-a': [], 'team-b': [] });
    expect(r.secrets.map((s) => [s.spec.name, s.namespaces])).toEqual([['minio-user-team-a', ['argo']], ['minio-user-team-b', ['argo']], ['my-minio-cred', ['argo']]]);
  });

  test('user repositories without MinIO: kept as given', () => {
    const r = resolveStorage({ artifactRepositories: { repositories: { a, b } } }, CTX);
    expect(r.minio).toBeUndefined();
    expect(r.artifactRepositories).toEqual({ argo: { configMapName: 'artifact-repositories', defaultKey: 'a', repositories: { a, b }, secretNames: [], pluginNames: [] } });
  });
});

describe('resolveStorage: where each Secret goes', () => {
  const props: StorageOptions = {
    minio: true,
    secrets: [
      declare('old-cred'),
      declare('ext-cred', external()),
      declare('gen-cred', Credentials.generated()),
      declare('sealed-cred', sealed(['accessKey', 'secretKey'])),
    ],
    artifactRepositories: { repositories: { old: s3('old-cred', 'bucket-old'), ext: s3('ext-cred', 'bucket-ext'), gen: s3('gen-cred', 'bucket-gen'), sealed: s3('sealed-cred', 'bucket-sealed') } },
  };
  const r = resolveStorage(props, { ...TEAMS, persistence: POSTGRES });
  const placements = () => r.secrets.map((s) => ({ name: s.spec.name, kind: s.spec.source.kind, namespaces: s.namespaces, option: s.option }));

  test('sorted by name; generated ones start in the install namespace; others only where read; the DB Secret only in the install namespace', () => {
    expect(placements()).toEqual([
      { name: 'argo-postgres-config', kind: CredentialsKind.GENERATED, namespaces: ['argo'], option: 'persistence' },
      { name: 'ext-cred', kind: CredentialsKind.EXTERNAL_SECRET, namespaces: ['team-a', 'team-b'], option: 'secrets[1].credentials' },
      { name: 'gen-cred', kind: CredentialsKind.GENERATED, namespaces: ['argo', 'team-a', 'team-b'], option: 'secrets[2].credentials' },
      { name: 'minio-user-team-a', kind: CredentialsKind.GENERATED, namespaces: ['argo', 'team-a'], option: 'minio' },
      { name: 'minio-user-team-b', kind: CredentialsKind.GENERATED, namespaces: ['argo', 'team-b'], option: 'minio' },
      { name: 'my-minio-cred', kind: CredentialsKind.GENERATED, namespaces: ['argo'], option: 'minio.credentials' },
      { name: 'old-cred', kind: CredentialsKind.EXISTING, namespaces: ['team-a', 'team-b'], option: 'secrets[0].credentials' },
      { name: 'sealed-cred', kind: CredentialsKind.SEALED_SECRET, namespaces: ['team-a', 'team-b'], option: 'secrets[3].credentials' },
    ]);
  });

  test('the specs: the database\'s and MinIO\'s as resolved, declared ones with the default description', () => {
    const byName = Object.fromEntries(r.secrets.map((s) => [s.spec.name, s.spec]));
    expect(byName['argo-postgres-config']).toBe(POSTGRES.secret);
    expect(byName['my-minio-cred']).toEqual(resolveMinio({}, { namespace: 'argo' }).secret);
    expect(byName['old-cred']).toEqual({ name: 'old-cred', keys: ['accessKey', 'secretKey'], source: Credentials.existing(), description: 'artifact repository credentials' });
    expect(byName['ext-cred'].source).toBe(props.secrets![1].credentials);
  });

  test('a custom description is kept', () => {
    const t = resolveStorage({ secrets: [{ ...declare('s3-cred'), description: 'team S3 user' }], artifactRepository: s3('s3-cred') }, CTX);
    expect(t.secrets[0].spec.description).toBe('team S3 user');
  });

  test('artifactSecretNames: every repository Secret of each namespace, sorted, not the database\'s nor MinIO\'s root', () => {
    expect(r.artifactSecretNames).toEqual({
      'team-a': ['ext-cred', 'gen-cred', 'minio-user-team-a', 'old-cred', 'sealed-cred'],
      'team-b': ['ext-cred', 'gen-cred', 'minio-user-team-b', 'old-cred', 'sealed-cred'],
    });
  });

  test('the install namespace among the workflow namespaces: generated ones list it first, others keep the workflow namespace order', () => {
    const t = resolveStorage(props, { namespace: 'argo', workflowNamespaces: ['team-a', 'argo'], artifactDrivers: [] });
    expect(t.secrets.map((s) => [s.spec.name, s.namespaces])).toEqual([
      ['ext-cred', ['team-a', 'argo']],
      ['gen-cred', ['argo', 'team-a']],
      ['minio-user-argo', ['argo']],
      ['minio-user-team-a', ['argo', 'team-a']],
      ['my-minio-cred', ['argo']],
      ['old-cred', ['team-a', 'argo']],
      ['sealed-cred', ['team-a', 'argo']],
    ]);
  });

  test('MinIO with existing or external root credentials: the root Secret in the install namespace only; the users\' generated', () => {
    for (const credentials of [Credentials.existing(), external()]) {
      const t = resolveStorage({ minio: { credentials } }, TEAMS);
      expect(t.secrets.map((s) => [s.spec.name, s.spec.source.kind, s.namespaces])).toEqual([
        ['minio-user-team-a', CredentialsKind.GENERATED, ['argo', 'team-a']],
        ['minio-user-team-b', CredentialsKind.GENERATED, ['argo', 'team-b']],
        ['my-minio-cred', credentials.kind, ['argo']],
      ]);
    }
  });

  test('a database Secret from an ExternalSecret stays in the install namespace', () => {
    const db = resolvePersistence({ postgres: { host: 'db.example.com', credentials: external() } }, { namespace: 'argo' })!;
    const t = resolveStorage({}, { ...TEAMS, persistence: db });
    expect(t.secrets.map((s) => [s.spec.name, s.spec.source.kind, s.namespaces])).toEqual([['argo-postgres-config', CredentialsKind.EXTERNAL_SECRET, ['argo']]]);
  });
});

describe('resolveStorage: artifactSecretNames', () => {
  test('sorted and unique across repositories, including the controller default repository\'s', () => {
    const two = ArtifactRepository.s3({ bucket: 'my-bucket', endpoint: 's3.example.com', accessKeySecret: { name: 'z-cred', key: 'accessKey' }, secretKeySecret: { name: 'a-cred', key: 'secretKey' } });
    const r = resolveStorage({
      secrets: [declare('z-cred'), declare('m-cred'), declare('a-cred')],
      artifactRepository: two,
      artifactRepositories: { repositories: { one: s3('m-cred', 'bucket-one'), again: s3('m-cred', 'bucket-again'), z: s3('z-cred', 'bucket-z') } },
    }, TEAMS);
    expect(r.artifactSecretNames).toEqual({ 'team-a': ['a-cred', 'm-cred', 'z-cred'], 'team-b': ['a-cred', 'm-cred', 'z-cred'] });
    expect(r.defaultRepository).toBe(two);
    // a-cred is read by the default repository only, and is placed in the workflow namespaces like the others.
    expect(r.secrets.map((s) => [s.spec.name, s.namespaces])).toEqual([
      ['a-cred', ['team-a', 'team-b']], ['m-cred', ['team-a', 'team-b']], ['z-cred', ['team-a', 'team-b']],
    ]);
  });
});
