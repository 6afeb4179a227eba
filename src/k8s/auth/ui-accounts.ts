import { Construct } from 'constructs';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ResolvedAuth } from '../../config/auth';
import type { ResolvedAccessAccount } from '../../config/auth/profiles';
import { SERVER_NAME } from '../../config/server';
import { K8sContext, manifest, meta } from '../_meta';
import { profileRules, secretReadRules } from '../_rbac-rules';
import { clusterRoleWithBinding, roleWithBinding } from '../rbac';

/** The component label (and output file `90-<component>.yaml`) of each kind of account. */
export const UI_ACCOUNT_COMPONENT = { 'sso-rbac': 'sso-rbac', 'token-login': 'token-login' } as const;
/** The Role, RoleBinding, ClusterRole and ClusterRoleBinding of an account: `argo-sso-<name>` or `argo-ui-<name>`. */
export const grantName = (a: Pick<ResolvedAccessAccount, 'purpose' | 'name'>): string => `${a.purpose === 'sso-rbac' ? 'argo-sso' : 'argo-ui'}-${a.name}`;
/** The Role that lets argo-server read SSO RBAC tokens in a managed namespace. */
export const SERVER_SSO_TOKENS_ROLE = 'argo-server-sso-tokens';

export interface UiAccountsProps {
  readonly ctx: K8sContext;
  readonly auth: ResolvedAuth;
  /**
   * The artifact repositories' Secrets in each workflow namespace. In client and SSO modes
   * argo-server reads them with the caller's token to serve artifacts and archived logs
   * (server/artifacts/artifact_server.go, resources.go), so each account may `get` them by name.
   * @default - none
   */
  readonly repositorySecrets?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The UI accounts of the plan (SSO RBAC mappings and token-login accounts): for each, a
 * ServiceAccount (with the SSO RBAC annotations), its token Secret `<name>.service-account-token`
 * (type `kubernetes.io/service-account-token`, no data: Kubernetes fills it in), its profile's
 * Role and RoleBinding in each chosen namespace (with `get` on the artifact repositories' Secrets
 * there), and in a cluster install a ClusterRole for cluster workflow templates alone.
 */
export class UiAccounts extends Construct {
  constructor(scope: Construct, id: string, props: UiAccountsProps) {
    super(scope, id);
    const { ctx, auth } = props;
    for (const a of auth.accounts) this.account(ctx, a, props.repositorySecrets ?? {});
    const remote = auth.serverTokenReads;
    if (remote) {
      roleWithBinding(this, 'ServerTokens', ctx, UI_ACCOUNT_COMPONENT['sso-rbac'], {
        roleName: SERVER_SSO_TOKENS_ROLE, bindingName: SERVER_SSO_TOKENS_ROLE, namespace: remote.namespace,
        serviceAccount: SERVER_NAME, serviceAccountNamespace: ctx.namespace, rules: secretReadRules(remote.names),
      });
    }
  }

  private account(ctx: K8sContext, a: ResolvedAccessAccount, repositorySecrets: Readonly<Record<string, readonly string[]>>): void {
    const component = UI_ACCOUNT_COMPONENT[a.purpose];
    const id = `${a.purpose}-${a.namespace}-${a.name}`;
    const annotations = Object.keys(a.annotations).length ? { annotations: { ...a.annotations } } : {};
    manifest<IServiceAccount>(this, `${id}-ServiceAccount`, {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ctx, component, a.name, a.namespace, annotations), automountServiceAccountToken: false,
    });
    manifest<ISecret>(this, `${id}-Token`, {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: meta(ctx, component, a.tokenSecretName, a.namespace, { annotations: { 'kubernetes.io/service-account.name': a.name } }),
    });
    const name = grantName(a);
    const subject = { serviceAccount: a.name, serviceAccountNamespace: a.namespace };
    if (a.clusterTemplates) {
      const rules = profileRules(a.profile, true).filter((r) => r.resources?.includes('clusterworkflowtemplates'));
      clusterRoleWithBinding(this, `${id}-`, ctx, component, { roleName: name, bindingName: name, ...subject, rules });
    }
    for (const ns of a.namespaces) {
      const rules = [...profileRules(a.profile, false), ...secretReadRules([...(repositorySecrets[ns] ?? [])])];
      roleWithBinding(this, `${id}-${ns}-`, ctx, component, { roleName: name, bindingName: name, namespace: ns, ...subject, rules });
    }
  }
}
