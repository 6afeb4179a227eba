/**
 * The rules the composer checks before the features: the props are an options object of known
 * keys and plain data, and settings that an option and the raw controller config would both make.
 */
import { rejectUnknownKeys } from './check';
import type { ControllerConfig } from './controller-config';
import { conflict } from './errors';
import { ArgoWorkflowsProps, PROPS_KEYS } from './options';
import { plainDataProblems } from './plain-data';
import { Problems } from './problems';

export function checkProps(props: unknown): asserts props is ArgoWorkflowsProps {
  // The props are not shown: they may hold credentials.
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    const got = props === null ? 'null' : Array.isArray(props) ? 'an array' : `a ${typeof props}`;
    throw conflict(`ArgoWorkflows props (${got}) is invalid: it must be an options object`, 'pass an options object, e.g. { namespace: "argo" }, or nothing');
  }
  // Plain data first (no null, no cycles, no Symbols), then every top-level key: all problems at once.
  const problems = new Problems();
  problems.add(plainDataProblems(props));
  problems.throwIfAny();
  // Every unknown top-level key, each on its own line.
  for (const k of Object.keys(props)) problems.attempt(() => rejectUnknownKeys('', { [k]: (props as Record<string, unknown>)[k] }, PROPS_KEYS), undefined);
  problems.throwIfAny();
}

/** The names in `controller.config.artifactDrivers` (checked on its own; anything else gives none here). */
export function driverNames(drivers: unknown): string[] {
  return Array.isArray(drivers) ? drivers.flatMap((d) => (typeof d?.name === 'string' ? [d.name] : [])) : [];
}

/** argo-server exits unless every artifact driver runs as a sidecar of its pod, which argo-stack does not build yet. */
export function rejectArtifactDrivers(props: ArgoWorkflowsProps): void {
  const drivers = props.controller?.config?.artifactDrivers;
  if (props.server?.enabled !== false && Array.isArray(drivers) && drivers.length > 0) {
    throw conflict('controller.config.artifactDrivers is set with argo-server enabled: argo-server exits at start unless every driver image runs as a sidecar of its own pod, which argo-stack does not build yet',
      'remove artifactDrivers and the plugin repositories that use them, or run without argo-server (server.enabled: false)');
  }
}

/** A setting made by an option and by `controller.config` would be configured twice. */
export function rejectTwice(props: ArgoWorkflowsProps): void {
  const user: ControllerConfig = props.controller?.config ?? {};
  if (props.persistence !== undefined && (user.persistence !== undefined || user.synchronization !== undefined)) {
    const key = user.persistence !== undefined ? 'persistence' : 'synchronization';
    throw conflict(`persistence is set and so is controller.config.${key}: the database would be configured twice`, `remove controller.config.${key} and use the persistence option`);
  }
  if (props.artifactRepository !== undefined && user.artifactRepository !== undefined) {
    throw conflict('artifactRepository is set and so is controller.config.artifactRepository: the default repository would be configured twice',
      'remove controller.config.artifactRepository and use the artifactRepository option');
  }
  const p = user.persistence;
  if (p === undefined) return;
  if (p.postgresql && p.mysql) throw conflict('controller.config.persistence sets both postgresql and mysql: Argo uses exactly one database', 'keep only one of them');
  const db = p.postgresql ?? p.mysql;
  if (!db) throw conflict('controller.config.persistence has no database: Argo needs postgresql or mysql', 'add persistence.postgresql or persistence.mysql');
  if (!db.tableName) throw conflict(`controller.config.persistence.${p.postgresql ? 'postgresql' : 'mysql'}.tableName is missing: Argo exits with "TableName is empty"`, 'set tableName, e.g. "argo_workflows"');
}
