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
 * Something that opens a connection: a component of the plan, the workflow pods of a namespace, or
 * a peer outside the plan.
 */
export type FlowSource = { readonly component: Component } | { readonly workflowPods: string } | { readonly external: ExternalPeer };

/** One connection the install needs: from a source to a named port of an endpoint. */
export interface Flow {
  readonly from: FlowSource;
  /** The endpoint's component. */
  readonly to: Component;
  /** The name of the endpoint's port. */
  readonly port: string;
  /** Why the connection exists. */
  readonly purpose: string;
}

/** The `app` selector argo-stack (and upstream) gives the pods of a component. */
export const appSelector = (name: string): Record<string, string> => ({ app: name });

/** The port of an endpoint by name; throws when the plan has no such port (a programming error). */
export function portOf(endpoint: Endpoint, name: string): NamedPort {
  const port = endpoint.ports.find((p) => p.name === name);
  if (!port) throw new Error(`endpoint ${endpoint.name} has no port named ${name}`);
  return port;
}
