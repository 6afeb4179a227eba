/** The resolved exposure and TLS of argo-server: what the constructs render, decided once. */
import type { ExposureKind } from './exposure';
import type { IngressControllerKind } from './ingress-controller';
import type { ServerTlsKind, TlsVersion } from './tls';

/** A cert-manager issuer reference. */
export interface CertificateIssuer {
  readonly name: string;
  readonly kind: 'Issuer' | 'ClusterIssuer';
}

/** A cert-manager `Certificate` argo-stack emits. */
export interface ResolvedCertificate {
  readonly name: string;
  readonly secretName: string;
  readonly dnsNames: string[];
  readonly issuer: CertificateIssuer;
}

/** argo-server's TLS. */
export interface ResolvedServerTls {
  readonly kind: ServerTlsKind;
  readonly secure: boolean;
  /** The Secret argo-server serves (`--tls-certificate-secret-name`). @default - none (self-signed or plain text) */
  readonly secretName?: string;
  /** `TLS_MIN_VERSION` when secure. */
  readonly tlsMinVersion?: TlsVersion;
}

/** The argo-server Service, as the exposure shapes it. */
export interface ResolvedService {
  readonly type: 'ClusterIP' | 'LoadBalancer';
  readonly annotations: Record<string, string>;
  readonly loadBalancerSourceRanges?: string[];
  /**
   * `Local` with source ranges: the load balancer then hands argo-server the client's own address,
   * which the ranges and argo-server's NetworkPolicy (an ipBlock per range) check; with `Cluster`
   * a node's address replaces it and the policy would drop the traffic.
   */
  readonly externalTrafficPolicy?: 'Local';
}

/** A Traefik `Middleware` that strips the base href. */
export interface ResolvedStripPrefix {
  readonly name: string;
  readonly prefix: string;
}

/** A Traefik `ServersTransport` for HTTPS to argo-server. */
export interface ResolvedServersTransport {
  readonly name: string;
  readonly serverName: string;
  readonly insecureSkipVerify: boolean;
  /** Secrets holding the CA (`ca.crt`) that verifies argo-server's certificate. */
  readonly rootCAsSecrets: string[];
}

/** The Ingress and what its controller needs next to it. */
export interface ResolvedIngress {
  readonly name: string;
  readonly controller: IngressControllerKind;
  readonly className: string;
  readonly hosts: string[];
  readonly path: string;
  readonly pathType: 'Prefix' | 'ImplementationSpecific';
  readonly annotations: Record<string, string>;
  /** `spec.tls`, when TLS ends at the Ingress. */
  readonly tls?: { readonly secretName: string; readonly hosts: string[] };
  readonly stripPrefix?: ResolvedStripPrefix;
  readonly serversTransport?: ResolvedServersTransport;
}

/** The HTTPRoute and, for an HTTPS backend, its BackendTLSPolicy. */
export interface ResolvedGateway {
  readonly name: string;
  readonly parentRefs: { readonly name: string; readonly namespace?: string; readonly sectionName?: string }[];
  readonly hostnames: string[];
  /** The `PathPrefix` match: the base href without its trailing slash, or `/`. */
  readonly pathPrefix: string;
  /** Whether a `URLRewrite` filter replaces the prefix with `/`. */
  readonly rewrite: boolean;
  readonly backendTls?: {
    readonly name: string;
    readonly hostname: string;
    readonly caConfigMap?: string;
    readonly wellKnownCACertificates?: 'System';
  };
}

/** How argo-server is reached and its TLS; the SSO feature reads `exposed`, `publicUrl`, `baseHref`, `secure`. */
export interface ResolvedExposure {
  readonly kind: ExposureKind;
  /** Reachable from outside the cluster (LoadBalancer, Ingress, Gateway). */
  readonly exposed: boolean;
  /** The public host names (Ingress hosts, HTTPRoute hostnames); empty otherwise. */
  readonly hosts: string[];
  /** `ARGO_BASE_HREF`, starting and ending with `/`. */
  readonly baseHref: string;
  /** Whether argo-server itself serves HTTPS. */
  readonly secure: boolean;
  /** `https://<first host><baseHref>` (`http://` with `IngressTls.none()`), when there is a host. */
  readonly publicUrl?: string;
  readonly tls: ResolvedServerTls;
  readonly service: ResolvedService;
  /** The cert-manager Certificates to emit (argo-server's, the Ingress's). */
  readonly certificates: ResolvedCertificate[];
  readonly ingress?: ResolvedIngress;
  readonly gateway?: ResolvedGateway;
}
