/** Authentication: SSO settings, SSO RBAC, token login and the auth-mode rules (exact fields and messages). */
import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { exprString, groupsRule } from '../../src/config/auth/sso-rbac';
import { AccessProfile } from '../../src/config/auth/profiles';
import { Sso } from '../../src/config/auth/sso';
import { validateControllerConfig } from '../../src/config/controller-config/schema';
import { ValidationError } from '../../src/config/errors';
import { InstallScope } from '../../src/config/install';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { AuthMode } from '../../src/config/server';
import { Exposure, IngressController, IngressTls, ServerTls } from '../../src/config/exposure';
import { bad, expectInvalid } from './_helpers';

const resolve = (props: ArgoWorkflowsProps) => () => resolveArgoWorkflows(props);
const ISSUER = 'https://idp.example.com';
const oidc = (extra: Record<string, unknown> = {}) => Sso.oidc(bad({ issuer: ISSUER, ...extra }));
const dex = (extra: Record<string, unknown> = {}) => Sso.argoCdDex(bad({ argoCdUrl: 'https://argocd.example.com', ...extra }));
const ADMINS = { serviceAccountName: 'argo-admins', groups: ['admins'], profile: AccessProfile.ADMIN };
const rbac = (mapping: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ rbac: { mappings: [mapping], ...more } });

describe('Sso.oidc', () => {
  it('renders Argo\'s sso keys with upstream\'s Secret by default, and adds the sso auth mode', () => {
    const plan = resolveArgoWorkflows({ sso: oidc() });
    expect(plan.auth?.sso?.config).toEqual({
      issuer: ISSUER, clientId: { name: 'argo-server-sso', key: 'clientID' }, clientSecret: { name: 'argo-server-sso', key: 'clientSecret' },
    });
    expect(plan.controller.config.sso).toEqual(plan.auth?.sso?.config);
    expect(plan.auth?.authModes).toEqual([AuthMode.CLIENT, AuthMode.SSO]);
    expect(plan.server?.args).toEqual(['server', '--auth-mode=client', '--auth-mode=sso', '--secure=true', '--api-rate-limit=1000']);
  });

  it('renders every setting under Argo\'s own key, and the result passes the strict key check', () => {
    const plan = resolveArgoWorkflows({
      server: { baseHref: '/argo/' },
      sso: Sso.oidc({
        issuer: ISSUER, issuerAlias: 'https://idp.example.com/alias', clientId: { name: 'oidc', key: 'id' }, clientSecret: { name: 'oidc', key: 'secret' },
        redirectUrl: 'https://argo.example.com/argo/oauth2/callback', scopes: ['groups', 'email'], sessionExpiry: Duration.minutes(90),
        customGroupClaimName: 'roles', userInfoPath: '/oauth2/v1/userinfo', insecureSkipVerify: true, filterGroupsRegex: ['^argo-'],
        rootCA: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', rbac: { mappings: [ADMINS] },
      }),
    });
    const sso = plan.controller.config.sso;
    expect(sso).toEqual({
      issuer: ISSUER, issuerAlias: 'https://idp.example.com/alias', clientId: { name: 'oidc', key: 'id' }, clientSecret: { name: 'oidc', key: 'secret' },
      redirectUrl: 'https://argo.example.com/argo/oauth2/callback', scopes: ['groups', 'email'], sessionExpiry: '90m', insecureSkipVerify: true,
      filterGroupsRegex: ['^argo-'], rootCA: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', customGroupClaimName: 'roles',
      userInfoPath: '/oauth2/v1/userinfo', rbac: { enabled: true },
    });
    expect(() => validateControllerConfig(plan.controller.config, 'config')).not.toThrow();
    expect(() => validateControllerConfig({ sso }, 'config')).not.toThrow();
  });

  it('gives argo-server exactly what SSO needs: the client Secrets, "sso" and the SSO RBAC tokens by name, and create on secrets', () => {
    const plan = resolveArgoWorkflows({ sso: oidc({ clientId: { name: 'oidc-id', key: 'id' }, ...rbac(ADMINS) }) });
    expect(plan.serverSecrets).toEqual(['argo-admins.service-account-token', 'argo-server-sso', 'oidc-id', 'sso']);
    expect(plan.server?.apiAccess).toEqual([{
      by: ['server'], apiGroup: '', resources: ['secrets'], verbs: ['create'],
      purpose: 'create the Secret "sso" (the SSO cookie encryption key) at first start; Kubernetes RBAC cannot limit create to one name',
    }]);
    expect(plan.controllerSecrets).toEqual([]);
  });

  it('does not add sso twice when server.authModes lists it', () => {
    const plan = resolveArgoWorkflows({ server: { authModes: [AuthMode.SSO] }, sso: oidc() });
    expect(plan.server?.args.filter((a) => a.startsWith('--auth-mode'))).toEqual(['--auth-mode=sso']);
  });

  it('takes a Go duration string for sessionExpiry', () => {
    expect(resolveArgoWorkflows({ sso: oidc({ sessionExpiry: '12h' }) }).auth?.sso?.config.sessionExpiry).toBe('12h');
    expect(resolveArgoWorkflows({ sso: oidc({ sessionExpiry: Duration.hours(10) }) }).auth?.sso?.config.sessionExpiry).toBe('10h');
  });

  it('keeps the issuer exactly as given, a trailing "/" included (OIDC discovery compares it character for character)', () => {
    const sso = resolveArgoWorkflows({ sso: oidc({ issuer: 'https://tenant.auth0.example.com/', issuerAlias: 'https://login.example.com/' }) }).auth?.sso?.config;
    expect([sso?.issuer, sso?.issuerAlias]).toEqual(['https://tenant.auth0.example.com/', 'https://login.example.com/']);
  });

  it('accepts an http:// issuer only with allowInsecureIssuer', () => {
    expect(resolveArgoWorkflows({ sso: oidc({ issuer: 'http://dex.argo:5556/dex', allowInsecureIssuer: true }) }).auth?.sso?.config.issuer).toBe('http://dex.argo:5556/dex');
  });
});

describe('Sso.argoCdDex', () => {
  it('points at <argoCdUrl>/api/dex with the Secret of Argo\'s docs and the groups scope', () => {
    const plan = resolveArgoWorkflows({ sso: dex({ argoCdUrl: 'https://argocd.example.com/' }) });
    expect(plan.auth?.sso?.config).toEqual({
      issuer: 'https://argocd.example.com/api/dex', clientId: { name: 'argo-workflows-sso', key: 'client-id' },
      clientSecret: { name: 'argo-workflows-sso', key: 'client-secret' }, scopes: ['groups', 'email', 'profile'],
    });
    expect(plan.serverSecrets).toEqual(['argo-workflows-sso', 'sso']);
  });
});

describe('the redirect URL', () => {
  it('is left to argo-server (built from the request\'s Host) when there is no public URL', () => {
    expect(resolveArgoWorkflows({ sso: oidc() }).auth?.sso?.config.redirectUrl).toBeUndefined();
  });

  it('must sit under the base href and end with oauth2/callback', () => {
    expectInvalid(resolve({ server: { baseHref: '/argo/' }, sso: oidc({ redirectUrl: 'https://argo.example.com/oauth2/callback' }) }),
      'sso.redirectUrl "https://argo.example.com/oauth2/callback" is invalid: its path must be "/argo/oauth2/callback": argo-server serves the callback under its base href "/argo/". Fix: use "https://argo.example.com/argo/oauth2/callback"');
    expectInvalid(resolve({ sso: oidc({ redirectUrl: 'argo.example.com/oauth2/callback' }) }),
      'sso.redirectUrl "argo.example.com/oauth2/callback" is invalid: it must be the browser-reachable URL of the callback, like "https://argo.example.com/oauth2/callback". Fix: use "https://<host>/oauth2/callback"');
  });
});

describe('bad SSO settings', () => {
  it('rejects an issuer that is not an https:// URL', () => {
    expectInvalid(resolve({ sso: oidc({ issuer: 'http://dex:5556/dex' }) }),
      'sso.issuer "http://dex:5556/dex" is invalid: it must be an https:// URL with a host and no query or fragment (argo-server sends the client secret to it and trusts the tokens it signs). Fix: use the https:// URL of the issuer, or set allowInsecureIssuer: true for a test issuer inside the cluster');
    expectInvalid(resolve({ sso: dex({ argoCdUrl: 'argocd' }) }),
      'sso.argoCdUrl "argocd" is invalid: it must be an https:// URL with a host and no query or fragment (argo-server sends the client secret to it and trusts the tokens it signs). Fix: use the https:// URL of the issuer, or set allowInsecureIssuer: true for a test issuer inside the cluster');
    expectInvalid(resolve({ sso: oidc({ issuer: 'ftp://idp', allowInsecureIssuer: true }) }),
      'sso.issuer "ftp://idp" is invalid: it must be an http:// or https:// URL with a host and no query or fragment. Fix: give an http:// or https:// URL such as "https://issuer.example.com"');
  });

  it('rejects a client secret that is not a Secret reference, without showing it', () => {
    expectInvalid(resolve({ sso: oidc({ clientSecret: 'hunter2' }) }),
      'sso.clientSecret "<redacted>" is invalid: it must reference a Secret key as { name, key }, not hold the secret itself (it would be written to dist/). Fix: put the value in a Secret in argo-server\'s namespace and give { name: "argo-server-sso", key: "clientSecret" }');
    expectInvalid(resolve({ sso: oidc({ clientSecret: { name: 'argo-server-sso' } }) }),
      'sso.clientSecret.key undefined is invalid: a Secret data key is 1-253 characters of letters, digits, "-", "_" and ".". Fix: give the key, e.g. "clientSecret"');
    expectInvalid(resolve({ sso: oidc({ clientSecret: { name: 'argo-server-sso', key: 'clientSecret', value: 's3cret' } }) }),
      'sso.clientSecret.value "<redacted>" is invalid: a Secret key reference has only name and key. Fix: remove value');
  });

  it('rejects a value that is not an Sso, and options that are not an object', () => {
    expectInvalid(resolve({ sso: bad({ issuer: ISSUER }) }),
      'sso {"issuer":"<redacted>"} is invalid: it must be an Sso value made by one of its factories. Fix: use Sso.oidc({ issuer, clientId, clientSecret }) or Sso.argoCdDex({ argoCdUrl })');
    expectInvalid(resolve({ sso: Sso.oidc(bad('https://idp')) }),
      'sso "https://idp" is invalid: Sso.oidc() takes an options object. Fix: use Sso.oidc({ issuer: "https://issuer.example.com" })');
    expectInvalid(resolve({ sso: oidc({ scopes: null }) }),
      'sso.scopes null is invalid: null is not a value argo-stack accepts. Fix: remove sso.scopes to use its default, or give a value');
  });

  it('rejects unknown keys, with near-miss hints', () => {
    expectInvalid(resolve({ sso: oidc({ clientID: { name: 'a', key: 'b' } }) }),
      'sso.clientID is not an option of Sso.oidc; its options are issuer, issuerAlias, clientId, clientSecret, redirectUrl, scopes, sessionExpiry, customGroupClaimName, userInfoPath, insecureSkipVerify, filterGroupsRegex, rootCA, allowInsecureIssuer, rbac. Fix: rename it to "clientId"');
    expectInvalid(resolve({ sso: oidc({ redirectURL: 'https://a.example.com/oauth2/callback' }) }),
      'sso.redirectURL is not an option of Sso.oidc; its options are issuer, issuerAlias, clientId, clientSecret, redirectUrl, scopes, sessionExpiry, customGroupClaimName, userInfoPath, insecureSkipVerify, filterGroupsRegex, rootCA, allowInsecureIssuer, rbac. Fix: rename it to "redirectUrl"');
    expectInvalid(resolve({ sso: dex({ issuer: ISSUER }) }),
      'sso.issuer is not an option of Sso.argoCdDex; its options are argoCdUrl, redirectUrl, scopes, sessionExpiry, insecureSkipVerify, filterGroupsRegex, rootCA, allowInsecureIssuer, rbac, clientId, clientSecret. Fix: remove sso.issuer');
    expectInvalid(resolve({ sso: oidc({ rbac: { mapings: [] } }) }),
      'sso.rbac.mapings is not an option argo-stack knows; allowed here: mappings, delegateToNamespace. Fix: rename it to "mappings"');
    expectInvalid(resolve({ sso: oidc(rbac({ ...ADMINS, precedance: 1 })) }),
      'sso.rbac.mappings[0].precedance is not an option argo-stack knows; allowed here: serviceAccountName, groups, rule, profile, precedence, namespaces. Fix: rename it to "precedence"');
    expectInvalid(resolve({ tokenLogin: bad({ acounts: [] }) }),
      'tokenLogin.acounts is not an option argo-stack knows; allowed here: accounts. Fix: rename it to "accounts"');
    expectInvalid(resolve({ tokenLogin: bad({ accounts: [{ name: 'ui', profile: 'editor', namespaces: ['argo'], namespace: 'argo' }] }) }),
      'tokenLogin.accounts[0].namespace is not an option argo-stack knows; allowed here: name, profile, namespaces. Fix: rename it to "namespaces"');
  });

  it('rejects bad scopes, expiry, regexes, root CA and claim settings', () => {
    expectInvalid(resolve({ sso: oidc({ scopes: ['openid'] }) }),
      'sso.scopes[0] "openid" is invalid: a scope is a word without spaces or quotes, and not "openid" (Argo always requests it). Fix: give scopes such as ["groups", "email"]');
    expectInvalid(resolve({ sso: oidc({ sessionExpiry: '10 hours' }) }),
      'sso.sessionExpiry "10 hours" is invalid: it must be a cdk8s Duration or a Go duration more than zero, such as "10h" or "90m". Fix: use Duration.hours(10) or "10h"');
    expectInvalid(resolve({ sso: oidc({ sessionExpiry: Duration.millis(1500) }) }),
      'sso.sessionExpiry Duration.millis(1500) is invalid: it must be a whole number of seconds, more than zero. Fix: use a Duration such as Duration.hours(10)');
    expectInvalid(resolve({ sso: oidc({ filterGroupsRegex: ['(unclosed'] }) }),
      'sso.filterGroupsRegex[0] "(unclosed" is invalid: each entry must be a regular expression. Fix: give expressions such as ["^argo-"]');
    expectInvalid(resolve({ sso: oidc({ rootCA: '/etc/ssl/ca.pem' }) }),
      'sso.rootCA "/etc/ssl/ca.pem" is invalid: it must be PEM text: one or more "-----BEGIN CERTIFICATE-----" blocks. Fix: give the CA certificate as PEM text (the file\'s content, not its path)');
    expectInvalid(resolve({ sso: oidc({ userInfoPath: 'userinfo' }) }),
      'sso.userInfoPath "userinfo" is invalid: it must be a path starting with "/", without spaces, query or fragment. Fix: give the path, e.g. "/oauth2/v1/userinfo"');
    expectInvalid(resolve({ sso: oidc({ insecureSkipVerify: 'yes' }) }), 'sso.insecureSkipVerify "yes" is invalid: it must be true or false. Fix: give a boolean');
  });

  it('rejects controller.config.sso next to the sso option: configured twice', () => {
    expectInvalid(resolve({ sso: oidc(), controller: { config: { sso: { issuer: ISSUER, clientId: { name: 'a', key: 'b' }, clientSecret: { name: 'a', key: 'c' } } } } }),
      'sso is set and so is controller.config.sso: single sign-on would be configured twice. Fix: remove controller.config.sso and keep the sso option');
  });

  it('rejects sso without argo-server', () => {
    expectInvalid(resolve({ server: { enabled: false }, sso: oidc() }),
      'sso is set but server.enabled is false: single sign-on is a feature of argo-server. Fix: remove sso, or run argo-server');
  });
});

describe('SSO RBAC', () => {
  it('creates one account per mapping, annotated with the rule and precedence, granted in the workflow namespaces (never cluster-wide)', () => {
    const plan = resolveArgoWorkflows({ sso: oidc(rbac({ ...ADMINS, groups: ['admins', 'ops'], precedence: 5 })) });
    expect(plan.auth?.accounts).toEqual([{
      purpose: 'sso-rbac', name: 'argo-admins', namespace: 'argo', profile: AccessProfile.ADMIN, namespaces: ['argo'], clusterTemplates: true,
      annotations: { 'workflows.argoproj.io/rbac-rule': "'admins' in groups || 'ops' in groups", 'workflows.argoproj.io/rbac-rule-precedence': '5' },
      tokenSecretName: 'argo-admins.service-account-token',
    }]);
    expect(plan.auth?.sso?.rbac?.delegateToNamespace).toBe(false);
  });

  it('grants in the managed namespace of a namespaced install, where argo-server looks for the accounts and reads their tokens', () => {
    const plan = resolveArgoWorkflows({ scope: InstallScope.NAMESPACED, managedNamespace: 'wf', sso: oidc(rbac({ serviceAccountName: 'everyone', rule: 'true', profile: 'read-only' })) });
    expect(plan.auth?.accounts.map((a) => [a.namespace, a.namespaces])).toEqual([['wf', ['wf']]]);
    expect(plan.auth?.serverTokenReads).toEqual({ namespace: 'wf', names: ['everyone.service-account-token'] });
    expect(plan.serverSecrets).toEqual(['argo-server-sso', 'sso']);
  });

  it('sets SSO_DELEGATE_RBAC_TO_NAMESPACE for delegation', () => {
    const plan = resolveArgoWorkflows({ sso: oidc(rbac(ADMINS, { delegateToNamespace: true })) });
    expect(plan.server?.env).toContainEqual({ name: 'SSO_DELEGATE_RBAC_TO_NAMESPACE', value: 'true' });
  });

  it('grants a mapping without namespaces in the workflow namespaces', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b' }], sso: oidc(rbac(ADMINS)) });
    expect(plan.auth?.accounts.map((a) => [a.namespaces, a.clusterTemplates])).toEqual([[['team-a', 'team-b'], true]]);
  });

  it('rejects two mappings with the same precedence: argo-server would pick either', () => {
    expectInvalid(resolve({ sso: oidc({ rbac: { mappings: [ADMINS, { serviceAccountName: 'argo-viewer', rule: 'true', profile: AccessProfile.READ_ONLY }] } }) }),
      'sso.rbac.mappings[1].precedence is 0, as is sso.rbac.mappings[0].precedence: when both rules match, argo-server picks either account at random. Fix: give every mapping its own precedence (the highest matching number wins)');
  });

  it('rejects delegation in a namespaced install, where Argo ignores it', () => {
    expectInvalid(resolve({ scope: InstallScope.NAMESPACED, sso: oidc(rbac(ADMINS, { delegateToNamespace: true })) }),
      'sso.rbac.delegateToNamespace is true in a namespaced install: argo-server ignores SSO_DELEGATE_RBAC_TO_NAMESPACE with --namespaced. Fix: remove sso.rbac.delegateToNamespace, or use a cluster install');
  });

  it('rejects an empty rule, a precedence that is not an integer, and mappings without a rule', () => {
    expectInvalid(resolve({ sso: oidc(rbac({ serviceAccountName: 'x', rule: ' ', profile: 'admin' })) }),
      'sso.rbac.mappings[0].rule " " is invalid: it must be a non-empty expression over the claims: an empty workflows.argoproj.io/rbac-rule fails to evaluate, and argo-server then refuses every SSO login. Fix: give an expression such as "\'admins\' in groups", or "true" to match everybody');
    expectInvalid(resolve({ sso: oidc(rbac({ ...ADMINS, precedence: 1.5 })) }),
      'sso.rbac.mappings[0].precedence 1.5 is invalid: it must be a whole number: argo-server reads workflows.argoproj.io/rbac-rule-precedence with strconv.Atoi and treats anything else as 0. Fix: use a whole number such as 1 (the highest matching number wins)');
    expectInvalid(resolve({ sso: oidc(rbac({ ...ADMINS, precedence: '1' })) }),
      'sso.rbac.mappings[0].precedence "1" is invalid: it must be a whole number: argo-server reads workflows.argoproj.io/rbac-rule-precedence with strconv.Atoi and treats anything else as 0. Fix: use a whole number such as 1 (the highest matching number wins)');
    expectInvalid(resolve({ sso: oidc(rbac({ serviceAccountName: 'x', profile: 'admin' })) }),
      'sso.rbac.mappings[0] has neither groups nor rule: argo-server needs a workflows.argoproj.io/rbac-rule to match users to "x". Fix: set groups, e.g. ["argo-admins"], or a rule, e.g. "true" for everybody');
    expectInvalid(resolve({ sso: oidc(rbac({ ...ADMINS, rule: 'true' })) }),
      'sso.rbac.mappings[0].groups and sso.rbac.mappings[0].rule are both set: a mapping matches by groups or by a rule. Fix: keep one of them (a rule can test groups itself: "\'a\' in groups && email endsWith \'@example.com\'")');
    expectInvalid(resolve({ sso: oidc(rbac({ ...ADMINS, groups: [] })) }),
      'sso.rbac.mappings[0].groups [] is invalid: it must be a list of at least one group name. Fix: give the groups, e.g. ["argo-admins"]');
    expectInvalid(resolve({ sso: oidc({ rbac: { mappings: [] } }) }),
      'sso.rbac.mappings [] is invalid: it must be a list of at least one mapping (without one, argo-server refuses every SSO login). Fix: give mappings, e.g. [{ serviceAccountName: "argo-admins", groups: ["admins"], profile: AccessProfile.ADMIN }]');
  });

  it('rejects an unknown profile and a name already taken', () => {
    expectInvalid(resolve({ sso: oidc(rbac({ ...ADMINS, profile: 'owner' })) }),
      'sso.rbac.mappings[0].profile "owner" is invalid: it must be one of "read-only", "editor", "admin". Fix: use AccessProfile.READ_ONLY, AccessProfile.EDITOR or AccessProfile.ADMIN');
    expectInvalid(resolve({ sso: oidc(rbac({ ...ADMINS, serviceAccountName: 'argo-server' })) }),
      'sso.rbac.mappings[].serviceAccountName "argo-server" is already a ServiceAccount in "argo" (argo-server). Fix: give each UI account a name of its own');
    expectInvalid(resolve({ sso: oidc(rbac(ADMINS)), tokenLogin: { accounts: [{ name: 'argo-admins', profile: 'read-only', namespaces: ['argo'] }] } }),
      'tokenLogin.accounts[].name "argo-admins" is already a ServiceAccount in "argo" (an SSO RBAC mapping). Fix: give each UI account a name of its own');
  });

  it('quotes group names as expr-lang strings (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (g) => {
      const literal = exprString(g);
      // Unescaping the literal gives the name back.
      expect(literal.slice(1, -1).replace(/\\(.)/g, '$1')).toBe(g);
      expect(/^'([^'\\]|\\.)*'$/s.test(literal)).toBe(true);
    }));
    expect(groupsRule(['a', "o'b"])).toBe("'a' in groups || 'o\\'b' in groups");
  });
});

describe('token login', () => {
  it('creates one account per entry in the install namespace, granted in the chosen namespaces', () => {
    const plan = resolveArgoWorkflows({ tokenLogin: { accounts: [{ name: 'argo-ui', profile: AccessProfile.READ_ONLY, namespaces: ['team-a', 'team-b'] }] } });
    expect(plan.auth?.accounts).toEqual([{
      purpose: 'token-login', name: 'argo-ui', namespace: 'argo', profile: AccessProfile.READ_ONLY, namespaces: ['team-a', 'team-b'], clusterTemplates: false, annotations: {},
      tokenSecretName: 'argo-ui.service-account-token',
    }]);
    expect(plan.auth?.sso).toBeUndefined();
    expect(plan.serverSecrets).toEqual([]);
  });

  it('rejects the admin profile, no namespaces, and token login without the client auth mode', () => {
    expectInvalid(resolve({ tokenLogin: bad({ accounts: [{ name: 'ui', profile: 'admin', namespaces: ['argo'] }] }) }),
      'tokenLogin.accounts[0].profile "admin" is invalid: it must be one of "read-only", "editor". Fix: use AccessProfile.READ_ONLY or AccessProfile.EDITOR');
    expectInvalid(resolve({ tokenLogin: bad({ accounts: [{ name: 'ui', profile: 'editor', namespaces: [] }] }) }),
      'tokenLogin.accounts[0].namespaces [] is invalid: it must be a list of at least one namespace. Fix: give the namespaces, e.g. ["argo"]');
    expectInvalid(resolve({ tokenLogin: bad({ accounts: [{ name: 'ui', profile: 'editor', namespaces: ['Argo'] }] }) }),
      'tokenLogin.accounts[0].namespaces[0] "Argo" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "argo"');
    expectInvalid(resolve({ server: { authModes: [AuthMode.SERVER] }, tokenLogin: { accounts: [{ name: 'ui', profile: 'editor', namespaces: ['argo'] }] } }),
      'tokenLogin is set but server.authModes ["server"] does not list "client": argo-server ignores a pasted token. Fix: add AuthMode.CLIENT to server.authModes, or remove tokenLogin');
  });
});

describe('auth modes', () => {
  it('rejects the sso mode without SSO settings', () => {
    expectInvalid(resolve({ server: { authModes: [AuthMode.SSO] } }),
      'server.authModes ["sso"] lists "sso" but sso is not set: argo-server exits at start without SSO settings. Fix: set sso: Sso.oidc({ issuer, ... }) or Sso.argoCdDex({ argoCdUrl }), or remove "sso" from server.authModes');
  });

  it('rejects the server mode on an exposed server (LoadBalancer, Ingress, Gateway) unless acknowledged', () => {
    const message = 'server.authModes ["server"] lists "server" on an exposed argo-server: every request without a token runs as argo-server\'s own service account, which can create workflows that run as any service account, for anyone who reaches it. Fix: use AuthMode.CLIENT (with tokenLogin) or AuthMode.SSO, or set server.allowServerAuthModeWhenExposed: true to accept the risk';
    const exposures = [
      Exposure.loadBalancer({}),
      Exposure.ingress({ controller: IngressController.nginx(), hosts: ['argo.example.com'], tls: IngressTls.secret('argo-tls') }),
      Exposure.gateway({ parentRefs: [{ name: 'eg' }], hostnames: ['argo.example.com'] }),
    ];
    for (const exposure of exposures) {
      const tls = exposure.kind === 'gateway' ? { tls: ServerTls.plainText() } : {};
      expectInvalid(resolve({ server: { authModes: [AuthMode.SERVER], exposure, ...tls } }), message);
      expect(() => resolveArgoWorkflows({ server: { authModes: [AuthMode.SERVER], exposure, ...tls, allowServerAuthModeWhenExposed: true } })).not.toThrow();
    }
    expect(() => resolveArgoWorkflows({ server: { authModes: [AuthMode.SERVER] } })).not.toThrow();
  });

  it('requires the redirect URL behind an Ingress with IngressTls.none(), whose public scheme is unknown', () => {
    const exposure = Exposure.ingress({ controller: IngressController.nginx(), hosts: ['argo.example.com'], tls: IngressTls.none() });
    expectInvalid(resolve({ sso: oidc({}), server: { baseHref: '/argo/', exposure } }),
      'sso.redirectUrl is required: server.exposure is an Ingress with IngressTls.none() (TLS ends before it, or nowhere), so argo-stack cannot derive the URL browsers return to. Fix: set redirectUrl to the public URL of the callback, e.g. "https://argo.example.com/argo/oauth2/callback"');
    const plan = resolveArgoWorkflows({ sso: oidc({ redirectUrl: 'https://argo.example.com/argo/oauth2/callback' }), server: { baseHref: '/argo/', exposure } });
    expect(plan.auth?.sso?.config.redirectUrl).toBe('https://argo.example.com/argo/oauth2/callback');
  });

  it('derives the SSO redirect URL from the Ingress host and the base href', () => {
    const plan = resolveArgoWorkflows({
      sso: oidc({}),
      server: { baseHref: '/argo/', exposure: Exposure.ingress({ controller: IngressController.nginx(), hosts: ['argo.example.com'], tls: IngressTls.secret('argo-tls') }) },
    });
    expect(plan.auth?.sso?.config.redirectUrl).toBe('https://argo.example.com/argo/oauth2/callback');
  });

  it('rejects the acknowledgement without the server mode, and one that is not a boolean', () => {
    expectInvalid(resolve({ server: { allowServerAuthModeWhenExposed: true } }),
      'server.allowServerAuthModeWhenExposed is set but server.authModes ["client"] does not list "server": it has no effect. Fix: remove server.allowServerAuthModeWhenExposed');
    expectInvalid(resolve({ server: { authModes: [AuthMode.SERVER], allowServerAuthModeWhenExposed: bad('yes') } }),
      'server.allowServerAuthModeWhenExposed "yes" is invalid: it must be true or false. Fix: give a boolean');
  });

  it('every invalid SSO option is a ValidationError naming sso, never a raw error (property)', () => {
    const keys = ['issuer', 'issuerAlias', 'clientId', 'clientSecret', 'redirectUrl', 'scopes', 'sessionExpiry', 'customGroupClaimName', 'userInfoPath',
      'insecureSkipVerify', 'filterGroupsRegex', 'rootCA', 'allowInsecureIssuer', 'rbac'];
    fc.assert(fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) => {
      try {
        resolveArgoWorkflows({ sso: oidc({ [key]: value }) });
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as Error).message).toMatch(/sso/);
      }
    }), { seed: 8, numRuns: 500 });
  });
});
