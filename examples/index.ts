import type { Preset } from '../src/cli/synth';
import { buildCluster } from './cluster';
import { buildExternalDb } from './external-db';
import { buildGateway } from './gateway';
import { buildHa } from './ha';
import { buildIngressNginx } from './ingress-nginx';
import { buildIngressTraefik } from './ingress-traefik';
import { buildMultiTenant } from './multi-tenant';
import { buildNamespaced } from './namespaced';
import { buildQuickStart } from './quick-start';
import { buildSso } from './sso';
import { buildStrictNamespaced } from './strict-namespaced';

/** Every preset committed under dist/. */
export const PRESETS: readonly Preset[] = [
  { name: 'quick-start', source: 'examples/quick-start.ts', build: buildQuickStart },
  { name: 'cluster', source: 'examples/cluster.ts', build: buildCluster },
  { name: 'namespaced', source: 'examples/namespaced.ts', build: buildNamespaced },
  { name: 'external-db', source: 'examples/external-db.ts', build: buildExternalDb },
  { name: 'multi-tenant', source: 'examples/multi-tenant.ts', build: buildMultiTenant },
  { name: 'ingress-nginx', source: 'examples/ingress-nginx.ts', build: buildIngressNginx },
  { name: 'ingress-traefik', source: 'examples/ingress-traefik.ts', build: buildIngressTraefik },
  { name: 'gateway', source: 'examples/gateway.ts', build: buildGateway },
  { name: 'sso', source: 'examples/sso.ts', build: buildSso },
  { name: 'strict-namespaced', source: 'examples/strict-namespaced.ts', build: buildStrictNamespaced },
  { name: 'ha', source: 'examples/ha.ts', build: buildHa },
];
