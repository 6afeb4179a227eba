/**
 * The checks every cloud's side shares, in the project's message format (`<option> <value> is
 * invalid: <rule>. Fix: <fix>`): lifecycle days, workflow namespaces, and the service account
 * subjects a trust policy, a federated credential or an IAM binding names. Pure: they run before
 * any resource is registered.
 */
import { checkEnum, Checker } from '../config/check';
import { invalid } from '../config/errors';
import type { ServiceAccountSubject } from '../config/identity/subjects';
import { validateDnsLabel, validateDnsSubdomain } from '../config/names';

/** The longest retention the lifecycle rules take (days). */
export const MAX_RETENTION_DAYS = 36500;

/** Checks a number of days for a lifecycle rule (an integer from 1 to 36500). */
export function validateDays(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RETENTION_DAYS) {
    throw invalid(option, value, `it must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`, 'give a number of days like 30, or omit it to keep artifacts');
  }
  return value;
}

/** Checks a list of workflow namespaces: a non-empty list of RFC 1123 labels, each once. */
export function validateNamespaces(option: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(option, value, 'it must be a non-empty list of namespace names', 'give a list like ["argo"]');
  }
  const seen = new Set<string>();
  return value.map((n, i) => {
    const name = validateDnsLabel(`${option}[${i}]`, n);
    if (seen.has(name)) throw invalid(`${option}[${i}]`, name, 'each workflow namespace may be listed once', `remove the second "${name}"`);
    seen.add(name);
    return name;
  });
}

/**
 * Checks the subjects a trust policy will name: a namespace label and a service account name each,
 * without a wildcard ("*" or "?" would let other service accounts assume the role).
 */
export function validateSubjects(option: string, value: unknown): ServiceAccountSubject[] {
  if (!Array.isArray(value)) throw invalid(option, value, 'it must be a list of service account subjects', 'pass plan.serviceAccountSubjects');
  return value.map((s: unknown, i) => {
    const c = new Checker(`${option}[${i}]`);
    const o = c.object(s, '{ namespace: "argo", name: "argo-workflow", component: "workflow", access: ["read", "write"] }');
    for (const field of ['namespace', 'name'] as const) {
      if (typeof o[field] === 'string' && /[*?]/.test(o[field] as string)) {
        throw invalid(c.at(field), o[field], 'a wildcard in a trust subject lets any matching service account assume the role', 'name one service account exactly');
      }
    }
    validateDnsLabel(c.at('namespace'), o.namespace);
    validateDnsSubdomain(c.at('name'), o.name);
    checkEnum(c.at('component'), o.component, { workflow: 'workflow', server: 'server', artifactGc: 'artifact-gc' }, 'use "workflow", "server" or "artifact-gc"');
    if (!Array.isArray(o.access) || o.access.some((a) => a !== 'read' && a !== 'write' && a !== 'delete')) {
      throw invalid(c.at('access'), o.access, 'it must be a list of "read", "write" and "delete"', 'pass the subjects of the plan as they are');
    }
    return o as unknown as ServiceAccountSubject;
  });
}
