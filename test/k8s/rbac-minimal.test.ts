import { readFileSync } from 'fs';
import { join } from 'path';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { InstallScope } from '../../src/config/options';
import { RBAC_FEATURES, RbacProfile } from '../../src/config/rbac';
import type { RbacFeatures } from '../../src/config/rbac';
import { controllerWorkloadRules, MINIMAL_GRANTS, serverWorkloadRules } from '../../src/k8s/_rbac-rules';
import { find, K8sObject, synthObjects } from '../util';

const MINIMAL: ArgoWorkflowsProps = { rbacProfile: RbacProfile.MINIMAL };
const ALL_FEATURES = Object.fromEntries(RBAC_FEATURES.map((f) => [f, true])) as RbacFeatures;
const rulesOf = (o: K8sObject) => (o as unknown as { rules: unknown[] }).rules;

const LEASES = { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] };
const CONTROLLER_CONFIG = { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] };
const controllerMinimal = (cluster: boolean) => [
  { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'watch'] },
  { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflows/finalizers'], verbs: ['update'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], verbs: ['get', 'list', 'watch'] },
  ...(cluster ? [{ apiGroups: ['argoproj.io'], resources: ['clusterworkflowtemplates'], verbs: ['get', 'list', 'watch'] }] : []),
  { apiGroups: ['argoproj.io'], resources: ['cronworkflows'], verbs: ['list', 'patch', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['cronworkflows/finalizers'], verbs: ['update'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['deletecollection', 'list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowtasksets'], verbs: ['list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowartifactgctasks'], verbs: ['list', 'watch'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];
const controllerFeatures = (cluster: boolean) => [
  { apiGroups: ['argoproj.io'], resources: ['workflowtasksets'], verbs: ['create', 'patch'] },
  { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-workflows-agent-ca-certificates'], verbs: ['get'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowartifactgctasks'], verbs: ['create', 'delete'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['create', 'delete'] },
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create', 'delete', 'get'] },
  ...(cluster ? [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }] : []),
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'delete', 'update'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
];
const serverMinimal = (cluster: boolean) => [
  { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] },
  ...(cluster ? [{ apiGroups: ['argoproj.io'], resources: ['clusterworkflowtemplates'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] }] : []),
  { apiGroups: ['argoproj.io'], resources: ['cronworkflows'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['watch'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
];
const SERVER_FEATURES = [
  { apiGroups: ['argoproj.io'], resources: ['eventsources'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['sensors'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workfloweventbindings'], verbs: ['list'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'update'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['list', 'watch'] },
];

describe('minimal, cluster install', () => {
  const objs = synthObjects(MINIMAL);

  test('argo-cluster-role, argo-role and argo-server-cluster-role, exactly', () => {
    expect(rulesOf(find(objs, 'ClusterRole', 'argo-cluster-role'))).toEqual(controllerMinimal(true));
    expect(rulesOf(find(objs, 'Role', 'argo-role', 'argo'))).toEqual([LEASES]);
    expect(rulesOf(find(objs, 'ClusterRole', 'argo-server-cluster-role'))).toEqual(serverMinimal(true));
    for (const name of ['argo-cluster-role', 'argo-server-cluster-role']) new ClusterRole(find(objs, 'ClusterRole', name) as never).validate();
  });

  test('every feature on adds its rules after the base ones', () => {
    const all = synthObjects({ ...MINIMAL, rbacFeatures: ALL_FEATURES });
    expect(rulesOf(find(all, 'ClusterRole', 'argo-cluster-role'))).toEqual([...controllerMinimal(true), ...controllerFeatures(true)]);
    expect(rulesOf(find(all, 'ClusterRole', 'argo-server-cluster-role'))).toEqual([...serverMinimal(true), ...SERVER_FEATURES]);
  });

  test('no pods/exec for argo-server, no ConfigMap writes, no Argo Events, no namespaces', () => {
    const text = JSON.stringify([find(objs, 'ClusterRole', 'argo-cluster-role'), find(objs, 'ClusterRole', 'argo-server-cluster-role')]);
    for (const word of ['eventsources', 'sensors', 'workfloweventbindings', 'namespaces', 'poddisruptionbudgets', 'persistentvolumeclaims', 'secrets']) expect(text).not.toContain(`"${word}"`);
    expect(JSON.stringify(rulesOf(find(objs, 'ClusterRole', 'argo-server-cluster-role')))).not.toContain('pods/exec');
  });
});

describe('minimal, namespaced installs', () => {
  test('one namespace: Roles argo-role and argo-server-role, exactly', () => {
    const objs = synthObjects({ ...MINIMAL, scope: InstallScope.NAMESPACED });
    expect(rulesOf(find(objs, 'Role', 'argo-role', 'argo'))).toEqual([LEASES, ...controllerMinimal(false)]);
    expect(rulesOf(find(objs, 'Role', 'argo-server-role', 'argo'))).toEqual(serverMinimal(false));
    for (const name of ['argo-role', 'argo-server-role']) new Role(find(objs, 'Role', name, 'argo') as never).validate();
  });

  test('a managed namespace: the install namespace keeps leases and the config read; features follow the workload rules', () => {
    const objs = synthObjects({ ...MINIMAL, scope: InstallScope.NAMESPACED, managedNamespace: 'work', rbacFeatures: ALL_FEATURES });
    expect(rulesOf(find(objs, 'Role', 'argo-role', 'argo'))).toEqual([LEASES, CONTROLLER_CONFIG]);
    expect(rulesOf(find(objs, 'Role', 'argo-role', 'work'))).toEqual([...controllerMinimal(false), ...controllerFeatures(false)]);
    expect(rulesOf(find(objs, 'Role', 'argo-server-role', 'argo'))).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    expect(rulesOf(find(objs, 'Role', 'argo-server-role', 'work'))).toEqual([...serverMinimal(false), ...SERVER_FEATURES]);
  });
});

describe('upstream', () => {
  test('memoization and templateOffload add their rules; the other features change nothing', () => {
    const objs = synthObjects({ rbacFeatures: ALL_FEATURES });
    expect(rulesOf(find(objs, 'ClusterRole', 'argo-cluster-role'))).toEqual([
      ...controllerWorkloadRules(true),
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'delete', 'update'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
    ]);
    expect(rulesOf(find(objs, 'ClusterRole', 'argo-server-cluster-role'))).toEqual(serverWorkloadRules(true));
  });
});

describe('the minimal rule table', () => {
  const triples = (rules: { apiGroups?: string[]; resources?: string[]; verbs: string[] }[]) =>
    new Set(rules.flatMap((r) => r.apiGroups!.flatMap((g) => r.resources!.flatMap((res) => r.verbs.map((v) => `${g}/${res}/${v}`)))));

  test('no wildcard anywhere, with every feature on, in both scopes', () => {
    for (const scope of [InstallScope.CLUSTER, InstallScope.NAMESPACED]) {
      const objs = synthObjects({ ...MINIMAL, scope, rbacFeatures: ALL_FEATURES });
      for (const o of objs.filter((x) => x.kind === 'Role' || x.kind === 'ClusterRole')) {
        for (const r of rulesOf(o) as Record<string, string[]>[]) {
          for (const field of ['apiGroups', 'resources', 'verbs', 'resourceNames']) expect(r[field] ?? []).not.toContain('*');
        }
      }
    }
  });

  test('minimal grants nothing upstream does not, except the ConfigMap writes upstream lacks too', () => {
    const upstream = {
      controller: new Set([...triples(controllerWorkloadRules(true)), 'coordination.k8s.io/leases/create', 'coordination.k8s.io/leases/get', 'coordination.k8s.io/leases/update']),
      server: triples(serverWorkloadRules(true)),
    };
    // Secrets are granted by name in both profiles (the agent CA Secret is in upstream's rules too).
    const beyond = (by: 'controller' | 'server') => [...new Set(MINIMAL_GRANTS.filter((g) => g.by === by && !g.rule.resources!.includes('secrets'))
      .flatMap((g) => [...triples([g.rule])].filter((t) => !upstream[by].has(t))))];
    expect(beyond('controller')).toEqual(['/configmaps/create', '/configmaps/delete', '/configmaps/update']);
    expect(beyond('server')).toEqual([]);
    expect(MINIMAL_GRANTS.filter((g) => g.rule.resources!.includes('configmaps') && g.rule.verbs.some((v) => v !== 'get' && v !== 'list' && v !== 'watch')).map((g) => `${g.by}:${g.feature}`))
      .toEqual(['controller:memoization', 'controller:templateOffload', 'server:syncLimits']);
  });

  test('every rule has a comment citing an Argo v4.1.2 source line for each of its verbs', () => {
    const source = readFileSync(join(__dirname, '../../src/k8s/_rbac-rules.ts'), 'utf8').split('\n');
    const start = source.findIndex((l) => l.startsWith('export const MINIMAL_GRANTS'));
    const end = source.findIndex((l, i) => i > start && l === '];');
    const citations: Record<string, string>[] = [];
    let pending: Record<string, string> = {};
    for (const line of source.slice(start + 1, end)) {
      const comment = /^ {2}\/\/ ([a-z]+(?:, [a-z]+)*): ((?:cmd|config|server|util|workflow)\/[\w/.-]+\.go):(\d+) \S/.exec(line);
      if (comment) {
        for (const verb of comment[1].split(', ')) pending[verb] = `${comment[2]}:${comment[3]}`;
      } else if (line.startsWith('  { by:')) {
        citations.push(pending);
        pending = {};
      } else {
        expect(line).toBe('');
      }
    }
    expect(citations).toHaveLength(MINIMAL_GRANTS.length);
    MINIMAL_GRANTS.forEach((g, i) => expect([g.by, g.rule.resources, Object.keys(citations[i]).sort()]).toEqual([g.by, g.rule.resources, [...g.rule.verbs].sort()]));
  });

  test('verbs are sorted and every feature has at least one rule', () => {
    for (const g of MINIMAL_GRANTS) expect(g.rule.verbs).toEqual([...g.rule.verbs].sort());
    expect(RBAC_FEATURES.filter((f) => !MINIMAL_GRANTS.some((g) => g.feature === f))).toEqual([]);
  });
});
