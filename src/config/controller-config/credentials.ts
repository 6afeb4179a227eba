/**
 * No plaintext credential through Argo's config: the configmap is committed to git with the rest
 * of `dist/`. Two patterns carry one: a `{ name, value }` pair whose name looks like a credential
 * (an env var of `executor` or `mainContainer`, a workflow parameter in `workflowDefaults`), and a
 * string under a key that looks like one (`securityToken`, `password`). References (`valueFrom`,
 * `*Secret` selectors) are what Argo offers instead.
 */
import { redact } from '../check';
import { invalid } from '../errors';
import { keyPath } from '../plain-data';

/** Env var and parameter names that look like they hold a credential. */
export const CREDENTIAL_VARIABLE = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|[A-Z0-9]_KEY(_|$)|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY/i;
/** Config keys whose string value would be a credential itself: the credential word ends the name (`securityToken`, not `allowNativePasswords`). */
export const CREDENTIAL_FIELD = /(password|passwd|token|api_?key|private_?key|credentials?)$/i;
/** Maps whose keys are names, not settings: an annotation `...-token: "true"` is no credential. */
const NAME_MAPS = ['labels', 'annotations', 'nodeSelector', 'matchLabels'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fixFor(path: string): string {
  if (/\.env\[\d+\]$/.test(path)) return 'read it from a Secret: { name, valueFrom: { secretKeyRef: { name: "<secret>", key: "<key>" } } }';
  if (/\.parameters\[\d+\]$/.test(path)) return 'pass it when the workflow is submitted, or have the template read it from a Secret with valueFrom.secretKeyRef';
  return 'put it in a Secret and reference it (Argo\'s *Secret fields take { name, key })';
}

/** Throws on the first literal credential in `value` (a config or part of one), naming its path. */
export function rejectLiteralCredentials(path: string, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => rejectLiteralCredentials(`${path}[${i}]`, item));
    return;
  }
  if (!isRecord(value)) return;
  if (typeof value.name === 'string' && CREDENTIAL_VARIABLE.test(value.name) && typeof value.value === 'string' && value.value !== '') {
    throw invalid(`${path}.value`, redact(value.value), `"${value.name}" looks like a credential, and a literal value would be written in plain text to workflow-controller-configmap, which is committed to git`, fixFor(path));
  }
  for (const [k, v] of Object.entries(value)) {
    const at = keyPath(path, k);
    if (NAME_MAPS.includes(k)) continue;
    if (typeof v === 'string' && v !== '' && CREDENTIAL_FIELD.test(k)) {
      throw invalid(at, redact(v), `"${k}" holds a credential, which would be written in plain text to workflow-controller-configmap, which is committed to git`, fixFor(at));
    }
    rejectLiteralCredentials(at, v);
  }
}
