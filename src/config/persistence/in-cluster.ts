/** The database argo-stack runs in the cluster (`persistence.<engine>.inCluster`). Internal to the package. */
import { Checker } from '../check';
import { validateImageReference } from '../images';
import { POD_OPTION_KEYS, resolvePod } from '../pod';
import { DatabaseEngine, DEFAULT_DATABASE_RESOURCES, DEFAULT_STORAGE, ResolvedInClusterDatabase } from './database-options';
import { ENGINES } from './engines';

const IN_CLUSTER_KEYS = ['image', 'storage', 'storageClassName', ...POD_OPTION_KEYS];

/** Validates `inCluster` and resolves the StatefulSet argo-stack runs. */
export function resolveInCluster(engine: DatabaseEngine, o: unknown, ctx: { namespace: string; port: number; database: string; secretName: string; imagePullSecrets?: readonly string[] }): ResolvedInClusterDatabase {
  const e = ENGINES[engine];
  const c = new Checker(`${e.option}.inCluster`);
  const opts = c.object(o, '{} for the defaults or { storage: "20Gi" }');
  c.known(opts, IN_CLUSTER_KEYS);
  const image = opts.image === undefined ? e.image : validateImageReference(c.at('image'), opts.image, e.image);
  const storage = c.storageSize('storage', opts.storage ?? DEFAULT_STORAGE, DEFAULT_STORAGE);
  const storageClassName = opts.storageClassName === undefined ? undefined : c.dnsSubdomain('storageClassName', opts.storageClassName);
  const pod = resolvePod(c, opts, DEFAULT_DATABASE_RESOURCES, ctx.imagePullSecrets);
  return {
    engine,
    name: e.service,
    namespace: ctx.namespace,
    image,
    uid: e.uid,
    port: ctx.port,
    containerPort: e.port,
    database: ctx.database,
    secretName: ctx.secretName,
    storage,
    ...(storageClassName !== undefined ? { storageClassName } : {}),
    replicas: 1,
    ...pod,
  };
}
