/**
 * The NetworkPolicy evaluator's semantics: worked examples from the Kubernetes documentation, and
 * properties over random clusters (additivity, order independence, both ends must allow, default
 * deny, selectors, CIDRs and named ports).
 */
import fc from 'fast-check';
import { allowed, Cluster, ContainerPort, egressAllows, Host, inCidr, ingressAllows, isolated, NetworkPolicy, PolicyPeer, selects, Selector } from './evaluator';

const NS = ['a', 'b', 'c'];
const nsLabels = new Map(NS.map((n) => [n, { 'kubernetes.io/metadata.name': n, tier: n === 'c' ? 'edge' : 'core' }]));
const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string, ports: ContainerPort[] = [{ name: 'http', containerPort: 8080 }]): Host => ({ name, namespace, labels, ip, ports });
const outside: Host = { name: 'internet', ip: '93.184.216.34', ports: [{ containerPort: 443 }] };
const policy = (namespace: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({ metadata: { name, namespace }, spec });
const DENY_ALL = (ns: string) => policy(ns, 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('worked examples', () => {
  const web = pod('web', 'a', { app: 'web' }, '10.0.0.1');
  const db = pod('db', 'a', { app: 'db' }, '10.0.0.2', [{ name: 'pg', containerPort: 5432 }]);
  const other = pod('other', 'b', { app: 'web' }, '10.0.1.1');

  test('no policy: everything is allowed', () => {
    const cluster: Cluster = { namespaces: nsLabels, policies: [] };
    expect(allowed(cluster, web, db, 5432)).toBe(true);
    expect(allowed(cluster, other, outside, 443)).toBe(true);
  });

  test('a default deny isolates every pod of its namespace both ways, and no other', () => {
    const cluster: Cluster = { namespaces: nsLabels, policies: [DENY_ALL('a')] };
    expect(allowed(cluster, web, db, 5432)).toBe(false);
    expect(allowed(cluster, other, db, 5432)).toBe(false);
    expect(allowed(cluster, web, outside, 443)).toBe(false);
    expect(allowed(cluster, other, outside, 443)).toBe(true);
    expect(isolated(cluster, other, 'Ingress')).toBe(false);
  });

  test('a connection needs the egress of the source and the ingress of the destination', () => {
    const ingress = policy('a', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }] });
    const egress = policy('a', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] });
    const cluster: Cluster = { namespaces: nsLabels, policies: [DENY_ALL('a'), ingress] };
    expect(ingressAllows(cluster, web, db, 5432, 'TCP')).toBe(true);
    expect(allowed(cluster, web, db, 5432)).toBe(false);
    expect(allowed({ ...cluster, policies: [...cluster.policies, egress] }, web, db, 5432)).toBe(true);
    expect(allowed({ ...cluster, policies: [...cluster.policies, egress] }, web, db, 5433)).toBe(false);
  });

  test('a podSelector peer picks pods of the policy\'s namespace only; with a namespaceSelector, of the selected namespaces', () => {
    const sameNs = policy('a', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] });
    expect(allowed({ namespaces: nsLabels, policies: [sameNs] }, other, db, 5432)).toBe(false);
    const anyNs = policy('a', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } }] }] });
    expect(allowed({ namespaces: nsLabels, policies: [anyNs] }, other, db, 5432)).toBe(true);
    const edge = policy('a', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { tier: 'edge' } } }] }] });
    expect(allowed({ namespaces: nsLabels, policies: [edge] }, other, db, 5432)).toBe(false);
    expect(allowed({ namespaces: nsLabels, policies: [edge] }, pod('lb', 'c', {}, '10.0.2.1'), db, 5432)).toBe(true);
  });

  test('two peers in one rule are alternatives; namespaceSelector and podSelector in one peer must both match', () => {
    const either: PolicyPeer[] = [{ namespaceSelector: { matchLabels: { tier: 'edge' } } }, { podSelector: { matchLabels: { app: 'web' } } }];
    const both: PolicyPeer[] = [{ namespaceSelector: { matchLabels: { tier: 'edge' } }, podSelector: { matchLabels: { app: 'web' } } }];
    const lb = pod('lb', 'c', { app: 'lb' }, '10.0.2.1');
    const mk = (from: PolicyPeer[]): Cluster => ({ namespaces: nsLabels, policies: [policy('a', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from }] })] });
    expect(allowed(mk(either), lb, db, 5432)).toBe(true);
    expect(allowed(mk(either), web, db, 5432)).toBe(true);
    expect(allowed(mk(both), lb, db, 5432)).toBe(false);
    expect(allowed(mk(both), web, db, 5432)).toBe(false);
  });

  test('ipBlock with except; named ports resolve on the destination; UDP is not TCP', () => {
    const egress = policy('a', 'web', {
      podSelector: {}, policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['93.184.216.0/24'] } }] }, { ports: [{ port: 'pg' }] }, { ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    const cluster: Cluster = { namespaces: nsLabels, policies: [egress] };
    expect(allowed(cluster, web, outside, 443)).toBe(false);
    expect(allowed(cluster, web, { ...outside, ip: '1.1.1.1' }, 443)).toBe(true);
    expect(allowed(cluster, web, db, 5432)).toBe(true);
    // Without the ipBlock rule: the name resolves on the destination, and UDP 53 is not TCP 53.
    const named: Cluster = { namespaces: nsLabels, policies: [policy('a', 'web', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'pg' }] }, { ports: [{ protocol: 'UDP', port: 53 }] }] })] };
    expect(allowed(named, web, db, 5432)).toBe(true);
    expect(allowed(named, web, { ...db, ports: [{ name: 'pg', containerPort: 5433 }] }, 5432)).toBe(false);
    expect(allowed(named, web, { ...db, ports: [{ name: 'pg', containerPort: 5433 }] }, 5433)).toBe(true);
    expect(egressAllows(named, web, outside, 53, 'UDP')).toBe(true);
    expect(egressAllows(named, web, outside, 53, 'TCP')).toBe(false);
  });

  test('without policyTypes a policy isolates ingress, and egress only when it has an egress section', () => {
    const p = policy('a', 'x', { podSelector: {} });
    expect(isolated({ namespaces: nsLabels, policies: [p] }, web, 'Ingress')).toBe(true);
    expect(isolated({ namespaces: nsLabels, policies: [p] }, web, 'Egress')).toBe(false);
    expect(isolated({ namespaces: nsLabels, policies: [policy('a', 'y', { podSelector: {}, egress: [] })] }, web, 'Egress')).toBe(true);
  });

  test('CIDRs: IPv4 and IPv6, families never mix', () => {
    expect(inCidr('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(inCidr('11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(inCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(inCidr('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(inCidr('10.1.2.3', '::/0')).toBe(false);
    expect(inCidr('203.0.113.9', '203.0.113.9/32')).toBe(true);
  });
});

// Random clusters: pods with a few labels in three namespaces, policies with random selectors and rules.
const labelArb = fc.dictionary(fc.constantFrom('app', 'tier', 'role'), fc.constantFrom('x', 'y'), { maxKeys: 2 });
const selectorArb: fc.Arbitrary<Selector> = fc.oneof(
  fc.record({ matchLabels: labelArb }),
  fc.record({ matchExpressions: fc.array(fc.record({ key: fc.constantFrom('app', 'tier', 'role'), operator: fc.constantFrom('Exists', 'DoesNotExist', 'In', 'NotIn'), values: fc.constant(['x']) }), { maxLength: 2 }) }),
);
const peerArb: fc.Arbitrary<PolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }),
  fc.record({ ipBlock: fc.record({ cidr: fc.constantFrom('10.0.0.0/24', '10.0.1.0/24', '0.0.0.0/0', '93.184.216.34/32') }) }),
);
const portsArb = fc.array(fc.record({ port: fc.constantFrom<number | string>(80, 443, 'http') }), { maxLength: 2 });
const policyArb: fc.Arbitrary<NetworkPolicy> = fc.record({
  ns: fc.constantFrom(...NS), name: fc.string({ minLength: 1, maxLength: 4 }), podSelector: selectorArb,
  policyTypes: fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[], { minLength: 1 }),
  ingress: fc.array(fc.record({ from: fc.array(peerArb, { maxLength: 2 }), ports: portsArb }), { maxLength: 2 }),
  egress: fc.array(fc.record({ to: fc.array(peerArb, { maxLength: 2 }), ports: portsArb }), { maxLength: 2 }),
}).map((p) => policy(p.ns, p.name, { podSelector: p.podSelector, policyTypes: p.policyTypes, ingress: p.ingress, egress: p.egress }));
const hostsArb: fc.Arbitrary<Host[]> = fc.array(fc.record({ ns: fc.constantFrom(...NS), labels: labelArb }), { minLength: 1, maxLength: 5 })
  .map((ps) => [...ps.map((p, i) => pod(`p${i}`, p.ns, p.labels, `10.0.${NS.indexOf(p.ns)}.${i + 1}`, [{ name: 'http', containerPort: 80 }, { containerPort: 443 }])), outside]);
const connArb = (hosts: Host[]) => fc.record({ s: fc.nat(hosts.length - 1), d: fc.nat(hosts.length - 1), port: fc.constantFrom(80, 443, 8080) });

describe('properties', () => {
  test('policies add up: adding a policy never denies what was allowed to pods already isolated', () => {
    fc.assert(fc.property(hostsArb, fc.array(policyArb, { maxLength: 4 }), policyArb, fc.nat(99), fc.nat(99), fc.constantFrom(80, 443), (hosts, ps, extra, s, d, port) => {
      const base: Cluster = { namespaces: nsLabels, policies: [...NS.map(DENY_ALL), ...ps] };
      const src = hosts[s % hosts.length], dst = hosts[d % hosts.length];
      if (allowed(base, src, dst, port)) expect(allowed({ ...base, policies: [...base.policies, extra] }, src, dst, port)).toBe(true);
    }));
  });

  test('the order of the policies does not matter', () => {
    fc.assert(fc.property(hostsArb, fc.array(policyArb, { maxLength: 5 }), (hosts, ps) => {
      const a: Cluster = { namespaces: nsLabels, policies: ps };
      const b: Cluster = { namespaces: nsLabels, policies: [...ps].reverse() };
      fc.assert(fc.property(connArb(hosts), ({ s, d, port }) => allowed(a, hosts[s], hosts[d], port) === allowed(b, hosts[s], hosts[d], port)), { numRuns: 20 });
    }), { numRuns: 50 });
  });

  test('allowed is exactly egress of the source and ingress of the destination', () => {
    fc.assert(fc.property(hostsArb, fc.array(policyArb, { maxLength: 5 }), fc.nat(99), fc.nat(99), fc.constantFrom(80, 443), (hosts, ps, s, d, port) => {
      const cluster: Cluster = { namespaces: nsLabels, policies: ps };
      const src = hosts[s % hosts.length], dst = hosts[d % hosts.length];
      expect(allowed(cluster, src, dst, port)).toBe(egressAllows(cluster, src, dst, port, 'TCP') && ingressAllows(cluster, src, dst, port, 'TCP'));
    }));
  });

  test('a pod no policy selects accepts and opens everything', () => {
    fc.assert(fc.property(hostsArb, fc.array(policyArb, { maxLength: 5 }), fc.nat(99), (hosts, ps, i) => {
      const cluster: Cluster = { namespaces: nsLabels, policies: ps };
      const h = hosts[i % hosts.length];
      if (!isolated(cluster, h, 'Ingress')) for (const s of hosts) expect(ingressAllows(cluster, s, h, 443, 'TCP')).toBe(true);
      if (!isolated(cluster, h, 'Egress')) for (const d of hosts) expect(egressAllows(cluster, h, d, 443, 'TCP')).toBe(true);
    }));
  });

  test('a default deny and rules into another namespace only: nothing reaches or leaves the denied namespace', () => {
    fc.assert(fc.property(hostsArb, fc.array(policyArb, { maxLength: 5 }), (hosts, ps) => {
      const cluster: Cluster = { namespaces: nsLabels, policies: [DENY_ALL('a'), ...ps.filter((p) => p.metadata.namespace !== 'a')] };
      for (const s of hosts) for (const d of hosts) if (s.namespace === 'a' || d.namespace === 'a') expect(allowed(cluster, s, d, 80)).toBe(false);
    }));
  });

  test('an empty selector selects every label set; matchLabels is a subset test', () => {
    fc.assert(fc.property(labelArb, labelArb, (sel, labels) => {
      expect(selects({}, labels)).toBe(true);
      expect(selects({ matchLabels: sel }, labels)).toBe(Object.entries(sel).every(([k, v]) => labels[k] === v));
      expect(selects({ matchLabels: labels }, labels)).toBe(true);
    }));
  });

  test('a named port matches exactly the destination\'s container port of that name', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }), (named, asked) => {
      const dst = pod('d', 'b', {}, '10.0.1.9', [{ name: 'web', containerPort: named }]);
      const src = pod('s', 'b', {}, '10.0.1.8');
      const cluster: Cluster = { namespaces: nsLabels, policies: [policy('b', 'p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'web' }] }] })] };
      expect(allowed(cluster, src, dst, asked)).toBe(asked === named);
    }));
  });

  test('a /32 (or /128) holds one address; /0 holds every address of its family', () => {
    fc.assert(fc.property(fc.ipV4(), fc.ipV4(), (a, b) => {
      expect(inCidr(a, `${b}/32`)).toBe(a === b);
      expect(inCidr(a, '0.0.0.0/0')).toBe(true);
      expect(inCidr(a, '::/0')).toBe(false);
    }));
  });
});
