/**
 * The exposure feature: how argo-server is reached (`server.exposure`), its TLS (`server.tls`,
 * `server.tlsMinVersion`, `server.hsts`) and its base href (`server.baseHref`). Resolved before the
 * other features; it contributes argo-server's TLS flags, `ARGO_BASE_HREF` and `TLS_MIN_VERSION`,
 * and the Secret argo-server reads for its certificate. The Service shape, the Ingress or
 * HTTPRoute and the Certificates are in its resolved section.
 */
import { Checker, isPlainObject } from '../check';
import { Component, ExternalPeer, Flow } from '../endpoints';
import type { Contributions, EnvVar, Feature } from '../contributions';
import { conflict, hintText, invalid } from '../errors';
import { isCidr } from './cidr';
import { checkInstance } from './checks';
import { Exposure, ExposureOptions } from './exposure';
import { GatewayContext, gatewayInput, resolveGateway } from './gateway';
import { ingressInput, resolveIngress } from './ingress';
import type { ResolvedCertificate, ResolvedExposure, ResolvedServerTls } from './resolved';
import { resolveServerTls } from './server-tls';

/** What the feature needs of the install and of argo-server. */
export interface ExposureContext {
  readonly namespace: string;
  /** The name of argo-server's Service (and workload). */
  readonly serviceName: string;
  /** Whether argo-server runs in the cluster; when not, the feature's options must not be set. */
  readonly enabled: boolean;
}

const EXPOSURE_FIX = 'use Exposure.clusterIp() (the default), Exposure.loadBalancer(), Exposure.ingress({ controller, hosts, tls }) or Exposure.gateway({ parentRefs, hostnames })';

/** `server.baseHref`: starts and ends with `/`. */
export function resolveBaseHref(c: Checker, value: unknown): string {
  const baseHref = value ?? '/';
  if (typeof baseHref !== 'string' || !/^\/([^\s/?#]+\/)*$/.test(baseHref)) {
    const path = hintText(baseHref).replace(/\s+/g, '').split('/').filter(Boolean).join('/');
    throw invalid(c.at('baseHref'), baseHref, 'it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it)',
      `use ${JSON.stringify(path ? `/${path}/` : '/')}`);
  }
  return baseHref;
}

function sourceRanges(c: Checker, options: unknown): string[] | undefined {
  const o = c.object(options, '{ sourceRanges: ["203.0.113.0/24"] }');
  c.known(o, ['sourceRanges']);
  if (o.sourceRanges === undefined) return undefined;
  if (!Array.isArray(o.sourceRanges)) throw invalid(c.at('sourceRanges'), o.sourceRanges, 'it must be a list of CIDRs', 'give a list, e.g. ["203.0.113.0/24"]');
  for (const cidr of o.sourceRanges) {
    if (!isCidr(cidr)) throw invalid(c.at('sourceRanges'), cidr, 'each entry must be a CIDR such as "203.0.113.0/24"', 'write the range in CIDR notation');
  }
  return [...(o.sourceRanges as string[])];
}

/** The flags, env and Secret reads argo-server gets from its TLS and base href. */
function contributions(tls: ResolvedServerTls, baseHref: string, hsts: boolean | undefined): Contributions {
  const env: EnvVar[] = [{ name: 'ARGO_BASE_HREF', value: baseHref }];
  if (tls.tlsMinVersion !== undefined) env.push({ name: 'TLS_MIN_VERSION', value: String(tls.tlsMinVersion) });
  return {
    serverArgs: [
      `--secure=${tls.secure}`,
      ...(tls.secretName !== undefined ? [`--tls-certificate-secret-name=${tls.secretName}`] : []),
      ...(hsts === false ? ['--hsts=false'] : []),
    ],
    serverEnv: env,
    ...(tls.secretName !== undefined ? { secretsRead: [{ by: ['server'], names: [tls.secretName] }] } : {}),
  };
}

const PEERS: Partial<Record<ResolvedExposure['kind'], ExternalPeer>> = {
  'ingress': ExternalPeer.INGRESS_CONTROLLER, 'gateway': ExternalPeer.GATEWAY, 'load-balancer': ExternalPeer.LOAD_BALANCER,
};

/** Who forwards outside traffic to argo-server's `web` port: the Ingress controller, the Gateway, or clients of the LoadBalancer. */
function exposureFlows(exposure: ResolvedExposure): Flow[] {
  const peer = PEERS[exposure.kind];
  return peer ? [{ from: { external: peer }, to: Component.SERVER, port: 'web', purpose: 'the UI and API from outside the cluster' }] : [];
}

/** The exposure's own part: the kind, the hosts, the Service, the Ingress or route, the Ingress's Certificate. */
function resolveKind(c: Checker, exposure: Exposure, base: { baseHref: string; tls: ResolvedServerTls; serverCertificate?: ResolvedCertificate; hosts: string[]; o: Record<string, unknown> } & ExposureContext): Omit<ResolvedExposure, 'baseHref' | 'secure' | 'tls' | 'certificates'> & { certificate?: ResolvedCertificate } {
  const ctx = { namespace: base.namespace, serviceName: base.serviceName, baseHref: base.baseHref, serverTls: base.tls };
  const clusterIp = { type: 'ClusterIP' as const, annotations: {} };
  switch (exposure.kind) {
    case 'load-balancer': {
      const ranges = sourceRanges(c, exposure.options);
      return { kind: exposure.kind, exposed: true, hosts: [], service: { type: 'LoadBalancer', annotations: {}, ...(ranges ? { loadBalancerSourceRanges: ranges, externalTrafficPolicy: 'Local' } : {}) } };
    }
    case 'ingress': {
      const r = resolveIngress(c, base.o, base.hosts, ctx);
      // With IngressTls.none() TLS ends before the Ingress, or nowhere: the public scheme is unknown.
      const publicUrl = r.tls.kind === 'none' ? {} : { publicUrl: `https://${base.hosts[0]}${base.baseHref}` };
      return {
        kind: exposure.kind, exposed: true, hosts: base.hosts, ...publicUrl,
        service: { ...clusterIp, annotations: r.serviceAnnotations }, ingress: r.ingress, certificate: r.certificate,
      };
    }
    case 'gateway': {
      const gctx: GatewayContext = { ...ctx, serverCertificate: base.serverCertificate };
      return {
        kind: exposure.kind, exposed: true, hosts: base.hosts, publicUrl: `https://${base.hosts[0]}${base.baseHref}`,
        service: clusterIp, gateway: resolveGateway(c, base.o, base.hosts, gctx),
      };
    }
    default:
      return { kind: 'cluster-ip', exposed: false, hosts: [], service: clusterIp };
  }
}

/** The hosts of an Ingress or HTTPRoute (checked before argo-server's certificate, which names them). */
function inputOf(c: Checker, exposure: Exposure, baseHref: string): { o: Record<string, unknown>; hosts: string[] } {
  if (exposure.kind === 'ingress') return ingressInput(c, exposure.options, baseHref);
  if (exposure.kind === 'gateway') return gatewayInput(c, exposure.options, baseHref);
  return { o: {}, hosts: [] };
}

/** `server.exposure`, `server.tls`, `server.baseHref`, `server.tlsMinVersion`, `server.hsts`. */
export function resolveExposure(o: ExposureOptions | undefined, ctx: ExposureContext): Feature<ResolvedExposure> {
  const server = new Checker('server');
  const options: ExposureOptions = isPlainObject(o) ? o : {};
  const baseHref = resolveBaseHref(server, options.baseHref);
  const exposure = options.exposure === undefined ? Exposure.clusterIp() : checkInstance(server.at('exposure'), options.exposure, Exposure, EXPOSURE_FIX);
  const c = server.child('exposure');
  const input = inputOf(c, exposure, baseHref);
  const { tls, certificate: serverCertificate } = resolveServerTls(server, options, { namespace: ctx.namespace, serviceName: ctx.serviceName, hosts: input.hosts });
  const { certificate, ...kind } = resolveKind(c, exposure, { ...ctx, baseHref, tls, serverCertificate, ...input });
  if (!ctx.enabled) {
    const set = (['exposure', 'tls', 'baseHref', 'tlsMinVersion', 'hsts'] as const).find((k) => options[k] !== undefined);
    if (set) throw conflict(`server.${set} is set but server.enabled is false: there is no argo-server to configure`, `remove server.${set}, or set server.enabled to true`);
  }
  const resolved: ResolvedExposure = {
    ...kind, baseHref, secure: tls.secure, tls,
    certificates: [...(serverCertificate ? [serverCertificate] : []), ...(certificate ? [certificate] : [])],
  };
  return { resolved, contributes: ctx.enabled ? { ...contributions(tls, baseHref, options.hsts), flows: exposureFlows(resolved) } : {} };
}
