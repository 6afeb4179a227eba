import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import type { ResolvedExposure } from '../../config/exposure';
import type { Endpoint } from '../../config/endpoints';
import type { K8sContext } from '../_meta';
import { certificate } from './certificate';
import { httpRoute } from './gateway';
import { ingress } from './ingress';

export interface ArgoServerExposureProps {
  readonly ctx: K8sContext;
  readonly exposure: ResolvedExposure;
  /** argo-server's endpoint: the Service name and the `web` port the Ingress or route points at. */
  readonly endpoint: Endpoint;
}

/**
 * What makes argo-server reachable besides its Service: the cert-manager Certificates, and the
 * Ingress (with Traefik's Middleware and ServersTransport) or the HTTPRoute (with its
 * BackendTLSPolicy). Everything is read from the plan.
 */
export class ArgoServerExposure extends Construct {
  /** The Ingress, with `Exposure.ingress()`. */
  public readonly ingress?: ApiObject;
  /** The HTTPRoute, with `Exposure.gateway()`. */
  public readonly httpRoute?: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoServerExposureProps) {
    super(scope, id);
    const { ctx, exposure: e, endpoint } = props;
    for (const c of e.certificates) certificate(this, ctx, c);
    if (e.ingress) this.ingress = ingress(this, ctx, e.ingress, endpoint);
    if (e.gateway) this.httpRoute = httpRoute(this, ctx, e.gateway, endpoint);
  }
}
