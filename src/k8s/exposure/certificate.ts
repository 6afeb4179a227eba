import type { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import type { ResolvedCertificate } from '../../config/exposure';
import { Component, K8sContext, manifest, Manifest, meta } from '../_meta';

/** The fields of a cert-manager `Certificate` argo-stack writes. */
interface CertificateManifest extends Manifest {
  readonly spec: {
    readonly secretName: string;
    readonly dnsNames: string[];
    readonly issuerRef: { readonly name: string; readonly kind: string; readonly group: string };
  };
}

/** A cert-manager `Certificate` (`cert-manager.io/v1`) in the install namespace. */
export function certificate(scope: Construct, ctx: K8sContext, c: ResolvedCertificate): ApiObject {
  return manifest<CertificateManifest>(scope, `Certificate-${c.name}`, {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta(ctx, Component.SERVER, c.name, ctx.namespace),
    spec: {
      secretName: c.secretName,
      dnsNames: [...c.dnsNames],
      issuerRef: { name: c.issuer.name, kind: c.issuer.kind, group: 'cert-manager.io' },
    },
  });
}
