/**
 * The storage side's connections: the credentials Job to the API server, MinIO's bucket Job to
 * MinIO, and workflow pods and argo-server to artifact stores outside the cluster. Pure data.
 */
import type { ArtifactRepositorySpec } from '../controller-config';
import { CredentialsKind, SecretSpec } from '../credentials';
import { Component, ExternalDestination, ExternalTarget, Flow, JobName } from '../endpoints';

const HTTPS = 443;
const HTTP = 80;
/** Google Cloud Storage's JSON API. */
const GCS_HOST = 'storage.googleapis.com';

/** Host and port of `host[:port]` (an S3 endpoint); `undefined` port when none is written. */
function hostPort(value: string): { host: string; port?: number } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value);
  if (!m) return { host: value };
  return { host: m[1].replace(/^\[|\]$/g, ''), ...(m[2] !== undefined ? { port: Number(m[2]) } : {}) };
}

/** Host and port of an http(s) URL; the scheme's port when none is written. */
function urlHostPort(value: string): { host: string; port: number } | undefined {
  try {
    const url = new URL(value);
    const port = url.port ? Number(url.port) : url.protocol === 'http:' ? HTTP : HTTPS;
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return undefined;
  }
}

/**
 * Where a repository's driver connects: its host and TCP port. HDFS talks to the namenode and then
 * to datanodes on ports the namenode hands out, so its destinations have no port (every port).
 * Plugin drivers run as sidecars and reach whatever they reach: no destination is known.
 */
export function objectStoreDestinations(spec: ArtifactRepositorySpec): { to: ExternalDestination; service: string }[] {
  const at = (service: string, host: string, port?: number) => ({ to: { external: ExternalTarget.OBJECT_STORE, host, ...(port !== undefined ? { port } : {}) }, service });
  if (spec.s3?.endpoint) {
    const { host, port } = hostPort(spec.s3.endpoint);
    return [at('s3', host, port ?? (spec.s3.insecure ? HTTP : HTTPS))];
  }
  if (spec.gcs) return [at('gcs', GCS_HOST, HTTPS)];
  const kind = spec.azure ? 'azure' : spec.oss ? 'oss' : 'artifactory';
  const url = spec.azure?.endpoint ?? spec.oss?.endpoint ?? spec.artifactory?.repoURL;
  if (url !== undefined) {
    const u = urlHostPort(url);
    return u ? [at(kind, u.host, u.port)] : [];
  }
  if (spec.hdfs?.addresses) return spec.hdfs.addresses.map((a) => at('hdfs', hostPort(a).host));
  return [];
}

const key = (d: ExternalDestination): string => `${d.host ?? ''}:${d.port ?? '*'}`;

/**
 * Workflow pods (steps, artifact GC) and argo-server (artifacts and logs in the UI) reach each
 * artifact store outside the cluster that a repository names, once per host and port.
 */
export function objectStoreFlows(specs: readonly ArtifactRepositorySpec[], workflowNamespaces: readonly string[], server: boolean): Flow[] {
  const seen = new Map<string, { to: ExternalDestination; service: string }>();
  for (const d of specs.flatMap(objectStoreDestinations)) if (!seen.has(key(d.to))) seen.set(key(d.to), d);
  return [...seen.values()].flatMap(({ to, service }): Flow[] => [
    ...workflowNamespaces.map((ns): Flow => ({ from: { workflowPods: ns }, to, port: service, purpose: 'input and output artifacts, logs, artifact GC' })),
    ...(server ? [{ from: { component: Component.SERVER }, to, port: service, purpose: 'artifacts and archived logs in the UI' }] : []),
  ]);
}

/** The credentials Job, when it runs, reaches the API server at `kubernetes.default.svc` (so it resolves the name). */
export function credentialsJobFlows(secrets: readonly { readonly spec: SecretSpec }[]): Flow[] {
  if (!secrets.some((s) => s.spec.source.kind === CredentialsKind.GENERATED)) return [];
  return [
    { from: { job: JobName.CREDENTIALS }, to: { external: ExternalTarget.API_SERVER }, port: 'https', purpose: 'create the generated Secrets and copy them to other namespaces' },
    { from: { job: JobName.CREDENTIALS }, to: { external: ExternalTarget.DNS }, port: 'dns', purpose: 'resolve kubernetes.default.svc' },
  ];
}

/** MinIO's users Job creates each workflow namespace's user and policy through the admin API, by the Service's name. */
export function usersJobFlows(): Flow[] {
  return [
    { from: { job: JobName.MINIO_USERS }, to: Component.MINIO, port: 'api', purpose: 'create the workflow namespaces\' users and policies' },
    { from: { job: JobName.MINIO_USERS }, to: { external: ExternalTarget.DNS }, port: 'dns', purpose: 'resolve the MinIO Service' },
  ];
}

/** MinIO's bucket Job creates the bucket through the S3 API, by the Service's name. */
export function bucketJobFlows(): Flow[] {
  return [
    { from: { job: JobName.MINIO_BUCKET }, to: Component.MINIO, port: 'api', purpose: 'create the bucket' },
    { from: { job: JobName.MINIO_BUCKET }, to: { external: ExternalTarget.DNS }, port: 'dns', purpose: 'resolve the MinIO Service' },
  ];
}
