import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Endpoint, portOf } from '../config/endpoints';
import type { AlertRule, ResolvedMetrics, ResolvedScrapeTarget } from '../config/metrics';
import { SERVER_METRICS_ACCOUNT, SERVER_METRICS_TOKEN_SECRET } from '../config/metrics';
import { K8sContext, manifest, Manifest, meta } from './_meta';

/** The component label (and output file `90-metrics.yaml`) of the ServiceMonitors, the PrometheusRule and the token. */
export const METRICS_COMPONENT = 'metrics';
/** The label the ServiceMonitors select a metrics Service by (its name). */
export const METRICS_SERVICE_LABEL = 'app.kubernetes.io/name';

/** A prometheus-operator `ServiceMonitor` endpoint, as argo-stack writes it. */
interface ServiceMonitorEndpoint {
  readonly port: string;
  readonly path: string;
  readonly scheme: 'http' | 'https';
  readonly interval?: string;
  readonly tlsConfig?: { readonly insecureSkipVerify?: boolean; readonly serverName?: string; readonly ca?: { readonly secret: { readonly name: string; readonly key: string } } };
  readonly authorization?: { readonly type: 'Bearer'; readonly credentials: { readonly name: string; readonly key: string } };
}

/** `monitoring.coreos.com/v1` ServiceMonitor. */
interface ServiceMonitorManifest extends Manifest {
  readonly spec: {
    readonly selector: { readonly matchLabels: Record<string, string> };
    readonly namespaceSelector: { readonly matchNames: string[] };
    readonly endpoints: ServiceMonitorEndpoint[];
  };
}

/** `monitoring.coreos.com/v1` PrometheusRule. */
interface PrometheusRuleManifest extends Manifest {
  readonly spec: { readonly groups: { readonly name: string; readonly rules: AlertRule[] }[] };
}

export interface ArgoMetricsProps {
  readonly ctx: K8sContext;
  readonly metrics: ResolvedMetrics;
  /** The controller's endpoint: selector and `metrics` port. */
  readonly controller: Endpoint;
  /** argo-server's endpoint: selector and `web` port. @default - none (argo-server does not run) */
  readonly server?: Endpoint;
}

/**
 * The metrics objects of the plan: the headless Services `workflow-controller-metrics` and
 * `argo-server-metrics`, the ServiceAccount and token Prometheus sends to argo-server, the
 * ServiceMonitors and the PrometheusRule `argo-workflows`.
 */
export class ArgoMetrics extends Construct {
  /** The Service `workflow-controller-metrics`, when the controller serves metrics. */
  public readonly controllerService?: ApiObject;
  /** The PrometheusRule, with `metrics.prometheusRule`. */
  public readonly prometheusRule?: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoMetricsProps) {
    super(scope, id);
    const { ctx, metrics: m } = props;
    const targets: [ResolvedScrapeTarget, Endpoint][] = [];
    if (m.controller) targets.push([m.controller, props.controller]);
    if (m.server && props.server) targets.push([m.server, props.server]);
    for (const [t, endpoint] of targets) {
      const service = this.service(ctx, t, endpoint);
      if (t === m.controller) this.controllerService = service;
      if (m.serviceMonitor) this.serviceMonitor(ctx, t, m.serviceMonitor);
    }
    if (m.server?.bearerToken) this.serverToken(ctx);
    if (m.prometheusRule) {
      const r = m.prometheusRule;
      this.prometheusRule = manifest<PrometheusRuleManifest>(this, 'PrometheusRule', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule',
        metadata: meta(ctx, METRICS_COMPONENT, r.name, ctx.namespace, { labels: { ...r.labels } }),
        spec: { groups: [{ name: r.name, rules: r.rules.map((a) => ({ ...a, labels: { ...a.labels }, annotations: { ...a.annotations } })) }] },
      });
    }
  }

  /** A headless Service on the endpoint's metrics port (Prometheus scrapes each pod). */
  private service(ctx: K8sContext, t: ResolvedScrapeTarget, endpoint: Endpoint): ApiObject {
    const port = portOf(endpoint, t.port);
    return manifest<IService>(this, `${t.service}-Service`, {
      apiVersion: 'v1', kind: 'Service',
      metadata: meta(ctx, t.component, t.service, ctx.namespace, { labels: { [METRICS_SERVICE_LABEL]: t.service } }),
      spec: {
        clusterIP: 'None',
        selector: { ...endpoint.selector },
        ports: [{ name: port.name, port: port.containerPort, targetPort: port.containerPort, protocol: port.protocol }],
      },
    });
  }

  private serviceMonitor(ctx: K8sContext, t: ResolvedScrapeTarget, sm: NonNullable<ResolvedMetrics['serviceMonitor']>): void {
    const tls = t.tls && ('insecureSkipVerify' in t.tls
      ? { insecureSkipVerify: true }
      : { serverName: t.tls.serverName, ca: { secret: { name: t.tls.caSecret.name, key: t.tls.caSecret.key } } });
    manifest<ServiceMonitorManifest>(this, `${t.service}-ServiceMonitor`, {
      apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor',
      metadata: meta(ctx, METRICS_COMPONENT, t.component, ctx.namespace, { labels: { ...sm.labels } }),
      spec: {
        selector: { matchLabels: { [METRICS_SERVICE_LABEL]: t.service } },
        namespaceSelector: { matchNames: [ctx.namespace] },
        endpoints: [{
          port: t.port, path: t.path, scheme: t.scheme,
          ...(sm.interval ? { interval: sm.interval } : {}),
          ...(tls ? { tlsConfig: tls } : {}),
          ...(t.bearerToken ? { authorization: { type: 'Bearer', credentials: { name: t.bearerToken.secret, key: t.bearerToken.key } } } : {}),
        }],
      },
    });
  }

  /** The ServiceAccount `argo-server-metrics` (no RBAC) and its long-lived token, which Prometheus sends to argo-server. */
  private serverToken(ctx: K8sContext): void {
    manifest<IServiceAccount>(this, 'ServerMetricsAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ctx, METRICS_COMPONENT, SERVER_METRICS_ACCOUNT, ctx.namespace), automountServiceAccountToken: false,
    });
    manifest<ISecret>(this, 'ServerMetricsToken', {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: meta(ctx, METRICS_COMPONENT, SERVER_METRICS_TOKEN_SECRET, ctx.namespace, { annotations: { 'kubernetes.io/service-account.name': SERVER_METRICS_ACCOUNT } }),
    });
  }
}
