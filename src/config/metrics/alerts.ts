/**
 * The alerts of the `PrometheusRule`, as plain data. Metric names and labels are Argo v4.1.2's
 * (`docs/metrics.md`, generated from `util/telemetry/builder/values.yaml`; the Prometheus exporter
 * uses `UnderscoreEscapingWithoutSuffixes`, so names carry the `argo_workflows_` prefix and no unit
 * or `_total` suffix), argo-server's gRPC metrics are go-grpc-prometheus v1.2.0's, and `up` is
 * Prometheus's own. The `job` label is the scraped Service's name, as a ServiceMonitor sets it.
 */

/** Every threshold, resolved. */
export interface ResolvedThresholds {
  readonly workflowErrorRatio: number;
  readonly queueDepth: number;
  readonly queueLatencySeconds: number;
  readonly pendingPods: number;
  readonly errorLogsPerMinute: number;
}

export const DEFAULT_THRESHOLDS: ResolvedThresholds = {
  workflowErrorRatio: 0.1, queueDepth: 100, queueLatencySeconds: 60, pendingPods: 50, errorLogsPerMinute: 10,
};

/** One alerting rule of a `PrometheusRule`. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold. */
  readonly for: string;
  readonly labels: Record<string, string>;
  /** `summary`, `description` and `runbook` (the first thing to do; the README has the same line). */
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook: string };
}

/** What the alerts are computed from. */
export interface AlertContext {
  readonly namespace: string;
  /** The `job` of the controller's metrics (its Service's name). */
  readonly controllerJob: string;
  /** The `job` of argo-server's metrics, when they are scraped. */
  readonly serverJob?: string;
  /** Whether the workflow archive is on (`persistence.archive`). */
  readonly archive: boolean;
  readonly thresholds: ResolvedThresholds;
  /** Labels added to every alert. */
  readonly alertLabels: Readonly<Record<string, string>>;
}

type Severity = 'critical' | 'warning';

function rule(ctx: AlertContext, alert: string, severity: Severity, forDuration: string, expr: string, text: AlertRule['annotations']): AlertRule {
  return { alert, expr, for: forDuration, labels: { ...ctx.alertLabels, severity }, annotations: text };
}

/** The controller's alerts. */
function controllerAlerts(ctx: AlertContext): AlertRule[] {
  const s = `job="${ctx.controllerJob}",namespace="${ctx.namespace}"`;
  const t = ctx.thresholds;
  return [
    rule(ctx, 'ArgoWorkflowsControllerDown', 'critical', '5m', `absent(up{${s}} == 1)`, {
      summary: 'No workflow-controller is scraped',
      description: `Prometheus has scraped no workflow-controller pod in ${ctx.namespace} for 5 minutes: no workflow makes progress.`,
      runbook: `kubectl -n ${ctx.namespace} get pods -l app=workflow-controller; read the logs of a failing pod (configmap parse errors, database unreachable, missing CRDs).`,
    }),
    rule(ctx, 'ArgoWorkflowsControllerNotLeading', 'critical', '10m', `(sum(up{${s}}) > 0) unless (max(argo_workflows_is_leader{${s}}) == 1)`, {
      summary: 'No workflow-controller holds the leader lease',
      description: `workflow-controller pods in ${ctx.namespace} are up, but none has reported argo_workflows_is_leader 1 for 10 minutes: workflows are not reconciled.`,
      runbook: `kubectl -n ${ctx.namespace} get lease workflow-controller -o yaml; check the controller's leases RBAC and its logs for leader-election errors.`,
    }),
    rule(ctx, 'ArgoWorkflowsControllerPanics', 'warning', '1m', `sum(increase(argo_workflows_error_count{${s},cause="OperationPanic"}[10m])) > 0`, {
      summary: 'The workflow-controller recovered from a panic',
      description: 'A workflow reconciliation hit a programming error (error_count cause OperationPanic).',
      runbook: `kubectl -n ${ctx.namespace} logs deploy/workflow-controller | grep -i panic; note the workflow it names and report the stack trace upstream.`,
    }),
    rule(ctx, 'ArgoWorkflowsHighErrorRate', 'warning', '15m',
      `sum(increase(argo_workflows_total_count{${s},phase=~"Failed|Error"}[30m])) / sum(increase(argo_workflows_total_count{${s},phase=~"Succeeded|Failed|Error"}[30m])) > ${t.workflowErrorRatio}`, {
        summary: 'Many workflows end Failed or Error',
        description: `More than ${t.workflowErrorRatio * 100}% of the workflows that finished in the last 30 minutes ended Failed or Error.`,
        runbook: 'argo list -A --status Failed,Error; look for a common cause (image pulls, artifact repository access, quota, a shared template).',
      }),
    rule(ctx, 'ArgoWorkflowsQueueDepthHigh', 'warning', '15m', `max by (queue_name) (argo_workflows_queue_depth_gauge{${s}}) > ${t.queueDepth}`, {
      summary: 'A workflow-controller queue is backing up',
      description: `The controller queue {{ $labels.queue_name }} has held more than ${t.queueDepth} items for 15 minutes: the controller is not keeping up.`,
      runbook: 'Check argo_workflows_workers_busy_count and the controller CPU; raise controller.workers for that queue or controller.kubeApiQps, or give the controller more CPU.',
    }),
    rule(ctx, 'ArgoWorkflowsQueueLatencyHigh', 'warning', '15m',
      `histogram_quantile(0.95, sum by (le) (rate(argo_workflows_queue_latency_bucket{${s},queue_name="workflow_queue"}[10m]))) > ${t.queueLatencySeconds}`, {
        summary: 'Workflows wait long before the controller reconciles them',
        description: `The 95th percentile wait in workflow_queue has been above ${t.queueLatencySeconds}s for 15 minutes.`,
        runbook: 'Check argo_workflows_workers_busy_count{worker_type="workflow_queue"}; raise controller.workers.workflow, controller.kubeApiQps and kubeApiBurst, or the controller CPU.',
      }),
    rule(ctx, 'ArgoWorkflowsPodsPending', 'warning', '15m', `sum(argo_workflows_pods_gauge{${s},phase="Pending"}) > ${t.pendingPods}`, {
      summary: 'Many workflow pods are Pending',
      description: `More than ${t.pendingPods} workflow pods have been Pending for 15 minutes.`,
      runbook: 'kubectl get pods -A --field-selector=status.phase=Pending -l workflows.argoproj.io/workflow; read their events (insufficient CPU or memory, quota, unbound PVCs, image pulls, admission).',
    }),
    rule(ctx, 'ArgoWorkflowsControllerErrorLogs', 'warning', '15m', `sum(rate(argo_workflows_log_messages{${s},level="error"}[5m])) * 60 > ${t.errorLogsPerMinute}`, {
      summary: 'The workflow-controller logs many errors',
      description: `The controller has logged more than ${t.errorLogsPerMinute} errors a minute for 15 minutes (database and offload failures show up here).`,
      runbook: `kubectl -n ${ctx.namespace} logs deploy/workflow-controller | grep -i error; "offload" or "sql" errors mean the database is unreachable or its credentials are wrong.`,
    }),
    ...(ctx.archive ? [rule(ctx, 'ArgoWorkflowsArchiveFailing', 'warning', '15m',
      `sum(increase(argo_workflows_queue_retries{${s},queue_name="workflow_archive_queue"}[15m])) > 0`, {
        summary: 'Archiving workflows to the database keeps failing',
        description: 'The controller has retried workflow_archive_queue items for 15 minutes: completed workflows are not archived.',
        runbook: `kubectl -n ${ctx.namespace} logs deploy/workflow-controller | grep "failed to archive"; check the database is reachable and its Secret is right.`,
      })] : []),
  ];
}

/** argo-server's alerts, when its metrics are scraped. */
function serverAlerts(ctx: AlertContext, job: string): AlertRule[] {
  const s = `job="${job}",namespace="${ctx.namespace}"`;
  return [
    rule(ctx, 'ArgoServerDown', 'critical', '5m', `absent(up{${s}} == 1)`, {
      summary: 'No argo-server is scraped',
      description: `Prometheus has scraped no argo-server pod in ${ctx.namespace} for 5 minutes: the UI and API are down.`,
      runbook: `kubectl -n ${ctx.namespace} get pods -l app=argo-server; read its logs (TLS Secret, SSO settings, database).`,
    }),
    ...(ctx.archive ? [rule(ctx, 'ArgoServerArchiveErrors', 'warning', '10m',
      `sum(increase(grpc_server_handled_total{${s},grpc_service="workflowarchive.ArchivedWorkflowService",grpc_code=~"Unknown|Internal|Unavailable|DeadlineExceeded"}[10m])) > 0`, {
        summary: 'argo-server fails to read the workflow archive',
        description: 'Archived-workflow API calls have failed with server errors for 10 minutes: the database is unreachable from argo-server.',
        runbook: `kubectl -n ${ctx.namespace} logs deploy/argo-server | grep -i archive; check the database is reachable and its Secret is right.`,
      })] : []),
  ];
}

/** Every alert of the install. */
export function alertRules(ctx: AlertContext): AlertRule[] {
  return [...controllerAlerts(ctx), ...(ctx.serverJob ? serverAlerts(ctx, ctx.serverJob) : [])];
}
