/**
 * What workflow-controller and argo-server wait for before they start, so that a first install
 * converges without crash-loops. Both binaries exit at start when something they need is missing
 * (v4.1.2: `controller.go` "Failed to init db" and "Timed out waiting for caches to sync";
 * `argoserver.go` on the database session, the SSO client Secrets and the TLS Secret), and
 * Kubernetes then restarts them with a growing back-off. Instead, an init container waits:
 *
 * 1. for the Argo CRDs to be served: every resource of `argoproj.io/v1alpha1` is listed by the API
 *    server's discovery document, which it serves only for established CRDs. Discovery is open to
 *    every authenticated account, so this needs no RBAC (a `kubectl wait crd/...` would need
 *    `get`/`list`/`watch` on CustomResourceDefinitions, a cluster-wide right the binaries lack);
 * 2. for the Secrets the binary reads through the API at start (Argo reads them with `get`, not as
 *    env or volumes, so Kubernetes does not hold the pod back): `get` by name, which the binary's
 *    Role already grants for exactly those names;
 * 3. for each database to accept TCP connections at its host and port (when persistence is on).
 *
 * Pure: which Secrets and databases, from the final controller config and argo-server's flags.
 */
import type { ControllerConfig } from './controller-config';
import type { ResourceRequirements } from './pod';

/** The init container's name. */
export const WAIT_CONTAINER_NAME = 'wait-for-dependencies';
/** The API group and version of Argo's CRDs, as discovery serves it. */
export const ARGO_GROUP_VERSION = 'argoproj.io/v1alpha1';
/** The plural names of the eight Argo CRDs (the same as `CRD_DEFINITIONS`; a test keeps them equal). */
export const ARGO_RESOURCES: readonly string[] = [
  'clusterworkflowtemplates', 'cronworkflows', 'workflowartifactgctasks', 'workfloweventbindings',
  'workflows', 'workflowtaskresults', 'workflowtasksets', 'workflowtemplates',
];
/** Requests and limits of the init container (curl and a shell, for seconds). */
export const WAIT_RESOURCES: ResourceRequirements = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } };

/** A database the binary connects to at start. */
export interface DatabaseAddress {
  readonly host: string;
  readonly port: number;
}

/** What a binary's init container waits for, and how it runs. */
export interface ResolvedStartup {
  /** The image: the install's `images.jobs` (a POSIX sh with curl). */
  readonly image: string;
  /** Where the Secrets are: the install namespace. */
  readonly namespace: string;
  /** The group and version whose resources must be served. */
  readonly groupVersion: string;
  /** Plural resource names that must be served. */
  readonly apiResources: readonly string[];
  /** Secrets that must exist, sorted. */
  readonly secrets: readonly string[];
  /** Databases that must accept connections, in config order. */
  readonly databases: readonly DatabaseAddress[];
  readonly resources: ResourceRequirements;
}

/** What the final controller config makes a binary need at start: database Secrets and addresses. */
export interface StartupNeeds {
  readonly secrets: readonly string[];
  readonly databases: readonly DatabaseAddress[];
}

/**
 * The Secrets and databases of `persistence` and `synchronization` (both binaries open them at
 * start), and for argo-server also the SSO client Secrets.
 */
export function startupNeeds(config: ControllerConfig, binary: 'controller' | 'server'): StartupNeeds {
  const secrets: string[] = [];
  const databases: DatabaseAddress[] = [];
  for (const db of [config.persistence, config.synchronization]) {
    for (const engine of [db?.postgresql, db?.mysql]) {
      if (!engine) continue;
      for (const s of [engine.userNameSecret, engine.passwordSecret]) if (s?.name) secrets.push(s.name);
      if (engine.host && engine.port && !databases.some((d) => d.host === engine.host && d.port === engine.port)) databases.push({ host: engine.host, port: engine.port });
    }
  }
  if (binary === 'server') {
    for (const s of [config.sso?.clientId, config.sso?.clientSecret]) if (s?.name) secrets.push(s.name);
  }
  return { secrets: [...new Set(secrets)].sort(), databases };
}

/** The TLS Secret argo-server reads at start, from its `--tls-certificate-secret-name` flag. */
export function tlsSecretOf(args: readonly string[]): string[] {
  const flag = '--tls-certificate-secret-name=';
  return args.filter((a) => a.startsWith(flag)).map((a) => a.slice(flag.length));
}

/** The init container's plan: the Argo CRDs, then `needs` (and `extraSecrets`), in `namespace`, run with `image`. */
export function resolveStartup(needs: StartupNeeds, o: { image: string; namespace: string; extraSecrets?: readonly string[] }): ResolvedStartup {
  return {
    image: o.image,
    namespace: o.namespace,
    groupVersion: ARGO_GROUP_VERSION,
    apiResources: [...ARGO_RESOURCES],
    secrets: [...new Set([...needs.secrets, ...(o.extraSecrets ?? [])])].sort(),
    databases: needs.databases.map((d) => ({ ...d })),
    resources: WAIT_RESOURCES,
  };
}
