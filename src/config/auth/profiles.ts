/**
 * Access profiles: what a person logged in to the UI may do, shared by SSO RBAC mappings and
 * token-login accounts. Each account is a ServiceAccount with its long-lived token Secret and the
 * Roles (or one ClusterRole) of its profile; the rules themselves are data in `k8s/_rbac-rules.ts`.
 */
import type { Checker } from '../check';
import { invalid } from '../errors';
import { validateDnsLabel } from '../names';

/** What an account may do in the UI. */
export enum AccessProfile {
  /** See workflows, templates, cron workflows, event bindings, pod logs and events. */
  READ_ONLY = 'read-only',
  /** Also submit, resubmit, retry, stop, suspend and delete workflows, and edit templates and cron workflows. */
  EDITOR = 'editor',
  /** Also delete many objects at once (`deletecollection`), and edit cluster workflow templates. */
  ADMIN = 'admin',
}

/** Why argo-stack creates an account. */
export type AccessAccountPurpose = 'sso-rbac' | 'token-login';

/** One UI account, resolved: its ServiceAccount, token Secret and grants. */
export interface ResolvedAccessAccount {
  readonly purpose: AccessAccountPurpose;
  /** The ServiceAccount's name. */
  readonly name: string;
  /** Where the ServiceAccount and its token Secret live. */
  readonly namespace: string;
  readonly profile: AccessProfile;
  /** Namespaces the profile is granted in, with a Role and RoleBinding each. */
  readonly namespaces: string[];
  /** The profile also reaches cluster workflow templates (a ClusterRole for them alone, in a cluster install). */
  readonly clusterTemplates: boolean;
  /** Annotations of the ServiceAccount (the SSO RBAC rule and precedence). */
  readonly annotations: Record<string, string>;
  /** `<name>.service-account-token`: a Secret of type `kubernetes.io/service-account-token`, filled in by Kubernetes. */
  readonly tokenSecretName: string;
}

/** The Secret Kubernetes fills with a long-lived token for a ServiceAccount (the name Argo looks for last). */
export const tokenSecretName = (serviceAccount: string): string => `${serviceAccount}.service-account-token`;

/** A profile from the options (`AccessProfile.EDITOR` or `'editor'`), limited to `allowed`. */
export function checkProfile(c: Checker, value: unknown, allowed: readonly AccessProfile[] = Object.values(AccessProfile)): AccessProfile {
  if (!allowed.includes(value as AccessProfile)) {
    const names = allowed.map((p) => `AccessProfile.${Object.entries(AccessProfile).find(([, v]) => v === p)![0]}`);
    throw invalid(c.at('profile'), value, `it must be one of ${allowed.map((p) => JSON.stringify(p)).join(', ')}`, `use ${names.join(', ').replace(/, ([^,]*)$/, ' or $1')}`);
  }
  return value as AccessProfile;
}

/** A list of namespaces (RFC 1123 labels, at least one, no duplicates). */
export function checkNamespaces(c: Checker, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(c.at('namespaces'), value, 'it must be a list of at least one namespace', 'give the namespaces, e.g. ["argo"]');
  }
  const seen = new Set<string>();
  value.forEach((n, i) => {
    validateDnsLabel(`${c.at('namespaces')}[${i}]`, n);
    if (seen.has(n)) throw invalid(c.at('namespaces'), value, `it lists "${n}" twice`, `remove the second "${n}"`);
    seen.add(n);
  });
  return [...value] as string[];
}
