/** Metrics and alerts: the options, the resolved section and the feature. */
export { ServerMetricsAuth } from './options';
export type { AlertThresholds, MetricsOptions, PrometheusRuleOptions, ServerMetricsOptions, ServiceMonitorOptions } from './options';
export type { AlertRule } from './alerts';
export {
  CONTROLLER_METRICS_SERVICE, PROMETHEUS_RULE_NAME, resolveMetrics, SERVER_METRICS_ACCOUNT, SERVER_METRICS_SERVICE, SERVER_METRICS_TOKEN_SECRET,
} from './feature';
export type { MetricsContext, ResolvedMetrics, ResolvedScrapeTarget, ScrapeTls } from './feature';
