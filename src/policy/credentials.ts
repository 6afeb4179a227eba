/**
 * `credentials/`: no Secret carries data, no secret-looking env var has a literal value, and no
 * ConfigMap holds a literal credential anywhere in its values (an env var or parameter `{ name,
 * value }` with a secret-looking name, or a string under a key such as `password` or `token`).
 */
import { CheckOptions, isObj, list, NamedContainer, Obj, q, Report } from './_objects';

/** Env var names that look like they hold a credential. */
const CREDENTIAL_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL/i;

/** `credentials/env-literal` on one container. */
export function checkContainerEnv({ c, where }: NamedContainer, report: Report): void {
  for (const e of list(c.env).filter(isObj)) {
    if (typeof e.name === 'string' && CREDENTIAL_NAME.test(e.name) && typeof e.value === 'string' && e.value !== '') {
      report('error', 'credentials/env-literal', `${where} sets env ${e.name} to a literal value. Fix: read it from a Secret with valueFrom.secretKeyRef`);
    }
  }
}

/** Config keys whose string value is a credential itself. */
const CREDENTIAL_FIELD = /(password|passwd|token|api_?key|private_?key|credentials?)$/i;
/** Maps whose keys are names (labels, annotations), not settings. */
const NAME_MAPS = ['labels', 'annotations', 'nodeSelector', 'matchLabels'];
/** Names of variables and parameters that look like they hold a credential (broader than env names). */
const CREDENTIAL_VARIABLE = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|[A-Z0-9]_KEY(_|$)|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY/i;

/** The first literal credential in a parsed value, as a path and a reason; undefined when there is none. */
function literalCredential(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const hit = literalCredential(item, `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (!isObj(value)) return undefined;
  if (typeof value.name === 'string' && CREDENTIAL_VARIABLE.test(value.name) && typeof value.value === 'string' && value.value !== '') {
    return `${path} sets ${q(value.name)} to a literal value`;
  }
  for (const [k, v] of Object.entries(value)) {
    if (NAME_MAPS.includes(k)) continue;
    if (typeof v === 'string' && v !== '' && CREDENTIAL_FIELD.test(k)) return `${path ? `${path}.` : ''}${k} is a literal credential`;
    const hit = literalCredential(v, path ? `${path}.${k}` : k);
    if (hit) return hit;
  }
  return undefined;
}

/** `credentials/configmap-literal`: a ConfigMap value (parsed as YAML or JSON) that holds a literal credential. */
export function checkConfigMap(obj: Obj, report: Report, options: CheckOptions): void {
  if (obj.kind !== 'ConfigMap' || !isObj(obj.data)) return;
  for (const [key, text] of Object.entries(obj.data)) {
    if (typeof text !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = options.parseYaml ? options.parseYaml(text) : JSON.parse(text);
    } catch {
      continue;
    }
    const hit = literalCredential(parsed, '');
    if (hit) {
      report('error', 'credentials/configmap-literal', `data key ${q(key)}: ${hit}, in plain text in a ConfigMap. Fix: keep the value in a Secret and reference it (valueFrom.secretKeyRef, or a *Secret field)`);
    }
  }
}

/** `credentials/secret-data`: a Secret (other than a service-account token) with data or stringData. */
export function checkSecret(obj: Obj, report: Report): void {
  if (obj.kind !== 'Secret' || obj.type === 'kubernetes.io/service-account-token') return;
  const keys = [...Object.keys(isObj(obj.data) ? obj.data : {}), ...Object.keys(isObj(obj.stringData) ? obj.stringData : {})];
  if (keys.length) {
    report('error', 'credentials/secret-data', `the Secret carries ${keys.length === 1 ? 'key' : 'keys'} ${keys.map((k) => q(k)).join(', ')} in plain manifests. Fix: create the Secret outside the manifests (or with an external secret store) and reference it by name`);
  }
}
