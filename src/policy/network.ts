/**
 * `network/`: how Services reach pods, within one install (the checked set of objects):
 * - `network/service-selects-nothing` (a warning): a Service whose `spec.selector` matches the
 *   labels of no pod template in its namespace, so it gets no endpoints. Services without a
 *   selector (their endpoints are kept by hand) and ExternalName Services are skipped. A warning,
 *   not an error: the pods may come from manifests outside the checked set.
 * - `network/policy-selects-nothing` (a warning): a NetworkPolicy whose `spec.podSelector` matches
 *   no pod template in its namespace, so it guards nothing (the Bitnami chart's policies did this).
 *   Empty selectors (every pod of the namespace, as a default-deny has) and selectors on the labels
 *   Argo puts on the pods it creates at run time (`workflows.argoproj.io/*`) are skipped: those
 *   pods need no template in the manifests.
 * - `network/pod-not-denied-by-default` (a warning): when the set has NetworkPolicies, a pod
 *   template that no policy of its namespace isolates both ways (`policyTypes` Ingress and Egress),
 *   so whatever the other policies allow, the rest is not denied.
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

/** Whether a label selector (`matchLabels`, `matchExpressions`) selects these labels; `{}` selects every pod. */
function labelSelectorSelects(selector: Obj, labels: Obj): boolean {
  const byLabels = isObj(selector.matchLabels) ? selects(selector.matchLabels, labels) : true;
  const exprs: unknown[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return byLabels && exprs.every((e) => {
    if (!isObj(e)) return false;
    const has = labels[e.key] !== undefined && labels[e.key] !== null;
    const values: unknown[] = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In': return has && values.includes(String(labels[e.key]));
      case 'NotIn': return !has || !values.includes(String(labels[e.key]));
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}

/** The label keys a selector reads. */
function selectorKeys(selector: Obj): string[] {
  const exprs: unknown[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return [...Object.keys(isObj(selector.matchLabels) ? selector.matchLabels : {}), ...exprs.flatMap((e) => (isObj(e) && typeof e.key === 'string' ? [e.key] : []))];
}

/** Labels Argo puts on the pods it creates (workflow steps, agents, artifact GC): no template in the manifests has them. */
const ARGO_RUNTIME_LABEL = /^workflows\.argoproj\.io\//;

/** Whether a NetworkPolicy isolates its pods in `type` (without policyTypes: Ingress, and Egress when it has an egress section). */
function isolates(policy: Obj, type: 'Ingress' | 'Egress'): boolean {
  const types: unknown = policy.spec?.policyTypes;
  if (Array.isArray(types)) return types.includes(type);
  return type === 'Ingress' || policy.spec?.egress !== undefined;
}

/** `network/policy-selects-nothing` and `network/pod-not-denied-by-default` over the set. */
export function checkNetworkPolicies(objs: readonly Obj[], findings: Finding[]): void {
  const policies = objs.filter((o) => o.kind === 'NetworkPolicy' && isObj(o.spec));
  if (policies.length === 0) return;
  const pods: { obj: Obj; namespace: string; labels: Obj }[] = [];
  for (const o of objs) {
    const labels = podLabelsOf(o);
    if (labels) pods.push({ obj: o, namespace: namespaceOf(o), labels });
  }
  for (const p of policies) {
    const selector: Obj = isObj(p.spec.podSelector) ? p.spec.podSelector : {};
    const keys = selectorKeys(selector);
    if (keys.length === 0 || keys.some((k) => ARGO_RUNTIME_LABEL.test(k))) continue;
    if (pods.some((pod) => pod.namespace === namespaceOf(p) && labelSelectorSelects(selector, pod.labels))) continue;
    reporterFor(findings, p)('warning', 'network/policy-selects-nothing', `spec.podSelector ${q(selector)} matches the labels of no pod template in the policy's namespace, so the policy guards nothing unless those pods come from elsewhere. Fix: correct spec.podSelector or the pod template's labels`);
  }
  for (const pod of pods) {
    const mine = policies.filter((p) => namespaceOf(p) === pod.namespace && labelSelectorSelects(isObj(p.spec.podSelector) ? p.spec.podSelector : {}, pod.labels));
    if (mine.some((p) => isolates(p, 'Ingress')) && mine.some((p) => isolates(p, 'Egress'))) continue;
    reporterFor(findings, pod.obj)('warning', 'network/pod-not-denied-by-default', `its pods are not isolated for both ingress and egress by a NetworkPolicy of namespace "${pod.namespace}", so traffic no policy mentions is not denied. Fix: add a default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress) to the namespace`);
  }
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
