/**
 * `Exposure.gateway()`: an HTTPRoute with a `PathPrefix` match on the base href and a `URLRewrite`
 * that strips it, and for an HTTPS backend a `BackendTLSPolicy`. A Gateway verifies the backend's
 * certificate, so argo-server's self-signed one cannot be used: HTTPS needs a certificate from a
 * Secret or cert-manager plus the CA that signed it, or else plain HTTP.
 */
import { Checker } from '../check';
import { conflict, invalid } from '../errors';
import { validateDnsSubdomain } from '../names';
import { checkHosts } from './checks';
import { prefixOf } from './ingress';
import type { ResolvedCertificate, ResolvedGateway, ResolvedServerTls } from './resolved';

/** What the route depends on besides its own options. */
export interface GatewayContext {
  readonly namespace: string;
  readonly serviceName: string;
  readonly baseHref: string;
  readonly serverTls: ResolvedServerTls;
  /** argo-server's cert-manager Certificate, when it has one. */
  readonly serverCertificate?: ResolvedCertificate;
}

const EXAMPLE = '{ parentRefs: [{ name: "eg", namespace: "gateway-system" }], hostnames: ["argo.example.com"] }';
const HTTPS_FIX = 'use server.tls: ServerTls.certManager({ issuer }) or ServerTls.fromSecret(name) with backendTls: { caConfigMap: "<ConfigMap with ca.crt>" } '
  + '(or wellKnownCACertificates: "System" for a publicly trusted certificate), or server.tls: ServerTls.plainText() for HTTP between the Gateway and argo-server';

function parentRefs(c: Checker, value: unknown): ResolvedGateway['parentRefs'] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(c.at('parentRefs'), value, 'it must list at least one Gateway', 'give e.g. [{ name: "eg", namespace: "gateway-system" }]');
  }
  return value.map((ref: unknown, i) => {
    const at = new Checker(`${c.at('parentRefs')}[${i}]`);
    const o = at.object(ref, '{ name: "eg", namespace: "gateway-system" }');
    at.known(o, ['name', 'namespace', 'sectionName']);
    return {
      name: at.dnsSubdomain('name', o.name),
      ...(o.namespace !== undefined ? { namespace: at.dnsLabel('namespace', o.namespace) } : {}),
      ...(o.sectionName !== undefined ? { sectionName: at.dnsSubdomain('sectionName', o.sectionName) } : {}),
    };
  });
}

function backendTls(c: Checker, value: unknown, ctx: GatewayContext): ResolvedGateway['backendTls'] {
  const { serverTls: tls } = ctx;
  if (!tls.secure) {
    if (value !== undefined) throw conflict(`${c.path} is set but server.tls is ServerTls.plainText(): the Gateway talks plain HTTP to argo-server`, `remove ${c.path}, or use an HTTPS choice for server.tls`);
    return undefined;
  }
  if (tls.kind === 'self-signed') {
    throw conflict(`${c.path.replace(/\.backendTls$/, '')} is a Gateway route to an HTTPS argo-server with its self-signed certificate (server.tls defaults to ServerTls.selfSigned()): a Gateway verifies backend certificates and cannot verify that one`, HTTPS_FIX);
  }
  if (value === undefined) {
    throw conflict(`${c.path} is missing: the Gateway must verify argo-server's HTTPS certificate with a BackendTLSPolicy, which needs the CA that signed it`, HTTPS_FIX);
  }
  const o = c.object(value, '{ caConfigMap: "argo-server-ca" }');
  c.known(o, ['caConfigMap', 'wellKnownCACertificates', 'hostname']);
  if ((o.caConfigMap === undefined) === (o.wellKnownCACertificates === undefined)) {
    throw conflict(`${c.path} must set exactly one of caConfigMap and wellKnownCACertificates`, 'give caConfigMap: "<ConfigMap with ca.crt>", or wellKnownCACertificates: "System" for a publicly trusted certificate');
  }
  if (o.wellKnownCACertificates !== undefined && o.wellKnownCACertificates !== 'System') {
    throw invalid(c.at('wellKnownCACertificates'), o.wellKnownCACertificates, 'it must be "System"', 'use "System", or give caConfigMap instead');
  }
  const hostname = o.hostname === undefined ? `${ctx.serviceName}.${ctx.namespace}.svc` : validateDnsSubdomain(c.at('hostname'), o.hostname);
  const names = ctx.serverCertificate?.dnsNames;
  if (names && !names.includes(hostname)) {
    throw conflict(`${c.at('hostname')} ${JSON.stringify(hostname)} is not one of the DNS names of argo-server's certificate (${names.join(', ')}): the Gateway would reject it`,
      `add ${JSON.stringify(hostname)} to server.tls dnsNames, or set backendTls.hostname to one of them`);
  }
  return {
    name: ctx.serviceName, hostname,
    ...(o.caConfigMap !== undefined ? { caConfigMap: validateDnsSubdomain(c.at('caConfigMap'), o.caConfigMap) } : { wellKnownCACertificates: 'System' as const }),
  };
}

/** The Gateway options as an object with known keys, and its host names (checked first: argo-server's certificate names them). */
export function gatewayInput(c: Checker, options: unknown, baseHref: string): { o: Record<string, unknown>; hosts: string[] } {
  const o = c.object(options, EXAMPLE);
  if (o.path !== undefined) {
    throw conflict(`${c.at('path')} is not an option: the route's path prefix follows server.baseHref (now ${JSON.stringify(baseHref)})`,
      'remove path and set server.baseHref instead, e.g. "/argo/" to serve the UI under /argo/');
  }
  c.known(o, ['parentRefs', 'hostnames', 'backendTls']);
  const refs = parentRefs(c, o.parentRefs);
  return { o: { ...o, parentRefs: refs }, hosts: checkHosts(c, 'hostnames', o.hostnames) };
}

/** `server.exposure` made by `Exposure.gateway()`, after `gatewayInput` (its parentRefs are resolved there). */
export function resolveGateway(c: Checker, o: Record<string, unknown>, hostnames: string[], ctx: GatewayContext): ResolvedGateway {
  const tls = backendTls(c.child('backendTls'), o.backendTls, ctx);
  return {
    name: ctx.serviceName, parentRefs: o.parentRefs as ResolvedGateway['parentRefs'], hostnames, pathPrefix: prefixOf(ctx.baseHref), rewrite: ctx.baseHref !== '/',
    ...(tls ? { backendTls: tls } : {}),
  };
}
