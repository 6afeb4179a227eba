/**
 * The credentials model: nothing secret in dist/.
 *
 * dist/ is committed to git, so argo-stack never emits a Secret with data and never writes a literal
 * credential. Every Secret a component needs (database, object store, ...) is described by a
 * `SecretSpec` (name, keys, who uses it) and gets its values from one of four sources, chosen by the
 * user with a `Credentials` factory:
 *
 * | factory                         | emitted                                       | where the values come from        |
 * |---------------------------------|-----------------------------------------------|-----------------------------------|
 * | `Credentials.generated()`       | one Job (+ RBAC) that creates absent Secrets  | random, made in the cluster, once |
 * | `Credentials.existing()`        | nothing                                       | the user (`kubectlHint`)          |
 * | `Credentials.externalSecret()`  | an ExternalSecret per namespace               | External Secrets Operator         |
 * | `Credentials.sealedSecret()`    | a SealedSecret per namespace (cluster-wide)   | Sealed Secrets (values encrypted) |
 *
 * Pure: no constructs. `src/k8s/secrets.ts` (ManagedSecrets) builds the objects.
 */
import { OptionVariant } from './variant';
import { CREDENTIAL_NAME, isPlainObject, nearMiss, redact } from './check';
import { conflict, invalid } from './errors';
import { validateDnsSubdomain } from './names';

/** The four sources of credentials. */
export enum CredentialsKind {
  /** Random values created in the cluster by a Job, once, when the Secret is absent. */
  GENERATED = 'generated',
  /** The user creates the Secret; argo-stack emits nothing for it. */
  EXISTING = 'existing',
  /** An `ExternalSecret` (External Secrets Operator) creates the Secret from a secret store. */
  EXTERNAL_SECRET = 'external-secret',
  /** A `SealedSecret` (Sealed Secrets) holds the values encrypted; its controller creates the Secret. */
  SEALED_SECRET = 'sealed-secret',
}

/** Length of generated random values when none is given. */
export const DEFAULT_GENERATED_LENGTH = 32;
/** Shortest generated value allowed (62^16 is about 2^95). */
export const MIN_GENERATED_LENGTH = 16;
/** Longest generated value allowed. */
export const MAX_GENERATED_LENGTH = 128;
/** How often External Secrets Operator re-reads the store when none is given. */
export const DEFAULT_REFRESH_INTERVAL = '1h';
/** The store kind an ExternalSecret refers to when none is given. */
export const DEFAULT_STORE_KIND = 'ClusterSecretStore';
/** Shortest sealed value accepted: kubeseal output is hundreds of characters (RSA-encrypted session key + AES-GCM). */
export const MIN_SEALED_VALUE_LENGTH = 128;

/** Kinds of secret store an ExternalSecret can refer to. */
export type SecretStoreKind = 'ClusterSecretStore' | 'SecretStore';

/** Options of `Credentials.generated()`. */
export interface GeneratedCredentialsOptions {
  /**
   * Keys with a fixed, non-secret value, e.g. `{ username: 'argo' }`. These values are written to
   * dist/ (in the Job's script), so a key whose name looks like a credential (password, secret,
   * token, ...) cannot be fixed, and at least one key must stay random.
   * @default - every key is random
   */
  readonly fixed?: Record<string, string>;
  /**
   * Length of each random value: characters of A-Z, a-z and 0-9, from 16 to 128.
   * @default 32
   */
  readonly length?: number;
}

/** Options of `Credentials.externalSecret()`. */
export interface ExternalSecretCredentialsOptions {
  /** Name of the (Cluster)SecretStore to read from (RFC 1123 subdomain). */
  readonly storeName: string;
  /**
   * Kind of that store. A `SecretStore` must exist in every namespace that receives the Secret.
   * @default "ClusterSecretStore"
   */
  readonly storeKind?: SecretStoreKind;
  /** The secret's name or path in the store (`remoteRef.key`), e.g. `"argo/postgres"`. */
  readonly remoteKey: string;
  /**
   * Property of the remote secret for each Secret key (`remoteRef.property`).
   * @default - each key reads the property of the same name
   */
  readonly properties?: Record<string, string>;
  /**
   * How often the operator re-reads the store: a Go duration such as `"1h"` or `"15m"`; `"0"` reads once.
   * @default "1h"
   */
  readonly refreshInterval?: string;
}

/** Options of `Credentials.sealedSecret()`. */
export interface SealedSecretCredentialsOptions {
  /**
   * Sealed value of every Secret key, sealed cluster-wide (the same value works in every namespace):
   * `printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin`.
   */
  readonly encryptedData: Record<string, string>;
}

/** What `Credentials.generated()` resolves to. */
export interface ResolvedGeneratedCredentials {
  readonly fixed: Readonly<Record<string, string>>;
  readonly length: number;
}

/** What `Credentials.externalSecret()` resolves to (properties are resolved per key with `remoteProperty`). */
export interface ResolvedExternalSecretCredentials {
  readonly storeName: string;
  readonly storeKind: SecretStoreKind;
  readonly remoteKey: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly refreshInterval: string;
}

/** What `Credentials.sealedSecret()` resolves to. */
export interface ResolvedSealedSecretCredentials {
  readonly encryptedData: Readonly<Record<string, string>>;
}

/**
 * Where the values of one Secret come from. Make one with a static factory; the options are checked
 * (with the user's option path) by `validateCredentials` and `validateSecretSpec`.
 */
export class Credentials extends OptionVariant {
  /**
   * Random values created IN THE CLUSTER, once, by the Job `argo-stack-credentials`, when the Secret
   * is absent. An existing Secret is never overwritten, so the values survive every re-apply.
   * Deleting the Secret makes the next run generate new values; a database that already holds data
   * keeps its old password (PostgreSQL and MySQL read it only at first start), so change the
   * password in the database first when rotating.
   */
  public static generated(options: GeneratedCredentialsOptions = {}): Credentials {
    return new Credentials(CredentialsKind.GENERATED, {
      unknown: unknownKeys(options, ['fixed', 'length']),
      generated: { fixed: copy(options?.fixed ?? {}), length: options?.length ?? DEFAULT_GENERATED_LENGTH },
    });
  }

  /** The user creates the Secret (see `kubectlHint`); nothing is emitted for it. */
  public static existing(): Credentials {
    return new Credentials(CredentialsKind.EXISTING, {});
  }

  /** An `ExternalSecret` (`external-secrets.io/v1`) in every namespace that needs the Secret. */
  public static externalSecret(options: ExternalSecretCredentialsOptions): Credentials {
    return new Credentials(CredentialsKind.EXTERNAL_SECRET, {
      unknown: unknownKeys(options, ['storeName', 'storeKind', 'remoteKey', 'properties', 'refreshInterval']),
      externalSecret: {
        storeName: options?.storeName,
        storeKind: options?.storeKind ?? DEFAULT_STORE_KIND,
        remoteKey: options?.remoteKey,
        properties: copy(options?.properties ?? {}),
        refreshInterval: options?.refreshInterval ?? DEFAULT_REFRESH_INTERVAL,
      },
    });
  }

  /** A `SealedSecret` (`bitnami.com/v1alpha1`, sealed cluster-wide) in every namespace that needs the Secret. */
  public static sealedSecret(options: SealedSecretCredentialsOptions): Credentials {
    return new Credentials(CredentialsKind.SEALED_SECRET, { unknown: unknownKeys(options, ['encryptedData']), sealedSecret: { encryptedData: copy(options?.encryptedData) } });
  }

  /** Which source this is. */
  public readonly kind: CredentialsKind;
  /** Set for `GENERATED`. */
  public readonly generated?: ResolvedGeneratedCredentials;
  /** Set for `EXTERNAL_SECRET`. */
  public readonly externalSecret?: ResolvedExternalSecretCredentials;
  /** Set for `SEALED_SECRET`. */
  public readonly sealedSecret?: ResolvedSealedSecretCredentials;
  /**
   * Options given to the factory that it does not have (typos from JavaScript), reported with the
   * option path by `validateCredentials`: `[given, allowed]`.
   * @internal
   */
  public readonly unknownOptions?: readonly [readonly string[], readonly string[]];

  private constructor(kind: CredentialsKind, variant: {
    unknown?: readonly [readonly string[], readonly string[]];
    generated?: ResolvedGeneratedCredentials;
    externalSecret?: ResolvedExternalSecretCredentials;
    sealedSecret?: ResolvedSealedSecretCredentials;
  }) {
    super();
    this.kind = kind;
    if (variant.unknown?.[0].length) this.unknownOptions = variant.unknown;
    if (variant.generated) this.generated = variant.generated;
    if (variant.externalSecret) this.externalSecret = variant.externalSecret;
    if (variant.sealedSecret) this.sealedSecret = variant.sealedSecret;
    Object.freeze(this);
  }

  /** The remote property a Secret key reads (EXTERNAL_SECRET): the mapped one, or the key itself. */
  public remoteProperty(key: string): string {
    return this.externalSecret?.properties[key] ?? key;
  }
}

/** The option names given that a factory does not have, with the ones it has. */
function unknownKeys(options: unknown, allowed: readonly string[]): readonly [readonly string[], readonly string[]] {
  const given = isPlainObject(options) ? Object.keys(options).filter((k) => !allowed.includes(k) && options[k] !== undefined) : [];
  return [given, allowed];
}

/** One Secret a component needs. */
export interface SecretSpec {
  /** The Secret's name (RFC 1123 subdomain). */
  readonly name: string;
  /** Its keys, e.g. `['username', 'password']`. */
  readonly keys: string[];
  /** Where the values come from. */
  readonly source: Credentials;
  /** Who uses it, for the README table and the kubectl hint, e.g. `"PostgreSQL user of the workflow archive"`. */
  readonly description: string;
}

const FACTORIES_FIX = 'use Credentials.generated() (random values created in the cluster), Credentials.existing() (you create the Secret), '
  + 'Credentials.externalSecret({ storeName, remoteKey }) (External Secrets Operator) or Credentials.sealedSecret({ encryptedData }) (Sealed Secrets)';
/** A Secret data key (Kubernetes `IsConfigMapKey`). */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
/** A Go `time.ParseDuration` string (External Secrets Operator's `refreshInterval`). */
const GO_DURATION = /^(0|([0-9]+(\.[0-9]+)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\.[0-9]+)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))*)$/;
/** A secret's name or path in a store: AWS, GCP, Azure, Vault and ARN forms. */
const REMOTE_KEY = /^[A-Za-z0-9_./+=@:-]{1,512}$/;
/** Standard base64 with padding, as kubeseal prints it. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A shallow, frozen copy of a record (other values are kept as they are, for validation to report). */
function copy<T>(v: T): T {
  return (isPlainObject(v) ? Object.freeze({ ...v }) : v) as T;
}
const quoted = (keys: readonly string[]) => keys.map((k) => JSON.stringify(k)).join(', ');

/**
 * Accepts only a `Credentials` value and checks the options given to its factory. Anything else,
 * above all a literal `{ username, password }` or a password string, is rejected: it would be written
 * to dist/, which is committed to git. Values are never shown in the message.
 *
 * @param option the user's option path, e.g. `persistence.postgres.credentials`
 */
export function validateCredentials(option: string, value: unknown): Credentials {
  if (!(value instanceof Credentials)) {
    const literal = typeof value === 'string' || isPlainObject(value);
    throw invalid(option, redact(value), literal
      ? 'it must be a Credentials value, not literal credentials: they would be written to dist/, which is committed to git'
      : 'it must be a Credentials value made by one of its factories', FACTORIES_FIX);
  }
  if (value.unknownOptions) {
    const [[key], allowed] = value.unknownOptions;
    const near = nearMiss(key, allowed);
    throw conflict(`${option}.${key} is not an option of Credentials.${value.kind === CredentialsKind.EXTERNAL_SECRET ? 'externalSecret' : value.kind === CredentialsKind.SEALED_SECRET ? 'sealedSecret' : 'generated'}; its options are ${allowed.join(', ')}`,
      near ? `rename it to "${near}"` : `remove ${option}.${key}`);
  }
  switch (value.kind) {
    case CredentialsKind.GENERATED: checkGenerated(option, value.generated!); break;
    case CredentialsKind.EXTERNAL_SECRET: checkExternalSecret(option, value.externalSecret!); break;
    case CredentialsKind.SEALED_SECRET: checkSealedSecret(option, value.sealedSecret!); break;
    case CredentialsKind.EXISTING: break;
  }
  return value;
}

function checkKeyName(option: string, key: string, fix: string): void {
  if (key.length > 253 || !SECRET_KEY.test(key) || key === '.' || key === '..' || key.startsWith('..')) {
    throw invalid(`${option} key`, key, 'a Secret key is 1-253 characters of letters, digits, "-", "_" and ".", and not "." or ".." or starting with ".."', fix);
  }
}

function checkGenerated(option: string, g: ResolvedGeneratedCredentials): void {
  const { length, fixed } = g;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < MIN_GENERATED_LENGTH || length > MAX_GENERATED_LENGTH) {
    throw invalid(`${option}.length`, length, `it must be a whole number of characters from ${MIN_GENERATED_LENGTH} to ${MAX_GENERATED_LENGTH}`,
      `omit it for ${DEFAULT_GENERATED_LENGTH}, or give a whole number from ${MIN_GENERATED_LENGTH} to ${MAX_GENERATED_LENGTH}`);
  }
  if (!isPlainObject(fixed)) {
    throw invalid(`${option}.fixed`, redact(fixed), 'it must be an object of Secret key to non-secret value, e.g. { username: "argo" }', 'give an object, or omit it to make every key random');
  }
  for (const [key, value] of Object.entries(fixed)) {
    checkKeyName(`${option}.fixed`, key, 'use the name of one of the Secret\'s keys');
    if (CREDENTIAL_NAME.test(key)) {
      throw invalid(`${option}.fixed key`, key, 'a fixed value is written to dist/, which is committed to git, so it must not be a credential, and this key\'s name says it is one (it contains PASSWORD, PASSWD, SECRET, TOKEN, ACCESS_KEY, PRIVATE_KEY or CREDENTIAL)',
        `remove "${key}" from fixed so that its value is generated at random`);
    }
    if (typeof value !== 'string' || value.length === 0 || value.length > 256 || CONTROL.test(value)) {
      throw invalid(`${option}.fixed["${key}"]`, value, 'a fixed value must be a string of 1-256 characters without control characters',
        `give a string, or remove "${key}" from fixed so that its value is generated at random`);
    }
  }
}

function checkExternalSecret(option: string, e: ResolvedExternalSecretCredentials): void {
  validateDnsSubdomain(`${option}.storeName`, e.storeName);
  if (e.storeKind !== 'ClusterSecretStore' && e.storeKind !== 'SecretStore') {
    throw invalid(`${option}.storeKind`, e.storeKind, 'it must be "ClusterSecretStore" or "SecretStore"', 'omit it for "ClusterSecretStore", or use "SecretStore" for a store in each namespace');
  }
  if (typeof e.remoteKey !== 'string' || !REMOTE_KEY.test(e.remoteKey)) {
    throw invalid(`${option}.remoteKey`, e.remoteKey, 'it must be the name or path of the secret in the store: 1-512 characters of letters, digits and "_", ".", "/", "+", "=", "@", ":", "-"',
      'give the key as the store names it, e.g. "argo/postgres"');
  }
  if (!isPlainObject(e.properties)) {
    throw invalid(`${option}.properties`, e.properties, 'it must be an object of Secret key to remote property, e.g. { password: "db-password" }', 'give an object, or omit it to read the property named like each key');
  }
  for (const [key, property] of Object.entries(e.properties)) {
    checkKeyName(`${option}.properties`, key, 'use the name of one of the Secret\'s keys');
    if (typeof property !== 'string' || property.length === 0 || property.length > 512 || /\s/.test(property) || CONTROL.test(property)) {
      throw invalid(`${option}.properties["${key}"]`, property, 'a remote property must be a string of 1-512 characters without spaces or control characters',
        `give the property of the remote secret that holds "${key}", or remove "${key}" to read the property "${key}"`);
    }
  }
  if (typeof e.refreshInterval !== 'string' || !GO_DURATION.test(e.refreshInterval)) {
    throw invalid(`${option}.refreshInterval`, e.refreshInterval, 'it must be a Go duration such as "1h", "15m" or "1h30m" ("0" reads the store once)',
      `omit it for "${DEFAULT_REFRESH_INTERVAL}", or write a duration with a unit`);
  }
}

function checkSealedSecret(option: string, s: ResolvedSealedSecretCredentials): void {
  const data = s.encryptedData;
  const fix = 'seal each value with: printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin';
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw invalid(`${option}.encryptedData`, redact(data), 'it must map every Secret key to its sealed value', fix);
  }
  for (const [key, value] of Object.entries(data)) {
    checkKeyName(`${option}.encryptedData`, key, 'use the name of one of the Secret\'s keys');
    if (typeof value !== 'string' || value.length < MIN_SEALED_VALUE_LENGTH || !BASE64.test(value)) {
      throw invalid(`${option}.encryptedData["${key}"]`, redact(value),
        `a sealed value is the base64 text kubeseal prints, at least ${MIN_SEALED_VALUE_LENGTH} characters; anything else is probably not sealed and would be committed to git as it is`, fix);
    }
  }
}

/**
 * Checks one SecretSpec and how its source fits it: the name is an RFC 1123 subdomain; the keys are
 * valid and unique; a sealed secret seals exactly every key; external-secret properties and generated
 * fixed values name only existing keys; a generated secret keeps at least one key random.
 *
 * @param option the user's option path of the spec's credentials (`source`), e.g. `persistence.postgres.credentials`
 */
export function validateSecretSpec(option: string, spec: SecretSpec): SecretSpec {
  if (!isPlainObject(spec)) throw invalid(`${option} Secret`, redact(spec), 'it must be a SecretSpec { name, keys, source, description }', 'build the spec with those four fields');
  validateDnsSubdomain(`${option} Secret name`, spec.name);
  const keys: unknown = spec.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw invalid(`${option} Secret keys`, keys, 'a Secret needs a list of at least one key', 'list the keys the consumers read, e.g. ["username", "password"]');
  }
  const seen = new Set<string>();
  for (const key of keys) {
    if (typeof key !== 'string') throw invalid(`${option} Secret key`, key, 'a Secret key is a string', 'give the key as a string');
    checkKeyName(`${option} Secret`, key, 'rename the key');
    if (seen.has(key)) throw invalid(`${option} Secret keys`, keys, `they list "${key}" twice; each key may appear once`, `remove the second "${key}"`);
    seen.add(key);
  }
  if (typeof spec.description !== 'string' || spec.description.trim() === '' || CONTROL.test(spec.description)) {
    throw invalid(`${option} Secret description`, spec.description, 'it must be one non-empty line saying who uses the Secret', 'describe the consumer, e.g. "PostgreSQL user of the workflow archive"');
  }
  const source = validateCredentials(option, spec.source);
  const notAKey = (path: string, key: string) => invalid(path, key, `it is not a key of Secret "${spec.name}" (keys: ${quoted(keys)})`, `use one of those keys, or remove "${key}"`);

  if (source.kind === CredentialsKind.GENERATED) {
    const fixed = Object.keys(source.generated!.fixed);
    for (const key of fixed) if (!seen.has(key)) throw notAKey(`${option}.fixed key`, key);
    if (fixed.length === keys.length) {
      throw conflict(`${option}.fixed gives every key of Secret "${spec.name}" (${quoted(keys)}) a fixed value, so nothing would be random and every value would be in dist/`,
        'leave at least one key, such as the password, out of fixed, or use Credentials.existing() and create the Secret yourself');
    }
  }
  if (source.kind === CredentialsKind.EXTERNAL_SECRET) {
    for (const key of Object.keys(source.externalSecret!.properties)) if (!seen.has(key)) throw notAKey(`${option}.properties key`, key);
  }
  if (source.kind === CredentialsKind.SEALED_SECRET) {
    const sealed = source.sealedSecret!.encryptedData;
    for (const key of Object.keys(sealed)) if (!seen.has(key)) throw notAKey(`${option}.encryptedData key`, key);
    const missing = keys.filter((k) => !(k in sealed));
    if (missing.length) {
      throw conflict(`${option}.encryptedData has no sealed value for ${missing.length === 1 ? 'key' : 'keys'} ${quoted(missing)} of Secret "${spec.name}": a sealed secret must seal every key`,
        'seal the missing values with: printf %s "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin');
    }
  }
  return spec;
}

/**
 * The documented command that creates an EXISTING Secret, e.g.
 * `kubectl create secret generic argo-postgres-config -n argo --from-literal=username=... --from-literal=password=...`.
 */
export function kubectlHint(spec: SecretSpec, namespace: string): string {
  return [`kubectl create secret generic ${spec.name} -n ${namespace}`, ...spec.keys.map((k) => `--from-literal=${k}=...`)].join(' ');
}
