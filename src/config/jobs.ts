/**
 * The pods of argo-stack's one-shot Jobs (the CRD installer and the credentials generator): where
 * they run and what they carry. MinIO's bucket Job runs with MinIO's own pod options.
 */
import { Checker } from './check';
import { DEFAULT_RESOURCES, POD_OPTION_KEYS, PodOptions, ResolvedPod, resolvePod, ResourceRequirements } from './pod';

/** The Jobs' pods, every default filled in; `resources` only when set (each Job has its own default). */
export interface ResolvedJobs {
  readonly pod: ResolvedPod;
  readonly resources?: ResourceRequirements;
}

/** Validates `jobs` (the pod options of the one-shot Jobs). */
export function resolveJobs(o: PodOptions | undefined, installPullSecrets: readonly string[]): ResolvedJobs {
  const c = new Checker('jobs');
  if (o !== undefined) c.known(c.object(o, '{ tolerations: [{ key: "dedicated", operator: "Exists" }] }'), POD_OPTION_KEYS);
  const pod = resolvePod(c, o, DEFAULT_RESOURCES.crdInstaller, installPullSecrets);
  return { pod, ...(o?.resources !== undefined ? { resources: o.resources } : {}) };
}
