/**
 * Policy checks over synthesized manifests (plain objects, as `chart.toJson()` or a YAML parser
 * returns them). Pure and self-contained: nothing from the rest of the package, no I/O, so the
 * CLI, the tests and any other program can run it on any list of Kubernetes objects.
 *
 * What it checks, by rule id prefix (each family in its own module):
 * - `object/` (here): every object has apiVersion, kind and metadata.name.
 * - `pss/` (`pss.ts`): Pod Security Standards "restricted" (which includes "baseline") for every
 *   pod template of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob.
 * - `resources/`, `probes/` (`pods.ts`): cpu and memory requests and a memory limit on every
 *   long-running container; Deployments, StatefulSets and DaemonSets have a readiness or liveness probe.
 * - `image/` (`images.ts`): every image is pinned by a tag other than `latest`, or by a sha256 digest.
 * - `credentials/` (`credentials.ts`): no Secret carries data, and no secret-looking env var has a
 *   literal value.
 * - `rbac/` (`rbac.ts`): no `*` in verbs, resources or apiGroups; no unrestricted Secret reads.
 * - `argo-server/`, `controller/`, `controller-config/`, `artifact-repositories/`, `install/`
 *   (`argo.ts`): the Argo Workflows v4.1.2 settings that make the server or the controller fail at start.
 * - `network/` (`network.ts`): every Service selector matches a pod template of its namespace; every
 *   NetworkPolicy selects a pod template (or Argo's run-time pods); with NetworkPolicies, every pod is default-denied.
 *
 * Every finding names the object as `Kind/namespace/name`; the namespace part is empty for
 * objects without one (`ClusterRole//argo-cluster-role`).
 *
 * Findings come in a fixed order: object by object, in the order given (for a pod template: the
 * pod's own rules, then container by container, then its probes); then the rules across objects.
 */
import { containersOf, CheckOptions, Finding, isObj, Obj, podSpecOf, Report, reporterFor } from './_objects';
import { checkArgoObject, checkInstall } from './argo';
import { checkConfigMap, checkContainerEnv, checkSecret } from './credentials';
import { checkContainerImage } from './images';
import { checkNetworkPolicies, checkServiceSelectors } from './network';
import { checkContainerResources, checkProbes } from './pods';
import { checkContainerSecurity, checkPodSecurity } from './pss';
import { checkRbacRules } from './rbac';

export type { CheckOptions, Finding, FindingLevel } from './_objects';
export { objectRef, podSpecOf } from './_objects';
export { parseImageReference } from './images';

/** Runs every check over a set of objects (one install: cross-object rules look within the set). */
export function checkManifests(objects: readonly unknown[], options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const objs = objects.filter(isObj);
  for (const obj of objs) {
    const report = reporterFor(findings, obj);
    checkIdentity(obj, report);
    const pod = podSpecOf(obj);
    if (pod) checkPod(obj, pod, report);
    checkSecret(obj, report);
    checkConfigMap(obj, report, options);
    checkRbacRules(obj, report);
    checkArgoObject(obj, pod, report, options);
  }
  checkInstall(objs, findings);
  checkServiceSelectors(objs, findings);
  checkNetworkPolicies(objs, findings);
  return findings;
}

/** `object/identity`. */
function checkIdentity(obj: Obj, report: Report): void {
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion || typeof obj.kind !== 'string' || !obj.kind || typeof obj.metadata?.name !== 'string' || !obj.metadata.name) {
    report('error', 'object/identity', 'the object lacks apiVersion, kind or metadata.name. Fix: set all three');
  }
}

/** Every rule on one pod template: the pod's own, then each container's, then the probes. */
function checkPod(obj: Obj, pod: Obj, report: Report): void {
  checkPodSecurity(pod, report);
  for (const container of containersOf(pod)) {
    checkContainerSecurity(container, pod, report);
    checkContainerImage(container, report);
    checkContainerEnv(container, report);
    checkContainerResources(container, report);
  }
  checkProbes(obj, pod, report);
}
