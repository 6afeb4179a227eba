/**
 * How argo-server is reached from outside its namespace: `Exposure.clusterIp()` (the default; use
 * `kubectl port-forward`), `Exposure.loadBalancer()`, `Exposure.ingress()` or `Exposure.gateway()`.
 * The factories keep what they are given; `resolveExposure` checks it under `server.exposure`.
 */
import { isPlainObject } from '../check';
import { OptionVariant } from '../variant';
import type { IngressController } from './ingress-controller';
import type { IngressTls, ServerTls, TlsVersion } from './tls';

/** Options of `Exposure.loadBalancer()`. */
export interface LoadBalancerExposureOptions {
  /**
   * CIDRs allowed to reach the load balancer (`loadBalancerSourceRanges`).
   * @default - no restriction by the cloud load balancer
   */
  readonly sourceRanges?: string[];
}

/** Options of `Exposure.ingress()`. The Ingress path follows `server.baseHref`. */
export interface IngressExposureOptions {
  /** The Ingress controller: `IngressController.nginx()`, `.traefik()` or `.traefikV1()`. */
  readonly controller: IngressController;
  /** The host names the UI is served on (DNS names, no scheme, no wildcard); the first one is the public URL's. */
  readonly hosts: string[];
  /** `spec.ingressClassName`. @default - the controller's usual class: "nginx" or "traefik" */
  readonly className?: string;
  /**
   * The certificate the Ingress presents: `IngressTls.secret(name)`, `IngressTls.certManager({...})`,
   * or `IngressTls.none()` when TLS ends before the Ingress. Required.
   */
  readonly tls: IngressTls;
  /**
   * More annotations on the Ingress. A key argo-stack sets itself for the controller is an error.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/** A Gateway an HTTPRoute attaches to (`parentRefs[]`). */
export interface GatewayParentRef {
  /** The Gateway's name. */
  readonly name: string;
  /** The Gateway's namespace. @default - the install namespace */
  readonly namespace?: string;
  /** One listener of the Gateway. @default - every listener that admits the route */
  readonly sectionName?: string;
}

/**
 * How the Gateway verifies argo-server's certificate (a `BackendTLSPolicy`): exactly one of
 * `caConfigMap` and `wellKnownCACertificates`.
 */
export interface GatewayBackendTlsOptions {
  /** A ConfigMap in the install namespace whose key `ca.crt` holds the CA of argo-server's certificate. @default - none */
  readonly caConfigMap?: string;
  /** `"System"`: the Gateway's own trusted CAs (for a publicly trusted certificate). @default - none */
  readonly wellKnownCACertificates?: 'System';
  /**
   * The name the certificate is verified against (and sent as SNI).
   * @default "argo-server.<namespace>.svc"
   */
  readonly hostname?: string;
}

/** Options of `Exposure.gateway()`. The route's path prefix follows `server.baseHref`. */
export interface GatewayExposureOptions {
  /** The Gateways to attach to, at least one. */
  readonly parentRefs: GatewayParentRef[];
  /** The host names (DNS names, no wildcard); the first one is the public URL's. */
  readonly hostnames: string[];
  /**
   * How the Gateway verifies argo-server's HTTPS certificate. Required unless `server.tls` is
   * `ServerTls.plainText()`; a Gateway cannot verify the self-signed certificate.
   * @default - none
   */
  readonly backendTls?: GatewayBackendTlsOptions;
}

/** The kinds of `Exposure`. */
export type ExposureKind = 'cluster-ip' | 'load-balancer' | 'ingress' | 'gateway';

/** A shallow, frozen copy of an options object (anything else is kept for the resolver to report). */
function copy<T>(v: T): T {
  return (isPlainObject(v) ? Object.freeze({ ...v }) : v) as T;
}

/** How argo-server is reached. Make one with a static factory. */
export class Exposure extends OptionVariant {
  /** A ClusterIP Service only: reach the UI with `kubectl -n <namespace> port-forward svc/argo-server 2746:2746`. */
  public static clusterIp(): Exposure {
    return new Exposure('cluster-ip', undefined);
  }

  /** A LoadBalancer Service, optionally limited to source CIDRs. */
  public static loadBalancer(options: LoadBalancerExposureOptions = {}): Exposure {
    return new Exposure('load-balancer', copy(options));
  }

  /** A `networking.k8s.io/v1` Ingress, with the annotations of its controller. */
  public static ingress(options: IngressExposureOptions): Exposure {
    return new Exposure('ingress', copy(options));
  }

  /** A Gateway API `HTTPRoute`, with a `BackendTLSPolicy` when argo-server serves HTTPS. */
  public static gateway(options: GatewayExposureOptions): Exposure {
    return new Exposure('gateway', copy(options));
  }

  /** Which choice this is. */
  public readonly kind: ExposureKind;
  /** The options given to the factory (checked when resolved). @internal */
  public readonly options?: unknown;

  private constructor(kind: ExposureKind, options: unknown) {
    super();
    this.kind = kind;
    if (kind !== 'cluster-ip') this.options = options;
    Object.freeze(this);
  }
}

/** argo-server's options about how it is reached and its TLS (part of `ArgoServerOptions`). */
export interface ExposureOptions {
  /**
   * How argo-server is reached: `Exposure.clusterIp()`, `.loadBalancer()`, `.ingress()` or `.gateway()`.
   * @default Exposure.clusterIp()
   */
  readonly exposure?: Exposure;
  /**
   * argo-server's certificate: `ServerTls.selfSigned()`, `.fromSecret(name)`, `.certManager({...})`,
   * or `.plainText()` for plain HTTP. The probes, the Ingress annotations and the Gateway follow.
   * @default ServerTls.selfSigned()
   */
  readonly tls?: ServerTls;
  /**
   * `ARGO_BASE_HREF`: the path the UI is served under. Must start and end with `/`. An Ingress or
   * HTTPRoute serves it under this path and strips it before argo-server.
   * @default "/"
   */
  readonly baseHref?: string;
  /** `TLS_MIN_VERSION`. Not with `ServerTls.plainText()`. @default TlsVersion.TLS_1_2 */
  readonly tlsMinVersion?: TlsVersion | 771 | 772;
  /** `--hsts`: send Strict-Transport-Security. Not with `ServerTls.plainText()`. @default true */
  readonly hsts?: boolean;
}
