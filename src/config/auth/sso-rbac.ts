/**
 * SSO RBAC (Argo docs: "Argo Server SSO", section "SSO RBAC"): argo-server picks, for each SSO
 * user, the ServiceAccount with the highest `workflows.argoproj.io/rbac-rule-precedence` whose
 * `workflows.argoproj.io/rbac-rule` expression matches the user's claims, and acts with that
 * account's token, read from the Secret `<account>.service-account-token`
 * (server/auth/gatekeeper.go: getServiceAccount, authorizationForServiceAccount).
 */
import { Checker, EnumValue, optionKeys } from '../check';
import { conflict, invalid } from '../errors';
import { AccessProfile, checkNamespaces, checkProfile, ResolvedAccessAccount, tokenSecretName } from './profiles';

/** One group or expression mapped to one ServiceAccount and its access profile. */
export interface SsoRbacMapping {
  /** The ServiceAccount argo-stack creates for the mapping (RFC 1123 label). */
  readonly serviceAccountName: string;
  /** Users in any of these groups match (`'a' in groups || 'b' in groups`). Give `groups` or `rule`. @default - none */
  readonly groups?: string[];
  /** An expr-lang expression over the claims (`groups`, `email`, `sub`, `iss`, `name`, ...), e.g. `"'admins' in groups"`, or `"true"` for everybody. @default - none */
  readonly rule?: string;
  /** What the matched users may do. */
  readonly profile: EnumValue<AccessProfile>;
  /** `workflows.argoproj.io/rbac-rule-precedence`: when several rules match, the highest number wins. @default 0 */
  readonly precedence?: number;
  /**
   * Namespaces the profile is granted in (a Role in each). In a cluster install the profile also
   * reaches cluster workflow templates (read, or write for admins) through a ClusterRole of its own.
   * @default - the workflow namespaces (the SSO namespace when there are none)
   */
  readonly namespaces?: string[];
}

/** `rbac` of the SSO options. */
export interface SsoRbacOptions {
  /** The mappings, one ServiceAccount each. */
  readonly mappings: SsoRbacMapping[];
  /**
   * `SSO_DELEGATE_RBAC_TO_NAMESPACE=true` on argo-server: for a request in another namespace, an
   * account there whose rule matches with a higher precedence is used instead. Those accounts are
   * yours, and argo-server must be able to read their token Secrets. Cluster installs only (Argo
   * ignores it with `--namespaced`).
   * @default false
   */
  readonly delegateToNamespace?: boolean;
}

const RBAC_KEYS = optionKeys<SsoRbacOptions>()(['mappings', 'delegateToNamespace']);
const MAPPING_KEYS = optionKeys<SsoRbacMapping>()(['serviceAccountName', 'groups', 'rule', 'profile', 'precedence', 'namespaces']);

/** The annotations argo-server reads on an SSO RBAC ServiceAccount. */
export const RBAC_RULE_ANNOTATION = 'workflows.argoproj.io/rbac-rule';
export const RBAC_RULE_PRECEDENCE_ANNOTATION = 'workflows.argoproj.io/rbac-rule-precedence';
/** The env var that turns namespace delegation on (server/auth/gatekeeper.go: canDelegateRBACToRequestNamespace). */
export const SSO_DELEGATE_ENV = 'SSO_DELEGATE_RBAC_TO_NAMESPACE';

/** Where SSO RBAC accounts live and how argo-stack grants their profiles. */
export interface SsoRbacContext {
  /** argo-server's SSO namespace: the managed namespace of a namespaced install, else the install namespace (cmd/argo/commands/server.go). */
  readonly namespace: string;
  /** A cluster install (profiles also reach cluster workflow templates). */
  readonly cluster: boolean;
  /** The workflow namespaces, where a mapping's profile is granted unless it names its own. */
  readonly workflowNamespaces: readonly string[];
}

export interface ResolvedSsoRbac {
  readonly delegateToNamespace: boolean;
  readonly accounts: ResolvedAccessAccount[];
}

/** An expr-lang string literal. */
export const exprString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The rule of a list of groups: `'a' in groups || 'b' in groups`. */
export const groupsRule = (groups: readonly string[]): string => groups.map((g) => `${exprString(g)} in groups`).join(' || ');

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function mappingRule(c: Checker, m: Record<string, unknown>): string {
  if (m.groups !== undefined && m.rule !== undefined) {
    throw conflict(`${c.at('groups')} and ${c.at('rule')} are both set: a mapping matches by groups or by a rule`, 'keep one of them (a rule can test groups itself: "\'a\' in groups && email endsWith \'@example.com\'")');
  }
  if (m.groups !== undefined) {
    const groups = m.groups;
    if (!Array.isArray(groups) || groups.length === 0) throw invalid(c.at('groups'), groups, 'it must be a list of at least one group name', 'give the groups, e.g. ["argo-admins"]');
    groups.forEach((g, i) => {
      if (typeof g !== 'string' || g === '' || CONTROL.test(g)) throw invalid(`${c.at('groups')}[${i}]`, g, 'a group is a non-empty name without control characters', 'give the group as the issuer names it');
    });
    return groupsRule(groups as string[]);
  }
  if (m.rule === undefined) {
    throw conflict(`${c.path} has neither groups nor rule: argo-server needs a workflows.argoproj.io/rbac-rule to match users to ${JSON.stringify(m.serviceAccountName)}`,
      'set groups, e.g. ["argo-admins"], or a rule, e.g. "true" for everybody');
  }
  if (typeof m.rule !== 'string' || m.rule.trim() === '' || CONTROL.test(m.rule.replace(/[\n\t]/g, ' '))) {
    throw invalid(c.at('rule'), m.rule, 'it must be a non-empty expression over the claims: an empty workflows.argoproj.io/rbac-rule fails to evaluate, and argo-server then refuses every SSO login',
      'give an expression such as "\'admins\' in groups", or "true" to match everybody');
  }
  return m.rule;
}

function mappingPrecedence(c: Checker, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalid(c.at('precedence'), value, 'it must be a whole number: argo-server reads workflows.argoproj.io/rbac-rule-precedence with strconv.Atoi and treats anything else as 0', 'use a whole number such as 1 (the highest matching number wins)');
  }
  return value;
}

function resolveMapping(c: Checker, m: unknown, ctx: SsoRbacContext): ResolvedAccessAccount {
  const o = c.object(m, '{ serviceAccountName: "argo-admins", groups: ["admins"], profile: AccessProfile.ADMIN }');
  c.known(o, MAPPING_KEYS);
  const name = c.dnsLabel('serviceAccountName', o.serviceAccountName);
  const rule = mappingRule(c, o);
  const precedence = mappingPrecedence(c, o.precedence);
  const profile = checkProfile(c, o.profile);
  // Never cluster-wide by default: a read-only user could read pod logs in kube-system.
  const namespaces = o.namespaces !== undefined ? checkNamespaces(c, o.namespaces) : ctx.workflowNamespaces.length ? [...ctx.workflowNamespaces] : [ctx.namespace];
  return {
    purpose: 'sso-rbac', name, namespace: ctx.namespace, profile, namespaces, clusterTemplates: ctx.cluster,
    annotations: { [RBAC_RULE_ANNOTATION]: rule, [RBAC_RULE_PRECEDENCE_ANNOTATION]: String(precedence) },
    tokenSecretName: tokenSecretName(name),
  };
}

/**
 * Two mappings with the same precedence: when both rules match, argo-server picks either (it sorts
 * the matching accounts by precedence with an unstable sort, server/auth/gatekeeper.go).
 */
function rejectEqualPrecedence(c: Checker, accounts: readonly ResolvedAccessAccount[]): void {
  const seen = new Map<string, number>();
  accounts.forEach((a, i) => {
    const p = a.annotations[RBAC_RULE_PRECEDENCE_ANNOTATION];
    const first = seen.get(p);
    if (first !== undefined) {
      throw conflict(`${c.child('mappings').item(i).at('precedence')} is ${p}, as is ${c.child('mappings').item(first).at('precedence')}: when both rules match, argo-server picks either account at random`,
        'give every mapping its own precedence (the highest matching number wins)');
    }
    seen.set(p, i);
  });
}

/** Checks `sso.rbac` and resolves one account per mapping. */
export function resolveSsoRbac(c: Checker, value: unknown, ctx: SsoRbacContext): ResolvedSsoRbac {
  const o = c.object(value, '{ mappings: [{ serviceAccountName: "argo-admins", groups: ["admins"], profile: AccessProfile.ADMIN }] }');
  c.known(o, RBAC_KEYS);
  const delegate = c.bool('delegateToNamespace', o.delegateToNamespace) === true;
  if (delegate && !ctx.cluster) {
    throw conflict(`${c.at('delegateToNamespace')} is true in a namespaced install: argo-server ignores ${SSO_DELEGATE_ENV} with --namespaced`, `remove ${c.at('delegateToNamespace')}, or use a cluster install`);
  }
  if (!Array.isArray(o.mappings) || o.mappings.length === 0) {
    throw invalid(c.at('mappings'), o.mappings, 'it must be a list of at least one mapping (without one, argo-server refuses every SSO login)',
      'give mappings, e.g. [{ serviceAccountName: "argo-admins", groups: ["admins"], profile: AccessProfile.ADMIN }]');
  }
  const accounts = o.mappings.map((m, i) => resolveMapping(c.child('mappings').item(i), m, ctx));
  rejectEqualPrecedence(c, accounts);
  return { delegateToNamespace: delegate, accounts };
}
