/**
 * `credentials/`: no Secret carries data, and no secret-looking env var has a literal value.
 */
import { isObj, list, NamedContainer, Obj, q, Report } from './_objects';

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

/** `credentials/secret-data`: a Secret (other than a service-account token) with data or stringData. */
export function checkSecret(obj: Obj, report: Report): void {
  if (obj.kind !== 'Secret' || obj.type === 'kubernetes.io/service-account-token') return;
  const keys = [...Object.keys(isObj(obj.data) ? obj.data : {}), ...Object.keys(isObj(obj.stringData) ? obj.stringData : {})];
  if (keys.length) {
    report('error', 'credentials/secret-data', `the Secret carries ${keys.length === 1 ? 'key' : 'keys'} ${keys.map((k) => q(k)).join(', ')} in plain manifests. Fix: create the Secret outside the manifests (or with an external secret store) and reference it by name`);
  }
}
