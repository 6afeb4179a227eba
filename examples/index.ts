import type { App, Chart } from 'cdk8s';
import { buildCluster } from './cluster';
import { buildExternalDb } from './external-db';
import { buildNamespaced } from './namespaced';
import { buildQuickStart } from './quick-start';

export interface Preset {
  /** Folder under dist/. */
  readonly name: string;
  /** The program that defines it, named in each file's header. */
  readonly source: string;
  readonly build: (app: App) => Chart;
}

/** Every preset committed under dist/. */
export const PRESETS: readonly Preset[] = [
  { name: 'quick-start', source: 'examples/quick-start.ts', build: buildQuickStart },
  { name: 'cluster', source: 'examples/cluster.ts', build: buildCluster },
  { name: 'namespaced', source: 'examples/namespaced.ts', build: buildNamespaced },
  { name: 'external-db', source: 'examples/external-db.ts', build: buildExternalDb },
];
