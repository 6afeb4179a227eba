import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, AuthMode, Exposure, IngressController, IngressTls } from '../src';

/**
 * argo-server behind ingress-nginx at `https://argo.example.com/argo/`:
 * - base href `/argo/`: the Ingress path `/argo(/|$)(.*)` is rewritten to `/$2` before argo-server;
 * - TLS at the Ingress from a cert-manager Certificate (ClusterIssuer `letsencrypt`, which must exist);
 * - HTTPS from ingress-nginx to argo-server too (`backend-protocol: HTTPS`), with argo-server's own
 *   self-signed certificate;
 * - client auth only: every UI user logs in with a Kubernetes token.
 */
export const INGRESS_NGINX_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  server: {
    authModes: [AuthMode.CLIENT],
    baseHref: '/argo/',
    exposure: Exposure.ingress({
      controller: IngressController.nginx(),
      hosts: ['argo.example.com'],
      tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }),
    }),
  },
  workflowNamespaces: [{ name: 'argo' }],
};

/** The `ingress-nginx` preset: one chart of that name in `app`. */
export function buildIngressNginx(app: App): Chart {
  const chart = new Chart(app, 'ingress-nginx');
  new ArgoWorkflows(chart, 'ArgoWorkflows', INGRESS_NGINX_PROPS);
  return chart;
}
