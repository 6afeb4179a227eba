/**
 * The metrics feature: the Service `workflow-controller-metrics` (whenever the controller serves
 * metrics), argo-server's metrics (`metrics.serverMetrics`), the ServiceMonitors and the
 * PrometheusRule. Resolved after the controller, whose endpoint carries the metrics port and its
 * scheme; it contributes argo-server's `ARGO_SERVER_METRICS_AUTH` and the flows from Prometheus.
 */
import { Checker } from '../check';
import type { Contributions, Feature } from '../contributions';
import type { ControllerConfig } from '../controller-config';
import { Component, Endpoint, ExternalPeer, Flow, portOf } from '../endpoints';
import { conflict, invalid } from '../errors';
import type { ResolvedServerTls } from '../exposure';
import { AuthMode } from '../server';
import { AlertRule, alertRules, DEFAULT_THRESHOLDS, ResolvedThresholds } from './alerts';
import {
  METRICS_KEYS, MetricsOptions, PROMETHEUS_RULE_KEYS, PrometheusRuleOptions, SERVER_METRICS_KEYS, ServerMetricsAuth, SERVICE_MONITOR_KEYS,
  ServiceMonitorOptions, THRESHOLD_KEYS,
} from './options';

export const CONTROLLER_METRICS_SERVICE = 'workflow-controller-metrics';
export const SERVER_METRICS_SERVICE = 'argo-server-metrics';
/** The ServiceAccount whose token Prometheus sends to argo-server, and its token Secret. */
export const SERVER_METRICS_ACCOUNT = 'argo-server-metrics';
export const SERVER_METRICS_TOKEN_SECRET = 'argo-server-metrics.service-account-token';
export const PROMETHEUS_RULE_NAME = 'argo-workflows';

/** How Prometheus checks the certificate of an HTTPS target. */
export type ScrapeTls =
  | { readonly insecureSkipVerify: true }
  | { readonly serverName: string; readonly caSecret: { readonly name: string; readonly key: string } };

/** One scraped component: its headless Service, the port (by the endpoint's port name), path and TLS. */
export interface ResolvedScrapeTarget {
  readonly component: Component;
  /** The headless Service's name (also Prometheus's `job`). */
  readonly service: string;
  /** The name of the endpoint's port that serves the metrics. */
  readonly port: string;
  readonly path: string;
  readonly scheme: 'http' | 'https';
  /** How the certificate is checked, with HTTPS. */
  readonly tls?: ScrapeTls;
  /** The Secret and key with the bearer token Prometheus sends. */
  readonly bearerToken?: { readonly secret: string; readonly key: string };
}

/** The metrics feature, resolved. */
export interface ResolvedMetrics {
  /** The controller's metrics; none with `metricsConfig.enabled: false`. */
  readonly controller?: ResolvedScrapeTarget;
  /** argo-server's metrics, with `serverMetrics`. */
  readonly server?: ResolvedScrapeTarget & { readonly auth: ServerMetricsAuth };
  /** The ServiceMonitors' settings, with `serviceMonitor`. */
  readonly serviceMonitor?: { readonly interval?: string; readonly labels: Record<string, string> };
  /** The PrometheusRule, with `prometheusRule`. */
  readonly prometheusRule?: { readonly name: string; readonly labels: Record<string, string>; readonly rules: AlertRule[] };
}

/** What the feature reads of the rest of the plan. */
export interface MetricsContext {
  readonly namespace: string;
  /** The controller's endpoint (its `metrics` port and scheme) and final config (`metricsConfig`, `persistence`). */
  readonly controller: { readonly endpoint: Endpoint; readonly config: ControllerConfig };
  /** argo-server, when it runs: its TLS and final auth modes. */
  readonly server?: { readonly name: string; readonly tls: ResolvedServerTls; readonly authModes: readonly AuthMode[] };
}

/** A `boolean | object` option: undefined when off, the object (empty for `true`) when on. */
function toggle<T extends object>(c: Checker, field: string, value: unknown, keys: readonly string[], example: string): T | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {} as T;
  const o = c.child(field).object(value, example, `use true, false or an object such as ${example}`, 'it must be true, false or an object');
  c.child(field).known(o, keys);
  return o as T;
}

/** Labels of a ServiceMonitor or the PrometheusRule: not argo-stack's own `app.kubernetes.io/` labels, which it sets itself. */
function objectLabels(c: Checker, value: unknown): Record<string, string> {
  const labels = c.labels('labels', value, '{ release: "prometheus" }') ?? {};
  const own = Object.keys(labels).find((k) => k.startsWith('app.kubernetes.io/'));
  if (own !== undefined) throw invalid(`${c.at('labels')}["${own}"]`, labels[own], 'argo-stack sets the app.kubernetes.io/ labels itself, so the value would be replaced', 'remove it, or use another label key');
  return { ...labels };
}

/** A Prometheus duration of one unit, for `interval`. */
function interval(c: Checker, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,5}(ms|s|m|h)$/.test(value)) {
    throw invalid(c.at('interval'), value, 'it must be a Prometheus duration of one unit, such as "30s" or "1m"', 'use "30s", or leave it out for Prometheus\'s own interval');
  }
  return value;
}

/** One threshold: a number in its range. */
function threshold(c: Checker, field: keyof ResolvedThresholds, value: unknown, min: number, max: number, whole: boolean, why: string): number {
  if (value === undefined) return DEFAULT_THRESHOLDS[field];
  const kind = whole ? 'a whole number' : 'a number';
  const low = whole ? `at least ${min}` : `greater than ${min}`;
  if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value)) || (whole ? value < min : value <= min) || value > max) {
    throw invalid(c.at(field), value, `an alert threshold out of range: it must be ${kind} ${low} and at most ${max} (${why})`, `use ${DEFAULT_THRESHOLDS[field]} (the default) or another value in range`);
  }
  return value;
}

function thresholds(c: Checker, value: unknown): ResolvedThresholds {
  if (value === undefined) return DEFAULT_THRESHOLDS;
  const o = c.object(value, '{ queueDepth: 100 }');
  c.known(o, THRESHOLD_KEYS);
  return {
    workflowErrorRatio: threshold(c, 'workflowErrorRatio', o.workflowErrorRatio, 0, 1, false, 'a share of the finished workflows'),
    queueDepth: threshold(c, 'queueDepth', o.queueDepth, 1, 1_000_000, true, 'items in one queue'),
    queueLatencySeconds: threshold(c, 'queueLatencySeconds', o.queueLatencySeconds, 1, 180, true, 'seconds; the largest bucket of argo_workflows_queue_latency is 180'),
    pendingPods: threshold(c, 'pendingPods', o.pendingPods, 1, 1_000_000, true, 'pods'),
    errorLogsPerMinute: threshold(c, 'errorLogsPerMinute', o.errorLogsPerMinute, 1, 100_000, true, 'error lines a minute'),
  };
}

/** The controller's target: the endpoint's `metrics` port and scheme (its certificate is always self-signed). */
function controllerTarget(ctx: MetricsContext): ResolvedScrapeTarget | undefined {
  const m = ctx.controller.config.metricsConfig;
  if (m?.enabled === false) return undefined;
  const https = portOf(ctx.controller.endpoint, 'metrics').scheme === 'HTTPS';
  return {
    component: Component.CONTROLLER, service: CONTROLLER_METRICS_SERVICE, port: 'metrics', path: m?.path ?? '/metrics',
    scheme: https ? 'https' : 'http', ...(https ? { tls: { insecureSkipVerify: true } } : {}),
  };
}

/** argo-server's target on its `web` port, with the UI's TLS and the auth Prometheus passes. */
function serverTarget(c: Checker, options: unknown, ctx: MetricsContext): ResolvedMetrics['server'] {
  const o = toggle<{ auth?: unknown }>(c, 'serverMetrics', options, SERVER_METRICS_KEYS, '{ auth: ServerMetricsAuth.TOKEN }');
  if (!o) return undefined;
  const auth = c.child('serverMetrics').enum('auth', o.auth, ServerMetricsAuth, 'use ServerMetricsAuth.TOKEN ("token") or ServerMetricsAuth.DISABLED ("disabled")') ?? ServerMetricsAuth.TOKEN;
  const server = ctx.server;
  if (!server) throw conflict('metrics.serverMetrics is set but server.enabled is false: there is no argo-server to scrape', 'remove metrics.serverMetrics, or set server.enabled to true');
  const modes = server.authModes;
  if (auth === ServerMetricsAuth.TOKEN && !modes.includes(AuthMode.CLIENT) && !modes.includes(AuthMode.SERVER)) {
    throw conflict(`metrics.serverMetrics.auth is "token" but argo-server's auth modes (${modes.join(', ')}) accept no ServiceAccount token: Prometheus would get 403 from /metrics`,
      'add AuthMode.CLIENT to server.authModes, or set metrics.serverMetrics.auth to ServerMetricsAuth.DISABLED (ARGO_SERVER_METRICS_AUTH=false: /metrics is open to anyone who reaches argo-server)');
  }
  const tls: ScrapeTls | undefined = !server.tls.secure ? undefined
    : server.tls.secretName === undefined ? { insecureSkipVerify: true } : { serverName: server.name, caSecret: { name: server.tls.secretName, key: 'ca.crt' } };
  return {
    component: Component.SERVER, service: SERVER_METRICS_SERVICE, port: 'web', path: '/metrics', scheme: server.tls.secure ? 'https' : 'http', auth,
    ...(tls ? { tls } : {}),
    ...(auth === ServerMetricsAuth.TOKEN ? { bearerToken: { secret: SERVER_METRICS_TOKEN_SECRET, key: 'token' } } : {}),
  };
}

function prometheusRule(c: Checker, options: unknown, ctx: MetricsContext, targets: { controller: ResolvedScrapeTarget; server?: ResolvedScrapeTarget }): ResolvedMetrics['prometheusRule'] {
  const o = toggle<PrometheusRuleOptions>(c, 'prometheusRule', options, PROMETHEUS_RULE_KEYS, '{ labels: { release: "prometheus" } }');
  if (!o) return undefined;
  const r = c.child('prometheusRule');
  const labels = objectLabels(r, o.labels);
  const alertLabels = r.labels('alertLabels', o.alertLabels) ?? {};
  const rules = alertRules({
    namespace: ctx.namespace, controllerJob: targets.controller.service, serverJob: targets.server?.service,
    archive: ctx.controller.config.persistence?.archive === true, thresholds: thresholds(r.child('thresholds'), o.thresholds), alertLabels,
  });
  return { name: PROMETHEUS_RULE_NAME, labels: { ...labels }, rules };
}

/** Validates `metrics` and resolves the Services, ServiceMonitors and the PrometheusRule. */
export function resolveMetrics(options: MetricsOptions | undefined, ctx: MetricsContext): Feature<ResolvedMetrics> {
  const c = new Checker('metrics');
  const o = options === undefined ? {} : c.object(options, '{ serviceMonitor: true }');
  c.known(o, METRICS_KEYS);
  const controller = controllerTarget(ctx);
  const server = serverTarget(c, o.serverMetrics, ctx);
  const sm = toggle<ServiceMonitorOptions>(c, 'serviceMonitor', o.serviceMonitor, SERVICE_MONITOR_KEYS, '{ labels: { release: "prometheus" } }');
  const serviceMonitor = sm ? { ...(interval(c.child('serviceMonitor'), sm.interval) ? { interval: sm.interval } : {}), labels: objectLabels(c.child('serviceMonitor'), sm.labels) } : undefined;
  for (const [set, name] of [[serviceMonitor, 'serviceMonitor'], [o.prometheusRule !== undefined && o.prometheusRule !== false, 'prometheusRule']] as const) {
    if (set && !controller) {
      throw conflict(`metrics.${name} is requested but controller.config.metricsConfig.enabled is false: the controller serves no metrics`,
        `remove metrics.${name}, or remove metricsConfig.enabled: false`);
    }
  }
  const rule = controller ? prometheusRule(c, o.prometheusRule, ctx, { controller, server }) : undefined;
  const resolved: ResolvedMetrics = {
    ...(controller ? { controller } : {}), ...(server ? { server } : {}), ...(serviceMonitor ? { serviceMonitor } : {}), ...(rule ? { prometheusRule: rule } : {}),
  };
  return { resolved, contributes: contributions(resolved) };
}

/**
 * `ARGO_SERVER_METRICS_AUTH=false` when chosen, and Prometheus's flows to what its ServiceMonitors
 * scrape (without a ServiceMonitor nothing is known to scrape: `networkPolicies.prometheus` admits
 * a Prometheus configured otherwise).
 */
function contributions(m: ResolvedMetrics): Contributions {
  const scraped = m.serviceMonitor ? [m.controller, m.server] : [];
  const flows: Flow[] = scraped.flatMap((t) => (t ? [{
    from: { external: ExternalPeer.PROMETHEUS }, to: t.component, port: t.port, purpose: `Prometheus scrapes ${t.component} ${t.path}`,
  }] : []));
  return {
    flows,
    ...(m.server?.auth === ServerMetricsAuth.DISABLED ? { serverEnv: [{ name: 'ARGO_SERVER_METRICS_AUTH', value: 'false' }] } : {}),
  };
}
