/**
 * Single sign-on for argo-server (Argo docs: "Argo Server SSO", "Use Argo CD Dex for
 * authentication"). `Sso.oidc()` for any OpenID Connect provider, `Sso.argoCdDex()` to share Argo
 * CD's Dex. Either renders the controller config's `sso` section with Argo's own keys, and carries
 * the Secrets argo-server reads and the SSO RBAC mappings (`sso-rbac.ts`).
 */
import type { Duration } from 'cdk8s';
import { Checker, isPlainObject, nearMiss, optionKeys, redact } from '../check';
import type { SsoConfig } from '../controller-config';
import { GO_DURATION_PATTERN } from '../controller-config/schema';
import { conflict, invalid, ValidationError } from '../errors';
import { validateDnsSubdomain } from '../names';
import { plainDataProblems } from '../plain-data';
import { isDuration } from '../ttl';
import { OptionVariant } from '../variant';
import type { SsoRbacOptions } from './sso-rbac';

/** A key of a Secret in argo-server's namespace. */
export interface SecretKeyRef {
  /** The Secret's name. */
  readonly name: string;
  /** The data key in it. */
  readonly key: string;
}

/** What both SSO variants take. */
export interface SsoCommonOptions {
  /**
   * `redirectUrl`: the browser-reachable `<public URL of the UI>oauth2/callback`; its path must be
   * the server's base href followed by `oauth2/callback`.
   * @default - `<public URL>oauth2/callback` when the exposure has a public URL; otherwise unset, and argo-server builds it from each request's Host header
   */
  readonly redirectUrl?: string;
  /**
   * `scopes` requested besides `openid`, which Argo always adds.
   * @default - none for `oidc`; `["groups", "email", "profile"]` for `argoCdDex`
   */
  readonly scopes?: string[];
  /** `sessionExpiry`: how long a login lasts (a Duration of whole seconds, or a Go duration such as `"10h"`). @default - Argo's 10h */
  readonly sessionExpiry?: Duration | string;
  /** `insecureSkipVerify`: do not verify the issuer's TLS certificate. Prefer `rootCA`. @default false */
  readonly insecureSkipVerify?: boolean;
  /** `filterGroupsRegex`: keep only the groups matching one of these regular expressions (Go RE2 syntax). @default - every group */
  readonly filterGroupsRegex?: string[];
  /** `rootCA`: PEM certificate(s) that sign the issuer's TLS certificate (a private CA). @default - the system roots */
  readonly rootCA?: string;
  /** Accept an `http://` issuer (a test issuer inside the cluster): the client secret then travels in clear text. @default false */
  readonly allowInsecureIssuer?: boolean;
  /** SSO RBAC: map users to ServiceAccounts by group or expression. @default - no SSO RBAC: every SSO user acts as argo-server's own service account */
  readonly rbac?: SsoRbacOptions;
}

/** Options of `Sso.oidc()`. */
export interface OidcSsoOptions extends SsoCommonOptions {
  /** `issuer`: the OIDC issuer URL (`https://`). */
  readonly issuer: string;
  /** `issuerAlias`: another issuer URL to accept, for providers whose discovery URL differs from the issuer. @default - none */
  readonly issuerAlias?: string;
  /** `clientId` (lower-case d in Argo's key). @default { name: "argo-server-sso", key: "clientID" } (upstream's Secret) */
  readonly clientId?: SecretKeyRef;
  /** `clientSecret`. @default { name: "argo-server-sso", key: "clientSecret" } (upstream's Secret) */
  readonly clientSecret?: SecretKeyRef;
  /** `customGroupClaimName`: read the groups from this claim instead of `groups`. @default - "groups" */
  readonly customGroupClaimName?: string;
  /** `userInfoPath`: read the groups from this path of the issuer's userinfo endpoint, e.g. `/oauth2/v1/userinfo`. @default - from the ID token */
  readonly userInfoPath?: string;
}

/** Options of `Sso.argoCdDex()`. */
export interface ArgoCdDexSsoOptions extends SsoCommonOptions {
  /** The public URL of Argo CD (`https://argocd.example.com`); the issuer is `<argoCdUrl>/api/dex`. */
  readonly argoCdUrl: string;
  /** The client id Dex's `staticClients[].id` has. @default { name: "argo-workflows-sso", key: "client-id" } (the Secret of Argo's "Use Argo CD Dex" docs) */
  readonly clientId?: SecretKeyRef;
  /** The client secret Dex's `staticClients[].secretEnv` reads. @default { name: "argo-workflows-sso", key: "client-secret" } */
  readonly clientSecret?: SecretKeyRef;
}

/** The two SSO variants. */
export enum SsoKind {
  OIDC = 'oidc',
  ARGO_CD_DEX = 'argo-cd-dex',
}

const COMMON_KEYS = ['redirectUrl', 'scopes', 'sessionExpiry', 'insecureSkipVerify', 'filterGroupsRegex', 'rootCA', 'allowInsecureIssuer', 'rbac', 'clientId', 'clientSecret'];
/** @internal */
export const OIDC_KEYS = optionKeys<OidcSsoOptions>()([
  'issuer', 'issuerAlias', 'clientId', 'clientSecret', 'redirectUrl', 'scopes', 'sessionExpiry', 'customGroupClaimName', 'userInfoPath',
  'insecureSkipVerify', 'filterGroupsRegex', 'rootCA', 'allowInsecureIssuer', 'rbac',
]);
/** @internal */
export const ARGO_CD_DEX_KEYS = optionKeys<ArgoCdDexSsoOptions>()(['argoCdUrl', ...COMMON_KEYS] as ['argoCdUrl', 'redirectUrl', 'scopes', 'sessionExpiry',
  'insecureSkipVerify', 'filterGroupsRegex', 'rootCA', 'allowInsecureIssuer', 'rbac', 'clientId', 'clientSecret']);

/** Upstream's Secret for the OIDC client (quick-start's sso component). */
export const DEFAULT_OIDC_CLIENT = { clientId: { name: 'argo-server-sso', key: 'clientID' }, clientSecret: { name: 'argo-server-sso', key: 'clientSecret' } } as const;
/** The Secret of Argo's "Use Argo CD Dex for authentication" docs, shared with Argo CD's Dex. */
export const DEFAULT_DEX_CLIENT = { clientId: { name: 'argo-workflows-sso', key: 'client-id' }, clientSecret: { name: 'argo-workflows-sso', key: 'client-secret' } } as const;
/** Scopes asked of Argo CD's Dex: its groups claim comes only with the `groups` scope. */
export const DEFAULT_DEX_SCOPES = ['groups', 'email', 'profile'];

/**
 * Single sign-on for argo-server. Make one with a static factory; the options are checked, with
 * the option path `sso`, when the install is resolved.
 */
export class Sso extends OptionVariant {
  /** Any OpenID Connect provider (Okta, Keycloak, Entra ID, Google, a Dex of your own, ...). */
  public static oidc(options: OidcSsoOptions): Sso {
    return new Sso(SsoKind.OIDC, options);
  }

  /**
   * Argo CD's Dex (`<argoCdUrl>/api/dex`), for providers Argo Workflows cannot use directly (SAML,
   * LDAP). Dex needs a `staticClients` entry with the same client id, the secret from `secretEnv`,
   * and the redirect URL in `redirectURIs` (README, "Authentication").
   */
  public static argoCdDex(options: ArgoCdDexSsoOptions): Sso {
    return new Sso(SsoKind.ARGO_CD_DEX, options);
  }

  /** Which variant this is. */
  public readonly kind: SsoKind;
  /**
   * The options given to the factory, unchecked (checked by `resolveSso`).
   * @internal
   */
  public readonly options: unknown;

  private constructor(kind: SsoKind, options: unknown) {
    super();
    this.kind = kind;
    this.options = isPlainObject(options) ? Object.freeze({ ...options }) : options;
    Object.freeze(this);
  }
}

/** Where argo-server is reached, as far as SSO needs it. */
export interface AuthContext {
  /** argo-server's base href (`/` or `/argo/`), already checked. */
  readonly baseHref: string;
  /** argo-server serves HTTPS. */
  readonly secure: boolean;
  /** argo-server is reachable from outside the cluster (LoadBalancer, Ingress, Gateway). */
  readonly exposed: boolean;
  /** The public URL of the UI, ending in the base href (`https://argo.example.com/argo/`), when the exposure knows it. */
  readonly publicUrl?: string;
  /**
   * Why the exposure cannot tell the public URL although browsers reach argo-server through it
   * (an Ingress with `IngressTls.none()`: the scheme in front of it is unknown). @default - none
   */
  readonly publicUrlUnknown?: string;
}

/** SSO, checked: the controller config's `sso` section (without `rbac`) and the Secrets argo-server reads. */
export interface ResolvedSsoSettings {
  readonly kind: SsoKind;
  readonly config: SsoConfig;
  /** The Secrets of the client id and secret, in argo-server's namespace. */
  readonly clientSecrets: string[];
}

const kindName = (kind: SsoKind) => (kind === SsoKind.OIDC ? 'Sso.oidc' : 'Sso.argoCdDex');

/** The Sso value and its options object, plain data and without unknown keys. */
export function checkSsoValue(c: Checker, value: unknown): { sso: Sso; o: Record<string, unknown> } {
  if (!(value instanceof Sso)) {
    throw invalid(c.path, isPlainObject(value) ? redact(value) : value, 'it must be an Sso value made by one of its factories',
      'use Sso.oidc({ issuer, clientId, clientSecret }) or Sso.argoCdDex({ argoCdUrl })');
  }
  const o = value.options;
  if (!isPlainObject(o)) {
    throw invalid(c.path, o, `${kindName(value.kind)}() takes an options object`, value.kind === SsoKind.OIDC ? 'use Sso.oidc({ issuer: "https://issuer.example.com" })' : 'use Sso.argoCdDex({ argoCdUrl: "https://argocd.example.com" })');
  }
  const problems = plainDataProblems(o, c.path);
  if (problems.length) throw ValidationError.of(problems);
  const allowed = value.kind === SsoKind.OIDC ? OIDC_KEYS : ARGO_CD_DEX_KEYS;
  for (const k of Object.keys(o)) {
    if (allowed.includes(k) || o[k] === undefined) continue;
    const near = nearMiss(k, allowed);
    throw conflict(`${c.at(k)} is not an option of ${kindName(value.kind)}; its options are ${allowed.join(', ')}`, near ? `rename it to "${near}"` : `remove ${c.at(k)}`);
  }
  return { sso: value, o };
}

/**
 * An absolute URL with a host, `https://` unless insecure ones are allowed; returned exactly as
 * given: the OIDC library argo-server uses requires the configured issuer to equal the provider's
 * `issuer` character for character (a trailing "/" included, as Auth0's has).
 */
function checkIssuerUrl(c: Checker, field: string, value: unknown, allowInsecure: boolean): string {
  const url = typeof value === 'string' ? parseUrl(value) : undefined;
  const fix = allowInsecure ? 'give an http:// or https:// URL such as "https://issuer.example.com"' : 'use the https:// URL of the issuer, or set allowInsecureIssuer: true for a test issuer inside the cluster';
  if (!url || (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) || url.search || url.hash || url.username || url.password) {
    throw invalid(c.at(field), value, allowInsecure ? 'it must be an http:// or https:// URL with a host and no query or fragment'
      : 'it must be an https:// URL with a host and no query or fragment (argo-server sends the client secret to it and trusts the tokens it signs)', fix);
  }
  return value as string;
}

function parseUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.hostname && !/\s/.test(value) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A `{ name, key }` reference to a Secret key; anything else is never shown (it may be the secret itself). */
function checkSecretRef(c: Checker, field: string, value: unknown, fallback: SecretKeyRef): SecretKeyRef {
  if (value === undefined) return { ...fallback };
  const at = c.at(field);
  if (!isPlainObject(value)) {
    throw invalid(at, redact(value), 'it must reference a Secret key as { name, key }, not hold the secret itself (it would be written to dist/)',
      `put the value in a Secret in argo-server's namespace and give { name: ${JSON.stringify(fallback.name)}, key: ${JSON.stringify(fallback.key)} }`);
  }
  for (const k of Object.keys(value)) {
    if (k !== 'name' && k !== 'key') throw invalid(`${at}.${k}`, redact(value[k]), 'a Secret key reference has only name and key', `remove ${k}`);
  }
  const name = validateDnsSubdomain(`${at}.name`, value.name);
  if (typeof value.key !== 'string' || value.key.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(value.key)) {
    throw invalid(`${at}.key`, value.key, 'a Secret data key is 1-253 characters of letters, digits, "-", "_" and "."', `give the key, e.g. ${JSON.stringify(fallback.key)}`);
  }
  return { name, key: value.key };
}

/** `redirectUrl`: given (checked against the base href), or derived from the public URL, or unset. */
function redirectUrl(c: Checker, value: unknown, ctx: AuthContext): string | undefined {
  const path = `${ctx.baseHref}oauth2/callback`;
  if (value === undefined && ctx.publicUrlUnknown !== undefined) {
    throw conflict(`${c.at('redirectUrl')} is required: ${ctx.publicUrlUnknown}, so argo-stack cannot derive the URL browsers return to`,
      `set redirectUrl to the public URL of the callback, e.g. "https://argo.example.com${ctx.baseHref}oauth2/callback"`);
  }
  if (value === undefined) return ctx.publicUrl !== undefined ? `${ctx.publicUrl}oauth2/callback` : undefined;
  const url = typeof value === 'string' ? parseUrl(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw invalid(c.at('redirectUrl'), value, `it must be the browser-reachable URL of the callback, like "https://argo.example.com${path}"`, `use "https://<host>${path}"`);
  }
  if (url.pathname !== path) {
    throw invalid(c.at('redirectUrl'), value, `its path must be "${path}": argo-server serves the callback under its base href "${ctx.baseHref}"`,
      `use "${url.origin}${path}"`);
  }
  return value as string;
}

/** A Go duration for `sessionExpiry`, from a Duration or a string; more than zero. */
function sessionExpiry(c: Checker, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const at = c.at('sessionExpiry');
  if (isDuration(value)) {
    const ms = value.toMilliseconds({ integral: false });
    const unit = ([[3_600_000, 'h'], [60_000, 'm'], [1_000, 's']] as const).find(([size]) => ms > 0 && ms % size === 0);
    if (!unit) throw conflict(`${at} Duration.millis(${ms}) is invalid: it must be a whole number of seconds, more than zero`, 'use a Duration such as Duration.hours(10)');
    return `${ms / unit[0]}${unit[1]}`;
  }
  if (typeof value !== 'string' || !GO_DURATION_PATTERN.test(value) || !/[1-9]/.test(value)) {
    throw invalid(at, value, 'it must be a cdk8s Duration or a Go duration more than zero, such as "10h" or "90m"', 'use Duration.hours(10) or "10h"');
  }
  return value;
}

/** A list of strings, each passing `ok`; `undefined` when not given. */
function stringList(c: Checker, field: string, value: unknown, ok: (s: string) => boolean, rule: string, fix: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw invalid(c.at(field), value, `it must be a list of at least one entry; ${rule}`, fix);
  value.forEach((s, i) => {
    if (typeof s !== 'string' || !ok(s)) throw invalid(`${c.at(field)}[${i}]`, s, rule, fix);
    if (value.indexOf(s) !== i) throw invalid(c.at(field), value, `it lists ${JSON.stringify(s)} twice`, `remove the second ${JSON.stringify(s)}`);
  });
  return [...value] as string[];
}

const compiles = (s: string) => {
  try { new RegExp(s); return s !== ''; } catch { return false; }
};
const PEM = /^\s*(-----BEGIN CERTIFICATE-----\s+[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*)+$/;

/** The settings both variants share, as Argo's keys. */
function commonConfig(c: Checker, o: Record<string, unknown>, ctx: AuthContext, defaultScopes?: string[]): Partial<SsoConfig> {
  const scopes = stringList(c, 'scopes', o.scopes, (s) => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s) && s !== 'openid',
    'a scope is a word without spaces or quotes, and not "openid" (Argo always requests it)', 'give scopes such as ["groups", "email"]') ?? defaultScopes;
  const filterGroupsRegex = stringList(c, 'filterGroupsRegex', o.filterGroupsRegex, compiles, 'each entry must be a regular expression', 'give expressions such as ["^argo-"]');
  c.bool('insecureSkipVerify', o.insecureSkipVerify);
  if (o.rootCA !== undefined && (typeof o.rootCA !== 'string' || !PEM.test(o.rootCA))) {
    throw invalid(c.at('rootCA'), o.rootCA, 'it must be PEM text: one or more "-----BEGIN CERTIFICATE-----" blocks', 'give the CA certificate as PEM text (the file\'s content, not its path)');
  }
  const redirect = redirectUrl(c, o.redirectUrl, ctx);
  const expiry = sessionExpiry(c, o.sessionExpiry);
  return {
    ...(redirect !== undefined ? { redirectUrl: redirect } : {}),
    ...(scopes ? { scopes: [...scopes] } : {}),
    ...(expiry !== undefined ? { sessionExpiry: expiry } : {}),
    ...(o.insecureSkipVerify === true ? { insecureSkipVerify: true } : {}),
    ...(filterGroupsRegex ? { filterGroupsRegex } : {}),
    ...(o.rootCA !== undefined ? { rootCA: o.rootCA as string } : {}),
  };
}

/** A claim name or a userinfo path. */
function optionalWord(c: Checker, field: string, value: unknown, pattern: RegExp, rule: string, fix: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || !pattern.test(value))) throw invalid(c.at(field), value, rule, fix);
  return value as string | undefined;
}

/** Checks the settings of an `Sso` value (everything but `rbac`) and renders Argo's `sso` section. */
export function resolveSsoSettings(c: Checker, sso: Sso, o: Record<string, unknown>, ctx: AuthContext): ResolvedSsoSettings {
  const insecure = c.bool('allowInsecureIssuer', o.allowInsecureIssuer) === true;
  const dex = sso.kind === SsoKind.ARGO_CD_DEX;
  const defaults = dex ? DEFAULT_DEX_CLIENT : DEFAULT_OIDC_CLIENT;
  const issuer = dex ? `${checkIssuerUrl(c, 'argoCdUrl', o.argoCdUrl, insecure).replace(/\/+$/, '')}/api/dex` : checkIssuerUrl(c, 'issuer', o.issuer, insecure);
  const issuerAlias = o.issuerAlias === undefined ? undefined : checkIssuerUrl(c, 'issuerAlias', o.issuerAlias, insecure);
  const clientId = checkSecretRef(c, 'clientId', o.clientId, defaults.clientId);
  const clientSecret = checkSecretRef(c, 'clientSecret', o.clientSecret, defaults.clientSecret);
  const customGroupClaimName = optionalWord(c, 'customGroupClaimName', o.customGroupClaimName, /^[^\s"']+$/, 'it must be the name of a claim, without spaces or quotes', 'give the claim, e.g. "roles"');
  const userInfoPath = optionalWord(c, 'userInfoPath', o.userInfoPath, /^\/[^\s?#]*$/, 'it must be a path starting with "/", without spaces, query or fragment', 'give the path, e.g. "/oauth2/v1/userinfo"');
  const config: SsoConfig = {
    issuer,
    ...(issuerAlias !== undefined ? { issuerAlias } : {}),
    clientId,
    clientSecret,
    ...commonConfig(c, o, ctx, dex ? DEFAULT_DEX_SCOPES : undefined),
    ...(customGroupClaimName !== undefined ? { customGroupClaimName } : {}),
    ...(userInfoPath !== undefined ? { userInfoPath } : {}),
  };
  return { kind: sso.kind, config, clientSecrets: [...new Set([clientId.name, clientSecret.name])].sort() };
}
