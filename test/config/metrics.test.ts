/**
 * The metrics feature: the scrape targets from the controller's endpoint and argo-server's TLS,
 * the flows from Prometheus, ARGO_SERVER_METRICS_AUTH, the alert rules and the option errors.
 */
import { Component, ExternalPeer } from '../../src/config/endpoints';
import { ServerTls } from '../../src/config/exposure';
import { ServerMetricsAuth } from '../../src/config/metrics';
import type { MetricsOptions } from '../../src/config/metrics';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { AuthMode } from '../../src/config/server';
import { Sso } from '../../src/config/auth/sso';
import { bad, expectInvalid } from './_helpers';

const plan = (metrics?: MetricsOptions, extra: Record<string, unknown> = {}) => resolveArgoWorkflows({ metrics, ...extra });
const SSO = Sso.oidc({ issuer: 'https://login.example.com' });

describe('scrape targets', () => {
  test('by default: the controller over HTTPS with its self-signed certificate, no ServiceMonitor, no rule, no argo-server target', () => {
    expect(plan().metrics).toEqual({
      controller: { component: Component.CONTROLLER, service: 'workflow-controller-metrics', port: 'metrics', path: '/metrics', scheme: 'https', tls: { insecureSkipVerify: true } },
    });
  });

  test('metricsConfig.secure: false gives HTTP without TLS settings, and the path and port follow metricsConfig', () => {
    const p = plan({ serviceMonitor: true }, { controller: { config: { metricsConfig: { secure: false, path: '/m', port: 9191 } } } });
    expect(p.metrics.controller).toEqual({ component: Component.CONTROLLER, service: 'workflow-controller-metrics', port: 'metrics', path: '/m', scheme: 'http' });
    expect(p.controller.endpoint.ports[0]).toEqual({ name: 'metrics', containerPort: 9191, protocol: 'TCP', scheme: 'HTTP' });
  });

  test('metricsConfig.enabled: false: no target, no flow', () => {
    const p = plan(undefined, { controller: { config: { metricsConfig: { enabled: false } } } });
    expect(p.metrics).toEqual({});
    expect(p.flows.filter((f) => 'external' in f.from)).toEqual([]);
  });

  test('serverMetrics: argo-server on its web port with a token, TLS as argo-server serves it', () => {
    expect(plan({ serverMetrics: true }).metrics.server).toEqual({
      component: Component.SERVER, service: 'argo-server-metrics', port: 'web', path: '/metrics', scheme: 'https', auth: ServerMetricsAuth.TOKEN,
      tls: { insecureSkipVerify: true }, bearerToken: { secret: 'argo-server-metrics.service-account-token', key: 'token' },
    });
    expect(plan({ serverMetrics: true }, { server: { tls: ServerTls.fromSecret('argo-tls') } }).metrics.server?.tls)
      .toEqual({ serverName: 'argo-server', caSecret: { name: 'argo-tls', key: 'ca.crt' } });
    const plain = plan({ serverMetrics: { auth: ServerMetricsAuth.DISABLED } }, { server: { tls: ServerTls.plainText() } }).metrics.server!;
    expect([plain.scheme, plain.tls, plain.bearerToken]).toEqual(['http', undefined, undefined]);
  });

  test('flows: Prometheus to the controller metrics port, and to argo-server web with serverMetrics, once a ServiceMonitor scrapes them', () => {
    // Without a ServiceMonitor nothing is known to scrape: networkPolicies.prometheus admits a Prometheus configured otherwise.
    expect(plan({ serverMetrics: true }).flows.filter((f) => 'external' in f.from)).toEqual([]);
    expect(plan({ serviceMonitor: true, serverMetrics: true }).flows.filter((f) => 'external' in f.from)).toEqual([
      { from: { external: ExternalPeer.PROMETHEUS }, to: Component.CONTROLLER, port: 'metrics', purpose: 'Prometheus scrapes workflow-controller /metrics' },
      { from: { external: ExternalPeer.PROMETHEUS }, to: Component.SERVER, port: 'web', purpose: 'Prometheus scrapes argo-server /metrics' },
    ]);
  });

  test('ARGO_SERVER_METRICS_AUTH=false only with ServerMetricsAuth.DISABLED', () => {
    const env = (m: MetricsOptions) => plan(m).server!.env.filter((e) => e.name === 'ARGO_SERVER_METRICS_AUTH');
    expect(env({ serverMetrics: true })).toEqual([]);
    expect(env({ serverMetrics: { auth: 'disabled' } })).toEqual([{ name: 'ARGO_SERVER_METRICS_AUTH', value: 'false' }]);
  });

  test('the token works in server mode too, and with SSO next to client mode', () => {
    expect(plan({ serverMetrics: true }, { server: { authModes: [AuthMode.SERVER] } }).metrics.server?.auth).toBe('token');
    expect(plan({ serverMetrics: true }, { sso: SSO }).metrics.server?.auth).toBe('token');
  });

  test('serviceMonitor: interval and labels', () => {
    expect(plan({ serviceMonitor: { interval: '30s', labels: { release: 'prom' } } }).metrics.serviceMonitor).toEqual({ interval: '30s', labels: { release: 'prom' } });
    expect(plan({ serviceMonitor: true }).metrics.serviceMonitor).toEqual({ labels: {} });
    expect(plan({ serviceMonitor: false }).metrics.serviceMonitor).toBeUndefined();
  });
});

describe('the PrometheusRule', () => {
  const names = (m: MetricsOptions, extra = {}) => plan(m, extra).metrics.prometheusRule!.rules.map((r) => r.alert);
  const CONTROLLER_ALERTS = [
    'ArgoWorkflowsControllerDown', 'ArgoWorkflowsControllerNotLeading', 'ArgoWorkflowsControllerPanics', 'ArgoWorkflowsHighErrorRate',
    'ArgoWorkflowsQueueDepthHigh', 'ArgoWorkflowsQueueLatencyHigh', 'ArgoWorkflowsPodsPending', 'ArgoWorkflowsControllerErrorLogs',
  ];

  test('the controller alerts; the archive and argo-server alerts when they apply', () => {
    expect(names({ prometheusRule: true })).toEqual(CONTROLLER_ALERTS);
    expect(names({ prometheusRule: true, serverMetrics: true })).toEqual([...CONTROLLER_ALERTS, 'ArgoServerDown']);
    const db = { persistence: { postgres: { inCluster: {} } } };
    expect(names({ prometheusRule: true, serverMetrics: true }, db)).toEqual([...CONTROLLER_ALERTS, 'ArgoWorkflowsArchiveFailing', 'ArgoServerDown', 'ArgoServerArchiveErrors']);
  });

  test('exact rules: controller down and not leading, by job and namespace', () => {
    const rules = plan({ prometheusRule: { alertLabels: { team: 'data' } } }, { namespace: 'ops' }).metrics.prometheusRule!.rules;
    expect(rules[0]).toEqual({
      alert: 'ArgoWorkflowsControllerDown', expr: 'absent(up{job="workflow-controller-metrics",namespace="ops"} == 1)', for: '5m',
      labels: { team: 'data', severity: 'critical' },
      annotations: {
        summary: 'No workflow-controller is scraped',
        description: 'Prometheus has scraped no workflow-controller pod in ops for 5 minutes: no workflow makes progress.',
        runbook: 'kubectl -n ops get pods -l app=workflow-controller; read the logs of a failing pod (configmap parse errors, database unreachable, missing CRDs).',
      },
    });
    expect(rules[1].expr).toBe('(sum(up{job="workflow-controller-metrics",namespace="ops"}) > 0) unless (max(argo_workflows_is_leader{job="workflow-controller-metrics",namespace="ops"}) == 1)');
  });

  test('thresholds reach the expressions', () => {
    const rules = plan({ prometheusRule: { thresholds: { workflowErrorRatio: 0.25, queueDepth: 7, queueLatencySeconds: 20, pendingPods: 3, errorLogsPerMinute: 2 } } }).metrics.prometheusRule!.rules;
    const expr = (a: string) => rules.find((r) => r.alert === a)!.expr;
    const s = 'job="workflow-controller-metrics",namespace="argo"';
    expect(expr('ArgoWorkflowsHighErrorRate')).toBe(`sum(increase(argo_workflows_total_count{${s},phase=~"Failed|Error"}[30m])) / sum(increase(argo_workflows_total_count{${s},phase=~"Succeeded|Failed|Error"}[30m])) > 0.25`);
    expect(expr('ArgoWorkflowsQueueDepthHigh')).toBe(`max by (queue_name) (argo_workflows_queue_depth_gauge{${s}}) > 7`);
    expect(expr('ArgoWorkflowsQueueLatencyHigh')).toBe(`histogram_quantile(0.95, sum by (le) (rate(argo_workflows_queue_latency_bucket{${s},queue_name="workflow_queue"}[10m]))) > 20`);
    expect(expr('ArgoWorkflowsPodsPending')).toBe(`sum(argo_workflows_pods_gauge{${s},phase="Pending"}) > 3`);
    expect(expr('ArgoWorkflowsControllerErrorLogs')).toBe(`sum(rate(argo_workflows_log_messages{${s},level="error"}[5m])) * 60 > 2`);
  });
});

describe('bad input', () => {
  test('ServiceMonitor requested with metrics disabled', () => {
    expectInvalid(() => plan({ serviceMonitor: true }, { controller: { config: { metricsConfig: { enabled: false } } } }),
      'metrics.serviceMonitor is requested but controller.config.metricsConfig.enabled is false: the controller serves no metrics. Fix: remove metrics.serviceMonitor, or remove metricsConfig.enabled: false');
    expectInvalid(() => plan({ prometheusRule: true }, { controller: { config: { metricsConfig: { enabled: false } } } }),
      'metrics.prometheusRule is requested but controller.config.metricsConfig.enabled is false: the controller serves no metrics. Fix: remove metrics.prometheusRule, or remove metricsConfig.enabled: false');
  });

  test('an alert threshold out of range', () => {
    expectInvalid(() => plan({ prometheusRule: { thresholds: { workflowErrorRatio: 1.5 } } }),
      'metrics.prometheusRule.thresholds.workflowErrorRatio 1.5 is invalid: an alert threshold out of range: it must be a number greater than 0 and at most 1 (a share of the finished workflows). Fix: use 0.1 (the default) or another value in range');
    expectInvalid(() => plan({ prometheusRule: { thresholds: { queueDepth: 0 } } }),
      'metrics.prometheusRule.thresholds.queueDepth 0 is invalid: an alert threshold out of range: it must be a whole number at least 1 and at most 1000000 (items in one queue). Fix: use 100 (the default) or another value in range');
    expectInvalid(() => plan({ prometheusRule: { thresholds: { queueLatencySeconds: 600 } } }),
      'metrics.prometheusRule.thresholds.queueLatencySeconds 600 is invalid: an alert threshold out of range: it must be a whole number at least 1 and at most 180 (seconds; the largest bucket of argo_workflows_queue_latency is 180). Fix: use 60 (the default) or another value in range');
    expectInvalid(() => plan({ prometheusRule: { thresholds: { pendingPods: bad('10') } } }),
      'metrics.prometheusRule.thresholds.pendingPods "10" is invalid: an alert threshold out of range: it must be a whole number at least 1 and at most 1000000 (pods). Fix: use 50 (the default) or another value in range');
  });

  test('serverMetrics without argo-server, and a token sso-only mode refuses', () => {
    expectInvalid(() => plan({ serverMetrics: true }, { server: { enabled: false } }),
      'metrics.serverMetrics is set but server.enabled is false: there is no argo-server to scrape. Fix: remove metrics.serverMetrics, or set server.enabled to true');
    expectInvalid(() => plan({ serverMetrics: true }, { sso: SSO, server: { authModes: [AuthMode.SSO] } }),
      'metrics.serverMetrics.auth is "token" but argo-server\'s auth modes (sso) accept no ServiceAccount token: Prometheus would get 403 from /metrics. Fix: add AuthMode.CLIENT to server.authModes, or set metrics.serverMetrics.auth to ServerMetricsAuth.DISABLED (ARGO_SERVER_METRICS_AUTH=false: /metrics is open to anyone who reaches argo-server)');
    expect(plan({ serverMetrics: { auth: ServerMetricsAuth.DISABLED } }, { sso: SSO, server: { authModes: [AuthMode.SSO] } }).metrics.server?.auth).toBe('disabled');
  });

  test('wrong types, unknown keys, intervals and labels', () => {
    expectInvalid(() => plan(bad({ serviceMonitr: true })), 'metrics.serviceMonitr is not an option argo-stack knows; allowed here: serviceMonitor, prometheusRule, serverMetrics. Fix: rename it to "serviceMonitor"');
    expectInvalid(() => plan({ serviceMonitor: bad('yes') }), 'metrics.serviceMonitor "yes" is invalid: it must be true, false or an object. Fix: use true, false or an object such as { labels: { release: "prometheus" } }');
    expectInvalid(() => plan({ serviceMonitor: { interval: '1m30s' } }), 'metrics.serviceMonitor.interval "1m30s" is invalid: it must be a Prometheus duration of one unit, such as "30s" or "1m". Fix: use "30s", or leave it out for Prometheus\'s own interval');
    expectInvalid(() => plan({ prometheusRule: { labels: { 'app.kubernetes.io/component': 'x' } } }),
      'metrics.prometheusRule.labels["app.kubernetes.io/component"] "x" is invalid: argo-stack sets the app.kubernetes.io/ labels itself, so the value would be replaced. Fix: remove it, or use another label key');
    expectInvalid(() => plan({ serverMetrics: { auth: bad('none') } }),
      'metrics.serverMetrics.auth "none" is invalid: it must be one of "token", "disabled". Fix: use ServerMetricsAuth.TOKEN ("token") or ServerMetricsAuth.DISABLED ("disabled")');
  });
});
