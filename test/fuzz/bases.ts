/**
 * Valid option sets the fuzz mutates: the presets of examples/, plus a few that together set every
 * option, so that every path of the surface has a present parent in some base (a test checks it).
 */
import { CLUSTER_PROPS } from '../../examples/cluster';
import { EXTERNAL_DB_PROPS } from '../../examples/external-db';
import { NAMESPACED_PROPS } from '../../examples/namespaced';
import { QUICK_START_PROPS } from '../../examples/quick-start';
import { SSO_PROPS } from '../../examples/sso';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { DEFAULT_MINIO_CLIENT_IMAGE, DEFAULT_MINIO_IMAGE } from '../../src/config/storage/minio';
import { Credentials } from '../../src/config/credentials';
import { DEFAULT_JOBS_IMAGE } from '../../src/config/images';
import { CrdMode, InstallScope } from '../../src/config/install';
import { LogFormat, LogLevel } from '../../src/config/logging';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { DEFAULT_MYSQL_IMAGE, DEFAULT_POSTGRES_IMAGE, PostgresSslMode } from '../../src/config/persistence/database-options';
import type { PodOptions } from '../../src/config/pod';
import { RbacProfile } from '../../src/config/rbac';
import { AuthMode, TlsVersion } from '../../src/config/server';
import { ServerMetricsAuth } from '../../src/config/metrics';
import { Exposure, IngressController, IngressTls, ServerTls } from '../../src/config/exposure';
import { PodSecurityLevel } from '../../src/config/workflow-namespaces';
import { WorkloadIdentity } from '../../src/config/identity/workload-identity';
import { TemplateReferencing } from '../../src/config/templates/workflow-restrictions';

const resources = () => ({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
const pod = (): PodOptions => ({
  resources: resources(), nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'dedicated', operator: 'Exists' }],
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['argo'] }] } }] } },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
  podMetadata: { labels: { team: 'data' }, annotations: { 'example.com/owner': 'data' } },
  imagePullSecrets: ['pod-pull'],
});
const REGISTRY = 'registry.example.com/argoproj';
/** A sealed value as kubeseal prints it (base64, well over the minimum length). */
const SEALED = 'QWxsIHRoZSB3b3JsZCBpcyBhIHN0YWdlLCBhbmQgYWxsIHRoZSBtZW4gYW5kIHdvbWVuIG1lcmVseSBwbGF5ZXJz'.repeat(3);

/** A cluster install with argo-server on a LoadBalancer, in-cluster MySQL with synchronization, S3 and GCS. */
const EVERYTHING_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo-full', createNamespace: true, version: 'v4.1.2', imageRegistry: REGISTRY,
  images: {
    controller: `${REGISTRY}/workflow-controller:v4.1.2`, server: `${REGISTRY}/argocli:v4.1.2`, executor: `${REGISTRY}/argoexec:v4.1.2`,
    crdInstaller: `${REGISTRY}/argo-workflows-crdinstaller:v4.1.2`, jobs: DEFAULT_JOBS_IMAGE,
  },
  scope: InstallScope.CLUSTER, crds: CrdMode.MINIMAL, labels: { team: 'data' }, imagePullSecrets: ['mirror-pull'], jobs: pod(),
  controller: {
    ...pod(), replicas: 2, leaderElection: true, podDisruptionBudget: { minAvailable: 1 }, logLevel: LogLevel.DEBUG, logFormat: LogFormat.JSON, workflowPodSecurityDefaults: true,
    serviceAccountAnnotations: { 'example.com/owner': 'data' },
    workers: { workflow: 16, workflowTtl: 2, podCleanup: 2, cronWorkflow: 4, workflowArchive: 4 }, kubeApiQps: 30, kubeApiBurst: 45,
    config: { parallelism: 10, navColor: 'red' },
  },
  server: {
    ...pod(), enabled: true, replicas: 2, podDisruptionBudget: { minAvailable: 1 }, logLevel: LogLevel.WARN, logFormat: LogFormat.TEXT, serviceAccountAnnotations: { 'example.com/owner': 'ui' },
    authModes: [AuthMode.CLIENT, AuthMode.SERVER], allowServerAuthModeWhenExposed: true, baseHref: '/argo/', apiRateLimit: 500, xFrameOptions: 'SAMEORIGIN', hsts: true,
    accessControlAllowOrigin: 'https://ui.example.com', tlsMinVersion: TlsVersion.TLS_1_3, tls: ServerTls.fromSecret('argo-server-tls'),
    exposure: Exposure.loadBalancer({ sourceRanges: ['203.0.113.0/24'] }),
  },
  metrics: {
    serviceMonitor: { interval: '30s', labels: { release: 'prometheus' } },
    prometheusRule: {
      labels: { release: 'prometheus' }, alertLabels: { team: 'data' },
      thresholds: { workflowErrorRatio: 0.2, queueDepth: 200, queueLatencySeconds: 30, pendingPods: 20, errorLogsPerMinute: 5 },
    },
    serverMetrics: { auth: ServerMetricsAuth.TOKEN },
  },
  workflowNamespaces: [
    {
      name: 'wf-a', create: true, podSecurity: PodSecurityLevel.BASELINE, serviceAccountName: 'runner',
      serviceAccountAnnotations: { 'example.com/role': 'runner' }, agent: true, artifactGC: true,
    },
    { name: 'wf-b', serviceAccountName: 'runner', artifactGC: true },
  ],
  persistence: {
    mysql: {
      inCluster: { ...pod(), image: DEFAULT_MYSQL_IMAGE, storage: '20Gi', storageClassName: 'fast' },
      port: 3306, database: 'argo', secretName: 'argo-mysql-config', credentials: Credentials.generated({ fixed: { username: 'argo' }, length: 24 }),
      connectionTimeoutSeconds: 10, options: { tls: 'false' },
    },
    archive: true, archiveTTL: '7d', archiveLabelSelector: { matchLabels: { archive: 'yes' } }, nodeStatusOffLoad: true,
    connectionPool: { maxIdleConns: 2, maxOpenConns: 10, connMaxLifetime: '1h' }, clusterName: 'prod', skipMigration: false, tableName: 'argo_workflows',
    synchronization: {
      controllerName: 'controller-a', enableAPI: true, limitTableName: 'sync_limit', stateTableName: 'sync_state', controllerTableName: 'sync_controller',
      lockTableName: 'sync_lock', pollSeconds: 5, heartbeatSeconds: 60, inactiveControllerSeconds: 300, semaphoreLimitCacheSeconds: 0,
    },
  },
  artifactRepository: ArtifactRepository.gcs({ bucket: 'argo-default-artifacts' }),
  artifactRepositories: {
    repositories: {
      s3: ArtifactRepository.s3({
        bucket: 'argo-artifacts', endpoint: 's3.amazonaws.com', region: 'us-east-1',
        accessKeySecret: { name: 's3-cred', key: 'accessKey' }, secretKeySecret: { name: 's3-cred', key: 'secretKey' },
      }),
      gcs: ArtifactRepository.gcs({ bucket: 'argo-more-artifacts' }),
    },
    defaultKey: 's3', configMapName: 'artifact-repositories',
  },
  secrets: [{
    name: 's3-cred', keys: ['accessKey', 'secretKey'], description: 'S3 keys of the artifact repository',
    credentials: Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/s3', refreshInterval: '15m' }),
  }],
};

/** A namespaced install without argo-server: external PostgreSQL with RDS IAM, MinIO with TLS. */
const DATA_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo-data', createNamespace: false, scope: InstallScope.NAMESPACED, managedNamespace: 'wf', crds: CrdMode.NONE,
  server: { enabled: false },
  workflowNamespaces: [{ name: 'wf' }],
  minio: {
    ...pod(), bucket: 'artifacts', secretName: 'minio-cred', credentials: Credentials.generated({ fixed: { accesskey: 'admin' } }),
    image: DEFAULT_MINIO_IMAGE, clientImage: DEFAULT_MINIO_CLIENT_IMAGE, storage: '5Gi', storageClassName: 'standard',
    tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } },
  },
  secrets: [{ name: 'minio-ca', keys: ['ca.crt'], credentials: Credentials.existing() }],
  persistence: {
    postgres: {
      host: 'db.example.com', port: 5432, database: 'argo', secretName: 'argo-pg', ssl: true, sslMode: PostgresSslMode.VERIFY_FULL,
      awsRdsIamAuth: { region: 'eu-west-1' }, caCertificate: { configMapName: 'rds-ca', key: 'ca.pem' }, connectionTimeoutSeconds: 5,
      credentials: Credentials.sealedSecret({ encryptedData: { username: SEALED } }),
    },
    archive: false,
    synchronization: true,
  },
};

/** External PostgreSQL with an Azure token. */
const AZURE_DB_PROPS: ArgoWorkflowsProps = {
  workflowNamespaces: [{ name: 'argo' }],
  persistence: {
    postgres: { host: 'argo.postgres.database.azure.com', ssl: true, azureTokenAuth: { scope: 'https://ossrdbms-aad.database.windows.net/.default' }, credentials: Credentials.existing() },
  },
};

/** PostgreSQL in the cluster, every option of its pod set. */
const IN_CLUSTER_POSTGRES_PROPS: ArgoWorkflowsProps = {
  workflowNamespaces: [{ name: 'argo' }],
  persistence: {
    postgres: { inCluster: { ...pod(), image: DEFAULT_POSTGRES_IMAGE, storage: '15Gi', storageClassName: 'fast' }, ssl: false },
    connectionPool: { connMaxLifetime: '30m' },
  },
};

/** Workload identities on every ServiceAccount, strict templates and executor tokens, with S3 through the SDK chain. */
const IDENTITY_PROPS: ArgoWorkflowsProps = {
  workflowNamespaces: [
    {
      name: 'argo', artifactGC: true,
      workloadIdentity: WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/argo-workflows'),
      artifactGCWorkloadIdentity: WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/argo-artifact-gc'),
    },
    { name: 'team-b', artifactGC: true },
  ],
  workloadIdentity: {
    server: WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/argo-server'),
    workflows: WorkloadIdentity.awsPodIdentity(),
    artifactGC: WorkloadIdentity.awsPodIdentity(),
  },
  workflowRestrictions: { templateReferencing: TemplateReferencing.STRICT, exampleTemplate: true },
  workflowServiceAccountTokens: true,
  artifactRepository: ArtifactRepository.s3({ bucket: 'argo-artifacts', region: 'us-east-1', useSDKCreds: true }),
};

/** argo-server behind Traefik under /argo/ with its certificate from cert-manager, and behind a Gateway. */
const INGRESS_PROPS: ArgoWorkflowsProps = {
  workflowNamespaces: [{ name: 'argo' }],
  server: {
    autoscaling: { minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 80, targetMemoryUtilizationPercentage: 90 },
    podDisruptionBudget: { minAvailable: 1 }, priorityClassName: 'platform-high',
    extraArgs: ['--event-worker-count=8', '--event-async-dispatch'], extraEnv: { GRPC_MESSAGE_SIZE: '209715200' },
    baseHref: '/argo/', tls: ServerTls.certManager({ issuer: 'argo-ca', dnsNames: ['argo-server', 'argo.example.com'] }),
    exposure: Exposure.ingress({
      controller: IngressController.traefik(), hosts: ['argo.example.com'], className: 'traefik-public',
      tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }), annotations: { 'example.com/team': 'data' },
    }),
  },
  networkPolicies: {
    enabled: true, apiServer: { cidrs: ['172.18.0.2/32', 'fd00::2/128'], ports: [6443] },
    dns: { namespaceSelector: { 'kubernetes.io/metadata.name': 'kube-system' }, podSelector: { 'k8s-app': 'kube-dns' } },
    ingressController: { namespaceSelector: { 'kubernetes.io/metadata.name': 'traefik' }, podSelector: { 'app.kubernetes.io/name': 'traefik' } },
    prometheus: { namespaceSelector: { 'kubernetes.io/metadata.name': 'monitoring' }, podSelector: { 'app.kubernetes.io/name': 'prometheus' } },
    workflowEgress: { internet: true, cidrs: ['10.20.0.0/16'] },
  },
};
const GATEWAY_PROPS: ArgoWorkflowsProps = {
  controller: { priorityClassName: 'platform-high', extraArgs: ['--gloglevel=2', '--executor-plugins'], extraEnv: { DEFAULT_REQUEUE_TIME: '20s' } },
  server: {
    tls: ServerTls.fromSecret('argo-server-tls'),
    exposure: Exposure.gateway({
      parentRefs: [{ name: 'eg', namespace: 'gateway-system', sectionName: 'https' }], hostnames: ['argo.example.com'],
      backendTls: { caConfigMap: 'argo-server-ca', hostname: 'argo-server.argo.svc' },
    }),
  },
  networkPolicies: { gateway: { namespaceSelector: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' }, podSelector: { 'app.kubernetes.io/name': 'envoy' } } },
};

/** The minimal RBAC profile with every feature turned on. */
const MINIMAL_RBAC_PROPS: ArgoWorkflowsProps = {
  workflowNamespaces: [{ name: 'argo', agent: true, artifactGC: true }],
  rbacProfile: RbacProfile.MINIMAL,
  rbacFeatures: {
    memoization: true, templateOffload: true, namespaceParallelism: true, podDisruptionBudgets: true, volumeClaims: true, agent: true, artifactGc: true,
    argoEvents: true, workflowEvents: true, syncLimits: true, ssoRbac: true,
  },
};

/** Every base, by name. Each must be valid as it is. */
export const BASES: readonly { readonly name: string; readonly props: ArgoWorkflowsProps }[] = [
  { name: 'cluster', props: CLUSTER_PROPS },
  { name: 'quick-start', props: QUICK_START_PROPS },
  { name: 'sso', props: SSO_PROPS },
  { name: 'namespaced', props: NAMESPACED_PROPS },
  { name: 'external-db', props: EXTERNAL_DB_PROPS },
  { name: 'everything', props: EVERYTHING_PROPS },
  { name: 'data', props: DATA_PROPS },
  { name: 'azure-db', props: AZURE_DB_PROPS },
  { name: 'in-cluster-postgres', props: IN_CLUSTER_POSTGRES_PROPS },
  { name: 'identity', props: IDENTITY_PROPS },
  { name: 'ingress', props: INGRESS_PROPS },
  { name: 'gateway', props: GATEWAY_PROPS },
  { name: 'minimal-rbac', props: MINIMAL_RBAC_PROPS },
];
