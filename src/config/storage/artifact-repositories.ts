/**
 * The `artifact-repositories` ConfigMap: named `ArtifactRepository` entries a workflow picks with
 * `artifactRepositoryRef`, and the default key. Validates the entries and resolves the defaults.
 */
import { ArtifactRepository } from './artifact-repository';
import { Checker, isPlainObject } from '../check';
import { ARTIFACT_REPOSITORY, checkShape } from '../controller-config/schema';
import { invalid, show, ValidationError } from '../errors';

/** The ConfigMap name Argo looks up when a workflow has no `artifactRepositoryRef.configMap`. */
export const DEFAULT_ARTIFACT_REPOSITORIES_CONFIGMAP = 'artifact-repositories';
/** The annotation that names the default key of an artifact repositories ConfigMap. */
export const DEFAULT_ARTIFACT_REPOSITORY_ANNOTATION = 'workflows.argoproj.io/default-artifact-repository';

export interface ArtifactRepositoriesOptions {
  /** The repositories, one ConfigMap data key each (keys: letters, digits, "-", "_" and "."). At least one. */
  readonly repositories: Record<string, ArtifactRepository>;
  /**
   * The key workflows use when their `artifactRepositoryRef` names no key (the
   * `workflows.argoproj.io/default-artifact-repository` annotation).
   * @default - the first key of `repositories`
   */
  readonly defaultKey?: string;
  /**
   * The ConfigMap name. Argo only finds `artifact-repositories` without an explicit
   * `artifactRepositoryRef.configMap`, so another name needs that ref in every workflow.
   * @default "artifact-repositories"
   */
  readonly configMapName?: string;
}

export interface ResolvedArtifactRepositories {
  readonly configMapName: string;
  readonly defaultKey: string;
  /** The repositories in key order. */
  readonly repositories: Readonly<Record<string, ArtifactRepository>>;
  /** Names of the Secrets the repositories read (they must exist in each namespace that uses them), sorted. */
  readonly secretNames: string[];
  /** Names of the artifact driver plugins the repositories use, sorted. */
  readonly pluginNames: string[];
}

const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** Validates the repositories of one `artifact-repositories` ConfigMap and resolves its defaults. */
export function resolveArtifactRepositories(o: ArtifactRepositoriesOptions, path = 'artifactRepositories'): ResolvedArtifactRepositories {
  const c = new Checker(path);
  c.known(c.object(o, '', 'pass { repositories: { default: ArtifactRepository.s3({ bucket: "my-bucket" }) } }', 'it must be an object with repositories'), ['repositories', 'defaultKey', 'configMapName']);
  const repos = o.repositories as unknown;
  if (!isPlainObject(repos)) {
    throw invalid(`${path}.repositories`, repos, 'it must be an object of key to ArtifactRepository', 'pass { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }');
  }
  const keys = Object.keys(repos);
  if (keys.length === 0) {
    throw invalid(`${path}.repositories`, repos, 'it must hold at least one repository', 'add one, e.g. { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }');
  }
  const repositories: Record<string, ArtifactRepository> = {};
  for (const key of keys) {
    if (key.length > 253 || !CONFIGMAP_KEY.test(key)) {
      throw invalid(`${path}.repositories key`, key, 'a ConfigMap data key is 1-253 characters of letters, digits, "-", "_" and "."',
        `rename it, e.g. ${JSON.stringify(key.replace(/[^-._a-zA-Z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 253) || 'default')}`);
    }
    const repo = repos[key];
    const option = `${path}.repositories[${JSON.stringify(key)}]`;
    if (!(repo instanceof ArtifactRepository)) {
      throw new ValidationError(`${option} is not an ArtifactRepository (got ${repo === null ? 'null' : Array.isArray(repo) ? 'an array' : typeof repo}). Fix: build it with ArtifactRepository.s3(...), gcs, azure, oss, artifactory, hdfs or plugin`);
    }
    checkShape(option, repo.spec, ARTIFACT_REPOSITORY);
    repositories[key] = repo;
  }
  const defaultKey = o.defaultKey ?? keys[0];
  if (typeof defaultKey !== 'string' || !keys.includes(defaultKey)) {
    throw invalid(`${path}.defaultKey`, defaultKey, `it must be one of the repository keys: ${keys.map((k) => JSON.stringify(k)).join(', ')}`,
      `use one of them, or add a repository under ${show(defaultKey)}`);
  }
  const configMapName = c.dnsSubdomain('configMapName', o.configMapName ?? DEFAULT_ARTIFACT_REPOSITORIES_CONFIGMAP);
  const all = Object.values(repositories);
  return {
    configMapName,
    defaultKey,
    repositories,
    secretNames: [...new Set(all.flatMap((r) => r.secretNames()))].sort(),
    pluginNames: [...new Set(all.flatMap((r) => (r.pluginName ? [r.pluginName] : [])))].sort(),
  };
}
