/**
 * An in-cluster MinIO as the S3 artifact store (what upstream's quick-start runs), made durable and
 * safe: a PersistentVolumeClaim instead of the container filesystem, credentials from a Secret
 * instead of literal env vars, a non-root read-only container, optional TLS. Pure: validates the
 * options and resolves the Secret and the S3 repository that points at it.
 */
import { minioTenants, MINIO_TENANT_SECRET_PREFIX, ResolvedMinioTenant } from './minio-tenants';
import { validateS3Bucket, validateSecretKeySelector } from './_artifact-naming';
import type { SecretKeySelector } from '../controller-config';
import { Credentials, CredentialsKind, SecretSpec, validateCredentials, validateSecretSpec } from '../credentials';
import { Checker, isPlainObject } from '../check';
import { conflict, invalid } from '../errors';
import { DEFAULT_MINIO_CLIENT_IMAGE, DEFAULT_MINIO_IMAGE, validateImageReference } from '../images';
import { PORTS } from '../endpoints';
import { validateDnsLabel } from '../names';
import { POD_OPTION_KEYS, PodOptions, ResolvedPod, resolvePod, ResourceRequirements } from '../pod';

/** TLS for MinIO's API and console. */
export interface MinioTlsOptions {
  /**
   * A `kubernetes.io/tls` Secret in MinIO's namespace (keys `tls.crt` and `tls.key`), mounted for
   * MinIO as `public.crt` and `private.key`. The certificate must name the host workflows use:
   * `minio` (same namespace) and `minio.<namespace>.svc` (other namespaces).
   */
  readonly certificateSecretName: string;
  /**
   * The Secret key holding the PEM CA that signed the certificate. Argo verifies MinIO with it
   * (the repository's `caSecret`, so the Secret must exist in every namespace that runs workflows),
   * and MinIO trusts it for its own calls (the console talks to the API).
   */
  readonly caSecret: SecretKeySelector;
}

/** MinIO as the artifact store, in the install namespace. */
export interface MinioOptions extends PodOptions {
  /**
   * The bucket (S3 naming rules), created through MinIO's S3 API by the Job `minio-create-bucket-<hash>`.
   * @default "my-bucket"
   */
  readonly bucket?: string;
  /**
   * The Secret with the root user (`accesskey`) and password (`secretkey`), upstream's
   * `my-minio-cred`. It stays in the install namespace: MinIO and its Jobs read it, no workflow
   * namespace receives it (each gets its own MinIO user, Secret `minio-user-<namespace>`).
   * @default "my-minio-cred"
   */
  readonly secretName?: string;
  /**
   * Where the Secret's values come from.
   * @default Credentials.generated() (random values created in the cluster)
   */
  readonly credentials?: Credentials;
  /**
   * The MinIO image, pinned by tag or digest.
   * @default DEFAULT_MINIO_IMAGE ("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z@sha256:14cea493…", with the fixes for CVE-2023-28434 and CVE-2024-24747)
   */
  readonly image?: string;
  /**
   * The MinIO client (`mc`) image of the Job `minio-users-<hash>`, which creates each workflow
   * namespace's MinIO user and policy through MinIO's admin API. It needs `mc`, a POSIX `sh`, `cat`
   * and `sleep`; pinned by tag or digest.
   * @default DEFAULT_MINIO_CLIENT_IMAGE ("quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z@sha256:a7fe349e…")
   */
  readonly clientImage?: string;
  /**
   * Size of the data volume (a Kubernetes quantity).
   * @default "10Gi"
   */
  readonly storage?: string;
  /**
   * StorageClass of the data volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Serve the API and console over HTTPS.
   * @default - plain HTTP inside the cluster (the repository sets `insecure: true`)
   */
  readonly tls?: MinioTlsOptions;
}

export interface ResolvedMinio extends ResolvedPod {
  /** The namespace MinIO runs in. */
  readonly namespace: string;
  readonly name: string;
  readonly bucket: string;
  readonly secretName: string;
  readonly credentials: Credentials;
  readonly image: string;
  /** The `mc` image of the users Job. */
  readonly clientImage: string;
  readonly uid: number;
  readonly storage: string;
  readonly storageClassName?: string;
  readonly replicas: number;
  readonly tls?: MinioTlsOptions;
  /** The S3 endpoint workflows use (`minio:9000`, or `minio.<namespace>.svc:9000` across namespaces). */
  readonly endpoint: string;
  /** The root Secret, read by MinIO and its Jobs in MinIO's namespace only. */
  readonly secret: SecretSpec;
  /** One MinIO user per workflow namespace, limited to its own key prefix, with its Secret and repository. */
  readonly tenants: ResolvedMinioTenant[];
}

export const MINIO_NAME = 'minio';
export { DEFAULT_MINIO_CLIENT_IMAGE, DEFAULT_MINIO_IMAGE };
export const DEFAULT_MINIO_BUCKET = 'my-bucket';
export const DEFAULT_MINIO_SECRET = 'my-minio-cred';
export const DEFAULT_MINIO_STORAGE = '10Gi';
/** MinIO runs as this non-root user (the image has no fixed user). */
export const MINIO_UID = 1000;
export const MINIO_API_PORT = PORTS.minioApi;
export const MINIO_CONSOLE_PORT = PORTS.minioConsole;
/** The Secret keys, as upstream's `my-minio-cred`. */
export const MINIO_ACCESS_KEY = 'accesskey';
export const MINIO_SECRET_KEY = 'secretkey';
export const DEFAULT_MINIO_RESOURCES: ResourceRequirements = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } };

const MINIO_KEYS = ['bucket', 'secretName', 'credentials', 'image', 'clientImage', 'storage', 'storageClassName', ...POD_OPTION_KEYS, 'tls'];

/** `minio.tls`: the certificate Secret and the CA that Argo verifies MinIO with. */
function resolveMinioTls(c: Checker, value: unknown, secretName: string): MinioTlsOptions {
  if (!isPlainObject(value)) throw invalid(c.path, value, 'it must be { certificateSecretName, caSecret }', 'pass e.g. { certificateSecretName: "minio-tls", caSecret: { name: "minio-ca", key: "ca.crt" } }');
  c.known(value, ['certificateSecretName', 'caSecret']);
  const certificateSecretName = c.dnsSubdomain('certificateSecretName', value.certificateSecretName);
  if (value.caSecret === undefined) {
    throw conflict(`${c.at('caSecret')} is missing: Argo must verify MinIO's certificate with the CA that signed it`,
      'give the Secret key holding the PEM CA, e.g. { name: "minio-ca", key: "ca.crt" }');
  }
  const caSecret = validateSecretKeySelector(c.at('caSecret'), value.caSecret);
  if (caSecret.name === secretName) {
    throw conflict(`${c.at('caSecret')} names the credentials Secret "${secretName}"`, 'keep the CA in its own Secret (it is copied to workflow namespaces with its own rules)');
  }
  return { certificateSecretName, caSecret };
}

/** A fixed root user must be one MinIO accepts. */
function checkRootUser(c: Checker, credentials: Credentials): void {
  if (credentials.kind !== CredentialsKind.GENERATED) return;
  const user = credentials.generated!.fixed[MINIO_ACCESS_KEY];
  if (user !== undefined && (user.length < 3 || !/^[A-Za-z0-9._-]+$/.test(user))) {
    throw invalid(`${c.at('credentials')}.fixed["${MINIO_ACCESS_KEY}"]`, user, 'MinIO\'s root user is at least 3 characters of letters, digits, ".", "_" and "-"',
      'use a user name like "admin", or remove it to generate one');
  }
}

/** A tenant's Secret `minio-user-<namespace>` must not be one of MinIO's own Secrets. */
function checkTenantSecretNames(c: Checker, tenants: readonly ResolvedMinioTenant[], secretName: string, tls: MinioTlsOptions | undefined): void {
  const own: [string, string | undefined][] = [['secretName', secretName], ['tls.certificateSecretName', tls?.certificateSecretName], ['tls.caSecret', tls?.caSecret.name]];
  for (const t of tenants) {
    const clash = own.find(([, name]) => name === t.secret.name);
    if (clash) {
      throw conflict(`${c.at(clash[0])} "${t.secret.name}" is the name of the MinIO user Secret of workflow namespace "${t.namespace}" (${MINIO_TENANT_SECRET_PREFIX}<namespace>)`,
        `give ${c.at(clash[0])} another name, e.g. "${clash[0] === 'secretName' ? DEFAULT_MINIO_SECRET : `minio-${clash[0] === 'tls.caSecret' ? 'ca' : 'tls'}`}"`);
    }
  }
}

/**
 * Validates the MinIO options and resolves MinIO, its root Secret, and each workflow namespace's
 * MinIO user with its Secret and the S3 repository its workflows use.
 *
 * @param ctx.namespace where MinIO runs
 * @param ctx.workflowNamespaces namespaces that run workflows; when one differs from `namespace`,
 *   the repository uses `minio.<namespace>.svc:9000`, which resolves from every namespace
 * @param path the option path for messages
 */
export function resolveMinio(o: MinioOptions | undefined, ctx: { namespace: string; workflowNamespaces?: readonly string[]; imagePullSecrets?: readonly string[] }, path = 'minio'): ResolvedMinio {
  const c = new Checker(path);
  const opts = c.object(o ?? {}, '', 'pass {} for the defaults, or e.g. { bucket: "my-bucket", storage: "20Gi" }');
  c.known(opts, MINIO_KEYS);
  const namespace = validateDnsLabel('namespace', ctx.namespace);
  const bucket = validateS3Bucket(`${path}.bucket`, opts.bucket ?? DEFAULT_MINIO_BUCKET);
  const secretName = c.dnsSubdomain('secretName', opts.secretName ?? DEFAULT_MINIO_SECRET);
  const credentials = validateCredentials(`${path}.credentials`, opts.credentials ?? Credentials.generated());
  const image = opts.image === undefined ? DEFAULT_MINIO_IMAGE : validateImageReference(`${path}.image`, opts.image, DEFAULT_MINIO_IMAGE);
  const clientImage = opts.clientImage === undefined ? DEFAULT_MINIO_CLIENT_IMAGE : validateImageReference(`${path}.clientImage`, opts.clientImage, DEFAULT_MINIO_CLIENT_IMAGE);

  const storage = c.storageSize('storage', opts.storage ?? DEFAULT_MINIO_STORAGE, DEFAULT_MINIO_STORAGE);
  const storageClassName = opts.storageClassName === undefined ? undefined : c.dnsSubdomain('storageClassName', opts.storageClassName);
  const pod = resolvePod(c, opts, DEFAULT_MINIO_RESOURCES, ctx.imagePullSecrets);

  const tls = opts.tls === undefined ? undefined : resolveMinioTls(c.child('tls'), opts.tls, secretName);

  const secret = validateSecretSpec(`${path}.credentials`, {
    name: secretName,
    keys: [MINIO_ACCESS_KEY, MINIO_SECRET_KEY],
    source: credentials,
    description: 'MinIO root user (accesskey) and password (secretkey), read by MinIO and its Jobs in its own namespace only',
  });
  checkRootUser(c, credentials);

  const crossNamespace = (ctx.workflowNamespaces ?? []).some((n) => n !== namespace);
  const endpoint = `${crossNamespace ? `${MINIO_NAME}.${namespace}.svc` : MINIO_NAME}:${MINIO_API_PORT}`;
  const tenants = minioTenants(ctx.workflowNamespaces ?? [], {
    bucket, endpoint, accessKey: MINIO_ACCESS_KEY, secretKey: MINIO_SECRET_KEY, ...(tls ? { caSecret: tls.caSecret } : {}),
  }, path);
  checkTenantSecretNames(c, tenants, secretName, tls);

  return {
    namespace,
    name: MINIO_NAME,
    bucket,
    secretName,
    credentials,
    image,
    clientImage,
    uid: MINIO_UID,
    storage,
    ...(storageClassName !== undefined ? { storageClassName } : {}),
    replicas: 1,
    ...pod,
    ...(tls ? { tls } : {}),
    endpoint,
    secret,
    tenants,
  };
}
