/**
 * UI token login: ServiceAccounts whose tokens people paste into the UI's login box (client auth
 * mode). Each gets a Role and RoleBinding in the namespaces chosen for it, and a long-lived token
 * Secret `<name>.service-account-token` that Kubernetes fills in.
 */
import { Checker, EnumValue, optionKeys } from '../check';
import { invalid } from '../errors';
import { AccessProfile, checkNamespaces, checkProfile, ResolvedAccessAccount, tokenSecretName } from './profiles';

/** One account for UI token login. */
export interface TokenLoginAccount {
  /** The ServiceAccount's name (RFC 1123 label), in the install namespace. */
  readonly name: string;
  /** What the account may do: `AccessProfile.READ_ONLY` or `AccessProfile.EDITOR`. */
  readonly profile: EnumValue<AccessProfile.READ_ONLY | AccessProfile.EDITOR>;
  /** The namespaces it may see (and, as an editor, change): a Role and RoleBinding in each. */
  readonly namespaces: string[];
}

/** `tokenLogin`: accounts whose tokens log in to the UI. */
export interface TokenLoginOptions {
  /** The accounts. */
  readonly accounts: TokenLoginAccount[];
}

const TOKEN_LOGIN_KEYS = optionKeys<TokenLoginOptions>()(['accounts']);
const ACCOUNT_KEYS = optionKeys<TokenLoginAccount>()(['name', 'profile', 'namespaces']);

/** Checks `tokenLogin` and resolves its accounts, in the install namespace. */
export function resolveTokenLogin(value: unknown, namespace: string): ResolvedAccessAccount[] {
  const c = new Checker('tokenLogin');
  const o = c.object(value, '{ accounts: [{ name: "argo-ui", profile: AccessProfile.READ_ONLY, namespaces: ["argo"] }] }');
  c.known(o, TOKEN_LOGIN_KEYS);
  if (!Array.isArray(o.accounts) || o.accounts.length === 0) {
    throw invalid(c.at('accounts'), o.accounts, 'it must be a list of at least one account', 'give accounts, e.g. [{ name: "argo-ui", profile: AccessProfile.READ_ONLY, namespaces: ["argo"] }]');
  }
  return o.accounts.map((a, i) => {
    const ci = c.child('accounts').item(i);
    const ao = ci.object(a, '{ name: "argo-ui", profile: AccessProfile.READ_ONLY, namespaces: ["argo"] }');
    ci.known(ao, ACCOUNT_KEYS);
    const name = ci.dnsLabel('name', ao.name);
    const profile = checkProfile(ci, ao.profile, [AccessProfile.READ_ONLY, AccessProfile.EDITOR]);
    const namespaces = checkNamespaces(ci, ao.namespaces);
    return { purpose: 'token-login', name, namespace, profile, namespaces, clusterTemplates: false, annotations: {}, tokenSecretName: tokenSecretName(name) };
  });
}
