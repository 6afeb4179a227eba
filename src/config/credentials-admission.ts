/**
 * What the credentials Job may create, as an admission rule. Kubernetes RBAC cannot limit `create`
 * by name (the object has no name yet when RBAC authorizes it), so a Role with `create` on Secrets
 * would let the Job's ServiceAccount create any Secret in its namespaces, such as a
 * `kubernetes.io/service-account-token` Secret for another ServiceAccount. A
 * `ValidatingAdmissionPolicy` closes that: requests from that ServiceAccount are admitted only when
 * they create an `Opaque` Secret with one of the expected names in its namespace. Once those Secrets
 * exist, every create it may still make fails with AlreadyExists, so its rights are unusable.
 * Pure: the CEL expressions, from plain data.
 */

/** The Secrets the Job may create in one namespace. */
export interface AllowedSecrets {
  readonly namespace: string;
  readonly names: readonly string[];
}

/** The user name a ServiceAccount's requests carry: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** A CEL string literal (single quotes; `\` and `'` escaped). Names here are DNS names: nothing to escape. */
export function celString(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The match condition: the request comes from the Job's ServiceAccount (every other request is not evaluated). */
export function credentialsMatchExpression(namespace: string, serviceAccount: string): string {
  return `request.userInfo.username == ${celString(serviceAccountUsername(namespace, serviceAccount))}`;
}

/**
 * The validation: a CREATE of an `Opaque` Secret whose namespace and name are one of the allowed
 * pairs. Anything else from that ServiceAccount (another name, namespace or type, an update, a
 * delete) is denied. Example, for `argo: [a, b]` and `team-a: [c]`:
 *
 * ```
 * request.operation == 'CREATE' && object.type == 'Opaque' && (
 *   (request.namespace == 'argo' && object.metadata.name in ['a', 'b']) ||
 *   (request.namespace == 'team-a' && object.metadata.name in ['c']))
 * ```
 */
export function credentialsValidationExpression(allowed: readonly AllowedSecrets[]): string {
  const pairs = allowed.map((a) => `(request.namespace == ${celString(a.namespace)} && object.metadata.name in [${[...a.names].sort().map(celString).join(', ')}])`);
  return `request.operation == 'CREATE' && object.type == 'Opaque' && (${pairs.join(' || ') || 'false'})`;
}
