/** argo-server's TLS (`server.tls`, `server.tlsMinVersion`, `server.hsts`) and an Ingress's TLS, checked and resolved. */
import { Checker } from '../check';
import { conflict, invalid } from '../errors';
import { validateDnsSubdomain } from '../names';
import { checkDnsNames, checkInstance, checkIssuer } from './checks';
import type { ExposureOptions } from './exposure';
import type { ResolvedCertificate, ResolvedServerTls } from './resolved';
import { IngressTls, ServerTls, TlsVersion } from './tls';

/** The Certificate and Secret of argo-server's own certificate with `ServerTls.certManager()`. */
export const SERVER_CERTIFICATE = { name: 'argo-server', secretName: 'argo-server-tls' } as const;
/** The Certificate and Secret of the Ingress with `IngressTls.certManager()`. */
export const INGRESS_CERTIFICATE = { name: 'argo-server-ingress', secretName: 'argo-server-ingress-tls' } as const;

const SERVER_TLS_FIX = 'use ServerTls.selfSigned() (the default), ServerTls.fromSecret("argo-server-tls"), ServerTls.certManager({ issuer: "my-issuer" }) or ServerTls.plainText()';
export const INGRESS_TLS_FIX = 'use IngressTls.secret("argo-tls") (an existing Secret), IngressTls.certManager({ clusterIssuer: "letsencrypt" }) or IngressTls.none() (TLS ends before the Ingress)';

/** argo-server's TLS and, with cert-manager, its Certificate. */
export interface ServerTlsResult {
  readonly tls: ResolvedServerTls;
  readonly certificate?: ResolvedCertificate;
}

/** What the server certificate's default DNS names are made of. */
export interface ServerTlsContext {
  readonly namespace: string;
  readonly serviceName: string;
  /** The exposure's public hosts. */
  readonly hosts: readonly string[];
}

/** The default DNS names of argo-server's own certificate: its Service names, then the public hosts. */
export function serviceDnsNames(ctx: Pick<ServerTlsContext, 'namespace' | 'serviceName'>): string[] {
  return [ctx.serviceName, `${ctx.serviceName}.${ctx.namespace}`, `${ctx.serviceName}.${ctx.namespace}.svc`];
}

function tlsMinVersion(c: Checker, o: ExposureOptions): TlsVersion {
  const v = o.tlsMinVersion ?? TlsVersion.TLS_1_2;
  if (v !== TlsVersion.TLS_1_2 && v !== TlsVersion.TLS_1_3) {
    throw invalid(c.at('tlsMinVersion'), v, 'it must be TlsVersion.TLS_1_2 (771) or TlsVersion.TLS_1_3 (772)', 'use TlsVersion.TLS_1_2 or TlsVersion.TLS_1_3');
  }
  return v;
}

function certManagerCertificate(c: Checker, options: unknown, ctx: ServerTlsContext): ResolvedCertificate {
  const o = c.object(options, '{ issuer: "my-issuer" }');
  c.known(o, ['issuer', 'clusterIssuer', 'dnsNames']);
  const issuer = checkIssuer(c, o);
  const dnsNames = checkDnsNames(c, o.dnsNames) ?? [...new Set([...serviceDnsNames(ctx), ...ctx.hosts])];
  return { ...SERVER_CERTIFICATE, dnsNames, issuer };
}

/** `server.tls` with `server.tlsMinVersion` and `server.hsts` (which need HTTPS). */
export function resolveServerTls(server: Checker, o: ExposureOptions, ctx: ServerTlsContext): ServerTlsResult {
  const tls = o.tls === undefined ? ServerTls.selfSigned() : checkInstance(server.at('tls'), o.tls, ServerTls, SERVER_TLS_FIX);
  server.bool('hsts', o.hsts);
  const minVersion = tlsMinVersion(server, o);
  const c = server.child('tls');
  switch (tls.kind) {
    case 'plain-text': {
      const key = o.hsts !== undefined ? 'hsts' : o.tlsMinVersion !== undefined ? 'tlsMinVersion' : undefined;
      if (key) {
        throw conflict(`server.${key} is set but server.tls is ServerTls.plainText(): argo-server serves plain HTTP, so ${key} has no effect`,
          `remove server.${key}, or use an HTTPS choice for server.tls (ServerTls.selfSigned() is the default)`);
      }
      return { tls: { kind: tls.kind, secure: false } };
    }
    case 'secret':
      return { tls: { kind: tls.kind, secure: true, secretName: validateDnsSubdomain(c.path, tls.secretName), tlsMinVersion: minVersion } };
    case 'cert-manager': {
      const certificate = certManagerCertificate(c, tls.certManagerOptions, ctx);
      return { tls: { kind: tls.kind, secure: true, secretName: certificate.secretName, tlsMinVersion: minVersion }, certificate };
    }
    default:
      return { tls: { kind: tls.kind, secure: true, tlsMinVersion: minVersion } };
  }
}

/** An Ingress's TLS: the Secret it presents (made by cert-manager or given), or none. */
export interface IngressTlsResult {
  readonly kind: IngressTls['kind'];
  readonly secretName?: string;
  readonly certificate?: ResolvedCertificate;
}

/** `server.exposure.tls` of an Ingress: required, so that plain HTTP at the Ingress is a visible choice. */
export function resolveIngressTls(c: Checker, value: unknown, hosts: string[]): IngressTlsResult {
  if (value === undefined) {
    throw conflict(`${c.path} is missing: an Ingress needs an explicit TLS choice`, INGRESS_TLS_FIX);
  }
  const tls = checkInstance(c.path, value, IngressTls, INGRESS_TLS_FIX);
  switch (tls.kind) {
    case 'secret': return { kind: tls.kind, secretName: validateDnsSubdomain(c.path, tls.secretName) };
    case 'cert-manager': {
      const o = c.object(tls.certManagerOptions, '{ clusterIssuer: "letsencrypt" }');
      c.known(o, ['issuer', 'clusterIssuer']);
      const certificate: ResolvedCertificate = { ...INGRESS_CERTIFICATE, dnsNames: [...hosts], issuer: checkIssuer(c, o) };
      return { kind: tls.kind, secretName: certificate.secretName, certificate };
    }
    default: return { kind: tls.kind };
  }
}
