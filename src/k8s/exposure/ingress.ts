import type { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { ResolvedIngress } from '../../config/exposure';
import { Endpoint, portOf } from '../../config/endpoints';
import { Component, K8sContext, manifest, Manifest, meta } from '../_meta';

/** Traefik's `Middleware` (`traefik.io/v1alpha1`), as argo-stack writes it. */
interface MiddlewareManifest extends Manifest {
  readonly spec: { readonly stripPrefix: { readonly prefixes: string[] } };
}

/** Traefik's `ServersTransport` (`traefik.io/v1alpha1`), as argo-stack writes it. */
interface ServersTransportManifest extends Manifest {
  readonly spec: { readonly serverName?: string; readonly insecureSkipVerify?: boolean; readonly rootCAsSecrets?: string[] };
}

/**
 * The `networking.k8s.io/v1` Ingress to argo-server's `web` port and, for Traefik v2/v3, the
 * Middleware that strips the base href and the ServersTransport for HTTPS to argo-server.
 */
export function ingress(scope: Construct, ctx: K8sContext, i: ResolvedIngress, server: Endpoint): ApiObject {
  const ns = ctx.namespace;
  if (i.stripPrefix) {
    manifest<MiddlewareManifest>(scope, 'Middleware', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware',
      metadata: meta(ctx, Component.SERVER, i.stripPrefix.name, ns),
      spec: { stripPrefix: { prefixes: [i.stripPrefix.prefix] } },
    });
  }
  const t = i.serversTransport;
  if (t) {
    manifest<ServersTransportManifest>(scope, 'ServersTransport', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'ServersTransport',
      metadata: meta(ctx, Component.SERVER, t.name, ns),
      spec: t.insecureSkipVerify ? { insecureSkipVerify: true } : { serverName: t.serverName, rootCAsSecrets: [...t.rootCAsSecrets] },
    });
  }
  const backend = { service: { name: server.name, port: { name: portOf(server, 'web').name } } };
  return manifest<IIngress>(scope, 'Ingress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(ctx, Component.SERVER, i.name, ns, { annotations: { ...i.annotations } }),
    spec: {
      ingressClassName: i.className,
      ...(i.tls ? { tls: [{ hosts: [...i.tls.hosts], secretName: i.tls.secretName }] } : {}),
      rules: i.hosts.map((host) => ({ host, http: { paths: [{ path: i.path, pathType: i.pathType, backend }] } })),
    },
  });
}
