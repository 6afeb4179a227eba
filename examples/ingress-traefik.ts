import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, AuthMode, Exposure, IngressController, IngressTls } from '../src';

/**
 * argo-server behind Traefik v2.10+ or v3 at `https://argo.example.com/argo/`:
 * - base href `/argo/`: the Ingress path `/argo` with a `Middleware` that strips the prefix;
 * - TLS at the Ingress from a cert-manager Certificate (ClusterIssuer `letsencrypt`, which must exist);
 * - HTTPS from Traefik to argo-server: the argo-server Service names the scheme and a
 *   `ServersTransport` that accepts argo-server's self-signed certificate;
 * - client auth only: every UI user logs in with a Kubernetes token.
 */
export const INGRESS_TRAEFIK_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  server: {
    authModes: [AuthMode.CLIENT],
    baseHref: '/argo/',
    exposure: Exposure.ingress({
      controller: IngressController.traefik(),
      hosts: ['argo.example.com'],
      tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }),
    }),
  },
  workflowNamespaces: [{ name: 'argo' }],
};

/** The `ingress-traefik` preset: one chart of that name in `app`. */
export function buildIngressTraefik(app: App): Chart {
  const chart = new Chart(app, 'ingress-traefik');
  new ArgoWorkflows(chart, 'ArgoWorkflows', INGRESS_TRAEFIK_PROPS);
  return chart;
}
