import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { ArtifactRepositoryType } from '../../src/config/storage/artifact-repository-options';
import { ARTIFACT_REPOSITORY, checkShape } from '../../src/config/controller-config/schema';
import { Credentials, CredentialsKind } from '../../src/config/credentials';
import {
  DEFAULT_MINIO_CLIENT_IMAGE, DEFAULT_MINIO_IMAGE, DEFAULT_MINIO_RESOURCES, MinioOptions, resolveMinio,
} from '../../src/config/storage/minio';
import { minioTenantPolicy } from '../../src/config/storage/minio-tenants';
import { bad, expectInvalid } from './_helpers';

const CTX = { namespace: 'argo', workflowNamespaces: ['argo'] };
const ROOT_DESCRIPTION = 'MinIO root user (accesskey) and password (secretkey), read by MinIO and its Jobs in its own namespace only';
const IMAGE = 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z@sha256:14cea493d9a34af32f524e538b8346cf79f3321eff8e708c1e2960462bd8936e';
const CLIENT_IMAGE = 'quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z@sha256:a7fe349ef4bd8521fb8497f55c6042871b2ae640607cf99d9bede5e9bdf11727';
const fails = (o: unknown, message: string) => expectInvalid(() => resolveMinio(bad(o), CTX), message);
const SUBDOMAIN_RULE = 'it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';
const S3_RULE = 'an S3 bucket name is 3-63 characters of lower-case letters, digits, "." and "-", starting and ending with a letter or digit';
const FACTORIES_FIX = 'use Credentials.generated() (random values created in the cluster), Credentials.existing() (you create the Secret), Credentials.externalSecret({ storeName, remoteKey }) (External Secrets Operator) or Credentials.sealedSecret({ encryptedData }) (Sealed Secrets)';
const CREDS = { accessKeySecret: { name: 'minio-user-argo', key: 'accesskey' }, secretKeySecret: { name: 'minio-user-argo', key: 'secretkey' } };
const TLS = { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } };

describe('resolveMinio: every default', () => {
  const m = resolveMinio(undefined, CTX);

  test('upstream names, pinned images, a 10Gi volume, UID 1000, one replica, the default size', () => {
    const { tenants, secret, credentials, ...rest } = m;
    expect(rest).toEqual({
      namespace: 'argo',
      name: 'minio',
      bucket: 'my-bucket',
      secretName: 'my-minio-cred',
      image: IMAGE,
      clientImage: CLIENT_IMAGE,
      uid: 1000,
      storage: '10Gi',
      replicas: 1,
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      podLabels: {}, podAnnotations: {}, imagePullSecrets: [],
      endpoint: 'minio:9000',
    });
    expect(DEFAULT_MINIO_IMAGE).toBe(IMAGE);
    expect(DEFAULT_MINIO_CLIENT_IMAGE).toBe(CLIENT_IMAGE);
    expect(tenants.map((t) => t.namespace)).toEqual(['argo']);
    expect(m.resources).toEqual(DEFAULT_MINIO_RESOURCES);
    expect(credentials.kind).toBe(CredentialsKind.GENERATED);
    expect(credentials).toEqual(Credentials.generated());
  });

  test('the root Secret my-minio-cred with upstream\'s keys accesskey/secretkey, generated in the cluster', () => {
    expect(m.secret).toEqual({
      name: 'my-minio-cred',
      keys: ['accesskey', 'secretkey'],
      source: Credentials.generated(),
      description: ROOT_DESCRIPTION,
    });
  });

  test('the workflow namespace\'s own user argo-argo: its Secret, policy and repository under the prefix argo/', () => {
    const [t] = m.tenants;
    expect(t.user).toBe('argo-argo');
    expect(t.prefix).toBe('argo/');
    expect(t.secret).toEqual({
      name: 'minio-user-argo',
      keys: ['accesskey', 'secretkey'],
      source: Credentials.generated({ fixed: { accesskey: 'argo-argo' } }),
      description: 'MinIO user argo-argo of workflow namespace argo (only the prefix argo/ of bucket my-bucket)',
    });
    expect(t.policy).toEqual(minioTenantPolicy('my-bucket', 'argo'));
    expect(t.repository).toBeInstanceOf(ArtifactRepository);
    expect(t.repository.type).toBe(ArtifactRepositoryType.S3);
    expect(t.repository.spec).toEqual({ s3: { endpoint: 'minio:9000', bucket: 'my-bucket', insecure: true, keyFormat: 'argo/{{workflow.name}}/{{pod.name}}', ...CREDS } });
    expect(t.repository.secretNames()).toEqual(['minio-user-argo']);
    checkShape('', t.repository.spec, ARTIFACT_REPOSITORY);
  });

  test('no repository uses the root Secret', () => {
    expect(m.tenants.flatMap((t) => t.repository.secretNames())).not.toContain('my-minio-cred');
  });

  test('{} is the same as undefined', () => {
    expect(resolveMinio({}, CTX)).toEqual(m);
  });

  test('no workflow namespace, no user', () => {
    expect(resolveMinio({}, { namespace: 'argo' }).tenants).toEqual([]);
  });
});

describe('resolveMinio: options', () => {
  test('bucket, Secret, credentials, image, storage, class, resources and scheduling', () => {
    const o: MinioOptions = {
      bucket: 'artifacts', secretName: 'minio-root', credentials: Credentials.existing(), image: 'registry.example.com/minio/minio:RELEASE.2024-01-01T00-00-00Z',
      storage: '50Gi', storageClassName: 'fast-ssd', resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
      nodeSelector: { pool: 'storage' }, tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }],
    };
    const m = resolveMinio({ ...o, clientImage: 'registry.example.com/minio/mc:RELEASE.2025-08-13T08-35-41Z' }, { namespace: 'ops', workflowNamespaces: ['ops'] });
    const { tenants, ...rest } = m;
    expect(rest).toEqual({
      namespace: 'ops', name: 'minio', bucket: 'artifacts', secretName: 'minio-root', credentials: Credentials.existing(),
      image: 'registry.example.com/minio/minio:RELEASE.2024-01-01T00-00-00Z', clientImage: 'registry.example.com/minio/mc:RELEASE.2025-08-13T08-35-41Z', uid: 1000,
      storage: '50Gi', storageClassName: 'fast-ssd', replicas: 1, resources: o.resources, nodeSelector: { pool: 'storage' }, tolerations: o.tolerations, endpoint: 'minio:9000',
      podLabels: {}, podAnnotations: {}, imagePullSecrets: [],
      secret: {
        name: 'minio-root', keys: ['accesskey', 'secretkey'], source: Credentials.existing(),
        description: ROOT_DESCRIPTION,
      },
    });
    expect(m.credentials.kind).toBe(CredentialsKind.EXISTING);
    // The users' keys are generated whatever the root's source is.
    expect(tenants[0].secret.source).toEqual(Credentials.generated({ fixed: { accesskey: 'argo-ops' } }));
    expect(tenants[0].repository.spec).toEqual({
      s3: {
        endpoint: 'minio:9000', bucket: 'artifacts', insecure: true, keyFormat: 'ops/{{workflow.name}}/{{pod.name}}',
        accessKeySecret: { name: 'minio-user-ops', key: 'accesskey' }, secretKeySecret: { name: 'minio-user-ops', key: 'secretkey' },
      },
    });
  });

  test('TLS: the repository verifies MinIO with the CA over HTTPS', () => {
    const m = resolveMinio({ tls: TLS }, CTX);
    expect(m.tls).toEqual(TLS);
    expect(m.tenants[0].repository.spec).toEqual({ s3: { endpoint: 'minio:9000', bucket: 'my-bucket', insecure: false, caSecret: TLS.caSecret, keyFormat: 'argo/{{workflow.name}}/{{pod.name}}', ...CREDS } });
    expect(m.tenants[0].repository.secretNames()).toEqual(['minio-ca', 'minio-user-argo']);
  });

  test('workflows in other namespaces get the namespaced Service name', () => {
    expect(resolveMinio({}, { namespace: 'argo', workflowNamespaces: ['argo'] }).endpoint).toBe('minio:9000');
    const m = resolveMinio({}, { namespace: 'argo', workflowNamespaces: ['argo', 'team-a'] });
    expect(m.endpoint).toBe('minio.argo.svc:9000');
    expect(m.tenants.map((t) => [t.user, t.secret.name, t.repository.spec.s3!.endpoint, t.repository.spec.s3!.keyFormat])).toEqual([
      ['argo-argo', 'minio-user-argo', 'minio.argo.svc:9000', 'argo/{{workflow.name}}/{{pod.name}}'],
      ['argo-team-a', 'minio-user-team-a', 'minio.argo.svc:9000', 'team-a/{{workflow.name}}/{{pod.name}}'],
    ]);
  });

  test('a fixed, non-secret root user name', () => {
    const m = resolveMinio({ credentials: Credentials.generated({ fixed: { accesskey: 'admin' } }) }, CTX);
    expect(m.secret.source.generated!.fixed).toEqual({ accesskey: 'admin' });
  });

  test('a dotted bucket (MinIO is addressed path-style)', () => {
    expect(resolveMinio({ bucket: 'argo.artifacts' }, CTX).tenants[0].repository.spec.s3!.bucket).toBe('argo.artifacts');
  });
});

describe('resolveMinio: validation', () => {
  test('bucket: S3 rules', () => {
    fails({ bucket: 'My_Bucket' }, `minio.bucket "My_Bucket" is invalid: ${S3_RULE}. Fix: use a name like "my-bucket"`);
    fails({ bucket: 'xn--bucket' }, 'minio.bucket "xn--bucket" is invalid: an S3 bucket name must not start with the reserved prefix "xn--". Fix: choose a name that does not start with "xn--"');
  });

  test('secretName, storageClassName and the TLS Secret are RFC 1123 subdomains', () => {
    fails({ secretName: 'My_Cred' }, `minio.secretName "My_Cred" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "my-cred"`);
    fails({ storageClassName: 'Fast SSD' }, `minio.storageClassName "Fast SSD" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "fast-ssd"`);
    fails({ tls: { ...TLS, certificateSecretName: 'TLS' } }, `minio.tls.certificateSecretName "TLS" is invalid: ${SUBDOMAIN_RULE}. Fix: use a name like "tls"`);
  });

  test('storage must be a positive quantity', () => {
    const rule = 'it must be a positive Kubernetes quantity of bytes, like "10Gi" or "500Mi". Fix: use a size like "10Gi" (binary suffixes are Ki, Mi, Gi, Ti)';
    fails({ storage: '10GB' }, `minio.storage "10GB" is invalid: ${rule}`);
    fails({ storage: '0Gi' }, `minio.storage "0Gi" is invalid: ${rule}`);
    fails({ storage: 10 }, `minio.storage 10 is invalid: ${rule}`);
    fails({ storage: '-1Gi' }, `minio.storage "-1Gi" is invalid: ${rule}`);
  });

  test('clientImage must be pinned', () => {
    fails({ clientImage: 'quay.io/minio/mc:latest' },
      'minio.clientImage "quay.io/minio/mc:latest" is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: pin it, e.g. "quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z", or "quay.io/minio/mc@sha256:<digest>"');
    fails({ clientImage: 42 },
      'minio.clientImage 42 is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: use a reference like "quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z@sha256:a7fe349ef4bd8521fb8497f55c6042871b2ae640607cf99d9bede5e9bdf11727" or "<repository>@sha256:<digest>"');
  });

  test('a MinIO Secret must not take the name of a workflow namespace\'s user Secret', () => {
    const ctx = { namespace: 'argo', workflowNamespaces: ['argo', 'ca'] };
    expectInvalid(() => resolveMinio({ secretName: 'minio-user-argo' }, ctx),
      'minio.secretName "minio-user-argo" is the name of the MinIO user Secret of workflow namespace "argo" (minio-user-<namespace>). Fix: give minio.secretName another name, e.g. "my-minio-cred"');
    expectInvalid(() => resolveMinio({ tls: { ...TLS, caSecret: { name: 'minio-user-ca', key: 'ca.crt' } } }, ctx),
      'minio.tls.caSecret "minio-user-ca" is the name of the MinIO user Secret of workflow namespace "ca" (minio-user-<namespace>). Fix: give minio.tls.caSecret another name, e.g. "minio-ca"');
    expectInvalid(() => resolveMinio({ tls: { ...TLS, certificateSecretName: 'minio-user-argo' } }, ctx),
      'minio.tls.certificateSecretName "minio-user-argo" is the name of the MinIO user Secret of workflow namespace "argo" (minio-user-<namespace>). Fix: give minio.tls.certificateSecretName another name, e.g. "minio-tls"');
  });

  test('image must be pinned', () => {
    fails({ image: 'quay.io/minio/minio:latest' },
      'minio.image "quay.io/minio/minio:latest" is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: pin it, e.g. "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z", or "quay.io/minio/minio@sha256:<digest>"');
    fails({ image: 'quay.io/minio/minio' },
      'minio.image "quay.io/minio/minio" is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: pin it, e.g. "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z", or "quay.io/minio/minio@sha256:<digest>"');
  });

  test('resources need cpu and memory requests and a memory limit', () => {
    fails({ resources: { requests: { cpu: '1' } } },
      'minio.resources {"requests":{"cpu":"1"}} is invalid: it must set requests.cpu, requests.memory and limits.memory. Fix: add them, e.g. {"requests":{"cpu":"100m","memory":"256Mi"},"limits":{"memory":"1Gi"}}');
  });

  test('scheduling options', () => {
    fails({ nodeSelector: 'linux' }, 'minio.nodeSelector "linux" is invalid: it must be an object. Fix: pass an object, e.g. { "kubernetes.io/os": "linux" }');
    fails({ tolerations: {} }, 'minio.tolerations {} is invalid: it must be a list of tolerations. Fix: give a list');
  });

  test('credentials: never literal values', () => {
    fails({ credentials: { accesskey: 'admin', secretkey: 'password' } },
      `minio.credentials {"accesskey":"<redacted>","secretkey":"<redacted>"} is invalid: it must be a Credentials value, not literal credentials: they would be written to dist/, which is committed to git. Fix: ${FACTORIES_FIX}`);
    fails({ credentials: 'password' },
      `minio.credentials "<redacted>" is invalid: it must be a Credentials value, not literal credentials: they would be written to dist/, which is committed to git. Fix: ${FACTORIES_FIX}`);
  });

  test('credentials: a sealed secret must seal both keys', () => {
    fails({ credentials: Credentials.sealedSecret({ encryptedData: { accesskey: 'A'.repeat(200) } }) },
      'minio.credentials.encryptedData has no sealed value for key "secretkey" of Secret "my-minio-cred": a sealed secret must seal every key. Fix: seal the missing values with: printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin');
  });

  test('credentials: a fixed root user must satisfy MinIO', () => {
    fails({ credentials: Credentials.generated({ fixed: { accesskey: 'ab' } }) },
      'minio.credentials.fixed["accesskey"] "ab" is invalid: MinIO\'s root user is at least 3 characters of letters, digits, ".", "_" and "-". Fix: use a user name like "admin", or remove it to generate one');
  });

  test('tls needs a CA, of its own', () => {
    fails({ tls: { certificateSecretName: 'minio-tls' } },
      'minio.tls.caSecret is missing: Argo must verify MinIO\'s certificate with the CA that signed it. Fix: give the Secret key holding the PEM CA, e.g. { name: "minio-ca", key: "ca.crt" }');
    fails({ tls: { ...TLS, caSecret: { name: 'my-minio-cred', key: 'ca.crt' } } },
      'minio.tls.caSecret names the credentials Secret "my-minio-cred". Fix: keep the CA in its own Secret (it is copied to workflow namespaces with its own rules)');
    fails({ tls: { ...TLS, caSecret: { name: 'minio-ca' } } },
      'minio.tls.caSecret.key undefined is invalid: a Secret data key is 1-253 characters of letters, digits, "-", "_" and ".". Fix: give the key inside the object, e.g. "ca.crt"');
    fails({ tls: 'minio-tls' },
      'minio.tls "minio-tls" is invalid: it must be { certificateSecretName, caSecret }. Fix: pass e.g. { certificateSecretName: "minio-tls", caSecret: { name: "minio-ca", key: "ca.crt" } }');
    fails({ tls: { ...TLS, insecure: true } },
      'minio.tls.insecure is not an option argo-stack knows; allowed here: certificateSecretName, caSecret. Fix: remove minio.tls.insecure');
  });

  test('unknown options and a non-object', () => {
    fails({ Bucket: 'x' },
      'minio.Bucket is not an option argo-stack knows; allowed here: bucket, secretName, credentials, image, clientImage, storage, storageClassName, resources, nodeSelector, tolerations, affinity, topologySpreadConstraints, podMetadata, imagePullSecrets, tls. Fix: rename it to "bucket"');
    fails({ endpoint: 'minio:9000' },
      'minio.endpoint is not an option argo-stack knows; allowed here: bucket, secretName, credentials, image, clientImage, storage, storageClassName, resources, nodeSelector, tolerations, affinity, topologySpreadConstraints, podMetadata, imagePullSecrets, tls. Fix: remove minio.endpoint');
    fails('on', 'minio "on" is invalid: it must be an object. Fix: pass {} for the defaults, or e.g. { bucket: "my-bucket", storage: "20Gi" }');
  });

  test('the option path can be changed', () => {
    expectInvalid(() => resolveMinio({ bucket: 'B' }, CTX, 'artifacts.minio'), `artifacts.minio.bucket "B" is invalid: ${S3_RULE}. Fix: use a name like "my-bucket"`);
  });
});

describe('minioTenantPolicy', () => {
  test('objects under the prefix only; list only with a prefix under it; the bucket location', () => {
    expect(minioTenantPolicy('my-bucket', 'team-a')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: ['arn:aws:s3:::my-bucket/team-a/*'] },
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::my-bucket'], Condition: { StringLike: { 's3:prefix': ['team-a/*'] } } },
        { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: ['arn:aws:s3:::my-bucket'] },
      ],
    });
  });

  test('no wildcard action, no admin action, no other bucket', () => {
    const p = minioTenantPolicy('b', 'ns');
    const actions = p.Statement.flatMap((s) => s.Action);
    expect(actions.every((a) => /^s3:[A-Za-z]+$/.test(a))).toBe(true);
    expect(p.Statement.flatMap((s) => s.Resource).every((r) => r === 'arn:aws:s3:::b' || r === 'arn:aws:s3:::b/ns/*')).toBe(true);
  });
});
