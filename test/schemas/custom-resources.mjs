// Validates custom resources against the schemas of the @kubernetes-models CRD packages. These
// packages are ES modules, so the check runs in its own Node process: custom-resources.ts sends the
// objects as JSON on stdin and reads one result per object (null, or the schema error) on stdout.
import { readFileSync } from 'node:fs';

/** `apiVersion kind` → the module of its model class. */
const MODULES = {
  'cert-manager.io/v1 Certificate': '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate',
  'cert-manager.io/v1 Issuer': '@kubernetes-models/cert-manager/cert-manager.io/v1/Issuer',
  'cert-manager.io/v1 ClusterIssuer': '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer',
  'gateway.networking.k8s.io/v1 HTTPRoute': '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute',
  'gateway.networking.k8s.io/v1 Gateway': '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway',
  'gateway.networking.k8s.io/v1 BackendTLSPolicy': '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/BackendTLSPolicy',
  'gateway.networking.k8s.io/v1beta1 ReferenceGrant': '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant',
  'traefik.io/v1alpha1 Middleware': '@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware',
  'traefik.io/v1alpha1 ServersTransport': '@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransport',
  'traefik.io/v1alpha1 IngressRoute': '@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute',
  'monitoring.coreos.com/v1 ServiceMonitor': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1 PodMonitor': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor',
  'monitoring.coreos.com/v1 PrometheusRule': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
  'argoproj.io/v1alpha1 WorkflowTemplate': '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/WorkflowTemplate',
  'argoproj.io/v1alpha1 ClusterWorkflowTemplate': '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/ClusterWorkflowTemplate',
  'argoproj.io/v1alpha1 Workflow': '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow',
  'argoproj.io/v1alpha1 CronWorkflow': '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/CronWorkflow',
};

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const o of objects) {
  const path = MODULES[`${o.apiVersion} ${o.kind}`];
  if (!path) {
    results.push(`no model for ${o.apiVersion} ${o.kind}: add it to MODULES in test/schemas/custom-resources.mjs`);
    continue;
  }
  const Model = (await import(path))[o.kind];
  try {
    new Model(o).validate();
    results.push(null);
  } catch (e) {
    results.push(e instanceof Error ? e.message : String(e));
  }
}
process.stdout.write(JSON.stringify(results));
