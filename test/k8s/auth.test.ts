/** The UI accounts (SSO RBAC mappings, token login) and argo-server's RBAC for SSO: exact fields, schema-valid. */
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Secret } from 'kubernetes-models/v1/Secret';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { AccessProfile } from '../../src/config/auth/profiles';
import { Sso } from '../../src/config/auth/sso';
import { InstallScope } from '../../src/config/install';
import { profileRules } from '../../src/k8s/_rbac-rules';
import { find, K8sObject, key, stdLabels, synthObjects } from '../util';

const RBAC = 'rbac.authorization.k8s.io/v1';
const SSO = stdLabels('sso-rbac');
const UI = stdLabels('token-login');
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  ServiceAccount, Secret, Role, RoleBinding, ClusterRole, ClusterRoleBinding,
} as never;
const ofComponent = (objs: K8sObject[], c: string) => objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === c);
const validate = (objs: K8sObject[]) => { for (const o of objs) new MODELS[o.kind](o as never).validate(); };
const sso = (mappings: unknown[], more: Record<string, unknown> = {}) => Sso.oidc({ issuer: 'https://idp.example.com', rbac: { mappings: mappings as never, ...more } });

const READ_ONLY_NAMESPACED = [
  { apiGroups: ['argoproj.io'], resources: ['cronworkflows', 'workfloweventbindings', 'workflows', 'workflowtemplates'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['watch'] },
  { apiGroups: ['argoproj.io'], resources: ['eventsources', 'sensors'], verbs: ['get', 'list', 'watch'] },
];

describe('SSO RBAC accounts in a cluster install', () => {
  const objs = synthObjects({
    workflowNamespaces: [{ name: 'argo' }],
    sso: sso([
      { serviceAccountName: 'argo-admins', groups: ['admins'], profile: AccessProfile.ADMIN, precedence: 2 },
      { serviceAccountName: 'argo-viewer', rule: 'true', profile: AccessProfile.READ_ONLY, namespaces: ['argo'] },
    ]),
  });
  const mine = ofComponent(objs, 'sso-rbac');

  test('objects: per mapping a ServiceAccount, its token Secret, a ClusterRole for cluster workflow templates, then its Roles with bindings', () => {
    expect(mine.map(key)).toEqual([
      'ServiceAccount argo/argo-admins', 'Secret argo/argo-admins.service-account-token', 'ClusterRole argo-sso-argo-admins', 'ClusterRoleBinding argo-sso-argo-admins',
      'Role argo/argo-sso-argo-admins', 'RoleBinding argo/argo-sso-argo-admins',
      'ServiceAccount argo/argo-viewer', 'Secret argo/argo-viewer.service-account-token', 'ClusterRole argo-sso-argo-viewer', 'ClusterRoleBinding argo-sso-argo-viewer',
      'Role argo/argo-sso-argo-viewer', 'RoleBinding argo/argo-sso-argo-viewer',
    ]);
    validate(mine);
  });

  test('the ServiceAccount carries the rule and precedence, and mounts no token', () => {
    expect(find(objs, 'ServiceAccount', 'argo-admins', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: false,
      metadata: {
        name: 'argo-admins', namespace: 'argo', labels: SSO,
        annotations: { 'workflows.argoproj.io/rbac-rule': "'admins' in groups", 'workflows.argoproj.io/rbac-rule-precedence': '2' },
      },
    });
  });

  test('the token Secret: type service-account-token, annotated with its account, no data', () => {
    expect(find(objs, 'Secret', 'argo-admins.service-account-token', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: { name: 'argo-admins.service-account-token', namespace: 'argo', labels: SSO, annotations: { 'kubernetes.io/service-account.name': 'argo-admins' } },
    });
  });

  test('admin without namespaces: every UI kind with deletecollection in the workflow namespaces, cluster workflow templates cluster-wide, never Secrets', () => {
    const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
    expect(find(objs, 'ClusterRole', 'argo-sso-argo-admins')).toEqual({
      apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'argo-sso-argo-admins', labels: SSO },
      rules: [{ apiGroups: ['argoproj.io'], resources: ['clusterworkflowtemplates'], verbs: all }],
    });
    expect(find(objs, 'Role', 'argo-sso-argo-admins', 'argo').rules).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['cronworkflows', 'workfloweventbindings', 'workflows', 'workflowtemplates'], verbs: all },
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      { apiGroups: [''], resources: ['events'], verbs: ['watch'] },
      { apiGroups: ['argoproj.io'], resources: ['eventsources', 'sensors'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(find(objs, 'ClusterRole', 'argo-sso-argo-viewer').rules).toEqual([{ apiGroups: ['argoproj.io'], resources: ['clusterworkflowtemplates'], verbs: ['get', 'list', 'watch'] }]);
    expect(find(objs, 'ClusterRoleBinding', 'argo-sso-argo-admins')).toEqual({
      apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'argo-sso-argo-admins', labels: SSO },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'argo-sso-argo-admins' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-admins', namespace: 'argo' }],
    });
  });

  test('read-only in one namespace: a Role and its RoleBinding there', () => {
    expect(find(objs, 'Role', 'argo-sso-argo-viewer', 'argo')).toEqual({
      apiVersion: RBAC, kind: 'Role', metadata: { name: 'argo-sso-argo-viewer', namespace: 'argo', labels: SSO }, rules: READ_ONLY_NAMESPACED,
    });
    expect(find(objs, 'RoleBinding', 'argo-sso-argo-viewer', 'argo')).toEqual({
      apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'argo-sso-argo-viewer', namespace: 'argo', labels: SSO },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argo-sso-argo-viewer' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-viewer', namespace: 'argo' }],
    });
  });

  test('argo-server reads the client Secret, "sso" and the tokens by name, may create Secrets, and lists service accounts cluster-wide', () => {
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-admins.service-account-token', 'argo-server-sso', 'argo-viewer.service-account-token', 'sso'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ]);
    expect(find(objs, 'ClusterRole', 'argo-server-cluster-role').rules).toContainEqual({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list', 'watch'] });
  });

  test('the controller config carries sso with rbac enabled; argo-server runs client and sso', () => {
    const cm = find(objs, 'ConfigMap', 'workflow-controller-configmap', 'argo');
    expect(cm.data.sso).toBe([
      'clientId:', '  key: clientID', '  name: argo-server-sso', 'clientSecret:', '  key: clientSecret', '  name: argo-server-sso',
      'issuer: https://idp.example.com', 'rbac:', '  enabled: true', '',
    ].join('\n'));
    const args: string[] = find(objs, 'Deployment', 'argo-server', 'argo').spec.template.spec.containers[0].args;
    expect(args.filter((a) => a.startsWith('--auth-mode'))).toEqual(['--auth-mode=client', '--auth-mode=sso']);
  });
});

describe('SSO RBAC in a namespaced install with a managed namespace', () => {
  const objs = synthObjects({
    scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'wf' }],
    sso: sso([{ serviceAccountName: 'everyone', rule: 'true', profile: AccessProfile.EDITOR }]),
  });

  test('the account lives in the managed namespace, with a Role there, and argo-server reads its token there', () => {
    expect(ofComponent(objs, 'sso-rbac').map(key)).toEqual([
      'ServiceAccount wf/everyone', 'Secret wf/everyone.service-account-token', 'Role wf/argo-sso-everyone', 'RoleBinding wf/argo-sso-everyone',
      'Role wf/argo-server-sso-tokens', 'RoleBinding wf/argo-server-sso-tokens',
    ]);
    expect(find(objs, 'Role', 'argo-server-sso-tokens', 'wf').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['everyone.service-account-token'], verbs: ['get'] },
    ]);
    expect(find(objs, 'RoleBinding', 'argo-server-sso-tokens', 'wf').subjects).toEqual([{ kind: 'ServiceAccount', name: 'argo-server', namespace: 'argo' }]);
    validate(ofComponent(objs, 'sso-rbac'));
  });

  test('argo-server lists and watches service accounts in the managed namespace through its own Role', () => {
    expect(find(objs, 'Role', 'argo-server-role', 'wf').rules).toContainEqual({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list', 'watch'] });
  });
});

describe('token login', () => {
  const objs = synthObjects({ tokenLogin: { accounts: [{ name: 'argo-ui', profile: AccessProfile.EDITOR, namespaces: ['team-a', 'team-b'] }] } });
  const mine = ofComponent(objs, 'token-login');

  test('objects: the ServiceAccount and its token Secret in the install namespace, a Role and RoleBinding per namespace', () => {
    expect(mine.map(key)).toEqual([
      'ServiceAccount argo/argo-ui', 'Secret argo/argo-ui.service-account-token',
      'Role team-a/argo-ui-argo-ui', 'RoleBinding team-a/argo-ui-argo-ui', 'Role team-b/argo-ui-argo-ui', 'RoleBinding team-b/argo-ui-argo-ui',
    ]);
    validate(mine);
    expect(find(objs, 'ServiceAccount', 'argo-ui', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: false, metadata: { name: 'argo-ui', namespace: 'argo', labels: UI },
    });
    expect(find(objs, 'RoleBinding', 'argo-ui-argo-ui', 'team-b').subjects).toEqual([{ kind: 'ServiceAccount', name: 'argo-ui', namespace: 'argo' }]);
  });

  test('editor: changes the Argo kinds and deletes pods (retry), reads logs and events', () => {
    expect(find(objs, 'Role', 'argo-ui-argo-ui', 'team-a').rules).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['cronworkflows', 'workfloweventbindings', 'workflows', 'workflowtemplates'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      { apiGroups: [''], resources: ['events'], verbs: ['watch'] },
      { apiGroups: ['argoproj.io'], resources: ['eventsources', 'sensors'], verbs: ['get', 'list', 'watch'] },
    ]);
  });

  test('an account reads the artifact repositories\' Secrets of its workflow namespaces by name (argo-server serves artifacts with the caller\'s token)', () => {
    const withMinio = synthObjects({
      minio: true, workflowNamespaces: [{ name: 'team-a' }],
      tokenLogin: { accounts: [{ name: 'argo-ui', profile: AccessProfile.READ_ONLY, namespaces: ['team-a', 'team-b'] }] },
    });
    expect(find(withMinio, 'Role', 'argo-ui-argo-ui', 'team-a').rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], resourceNames: ['minio-user-team-a'], verbs: ['get'] });
    // team-b is no workflow namespace: no repository, no Secret.
    expect(find(withMinio, 'Role', 'argo-ui-argo-ui', 'team-b').rules.some((r: { resources: string[] }) => r.resources.includes('secrets'))).toBe(false);
  });

  test('argo-server gets nothing for token login: the token is the user\'s own', () => {
    expect(objs.filter((o) => o.kind === 'Role' && o.metadata.name === 'argo-server-role')).toEqual([]);
  });
});

test('no profile ever grants Secrets, wildcards, or pods/exec', () => {
  for (const profile of ['read-only', 'editor', 'admin'] as const) {
    for (const cluster of [true, false]) {
      for (const r of profileRules(profile, cluster)) {
        expect(r.resources).not.toContain('secrets');
        expect(r.resources).not.toContain('pods/exec');
        expect([...(r.resources ?? []), ...r.verbs, ...(r.apiGroups ?? [])]).not.toContain('*');
      }
    }
  }
  expect(profileRules('read-only', true)[1]).toEqual({ apiGroups: ['argoproj.io'], resources: ['clusterworkflowtemplates'], verbs: ['get', 'list', 'watch'] });
  expect(profileRules('editor', true)[1]).toEqual({ apiGroups: ['argoproj.io'], resources: ['clusterworkflowtemplates'], verbs: ['get', 'list', 'watch'] });
  expect(profileRules('read-only', false)).toEqual(READ_ONLY_NAMESPACED);
});
