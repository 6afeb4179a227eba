/**
 * Late values: annotations whose value is unknown before deploy (the Azure managed identity's
 * client id), applied to a ServiceAccount of the release as a server-side-apply patch. Checked
 * against the rendered objects before any resource is registered.
 */
import * as pulumi from '@pulumi/pulumi';
import { Checker } from '../config/check';
import { conflict, invalid } from '../config/errors';
import { validateAnnotations } from '../config/names';

/** Annotations added to one ServiceAccount of the release once their values are known. */
export interface ServiceAccountPatchSpec {
  /** Namespace of the ServiceAccount (one the release renders). */
  readonly namespace: string;
  /** Name of the ServiceAccount (one the release renders). */
  readonly name: string;
  /**
   * Annotations to add, e.g. `{ 'azure.workload.identity/client-id': identity.clientId }`: the keys
   * are plain (checked before anything is registered), the values may be outputs. A key the release
   * already sets on that ServiceAccount is rejected: two owners of one field.
   */
  readonly annotations: Record<string, pulumi.Input<string>>;
}

const PATCH_KEYS = ['namespace', 'name', 'annotations'] as const;
const OPTION = 'serviceAccountPatches';

/** The ServiceAccounts of the rendered objects, by `namespace/name`, with their annotations. */
function serviceAccounts(objects: readonly Record<string, unknown>[]): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (o.apiVersion !== 'v1' || o.kind !== 'ServiceAccount') continue;
    const meta = o.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
    found.set(`${meta.namespace ?? ''}/${meta.name}`, meta.annotations ?? {});
  }
  return found;
}

/** The keys of an annotation map, checked as annotation keys; the values must be strings or outputs. */
function checkPatchAnnotations(option: string, annotations: unknown): string[] {
  if (pulumi.Output.isInstance(annotations)) {
    throw invalid(option, '<output>', 'it must be an object whose keys are known before deploy (values may be outputs), not an output', 'pass an object, e.g. { "azure.workload.identity/client-id": identity.clientId }');
  }
  new Checker(option).object(annotations, '{ "azure.workload.identity/client-id": identity.clientId }');
  const entries = Object.entries(annotations as Record<string, unknown>);
  if (entries.length === 0) throw invalid(option, annotations, 'a patch adds at least one annotation', 'give the annotations to add, or remove the patch');
  for (const [key, value] of entries) {
    if (typeof value !== 'string' && !pulumi.Output.isInstance(value) && !(value instanceof Promise)) {
      throw invalid(`${option}["${key}"]`, value, 'an annotation value must be a string or a Pulumi output of one', 'give the output that holds the value, e.g. identity.clientId');
    }
  }
  validateAnnotations(option, Object.fromEntries(entries.map(([key]) => [key, ''])));
  return entries.map(([key]) => key);
}

/**
 * Checks every patch: known keys, a ServiceAccount the release renders, annotation keys valid and
 * not already set by the release on that ServiceAccount, no ServiceAccount patched twice.
 */
export function validatePatches(patches: unknown, objects: readonly Record<string, unknown>[]): ServiceAccountPatchSpec[] {
  if (patches === undefined) return [];
  if (!Array.isArray(patches)) throw invalid(OPTION, patches, 'it must be a list of { namespace, name, annotations }', 'give a list, or omit it');
  const accounts = serviceAccounts(objects);
  const seen = new Set<string>();
  return patches.map((p: unknown, i) => {
    const c = new Checker(OPTION).item(i);
    const o = c.object(p, '{ namespace: "argo", name: "argo-workflow", annotations: { ... } }');
    c.known(o, PATCH_KEYS);
    const namespace = c.dnsLabel('namespace', o.namespace);
    const name = c.dnsSubdomain('name', o.name);
    const id = `${namespace}/${name}`;
    const rendered = accounts.get(id);
    if (rendered === undefined) {
      throw invalid(c.path, id, `the release renders no ServiceAccount ${id} (it renders ${[...accounts.keys()].join(', ')})`, 'patch one of those ServiceAccounts');
    }
    if (seen.has(id)) throw conflict(`${c.path} patches ServiceAccount ${id} a second time`, `merge the annotations into the first patch of ${id}`);
    seen.add(id);
    checkOwnership(c.at('annotations'), checkPatchAnnotations(c.at('annotations'), o.annotations), rendered, id);
    return { namespace, name, annotations: o.annotations as ServiceAccountPatchSpec['annotations'] };
  });
}

function checkOwnership(option: string, keys: readonly string[], rendered: Record<string, string>, id: string): void {
  const owned = keys.find((k) => k in rendered);
  if (owned !== undefined) {
    throw conflict(`${option} sets "${owned}", which the release already sets on ServiceAccount ${id}: two owners of one field conflict under server-side apply`,
      `remove "${owned}" from the patch, or leave it out of the options that render it`);
  }
}
