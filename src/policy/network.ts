/**
 * `network/`: how Services reach pods, within one install (the checked set of objects):
 * - `network/service-selects-nothing` (a warning): a Service whose `spec.selector` matches the
 *   labels of no pod template in its namespace, so it gets no endpoints. Services without a
 *   selector (their endpoints are kept by hand) and ExternalName Services are skipped. A warning,
 *   not an error: the pods may come from manifests outside the checked set.
 */
import { Finding, isObj, Obj, podSpecOf, q, reporterFor } from './_objects';

const namespaceOf = (obj: Obj): string => String(obj.metadata?.namespace ?? '');

/** The labels of the pods an object runs (a Pod's own, a workload's template's), or undefined for other kinds. */
function podLabelsOf(obj: Obj): Obj | undefined {
  if (podSpecOf(obj) === undefined) return undefined;
  const template = obj.kind === 'Pod' ? obj : obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template : obj.spec?.template;
  const labels = template?.metadata?.labels;
  return isObj(labels) ? labels : {};
}

/** Whether a Service selector picks pods with these labels: every selector pair is among them. */
const selects = (selector: Obj, labels: Obj): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] !== undefined && labels[k] !== null && String(labels[k]) === String(v));

/** `network/service-selects-nothing` over every Service of the set. */
export function checkServiceSelectors(objs: readonly Obj[], findings: Finding[]): void {
  const pods: { namespace: string; labels: Obj }[] = [];
  for (const o of objs) {
    const labels = podLabelsOf(o);
    if (labels) pods.push({ namespace: namespaceOf(o), labels });
  }
  for (const svc of objs) {
    if (svc.kind !== 'Service' || svc.spec?.type === 'ExternalName') continue;
    const selector: unknown = svc.spec?.selector;
    if (!isObj(selector) || Object.keys(selector).length === 0) continue;
    const namespace = namespaceOf(svc);
    if (pods.some((p) => p.namespace === namespace && selects(selector, p.labels))) continue;
    reporterFor(findings, svc)('warning', 'network/service-selects-nothing', `spec.selector ${q(selector)} matches the labels of no pod template in the Service's namespace, so the Service has no endpoints unless those pods come from elsewhere. Fix: correct spec.selector or the pod template's labels`);
  }
}
