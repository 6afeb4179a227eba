/**
 * The Ingress controller that serves argo-server's Ingress. Each one carries its own annotations
 * (backend protocol, prefix stripping, TLS), set by `resolveExposure`.
 */
import { OptionVariant } from '../variant';

/** The kinds of `IngressController`. */
export type IngressControllerKind = 'nginx' | 'traefik' | 'traefik-v1';

/** Which Ingress controller serves the Ingress. Make one with a static factory. */
export class IngressController extends OptionVariant {
  /**
   * ingress-nginx: a regex path with `rewrite-target` strips the base href, and
   * `nginx.ingress.kubernetes.io/backend-protocol` follows argo-server's TLS.
   * Ingress class `nginx` unless `className` is given.
   */
  public static nginx(): IngressController {
    return new IngressController('nginx', 'nginx', 'ingress-nginx');
  }

  /**
   * Traefik v2.10+ or v3 (`traefik.io/v1alpha1` CRDs): a `Middleware` strips the base href, a
   * `ServersTransport` verifies (or, for the self-signed certificate, skips verifying) argo-server's
   * certificate, and the argo-server Service carries the HTTPS scheme annotation.
   * Ingress class `traefik` unless `className` is given.
   */
  public static traefik(): IngressController {
    return new IngressController('traefik', 'traefik', 'Traefik');
  }

  /**
   * Traefik 1.x: `traefik.ingress.kubernetes.io/rule-type: PathPrefixStrip` and
   * `ingress.kubernetes.io/protocol`. Traefik 1.x verifies HTTPS backends unless its own
   * `insecureSkipVerify` is set, so with the self-signed certificate set that in Traefik.
   */
  public static traefikV1(): IngressController {
    return new IngressController('traefik-v1', 'traefik', 'Traefik 1.x');
  }

  /** Which controller this is. */
  public readonly kind: IngressControllerKind;
  /** The Ingress class used when `className` is not given. */
  public readonly defaultClassName: string;
  /** Its name in messages. */
  public readonly displayName: string;

  private constructor(kind: IngressControllerKind, defaultClassName: string, displayName: string) {
    super();
    this.kind = kind;
    this.defaultClassName = defaultClassName;
    this.displayName = displayName;
    Object.freeze(this);
  }
}
