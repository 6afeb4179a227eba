/**
 * The authentication feature: SSO (with SSO RBAC), UI token login and the auth-mode rules. It
 * contributes the controller config's `sso`, `--auth-mode=sso`, the env of namespace delegation,
 * the Secrets argo-server reads, and its right to create the `sso` Secret; the accounts it creates
 * are in `resolved.accounts` (constructs in `k8s/auth/`).
 */
import { Component, ExternalTarget, Flow } from '../endpoints';
import { Checker } from '../check';
import type { ApiAccess, Contributions, Feature, SecretRead } from '../contributions';
import { conflict } from '../errors';
import { InstallScope, ResolvedInstall } from '../install';
import type { AuthMode } from '../server';
import { resolveAuthModes } from './auth-modes';
import type { ResolvedAccessAccount } from './profiles';
import { AuthContext, checkSsoValue, resolveSsoSettings, ResolvedSsoSettings, Sso } from './sso';
import { ResolvedSsoRbac, resolveSsoRbac, SSO_DELEGATE_ENV } from './sso-rbac';
import { resolveTokenLogin, TokenLoginOptions } from './token-login';

export type { AuthContext } from './sso';

/** The authentication options of `ArgoWorkflowsProps`. */
export interface AuthOptions {
  /**
   * Single sign-on for argo-server: `Sso.oidc({...})` or `Sso.argoCdDex({...})`. Adds `sso` to
   * `server.authModes`, writes the controller config's `sso`, and gives argo-server exactly the
   * RBAC it needs (read the client Secrets, create its `sso` cookie-key Secret, read the SSO RBAC
   * accounts' tokens).
   * @default - no single sign-on
   */
  readonly sso?: Sso;
  /**
   * ServiceAccounts whose tokens log in to the UI (client auth mode), with their Roles and
   * long-lived token Secrets.
   * @default - none
   */
  readonly tokenLogin?: TokenLoginOptions;
}

/** SSO, resolved. */
export interface ResolvedSso extends ResolvedSsoSettings {
  /** argo-server's SSO namespace, where its SSO RBAC accounts live. */
  readonly namespace: string;
  readonly rbac?: ResolvedSsoRbac;
}

/** Authentication, resolved: the modes, SSO, and the UI accounts argo-stack creates. */
export interface ResolvedAuth {
  /** argo-server's auth modes, `sso` included when SSO is set. */
  readonly authModes: AuthMode[];
  readonly sso?: ResolvedSso;
  /** SSO RBAC and token-login accounts. */
  readonly accounts: ResolvedAccessAccount[];
  /** Token Secrets argo-server reads outside the install namespace (SSO RBAC accounts in a managed namespace). */
  readonly serverTokenReads?: { readonly namespace: string; readonly names: string[] };
}

export interface AuthFeatureContext {
  readonly auth: AuthContext;
  readonly install: Pick<ResolvedInstall, 'namespace' | 'scope' | 'managedNamespace'>;
  /** The `server` options as given. */
  readonly server: unknown;
  /** `controller.config.sso` is set. */
  readonly configSso: boolean;
  /** The workflow service accounts, which UI accounts may not reuse. */
  readonly workflowServiceAccounts: readonly { readonly namespace: string; readonly name: string }[];
}

/** argo-server creates the Secret `sso` (its cookie encryption key) at first start and reads it (server/auth/sso/sso.go: newSso). */
export const SSO_COOKIE_SECRET = 'sso';

const CREATE_SSO_SECRET: ApiAccess = {
  by: ['server'], apiGroup: '', resources: ['secrets'], verbs: ['create'],
  purpose: 'create the Secret "sso" (the SSO cookie encryption key) at first start; Kubernetes RBAC cannot limit create to one name',
};

function rejectRawSso(ctx: AuthFeatureContext, typed: boolean): void {
  if (!ctx.configSso) return;
  if (typed) throw conflict('sso is set and so is controller.config.sso: single sign-on would be configured twice', 'remove controller.config.sso and keep the sso option');
  throw conflict('controller.config.sso is set: argo-stack wires single sign-on (the auth mode, the Secrets argo-server reads, its RBAC and the SSO RBAC accounts) only from the sso option',
    'remove controller.config.sso and set sso: Sso.oidc({ issuer, clientId, clientSecret }) (or Sso.argoCdDex({ argoCdUrl }))');
}

function rejectDuplicates(accounts: readonly ResolvedAccessAccount[], ctx: AuthFeatureContext): void {
  const taken = new Map<string, string>([[`${ctx.install.namespace}/argo`, 'the controller'], [`${ctx.install.namespace}/argo-server`, 'argo-server']]);
  for (const w of ctx.workflowServiceAccounts) taken.set(`${w.namespace}/${w.name}`, `the workflow service account of "${w.namespace}"`);
  for (const a of accounts) {
    const key = `${a.namespace}/${a.name}`;
    const option = a.purpose === 'sso-rbac' ? 'sso.rbac.mappings[].serviceAccountName' : 'tokenLogin.accounts[].name';
    const owner = taken.get(key);
    if (owner) throw conflict(`${option} "${a.name}" is already a ServiceAccount in "${a.namespace}" (${owner})`, 'give each UI account a name of its own');
    taken.set(key, a.purpose === 'sso-rbac' ? 'an SSO RBAC mapping' : 'a token-login account');
  }
}

function resolveSso(value: unknown, ctx: AuthFeatureContext): ResolvedSso {
  const c = new Checker('sso');
  const { sso, o } = checkSsoValue(c, value);
  const settings = resolveSsoSettings(c, sso, o, ctx.auth);
  const namespace = ctx.install.managedNamespace ?? ctx.install.namespace;
  const rbac = o.rbac === undefined ? undefined : resolveSsoRbac(c.child('rbac'), o.rbac, {
    namespace, cluster: ctx.install.scope === InstallScope.CLUSTER, workflowNamespaces: [...new Set(ctx.workflowServiceAccounts.map((w) => w.namespace))],
  });
  return { ...settings, config: { ...settings.config, ...(rbac ? { rbac: { enabled: true } } : {}) }, namespace, ...(rbac ? { rbac } : {}) };
}

/** argo-server fetches the issuer's discovery document and keys, and exchanges codes, at the issuer (and its alias). */
function ssoFlows(sso: ResolvedSso): Flow[] {
  const urls = [sso.config.issuer, ...(sso.config.issuerAlias ? [sso.config.issuerAlias] : [])];
  const seen = new Set<string>();
  return urls.flatMap((u): Flow[] => {
    const url = new URL(u);
    const port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
    const host = url.hostname;
    if (seen.has(`${host}:${port}`)) return [];
    seen.add(`${host}:${port}`);
    return [{ from: { component: Component.SERVER }, to: { external: ExternalTarget.SSO_ISSUER, host, port }, port: url.protocol === 'http:' ? 'http' : 'https', purpose: 'OIDC discovery, keys and token exchange' }];
  });
}

function contributions(sso: ResolvedSso | undefined, addsSso: boolean, installNamespace: string): Contributions {
  if (!sso) return {};
  const tokens = (sso.rbac?.accounts ?? []).map((a) => a.tokenSecretName);
  const local = sso.namespace === installNamespace ? tokens : [];
  const secretsRead: SecretRead[] = [{ by: ['server'], names: [...sso.clientSecrets, SSO_COOKIE_SECRET, ...local] }];
  return {
    controllerConfig: { sso: sso.config },
    ...(addsSso ? { serverArgs: ['--auth-mode=sso'] } : {}),
    ...(sso.rbac?.delegateToNamespace ? { serverEnv: [{ name: SSO_DELEGATE_ENV, value: 'true' }] } : {}),
    secretsRead,
    // SSO RBAC lists and watches ServiceAccounts in the SSO namespace (server/cache/resource_cache.go,
    // an informer): argo-server's workload rules already grant get/list/watch on serviceaccounts there.
    apiAccess: [CREATE_SSO_SECRET],
    flows: ssoFlows(sso),
  };
}

/** Resolves SSO, token login and the auth-mode rules. */
export function resolveAuth(o: AuthOptions, ctx: AuthFeatureContext): Feature<ResolvedAuth | undefined> {
  rejectRawSso(ctx, o.sso !== undefined);
  const modes = resolveAuthModes({ server: ctx.server, sso: o.sso !== undefined, tokenLogin: o.tokenLogin !== undefined, exposed: ctx.auth.exposed });
  const sso = o.sso !== undefined ? resolveSso(o.sso, ctx) : undefined;
  const tokenAccounts = o.tokenLogin !== undefined ? resolveTokenLogin(o.tokenLogin, ctx.install.namespace) : [];
  if (!modes || (!sso && tokenAccounts.length === 0)) return { resolved: undefined, contributes: {} };
  const accounts = [...(sso?.rbac?.accounts ?? []), ...tokenAccounts];
  rejectDuplicates(accounts, ctx);
  const remote = sso && sso.rbac && sso.namespace !== ctx.install.namespace ? { namespace: sso.namespace, names: sso.rbac.accounts.map((a) => a.tokenSecretName) } : undefined;
  return {
    resolved: { authModes: modes.modes, ...(sso ? { sso } : {}), accounts, ...(remote ? { serverTokenReads: remote } : {}) },
    contributes: contributions(sso, modes.addsSso, ctx.install.namespace),
  };
}
