/**
 * `networkPolicies`: the resolved settings, the flows each feature contributes (API server, DNS,
 * Jobs, exposure peers, external database, object stores, SSO issuer, workflow egress), the
 * policies computed from them, and exact messages for bad input.
 */
import fc from 'fast-check';
import { Credentials } from '../../src/config/credentials';
import { ExternalPeer, ExternalTarget, Flow, isExternalTarget, JobName, Component } from '../../src/config/endpoints';
import { ValidationError } from '../../src/config/errors';
import { Exposure, IngressController, IngressTls } from '../../src/config/exposure';
import { DEFAULT_DENY_POLICY, networkPolicyPlan, WORKFLOW_PODS_POLICY } from '../../src/config/network';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { Sso } from '../../src/config/auth/sso';
import { bad, expectInvalid } from './_helpers';

const resolve = (props: ArgoWorkflowsProps) => () => resolveArgoWorkflows(props);
const WF: ArgoWorkflowsProps = { workflowNamespaces: [{ name: 'argo' }] };
const external = (flows: readonly Flow[]) => flows.filter((f) => isExternalTarget(f.to)).map((f) => [f.from, f.to, f.port]);

describe('settings', () => {
  test('defaults: on, the API server on 443 and 6443 at any address, DNS in kube-system, no scraping, no internet', () => {
    expect(resolveArgoWorkflows().networkPolicies.settings).toEqual({
      enabled: true, apiServer: { cidrs: [], ports: [443, 6443] },
      dns: { namespaceSelector: { 'kubernetes.io/metadata.name': 'kube-system' }, podSelector: { 'k8s-app': 'kube-dns' } },
      workflowEgress: { internet: false, cidrs: [] },
    });
  });

  test('enabled: false writes no policy but keeps the flows', () => {
    const plan = resolveArgoWorkflows({ ...WF, networkPolicies: { enabled: false } });
    expect(plan.networkPolicies.policies).toEqual([]);
    expect(plan.flows.length).toBeGreaterThan(0);
  });

  test('every option given', () => {
    const s = resolveArgoWorkflows({
      ...WF, server: { exposure: Exposure.ingress({ controller: IngressController.nginx(), hosts: ['argo.example.com'], tls: IngressTls.none() }) },
      networkPolicies: {
        apiServer: { cidrs: ['172.18.0.2/32'], ports: [6443, 6443] }, dns: { namespaceSelector: { ns: 'dns' } },
        ingressController: { namespaceSelector: { ns: 'edge' }, podSelector: { app: 'nginx' } }, prometheus: { namespaceSelector: { ns: 'mon' } },
        workflowEgress: { cidrs: ['10.20.0.0/16'] },
      },
    }).networkPolicies.settings;
    expect(s).toEqual({
      enabled: true, apiServer: { cidrs: ['172.18.0.2/32'], ports: [6443] }, dns: { namespaceSelector: { ns: 'dns' }, podSelector: {} },
      ingressController: { namespaceSelector: { ns: 'edge' }, podSelector: { app: 'nginx' } }, prometheus: { namespaceSelector: { ns: 'mon' }, podSelector: {} },
      workflowEgress: { internet: false, cidrs: ['10.20.0.0/16'] },
    });
  });
});

describe('bad input: exact messages', () => {
  test('an empty Ingress-controller namespace selector', () => {
    expectInvalid(resolve({ server: { exposure: Exposure.ingress({ controller: IngressController.nginx(), hosts: ['argo.example.com'], tls: IngressTls.none() }) }, networkPolicies: { ingressController: { namespaceSelector: {} } } }),
      'networkPolicies.ingressController.namespaceSelector is empty: an empty selector matches every namespace, so pods of any namespace could reach argo-server. Fix: select the peer\'s namespace, e.g. { "kubernetes.io/metadata.name": "ingress-nginx" }');
  });

  test('an API server CIDR that is not a CIDR', () => {
    expectInvalid(resolve({ networkPolicies: { apiServer: { cidrs: ['172.18.0.2'] } } }),
      'networkPolicies.apiServer.cidrs[0] "172.18.0.2" is invalid: it must be a CIDR: an IPv4 or IPv6 address and a prefix length, like "10.0.0.0/16". Fix: write it in CIDR notation, e.g. "172.18.0.2/32"');
    expectInvalid(resolve({ networkPolicies: { apiServer: { cidrs: ['10.0.0.0/33'] } } }),
      'networkPolicies.apiServer.cidrs[0] "10.0.0.0/33" is invalid: it must be a CIDR: an IPv4 or IPv6 address and a prefix length, like "10.0.0.0/16". Fix: write it in CIDR notation, e.g. "172.18.0.2/32"');
    expectInvalid(resolve({ networkPolicies: { apiServer: { cidrs: bad('10.0.0.0/8') } } }),
      'networkPolicies.apiServer.cidrs "10.0.0.0/8" is invalid: it must be a list of CIDRs. Fix: give a list, e.g. ["172.18.0.2/32"]');
  });

  test.each<[string, ArgoWorkflowsProps, string]>([
    ['a missing namespace selector', { networkPolicies: { prometheus: bad({ podSelector: { app: 'prometheus' } }) } },
      'networkPolicies.prometheus.namespaceSelector is missing: the policy must say which namespace the peer runs in. Fix: give the namespace\'s labels, e.g. { "kubernetes.io/metadata.name": "monitoring" }'],
    ['an empty DNS namespace selector', { networkPolicies: { dns: { namespaceSelector: {} } } },
      'networkPolicies.dns.namespaceSelector is empty: an empty selector matches every namespace, so every pod argo-stack runs would send its DNS queries to pods of any namespace. Fix: select the peer\'s namespace, e.g. { "kubernetes.io/metadata.name": "kube-system" }'],
    ['an Ingress controller without an Ingress', { networkPolicies: { ingressController: { namespaceSelector: { a: 'b' } } } },
      'networkPolicies.ingressController is set but argo-server is not exposed through an Ingress, so no Ingress controller connects to it. Fix: remove networkPolicies.ingressController, or set server.exposure to Exposure.ingress(...)'],
    ['a Gateway without a Gateway exposure', { networkPolicies: { gateway: { namespaceSelector: { a: 'b' } } } },
      'networkPolicies.gateway is set but argo-server is not exposed through a Gateway, so no Gateway connects to it. Fix: remove networkPolicies.gateway, or set server.exposure to Exposure.gateway(...)'],
    ['workflow egress without workflow namespaces', { networkPolicies: { workflowEgress: { internet: true } } },
      'networkPolicies.workflowEgress is set but there is no workflow namespace, so no workflow pod to give it to. Fix: add a workflow namespace, e.g. workflowNamespaces: [{ name: "argo" }], or remove networkPolicies.workflowEgress'],
    ['options with enabled: false', { networkPolicies: { enabled: false, apiServer: { ports: [6443] } } },
      'networkPolicies.apiServer is set but networkPolicies.enabled is false: no NetworkPolicy is written. Fix: remove networkPolicies.apiServer, or remove enabled: false'],
    ['no API server port', { networkPolicies: { apiServer: { ports: [] } } },
      'networkPolicies.apiServer.ports [] is invalid: it must list at least one TCP port. Fix: give the ports, e.g. [443, 6443]'],
    ['a workflow egress range that is not a CIDR', { ...WF, networkPolicies: { workflowEgress: { cidrs: ['corp'] } } },
      'networkPolicies.workflowEgress.cidrs[0] "corp" is invalid: it must be a CIDR: an IPv4 or IPv6 address and a prefix length, like "10.0.0.0/16". Fix: write it in CIDR notation, e.g. "corp/32"'],
  ])('%s', (_name, props, message) => expectInvalid(resolve(props), message));

  test('unknown keys, with a near miss', () => {
    expect(resolve({ networkPolicies: bad({ apiSever: {} }) })).toThrow('networkPolicies.apiSever is not an option argo-stack knows');
    expect(resolve({ networkPolicies: bad({ apiSever: {} }) })).toThrow('rename it to "apiServer"');
  });

  test('anything given as networkPolicies gives the project\'s error or a plan, never a raw error', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      try {
        resolveArgoWorkflows({ ...WF, networkPolicies: value as never });
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
      }
    }));
  });
});

describe('flows each feature contributes', () => {
  test('the install: the binaries and workflow pods to the API server and DNS, the CRD installer to the API server', () => {
    expect(external(resolveArgoWorkflows(WF).flows)).toEqual([
      [{ component: Component.CONTROLLER }, { external: ExternalTarget.API_SERVER }, 'https'],
      [{ component: Component.CONTROLLER }, { external: ExternalTarget.DNS }, 'dns'],
      [{ component: Component.SERVER }, { external: ExternalTarget.API_SERVER }, 'https'],
      [{ component: Component.SERVER }, { external: ExternalTarget.DNS }, 'dns'],
      [{ workflowPods: 'argo' }, { external: ExternalTarget.API_SERVER }, 'https'],
      [{ workflowPods: 'argo' }, { external: ExternalTarget.DNS }, 'dns'],
      [{ job: JobName.CRD_INSTALLER }, { external: ExternalTarget.API_SERVER }, 'https'],
    ]);
  });

  test('the credentials Job (generated Secrets) reaches the API server by name; MinIO\'s bucket and users Jobs reach MinIO', () => {
    const flows = resolveArgoWorkflows({ ...WF, minio: true, crds: 'none' }).flows.filter((f) => 'job' in f.from);
    expect(flows.map((f) => [f.from, f.to, f.port])).toEqual([
      [{ job: JobName.MINIO_BUCKET }, Component.MINIO, 'api'],
      [{ job: JobName.MINIO_BUCKET }, { external: ExternalTarget.DNS }, 'dns'],
      [{ job: JobName.MINIO_USERS }, Component.MINIO, 'api'],
      [{ job: JobName.MINIO_USERS }, { external: ExternalTarget.DNS }, 'dns'],
      [{ job: JobName.CREDENTIALS }, { external: ExternalTarget.API_SERVER }, 'https'],
      [{ job: JobName.CREDENTIALS }, { external: ExternalTarget.DNS }, 'dns'],
    ]);
  });

  test('an external database, object stores and the SSO issuer, by host and port', () => {
    const plan = resolveArgoWorkflows({
      ...WF, crds: 'none',
      persistence: { mysql: { host: 'db.example.com', port: 3307, credentials: Credentials.existing() } },
      artifactRepository: ArtifactRepository.s3({ bucket: 'argo-artifacts', endpoint: 'minio.example.com:9000', insecure: true, useSDKCreds: true }),
      artifactRepositories: { repositories: { gcs: ArtifactRepository.gcs({ bucket: 'argo-gcs' }), azure: ArtifactRepository.azure({ endpoint: 'https://acct.blob.core.windows.net', container: 'artifacts', useSDKCreds: true }) } },
      sso: Sso.oidc({ issuer: 'https://login.example.com:8443/realms/argo', clientId: { name: 'sso', key: 'id' }, clientSecret: { name: 'sso', key: 'secret' } }),
    });
    const outside = plan.flows.filter((f) => isExternalTarget(f.to) && ![ExternalTarget.API_SERVER, ExternalTarget.DNS].includes((f.to as { external: ExternalTarget }).external));
    expect(outside.map((f) => [f.from, f.to, f.port])).toEqual([
      [{ component: Component.CONTROLLER }, { external: ExternalTarget.DATABASE, host: 'db.example.com', port: 3307 }, 'mysql'],
      [{ component: Component.SERVER }, { external: ExternalTarget.DATABASE, host: 'db.example.com', port: 3307 }, 'mysql'],
      [{ workflowPods: 'argo' }, { external: ExternalTarget.OBJECT_STORE, host: 'minio.example.com', port: 9000 }, 's3'],
      [{ component: Component.SERVER }, { external: ExternalTarget.OBJECT_STORE, host: 'minio.example.com', port: 9000 }, 's3'],
      [{ workflowPods: 'argo' }, { external: ExternalTarget.OBJECT_STORE, host: 'storage.googleapis.com', port: 443 }, 'gcs'],
      [{ component: Component.SERVER }, { external: ExternalTarget.OBJECT_STORE, host: 'storage.googleapis.com', port: 443 }, 'gcs'],
      [{ workflowPods: 'argo' }, { external: ExternalTarget.OBJECT_STORE, host: 'acct.blob.core.windows.net', port: 443 }, 'azure'],
      [{ component: Component.SERVER }, { external: ExternalTarget.OBJECT_STORE, host: 'acct.blob.core.windows.net', port: 443 }, 'azure'],
      [{ component: Component.SERVER }, { external: ExternalTarget.SSO_ISSUER, host: 'login.example.com', port: 8443 }, 'https'],
    ]);
  });

  test('exposure peers and Prometheus reach argo-server\'s web port (and the controller\'s metrics); workflow egress as opted in', () => {
    const plan = resolveArgoWorkflows({
      ...WF, server: { exposure: Exposure.loadBalancer() },
      networkPolicies: { prometheus: { namespaceSelector: { ns: 'mon' } }, workflowEgress: { internet: true, cidrs: ['10.20.0.0/16'] } },
    });
    expect(plan.flows.filter((f) => 'external' in f.from).map((f) => [f.from, f.to, f.port])).toEqual([
      [{ external: ExternalPeer.LOAD_BALANCER }, Component.SERVER, 'web'],
      [{ external: ExternalPeer.PROMETHEUS }, Component.CONTROLLER, 'metrics'],
      [{ external: ExternalPeer.PROMETHEUS }, Component.SERVER, 'web'],
    ]);
    expect(plan.flows.filter((f) => isExternalTarget(f.to) && f.to.external === ExternalTarget.INTERNET).map((f) => f.to)).toEqual([
      { external: ExternalTarget.INTERNET }, { external: ExternalTarget.INTERNET, cidrs: ['10.20.0.0/16'] },
    ]);
  });
});

describe('the policies', () => {
  test('the quick-start shape: default-deny per namespace, then one policy per group of pods', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'argo' }, { name: 'team-a' }], minio: true, persistence: { postgres: { inCluster: {} } } });
    expect(plan.networkPolicies.policies.map((p) => `${p.namespace}/${p.name} ${p.policyTypes.join('+')}`)).toEqual([
      `argo/${DEFAULT_DENY_POLICY} Ingress+Egress`, `team-a/${DEFAULT_DENY_POLICY} Ingress+Egress`,
      'argo/workflow-controller Egress', 'argo/argo-server Egress', `argo/${WORKFLOW_PODS_POLICY} Egress`, `team-a/${WORKFLOW_PODS_POLICY} Egress`,
      'argo/argo-crd-installer Egress', 'argo/postgres Ingress', 'argo/minio Ingress', 'argo/minio-create-bucket Egress', 'argo/minio-users Egress', 'argo/argo-stack-credentials Egress',
    ]);
    const minio = plan.networkPolicies.policies.find((p) => p.name === 'minio')!;
    expect(minio.ingress).toEqual([
      { peers: [{ podSelector: { matchExpressions: [{ key: 'workflows.argoproj.io/workflow', operator: 'Exists' }] } }], ports: [{ protocol: 'TCP', port: 9000 }] },
      { peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } }, podSelector: { matchExpressions: [{ key: 'workflows.argoproj.io/workflow', operator: 'Exists' }] } }], ports: [{ protocol: 'TCP', port: 9000 }] },
      { peers: [{ podSelector: { matchLabels: { app: 'argo-server' } } }], ports: [{ protocol: 'TCP', port: 9000 }] },
      { peers: [{ podSelector: { matchLabels: { app: 'minio-create-bucket' } } }], ports: [{ protocol: 'TCP', port: 9000 }] },
      { peers: [{ podSelector: { matchLabels: { app: 'minio-users' } } }], ports: [{ protocol: 'TCP', port: 9000 }] },
    ]);
  });

  test('peers outside the plan: the Ingress controller by kind, the Gateway\'s namespace, LoadBalancer ranges, API server CIDRs, an IP host', () => {
    const base = resolveArgoWorkflows(WF);
    const plan = (exposure: Parameters<typeof networkPolicyPlan>[0]['exposure'], flows: Flow[], apiCidrs: string[] = []) => networkPolicyPlan({
      namespace: 'argo', workflowNamespaces: [], endpoints: base.endpoints, flows, exposure,
      settings: { ...base.networkPolicies.settings, apiServer: { cidrs: apiCidrs, ports: [6443] } },
    });
    const toServer = (peer: ExternalPeer): Flow => ({ from: { external: peer }, to: Component.SERVER, port: 'web', purpose: 'p' });
    const svc = { type: 'ClusterIP' as const, annotations: {} };
    const ingressOf = (ps: ReturnType<typeof plan>) => ps.find((p) => p.name === 'argo-server')!.ingress[0].peers;
    expect(ingressOf(plan({ kind: 'ingress', service: svc, ingress: { controller: 'traefik' } as never }, [toServer(ExternalPeer.INGRESS_CONTROLLER)])))
      .toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }]);
    expect(ingressOf(plan({ kind: 'gateway', service: svc, gateway: { parentRefs: [{ name: 'eg' }, { name: 'x', namespace: 'gw' }] } as never }, [toServer(ExternalPeer.GATEWAY)])))
      .toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gw' } }, podSelector: { matchLabels: {} } }]);
    expect(ingressOf(plan({ kind: 'load-balancer', service: { type: 'LoadBalancer', annotations: {} } }, [toServer(ExternalPeer.LOAD_BALANCER)])))
      .toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
    const egress = plan({ kind: 'cluster-ip', service: svc }, [
      { from: { component: Component.CONTROLLER }, to: { external: ExternalTarget.API_SERVER }, port: 'https', purpose: 'p' },
      { from: { component: Component.CONTROLLER }, to: { external: ExternalTarget.DATABASE, host: '192.0.2.10', port: 5432 }, port: 'postgres', purpose: 'p' },
      { from: { component: Component.CONTROLLER }, to: { external: ExternalTarget.OBJECT_STORE, host: 'namenode' }, port: 'hdfs', purpose: 'p' },
    ], ['172.18.0.2/32']).find((p) => p.name === 'workflow-controller')!.egress;
    expect(egress).toEqual([
      { peers: [{ ipBlock: { cidr: '172.18.0.2/32' } }], ports: [{ protocol: 'TCP', port: 6443 }] },
      { peers: [{ ipBlock: { cidr: '192.0.2.10/32' } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      { peers: [], ports: [] },
    ]);
  });

  test('the policies are a pure function of the plan: computing them again gives the same', () => {
    const p = resolveArgoWorkflows({ ...WF, minio: true });
    expect(networkPolicyPlan({ namespace: p.namespace, workflowNamespaces: p.workflowNamespaces, endpoints: p.endpoints, flows: p.flows, exposure: p.exposure, settings: p.networkPolicies.settings }))
      .toEqual(p.networkPolicies.policies);
  });
});
