/**
 * The argo-workflows chart's (1.0.18) non-empty defaults. A value equal to its default is read as
 * unset (teams often copy the whole values.yaml): argo-stack's own default applies, and the output
 * says which values were read so.
 */
const LINUX = { 'kubernetes.io/os': 'linux' };
const CONTAINER_SECURITY = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

export const CHART_DEFAULTS: Readonly<Record<string, unknown>> = {
  'images.pullPolicy': 'Always',
  'crds.install': true, 'crds.full': true, 'crds.keep': true,
  'createAggregateRoles': true,
  'singleNamespace': false,
  'workflow.serviceAccount.create': false, 'workflow.serviceAccount.name': 'argo-workflow', 'workflow.rbac.create': true,
  'controller.image.registry': 'quay.io', 'controller.image.repository': 'argoproj/workflow-controller',
  'controller.rbac.create': true, 'controller.rbac.accessAllSecrets': false, 'controller.rbac.writeConfigMaps': false,
  'controller.metricsConfig': { enabled: false, path: '/metrics', port: 9090, ignoreErrors: false, secure: false, portName: 'metrics', servicePort: 8080, servicePortName: 'metrics' },
  'controller.telemetryConfig': { enabled: false, path: '/telemetry', port: 8081, ignoreErrors: false, secure: false, servicePort: 8081, servicePortName: 'telemetry' },
  'controller.securityContext': { readOnlyRootFilesystem: true, ...CONTAINER_SECURITY },
  'controller.serviceMonitor.enabled': false,
  'controller.serviceAccount.create': true,
  'controller.name': 'workflow-controller',
  'controller.instanceID.enabled': false, 'controller.instanceID.useReleaseName': false,
  'controller.logging.level': 'info', 'controller.logging.globallevel': '0', 'controller.logging.format': 'text',
  'controller.serviceType': 'ClusterIP',
  'controller.livenessProbe': { httpGet: { port: 6060, path: '/healthz' }, failureThreshold: 3, initialDelaySeconds: 90, periodSeconds: 60, timeoutSeconds: 30 },
  'controller.replicas': 1, 'controller.pdb.enabled': false,
  'controller.nodeSelector': LINUX,
  'controller.clusterWorkflowTemplates.enabled': true,
  'controller.nodeEvents.enabled': true, 'controller.workflowEvents.enabled': true,
  'controller.failedPodRestart.enabled': false, 'controller.failedPodRestart.maxRestarts': 3,
  'controller.configMap.create': true,
  'executor.image.registry': 'quay.io', 'executor.image.repository': 'argoproj/argoexec',
  'server.enabled': true, 'server.baseHref': '/',
  'server.image.registry': 'quay.io', 'server.image.repository': 'argoproj/argocli',
  'server.rbac.create': true,
  'server.securityContext': { readOnlyRootFilesystem: false, ...CONTAINER_SECURITY },
  'server.name': 'server', 'server.serviceType': 'ClusterIP', 'server.servicePort': 2746,
  'server.serviceAccount.create': true,
  'server.replicas': 1,
  'server.autoscaling.enabled': false, 'server.autoscaling.minReplicas': 1, 'server.autoscaling.maxReplicas': 5,
  'server.autoscaling.targetCPUUtilizationPercentage': 50, 'server.autoscaling.targetMemoryUtilizationPercentage': 50,
  'server.pdb.enabled': false,
  'server.nodeSelector': LINUX,
  'server.logging.level': 'info', 'server.logging.globallevel': '0', 'server.logging.format': 'text',
  'server.ingress.enabled': false, 'server.ingress.paths': ['/'], 'server.ingress.pathType': 'Prefix',
  'server.clusterWorkflowTemplates.enabled': true, 'server.clusterWorkflowTemplates.enableEditing': true,
  'server.livenessProbe.enabled': false,
  'useStaticCredentials': true,
  'artifactRepository.archiveLogs': false,
  'artifactRepository.s3.accessKeySecret.key': 'accesskey', 'artifactRepository.s3.secretKeySecret.key': 'secretkey', 'artifactRepository.s3.insecure': false,
  'useDefaultArtifactRepo': false,
};
