import type { ArgoWorkflowsProps } from '../../src/config/options';
import { CrdMode, InstallScope } from '../../src/config/options';
import { find, K8sObject, key, ofKind, stdLabels, synthObjects } from '../util';

const CRUD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const AGG_ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const RBAC = 'rbac.authorization.k8s.io/v1';
const LEASES = { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] };
const CONFIGMAP_READ = { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] };
const AGENT_CA = { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-workflows-agent-ca-certificates'], verbs: ['get'] };

/** argo-cluster-role, upstream v4.1.2 (facts §5a). */
const CONTROLLER_CLUSTER_RULES = [
  { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: CRUD },
  { apiGroups: [''], resources: ['configmaps', 'namespaces'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], verbs: ['create', 'delete', 'get', 'update'] },
  { apiGroups: ['argoproj.io'], resources: ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'], verbs: CRUD },
  { apiGroups: ['argoproj.io'], resources: ['workflowtemplates', 'workflowtemplates/finalizers', 'clusterworkflowtemplates', 'clusterworkflowtemplates/finalizers'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['deletecollection', 'list', 'watch'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
  { apiGroups: ['argoproj.io'], resources: ['cronworkflows', 'cronworkflows/finalizers'], verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['create', 'delete', 'get'] },
  AGENT_CA,
];

/** The namespace-install controller rules (facts §5b): no namespaces, no clusterworkflowtemplates. */
const CONTROLLER_NAMESPACED_RULES = [
  { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: CRUD },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], verbs: ['create', 'delete', 'get', 'update'] },
  { apiGroups: ['argoproj.io'], resources: ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'], verbs: CRUD },
  { apiGroups: ['argoproj.io'], resources: ['workflowtemplates', 'workflowtemplates/finalizers'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['deletecollection', 'list', 'watch'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
  { apiGroups: ['argoproj.io'], resources: ['cronworkflows', 'cronworkflows/finalizers'], verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['create', 'delete', 'get'] },
  AGENT_CA,
];

const serverRules = (argo: string[]) => [
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'list', 'update', 'watch'] },
  { apiGroups: [''], resources: ['pods', 'pods/exec', 'pods/log'], verbs: ['delete', 'get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch', 'watch'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['argoproj.io'], resources: argo, verbs: CRUD },
];
const SERVER_CLUSTER_RULES = serverRules(['eventsources', 'sensors', 'workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'clusterworkflowtemplates']);
/** argo-server-role of the namespace install: drops clusterworkflowtemplates, adds cronworkflows/finalizers. */
const SERVER_NAMESPACED_RULES = serverRules(['eventsources', 'sensors', 'workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'cronworkflows/finalizers']);

const withFinalizers = (rs: string[]) => rs.flatMap((r) => [r, `${r}/finalizers`]);

const PERSISTENCE: ArgoWorkflowsProps = {
  controller: {
    config: {
      persistence: {
        postgresql: {
          host: 'postgres', port: 5432, database: 'postgres', tableName: 'argo_workflows',
          userNameSecret: { name: 'argo-postgres-config', key: 'username' }, passwordSecret: { name: 'argo-postgres-config', key: 'password' },
        },
      },
      synchronization: {
        mysql: {
          host: 'mysql', port: 3306, database: 'argo',
          userNameSecret: { name: 'sync-user', key: 'username' }, passwordSecret: { name: 'argo-mysql-config', key: 'password' },
        },
      },
    },
  },
};

function role(kind: string, name: string, rules: unknown[], component: string, namespace?: string, extraLabels: Record<string, string> = {}) {
  return {
    apiVersion: RBAC, kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels: { ...extraLabels, ...stdLabels(component) } },
    rules,
  };
}

function binding(kind: string, name: string, roleKind: string, roleName: string, sa: string, saNamespace: string, component: string, namespace?: string) {
  return {
    apiVersion: RBAC, kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels: stdLabels(component) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
    subjects: [{ kind: 'ServiceAccount', name: sa, namespace: saNamespace }],
  };
}

const rbacKeys = (objs: K8sObject[]) => objs.filter((o) => ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind)).map(key);

describe('cluster install', () => {
  const objs = synthObjects();

  test('the RBAC objects, exactly', () => {
    expect(rbacKeys(objs)).toEqual([
      'ClusterRole argo-crd-installer',
      'ClusterRoleBinding argo-crd-installer',
      'Role argo/argo-role',
      'RoleBinding argo/argo-binding',
      'ClusterRole argo-cluster-role',
      'ClusterRoleBinding argo-binding',
      'ClusterRole argo-aggregate-to-admin',
      'ClusterRole argo-aggregate-to-edit',
      'ClusterRole argo-aggregate-to-view',
      'ClusterRole argo-server-cluster-role',
      'ClusterRoleBinding argo-server-binding',
    ]);
  });

  test('ClusterRole argo-cluster-role: the upstream controller rules, Secrets only by name', () => {
    expect(find(objs, 'ClusterRole', 'argo-cluster-role')).toEqual(role('ClusterRole', 'argo-cluster-role', CONTROLLER_CLUSTER_RULES, 'workflow-controller'));
  });

  test('ClusterRole argo-server-cluster-role: the upstream server rules without Secret access', () => {
    expect(find(objs, 'ClusterRole', 'argo-server-cluster-role')).toEqual(role('ClusterRole', 'argo-server-cluster-role', SERVER_CLUSTER_RULES, 'argo-server'));
  });

  test('aggregate ClusterRoles carry their aggregate-to label; edit and view omit workflowtasksets', () => {
    const editList = withFinalizers(['workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'clusterworkflowtemplates', 'workflowtaskresults']);
    expect(find(objs, 'ClusterRole', 'argo-aggregate-to-admin')).toEqual(role('ClusterRole', 'argo-aggregate-to-admin', [{
      apiGroups: ['argoproj.io'],
      resources: withFinalizers(['workflows', 'workfloweventbindings', 'workflowtemplates', 'cronworkflows', 'clusterworkflowtemplates', 'workflowtasksets', 'workflowtaskresults']),
      verbs: AGG_ALL,
    }], 'workflow-controller', undefined, { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }));
    expect(find(objs, 'ClusterRole', 'argo-aggregate-to-edit')).toEqual(role('ClusterRole', 'argo-aggregate-to-edit', [
      { apiGroups: ['argoproj.io'], resources: editList, verbs: AGG_ALL },
    ], 'workflow-controller', undefined, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }));
    expect(find(objs, 'ClusterRole', 'argo-aggregate-to-view')).toEqual(role('ClusterRole', 'argo-aggregate-to-view', [
      { apiGroups: ['argoproj.io'], resources: editList, verbs: ['get', 'list', 'watch'] },
    ], 'workflow-controller', undefined, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }));
  });

  test('no aggregate role mentions workflowartifactgctasks', () => {
    const aggregate = ofKind(objs, 'ClusterRole').filter((c) => c.metadata.name.startsWith('argo-aggregate-to-'));
    expect(aggregate.map((c) => c.metadata.name)).toEqual(['argo-aggregate-to-admin', 'argo-aggregate-to-edit', 'argo-aggregate-to-view']);
    for (const o of aggregate) {
      expect(JSON.stringify(o.rules)).not.toContain('workflowartifactgctasks');
    }
  });

  test('Role argo-role: leases only when no Secret is configured', () => {
    expect(find(objs, 'Role', 'argo-role', 'argo')).toEqual(role('Role', 'argo-role', [LEASES], 'workflow-controller', 'argo'));
  });

  test('bindings: subjects carry the install namespace', () => {
    expect(find(objs, 'RoleBinding', 'argo-binding', 'argo')).toEqual(binding('RoleBinding', 'argo-binding', 'Role', 'argo-role', 'argo', 'argo', 'workflow-controller', 'argo'));
    expect(find(objs, 'ClusterRoleBinding', 'argo-binding')).toEqual(binding('ClusterRoleBinding', 'argo-binding', 'ClusterRole', 'argo-cluster-role', 'argo', 'argo', 'workflow-controller'));
    expect(find(objs, 'ClusterRoleBinding', 'argo-server-binding')).toEqual(binding('ClusterRoleBinding', 'argo-server-binding', 'ClusterRole', 'argo-server-cluster-role', 'argo-server', 'argo', 'argo-server'));
  });

  test('a custom install namespace reaches every binding subject', () => {
    const custom = synthObjects({ namespace: 'ops' });
    for (const b of [...ofKind(custom, 'RoleBinding'), ...ofKind(custom, 'ClusterRoleBinding')]) {
      expect(b.subjects.map((s: { namespace: string }) => s.namespace)).toEqual(['ops']);
    }
    expect(find(custom, 'Role', 'argo-role', 'ops').rules).toEqual([LEASES]);
  });

  test('persistence and synchronization secrets: Roles get exactly those Secrets by name', () => {
    const p = synthObjects(PERSISTENCE);
    const secrets = { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-mysql-config', 'argo-postgres-config', 'sync-user'], verbs: ['get'] };
    expect(find(p, 'Role', 'argo-role', 'argo')).toEqual(role('Role', 'argo-role', [LEASES, secrets], 'workflow-controller', 'argo'));
    expect(find(p, 'Role', 'argo-server-role', 'argo')).toEqual(role('Role', 'argo-server-role', [secrets], 'argo-server', 'argo'));
    expect(find(p, 'RoleBinding', 'argo-server-binding', 'argo')).toEqual(binding('RoleBinding', 'argo-server-binding', 'Role', 'argo-server-role', 'argo-server', 'argo', 'argo-server', 'argo'));
    // The cluster roles do not change.
    expect(find(p, 'ClusterRole', 'argo-cluster-role').rules).toEqual(CONTROLLER_CLUSTER_RULES);
    expect(find(p, 'ClusterRole', 'argo-server-cluster-role').rules).toEqual(SERVER_CLUSTER_RULES);
  });

  test('no argo-server-role without Secrets', () => {
    expect(objs.filter((o) => o.metadata.name === 'argo-server-role')).toEqual([]);
  });
});

describe('namespaced install', () => {
  test('install namespace only: merged Roles, no ClusterRole or ClusterRoleBinding except the CRD installer', () => {
    const objs = synthObjects({ scope: InstallScope.NAMESPACED });
    expect(rbacKeys(objs)).toEqual([
      'ClusterRole argo-crd-installer',
      'ClusterRoleBinding argo-crd-installer',
      'Role argo/argo-role',
      'RoleBinding argo/argo-binding',
      'Role argo/argo-server-role',
      'RoleBinding argo/argo-server-binding',
    ]);
    expect(find(objs, 'Role', 'argo-role', 'argo')).toEqual(role('Role', 'argo-role', [LEASES, ...CONTROLLER_NAMESPACED_RULES], 'workflow-controller', 'argo'));
    expect(find(objs, 'Role', 'argo-server-role', 'argo')).toEqual(role('Role', 'argo-server-role', SERVER_NAMESPACED_RULES, 'argo-server', 'argo'));
    expect(find(objs, 'RoleBinding', 'argo-binding', 'argo')).toEqual(binding('RoleBinding', 'argo-binding', 'Role', 'argo-role', 'argo', 'argo', 'workflow-controller', 'argo'));
    expect(find(objs, 'RoleBinding', 'argo-server-binding', 'argo')).toEqual(binding('RoleBinding', 'argo-server-binding', 'Role', 'argo-server-role', 'argo-server', 'argo', 'argo-server', 'argo'));
  });

  test('managed namespace: Roles in the install and the managed namespace, subjects in the install namespace', () => {
    const objs = synthObjects({ scope: InstallScope.NAMESPACED, managedNamespace: 'wf', crds: CrdMode.NONE });
    expect(rbacKeys(objs)).toEqual([
      'Role argo/argo-role',
      'RoleBinding argo/argo-binding',
      'Role wf/argo-role',
      'RoleBinding wf/argo-binding',
      'Role argo/argo-server-role',
      'RoleBinding argo/argo-server-binding',
      'Role wf/argo-server-role',
      'RoleBinding wf/argo-server-binding',
    ]);
    expect(find(objs, 'Role', 'argo-role', 'argo').rules).toEqual([LEASES, CONFIGMAP_READ]);
    expect(find(objs, 'Role', 'argo-role', 'wf').rules).toEqual(CONTROLLER_NAMESPACED_RULES);
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([CONFIGMAP_READ]);
    expect(find(objs, 'Role', 'argo-server-role', 'wf').rules).toEqual(SERVER_NAMESPACED_RULES);
    expect(find(objs, 'RoleBinding', 'argo-binding', 'wf')).toEqual(binding('RoleBinding', 'argo-binding', 'Role', 'argo-role', 'argo', 'argo', 'workflow-controller', 'wf'));
    expect(find(objs, 'RoleBinding', 'argo-server-binding', 'wf')).toEqual(binding('RoleBinding', 'argo-server-binding', 'Role', 'argo-server-role', 'argo-server', 'argo', 'argo-server', 'wf'));
  });

  test('managed namespace with Secrets: they are granted in the install namespace only', () => {
    const objs = synthObjects({ ...PERSISTENCE, scope: InstallScope.NAMESPACED, managedNamespace: 'wf' });
    const secrets = { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-mysql-config', 'argo-postgres-config', 'sync-user'], verbs: ['get'] };
    expect(find(objs, 'Role', 'argo-role', 'argo').rules).toEqual([LEASES, secrets, CONFIGMAP_READ]);
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([CONFIGMAP_READ, secrets]);
    expect(find(objs, 'Role', 'argo-role', 'wf').rules).toEqual(CONTROLLER_NAMESPACED_RULES);
    expect(find(objs, 'Role', 'argo-server-role', 'wf').rules).toEqual(SERVER_NAMESPACED_RULES);
  });

  test('install namespace only, with Secrets: appended to the merged Roles', () => {
    const objs = synthObjects({ ...PERSISTENCE, scope: InstallScope.NAMESPACED });
    const secrets = { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-mysql-config', 'argo-postgres-config', 'sync-user'], verbs: ['get'] };
    expect(find(objs, 'Role', 'argo-role', 'argo').rules).toEqual([LEASES, secrets, ...CONTROLLER_NAMESPACED_RULES]);
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([...SERVER_NAMESPACED_RULES, secrets]);
  });
});

/** Rules that break the invariants: a `*` anywhere, or Secrets without resourceNames. */
function rbacViolations(objs: K8sObject[]): string[] {
  const out: string[] = [];
  for (const o of objs.filter((x) => x.kind === 'Role' || x.kind === 'ClusterRole')) {
    (o.rules ?? []).forEach((r: { apiGroups?: string[]; resources?: string[]; verbs?: string[]; resourceNames?: string[]; nonResourceURLs?: string[] }, i: number) => {
      for (const field of ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'] as const) {
        if ((r[field] ?? []).some((v) => v.includes('*'))) out.push(`${key(o)} rule ${i}: "*" in ${field}`);
      }
      if ((r.resources ?? []).some((res) => res === 'secrets' || res.startsWith('secrets/')) && !(r.resourceNames?.length)) {
        out.push(`${key(o)} rule ${i}: secrets without resourceNames`);
      }
    });
    if (o.aggregationRule) out.push(`${key(o)}: aggregationRule`);
  }
  return out;
}

const MATRIX: [string, ArgoWorkflowsProps][] = [
  ['cluster default', {}],
  ['cluster, persistence, workflow namespaces with agent and artifact GC', {
    ...PERSISTENCE, workflowNamespaces: [{ name: 'argo', agent: true, artifactGC: true }, { name: 'team-a', agent: true, artifactGC: true }],
  }],
  ['cluster, minimal CRDs, no server', { crds: CrdMode.MINIMAL, server: { enabled: false } }],
  ['namespaced', { scope: InstallScope.NAMESPACED, workflowNamespaces: [{ name: 'argo', agent: true, artifactGC: true }] }],
  ['namespaced, managed namespace, persistence', { ...PERSISTENCE, scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'wf', agent: true, artifactGC: true }] }],
  ['namespaced, no CRDs', { scope: InstallScope.NAMESPACED, crds: CrdMode.NONE }],
];

/** Every binding of each MATRIX entry: [binding, roleRef, subjects], RoleBindings first. */
const BINDINGS: Record<string, [string, string, string[]][]> = {
  'cluster default': [
    ['RoleBinding argo/argo-binding', 'Role argo-role', ['ServiceAccount argo/argo']],
    ['ClusterRoleBinding argo-crd-installer', 'ClusterRole argo-crd-installer', ['ServiceAccount argo/argo-crd-installer']],
    ['ClusterRoleBinding argo-binding', 'ClusterRole argo-cluster-role', ['ServiceAccount argo/argo']],
    ['ClusterRoleBinding argo-server-binding', 'ClusterRole argo-server-cluster-role', ['ServiceAccount argo/argo-server']],
  ],
  'cluster, persistence, workflow namespaces with agent and artifact GC': [
    ['RoleBinding argo/argo-binding', 'Role argo-role', ['ServiceAccount argo/argo']],
    ['RoleBinding argo/argo-server-binding', 'Role argo-server-role', ['ServiceAccount argo/argo-server']],
    ['RoleBinding argo/executor-argo-workflow', 'Role executor', ['ServiceAccount argo/argo-workflow']],
    ['RoleBinding argo/agent-argo-workflow', 'Role agent', ['ServiceAccount argo/argo-workflow']],
    ['RoleBinding argo/artifactgc-argo-artifact-gc', 'Role artifactgc', ['ServiceAccount argo/argo-artifact-gc']],
    ['RoleBinding team-a/executor-argo-workflow', 'Role executor', ['ServiceAccount team-a/argo-workflow']],
    ['RoleBinding team-a/agent-argo-workflow', 'Role agent', ['ServiceAccount team-a/argo-workflow']],
    ['RoleBinding team-a/artifactgc-argo-artifact-gc', 'Role artifactgc', ['ServiceAccount team-a/argo-artifact-gc']],
    ['ClusterRoleBinding argo-crd-installer', 'ClusterRole argo-crd-installer', ['ServiceAccount argo/argo-crd-installer']],
    ['ClusterRoleBinding argo-binding', 'ClusterRole argo-cluster-role', ['ServiceAccount argo/argo']],
    ['ClusterRoleBinding argo-server-binding', 'ClusterRole argo-server-cluster-role', ['ServiceAccount argo/argo-server']],
  ],
  'cluster, minimal CRDs, no server': [
    ['RoleBinding argo/argo-binding', 'Role argo-role', ['ServiceAccount argo/argo']],
    ['ClusterRoleBinding argo-binding', 'ClusterRole argo-cluster-role', ['ServiceAccount argo/argo']],
  ],
  'namespaced': [
    ['RoleBinding argo/argo-binding', 'Role argo-role', ['ServiceAccount argo/argo']],
    ['RoleBinding argo/argo-server-binding', 'Role argo-server-role', ['ServiceAccount argo/argo-server']],
    ['RoleBinding argo/executor-argo-workflow', 'Role executor', ['ServiceAccount argo/argo-workflow']],
    ['RoleBinding argo/agent-argo-workflow', 'Role agent', ['ServiceAccount argo/argo-workflow']],
    ['RoleBinding argo/artifactgc-argo-artifact-gc', 'Role artifactgc', ['ServiceAccount argo/argo-artifact-gc']],
    ['ClusterRoleBinding argo-crd-installer', 'ClusterRole argo-crd-installer', ['ServiceAccount argo/argo-crd-installer']],
  ],
  'namespaced, managed namespace, persistence': [
    ['RoleBinding argo/argo-binding', 'Role argo-role', ['ServiceAccount argo/argo']],
    ['RoleBinding wf/argo-binding', 'Role argo-role', ['ServiceAccount argo/argo']],
    ['RoleBinding argo/argo-server-binding', 'Role argo-server-role', ['ServiceAccount argo/argo-server']],
    ['RoleBinding wf/argo-server-binding', 'Role argo-server-role', ['ServiceAccount argo/argo-server']],
    ['RoleBinding wf/executor-argo-workflow', 'Role executor', ['ServiceAccount wf/argo-workflow']],
    ['RoleBinding wf/agent-argo-workflow', 'Role agent', ['ServiceAccount wf/argo-workflow']],
    ['RoleBinding wf/artifactgc-argo-artifact-gc', 'Role artifactgc', ['ServiceAccount wf/argo-artifact-gc']],
    ['ClusterRoleBinding argo-crd-installer', 'ClusterRole argo-crd-installer', ['ServiceAccount argo/argo-crd-installer']],
  ],
  'namespaced, no CRDs': [
    ['RoleBinding argo/argo-binding', 'Role argo-role', ['ServiceAccount argo/argo']],
    ['RoleBinding argo/argo-server-binding', 'Role argo-server-role', ['ServiceAccount argo/argo-server']],
  ],
};

describe.each(MATRIX)('invariants: %s', (name, props) => {
  const objs = synthObjects(props);

  test('no "*" in any apiGroups, resources or verbs, and no rule grants Secrets without resourceNames', () => {
    expect(rbacViolations(objs)).toEqual([]);
  });

  test('exactly the expected bindings', () => {
    const bindings = [...ofKind(objs, 'RoleBinding'), ...ofKind(objs, 'ClusterRoleBinding')];
    expect(bindings.map((b) => [key(b), `${b.roleRef.kind} ${b.roleRef.name}`, b.subjects.map((s: { kind: string; namespace: string; name: string }) => `${s.kind} ${s.namespace}/${s.name}`)]))
      .toEqual(BINDINGS[name]);
  });

  test('every binding refers to a Role or ClusterRole that exists, and to a ServiceAccount that exists', () => {
    const bindings = [...ofKind(objs, 'RoleBinding'), ...ofKind(objs, 'ClusterRoleBinding')];
    expect(bindings).toHaveLength(BINDINGS[name].length);
    for (const b of bindings) {
      const ns = b.kind === 'RoleBinding' && b.roleRef.kind === 'Role' ? b.metadata.namespace : undefined;
      expect(() => find(objs, b.roleRef.kind, b.roleRef.name, ns)).not.toThrow();
      for (const s of b.subjects) {
        expect(s.kind).toBe('ServiceAccount');
        expect(typeof s.namespace).toBe('string');
        expect(() => find(objs, 'ServiceAccount', s.name, s.namespace)).not.toThrow();
      }
    }
  });
});

test.each(MATRIX.filter(([, p]) => p.scope === InstallScope.NAMESPACED))('%s: no ClusterRole or ClusterRoleBinding but the CRD installer\'s', (_name, props) => {
  const objs = synthObjects(props);
  const clusterRbac = [...ofKind(objs, 'ClusterRole'), ...ofKind(objs, 'ClusterRoleBinding')].map(key);
  expect(clusterRbac).toEqual(props.crds === CrdMode.NONE ? [] : ['ClusterRole argo-crd-installer', 'ClusterRoleBinding argo-crd-installer']);
});

describe('rbacViolations (the checker itself)', () => {
  const mk = (rules: unknown[]): K8sObject => ({ apiVersion: RBAC, kind: 'Role', metadata: { name: 'r', namespace: 'n' }, rules });

  test('flags "*" in each field', () => {
    expect(rbacViolations([mk([{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }])])).toEqual(['Role n/r rule 0: "*" in apiGroups']);
    expect(rbacViolations([mk([{ apiGroups: [''], resources: ['pods/*'], verbs: ['get'] }])])).toEqual(['Role n/r rule 0: "*" in resources']);
    expect(rbacViolations([mk([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }])])).toEqual(['Role n/r rule 0: "*" in verbs']);
  });

  test('flags Secrets without resourceNames and accepts them with', () => {
    expect(rbacViolations([mk([{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get'] }])])).toEqual(['Role n/r rule 0: secrets without resourceNames']);
    expect(rbacViolations([mk([{ apiGroups: [''], resources: ['secrets'], resourceNames: [], verbs: ['get'] }])])).toEqual(['Role n/r rule 0: secrets without resourceNames']);
    expect(rbacViolations([mk([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['x'], verbs: ['get'] }])])).toEqual([]);
  });
});
