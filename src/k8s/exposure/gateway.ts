import type { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import type { ResolvedGateway } from '../../config/exposure';
import { Endpoint, portOf } from '../../config/endpoints';
import { Component, K8sContext, manifest, Manifest, meta } from '../_meta';

/** The fields of a Gateway API `HTTPRoute` argo-stack writes. */
interface HttpRouteManifest extends Manifest {
  readonly spec: {
    readonly parentRefs: { readonly name: string; readonly namespace?: string; readonly sectionName?: string }[];
    readonly hostnames: string[];
    readonly rules: {
      readonly matches: { readonly path: { readonly type: 'PathPrefix'; readonly value: string } }[];
      readonly filters?: { readonly type: 'URLRewrite'; readonly urlRewrite: { readonly path: { readonly type: 'ReplacePrefixMatch'; readonly replacePrefixMatch: string } } }[];
      readonly backendRefs: { readonly name: string; readonly port: number }[];
    }[];
  };
}

/** The fields of a Gateway API `BackendTLSPolicy` argo-stack writes. */
interface BackendTlsPolicyManifest extends Manifest {
  readonly spec: {
    readonly targetRefs: { readonly group: ''; readonly kind: 'Service'; readonly name: string; readonly sectionName?: string }[];
    readonly validation: {
      readonly hostname: string;
      readonly caCertificateRefs?: { readonly group: ''; readonly kind: 'ConfigMap'; readonly name: string }[];
      readonly wellKnownCACertificates?: 'System';
    };
  };
}

/** An `HTTPRoute` (`gateway.networking.k8s.io/v1`) to argo-server and, for HTTPS, its `BackendTLSPolicy`. */
export function httpRoute(scope: Construct, ctx: K8sContext, g: ResolvedGateway, server: Endpoint): ApiObject {
  const ns = ctx.namespace;
  const web = portOf(server, 'web');
  const route = manifest<HttpRouteManifest>(scope, 'HTTPRoute', {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: meta(ctx, Component.SERVER, g.name, ns),
    spec: {
      parentRefs: g.parentRefs.map((r) => ({ ...r })),
      hostnames: [...g.hostnames],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: g.pathPrefix } }],
        ...(g.rewrite ? { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }] } : {}),
        backendRefs: [{ name: server.name, port: web.servicePort ?? web.containerPort }],
      }],
    },
  });
  const tls = g.backendTls;
  if (tls) {
    manifest<BackendTlsPolicyManifest>(scope, 'BackendTLSPolicy', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: meta(ctx, Component.SERVER, tls.name, ns),
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: server.name, sectionName: web.name }],
        validation: {
          hostname: tls.hostname,
          ...(tls.caConfigMap !== undefined ? { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: tls.caConfigMap }] } : { wellKnownCACertificates: tls.wellKnownCACertificates }),
        },
      },
    });
  }
  return route;
}
