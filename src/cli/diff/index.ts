/**
 * The difference between two outputs of argo-stack, object by object: objects added, removed and
 * changed (with field paths), and, apart, the changes that are not safe to apply (see `rules.ts`).
 * Pure: the objects come in as data.
 */
import { fieldChanges } from './fields';
import { changeRisks, groupKind, immutableRisks, removalRisks } from './rules';
import type { ChangedObject, Diff, Manifest, Risk } from './types';

export type { FieldChange } from './fields';
export type { ChangedObject, Diff, Manifest, Risk } from './types';

/** `cluster: StatefulSet argo/postgres` (the group is named too when two objects would read the same). */
export function objectName(m: Manifest): string {
  const meta = (m.object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
  const group = groupKind(m.object).split('/')[0];
  const kind = String(m.object.kind);
  const qualified = group && !['apps', 'batch', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'policy', 'scheduling.k8s.io', 'apiextensions.k8s.io', 'admissionregistration.k8s.io'].includes(group) ? `${kind}.${group}` : kind;
  return `${m.chart}: ${qualified} ${ns}${String(meta.name)}`;
}

/** The identity of an object across versions: chart, group, kind, namespace, name (not the API version). */
function keyOf(m: Manifest): string {
  const meta = (m.object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return JSON.stringify([m.chart, groupKind(m.object), meta.namespace ?? '', meta.name ?? '']);
}

function byKey(manifests: readonly Manifest[]): Map<string, Manifest> {
  return new Map(manifests.map((m) => [keyOf(m), m]));
}

/** Compares the objects of an old and a new output. Every list is sorted by object name. */
export function diffManifests(before: readonly Manifest[], after: readonly Manifest[]): Diff {
  const old = byKey(before);
  const now = byKey(after);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: ChangedObject[] = [];
  const immutable: Risk[] = [];
  const dataLoss: Risk[] = [];
  let unchanged = 0;
  for (const [key, m] of old) {
    const name = objectName(m);
    const next = now.get(key);
    if (!next) {
      removed.push(name);
      dataLoss.push(...removalRisks(m.object, name));
      continue;
    }
    const changes = fieldChanges(m.object, next.object);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    changed.push({ object: name, kind: String(next.object.kind), changes });
    immutable.push(...immutableRisks(m.object, next.object, name, changes));
    dataLoss.push(...changeRisks(m.object, next.object, name, changes));
  }
  for (const [key, m] of now) if (!old.has(key)) added.push(objectName(m));
  const byObject = (a: { object: string }, b: { object: string }) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0);
  return {
    added: added.sort(), removed: removed.sort(), changed: changed.sort(byObject), unchanged,
    immutable: immutable.sort(byObject), dataLoss: dataLoss.sort(byObject),
  };
}

/** True when every change can be applied without refusal or data loss. */
export const isSafe = (d: Diff): boolean => d.immutable.length === 0 && d.dataLoss.length === 0;

export { formatDiff, verdict } from './format';
