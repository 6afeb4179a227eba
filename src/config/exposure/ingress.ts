/**
 * `Exposure.ingress()`: the Ingress path from the base href and the annotations each controller
 * needs (backend protocol, prefix stripping, TLS), plus Traefik's Middleware and ServersTransport
 * and the Service annotations that point Traefik at them.
 */
import { Checker } from '../check';
import { conflict } from '../errors';
import { checkHosts, checkInstance } from './checks';
import { IngressController, IngressControllerKind } from './ingress-controller';
import type { ResolvedCertificate, ResolvedIngress, ResolvedServerTls, ResolvedServersTransport, ResolvedStripPrefix } from './resolved';
import { IngressTlsResult, resolveIngressTls } from './server-tls';

/** What the Ingress depends on besides its own options. */
export interface IngressContext {
  readonly namespace: string;
  readonly serviceName: string;
  readonly baseHref: string;
  readonly serverTls: ResolvedServerTls;
}

/** The Ingress, what it adds to the argo-server Service, and its TLS. */
export interface IngressResult {
  readonly ingress: ResolvedIngress;
  readonly serviceAnnotations: Record<string, string>;
  readonly tls: IngressTlsResult;
  readonly certificate?: ResolvedCertificate;
}

const CONTROLLER_FIX = 'use IngressController.nginx(), IngressController.traefik() (Traefik v2.10+ and v3) or IngressController.traefikV1() (Traefik 1.x)';
const EXAMPLE = '{ controller: IngressController.nginx(), hosts: ["argo.example.com"], tls: IngressTls.certManager({ clusterIssuer: "letsencrypt" }) }';
/** The Traefik Middleware that strips the base href, and the ServersTransport for HTTPS to argo-server. */
export const TRAEFIK_NAMES = { stripPrefix: 'argo-server-strip-prefix', serversTransport: 'argo-server' } as const;

/** The Ingress annotations argo-stack sets for each controller (some only for a sub-path or TLS); the user may not set them. */
export const MANAGED_ANNOTATIONS: Readonly<Record<IngressControllerKind, readonly string[]>> = {
  'nginx': ['nginx.ingress.kubernetes.io/backend-protocol', 'nginx.ingress.kubernetes.io/rewrite-target', 'nginx.ingress.kubernetes.io/use-regex'],
  'traefik': ['traefik.ingress.kubernetes.io/router.middlewares', 'traefik.ingress.kubernetes.io/router.tls'],
  'traefik-v1': [
    'kubernetes.io/ingress.class', 'ingress.kubernetes.io/protocol', 'traefik.ingress.kubernetes.io/rule-type',
    'ingress.kubernetes.io/rewrite-target', 'traefik.ingress.kubernetes.io/rewrite-target',
  ],
};

/** What one controller needs: the path, its annotations, and Traefik's objects. */
interface ControllerSetup {
  readonly path: string;
  readonly pathType: ResolvedIngress['pathType'];
  readonly annotations: Record<string, string>;
  readonly serviceAnnotations: Record<string, string>;
  readonly stripPrefix?: ResolvedStripPrefix;
  readonly serversTransport?: ResolvedServersTransport;
}

/** `/argo/` → `/argo`; `/` stays `/`. */
export const prefixOf = (baseHref: string): string => (baseHref === '/' ? '/' : baseHref.slice(0, -1));
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function nginx(ctx: IngressContext): ControllerSetup {
  const protocol = { 'nginx.ingress.kubernetes.io/backend-protocol': ctx.serverTls.secure ? 'HTTPS' : 'HTTP' };
  if (ctx.baseHref === '/') return { path: '/', pathType: 'Prefix', annotations: protocol, serviceAnnotations: {} };
  return {
    path: `${escapeRegex(prefixOf(ctx.baseHref))}(/|$)(.*)`, pathType: 'ImplementationSpecific', serviceAnnotations: {},
    annotations: { ...protocol, 'nginx.ingress.kubernetes.io/rewrite-target': '/$2', 'nginx.ingress.kubernetes.io/use-regex': 'true' },
  };
}

function traefik(ctx: IngressContext, tlsAtIngress: boolean): ControllerSetup {
  const { namespace: ns, serverTls: tls } = ctx;
  const stripPrefix = ctx.baseHref === '/' ? undefined : { name: TRAEFIK_NAMES.stripPrefix, prefix: prefixOf(ctx.baseHref) };
  const serversTransport = !tls.secure ? undefined : {
    name: TRAEFIK_NAMES.serversTransport, serverName: ctx.serviceName, insecureSkipVerify: tls.kind === 'self-signed',
    rootCAsSecrets: tls.secretName !== undefined ? [tls.secretName] : [],
  };
  return {
    path: prefixOf(ctx.baseHref), pathType: 'Prefix', stripPrefix, serversTransport,
    annotations: {
      ...(stripPrefix ? { 'traefik.ingress.kubernetes.io/router.middlewares': `${ns}-${stripPrefix.name}@kubernetescrd` } : {}),
      ...(tlsAtIngress ? { 'traefik.ingress.kubernetes.io/router.tls': 'true' } : {}),
    },
    serviceAnnotations: serversTransport ? {
      'traefik.ingress.kubernetes.io/service.serversscheme': 'https',
      'traefik.ingress.kubernetes.io/service.serverstransport': `${ns}-${serversTransport.name}@kubernetescrd`,
    } : {},
  };
}

/**
 * Traefik 1.7 selects Ingresses by the `kubernetes.io/ingress.class` annotation (it predates
 * `spec.ingressClassName`) and strips the prefix with the rule type `PathPrefixStrip` (a regex
 * rewrite-target is ingress-nginx's). It reads Ingresses through `extensions/v1beta1`, which
 * Kubernetes removed in 1.22: this variant is for clusters up to 1.21.
 */
function traefikV1(ctx: IngressContext, className: string): ControllerSetup {
  return {
    path: prefixOf(ctx.baseHref), pathType: 'Prefix', serviceAnnotations: {},
    annotations: {
      'kubernetes.io/ingress.class': className,
      'ingress.kubernetes.io/protocol': ctx.serverTls.secure ? 'https' : 'http',
      ...(ctx.baseHref === '/' ? {} : { 'traefik.ingress.kubernetes.io/rule-type': 'PathPrefixStrip' }),
    },
  };
}

function setupFor(kind: IngressControllerKind, ctx: IngressContext, tlsAtIngress: boolean, className: string): ControllerSetup {
  switch (kind) {
    case 'nginx': return nginx(ctx);
    case 'traefik': return traefik(ctx, tlsAtIngress);
    case 'traefik-v1': return traefikV1(ctx, className);
  }
}

/** The Ingress options as an object with known keys, and its hosts (checked first: argo-server's certificate names them). */
export function ingressInput(c: Checker, options: unknown, baseHref: string): { o: Record<string, unknown>; hosts: string[] } {
  const o = c.object(options, EXAMPLE);
  if (o.path !== undefined) {
    throw conflict(`${c.at('path')} is not an option: the Ingress path follows server.baseHref (now ${JSON.stringify(baseHref)})`,
      'remove path and set server.baseHref instead, e.g. "/argo/" to serve the UI under /argo/');
  }
  c.known(o, ['controller', 'hosts', 'className', 'tls', 'annotations']);
  checkInstance(c.at('controller'), o.controller, IngressController, CONTROLLER_FIX);
  return { o, hosts: checkHosts(c, 'hosts', o.hosts) };
}

/** `server.exposure` made by `Exposure.ingress()`, after `ingressInput`. */
export function resolveIngress(c: Checker, o: Record<string, unknown>, hosts: string[], ctx: IngressContext): IngressResult {
  const controller = o.controller as IngressController;
  const className = o.className === undefined ? controller.defaultClassName : c.dnsSubdomain('className', o.className);
  const tls = resolveIngressTls(c.child('tls'), o.tls, hosts);
  const user = c.annotations('annotations', o.annotations);
  const setup = setupFor(controller.kind, ctx, tls.secretName !== undefined, className);
  const taken = Object.keys(user).find((k) => MANAGED_ANNOTATIONS[controller.kind].includes(k));
  if (taken !== undefined) {
    throw conflict(`${c.at('annotations')}[${JSON.stringify(taken)}] is managed by argo-stack for ${controller.displayName}: it follows server.baseHref and server.tls`,
      `remove ${JSON.stringify(taken)} from the annotations`);
  }
  return {
    ingress: {
      name: ctx.serviceName, controller: controller.kind, className, hosts, path: setup.path, pathType: setup.pathType,
      annotations: { ...user, ...setup.annotations },
      ...(tls.secretName !== undefined ? { tls: { secretName: tls.secretName, hosts } } : {}),
      ...(setup.stripPrefix ? { stripPrefix: setup.stripPrefix } : {}),
      ...(setup.serversTransport ? { serversTransport: setup.serversTransport } : {}),
    },
    serviceAnnotations: setup.serviceAnnotations, tls, certificate: tls.certificate,
  };
}
