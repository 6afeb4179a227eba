/** server.exposure, server.tls, server.baseHref: the resolved exposure and every bad input, with exact messages. */
import fc from 'fast-check';
import { ValidationError } from '../../src/config/errors';
import { Exposure, IngressController, IngressTls, ServerTls, TlsVersion } from '../../src/config/exposure';
import type { ArgoServerOptions } from '../../src/config/server';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { bad, expectInvalid } from './_helpers';

const resolve = (server: ArgoServerOptions) => () => resolveArgoWorkflows({ server });
const plan = (server: ArgoServerOptions) => resolveArgoWorkflows({ server });
const nginx = (more: Record<string, unknown> = {}) => Exposure.ingress({
  controller: IngressController.nginx(), hosts: ['argo.example.com'], tls: IngressTls.secret('argo-tls'), ...more,
});
const TLS_FIX = 'use IngressTls.secret("argo-tls") (an existing Secret), IngressTls.certManager({ clusterIssuer: "letsencrypt" }) or IngressTls.none() (TLS ends before the Ingress)';

describe('the resolved exposure', () => {
  test('default: ClusterIP, not exposed, HTTPS with the self-signed certificate, base href "/"', () => {
    expect(plan({}).exposure).toEqual({
      kind: 'cluster-ip', exposed: false, hosts: [], baseHref: '/', secure: true,
      tls: { kind: 'self-signed', secure: true, tlsMinVersion: TlsVersion.TLS_1_2 },
      service: { type: 'ClusterIP', annotations: {} }, certificates: [],
    });
  });

  test('a LoadBalancer is exposed, with its source ranges copied, and has no public URL', () => {
    const ranges = ['203.0.113.0/24', '2001:db8::/32'];
    const e = plan({ exposure: Exposure.loadBalancer({ sourceRanges: ranges }) }).exposure;
    expect(e).toMatchObject({ kind: 'load-balancer', exposed: true, hosts: [], service: { type: 'LoadBalancer', annotations: {}, loadBalancerSourceRanges: ranges } });
    expect(e.publicUrl).toBeUndefined();
    expect(e.service.loadBalancerSourceRanges).not.toBe(ranges);
  });

  test('ingress-nginx under /argo/: regex path, rewrite, HTTPS backend, public URL', () => {
    const e = plan({ baseHref: '/argo/', exposure: nginx() }).exposure;
    expect(e).toMatchObject({ kind: 'ingress', exposed: true, hosts: ['argo.example.com'], baseHref: '/argo/', secure: true, publicUrl: 'https://argo.example.com/argo/' });
    expect(e.ingress).toEqual({
      name: 'argo-server', controller: 'nginx', className: 'nginx', hosts: ['argo.example.com'], path: '/argo(/|$)(.*)', pathType: 'ImplementationSpecific',
      annotations: {
        'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2', 'nginx.ingress.kubernetes.io/use-regex': 'true',
      },
      tls: { secretName: 'argo-tls', hosts: ['argo.example.com'] },
    });
  });

  test('ingress-nginx at "/" with plain HTTP everywhere: Prefix "/", backend HTTP, no public URL (the scheme in front is unknown)', () => {
    const e = plan({ tls: ServerTls.plainText(), exposure: nginx({ tls: IngressTls.none(), className: 'internal', annotations: { 'example.com/team': 'data' } }) }).exposure;
    expect(e.publicUrl).toBeUndefined();
    expect(e.secure).toBe(false);
    expect(e.ingress).toEqual({
      name: 'argo-server', controller: 'nginx', className: 'internal', hosts: ['argo.example.com'], path: '/', pathType: 'Prefix',
      annotations: { 'example.com/team': 'data', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTP' },
    });
  });

  test('a regex metacharacter of the base href is escaped in the nginx path', () => {
    expect(plan({ baseHref: '/a.b/', exposure: nginx() }).exposure.ingress?.path).toBe('/a\\.b(/|$)(.*)');
  });

  test('Traefik v2/v3: Middleware, ServersTransport skipping verification of the self-signed certificate, Service annotations', () => {
    const e = plan({ baseHref: '/argo/', exposure: Exposure.ingress({ controller: IngressController.traefik(), hosts: ['argo.example.com'], tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }) }) }).exposure;
    expect(e.ingress).toEqual({
      name: 'argo-server', controller: 'traefik', className: 'traefik', hosts: ['argo.example.com'], path: '/argo', pathType: 'Prefix',
      annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': 'argo-argo-server-strip-prefix@kubernetescrd', 'traefik.ingress.kubernetes.io/router.tls': 'true' },
      tls: { secretName: 'argo-server-ingress-tls', hosts: ['argo.example.com'] },
      stripPrefix: { name: 'argo-server-strip-prefix', prefix: '/argo' },
      serversTransport: { name: 'argo-server', serverName: 'argo-server', insecureSkipVerify: true, rootCAsSecrets: [] },
    });
    expect(e.service.annotations).toEqual({
      'traefik.ingress.kubernetes.io/service.serversscheme': 'https',
      'traefik.ingress.kubernetes.io/service.serverstransport': 'argo-argo-server@kubernetescrd',
    });
    expect(e.certificates).toEqual([{ name: 'argo-server-ingress', secretName: 'argo-server-ingress-tls', dnsNames: ['argo.example.com'], issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } }]);
  });

  test('Traefik v2/v3 with a certificate from a Secret verifies it with the Secret\'s CA; plain text drops the transport', () => {
    const traefik = (tls: ServerTls) => plan({ tls, exposure: Exposure.ingress({ controller: IngressController.traefik(), hosts: ['argo.example.com'], tls: IngressTls.none() }) }).exposure;
    expect(traefik(ServerTls.fromSecret('argo-server-cert')).ingress?.serversTransport)
      .toEqual({ name: 'argo-server', serverName: 'argo-server', insecureSkipVerify: false, rootCAsSecrets: ['argo-server-cert'] });
    const plain = traefik(ServerTls.plainText());
    expect(plain.ingress?.serversTransport).toBeUndefined();
    expect(plain.ingress?.annotations).toEqual({});
    expect(plain.service.annotations).toEqual({});
  });

  test('Traefik 1.x: PathPrefixStrip and the backend protocol', () => {
    const e = plan({ baseHref: '/argo/', exposure: Exposure.ingress({ controller: IngressController.traefikV1(), hosts: ['argo.example.com'], tls: IngressTls.secret('argo-tls') }) }).exposure;
    expect(e.ingress).toMatchObject({ path: '/argo', pathType: 'Prefix', annotations: { 'ingress.kubernetes.io/protocol': 'https', 'traefik.ingress.kubernetes.io/rule-type': 'PathPrefixStrip' } });
  });

  test('ServerTls.certManager(): a Certificate for the Service names and the hosts, --tls-certificate-secret-name, a Secret read', () => {
    const p = plan({ tls: ServerTls.certManager({ issuer: 'argo-ca' }), exposure: nginx() });
    expect(p.exposure.certificates[0]).toEqual({
      name: 'argo-server', secretName: 'argo-server-tls', issuer: { name: 'argo-ca', kind: 'Issuer' },
      dnsNames: ['argo-server', 'argo-server.argo', 'argo-server.argo.svc', 'argo.example.com'],
    });
    expect(p.server?.args).toContain('--tls-certificate-secret-name=argo-server-tls');
    expect(p.serverSecrets).toEqual(['argo-server-tls']);
  });

  test('a Gateway: HTTPRoute with the rewrite, and a BackendTLSPolicy for argo-server\'s cert-manager certificate', () => {
    const e = plan({
      baseHref: '/argo/', tls: ServerTls.certManager({ clusterIssuer: 'internal-ca' }),
      exposure: Exposure.gateway({ parentRefs: [{ name: 'eg', namespace: 'gateway-system', sectionName: 'https' }], hostnames: ['argo.example.com'], backendTls: { caConfigMap: 'argo-ca' } }),
    }).exposure;
    expect(e).toMatchObject({ kind: 'gateway', exposed: true, publicUrl: 'https://argo.example.com/argo/' });
    expect(e.gateway).toEqual({
      name: 'argo-server', parentRefs: [{ name: 'eg', namespace: 'gateway-system', sectionName: 'https' }], hostnames: ['argo.example.com'],
      pathPrefix: '/argo', rewrite: true, backendTls: { name: 'argo-server', hostname: 'argo-server.argo.svc', caConfigMap: 'argo-ca' },
    });
  });

  test('a Gateway to a plain-HTTP argo-server at "/" needs no BackendTLSPolicy and no rewrite', () => {
    const e = plan({ tls: ServerTls.plainText(), exposure: Exposure.gateway({ parentRefs: [{ name: 'eg' }], hostnames: ['argo.example.com'] }) }).exposure;
    expect(e.gateway).toEqual({ name: 'argo-server', parentRefs: [{ name: 'eg' }], hostnames: ['argo.example.com'], pathPrefix: '/', rewrite: false });
  });
});

describe('bad input, exact messages', () => {
  test.each([
    ['https://argo.example.com', 'argo.example.com'], ['Argo.Example.com', 'argo.example.com'], ['*.example.com', 'example.com'],
    ['argo.example.com:443', 'argo.example.com'], ['10.0.0.1', '10.0.0.1'],
  ])('an Ingress host that is not a DNS name: %j', (host, fix) => {
    expectInvalid(resolve({ exposure: nginx({ hosts: ['ok.example.com', host] }) }),
      `server.exposure.hosts[1] ${JSON.stringify(host)} is invalid: it must be a DNS name such as "argo.example.com": lower-case letters, digits, "-" and ".", without scheme, port, path or wildcard. Fix: use ${JSON.stringify(fix)}`);
  });

  test('no hosts, and a duplicate host', () => {
    expectInvalid(resolve({ exposure: nginx({ hosts: [] }) }),
      'server.exposure.hosts [] is invalid: it must list at least one host name. Fix: give the host the UI is served on, e.g. ["argo.example.com"]');
    expectInvalid(resolve({ exposure: nginx({ hosts: ['a.example.com', 'a.example.com'] }) }),
      'server.exposure.hosts ["a.example.com","a.example.com"] is invalid: it lists "a.example.com" twice; each host may appear once. Fix: remove the duplicate "a.example.com"');
  });

  test('an Ingress without a TLS choice, or with something else', () => {
    expectInvalid(resolve({ exposure: nginx({ tls: undefined }) }), `server.exposure.tls is missing: an Ingress needs an explicit TLS choice. Fix: ${TLS_FIX}`);
    expectInvalid(resolve({ exposure: nginx({ tls: 'argo-tls' }) }),
      `server.exposure.tls "argo-tls" is invalid: it must be an IngressTls value made by one of its factories. Fix: ${TLS_FIX}`);
  });

  test('TLS requested with neither a Secret nor a cert-manager issuer', () => {
    expectInvalid(resolve({ exposure: nginx({ tls: IngressTls.certManager({}) }) }),
      'server.exposure.tls names no issuer: cert-manager needs an Issuer or a ClusterIssuer to sign the certificate. Fix: give issuer: "<an Issuer in the install namespace>" or clusterIssuer: "<a ClusterIssuer>", e.g. { clusterIssuer: "letsencrypt" }');
    expectInvalid(resolve({ tls: ServerTls.certManager({}) }),
      'server.tls names no issuer: cert-manager needs an Issuer or a ClusterIssuer to sign the certificate. Fix: give issuer: "<an Issuer in the install namespace>" or clusterIssuer: "<a ClusterIssuer>", e.g. { clusterIssuer: "letsencrypt" }');
  });

  test('both issuer and clusterIssuer', () => {
    expectInvalid(resolve({ tls: ServerTls.certManager({ issuer: 'a', clusterIssuer: 'b' }) }),
      'server.tls sets both issuer and clusterIssuer: a cert-manager Certificate has exactly one issuer. Fix: keep issuer (an Issuer in the install namespace) or clusterIssuer, not both');
  });

  test('an unknown ingress controller (a plain object or a string from JavaScript)', () => {
    const msg = (shown: string) => `server.exposure.controller ${shown} is invalid: it must be an IngressController value made by one of its factories. Fix: use IngressController.nginx(), IngressController.traefik() (Traefik v2.10+ and v3) or IngressController.traefikV1() (Traefik 1.x)`;
    expectInvalid(resolve({ exposure: nginx({ controller: 'haproxy' }) }), msg('"haproxy"'));
    expectInvalid(resolve({ exposure: nginx({ controller: { kind: 'nginx' } }) }), msg('{"kind":"nginx"}'));
  });

  test('an Ingress path: it follows the base href', () => {
    expectInvalid(resolve({ baseHref: '/argo/', exposure: nginx({ path: '/workflows' }) }),
      'server.exposure.path is not an option: the Ingress path follows server.baseHref (now "/argo/"). Fix: remove path and set server.baseHref instead, e.g. "/argo/" to serve the UI under /argo/');
  });

  test('an annotation argo-stack manages for the controller', () => {
    expectInvalid(resolve({ exposure: nginx({ annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }) }),
      'server.exposure.annotations["nginx.ingress.kubernetes.io/rewrite-target"] is managed by argo-stack for ingress-nginx: it follows server.baseHref and server.tls. Fix: remove "nginx.ingress.kubernetes.io/rewrite-target" from the annotations');
  });

  test('sourceRanges that are not CIDRs', () => {
    expectInvalid(resolve({ exposure: Exposure.loadBalancer({ sourceRanges: ['10.0.0.0/8', '10.0.0.0'] }) }),
      'server.exposure.sourceRanges "10.0.0.0" is invalid: each entry must be a CIDR such as "203.0.113.0/24". Fix: write the range in CIDR notation');
  });

  test('a Gateway with the self-signed certificate, or HTTPS without a CA reference', () => {
    const gw = (backendTls?: object) => Exposure.gateway({ parentRefs: [{ name: 'eg' }], hostnames: ['argo.example.com'], ...(backendTls ? { backendTls } : {}) });
    const fix = 'use server.tls: ServerTls.certManager({ issuer }) or ServerTls.fromSecret(name) with backendTls: { caConfigMap: "<ConfigMap with ca.crt>" } (or wellKnownCACertificates: "System" for a publicly trusted certificate), or server.tls: ServerTls.plainText() for HTTP between the Gateway and argo-server';
    expectInvalid(resolve({ exposure: gw() }),
      `server.exposure is a Gateway route to an HTTPS argo-server with its self-signed certificate (server.tls defaults to ServerTls.selfSigned()): a Gateway verifies backend certificates and cannot verify that one. Fix: ${fix}`);
    expectInvalid(resolve({ tls: ServerTls.fromSecret('argo-tls'), exposure: gw() }),
      `server.exposure.backendTls is missing: the Gateway must verify argo-server's HTTPS certificate with a BackendTLSPolicy, which needs the CA that signed it. Fix: ${fix}`);
    expectInvalid(resolve({ tls: ServerTls.fromSecret('argo-tls'), exposure: gw({ caConfigMap: 'ca', wellKnownCACertificates: 'System' }) }),
      'server.exposure.backendTls must set exactly one of caConfigMap and wellKnownCACertificates. Fix: give caConfigMap: "<ConfigMap with ca.crt>", or wellKnownCACertificates: "System" for a publicly trusted certificate');
    expectInvalid(resolve({ tls: ServerTls.certManager({ issuer: 'ca', dnsNames: ['argo.example.com'] }), exposure: gw({ caConfigMap: 'ca' }) }),
      'server.exposure.backendTls.hostname "argo-server.argo.svc" is not one of the DNS names of argo-server\'s certificate (argo.example.com): the Gateway would reject it. Fix: add "argo-server.argo.svc" to server.tls dnsNames, or set backendTls.hostname to one of them');
    expectInvalid(resolve({ tls: ServerTls.plainText(), exposure: gw({ caConfigMap: 'ca' }) }),
      'server.exposure.backendTls is set but server.tls is ServerTls.plainText(): the Gateway talks plain HTTP to argo-server. Fix: remove server.exposure.backendTls, or use an HTTPS choice for server.tls');
  });

  test('hsts or tlsMinVersion with plain text', () => {
    expectInvalid(resolve({ tls: ServerTls.plainText(), hsts: false }),
      'server.hsts is set but server.tls is ServerTls.plainText(): argo-server serves plain HTTP, so hsts has no effect. Fix: remove server.hsts, or use an HTTPS choice for server.tls (ServerTls.selfSigned() is the default)');
    expectInvalid(resolve({ tls: ServerTls.plainText(), tlsMinVersion: TlsVersion.TLS_1_3 }),
      'server.tlsMinVersion is set but server.tls is ServerTls.plainText(): argo-server serves plain HTTP, so tlsMinVersion has no effect. Fix: remove server.tlsMinVersion, or use an HTTPS choice for server.tls (ServerTls.selfSigned() is the default)');
  });

  test('a bad Secret name, a look-alike exposure, options for a disabled server', () => {
    expectInvalid(resolve({ tls: ServerTls.fromSecret('Argo_TLS') }),
      'server.tls "Argo_TLS" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "argo-tls"');
    expectInvalid(resolve({ exposure: bad({ kind: 'load-balancer' }) }),
      'server.exposure {"kind":"load-balancer"} is invalid: it must be an Exposure value made by one of its factories. Fix: use Exposure.clusterIp() (the default), Exposure.loadBalancer(), Exposure.ingress({ controller, hosts, tls }) or Exposure.gateway({ parentRefs, hostnames })');
    expectInvalid(resolve({ enabled: false, exposure: Exposure.loadBalancer() }),
      'server.exposure is set but server.enabled is false: there is no argo-server to configure. Fix: remove server.exposure, or set server.enabled to true');
  });

  test('unknown options of the factories are named under the option path', () => {
    expectInvalid(resolve({ exposure: nginx({ host: ['a.example.com'] }) }),
      'server.exposure.host is not an option argo-stack knows; allowed here: controller, hosts, className, tls, annotations. Fix: rename it to "hosts"');
    expectInvalid(resolve({ tls: ServerTls.certManager(bad({ issuer: 'ca', dnsName: ['x'] })) }),
      'server.tls.dnsName is not an option argo-stack knows; allowed here: issuer, clusterIssuer, dnsNames. Fix: rename it to "dnsNames"');
  });
});

describe('anything given to the factories', () => {
  const factories: ((v: never) => ArgoServerOptions)[] = [
    (v) => ({ exposure: Exposure.loadBalancer(v) }),
    (v) => ({ exposure: Exposure.ingress(v) }),
    (v) => ({ exposure: Exposure.gateway(v) }),
    (v) => ({ tls: ServerTls.certManager(v) }),
    (v) => ({ tls: ServerTls.fromSecret(v) }),
    (v) => ({ exposure: nginx({ tls: IngressTls.certManager(v) }) }),
    (v) => ({ exposure: nginx({ tls: IngressTls.secret(v) }) }),
  ];
  test('is accepted or a ValidationError naming server.exposure or server.tls, never a raw error', () => {
    fc.assert(fc.property(fc.nat(factories.length - 1), fc.anything(), (i, value) => {
      try {
        resolveArgoWorkflows({ server: factories[i](value as never) });
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as Error).message).toMatch(/server\.(exposure|tls)/);
      }
    }), { seed: 8, numRuns: 500 });
  });
});
