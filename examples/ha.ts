import { App, Chart } from 'cdk8s';
import { ArgoWorkflows, type ArgoWorkflowsProps, Credentials, PostgresSslMode, type TopologySpreadConstraint } from '../src';

/**
 * Spread the pods of one Deployment (`app: <name>`) across zones and nodes.
 *
 * - Zones: `ScheduleAnyway`, so a cluster in one zone (or with fewer zones than replicas) still
 *   schedules every pod; the scheduler only prefers spreading.
 * - Nodes: `DoNotSchedule`: two replicas on one node would both go with it, which is what the
 *   replicas are for. On a one-node cluster it is still satisfied (one domain has no skew).
 *   `nodeTaintsPolicy: Honor` leaves out nodes the pod cannot run on (cordoned nodes during a drain,
 *   tainted control-plane nodes), so they do not count as empty nodes that block scheduling.
 * - `matchLabelKeys: ["pod-template-hash"]` counts only the pods of the same ReplicaSet, so old pods
 *   of a rolling update do not skew the placement of the new ones.
 */
export function spreadAcrossZonesAndNodes(app: string): TopologySpreadConstraint[] {
  const common = { maxSkew: 1, labelSelector: { matchLabels: { app } }, matchLabelKeys: ['pod-template-hash'] };
  return [
    { ...common, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
    { ...common, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor' },
  ];
}

/**
 * A highly available install: two workflow-controllers behind leader election (one works, the other
 * takes over within the lease's 15 seconds), two argo-servers, a PodDisruptionBudget for each
 * (`minAvailable: 1`, so a node drain never takes both), both spread across zones and nodes, and
 * sized resources. The archive is in an external, replicated PostgreSQL (a managed service): the
 * in-cluster database is a one-replica StatefulSet, which would be the single point of failure of
 * an otherwise redundant install. Its certificate must be trusted by the images' system bundle
 * (else add `caCertificate`, as in the external-db preset). No artifact repository and no ingress
 * are set up: see the external-db and ingress-nginx presets.
 *
 * Before applying, create the database Secret:
 *   kubectl create secret generic argo-postgres-config -n argo \
 *     --from-literal=username=argo --from-literal=password='<password>'
 * Until it exists, and until the database accepts connections, both Deployments wait in their
 * init container `wait-for-dependencies` (its log says what is missing).
 */
export const HA_PROPS: ArgoWorkflowsProps = {
  namespace: 'argo',
  workflowNamespaces: [{ name: 'argo-workflows' }],
  controller: {
    replicas: 2,
    leaderElection: true,
    podDisruptionBudget: { minAvailable: 1 },
    topologySpreadConstraints: spreadAcrossZonesAndNodes('workflow-controller'),
    resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '2Gi' } },
  },
  server: {
    replicas: 2,
    podDisruptionBudget: { minAvailable: 1 },
    topologySpreadConstraints: spreadAcrossZonesAndNodes('argo-server'),
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
  },
  persistence: {
    postgres: {
      host: 'argo-db.example.com',
      port: 5432,
      database: 'argo',
      ssl: true,
      sslMode: PostgresSslMode.VERIFY_FULL,
      credentials: Credentials.existing(),
    },
    archiveTTL: '30d',
  },
};

/** The `ha` preset: one chart of that name in `app`. */
export function buildHa(app: App): Chart {
  const chart = new Chart(app, 'ha');
  new ArgoWorkflows(chart, 'ArgoWorkflows', HA_PROPS);
  return chart;
}
