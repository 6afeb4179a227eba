import { checkManifests } from '../../src/policy';
import { err, Obj, warn } from './fixtures';

describe('checkManifests: RBAC', () => {
  const role = (kind: string, rules: Obj[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'r', ...(kind === 'Role' ? { namespace: 'n' } : {}) }, rules });

  test.each(['apiGroups', 'resources', 'verbs'])('a wildcard in %s', (field) => {
    const rule: Obj = { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] };
    rule[field] = ['*'];
    expect(checkManifests([role('ClusterRole', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, rule])]).filter((f) => f.rule === 'rbac/wildcard')).toEqual([
      err('rbac/wildcard', `rules[1].${field} contains "*". Fix: list the ${field} the component needs`, 'ClusterRole//r'),
    ]);
  });

  test('wildcards in a Role too', () => {
    expect(checkManifests([role('Role', [{ apiGroups: ['*'], resources: ['pods'], verbs: ['*'] }])])).toEqual([
      err('rbac/wildcard', 'rules[0].apiGroups contains "*". Fix: list the apiGroups the component needs', 'Role/n/r'),
      err('rbac/wildcard', 'rules[0].verbs contains "*". Fix: list the verbs the component needs', 'Role/n/r'),
    ]);
  });

  test('reading Secrets without resourceNames', () => {
    expect(checkManifests([role('ClusterRole', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }])])).toEqual([
      warn('rbac/secret-read', 'rules[0] reads every Secret in the cluster. Fix: limit the rule with resourceNames', 'ClusterRole//r'),
    ]);
    expect(checkManifests([role('Role', [{ apiGroups: [''], resources: ['secrets'], verbs: ['watch'] }])])).toEqual([
      warn('rbac/secret-read', 'rules[0] reads every Secret in the namespace. Fix: limit the rule with resourceNames', 'Role/n/r'),
    ]);
  });

  test('named Secret reads and Secret creation are fine', () => {
    expect(checkManifests([role('Role', [
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ])])).toEqual([]);
  });
});
