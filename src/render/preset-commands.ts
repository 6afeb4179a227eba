/**
 * The commands of a preset's README: how to apply the folder (server-side, namespaces and CRDs
 * first, waiting for the CRD installer) and how to reach and log in to argo-server.
 */
import { Component, Endpoint } from '../config/endpoints';
import type { ResolvedArgoWorkflows } from '../config/plan';
import { AuthMode } from '../config/server';
import { CRD_DEFINITIONS, crdName } from '../k8s/crd-definitions';
import { customResourceCrds, objectName, Rendered } from './preset-facts';

const sh = (lines: readonly string[]): string[] => ['```sh', ...lines, '```'];

/** `kubectl -n <ns> wait ...` lines for the workloads of the folder, one per namespace and kind. */
function readinessWaits(objects: readonly Rendered[]): string[] {
  const byNamespace = new Map<string, { deployments: string[]; statefulSets: string[] }>();
  for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet')) {
    const ns = o.metadata?.namespace ?? 'default';
    if (!byNamespace.has(ns)) byNamespace.set(ns, { deployments: [], statefulSets: [] });
    const entry = byNamespace.get(ns)!;
    (o.kind === 'Deployment' ? entry.deployments : entry.statefulSets).push(o.metadata?.name ?? '');
  }
  return [...byNamespace].flatMap(([ns, { deployments, statefulSets }]) => [
    ...statefulSets.map((s) => `kubectl -n ${ns} rollout status --timeout=10m statefulset/${s}`),
    ...(deployments.length ? [`kubectl -n ${ns} wait --for=condition=available --timeout=10m ${deployments.map((d) => `deployment/${d}`).join(' ')}`] : []),
  ]);
}

/**
 * The apply section: the namespaces and CRDs first, wait for the CRD installer Job and the CRDs to
 * be established (and for the CRDs of other operators the folder uses), then the whole folder in
 * file order, then wait for the workloads.
 */
export function applySection(folder: string, files: readonly (readonly [string, readonly Rendered[]])[]): string[] {
  const objects = files.flatMap(([, objs]) => objs);
  const first = files.map(([f]) => f).filter((f) => f === '00-namespaces' || f === '01-crds');
  const installer = objects.filter((o) => o.kind === 'Job' && o.metadata?.labels?.['app.kubernetes.io/component'] === 'crds');
  const argoCrds = installer.length || objects.some((o) => o.kind === 'CustomResourceDefinition') ? CRD_DEFINITIONS.map(crdName) : [];
  const others = customResourceCrds(objects).filter((c) => c.group !== 'argoproj.io').flatMap((c) => c.crds);
  const lines = [
    ...(first.length ? [`kubectl apply --server-side -f ${first.map((f) => `${folder}/${f}.yaml`).join(' -f ')}`] : []),
    ...installer.map((j) => `kubectl -n ${j.metadata?.namespace} wait --for=condition=complete --timeout=10m job/${j.metadata?.name}`),
    ...(argoCrds.length ? [`kubectl wait --for=condition=established --timeout=2m ${argoCrds.map((c) => `crd/${c}`).join(' ')}`] : []),
    ...(others.length ? [`kubectl wait --for=condition=established --timeout=10s ${others.map((c) => `crd/${c}`).join(' ')}   # installed beforehand (Prerequisites)`] : []),
    `kubectl apply --server-side -f ${folder}/`,
    ...readinessWaits(objects),
  ];
  const why = `Run from the folder that holds \`${folder.split('/')[0]}/\`, with server-side apply (the full Argo CRDs are too large for a client-side apply). `
    + '`kubectl apply -f <folder>/` applies the files in name order, the order of the table above; the namespaces and the CRDs go first, '
    + 'so that the custom resources of the later files find their CRDs.';
  return ['## Apply', '', why, '', ...sh(lines), '', `Remove it with \`kubectl delete -f ${folder}/\`.`];
}

/** How to reach one argo-server: port-forward, LoadBalancer address or public URL. */
function reach(plan: ResolvedArgoWorkflows, server: Endpoint, localPort: number): string[] {
  const web = server.ports.find((p) => p.name === 'web');
  const port = web?.servicePort ?? web?.containerPort ?? 0;
  const scheme = (web?.scheme ?? (plan.exposure.secure ? 'HTTPS' : 'HTTP')).toLowerCase();
  const selfSigned = plan.exposure.tls.kind === 'self-signed' ? ' (argo-server\'s self-signed certificate: the browser asks you to accept it)' : '';
  const ns = server.namespace;
  if (plan.exposure.publicUrl) {
    const via = plan.exposure.ingress ? `the Ingress \`${ns}/${plan.exposure.ingress.name}\`` : `the HTTPRoute \`${ns}/${plan.exposure.gateway?.name}\``;
    const open = `Open ${plan.exposure.publicUrl} through ${via}, once DNS for ${plan.exposure.hosts.map((h) => `\`${h}\``).join(', ')} points at it.`;
    if (plan.exposure.baseHref !== '/') return [open];
    return [`${open} Without DNS:`, '', ...sh([`kubectl -n ${ns} port-forward svc/${server.name} ${localPort}:${port}   # then ${scheme}://localhost:${localPort}/`])];
  }
  if (plan.exposure.service.type === 'LoadBalancer') {
    return [...sh([`kubectl -n ${ns} get svc ${server.name} -o jsonpath='{.status.loadBalancer.ingress[0]}'`]), '',
      `Then open ${scheme}://<that address>:${port}${plan.exposure.baseHref}${selfSigned}.`];
  }
  return [...sh([`kubectl -n ${ns} port-forward svc/${server.name} ${localPort}:${port}`]), '', `Then open ${scheme}://localhost:${localPort}${plan.exposure.baseHref}${selfSigned}.`];
}

/** How to log in: token-login accounts, SSO, server mode. */
function login(plan: ResolvedArgoWorkflows): string[] {
  const modes = plan.auth?.authModes ?? plan.server?.authModes ?? [];
  const out: string[] = [];
  const tokenAccounts = (plan.auth?.accounts ?? []).filter((a) => a.purpose === 'token-login');
  if (modes.includes(AuthMode.CLIENT)) {
    if (tokenAccounts.length) {
      out.push('Log in with a token (paste `Bearer <token>` into the login box):', '');
      out.push(...sh(tokenAccounts.map((a) => `kubectl -n ${a.namespace} create token ${a.name}   # ${a.profile} in ${(a.namespaces ?? ['every namespace']).join(', ')}`)));
    } else {
      out.push('Log in with the token of a ServiceAccount allowed to use Argo (paste `Bearer <token>` into the login box): `kubectl -n <namespace> create token <service account>`.');
    }
  }
  const sso = plan.auth?.sso;
  if (sso) {
    if (out.length) out.push('');
    out.push(`Or log in with SSO through \`${sso.config.issuer}\` (redirect URL \`${sso.config.redirectUrl}\`).`);
    const rbac = (plan.auth?.accounts ?? []).filter((a) => a.purpose === 'sso-rbac');
    if (rbac.length) {
      out.push('', 'SSO users act as the first ServiceAccount whose rule matches them, highest precedence first:', '');
      out.push(...rbac.map((a) => `- \`${a.namespace}/${a.name}\`: ${a.profile} in ${(a.namespaces ?? ['every namespace']).join(', ')}, rule \`${a.annotations['workflows.argoproj.io/rbac-rule'] ?? ''}\`, precedence ${a.annotations['workflows.argoproj.io/rbac-rule-precedence'] ?? '0'}`));
    }
  }
  if (modes.includes(AuthMode.SERVER)) out.push(...(out.length ? [''] : []), 'The `server` auth mode is on: requests without a token run as argo-server\'s own ServiceAccount.');
  return out;
}

/** The access section: for each install with argo-server, how to reach it and log in; MinIO's console. */
export function accessSection(objects: readonly Rendered[], plans: readonly ResolvedArgoWorkflows[]): string[] {
  const out = ['## Access'];
  let localPort = 2746;
  for (const plan of plans) {
    const server = plan.endpoints.find((e) => e.component === Component.SERVER);
    if (!plan.server || !server) continue;
    out.push('', `### argo-server in \`${server.namespace}\``, '', ...reach(plan, server, localPort++));
    const how = login(plan);
    if (how.length) out.push('', ...how);
  }
  for (const minio of plans.flatMap((p) => p.endpoints).filter((e) => e.component === Component.MINIO)) {
    const console = minio.ports.find((p) => p.name === 'console');
    const credentials = objects.find((o) => o.kind === 'StatefulSet' && objectName(o) === `${minio.namespace}/${minio.name}`);
    if (!console || !credentials) continue;
    out.push('', `### MinIO console in \`${minio.namespace}\``, '', ...sh([`kubectl -n ${minio.namespace} port-forward svc/${minio.name} ${console.containerPort}:${console.servicePort ?? console.containerPort}   # http://localhost:${console.containerPort}`]));
  }
  if (out.length === 1) out.push('', 'This folder runs no argo-server.');
  return out;
}
