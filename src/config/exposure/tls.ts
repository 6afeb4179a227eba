/**
 * TLS choices, as union-like classes: `ServerTls` (argo-server's own certificate, or plain HTTP) and
 * `IngressTls` (the certificate an Ingress presents to browsers). The factories keep what they are
 * given; `resolveExposure` checks it with the option path (`server.tls`, `server.exposure.tls`), so
 * JavaScript callers get the same messages as typed ones.
 */
import { isPlainObject } from '../check';
import { OptionVariant } from '../variant';

/** Minimum TLS version of argo-server (`TLS_MIN_VERSION`). */
export enum TlsVersion {
  /** TLS 1.2 (Go's `tls.VersionTLS12`, 771). */
  TLS_1_2 = 771,
  /** TLS 1.3 (Go's `tls.VersionTLS13`, 772). */
  TLS_1_3 = 772,
}

/** A cert-manager issuer: exactly one of `issuer` (in the install namespace) or `clusterIssuer`. */
export interface CertManagerIssuerOptions {
  /** An `Issuer` in the install namespace. @default - none: give this or `clusterIssuer` */
  readonly issuer?: string;
  /** A `ClusterIssuer`. @default - none: give this or `issuer` */
  readonly clusterIssuer?: string;
}

/** Options of `ServerTls.certManager()`. */
export interface ServerCertManagerOptions extends CertManagerIssuerOptions {
  /**
   * The certificate's DNS names.
   * @default - "argo-server", "argo-server.<namespace>", "argo-server.<namespace>.svc", then the exposure's hosts
   */
  readonly dnsNames?: string[];
}

/** The kinds of `ServerTls`. */
export type ServerTlsKind = 'self-signed' | 'secret' | 'cert-manager' | 'plain-text';
/** The kinds of `IngressTls`. */
export type IngressTlsKind = 'secret' | 'cert-manager' | 'none';

/** A shallow, frozen copy of an options object (anything else is kept for the resolver to report). */
function copy<T>(v: T): T {
  return (isPlainObject(v) ? Object.freeze({ ...v }) : v) as T;
}

/**
 * argo-server's own certificate (`--secure`, `--tls-certificate-secret-name`), or plain HTTP.
 * Make one with a static factory.
 */
export class ServerTls extends OptionVariant {
  /** HTTPS with the certificate argo-server makes itself at start (valid 365 days), as upstream does. */
  public static selfSigned(): ServerTls {
    return new ServerTls('self-signed');
  }

  /**
   * HTTPS with the certificate of an existing `kubernetes.io/tls` Secret in the install namespace
   * (keys `tls.crt` and `tls.key`): `--tls-certificate-secret-name`. argo-server may `get` exactly
   * that Secret. argo-stack does not create it.
   */
  public static fromSecret(name: string): ServerTls {
    return new ServerTls('secret', name);
  }

  /**
   * HTTPS with a cert-manager `Certificate` (`cert-manager.io/v1`) whose Secret `argo-server-tls`
   * argo-server serves (`--tls-certificate-secret-name`). cert-manager must be installed.
   */
  public static certManager(options: ServerCertManagerOptions): ServerTls {
    return new ServerTls('cert-manager', undefined, copy(options));
  }

  /**
   * Plain HTTP (`--secure=false`): the probes use HTTP and the Ingress or Gateway talks HTTP to
   * argo-server. Only where TLS ends before argo-server and the path to it is trusted.
   */
  public static plainText(): ServerTls {
    return new ServerTls('plain-text');
  }

  /** Which choice this is. */
  public readonly kind: ServerTlsKind;
  /** The Secret's name, as given to `fromSecret` (checked when resolved). @internal */
  public readonly secretName?: unknown;
  /** The options given to `certManager` (checked when resolved). @internal */
  public readonly certManagerOptions?: unknown;

  private constructor(kind: ServerTlsKind, secretName?: unknown, certManagerOptions?: unknown) {
    super();
    this.kind = kind;
    if (kind === 'secret') this.secretName = secretName;
    if (kind === 'cert-manager') this.certManagerOptions = certManagerOptions;
    Object.freeze(this);
  }
}

/**
 * The certificate an Ingress presents to browsers. Make one with a static factory; an Ingress has
 * no default, so that plain HTTP at the Ingress is always a visible choice (`IngressTls.none()`).
 */
export class IngressTls extends OptionVariant {
  /** An existing `kubernetes.io/tls` Secret in the install namespace. */
  public static secret(name: string): IngressTls {
    return new IngressTls('secret', name);
  }

  /**
   * A cert-manager `Certificate` for the Ingress hosts (its Secret is `argo-server-ingress-tls`).
   * cert-manager must be installed.
   */
  public static certManager(options: CertManagerIssuerOptions): IngressTls {
    return new IngressTls('cert-manager', undefined, copy(options));
  }

  /**
   * No TLS at the Ingress: TLS ends before it (a cloud load balancer in front of the Ingress
   * controller, for example), or the Ingress is only reached inside a trusted network.
   */
  public static none(): IngressTls {
    return new IngressTls('none');
  }

  /** Which choice this is. */
  public readonly kind: IngressTlsKind;
  /** @internal */
  public readonly secretName?: unknown;
  /** @internal */
  public readonly certManagerOptions?: unknown;

  private constructor(kind: IngressTlsKind, secretName?: unknown, certManagerOptions?: unknown) {
    super();
    this.kind = kind;
    if (kind === 'secret') this.secretName = secretName;
    if (kind === 'cert-manager') this.certManagerOptions = certManagerOptions;
    Object.freeze(this);
  }
}
