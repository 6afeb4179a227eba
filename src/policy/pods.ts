/**
 * The pod rules outside Pod Security:
 * - `resources/`: cpu and memory requests and a memory limit on every long-running container
 *   (containers and native sidecars; not plain init or ephemeral containers).
 * - `probes/`: Deployments, StatefulSets and DaemonSets have a readiness or liveness probe.
 */
import { isObj, list, NamedContainer, Obj, q, Report } from './_objects';

/** `resources/`: requests and a memory limit on a container that runs for the pod's whole life. */
export function checkContainerResources({ c, where, longRunning }: NamedContainer, report: Report): void {
  if (!longRunning) return;
  const r: Obj = isObj(c.resources) ? c.resources : {};
  const missing = ['cpu', 'memory'].filter((k) => r.requests?.[k] === undefined || r.requests[k] === '');
  if (missing.length) report('error', 'resources/requests', `${where} has no ${missing.join(' or ')} request. Fix: set resources.requests.${missing.join(' and resources.requests.')}`);
  if (r.limits?.memory === undefined || r.limits.memory === '') report('error', 'resources/memory-limit', `${where} has no memory limit. Fix: set resources.limits.memory`);
}

/** `probes/`: every container of a long-running workload has a readiness or liveness probe. */
export function checkProbes(obj: Obj, pod: Obj, report: Report): void {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(obj.kind)) return;
  for (const c of list(pod.containers).filter(isObj)) {
    if (!c.readinessProbe && !c.livenessProbe) report('warning', 'probes/missing', `container ${q(c.name)} has neither a readiness nor a liveness probe. Fix: add a readinessProbe`);
  }
}
