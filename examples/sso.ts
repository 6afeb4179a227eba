import { App, Chart, Duration } from 'cdk8s';
import { AccessProfile, ArgoWorkflows, type ArgoWorkflowsProps, AuthMode, Exposure, IngressController, IngressTls, Sso } from '../src';

/**
 * Single sign-on through Argo CD's Dex (Argo docs: "Use Argo CD Dex for authentication"): a
 * cluster install in `argo` that runs workflows in `argo`, served by ingress-nginx at
 * `https://argo-workflows.example.com/` (TLS from cert-manager), with client and SSO auth modes; the
 * redirect URL `https://argo-workflows.example.com/oauth2/callback` follows from the host and the
 * base href. SSO RBAC:
 * - members of `argo-admins` act as ServiceAccount `argo-admins` (profile admin, everywhere);
 * - members of `argo-developers` act as `argo-developers` (profile editor, in `argo`);
 * - everybody else who logs in acts as `argo-viewer` (read-only, rule `"true"`, precedence 0).
 *
 * Before applying: the Secret `argo-workflows-sso` (keys `client-id`, `client-secret`) in `argo`
 * and in Argo CD's namespace, and a Dex `staticClients` entry with that id, `secretEnv`, and the
 * redirect URL above in `redirectURIs` (README, "Authentication").
 */
export const SSO_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  server: {
    authModes: [AuthMode.CLIENT, AuthMode.SSO],
    exposure: Exposure.ingress({
      controller: IngressController.nginx(), hosts: ['argo-workflows.example.com'], tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }),
    }),
  },
  workflowNamespaces: [{ name: 'argo' }],
  sso: Sso.argoCdDex({
    argoCdUrl: 'https://argocd.example.com',
    sessionExpiry: Duration.hours(8),
    rbac: {
      mappings: [
        { serviceAccountName: 'argo-admins', groups: ['argo-admins'], profile: AccessProfile.ADMIN, precedence: 20 },
        { serviceAccountName: 'argo-developers', groups: ['argo-developers'], profile: AccessProfile.EDITOR, precedence: 10, namespaces: ['argo'] },
        { serviceAccountName: 'argo-viewer', rule: 'true', profile: AccessProfile.READ_ONLY, precedence: 0, namespaces: ['argo'] },
      ],
    },
  }),
};

/** The `sso` preset: one chart of that name in `app`. */
export function buildSso(app: App): Chart {
  const chart = new Chart(app, 'sso');
  new ArgoWorkflows(chart, 'ArgoWorkflows', SSO_PROPS);
  return chart;
}
