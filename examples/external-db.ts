import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, ArtifactRepository, Credentials, PostgresSslMode, WorkloadIdentity } from '../src';

/**
 * A production shape: the archive in an external PostgreSQL (RDS, Cloud SQL, Azure Database) over
 * TLS with full certificate verification, credentials in a Secret you create, and artifacts in S3
 * through the pod's cloud identity (IRSA: `useSDKCreds`, a role on the workflow service account and
 * a read-only one on argo-server's). `argo.plan.serviceAccountSubjects` lists the two accounts the
 * roles' trust policies must name.
 *
 * Before applying, create the database Secret and the CA bundle of your database's certificate:
 *   kubectl create secret generic argo-postgres-config -n argo \
 *     --from-literal=username=argo --from-literal=password='<password>'
 *   kubectl create configmap rds-ca -n argo --from-file=global-bundle.pem
 * On PostgreSQL 15 or later the user must be allowed to create the archive's tables:
 *   GRANT CREATE ON SCHEMA public TO argo;   (or make it the owner of the database)
 * The ServiceMonitors and the PrometheusRule need the prometheus-operator CRDs.
 */
export const EXTERNAL_DB_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  // The UI reads artifacts and archived logs with argo-server's own identity.
  workloadIdentity: { server: WorkloadIdentity.awsIrsa('arn:aws:iam::111122223333:role/argo-server-artifacts') },
  workflowNamespaces: [{
    name: 'argo-workflows',
    workloadIdentity: WorkloadIdentity.awsIrsa('arn:aws:iam::111122223333:role/argo-workflows-artifacts'),
  }],
  persistence: {
    postgres: {
      host: 'argo.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com',
      port: 5432,
      database: 'argo',
      ssl: true,
      sslMode: PostgresSslMode.VERIFY_FULL,
      // The RDS CA bundle is not in the images' system bundle.
      caCertificate: { configMapName: 'rds-ca', key: 'global-bundle.pem' },
      credentials: Credentials.existing(),
    },
    archiveTTL: '30d',
  },
  // The ServiceMonitors and the alerts, for a kube-prometheus-stack release named "kube-prometheus-stack";
  // argo-server's /metrics too, with the token of the ServiceAccount argo-server-metrics.
  metrics: {
    serviceMonitor: { labels: { release: 'kube-prometheus-stack' } },
    prometheusRule: { labels: { release: 'kube-prometheus-stack' } },
    serverMetrics: true,
  },
  artifactRepositories: {
    repositories: {
      s3: ArtifactRepository.s3({
        bucket: 'example-argo-artifacts',
        endpoint: 's3.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        useSDKCreds: true,
        keyFormat: '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}',
      }),
    },
  },
};

/** The `external-db` preset: one chart of that name in `app`. */
export function buildExternalDb(app: App): Chart {
  const chart = new Chart(app, 'external-db');
  new ArgoWorkflows(chart, 'ArgoWorkflows', EXTERNAL_DB_PROPS);
  return chart;
}
