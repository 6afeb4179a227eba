/**
 * The metrics options: the prometheus-operator `ServiceMonitor` and `PrometheusRule`, and the
 * scraping of argo-server's own `/metrics`. The Service `workflow-controller-metrics` needs no
 * option: it is created whenever the controller serves metrics (`metricsConfig.enabled` is not false).
 */
import { optionKeys } from '../check';
import type { EnumValue } from '../check';

/** How Prometheus is let in to argo-server's `/metrics`, which needs a token by default. */
export enum ServerMetricsAuth {
  /**
   * Prometheus sends the token of the ServiceAccount `argo-server-metrics` (a
   * `kubernetes.io/service-account-token` Secret argo-stack creates; the account has no RBAC).
   * argo-server accepts it in the `client` auth mode (and needs none in `server` mode).
   */
  TOKEN = 'token',
  /**
   * `ARGO_SERVER_METRICS_AUTH=false`: `/metrics` needs no token. Anyone who reaches argo-server's
   * port reaches it too, through the exposure (Ingress, Gateway, LoadBalancer) as well.
   */
  DISABLED = 'disabled',
}

/** The `ServiceMonitor`s (`monitoring.coreos.com/v1`) of the controller and, with `serverMetrics`, argo-server. */
export interface ServiceMonitorOptions {
  /** The scrape interval, one unit (`"30s"`, `"1m"`). @default - Prometheus's own interval */
  readonly interval?: string;
  /**
   * Labels on the ServiceMonitors, for the `serviceMonitorSelector` of your Prometheus (e.g.
   * `{ release: "kube-prometheus-stack" }`).
   * @default - none beyond argo-stack's own
   */
  readonly labels?: Record<string, string>;
}

/** When the alerts fire. Each has a range; out of range is an error. */
export interface AlertThresholds {
  /**
   * `ArgoWorkflowsHighErrorRate`: the share of workflows finishing `Failed` or `Error` over 30
   * minutes, above 0 and at most 1.
   * @default 0.1
   */
  readonly workflowErrorRatio?: number;
  /** `ArgoWorkflowsQueueDepthHigh`: items waiting in one controller queue, 1 to 1000000. @default 100 */
  readonly queueDepth?: number;
  /**
   * `ArgoWorkflowsQueueLatencyHigh`: the 95th percentile of the time a workflow waits in
   * `workflow_queue` before the controller takes it, in whole seconds, 1 to 180 (the histogram's
   * largest bucket).
   * @default 60
   */
  readonly queueLatencySeconds?: number;
  /** `ArgoWorkflowsPodsPending`: workflow pods in `Pending`, 1 to 1000000. @default 50 */
  readonly pendingPods?: number;
  /** `ArgoWorkflowsControllerErrorLogs`: error lines the controller logs per minute, 1 to 100000. @default 10 */
  readonly errorLogsPerMinute?: number;
}

/** The `PrometheusRule` (`monitoring.coreos.com/v1`) `argo-workflows` with the on-call alerts. */
export interface PrometheusRuleOptions {
  /** Labels on the PrometheusRule, for the `ruleSelector` of your Prometheus. @default - none beyond argo-stack's own */
  readonly labels?: Record<string, string>;
  /** Labels added to every alert, for routing (e.g. `{ team: "platform" }`); each alert keeps its own `severity`. @default - none */
  readonly alertLabels?: Record<string, string>;
  /** When the alerts fire. @default - each threshold's own default */
  readonly thresholds?: AlertThresholds;
}

/** Scraping argo-server's `/metrics` (gRPC request metrics, on its `web` port with the UI's TLS). */
export interface ServerMetricsOptions {
  /** How Prometheus passes argo-server's auth. @default ServerMetricsAuth.TOKEN */
  readonly auth?: EnumValue<ServerMetricsAuth>;
}

/** Metrics and alerts. */
export interface MetricsOptions {
  /**
   * `ServiceMonitor`s for the prometheus-operator: `workflow-controller` (scheme and TLS as the
   * controller serves them: HTTPS with its self-signed certificate unless
   * `metricsConfig.secure: false`) and, with `serverMetrics`, `argo-server`. Not gated on the
   * cluster: the CRD must exist when you apply.
   * @default false
   */
  readonly serviceMonitor?: boolean | ServiceMonitorOptions;
  /** The `PrometheusRule` `argo-workflows` with the alerts of the README's runbook. @default false */
  readonly prometheusRule?: boolean | PrometheusRuleOptions;
  /**
   * Make argo-server's `/metrics` scrapable: the headless Service `argo-server-metrics`, the
   * token Prometheus sends (or `ARGO_SERVER_METRICS_AUTH=false`), and the network flow.
   * @default false
   */
  readonly serverMetrics?: boolean | ServerMetricsOptions;
}

export const METRICS_KEYS = optionKeys<MetricsOptions>()(['serviceMonitor', 'prometheusRule', 'serverMetrics']);
export const SERVICE_MONITOR_KEYS = optionKeys<ServiceMonitorOptions>()(['interval', 'labels']);
export const PROMETHEUS_RULE_KEYS = optionKeys<PrometheusRuleOptions>()(['labels', 'alertLabels', 'thresholds']);
export const THRESHOLD_KEYS = optionKeys<AlertThresholds>()(['workflowErrorRatio', 'queueDepth', 'queueLatencySeconds', 'pendingPods', 'errorLogsPerMinute']);
export const SERVER_METRICS_KEYS = optionKeys<ServerMetricsOptions>()(['auth']);
