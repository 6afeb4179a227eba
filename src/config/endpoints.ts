/**
 * Endpoints and flows as plan data. Every component argo-stack runs has one record: its name, the
 * pod selector and its named ports (with the scheme where it is HTTP). Services, probes and, later,
 * Ingresses, ServiceMonitors, NetworkPolicies and diagrams read these records instead of
 * hard-coding a port. A flow says which component talks to which port of another.
 */

/** The `app.kubernetes.io/component` values; the synth writer groups output files by them. */
export enum Component {
  NAMESPACES = 'namespaces',
  CRDS = 'crds',
  CONTROLLER = 'workflow-controller',
  SERVER = 'argo-server',
  WORKFLOW_NAMESPACE = 'workflow-namespace',
  CREDENTIALS = 'credentials',
  POSTGRES = 'postgres',
  MYSQL = 'mysql',
  MINIO = 'minio',
  ARTIFACT_REPOSITORIES = 'artifact-repositories',
  NETWORK_POLICIES = 'network-policies',
}

/** Ports of Argo's binaries and of the data services, as upstream and the images use them. */
export const PORTS = {
  /** argo-server's `web` port (HTTPS with `--secure`, else HTTP). */
  server: 2746,
  /** workflow-controller's Prometheus metrics. */
  controllerMetrics: 9090,
  /** workflow-controller's `/healthz`. */
  controllerHealth: 6060,
  postgres: 5432,
  mysql: 3306,
  /** MinIO's S3 API. */
  minioApi: 9000,
  /** MinIO's web console. */
  minioConsole: 9001,
} as const;

/** One named port of a component. */
export interface NamedPort {
  /** The port's name on the container and the Service (`web`, `metrics`, `postgres`, ...). */
  readonly name: string;
  /** The port the container listens on. */
  readonly containerPort: number;
  /** The port of the Service, when the component has one. @default - the container port */
  readonly servicePort?: number;
  readonly protocol: 'TCP';
  /** The scheme of an HTTP port. @default - not an HTTP port */
  readonly scheme?: 'HTTP' | 'HTTPS';
}

/** Where a component is reached: its workload and Service name, namespace, selector and ports. */
export interface Endpoint {
  readonly component: Component;
  /** Name of the workload and of its Service. */
  readonly name: string;
  readonly namespace: string;
  /** The labels of its pods that its Service and policies select. */
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly NamedPort[];
}

/** Peers outside the plan that open connections to its components. */
export enum ExternalPeer {
  /** The pods of the Ingress controller (ingress-nginx, Traefik) that forward to argo-server. */
  INGRESS_CONTROLLER = 'ingress-controller',
  /** The pods of the Gateway API implementation that forward to argo-server. */
  GATEWAY = 'gateway',
  /** Clients through a LoadBalancer Service (any address its source ranges allow). */
  LOAD_BALANCER = 'load-balancer',
  /** Prometheus, scraping metrics. */
  PROMETHEUS = 'prometheus',
}

/**
 * The one-shot Jobs argo-stack runs in the install namespace, by the `app` label of their pods
 * (also the name of their ServiceAccount; the Job itself carries a hash suffix).
 */
export enum JobName {
  /** Applies the full CRDs (`crds: CrdMode.INSTALLER`). */
  CRD_INSTALLER = 'argo-crd-installer',
  /** Creates the generated Secrets (`Credentials.generated()`) and copies them to other namespaces. */
  CREDENTIALS = 'argo-stack-credentials',
  /** Creates MinIO's bucket. */
  MINIO_BUCKET = 'minio-create-bucket',
  /** Creates a MinIO user and policy per workflow namespace. */
  MINIO_USERS = 'minio-users',
}

/**
 * Something that opens a connection: a component of the plan, the workflow pods of a namespace
 * (every pod Argo creates there: workflow steps, agents, artifact GC), a Job of the install, or a
 * peer outside the plan.
 */
export type FlowSource =
  | { readonly component: Component } | { readonly workflowPods: string } | { readonly job: JobName } | { readonly external: ExternalPeer };

/** Destinations outside the plan that the install's pods open connections to. */
export enum ExternalTarget {
  /** The Kubernetes API server: its addresses are not known at synth, so `networkPolicies.apiServer` says where it is. */
  API_SERVER = 'kubernetes-api',
  /** The cluster DNS (CoreDNS or kube-dns); `networkPolicies.dns` says where it runs. */
  DNS = 'dns',
  /** Addresses outside the cluster that workflow pods may reach (`networkPolicies.workflowEgress`). */
  INTERNET = 'internet',
  /** A database outside the cluster (`persistence` with a `host`). */
  DATABASE = 'external-database',
  /** An artifact store outside the cluster (S3, GCS, Azure Blob, OSS, Artifactory, HDFS). */
  OBJECT_STORE = 'object-store',
  /** The SSO issuer (an OIDC provider, or Argo CD's Dex). */
  SSO_ISSUER = 'sso-issuer',
}

/** A destination outside the plan: what it is and, where known, its host, port or address ranges. */
export interface ExternalDestination {
  readonly external: ExternalTarget;
  /** The host name or address, when known. @default - not known */
  readonly host?: string;
  /** The TCP port. @default - decided by the network settings (API server, DNS), or every port (internet) */
  readonly port?: number;
  /** The address ranges, when known (CIDRs). @default - not known */
  readonly cidrs?: readonly string[];
}

/** Where a flow goes: a component of the plan or a destination outside it. */
export type FlowTarget = Component | ExternalDestination;

/** One connection the install needs: from a source to a named port of an endpoint, or to a destination outside the plan. */
export interface Flow {
  readonly from: FlowSource;
  /** The endpoint's component, or a destination outside the plan. */
  readonly to: FlowTarget;
  /** The name of the endpoint's port; for a destination outside the plan, the name of the service (`https`, `dns`, `postgres`, ...). */
  readonly port: string;
  /** Why the connection exists. */
  readonly purpose: string;
}

/** Whether a flow goes to a destination outside the plan. */
export const isExternalTarget = (to: FlowTarget): to is ExternalDestination => typeof to === 'object';

/** What every install needs, whatever its features: the binaries and the workflow pods talk to the API server and resolve names. */
export interface InstallFlowsContext {
  /** Whether argo-server runs. */
  readonly server: boolean;
  /** Whether the CRD installer Job runs (`crds: CrdMode.INSTALLER`). */
  readonly crdInstaller: boolean;
  /** The namespaces that run workflows. */
  readonly workflowNamespaces: readonly string[];
}

const API: ExternalDestination = { external: ExternalTarget.API_SERVER };
const DNS: ExternalDestination = { external: ExternalTarget.DNS };

/**
 * The flows of the install itself: the controller watches and writes workflows and pods, argo-server
 * serves the API with its own or the user's token, workflow pods (the executor) write
 * `workflowtaskresults` and patch their pods, agents read `workflowtasksets`, artifact GC pods read
 * `workflowartifactgctasks`; the CRD installer applies the CRDs. Each pod that connects to a
 * Service by name also resolves it.
 */
export function installFlows(ctx: InstallFlowsContext): Flow[] {
  const binaries = [Component.CONTROLLER, ...(ctx.server ? [Component.SERVER] : [])];
  return [
    ...binaries.flatMap((component): Flow[] => [
      { from: { component }, to: API, port: 'https', purpose: component === Component.CONTROLLER ? 'watch and update workflows, create and delete pods' : 'the Argo API on behalf of its users' },
      { from: { component }, to: DNS, port: 'dns', purpose: 'resolve Service and external names' },
    ]),
    ...ctx.workflowNamespaces.flatMap((ns): Flow[] => [
      { from: { workflowPods: ns }, to: API, port: 'https', purpose: 'workflowtaskresults, pod patches, agent and artifact GC tasks, resource templates' },
      { from: { workflowPods: ns }, to: DNS, port: 'dns', purpose: 'resolve Service and external names' },
    ]),
    ...(ctx.crdInstaller ? [{ from: { job: JobName.CRD_INSTALLER }, to: API, port: 'https', purpose: 'apply the Argo CRDs' }] : []),
  ];
}

/** The `app` selector argo-stack (and upstream) gives the pods of a component. */
export const appSelector = (name: string): Record<string, string> => ({ app: name });

/** The port of an endpoint by name; throws when the plan has no such port (a programming error). */
export function portOf(endpoint: Endpoint, name: string): NamedPort {
  const port = endpoint.ports.find((p) => p.name === name);
  if (!port) throw new Error(`endpoint ${endpoint.name} has no port named ${name}`);
  return port;
}
