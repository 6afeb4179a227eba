/**
 * Wires the data side together: MinIO, artifact repositories (the controller default and the
 * `artifact-repositories` ConfigMap of every workflow namespace) and every Secret they and the
 * database need, with the namespaces each Secret must exist in. Pure: no constructs, no I/O.
 */
import { ArtifactRepositoriesOptions, resolveArtifactRepositories, ResolvedArtifactRepositories } from './artifact-repositories';
import { ArtifactRepository, repositorySecretRefs } from './artifact-repository';
import type { ArtifactRepositorySpec, SecretKeySelector } from '../controller-config';
import { Credentials, CredentialsKind, SecretSpec, validateCredentials, validateSecretSpec } from '../credentials';
import { isPlainObject, optionKeys, rejectUnknownKeys } from '../check';
import { conflict, invalid } from '../errors';
import { MINIO_API_PORT, MINIO_CONSOLE_PORT, MinioOptions, resolveMinio, ResolvedMinio } from './minio';
import type { Contributions, Feature } from '../contributions';
import { appSelector, Component, Endpoint, Flow } from '../endpoints';
import { bucketJobFlows, credentialsJobFlows, objectStoreFlows, usersJobFlows } from './network';

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

/** The artifact side of `ArgoWorkflowsProps`: MinIO, repositories and the Secrets they reference. */
export interface StorageOptions {
  /**
   * Run MinIO in the install namespace (StatefulSet `minio`, Service `minio`, root Secret
   * `my-minio-cred`, which stays there) and give every workflow namespace its own MinIO user
   * `argo-<namespace>` (Secret `minio-user-<namespace>`), limited to the key prefix `<namespace>/`,
   * as the key `minio` of its `artifact-repositories` ConfigMap. `true` for the defaults.
   * @default - no MinIO
   */
  readonly minio?: MinioOptions | boolean;
  /**
   * The controller-wide default artifact repository (`artifactRepository` in the controller config),
   * used when a workflow's namespace has no `artifact-repositories` ConfigMap.
   * @default - none
   */
  readonly artifactRepository?: ArtifactRepository;
  /**
   * The `artifact-repositories` ConfigMap created in every workflow namespace, with the
   * `workflows.argoproj.io/default-artifact-repository` annotation. Workflows pick one with
   * `spec.artifactRepositoryRef: { key: <name> }`.
   * @default - only MinIO's repository when `minio` is set, otherwise none
   */
  readonly artifactRepositories?: ArtifactRepositoriesOptions;
  /**
   * Secrets that artifact repositories reference, each with its source of values. Every Secret a
   * repository references must be declared here (MinIO's and the database's are declared by those
   * options). They are placed in every workflow namespace.
   * @default - none
   */
  readonly secrets?: SecretOptions[];
}

export interface StorageContext {
  /** The install namespace. */
  readonly namespace: string;
  readonly workflowNamespaces: string[];
  /** Secrets other features manage in the install namespace (the database's), with their option. */
  readonly managedSecrets: readonly { readonly spec: SecretSpec; readonly option: string }[];
  /** Names of the artifact drivers in `controller.config.artifactDrivers`. */
  readonly artifactDrivers: string[];
  /** Pull Secrets of every pod. @default - none */
  readonly imagePullSecrets?: readonly string[];
  /** A default repository given raw in `controller.config.artifactRepository`. @default - none */
  readonly configRepository?: ArtifactRepositorySpec;
}

export interface ResolvedStorage {
  readonly minio?: ResolvedMinio;
  /** The controller-wide default repository (`artifactRepository` in the controller config). */
  readonly defaultRepository?: ArtifactRepository;
  /**
   * The `artifact-repositories` ConfigMap of each workflow namespace, by namespace. They hold the same
   * keys; MinIO's entry is the namespace's own user and prefix.
   */
  readonly artifactRepositories?: Readonly<Record<string, ResolvedArtifactRepositories>>;
  /** Every Secret the stack needs, with its namespaces, sorted by name. */
  readonly secrets: SecretPlacement[];
  /**
   * Secrets the repositories read in each workflow namespace, by namespace, sorted (argo-server
   * reads them there to serve artifacts).
   */
  readonly artifactSecretNames: Readonly<Record<string, string[]>>;
}

const unique = (names: string[]) => [...new Set(names)];
const SECRET_OPTION_KEYS = optionKeys<SecretOptions>()(['name', 'keys', 'credentials', 'description']);

function resolveDeclaredSecrets(list: SecretOptions[] | undefined): Map<string, { spec: SecretSpec; option: string }> {
  const declared = new Map<string, { spec: SecretSpec; option: string }>();
  if (list === undefined) return declared;
  if (!Array.isArray(list)) throw invalid('secrets', list, 'it must be a list of { name, keys, credentials }', 'give a list, e.g. [{ name: "s3-cred", keys: ["accessKey", "secretKey"], credentials: Credentials.existing() }]');
  list.forEach((s, i) => {
    const option = `secrets[${i}]`;
    if (typeof s !== 'object' || s === null) throw invalid(option, s, 'it must be an object { name, keys, credentials }', 'give the Secret name, its keys and a Credentials source');
    rejectUnknownKeys(option, s as unknown as Record<string, unknown>, SECRET_OPTION_KEYS);
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

type Source = { spec: SecretSpec; option: string };

/** The Secrets with a source: declared in `secrets`, or managed by MinIO and other features. */
function secretSources(o: StorageOptions, minio: ResolvedMinio | undefined, ctx: StorageContext): { sources: Map<string, Source>; builtIn: Source[] } {
  const declared = resolveDeclaredSecrets(o.secrets);
  const builtIn: Source[] = [...ctx.managedSecrets];
  if (minio) builtIn.push({ spec: minio.secret, option: 'minio.credentials' }, ...minio.tenants.map((t) => ({ spec: t.secret, option: 'minio' })));
  const clash = minio && ctx.managedSecrets.find((m) => m.spec.name === minio.secret.name);
  if (minio && clash) {
    throw conflict(`minio.secretName "${minio.secret.name}" is the Secret of ${clash.option}: the two would share one Secret with different keys`,
      `give minio.secretName another name, e.g. "my-minio-cred"`);
  }
  const tenantClash = minio && ctx.managedSecrets.find((m) => minio.tenants.some((t) => t.secret.name === m.spec.name));
  if (tenantClash) {
    throw conflict(`${tenantClash.option} names its Secret "${tenantClash.spec.name}", the MinIO user Secret of a workflow namespace (minio-user-<namespace>)`,
      `give the Secret of ${tenantClash.option} another name`);
  }
  for (const b of builtIn) {
    const d = declared.get(b.spec.name);
    if (d) {
      throw conflict(`${d.option.replace(/\.credentials$/, '')} declares Secret "${b.spec.name}", which ${b.option.split('.')[0]} already manages`,
        `remove that entry from secrets and set ${b.option.split('.')[0]}'s own credentials option instead`);
    }
  }
  return { sources: new Map<string, Source>([...declared, ...builtIn.map((b) => [b.spec.name, b] as const)]), builtIn };
}

/** One namespace's repositories: the user's, plus its own user of the stack's MinIO. */
function repositoriesOf(o: StorageOptions, minioRepository: ArtifactRepository | undefined): ResolvedArtifactRepositories | undefined {
  if (o.artifactRepositories !== undefined) {
    const user = o.artifactRepositories;
    const userRepos = isPlainObject(user) && isPlainObject(user.repositories) ? user.repositories : undefined;
    if (minioRepository && userRepos && !(MINIO_REPOSITORY_KEY in userRepos)) {
      // MinIO joins the user's repositories; the default stays the user's choice, else their first key.
      return resolveArtifactRepositories({
        ...user,
        repositories: { ...userRepos, [MINIO_REPOSITORY_KEY]: minioRepository },
        defaultKey: user.defaultKey ?? Object.keys(userRepos)[0],
      }, 'artifactRepositories');
    }
    return resolveArtifactRepositories(user, 'artifactRepositories');
  }
  return minioRepository ? resolveArtifactRepositories({ repositories: { [MINIO_REPOSITORY_KEY]: minioRepository } }, 'minio') : undefined;
}

/** The per-namespace repositories, by namespace: the user's, plus the namespace's own MinIO user. */
function namespaceRepositories(o: StorageOptions, minio: ResolvedMinio | undefined, ctx: StorageContext): Record<string, ResolvedArtifactRepositories> | undefined {
  if (o.artifactRepositories === undefined && !minio) return undefined;
  if (ctx.workflowNamespaces.length === 0) {
    // Checked alone first, so that its own problems are reported before this one.
    repositoriesOf(o, undefined);
    throw conflict(`${o.artifactRepositories !== undefined ? 'artifactRepositories' : 'minio'} is set but workflowNamespaces is empty: the artifact-repositories ConfigMap is created in each workflow namespace`,
      'add the namespaces that run workflows to workflowNamespaces, e.g. [{ name: "argo" }]');
  }
  const out: Record<string, ResolvedArtifactRepositories> = {};
  for (const ns of ctx.workflowNamespaces) {
    out[ns] = repositoriesOf(o, minio?.tenants.find((t) => t.namespace === ns)?.repository)!;
  }
  return out;
}

/** No repository a workflow namespace reads may use MinIO's root Secret: each namespace has its own MinIO user. */
function rejectRootSecret(path: string, refs: readonly SecretKeySelector[], minio: ResolvedMinio | undefined): void {
  if (minio && refs.some((r) => r.name === minio.secretName)) {
    throw conflict(`${path} references Secret "${minio.secretName}", MinIO's root user: workflow namespaces never receive it, since a workflow could then read and delete every namespace's artifacts and administer MinIO`,
      `remove that repository: each workflow namespace's "${MINIO_REPOSITORY_KEY}" repository uses its own MinIO user (Secret "minio-user-<namespace>"), limited to the prefix "<namespace>/"`);
  }
}

function resolveDefaultRepository(o: StorageOptions): ArtifactRepository | undefined {
  if (o.artifactRepository === undefined) return undefined;
  if (!ArtifactRepository.isArtifactRepository(o.artifactRepository)) {
    throw invalid('artifactRepository', o.artifactRepository, 'it must be made by an ArtifactRepository factory', 'use e.g. ArtifactRepository.s3({ bucket: "my-bucket", useSDKCreds: true })');
  }
  return o.artifactRepository;
}

function checkPlugins(repositories: ResolvedArtifactRepositories | undefined, defaultRepository: ArtifactRepository | undefined, drivers: readonly string[]): void {
  const plugins = unique([...(repositories?.pluginNames ?? []), ...(defaultRepository?.pluginName ? [defaultRepository.pluginName] : [])]);
  for (const p of plugins) {
    if (!drivers.includes(p)) {
      throw conflict(`an artifact repository uses plugin "${p}", but controller.config.artifactDrivers has no driver named "${p}"`,
        `add { name: "${p}", image: "<driver image>" } to controller.config.artifactDrivers`);
    }
  }
}

/** Where each Secret must exist, sorted by name. */
function placeSecrets(sources: Map<string, Source>, builtIn: Source[], read: { byNamespace: Readonly<Record<string, string[]>>; shared: string[] }, minio: ResolvedMinio | undefined, ctx: StorageContext): SecretPlacement[] {
  const ns = ctx.namespace;
  const secrets: SecretPlacement[] = [];
  for (const [name, { spec, option }] of sources) {
    const needed: string[] = [];
    // Built-in Secrets are read in the install namespace (the tenants' by the MinIO users Job).
    if (builtIn.some((b) => b.spec.name === name)) needed.push(ns);
    // MinIO's pod and its Jobs mount the CA in MinIO's namespace.
    if (minio?.tls && name === minio.tls.caSecret.name) needed.push(minio.namespace);
    needed.push(...ctx.workflowNamespaces.filter((n) => read.byNamespace[n]?.includes(name)));
    if (!needed.length && read.shared.includes(name)) {
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
  return secrets.sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1));
}

/**
 * Resolves MinIO, the repositories and the Secrets. `workflowNamespaces` receive the
 * `artifact-repositories` ConfigMap and every Secret its repositories reference. Contributes the
 * controller's default repository, MinIO's endpoint and the flows to it.
 */
export function resolveStorage(o: StorageOptions, ctx: StorageContext): Feature<ResolvedStorage> {
  if (o.minio !== undefined && typeof o.minio !== 'boolean' && !isPlainObject(o.minio)) {
    throw invalid('minio', o.minio, 'it must be true, false or an options object', 'use minio: true for the defaults');
  }
  const minio = o.minio === undefined || o.minio === false
    ? undefined
    : resolveMinio(o.minio === true ? {} : o.minio, { namespace: ctx.namespace, workflowNamespaces: ctx.workflowNamespaces, imagePullSecrets: ctx.imagePullSecrets });
  const { sources, builtIn } = secretSources(o, minio, ctx);
  const repositories = namespaceRepositories(o, minio, ctx);
  const defaultRepository = resolveDefaultRepository(o);
  // A default repository given raw in Argo's config reads its Secrets like any other: they need a source and a place.
  const configRefs = ctx.configRepository ? repositorySecretRefs(ctx.configRepository) : [];
  const checked = [
    ...(defaultRepository ? [['artifactRepository', defaultRepository.secretRefs()] as const] : []),
    ['controller.config.artifactRepository', configRefs] as const,
    ...Object.values(repositories ?? {}).flatMap((r) => Object.entries(r.repositories).map(([key, repo]) => [
      minio?.tenants.some((t) => t.repository === repo) ? 'minio.tls.caSecret' : `artifactRepositories.repositories["${key}"]`, repo.secretRefs(),
    ] as const)),
  ];
  for (const [path, refs] of checked) {
    rejectRootSecret(path, refs, minio);
    checkRefs(path, refs, sources);
  }
  const anyNamespace = Object.values(repositories ?? {})[0];
  checkPlugins(anyNamespace, defaultRepository, ctx.artifactDrivers);
  const shared = unique([...(defaultRepository?.secretNames() ?? []), ...configRefs.map((r) => r.name as string)]);
  const artifactSecretNames = Object.fromEntries(ctx.workflowNamespaces.map((n) => [n, unique([...(repositories?.[n]?.secretNames ?? []), ...shared]).sort()]));
  const secrets = placeSecrets(sources, builtIn, { byNamespace: artifactSecretNames, shared }, minio, ctx);
  const resolved: ResolvedStorage = { minio, defaultRepository, artifactRepositories: repositories, secrets, artifactSecretNames };
  return { resolved, contributes: contributions(resolved, ctx.workflowNamespaces, ctx.configRepository) };
}

/** MinIO's pods and ports: `api` (S3) and `console`, HTTPS with TLS. */
export function minioEndpoint(minio: ResolvedMinio): Endpoint {
  const scheme = minio.tls ? 'HTTPS' : 'HTTP';
  return {
    component: Component.MINIO, name: minio.name, namespace: minio.namespace, selector: appSelector(minio.name),
    ports: [
      { name: 'api', containerPort: MINIO_API_PORT, protocol: 'TCP', scheme },
      { name: 'console', containerPort: MINIO_CONSOLE_PORT, protocol: 'TCP', scheme },
    ],
  };
}

/** MinIO as an endpoint, and who talks to its S3 API. */
function minioNetwork(minio: ResolvedMinio, workflowNamespaces: readonly string[]): Pick<Contributions, 'endpoints' | 'flows'> {
  const flows: Flow[] = [
    ...workflowNamespaces.map((ns): Flow => ({ from: { workflowPods: ns }, to: Component.MINIO, port: 'api', purpose: 'input and output artifacts, logs' })),
    { from: { component: Component.SERVER }, to: Component.MINIO, port: 'api', purpose: 'artifacts and archived logs in the UI' },
    ...bucketJobFlows(),
    ...(minio.tenants.length ? usersJobFlows() : []),
  ];
  return { endpoints: [minioEndpoint(minio)], flows };
}

/** The artifact stores outside the cluster: every repository but the stack's own MinIO (each namespace's user), once each. */
function externalRepositorySpecs(r: ResolvedStorage, configRepository: ArtifactRepositorySpec | undefined): ArtifactRepositorySpec[] {
  const own = new Set<ArtifactRepository>(r.minio?.tenants.map((t) => t.repository) ?? []);
  const all = [r.defaultRepository, ...Object.values(r.artifactRepositories ?? {}).flatMap((n) => Object.values(n.repositories))];
  const repos = [...new Set(all)].filter((x): x is ArtifactRepository => x !== undefined && !own.has(x));
  return [...repos.map((x) => x.spec), ...(configRepository ? [configRepository] : [])];
}

function contributions(r: ResolvedStorage, workflowNamespaces: readonly string[], configRepository: ArtifactRepositorySpec | undefined): Contributions {
  // argo-server serves artifacts and archived logs with the repositories' credentials, read in the
  // workflow's namespace (each namespace's own MinIO user there).
  const minio = r.minio ? minioNetwork(r.minio, workflowNamespaces) : { endpoints: [], flows: [] };
  const flows = [...(minio.flows ?? []), ...objectStoreFlows(externalRepositorySpecs(r, configRepository), workflowNamespaces, true), ...credentialsJobFlows(r.secrets)];
  return {
    secretsRead: workflowNamespaces.filter((namespace) => r.artifactSecretNames[namespace]?.length)
      .map((namespace) => ({ by: ['server'] as const, names: r.artifactSecretNames[namespace], namespace })),
    ...(r.defaultRepository ? { controllerConfig: { artifactRepository: r.defaultRepository.spec } } : {}),
    ...(r.minio ? { endpoints: minio.endpoints } : {}),
    ...(flows.length ? { flows } : {}),
  };
}
