/**
 * The changes between two versions of an install that are not safe to apply: fields the API server
 * refuses to change (`kubectl apply` fails; the object must be deleted and created again), and
 * changes that can lose data (a volume claim, a database or MinIO removed, the workflow archive or
 * an artifact repository switched off or pointed elsewhere).
 */
import { fieldChanges, pathText, under, type FieldChange } from './fields';
import { quantityValue } from './quantity';
import { archiveRisks, repositoryRisks } from './storage-rules';
import type { Risk } from './types';

type Json = Record<string, unknown>;


/** `group/kind` of an object: `apps/StatefulSet`, `/Service` for the core group. */
export function groupKind(o: Json): string {
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  return `${apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''}/${String(o.kind)}`;
}

/** The spec fields of a StatefulSet the API server lets change; any other is immutable. */
const STATEFUL_SET_MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'];

/** Immutable field paths by group/kind; the message says what to do. */
const IMMUTABLE: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'apps/Deployment': [['spec', 'selector']],
  'apps/DaemonSet': [['spec', 'selector']],
  'apps/ReplicaSet': [['spec', 'selector']],
  'batch/Job': [['spec', 'selector'], ['spec', 'template'], ['spec', 'completionMode'], ['spec', 'completions'], ['spec', 'podFailurePolicy'], ['spec', 'manualSelector']],
  '/Service': [['spec', 'clusterIP'], ['spec', 'clusterIPs'], ['spec', 'ipFamilies']],
  'rbac.authorization.k8s.io/RoleBinding': [['roleRef']],
  'rbac.authorization.k8s.io/ClusterRoleBinding': [['roleRef']],
  'apiextensions.k8s.io/CustomResourceDefinition': [['spec', 'scope'], ['spec', 'group']],
  '/Secret': [['type']],
};

/** Why a field is immutable, by group/kind: what `kubectl apply` does and the way out. */
const RECREATE = 'the API server refuses the change (field is immutable), so kubectl apply fails: delete the object and apply again';

/** The immutable fields a change touches, for a PersistentVolumeClaim: all of spec but a growing storage request. */
function claimRisks(changes: readonly FieldChange[], object: string): Risk[] {
  const storage = ['spec', 'resources', 'requests', 'storage'];
  const risks: Risk[] = [];
  for (const c of changes.filter((c) => under(c.segments, ['spec']) && !under(c.segments, ['spec', 'volumeAttributesClassName']))) {
    const field = pathText(c.segments);
    if (under(c.segments, storage) && c.segments.length === storage.length) {
      const before = quantityValue(c.before);
      const after = quantityValue(c.after);
      if (before !== undefined && after !== undefined && after >= before) continue;
      risks.push({ object, field, message: 'a volume claim can only grow (and only when its StorageClass allows expansion): the API server refuses a smaller or removed storage request' });
      continue;
    }
    risks.push({ object, field, message: `the spec of a volume claim cannot change except to grow its storage request: ${RECREATE}, which deletes the volume's data unless its PersistentVolume is retained` });
  }
  return risks;
}

/** One risk per immutable field that changed. */
export function immutableRisks(before: Json, after: Json, object: string, changes: readonly FieldChange[] = fieldChanges(before, after)): Risk[] {
  const kind = groupKind(after);
  if (kind !== groupKind(before)) return [];
  if (kind === '/PersistentVolumeClaim') return claimRisks(changes, object);
  const risks: Risk[] = [];
  const seen = new Set<string>();
  const report = (prefix: readonly string[], message: string) => {
    const field = pathText(prefix);
    if (!seen.has(field)) risks.push({ object, field, message });
    seen.add(field);
  };
  for (const c of changes) {
    for (const prefix of IMMUTABLE[kind] ?? []) if (under(c.segments, prefix)) report(prefix, RECREATE);
    if (kind === 'apps/StatefulSet' && under(c.segments, ['spec']) && c.segments.length > 1 && !STATEFUL_SET_MUTABLE.includes(c.segments[1])) {
      report(c.segments.slice(0, 2), `a StatefulSet's spec may change only in ${STATEFUL_SET_MUTABLE.join(', ')}: ${RECREATE} (kubectl delete statefulset --cascade=orphan keeps its pods and volumes)`);
    }
    if ((kind === '/ConfigMap' || kind === '/Secret') && before.immutable === true && (under(c.segments, ['data']) || under(c.segments, ['binaryData']) || under(c.segments, ['stringData']) || under(c.segments, ['immutable']))) {
      report([c.segments[0]], `the ${kind.slice(1)} is immutable (immutable: true): ${RECREATE}`);
    }
  }
  return risks;
}

/** Components whose StatefulSet holds data, and what data. */
const DATA_HOLDERS: Readonly<Record<string, string>> = {
  postgres: 'the PostgreSQL database of the workflow archive',
  mysql: 'the MySQL database of the workflow archive',
  minio: 'the MinIO artifact storage',
};

/** What a StatefulSet holds, when it holds data: by component label, by image, or by its volume claims. */
function dataOf(o: Json): string | undefined {
  const metadata = (o.metadata ?? {}) as { labels?: Record<string, string> };
  const component = metadata.labels?.['app.kubernetes.io/component'];
  if (component !== undefined && Object.hasOwn(DATA_HOLDERS, component)) return DATA_HOLDERS[component];
  const spec = (o.spec ?? {}) as { volumeClaimTemplates?: unknown[]; template?: { spec?: { containers?: { image?: string }[] } } };
  const image = (spec.template?.spec?.containers ?? []).map((c) => c.image ?? '').find((i) => /postgres|mysql|mariadb|minio/.test(i));
  if (image) return `the data of ${image.replace(/[:@].*$/, '')}`;
  return spec.volumeClaimTemplates?.length ? 'data on its volume claims' : undefined;
}

function retained(o: Json): boolean {
  const spec = (o.spec ?? {}) as { persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string } };
  return spec.persistentVolumeClaimRetentionPolicy?.whenDeleted !== 'Delete';
}

/** Data lost when an object is removed (deleted by a pruning apply or by a GitOps sync). */
export function removalRisks(before: Json, object: string): Risk[] {
  const kind = groupKind(before);
  const name = String((before.metadata as { name?: unknown } | undefined)?.name);
  const holds = kind === 'apps/StatefulSet' ? dataOf(before) : undefined;
  if (holds) {
    const claims = retained(before) ? 'its volume claims stay (whenDeleted: Retain), but nothing serves them' : 'its volume claims are deleted with it (whenDeleted: Delete)';
    return [{ object, message: `the StatefulSet holding ${holds} is removed: ${claims}` }];
  }
  const risks: Record<string, string> = {
    '/PersistentVolumeClaim': 'the volume claim is removed: its volume and data are deleted unless its PersistentVolume is retained',
    '/Namespace': 'the namespace is removed: deleting it deletes every object in it (workflows, their pods and logs, Secrets, volume claims)',
    'apiextensions.k8s.io/CustomResourceDefinition': `the CustomResourceDefinition is removed: deleting it deletes every ${name.split('.')[0]} object in the cluster`,
  };
  if (Object.hasOwn(risks, kind)) return [{ object, message: risks[kind] }];
  if (kind === '/ConfigMap') return [...archiveRisks(before, undefined, object), ...repositoryRisks(before, undefined, object)];
  return [];
}

/** Data that can be lost by a change: a data-holding StatefulSet's claims, the archive, artifact repositories. */
export function changeRisks(before: Json, after: Json, object: string, changes: readonly FieldChange[]): Risk[] {
  const kind = groupKind(after);
  if (kind === '/ConfigMap') return [...archiveRisks(before, after, object), ...repositoryRisks(before, after, object)];
  const holds = kind === 'apps/StatefulSet' ? dataOf(before) : undefined;
  if (holds && changes.some((c) => under(c.segments, ['spec', 'volumeClaimTemplates']))) {
    return [{ object, field: 'spec.volumeClaimTemplates', message: `the volume claims of the StatefulSet holding ${holds} change: recreated pods get new, empty volumes unless the claims keep their names` }];
  }
  return [];
}
