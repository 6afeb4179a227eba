/** Service account annotations of cloud identities, read back as argo-stack's `WorkloadIdentity` plain data. */

/** The annotation of each cloud identity and the plain-data form it becomes. */
export const IDENTITY_ANNOTATIONS: Readonly<Record<string, string>> = {
  'eks.amazonaws.com/role-arn': 'awsIrsa',
  'iam.gke.io/gcp-service-account': 'gke',
  'azure.workload.identity/client-id': 'azure',
};

/**
 * Splits service account annotations into one workload identity (`{ awsIrsa: arn }`, `{ gke: email }`,
 * `{ azure: clientId }`) and the other annotations. Several identity annotations stay annotations.
 */
export function workloadIdentityOf(annotations: Record<string, unknown> | undefined): { identity?: Record<string, unknown>; annotations?: Record<string, unknown> } {
  if (annotations === undefined) return {};
  const found = Object.keys(annotations).filter((k) => k in IDENTITY_ANNOTATIONS);
  if (found.length !== 1) return { annotations };
  const rest = Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== found[0]));
  return { identity: { [IDENTITY_ANNOTATIONS[found[0]]]: annotations[found[0]] }, ...(Object.keys(rest).length > 0 ? { annotations: rest } : {}) };
}
