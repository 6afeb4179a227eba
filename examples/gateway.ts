import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, AuthMode, Exposure, ServerTls } from '../src';

/**
 * argo-server behind a Gateway API Gateway at `https://argo.example.com/argo/`:
 * - an `HTTPRoute` attached to the Gateway `eg` in `gateway-system` (its listener must admit
 *   routes from `argo`), matching `/argo` and rewriting the prefix to `/`;
 * - argo-server's certificate from cert-manager (Issuer `argo-ca` in `argo`, which must exist), for
 *   `argo-server`, `argo-server.argo`, `argo-server.argo.svc` and `argo.example.com`;
 * - a `BackendTLSPolicy`: the Gateway verifies that certificate as `argo-server.argo.svc` with the
 *   CA in the ConfigMap `argo-server-ca` (key `ca.crt`, e.g. kept in sync by trust-manager);
 * - client auth only: every UI user logs in with a Kubernetes token;
 * - NetworkPolicies admit Envoy Gateway's proxy of `eg` (it runs in `envoy-gateway-system`, not in
 *   the Gateway's namespace) to argo-server.
 */
export const GATEWAY_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  server: {
    authModes: [AuthMode.CLIENT],
    baseHref: '/argo/',
    tls: ServerTls.certManager({ issuer: 'argo-ca' }),
    exposure: Exposure.gateway({
      parentRefs: [{ name: 'eg', namespace: 'gateway-system' }],
      hostnames: ['argo.example.com'],
      backendTls: { caConfigMap: 'argo-server-ca' },
    }),
  },
  workflowNamespaces: [{ name: 'argo' }],
  networkPolicies: {
    gateway: {
      namespaceSelector: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' },
      podSelector: { 'gateway.envoyproxy.io/owning-gateway-name': 'eg', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway-system' },
    },
  },
};

/** The `gateway` preset: one chart of that name in `app`. */
export function buildGateway(app: App): Chart {
  const chart = new Chart(app, 'gateway');
  new ArgoWorkflows(chart, 'ArgoWorkflows', GATEWAY_PROPS);
  return chart;
}
