/**
 * The metrics objects: the headless Services, the ServiceMonitors (scheme and TLS as the targets
 * serve them), argo-server's metrics token, and the PrometheusRule, whose expressions are checked
 * for balanced brackets and for metric names Argo v4.1.2 exports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ServerMetricsAuth } from '../../src/config/metrics';
import { ServerTls } from '../../src/config/exposure';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { validateCustomResources } from '../schemas/custom-resources';
import { find, K8sObject, key, ofKind, stdLabels, synthObjects } from '../util';

/**
 * The controller metrics of Argo v4.1.2, as `docs/metrics.md` lists them (generated from
 * `util/telemetry/builder/values.yaml`), with the `argo_workflows_` prefix the Prometheus exporter
 * adds (`util/telemetry/exporter_prometheus.go`: `UnderscoreEscapingWithoutSuffixes`, so no unit or
 * `_total` suffix is added).
 */
const ARGO_METRICS = [
  'client_rate_limiter_latency', 'cronworkflows_concurrencypolicy_triggered', 'cronworkflows_triggered_total', 'deprecated_feature', 'error_count',
  'gauge', 'is_leader', 'k8s_request_duration', 'k8s_request_total', 'locks_held', 'locks_pending', 'locks_taken_total', 'log_messages',
  'operation_duration_seconds', 'pod_missing', 'pod_pending_count', 'pod_restarts_total', 'pods_gauge', 'pods_total_count', 'queue_adds_count',
  'queue_depth_gauge', 'queue_duration', 'queue_latency', 'queue_longest_running', 'queue_retries', 'queue_unfinished_work',
  'resource_rate_limiter_latency', 'total_count', 'version', 'workers_busy_count', 'workflow_condition', 'workflowtemplate_runtime',
  'workflowtemplate_triggered_total',
].map((m) => `argo_workflows_${m}`);
/** The histograms among them, which Prometheus exposes as `_bucket`, `_sum` and `_count`. */
const HISTOGRAMS = ['client_rate_limiter_latency', 'k8s_request_duration', 'operation_duration_seconds', 'queue_duration', 'queue_latency', 'resource_rate_limiter_latency', 'workflowtemplate_runtime'];
/** argo-server's gRPC metrics (go-grpc-prometheus v1.2.0) and Prometheus's own `up`. */
const OTHER_METRICS = ['up', 'grpc_server_handled_total', 'grpc_server_started_total', 'grpc_server_handling_seconds_bucket'];
const KNOWN = new Set([...ARGO_METRICS, ...HISTOGRAMS.flatMap((h) => ['_bucket', '_sum', '_count'].map((s) => `argo_workflows_${h}${s}`)), ...OTHER_METRICS]);
/** PromQL functions, aggregations and keywords the rules use. */
const PROMQL_WORDS = new Set(['absent', 'sum', 'max', 'rate', 'increase', 'histogram_quantile', 'by', 'unless']);

/** The metric names of an expression: identifiers followed by `{`, outside label matchers and strings. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  const withoutMatchers = withoutStrings.replace(/\{[^}]*\}/g, '{}');
  return [...withoutMatchers.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{/g)].map((m) => m[1]);
}

/** Whether `(`, `[` and `{` are balanced and nested, outside strings. */
function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const ch of expr.replace(/"[^"]*"/g, '""')) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0;
}

const FULL: ArgoWorkflowsProps = {
  workflowNamespaces: [{ name: 'argo' }],
  persistence: { postgres: { inCluster: {} } },
  metrics: { serviceMonitor: { interval: '30s', labels: { release: 'prom' } }, prometheusRule: { labels: { release: 'prom' } }, serverMetrics: true },
};

describe('the metrics Service', () => {
  test('workflow-controller-metrics: headless, port metrics 9090, the controller endpoint\'s selector; created by default', () => {
    const objs = synthObjects({});
    expect(find(objs, 'Service', 'workflow-controller-metrics', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'workflow-controller-metrics', namespace: 'argo', labels: stdLabels('workflow-controller', { 'app.kubernetes.io/name': 'workflow-controller-metrics' }) },
      spec: { clusterIP: 'None', selector: { app: 'workflow-controller' }, ports: [{ name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }] },
    });
    expect(objs.filter((o) => o.apiVersion.startsWith('monitoring.coreos.com/'))).toEqual([]);
  });

  test('no Service when the controller serves no metrics', () => {
    const objs = synthObjects({ controller: { config: { metricsConfig: { enabled: false } } } });
    expect(ofKind(objs, 'Service').map(key)).toEqual(['Service argo/argo-server']);
  });
});

describe('everything on', () => {
  const objs = synthObjects(FULL);
  const monitoring = objs.filter((o) => o.apiVersion === 'monitoring.coreos.com/v1');

  test('the objects', () => {
    expect(objs.filter((o) => o.metadata.name.includes('metrics') || o.apiVersion === 'monitoring.coreos.com/v1').map(key)).toEqual([
      'Service argo/workflow-controller-metrics', 'ServiceMonitor argo/workflow-controller',
      'Service argo/argo-server-metrics', 'ServiceMonitor argo/argo-server',
      'ServiceAccount argo/argo-server-metrics', 'Secret argo/argo-server-metrics.service-account-token',
      'PrometheusRule argo/argo-workflows',
    ]);
  });

  test('the controller ServiceMonitor: HTTPS, the self-signed certificate not verified', () => {
    expect(find(objs, 'ServiceMonitor', 'workflow-controller', 'argo')).toEqual({
      apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor',
      metadata: { name: 'workflow-controller', namespace: 'argo', labels: stdLabels('metrics', { release: 'prom' }) },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'workflow-controller-metrics' } },
        namespaceSelector: { matchNames: ['argo'] },
        endpoints: [{ port: 'metrics', path: '/metrics', scheme: 'https', interval: '30s', tlsConfig: { insecureSkipVerify: true } }],
      },
    });
  });

  test('argo-server: its headless Service on web, the ServiceMonitor with the token, an account without RBAC', () => {
    expect(find(objs, 'Service', 'argo-server-metrics', 'argo').spec).toEqual({
      clusterIP: 'None', selector: { app: 'argo-server' }, ports: [{ name: 'web', port: 2746, targetPort: 2746, protocol: 'TCP' }],
    });
    expect(find(objs, 'ServiceMonitor', 'argo-server', 'argo').spec.endpoints).toEqual([{
      port: 'web', path: '/metrics', scheme: 'https', interval: '30s', tlsConfig: { insecureSkipVerify: true },
      authorization: { type: 'Bearer', credentials: { name: 'argo-server-metrics.service-account-token', key: 'token' } },
    }]);
    expect(find(objs, 'ServiceAccount', 'argo-server-metrics', 'argo').automountServiceAccountToken).toBe(false);
    expect(find(objs, 'Secret', 'argo-server-metrics.service-account-token', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 'argo-server-metrics.service-account-token', namespace: 'argo', labels: stdLabels('metrics'),
        annotations: { 'kubernetes.io/service-account.name': 'argo-server-metrics' },
      },
    });
    const bindings = objs.filter((o) => /RoleBinding$/.test(o.kind));
    expect(JSON.stringify(bindings)).not.toContain('argo-server-metrics');
  });

  test('the PrometheusRule: one group, every rule with severity and runbook', () => {
    const rule = find(objs, 'PrometheusRule', 'argo-workflows', 'argo');
    expect(rule.metadata.labels).toEqual(stdLabels('metrics', { release: 'prom' }));
    expect(rule.spec.groups.map((g: { name: string }) => g.name)).toEqual(['argo-workflows']);
    for (const r of rule.spec.groups[0].rules) {
      expect(Object.keys(r).sort()).toEqual(['alert', 'annotations', 'expr', 'for', 'labels']);
      expect(['critical', 'warning']).toContain(r.labels.severity);
      expect(r.annotations.runbook.length).toBeGreaterThan(20);
    }
  });

  test('every expression is balanced and names only metrics Argo v4.1.2, argo-server or Prometheus export', () => {
    const rules = find(objs, 'PrometheusRule', 'argo-workflows', 'argo').spec.groups[0].rules as { alert: string; expr: string }[];
    for (const r of rules) {
      expect([r.alert, balanced(r.expr)]).toEqual([r.alert, true]);
      const names = metricNames(r.expr);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect([r.alert, n, KNOWN.has(n)]).toEqual([r.alert, n, true]);
      const words = [...r.expr.replace(/"[^"]*"/g, '').replace(/\{[^}]*\}/g, '').matchAll(/[a-z_]+(?=\s*\()/g)].map((m) => m[0]);
      for (const w of words) expect([r.alert, w, PROMQL_WORDS.has(w) || KNOWN.has(w)]).toEqual([r.alert, w, true]);
    }
  });

  test('the README has a runbook line for every alert, with its severity and duration', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Metrics and alerts'), readme.indexOf('## Checking the manifests'));
    const rules = find(objs, 'PrometheusRule', 'argo-workflows', 'argo').spec.groups[0].rules as { alert: string; for: string; labels: { severity: string } }[];
    expect(rules).toHaveLength(11);
    for (const r of rules) expect(section).toContain(`| \`${r.alert}\` | ${r.labels.severity}, ${r.for} |`);
  });

  test('the checks catch a wrong name and an unbalanced bracket', () => {
    expect(metricNames('sum(rate(argo_workflows_nope{a="b{"}[5m]))')).toEqual(['argo_workflows_nope']);
    expect(balanced('sum(rate(x{a="("}[5m])')).toBe(false);
  });

  test('ServiceMonitors and the PrometheusRule are valid prometheus-operator objects', () => {
    expect(monitoring).toHaveLength(3);
    expect(validateCustomResources(monitoring)).toEqual(monitoring.map(() => null));
  });
});

describe('scheme and TLS follow the targets', () => {
  const monitors = (props: ArgoWorkflowsProps): K8sObject[] => ofKind(synthObjects(props), 'ServiceMonitor');

  test('metricsConfig.secure: false: HTTP, no tlsConfig', () => {
    const [c] = monitors({ metrics: { serviceMonitor: true }, controller: { config: { metricsConfig: { secure: false } } } });
    expect(c.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', scheme: 'http' }]);
  });

  test('argo-server with a certificate Secret: verified with its CA and the Service name', () => {
    const all = monitors({ metrics: { serviceMonitor: true, serverMetrics: true }, server: { tls: ServerTls.fromSecret('argo-tls') } });
    expect(all[1].spec.endpoints[0].tlsConfig).toEqual({ serverName: 'argo-server', ca: { secret: { name: 'argo-tls', key: 'ca.crt' } } });
    expect(validateCustomResources(all)).toEqual([null, null]);
  });

  test('argo-server plain HTTP with auth disabled: no TLS, no token, ARGO_SERVER_METRICS_AUTH=false', () => {
    const objs = synthObjects({ metrics: { serviceMonitor: true, serverMetrics: { auth: ServerMetricsAuth.DISABLED } }, server: { tls: ServerTls.plainText() } });
    expect(find(objs, 'ServiceMonitor', 'argo-server', 'argo').spec.endpoints).toEqual([{ port: 'web', path: '/metrics', scheme: 'http' }]);
    expect(objs.filter((o) => o.kind === 'Secret' && o.metadata.name.startsWith('argo-server-metrics'))).toEqual([]);
    const env = find(objs, 'Deployment', 'argo-server', 'argo').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'ARGO_SERVER_METRICS_AUTH', value: 'false' });
  });
});
