/** Leader election, strategies, PodDisruptionBudgets and the wait-for-dependencies init containers, as rendered. */
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HA_PROPS } from '../../examples/ha';
import { Credentials } from '../../src/config/credentials';
import { container, find, ofKind, stdLabels, synthObjects, waitInitContainer } from '../util';

describe('controller.leaderElection: false', () => {
  const objs = synthObjects({ controller: { leaderElection: false } });
  const d = find(objs, 'Deployment', 'workflow-controller', 'argo');

  test('LEADER_ELECTION_DISABLE=true instead of LEADER_ELECTION_IDENTITY', () => {
    expect(container(d).env).toEqual([{ name: 'LEADER_ELECTION_DISABLE', value: 'true' }]);
  });

  test('strategy Recreate, and no PodDisruptionBudget', () => {
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    expect(ofKind(objs, 'PodDisruptionBudget')).toEqual([]);
    expect(() => new Deployment(d).validate()).not.toThrow();
  });

  test('with leader election (the default) no strategy is written: RollingUpdate', () => {
    expect(find(synthObjects({ controller: { replicas: 2 } }), 'Deployment', 'workflow-controller', 'argo').spec.strategy).toBeUndefined();
  });
});

describe('podDisruptionBudget.minAvailable', () => {
  const objs = synthObjects({ controller: { replicas: 2, podDisruptionBudget: { minAvailable: 1 } }, server: { replicas: 3, podDisruptionBudget: { minAvailable: 2 } } });

  test.each([
    ['workflow-controller', 1],
    ['argo-server', 2],
  ])('PodDisruptionBudget %s with minAvailable %d, every field', (name, minAvailable) => {
    const pdb = find(objs, 'PodDisruptionBudget', name, 'argo');
    expect(pdb).toEqual({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
      metadata: { name, namespace: 'argo', labels: stdLabels(name) },
      spec: { minAvailable, selector: { matchLabels: { app: name } } },
    });
    expect(() => new PodDisruptionBudget(pdb).validate()).not.toThrow();
  });

  test('argo-server with replicas and no minAvailable: maxUnavailable 1', () => {
    expect(find(synthObjects({ server: { replicas: 2 } }), 'PodDisruptionBudget', 'argo-server', 'argo').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'argo-server' } } });
  });
});

describe('wait-for-dependencies', () => {
  test('in-cluster PostgreSQL: both binaries wait for its Secret and Service', () => {
    const objs = synthObjects({ persistence: { postgres: { inCluster: {} } } });
    for (const name of ['workflow-controller', 'argo-server']) {
      const spec = find(objs, 'Deployment', name, 'argo').spec.template.spec;
      expect(spec.initContainers).toEqual([waitInitContainer({ secrets: ['argo-postgres-config'], databases: [{ host: 'postgres', port: 5432 }] })]);
    }
  });

  test('an external database in another namespace of the install', () => {
    const objs = synthObjects({ namespace: 'ops', persistence: { postgres: { host: 'pg.example.com', port: 6432, credentials: Credentials.existing() } } });
    const spec = find(objs, 'Deployment', 'workflow-controller', 'ops').spec.template.spec;
    expect(spec.initContainers).toEqual([waitInitContainer({ namespace: 'ops', secrets: ['argo-postgres-config'], databases: [{ host: 'pg.example.com', port: 6432 }] })]);
  });

  test('the pod and its init container pass the Deployment schema', () => {
    const d = find(synthObjects({ persistence: { postgres: { inCluster: {} } } }), 'Deployment', 'argo-server', 'argo');
    expect(() => new Deployment(d).validate()).not.toThrow();
  });
});

describe('the ha preset', () => {
  const objs = synthObjects(HA_PROPS);

  test.each([
    ['workflow-controller', { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '2Gi' } }],
    ['argo-server', { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } }],
  ])('%s: 2 replicas, spread across zones (preferred) and nodes (required), its resources, a PodDisruptionBudget of minAvailable 1', (name, resources) => {
    const d = find(objs, 'Deployment', name, 'argo');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.strategy).toBeUndefined();
    expect(d.spec.template.spec.topologySpreadConstraints).toEqual([
      { maxSkew: 1, labelSelector: { matchLabels: { app: name } }, matchLabelKeys: ['pod-template-hash'], topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 1, labelSelector: { matchLabels: { app: name } }, matchLabelKeys: ['pod-template-hash'], topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor' },
    ]);
    expect(container(d).resources).toEqual(resources);
    expect(find(objs, 'PodDisruptionBudget', name, 'argo').spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: name } } });
    expect(d.spec.template.spec.initContainers).toEqual([waitInitContainer({ secrets: ['argo-postgres-config'], databases: [{ host: 'argo-db.example.com', port: 5432 }] })]);
  });

  test('the controller elects a leader', () => {
    expect(container(find(objs, 'Deployment', 'workflow-controller', 'argo')).env)
      .toEqual([{ name: 'LEADER_ELECTION_IDENTITY', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }]);
  });

  test('no in-cluster database, MinIO or credentials Job: the database is external, its Secret yours', () => {
    expect(ofKind(objs, 'StatefulSet')).toEqual([]);
    expect(ofKind(objs, 'Job').map((j) => j.metadata.name)).toEqual(['argo-crd-installer-v4-1-2']);
  });
});
