/**
 * Where Argo keeps data, read from the controller's ConfigMap and the artifact repositories
 * ConfigMap: the workflow archive (`persistence`) and each artifact repository. Removing one or
 * pointing it elsewhere leaves the archived workflows or the artifacts behind.
 */
import { parse } from 'yaml';
import type { Risk } from './types';

type Json = Record<string, unknown>;

const CONTROLLER_CONFIG = 'workflow-controller-configmap';
const REPOSITORIES = 'artifact-repositories';
const DEFAULT_REPOSITORY = 'workflows.argoproj.io/default-artifact-repository';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function yamlOf(text: unknown): Json | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const v: unknown = parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const metaOf = (o: Json | undefined) => (o?.metadata ?? {}) as { name?: string; annotations?: Record<string, string> };
const dataOf = (o: Json | undefined): Json => (o && isObject(o.data) ? o.data : {});

/** The archive's database as text (`postgresql postgres:5432/argo, table argo_workflows`), or undefined without one. */
export function archiveLocation(persistence: Json | undefined): string | undefined {
  if (!persistence) return undefined;
  for (const driver of ['postgresql', 'mysql']) {
    const db = persistence[driver];
    if (!isObject(db)) continue;
    const table = db.tableName === undefined ? '' : `, table ${String(db.tableName)}`;
    return `${driver} ${String(db.host)}:${String(db.port ?? (driver === 'mysql' ? 3306 : 5432))}/${String(db.database)}${table}`;
  }
  return undefined;
}

/** Risks of the controller ConfigMap's `persistence`: the archive removed, switched off or pointed elsewhere. */
export function archiveRisks(before: Json, after: Json | undefined, object: string): Risk[] {
  if (metaOf(before).name !== CONTROLLER_CONFIG) return [];
  const risks: Risk[] = [];
  const was = yamlOf(dataOf(before).persistence);
  const is = yamlOf(dataOf(after).persistence);
  const from = archiveLocation(was);
  const to = archiveLocation(is);
  const field = 'data.persistence';
  if (from !== undefined && to === undefined) {
    risks.push({ object, field, message: `the workflow archive and offloaded node status in ${from} are no longer read: archived workflows disappear from the UI and API, and offloaded workflows cannot be read` });
  } else if (from !== undefined && to !== from) {
    risks.push({ object, field, message: `the workflow archive moves from ${from} to ${to}: what is archived in ${from} (and offloaded node status) is no longer read` });
  } else if (was?.archive === true && is?.archive !== true) {
    risks.push({ object, field: `${field} > archive`, message: `the workflow archive in ${from} is switched off: archived workflows are no longer listed and new ones are not archived` });
  }
  const repoWas = yamlOf(dataOf(before).artifactRepository);
  const repoIs = yamlOf(dataOf(after).artifactRepository);
  risks.push(...repositoryChange('the default artifact repository (data.artifactRepository)', repoWas, repoIs, object, 'data.artifactRepository'));
  return risks;
}

const DRIVERS = ['s3', 'gcs', 'azure', 'oss', 'artifactory', 'hdfs', 'http', 'git', 'raw', 'plugin'];
const PLACE_FIELDS = ['endpoint', 'bucket', 'container', 'repoURL', 'url', 'addresses', 'path', 'name'];

/** An artifact repository's place as text (`s3 minio:9000 bucket my-bucket`), or undefined without one. */
export function repositoryLocation(repository: Json | undefined): string | undefined {
  if (!repository) return undefined;
  const driver = DRIVERS.find((d) => isObject(repository[d]));
  if (!driver) return undefined;
  const config = repository[driver] as Json;
  const parts = PLACE_FIELDS.filter((f) => config[f] !== undefined).map((f) => `${f} ${typeof config[f] === 'string' ? config[f] : JSON.stringify(config[f])}`);
  return [driver, ...parts].join(' ');
}

function repositoryChange(what: string, was: Json | undefined, is: Json | undefined, object: string, field: string): Risk[] {
  const from = repositoryLocation(was);
  const to = repositoryLocation(is);
  if (from === undefined || from === to) return [];
  const message = to === undefined
    ? `${what} (${from}) is removed: workflows can no longer read the artifacts stored there, and artifact GC no longer deletes them`
    : `${what} moves from ${from} to ${to}: artifacts stored in the old place are left behind`;
  return [{ object, field, message }];
}

/** Risks of an artifact repositories ConfigMap: a repository removed or pointed elsewhere, the default changed. */
export function repositoryRisks(before: Json, after: Json | undefined, object: string): Risk[] {
  const meta = metaOf(before);
  const defaultWas = meta.annotations?.[DEFAULT_REPOSITORY];
  if (meta.name !== REPOSITORIES && defaultWas === undefined) return [];
  const risks: Risk[] = [];
  const was = dataOf(before);
  const is = dataOf(after);
  for (const key of Object.keys(was).sort()) {
    risks.push(...repositoryChange(`artifact repository ${JSON.stringify(key)}`, yamlOf(was[key]), yamlOf(is[key]), object, `data.${key}`));
  }
  const defaultIs = metaOf(after).annotations?.[DEFAULT_REPOSITORY];
  if (after && defaultWas !== undefined && defaultIs !== defaultWas && Object.hasOwn(is, defaultWas)) {
    risks.push({
      object, field: `metadata.annotations["${DEFAULT_REPOSITORY}"]`,
      message: `the default artifact repository changes from ${JSON.stringify(defaultWas)} to ${defaultIs === undefined ? 'none' : JSON.stringify(defaultIs)}: workflows without an artifactRepositoryRef store their artifacts elsewhere`,
    });
  }
  return risks;
}
