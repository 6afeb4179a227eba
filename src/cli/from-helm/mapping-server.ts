/** The chart's `server` values: exposure, TLS, auth, SSO, autoscaling. */
import { isPlainObject } from '../../config/check';
import type { Conversion } from './context';
import { argsRow, envRow } from './mapping-args';
import { podRows } from './mapping-pod';
import { ChartMapping, notCarried, same } from './row';

/** The Ingress annotations argo-stack sets itself for each controller. */
const MANAGED_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  nginx: ['nginx.ingress.kubernetes.io/backend-protocol', 'nginx.ingress.kubernetes.io/rewrite-target', 'nginx.ingress.kubernetes.io/use-regex', 'kubernetes.io/ingress.class'],
  traefik: ['traefik.ingress.kubernetes.io/router.middlewares', 'traefik.ingress.kubernetes.io/router.tls', 'kubernetes.io/ingress.class'],
};

function secure(cx: Conversion): void {
  const s = cx.bool('server.secure');
  if (s === undefined || cx.option('server.tls') !== undefined) return;
  cx.skip('server.secure', s
    ? 'already the default: argo-stack serves HTTPS (a self-signed certificate unless server.tls names one), with its probes following'
    : 'plain HTTP is not carried over: argo-stack serves HTTPS with a self-signed certificate (its probes and Ingress annotations follow); set server.tls: { plainText: {} } to keep plain HTTP');
}

function authModes(cx: Conversion): void {
  const modes = cx.list('server.authModes') ?? (cx.str('server.authMode') !== undefined ? [cx.str('server.authMode')] : undefined);
  if (modes !== undefined) cx.set('server.authModes', [...new Set([...modes.map(String), ...((cx.option('server.authModes') as string[] | undefined) ?? [])])], 'server.authModes');
}

function ingressController(cx: Conversion, annotations: Record<string, unknown>): string | undefined {
  const cls = cx.str('server.ingress.ingressClassName') ?? String(annotations['kubernetes.io/ingress.class'] ?? '');
  return ['nginx', 'traefik'].find((name) => cls.includes(name));
}

function ingress(cx: Conversion): void {
  if (cx.bool('server.ingress.enabled') !== true) {
    if (cx.map('server.ingress') !== undefined) cx.skip('server.ingress', 'the chart renders no Ingress while server.ingress.enabled is false');
    return;
  }
  const annotations = cx.map('server.ingress.annotations') ?? {};
  const controller = ingressController(cx, annotations);
  if (controller === undefined) {
    cx.skip('server.ingress', `argo-stack's Ingress is for ingress-nginx or Traefik, whose annotations it writes; ingressClassName ${JSON.stringify(cx.str('server.ingress.ingressClassName') ?? '')} is neither: use server.exposure: { gateway: ... } or { loadBalancer: {} }`);
    return;
  }
  const tls = (cx.list('server.ingress.tls') ?? []).filter(isPlainObject);
  const own = Object.fromEntries(Object.entries(annotations).filter(([k]) => !MANAGED_ANNOTATIONS[controller].includes(k)));
  const dropped = Object.keys(annotations).filter((k) => !(k in own));
  if (dropped.length > 0) cx.skip('server.ingress.annotations', `argo-stack sets ${dropped.map((k) => `"${k}"`).join(', ')} itself, to match argo-server's TLS and base href`);
  cx.set('server.exposure', {
    ingress: {
      controller,
      hosts: cx.list('server.ingress.hosts') ?? [],
      tls: tls.length > 0 ? { secret: tls[0].secretName } : { none: {} },
      ...(cx.str('server.ingress.ingressClassName') !== undefined ? { className: cx.str('server.ingress.ingressClassName') } : {}),
      ...(Object.keys(own).length > 0 ? { annotations: own } : {}),
    },
  }, 'server.ingress');
  if (tls.length > 1) cx.skip('server.ingress.tls', 'argo-stack\'s Ingress has one TLS Secret for all its hosts: the first one is used');
  for (const key of ['paths', 'pathType']) if (cx.get(`server.ingress.${key}`) !== undefined) cx.skip(`server.ingress.${key}`, 'the path follows server.baseHref, with the rewrite the controller needs');
  for (const key of ['labels', 'extraPaths']) if (cx.get(`server.ingress.${key}`) !== undefined) cx.skip(`server.ingress.${key}`, 'argo-stack\'s Ingress has no extra labels or paths');
}

function service(cx: Conversion): void {
  const type = cx.str('server.serviceType');
  const ranges = cx.list('server.loadBalancerSourceRanges');
  if (type === 'LoadBalancer' && cx.option('server.exposure') === undefined) cx.set('server.exposure', { loadBalancer: ranges !== undefined ? { sourceRanges: ranges } : {} }, 'server.serviceType');
  else if (type !== undefined) cx.skip('server.serviceType', type === 'LoadBalancer' ? 'the Ingress is the exposure: argo-stack has one' : `argo-stack exposes argo-server through a ClusterIP Service, a LoadBalancer, an Ingress or the Gateway API, not a ${type}`);
  else if (ranges !== undefined) cx.skip('server.loadBalancerSourceRanges', 'the Service is not a LoadBalancer');
}

function sso(cx: Conversion): void {
  const s = cx.map('server.sso');
  if (s === undefined) return;
  if (s.enabled === false || s.issuer === undefined) {
    cx.skip('server.sso', s.enabled === false ? 'SSO is off in the chart (server.sso.enabled is false)' : 'it has no issuer: the chart\'s SSO needs one');
    return;
  }
  const keys = ['issuer', 'issuerAlias', 'clientId', 'clientSecret', 'redirectUrl', 'scopes', 'sessionExpiry', 'customGroupClaimName', 'userInfoPath', 'insecureSkipVerify', 'filterGroupsRegex', 'rootCA'];
  cx.set('sso', { oidc: Object.fromEntries(keys.filter((k) => s[k] !== undefined).map((k) => [k, s[k]])) }, 'server.sso');
  if (isPlainObject(s.rbac)) {
    cx.skip('server.sso.rbac', s.rbac.enabled === false
      ? 'already the default: without sso.oidc.rbac every SSO user acts as argo-server\'s own service account'
      : 'argo-stack\'s SSO RBAC maps groups to service accounts it creates: list them in sso: { oidc: { rbac: { mappings: [...] } } }; argo-server reads only their token Secrets');
  }
}

function autoscaling(cx: Conversion): void {
  if (cx.bool('server.autoscaling.enabled') !== true) {
    if (cx.map('server.autoscaling') !== undefined) cx.skip('server.autoscaling', 'the chart renders no HorizontalPodAutoscaler while server.autoscaling.enabled is false');
    return;
  }
  const keys = ['minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'targetMemoryUtilizationPercentage'];
  cx.set('server.autoscaling', Object.fromEntries(keys.map((k) => [k, cx.getOrDefault(`server.autoscaling.${k}`)]).filter(([, v]) => v !== undefined)), 'server.autoscaling');
  if (cx.get('server.autoscaling.behavior') !== undefined) cx.skip('server.autoscaling.behavior', 'argo-stack\'s HorizontalPodAutoscaler uses Kubernetes\' default scaling behaviour');
  if (cx.option('server.replicas') !== undefined) {
    cx.unset('server.replicas');
    cx.skip('server.replicas', 'the HorizontalPodAutoscaler sets the number of server pods (between minReplicas and maxReplicas)');
  }
}

export const SERVER_ROWS: readonly ChartMapping[] = [
  same('server.enabled', 'server.enabled'),
  same('server.baseHref', 'server.baseHref', '(must start and end with `/`; the Ingress path and rewrite follow it)'),
  ...podRows('server'),
  argsRow('server'),
  envRow('server'),
  { chart: 'server.secure', option: '`server.tls` (default HTTPS with a self-signed certificate: `secure: true` is the default; `secure: false` → `{ plainText: {} }` only if you ask for it)', convert: secure },
  { chart: 'server.{authModes,authMode}', option: '`server.authModes` (`sso` comes with the `sso` option)', convert: authModes },
  {
    chart: 'server.ingress.{enabled,annotations,labels,ingressClassName,hosts,paths,pathType,extraPaths,tls}',
    option: '`server.exposure: { ingress: { controller, hosts, tls: { secret } | { none: {} }, className, annotations } }`; the path follows `server.baseHref`, and the backend-protocol and prefix-stripping annotations are set for you',
    convert: ingress,
  },
  { chart: 'server.{serviceType,loadBalancerSourceRanges}', option: '`server.exposure: { loadBalancer: { sourceRanges } }`', convert: service },
  notCarried('server.{servicePort,serviceTargetPort,serviceNodePort,servicePortName,serviceAnnotations,serviceLabels,loadBalancerClass,loadBalancerIP}', 'argo-stack keeps upstream\'s Service: port 2746 named `web`, with the annotations its exposure needs'),
  notCarried('server.{httproute,backendTLSPolicy}', 'write it as server.exposure: { gateway: { parentRefs, hostnames, backendTls } }: argo-stack builds the HTTPRoute and BackendTLSPolicy from them'),
  notCarried('server.{GKEbackendConfig,GKEfrontendConfig,GKEmanagedCertificate}', 'argo-stack writes no GKE custom resources: apply them next to its output'),
  {
    chart: 'server.sso.{enabled,issuer,issuerAlias,clientId,clientSecret,redirectUrl,scopes,sessionExpiry,customGroupClaimName,userInfoPath,insecureSkipVerify,filterGroupsRegex,rootCA,rbac}',
    option: '`sso: { oidc: { issuer, clientId, clientSecret, ... } }`, which also adds `sso` to the auth modes and the RBAC argo-server needs; the SSO RBAC service accounts → `sso.oidc.rbac.mappings`',
    convert: sso,
  },
  notCarried('server.clusterWorkflowTemplates.{enabled,enableEditing}', 'already the default: argo-server reads and edits ClusterWorkflowTemplates in a cluster install'),
  {
    chart: 'server.autoscaling.{enabled,minReplicas,maxReplicas,targetCPUUtilizationPercentage,targetMemoryUtilizationPercentage,behavior}',
    option: '`server.autoscaling: { minReplicas, maxReplicas, targetCPUUtilizationPercentage, targetMemoryUtilizationPercentage }` (a HorizontalPodAutoscaler `autoscaling/v2`)',
    convert: autoscaling,
  },
  notCarried('server.{livenessProbe,readinessProbe}', 'already the default: argo-stack sets both probes on argo-server, with the scheme of its TLS'),
  notCarried('server.{name,revisionHistoryLimit,hostAliases,lifecycle,terminationGracePeriodSeconds,tmpVolume}', 'argo-stack keeps upstream\'s names and pod shape (with a /tmp volume under a read-only root filesystem)'),
];
