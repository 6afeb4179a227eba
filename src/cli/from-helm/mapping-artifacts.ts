/** `artifactRepository`, `customArtifactRepository`, `useStaticCredentials` and `artifactRepositoryRef`. */
import { isPlainObject } from '../../config/check';
import { conflict } from '../../config/errors';
import type { Conversion } from './context';
import { ChartMapping } from './row';

/** The artifact drivers of Argo v4.1.2's ArtifactRepository. */
export const ARTIFACT_DRIVERS = ['s3', 'gcs', 'azure', 'oss', 'artifactory', 'hdfs', 'plugin'] as const;

/** One repository's drivers; two or more are refused, as Argo refuses them. */
function driverOf(cx: Conversion, from: string, repo: Record<string, unknown>): string | undefined {
  const drivers = Object.keys(repo).filter((k) => (ARTIFACT_DRIVERS as readonly string[]).includes(k) && isPlainObject(repo[k]) && Object.keys(repo[k] as object).length > 0);
  if (drivers.length > 1) {
    throw conflict(`${cx.file}: ${from} sets ${drivers.length} artifact drivers (${drivers.join(', ')}); an artifact repository has exactly one, and Argo refuses the controller config with several`,
      `keep one of ${drivers.join(', ')}, and give the others their own entries in artifactRepositoryRef (argo-stack: artifactRepositories)`);
  }
  return drivers[0];
}

/** The S3 driver without the chart's static key refs when the pod's identity is used (or the refs name no Secret). */
function s3(cx: Conversion, from: string, options: Record<string, unknown>, staticCredentials: boolean): Record<string, unknown> {
  const out = { ...options };
  const sdk = out.useSDKCreds === true;
  for (const ref of ['accessKeySecret', 'secretKeySecret'] as const) {
    const sel = out[ref];
    if (sel === undefined) continue;
    if (sdk || !staticCredentials) delete out[ref];
    else if (!isPlainObject(sel) || sel.name === undefined) {
      delete out[ref];
      cx.skip(`${from}.${ref}`, 'it names no Secret (the chart would render an empty name): give name and key, or set useSDKCreds: true');
    }
  }
  return out;
}

/** A chart repository (`{ archiveLogs, s3: {...} }`) as argo-stack's plain data (`{ s3: { ..., archiveLogs } }`). */
function repository(cx: Conversion, from: string, repo: Record<string, unknown>, staticCredentials: boolean): Record<string, unknown> | undefined {
  const driver = driverOf(cx, from, repo);
  if (driver === undefined) return undefined;
  let options = { ...(repo[driver] as Record<string, unknown>) };
  if (driver === 's3') options = s3(cx, `${from}.s3`, options, staticCredentials);
  if (repo.archiveLogs !== undefined) options.archiveLogs = repo.archiveLogs;
  for (const key of Object.keys(repo).filter((k) => k !== driver && k !== 'archiveLogs' && repo[k] !== undefined)) cx.skip(`${from}.${key}`, 'not a field of an Argo artifact repository');
  return { [driver]: options };
}

/** With the chart's defaults for the S3 key names and `useStaticCredentials`. */
function defaultRepository(cx: Conversion): void {
  const given = { ...(cx.map('artifactRepository') ?? {}), ...(cx.map('customArtifactRepository') ?? {}) };
  if (isPlainObject(given.s3)) {
    given.s3 = {
      ...given.s3,
      accessKeySecret: { key: cx.getOrDefault('artifactRepository.s3.accessKeySecret.key'), ...(isPlainObject(given.s3.accessKeySecret) ? given.s3.accessKeySecret : {}) },
      secretKeySecret: { key: cx.getOrDefault('artifactRepository.s3.secretKeySecret.key'), ...(isPlainObject(given.s3.secretKeySecret) ? given.s3.secretKeySecret : {}) },
    };
  }
  const staticCredentials = cx.bool('useStaticCredentials') !== false;
  const repo = repository(cx, 'artifactRepository', given, staticCredentials);
  if (repo !== undefined) cx.set('artifactRepository', repo, 'artifactRepository');
  else if (Object.keys(given).length > 0) cx.skip('artifactRepository', 'it names no artifact driver (s3, gcs, azure, ...)');
}

const DEFAULT_KEY_ANNOTATION = 'workflows.argoproj.io/default-artifact-repository';

function repositoryRefs(cx: Conversion): void {
  const refs = cx.map('artifactRepositoryRef');
  if (refs === undefined) return;
  const [name, ...others] = Object.keys(refs);
  for (const other of others) cx.skip(`artifactRepositoryRef.${other}`, 'argo-stack writes one artifact-repositories ConfigMap per workflow namespace: merge the repositories into the first one');
  const cm = isPlainObject(refs[name]) ? refs[name] : {};
  const annotations = isPlainObject(cm.annotations) ? cm.annotations : {};
  const repositories: Record<string, unknown> = {};
  for (const key of Object.keys(cm).filter((k) => k !== 'annotations')) {
    const repo = isPlainObject(cm[key]) ? repository(cx, `artifactRepositoryRef.${name}.${key}`, cm[key] as Record<string, unknown>, true) : undefined;
    if (repo !== undefined) repositories[key] = repo;
    else cx.skip(`artifactRepositoryRef.${name}.${key}`, 'it names no artifact driver');
  }
  const out: Record<string, unknown> = { repositories };
  if (annotations[DEFAULT_KEY_ANNOTATION] !== undefined) out.defaultKey = annotations[DEFAULT_KEY_ANNOTATION];
  if (name !== 'artifact-repositories') out.configMapName = name;
  cx.set('artifactRepositories', out, `artifactRepositoryRef.${name}`);
  if (Object.keys(annotations).some((k) => k !== DEFAULT_KEY_ANNOTATION)) cx.skip(`artifactRepositoryRef.${name}.annotations`, 'argo-stack writes only the default-repository annotation');
}

export const ARTIFACT_ROWS: readonly ChartMapping[] = [
  {
    chart: 'artifactRepository.{archiveLogs,s3,gcs,azure}',
    option: '`artifactRepository: { s3: { ... } }` (likewise `gcs`, `azure`; `archiveLogs` goes inside); one driver only',
    convert: defaultRepository,
  },
  { chart: 'customArtifactRepository', option: '`artifactRepository: { oss | artifactory | hdfs | plugin: { ... } }`', convert: defaultRepository },
  { chart: 'useStaticCredentials', option: '`false`: the S3 key Secrets are left out (give `useSDKCreds: true` for the pod\'s identity); there are no dummy Secrets to render', convert: defaultRepository },
  {
    chart: 'artifactRepositoryRef',
    option: '`artifactRepositories: { repositories, defaultKey, configMapName }`, written in every workflow namespace rather than only the release namespace',
    convert: repositoryRefs,
  },
];

/**
 * The Secrets the converted repositories reference, each declared as one the user keeps
 * (`credentials: { existing: {} }`): argo-stack refuses a reference to a Secret without a source,
 * and the chart never created these Secrets either.
 */
export function referencedSecrets(options: Record<string, unknown>): Record<string, unknown>[] {
  const keys = new Map<string, Set<string>>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!isPlainObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (/Secret$/.test(k) && isPlainObject(x) && typeof x.name === 'string' && typeof x.key === 'string') {
        keys.set(x.name, (keys.get(x.name) ?? new Set()).add(x.key));
      } else walk(x);
    }
  };
  walk(options.artifactRepository);
  walk(options.artifactRepositories);
  return [...keys].map(([name, k]) => ({ name, keys: [...k].sort(), credentials: { existing: {} } }));
}
