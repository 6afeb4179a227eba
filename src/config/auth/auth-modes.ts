/**
 * The auth-mode rules of argo-server (Argo docs: "Argo Server Auth Mode"). With `server`, every
 * request without a token runs as argo-server's own service account, which can create workflows
 * in every namespace that run as any service account: that is refused on an exposed server unless
 * acknowledged. `sso` needs SSO settings, and SSO settings add `sso` to the modes.
 */
import { Checker, isPlainObject } from '../check';
import { conflict } from '../errors';
import { AuthMode } from '../server';

export interface AuthModeInput {
  /** The `server` options as given (checked by the server's own resolver). */
  readonly server: unknown;
  readonly sso: boolean;
  readonly tokenLogin: boolean;
  /** argo-server is reachable from outside the cluster. */
  readonly exposed: boolean;
}

export interface ResolvedAuthModes {
  /** Every mode argo-server runs with, `sso` included when SSO is set. */
  readonly modes: AuthMode[];
  /** `sso` is added by the SSO settings (not listed in `server.authModes`). */
  readonly addsSso: boolean;
}

const SERVER_RISK = 'every request without a token runs as argo-server\'s own service account, which can create workflows that run as any service account';

/** Checks the auth-mode rules; `undefined` when there is no argo-server (or its options are not an object, which the server reports). */
export function resolveAuthModes(i: AuthModeInput): ResolvedAuthModes | undefined {
  const server = i.server === undefined ? {} : i.server;
  if (!isPlainObject(server)) return undefined;
  const c = new Checker('server');
  const allow = c.bool('allowServerAuthModeWhenExposed', server.allowServerAuthModeWhenExposed);
  if (server.enabled === false) {
    if (i.sso) throw conflict('sso is set but server.enabled is false: single sign-on is a feature of argo-server', 'remove sso, or run argo-server');
    if (i.tokenLogin) throw conflict('tokenLogin is set but server.enabled is false: the accounts are for logging in to argo-server\'s UI', 'remove tokenLogin, or run argo-server');
    return undefined;
  }
  const given = server.authModes ?? [AuthMode.CLIENT];
  // A list that is not one, or modes that are not modes, are the server resolver's to report.
  if (!Array.isArray(given)) return undefined;
  const modes = given.filter((m): m is AuthMode => Object.values(AuthMode).includes(m));
  const shown = JSON.stringify(given);
  if (modes.includes(AuthMode.SSO) && !i.sso) {
    throw conflict(`server.authModes ${shown} lists "sso" but sso is not set: argo-server exits at start without SSO settings`,
      'set sso: Sso.oidc({ issuer, ... }) or Sso.argoCdDex({ argoCdUrl }), or remove "sso" from server.authModes');
  }
  if (modes.includes(AuthMode.SERVER) && i.exposed && allow !== true) {
    throw conflict(`server.authModes ${shown} lists "server" on an exposed argo-server: ${SERVER_RISK}, for anyone who reaches it`,
      'use AuthMode.CLIENT (with tokenLogin) or AuthMode.SSO, or set server.allowServerAuthModeWhenExposed: true to accept the risk');
  }
  if (allow !== undefined && !modes.includes(AuthMode.SERVER)) {
    throw conflict(`server.allowServerAuthModeWhenExposed is set but server.authModes ${shown} does not list "server": it has no effect`, 'remove server.allowServerAuthModeWhenExposed');
  }
  if (i.tokenLogin && !modes.includes(AuthMode.CLIENT)) {
    throw conflict(`tokenLogin is set but server.authModes ${shown} does not list "client": argo-server ignores a pasted token`, 'add AuthMode.CLIENT to server.authModes, or remove tokenLogin');
  }
  const addsSso = i.sso && !modes.includes(AuthMode.SSO);
  return { modes: addsSso ? [...modes, AuthMode.SSO] : modes, addsSso };
}
