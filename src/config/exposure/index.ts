/** argo-server's exposure and TLS: the option classes, the options, the resolved section and the feature. */
export { Exposure } from './exposure';
export type {
  ExposureKind, ExposureOptions, GatewayBackendTlsOptions, GatewayExposureOptions, GatewayParentRef, IngressExposureOptions, LoadBalancerExposureOptions,
} from './exposure';
export { IngressController } from './ingress-controller';
export type { IngressControllerKind } from './ingress-controller';
export { IngressTls, ServerTls, TlsVersion } from './tls';
export type { CertManagerIssuerOptions, IngressTlsKind, ServerCertManagerOptions, ServerTlsKind } from './tls';
export type * from './resolved';
export { resolveExposure } from './feature';
export type { ExposureContext } from './feature';
