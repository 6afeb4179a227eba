/**
 * `rbac/`: no `*` in verbs, resources or apiGroups of a Role or ClusterRole; no unrestricted
 * Secret reads (a warning).
 */
import { isObj, list, Obj, Report } from './_objects';

const READ_VERBS = ['get', 'list', 'watch', '*'];

/** The rules of a Role or ClusterRole; other kinds are skipped. */
export function checkRbacRules(obj: Obj, report: Report): void {
  if (obj.kind !== 'Role' && obj.kind !== 'ClusterRole') return;
  list(obj.rules).filter(isObj).forEach((r, i) => {
    for (const field of ['apiGroups', 'resources', 'verbs']) {
      if (list(r[field]).includes('*')) report('error', 'rbac/wildcard', `rules[${i}].${field} contains "*". Fix: list the ${field} the component needs`);
    }
    const resources = list(r.resources);
    const readsSecrets = (resources.includes('secrets') || resources.includes('*')) && list(r.verbs).some((v) => READ_VERBS.includes(v));
    if (readsSecrets && list(r.resourceNames).length === 0) {
      report('warning', 'rbac/secret-read', `rules[${i}] reads every Secret ${obj.kind === 'ClusterRole' ? 'in the cluster' : 'in the namespace'}. Fix: limit the rule with resourceNames`);
    }
  });
}
