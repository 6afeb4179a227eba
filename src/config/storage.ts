/**
 * Wires the data side together: MinIO, artifact repositories (the controller default and the
 * `artifact-repositories` ConfigMap of every workflow namespace) and every Secret they and the
 * database need, with the namespaces each Secret must exist in. Pure: no constructs, no I/O.
 */
import { ArtifactRepositoriesOptions, resolveArtifactRepositories, ResolvedArtifactRepositories } from './artifact-repositories';
import { ArtifactRepository } from './artifact-repository';
import type { SecretKeySelector } from './controller-config';
import { Credentials, CredentialsKind, SecretSpec, validateCredentials, validateSecretSpec } from './credentials';
import { isPlainObject } from './_checks';
import { conflict, invalid } from './errors';
import { MinioOptions, resolveMinio, ResolvedMinio } from './minio';
import type { ResolvedPersistence } from './persistence';

/** The `artifact-repositories` key under which the stack's MinIO repository is added. */
export const MINIO_REPOSITORY_KEY = 'minio';

/** A Secret that artifact repositories reference, and where its values come from. */
export interface SecretOptions {
  /** The Secret's name (RFC 1123 subdomain). */
  readonly name: string;
  /** Its keys, e.g. `["accessKey", "secretKey"]`. */
  readonly keys: string[];
  /** Where the values come from: generated in the cluster, existing, an ExternalSecret or a SealedSecret. */
  readonly credentials: Credentials;
  /**
   * What it is for (shown in the kubectl hint of existing Secrets).
   * @default - "artifact repository credentials"
   */
  readonly description?: string;
}

/** One Secret and the namespaces it must exist in (the first is where generated values are made). */
export interface SecretPlacement {
  readonly spec: SecretSpec;
  readonly namespaces: string[];
  /** The user's option path of the Secret's source, for messages. */
  readonly option: string;
}

export interface StorageOptions {
  readonly minio?: MinioOptions | boolean;
  readonly artifactRepository?: ArtifactRepository;
  readonly artifactRepositories?: ArtifactRepositoriesOptions;
  readonly secrets?: SecretOptions[];
}

export interface ResolvedStorage {
  readonly minio?: ResolvedMinio;
  /** The controller-wide default repository (`artifactRepository` in the controller config). */
  readonly defaultRepository?: ArtifactRepository;
  /** The `artifact-repositories` ConfigMap put in every workflow namespace. */
  readonly artifactRepositories?: ResolvedArtifactRepositories;
  /** Every Secret the stack needs, with its namespaces, sorted by name. */
  readonly secrets: SecretPlacement[];
  /** Secrets the repositories read in the workflow namespaces (argo-server reads them to serve artifacts). */
  readonly artifactSecretNames: string[];
}

const unique = (names: string[]) => [...new Set(names)];

function resolveDeclaredSecrets(list: SecretOptions[] | undefined): Map<string, { spec: SecretSpec; option: string }> {
  const declared = new Map<string, { spec: SecretSpec; option: string }>();
  if (list === undefined) return declared;
  if (!Array.isArray(list)) throw invalid('secrets', list, 'it must be a list of { name, keys, credentials }', 'give a list, e.g. [{ name: "s3-cred", keys: ["accessKey", "secretKey"], credentials: Credentials.existing() }]');
  list.forEach((s, i) => {
    const option = `secrets[${i}]`;
    if (typeof s !== 'object' || s === null) throw invalid(option, s, 'it must be an object { name, keys, credentials }', 'give the Secret name, its keys and a Credentials source');
    const source = validateCredentials(`${option}.credentials`, s.credentials);
    const spec = validateSecretSpec(option, { name: s.name, keys: s.keys, source, description: s.description ?? 'artifact repository credentials' });
    if (declared.has(spec.name)) throw invalid(`${option}.name`, spec.name, 'each Secret may be declared once', `remove the second declaration of "${spec.name}"`);
    declared.set(spec.name, { spec, option: `${option}.credentials` });
  });
  return declared;
}

/** Checks that a repository's Secret references all have a source and name keys that Secret has. */
function checkRefs(path: string, refs: SecretKeySelector[], sources: Map<string, { spec: SecretSpec }>): void {
  for (const ref of refs) {
    const name = ref.name ?? '';
    const source = sources.get(name);
    if (!source) {
      const known = [...sources.keys()];
      const keys = unique(refs.filter((r) => r.name === ref.name).map((r) => JSON.stringify(r.key)));
      throw conflict(`${path} references Secret "${name}", which has no source: argo-stack cannot tell where its values come from${known.length ? ` (known Secrets: ${known.map((k) => `"${k}"`).join(', ')})` : ''}`,
        `declare it in secrets, e.g. { name: "${name}", keys: [${keys.join(', ')}], credentials: Credentials.existing() }, or reference a known Secret`);
    }
    if (!source.spec.keys.includes(ref.key)) {
      throw conflict(`${path} references key "${ref.key}" of Secret "${name}", which only has ${source.spec.keys.map((k) => `"${k}"`).join(', ')}`,
        `use one of those keys, or add "${ref.key}" to the Secret's keys`);
    }
  }
}

/**
 * Resolves MinIO, the repositories and the Secrets. `workflowNamespaces` receive the
 * `artifact-repositories` ConfigMap and every Secret its repositories reference.
 */
export function resolveStorage(o: StorageOptions, ctx: { namespace: string; workflowNamespaces: string[]; persistence?: ResolvedPersistence; artifactDrivers: string[] }): ResolvedStorage {
  const ns = ctx.namespace;
  if (o.minio !== undefined && typeof o.minio !== 'boolean' && !isPlainObject(o.minio)) {
    throw invalid('minio', o.minio, 'it must be true, false or an options object', 'use minio: true for the defaults');
  }
  const minio = o.minio === undefined || o.minio === false
    ? undefined
    : resolveMinio(o.minio === true ? {} : o.minio, { namespace: ns, workflowNamespaces: ctx.workflowNamespaces });

  const declared = resolveDeclaredSecrets(o.secrets);
  const builtIn: { spec: SecretSpec; option: string }[] = [];
  if (ctx.persistence) builtIn.push({ spec: ctx.persistence.secret, option: 'persistence' });
  if (minio) builtIn.push({ spec: minio.secret, option: 'minio.credentials' });
  if (ctx.persistence && minio && minio.secret.name === ctx.persistence.secret.name) {
    throw conflict(`minio.secretName "${minio.secret.name}" is the Secret of persistence: the two would share one Secret with different keys`,
      `give minio.secretName another name, e.g. "my-minio-cred"`);
  }
  for (const b of builtIn) {
    const d = declared.get(b.spec.name);
    if (d) {
      throw conflict(`${d.option.replace(/\.credentials$/, '')} declares Secret "${b.spec.name}", which ${b.option.split('.')[0]} already manages`,
        `remove that entry from secrets and set ${b.option.split('.')[0]}'s own credentials option instead`);
    }
  }
  const sources = new Map<string, { spec: SecretSpec; option: string }>([...declared, ...builtIn.map((b) => [b.spec.name, b] as const)]);

  // The per-namespace repositories: the user's, plus the stack's MinIO.
  let repositories: ResolvedArtifactRepositories | undefined;
  if (o.artifactRepositories !== undefined) {
    const user = o.artifactRepositories;
    const userRepos = isPlainObject(user) && isPlainObject(user.repositories) ? user.repositories : undefined;
    if (minio && userRepos && !(MINIO_REPOSITORY_KEY in userRepos)) {
      // MinIO joins the user's repositories; the default stays the user's choice, else their first key.
      repositories = resolveArtifactRepositories({
        ...user,
        repositories: { ...userRepos, [MINIO_REPOSITORY_KEY]: minio.repository },
        defaultKey: user.defaultKey ?? Object.keys(userRepos)[0],
      }, 'artifactRepositories');
    } else {
      repositories = resolveArtifactRepositories(user, 'artifactRepositories');
    }
  } else if (minio) {
    repositories = resolveArtifactRepositories({ repositories: { [MINIO_REPOSITORY_KEY]: minio.repository } }, 'minio');
  }
  if (repositories && ctx.workflowNamespaces.length === 0) {
    throw conflict(`${o.artifactRepositories !== undefined ? 'artifactRepositories' : 'minio'} is set but workflowNamespaces is empty: the artifact-repositories ConfigMap is created in each workflow namespace`,
      'add the namespaces that run workflows to workflowNamespaces, e.g. [{ name: "argo" }]');
  }

  let defaultRepository: ArtifactRepository | undefined;
  if (o.artifactRepository !== undefined) {
    if (!ArtifactRepository.isArtifactRepository(o.artifactRepository)) {
      throw invalid('artifactRepository', o.artifactRepository, 'it must be made by an ArtifactRepository factory', 'use e.g. ArtifactRepository.s3({ bucket: "my-bucket", useSDKCreds: true })');
    }
    defaultRepository = o.artifactRepository;
    checkRefs('artifactRepository', defaultRepository.secretRefs(), sources);
  }
  for (const [key, repo] of Object.entries(repositories?.repositories ?? {})) {
    checkRefs(repo === minio?.repository ? 'minio.tls.caSecret' : `artifactRepositories.repositories["${key}"]`, repo.secretRefs(), sources);
  }
  const plugins = unique([...(repositories?.pluginNames ?? []), ...(defaultRepository?.pluginName ? [defaultRepository.pluginName] : [])]);
  for (const p of plugins) {
    if (!ctx.artifactDrivers.includes(p)) {
      throw conflict(`an artifact repository uses plugin "${p}", but controller.config.artifactDrivers has no driver named "${p}"`,
        `add { name: "${p}", image: "<driver image>" } to controller.config.artifactDrivers`);
    }
  }

  // Where each Secret must exist.
  const artifactSecretNames = unique([...(repositories?.secretNames ?? []), ...(defaultRepository?.secretNames() ?? [])]).sort();
  const secrets: SecretPlacement[] = [];
  for (const [name, { spec, option }] of sources) {
    const needed: string[] = [];
    if (builtIn.some((b) => b.spec.name === name)) needed.push(ns);
    // MinIO's pod and its bucket Job mount the CA in MinIO's namespace.
    if (minio?.tls && name === minio.tls.caSecret.name) needed.push(minio.namespace);
    if (artifactSecretNames.includes(name)) needed.push(...ctx.workflowNamespaces);
    if (!needed.length && artifactSecretNames.includes(name)) {
      throw conflict(`artifactRepository references Secret "${name}", but workflowNamespaces is empty: the Secret must exist in each namespace that runs workflows`,
        'add the namespaces that run workflows to workflowNamespaces, e.g. [{ name: "argo" }]');
    }
    if (!needed.length) {
      throw conflict(`${option.replace(/\.credentials$/, '')} declares Secret "${name}", but no artifact repository references it`, `remove it from secrets, or reference it from a repository`);
    }
    // Generated values are made in the install namespace first (where the Job runs), then copied.
    const namespaces = spec.source.kind === CredentialsKind.GENERATED ? unique([ns, ...needed]) : unique(needed);
    secrets.push({ spec, namespaces, option });
  }
  secrets.sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1));

  return { minio, defaultRepository, artifactRepositories: repositories, secrets, artifactSecretNames };
}
