/** The objects of server.exposure and server.tls: exact fields, schema validation of each, and what argo-server gets. */
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Exposure, IngressController, IngressTls, ServerTls } from '../../src/config/exposure';
import type { ArgoServerOptions } from '../../src/config/server';
import { validateCustomResources } from '../schemas/custom-resources';
import { container, find, K8sObject, ofKind, stdLabels, synthObjects } from '../util';

const LABELS = stdLabels('argo-server');
const META = (name: string, extra: object = {}) => ({ name, namespace: 'argo', labels: LABELS, ...extra });
const objects = (server: ArgoServerOptions) => synthObjects({ server });
const EXPOSURE_KINDS = ['Certificate', 'Ingress', 'Middleware', 'ServersTransport', 'HTTPRoute', 'BackendTLSPolicy'];
const exposureObjects = (objs: K8sObject[]) => objs.filter((o) => EXPOSURE_KINDS.includes(o.kind)).map((o) => `${o.kind} ${o.metadata.name}`);
const BACKEND = { service: { name: 'argo-server', port: { name: 'web' } } };

describe('ingress-nginx under /argo/ with cert-manager at the Ingress', () => {
  const objs = objects({
    baseHref: '/argo/',
    exposure: Exposure.ingress({ controller: IngressController.nginx(), hosts: ['argo.example.com', 'wf.example.com'], tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }) }),
  });

  test('emits exactly a Certificate and an Ingress', () => {
    expect(exposureObjects(objs)).toEqual(['Certificate argo-server-ingress', 'Ingress argo-server']);
  });

  test('the Certificate, for every host', () => {
    expect(find(objs, 'Certificate', 'argo-server-ingress', 'argo')).toEqual({
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: META('argo-server-ingress'),
      spec: {
        secretName: 'argo-server-ingress-tls', dnsNames: ['argo.example.com', 'wf.example.com'],
        issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      },
    });
  });

  test('the Ingress: regex path rewritten to /$2, HTTPS backend by port name, TLS', () => {
    const rule = (host: string) => ({ host, http: { paths: [{ path: '/argo(/|$)(.*)', pathType: 'ImplementationSpecific', backend: BACKEND }] } });
    const ingress = find(objs, 'Ingress', 'argo-server', 'argo');
    expect(ingress).toEqual({
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: META('argo-server', {
        annotations: {
          'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2', 'nginx.ingress.kubernetes.io/use-regex': 'true',
        },
      }),
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['argo.example.com', 'wf.example.com'], secretName: 'argo-server-ingress-tls' }],
        rules: [rule('argo.example.com'), rule('wf.example.com')],
      },
    });
    expect(() => new Ingress(ingress as never).validate()).not.toThrow();
  });

  test('argo-server gets the base href; the Service is a plain ClusterIP', () => {
    expect(container(find(objs, 'Deployment', 'argo-server', 'argo')).env).toEqual([{ name: 'ARGO_BASE_HREF', value: '/argo/' }, { name: 'TLS_MIN_VERSION', value: '771' }]);
    expect(find(objs, 'Service', 'argo-server', 'argo').metadata).toEqual(META('argo-server'));
  });
});

describe('Traefik v2/v3', () => {
  const traefik = (tls: ServerTls) => objects({
    baseHref: '/argo/', tls,
    exposure: Exposure.ingress({ controller: IngressController.traefik(), hosts: ['argo.example.com'], tls: IngressTls.secret('argo-tls') }),
  });

  test('self-signed: Middleware, ServersTransport skipping verification, annotated Service and Ingress', () => {
    const objs = traefik(ServerTls.selfSigned());
    expect(exposureObjects(objs)).toEqual(['Middleware argo-server-strip-prefix', 'ServersTransport argo-server', 'Ingress argo-server']);
    expect(find(objs, 'Middleware', 'argo-server-strip-prefix', 'argo')).toEqual({
      apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: META('argo-server-strip-prefix'), spec: { stripPrefix: { prefixes: ['/argo'] } },
    });
    expect(find(objs, 'ServersTransport', 'argo-server', 'argo')).toEqual({
      apiVersion: 'traefik.io/v1alpha1', kind: 'ServersTransport', metadata: META('argo-server'), spec: { insecureSkipVerify: true },
    });
    expect(find(objs, 'Service', 'argo-server', 'argo').metadata.annotations).toEqual({
      'traefik.ingress.kubernetes.io/service.serversscheme': 'https',
      'traefik.ingress.kubernetes.io/service.serverstransport': 'argo-argo-server@kubernetescrd',
    });
    const ingress = find(objs, 'Ingress', 'argo-server', 'argo');
    expect(ingress.metadata.annotations).toEqual({
      'traefik.ingress.kubernetes.io/router.middlewares': 'argo-argo-server-strip-prefix@kubernetescrd', 'traefik.ingress.kubernetes.io/router.tls': 'true',
    });
    expect(ingress.spec.rules).toEqual([{ host: 'argo.example.com', http: { paths: [{ path: '/argo', pathType: 'Prefix', backend: BACKEND }] } }]);
    expect(ingress.spec.ingressClassName).toBe('traefik');
  });

  test('cert-manager server certificate: the ServersTransport verifies it with its Secret', () => {
    const objs = traefik(ServerTls.certManager({ issuer: 'argo-ca' }));
    expect(find(objs, 'ServersTransport', 'argo-server', 'argo').spec).toEqual({ serverName: 'argo-server', rootCAsSecrets: ['argo-server-tls'] });
    expect(exposureObjects(objs)).toEqual(['Certificate argo-server', 'Middleware argo-server-strip-prefix', 'ServersTransport argo-server', 'Ingress argo-server']);
  });

  test('plain text flips everything: no ServersTransport, no scheme annotation, HTTP probes', () => {
    const objs = traefik(ServerTls.plainText());
    expect(exposureObjects(objs)).toEqual(['Middleware argo-server-strip-prefix', 'Ingress argo-server']);
    expect(find(objs, 'Service', 'argo-server', 'argo').metadata.annotations).toBeUndefined();
    const c = container(find(objs, 'Deployment', 'argo-server', 'argo'));
    expect(c.args).toContain('--secure=false');
    expect(c.readinessProbe.httpGet.scheme).toBe('HTTP');
  });
});

describe('Traefik 1.x', () => {
  test('PathPrefixStrip and the backend protocol annotation', () => {
    const objs = objects({ baseHref: '/argo/', exposure: Exposure.ingress({ controller: IngressController.traefikV1(), hosts: ['argo.example.com'], tls: IngressTls.none() }) });
    const ingress = find(objs, 'Ingress', 'argo-server', 'argo');
    // Traefik 1.7 selects Ingresses by the class annotation, not spec.ingressClassName.
    expect(ingress.metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'traefik', 'ingress.kubernetes.io/protocol': 'https', 'traefik.ingress.kubernetes.io/rule-type': 'PathPrefixStrip' });
    expect(ingress.spec).toEqual({ ingressClassName: 'traefik', rules: [{ host: 'argo.example.com', http: { paths: [{ path: '/argo', pathType: 'Prefix', backend: BACKEND }] } }] });
  });
});

describe('Gateway API', () => {
  const objs = objects({
    baseHref: '/argo/', tls: ServerTls.certManager({ issuer: 'argo-ca' }),
    exposure: Exposure.gateway({ parentRefs: [{ name: 'eg', namespace: 'gateway-system', sectionName: 'https' }], hostnames: ['argo.example.com'], backendTls: { caConfigMap: 'argo-server-ca' } }),
  });

  test('emits a Certificate, an HTTPRoute and a BackendTLSPolicy', () => {
    expect(exposureObjects(objs)).toEqual(['Certificate argo-server', 'HTTPRoute argo-server', 'BackendTLSPolicy argo-server']);
  });

  test('the Certificate of argo-server', () => {
    expect(find(objs, 'Certificate', 'argo-server', 'argo').spec).toEqual({
      secretName: 'argo-server-tls', dnsNames: ['argo-server', 'argo-server.argo', 'argo-server.argo.svc', 'argo.example.com'],
      issuerRef: { name: 'argo-ca', kind: 'Issuer', group: 'cert-manager.io' },
    });
  });

  test('the HTTPRoute: PathPrefix on the base href, URLRewrite to "/", backend port from the endpoint', () => {
    expect(find(objs, 'HTTPRoute', 'argo-server', 'argo')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: META('argo-server'),
      spec: {
        parentRefs: [{ name: 'eg', namespace: 'gateway-system', sectionName: 'https' }],
        hostnames: ['argo.example.com'],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: '/argo' } }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
          backendRefs: [{ name: 'argo-server', port: 2746 }],
        }],
      },
    });
  });

  test('the BackendTLSPolicy: the argo-server Service, its hostname and the CA ConfigMap', () => {
    expect(find(objs, 'BackendTLSPolicy', 'argo-server', 'argo')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'BackendTLSPolicy', metadata: META('argo-server'),
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'argo-server', sectionName: 'web' }],
        validation: { hostname: 'argo-server.argo.svc', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'argo-server-ca' }] },
      },
    });
  });

  test('argo-server serves the cert-manager Secret and may read exactly it', () => {
    expect(container(find(objs, 'Deployment', 'argo-server', 'argo')).args).toEqual(['server', '--auth-mode=client', '--secure=true', '--tls-certificate-secret-name=argo-server-tls', '--api-rate-limit=1000']);
    expect(find(objs, 'Role', 'argo-server-role', 'argo').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['argo-server-tls'], verbs: ['get'] }]);
  });

  test('wellKnownCACertificates instead of a ConfigMap', () => {
    const o = objects({
      tls: ServerTls.fromSecret('argo-public-tls'),
      exposure: Exposure.gateway({ parentRefs: [{ name: 'eg' }], hostnames: ['argo.example.com'], backendTls: { wellKnownCACertificates: 'System', hostname: 'argo.example.com' } }),
    });
    expect(find(o, 'BackendTLSPolicy', 'argo-server', 'argo').spec.validation).toEqual({ hostname: 'argo.example.com', wellKnownCACertificates: 'System' });
    expect(find(o, 'HTTPRoute', 'argo-server', 'argo').spec.rules[0]).toEqual({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'argo-server', port: 2746 }] });
  });
});

test('a LoadBalancer Service and no other object; nothing without argo-server', () => {
  const objs = objects({ exposure: Exposure.loadBalancer({ sourceRanges: ['203.0.113.0/24'] }) });
  expect(exposureObjects(objs)).toEqual([]);
  expect(find(objs, 'Service', 'argo-server', 'argo').spec).toMatchObject({ type: 'LoadBalancer', loadBalancerSourceRanges: ['203.0.113.0/24'] });
  expect(exposureObjects(synthObjects({ server: { enabled: false } }))).toEqual([]);
});

test('every custom resource is valid against its CRD schema', () => {
  const all = [
    objects({ baseHref: '/argo/', tls: ServerTls.certManager({ clusterIssuer: 'ca' }), exposure: Exposure.ingress({ controller: IngressController.traefik(), hosts: ['argo.example.com'], tls: IngressTls.certManager({ issuer: 'le' }) }) }),
    objects({ baseHref: '/argo/', exposure: Exposure.ingress({ controller: IngressController.traefik(), hosts: ['argo.example.com'], tls: IngressTls.none() }) }),
    objects({ baseHref: '/argo/', tls: ServerTls.certManager({ issuer: 'argo-ca' }), exposure: Exposure.gateway({ parentRefs: [{ name: 'eg', namespace: 'gw', sectionName: 'https' }], hostnames: ['argo.example.com'], backendTls: { caConfigMap: 'ca' } }) }),
    objects({ tls: ServerTls.fromSecret('x'), exposure: Exposure.gateway({ parentRefs: [{ name: 'eg' }], hostnames: ['argo.example.com'], backendTls: { wellKnownCACertificates: 'System' } }) }),
  ].flat().filter((o) => EXPOSURE_KINDS.includes(o.kind) && o.kind !== 'Ingress');
  expect(new Set(all.map((o) => o.kind))).toEqual(new Set(['Certificate', 'Middleware', 'ServersTransport', 'HTTPRoute', 'BackendTLSPolicy']));
  expect(validateCustomResources(all)).toEqual(all.map(() => null));
  for (const o of ofKind(objects({ exposure: Exposure.ingress({ controller: IngressController.nginx(), hosts: ['a.example.com'], tls: IngressTls.none() }) }), 'Ingress')) {
    expect(() => new Ingress(o as never).validate()).not.toThrow();
  }
});
