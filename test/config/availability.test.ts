/** Leader election, PodDisruptionBudgets and what the binaries wait for at start: the plan and exact messages. */
import { Credentials } from '../../src/config/credentials';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { ServerTls } from '../../src/config/exposure';
import { ARGO_RESOURCES, startupNeeds, tlsSecretOf } from '../../src/config/startup';
import { CRD_DEFINITIONS } from '../../src/k8s/crd-definitions';
import { bad, expectInvalid } from './_helpers';

const resolve = (props: ArgoWorkflowsProps) => () => resolveArgoWorkflows(props);

describe('controller.leaderElection', () => {
  test('on by default: RollingUpdate', () => {
    const plan = resolveArgoWorkflows({ controller: { replicas: 2 } });
    expect(plan.controller.leaderElection).toBe(true);
    expect(plan.controller.strategy).toBe('RollingUpdate');
  });

  test('false with one replica: Recreate', () => {
    const plan = resolveArgoWorkflows({ controller: { leaderElection: false } });
    expect(plan.controller.leaderElection).toBe(false);
    expect(plan.controller.strategy).toBe('Recreate');
  });

  test('false with more than one replica is refused', () => {
    expectInvalid(resolve({ controller: { replicas: 2, leaderElection: false } }),
      'controller.leaderElection is false with controller.replicas 2: without leader election every replica runs the controller loop, and 2 controllers would process the same workflows at once. '
      + 'Fix: set controller.replicas to 1, or remove controller.leaderElection (leader election is on by default)');
  });

  test('must be a boolean', () => {
    expectInvalid(resolve({ controller: { leaderElection: bad('no') } }), 'controller.leaderElection "no" is invalid: it must be true or false. Fix: give a boolean');
  });
});

describe('podDisruptionBudget', () => {
  test('none with one replica; maxUnavailable 1 by default with more', () => {
    expect(resolveArgoWorkflows({}).controller.disruptionBudget).toBeUndefined();
    expect(resolveArgoWorkflows({}).server?.disruptionBudget).toBeUndefined();
    const plan = resolveArgoWorkflows({ controller: { replicas: 2 }, server: { replicas: 3 } });
    expect(plan.controller.disruptionBudget).toEqual({ maxUnavailable: 1 });
    expect(plan.server?.disruptionBudget).toEqual({ maxUnavailable: 1 });
  });

  test('minAvailable below replicas', () => {
    const plan = resolveArgoWorkflows({ controller: { replicas: 2, podDisruptionBudget: { minAvailable: 1 } }, server: { replicas: 3, podDisruptionBudget: { minAvailable: 2 } } });
    expect(plan.controller.disruptionBudget).toEqual({ minAvailable: 1 });
    expect(plan.server?.disruptionBudget).toEqual({ minAvailable: 2 });
  });

  test('minAvailable equal to replicas is refused (controller)', () => {
    expectInvalid(resolve({ controller: { replicas: 2, podDisruptionBudget: { minAvailable: 2 } } }),
      'controller.podDisruptionBudget.minAvailable 2 is not less than controller.replicas 2: the PodDisruptionBudget would refuse every eviction, so no node running one of its pods could be drained. '
      + 'Fix: set controller.podDisruptionBudget.minAvailable to 1 or less, or raise controller.replicas above 2');
  });

  test('minAvailable above replicas is refused (server)', () => {
    expectInvalid(resolve({ server: { replicas: 2, podDisruptionBudget: { minAvailable: 3 } } }),
      'server.podDisruptionBudget.minAvailable 3 is not less than server.replicas 2: the PodDisruptionBudget would refuse every eviction, so no node running one of its pods could be drained. '
      + 'Fix: set server.podDisruptionBudget.minAvailable to 1 or less, or raise server.replicas above 3');
  });

  test('minAvailable with one replica is refused', () => {
    expectInvalid(resolve({ server: { podDisruptionBudget: { minAvailable: 1 } } }),
      'server.podDisruptionBudget.minAvailable 1 is not less than server.replicas 1: the PodDisruptionBudget would refuse every eviction, so no node running one of its pods could be drained. '
      + 'Fix: raise server.replicas above 1, or remove server.podDisruptionBudget (one replica gets no PodDisruptionBudget)');
  });

  test('checked even with argo-server disabled', () => {
    expect(resolve({ server: { enabled: false, podDisruptionBudget: { minAvailable: 1 } } })).toThrow('server.podDisruptionBudget.minAvailable 1 is not less than server.replicas 1');
  });

  test('wrong types and unknown keys', () => {
    expectInvalid(resolve({ controller: { replicas: 2, podDisruptionBudget: { minAvailable: bad('1') } } }),
      'controller.podDisruptionBudget.minAvailable "1" is invalid: it must be a whole number of at least 1. Fix: use a whole number less than replicas, e.g. 1, or remove it for maxUnavailable: 1');
    expectInvalid(resolve({ controller: { replicas: 2, podDisruptionBudget: { minAvailable: 0 } } }),
      'controller.podDisruptionBudget.minAvailable 0 is invalid: it must be a whole number of at least 1. Fix: use a whole number less than replicas, e.g. 1, or remove it for maxUnavailable: 1');
    expectInvalid(resolve({ server: { replicas: 2, podDisruptionBudget: bad({ maxUnavailable: 1 }) } }),
      'server.podDisruptionBudget.maxUnavailable is not an option argo-stack knows; allowed here: minAvailable. Fix: rename it to "minAvailable"');
    expectInvalid(resolve({ server: { replicas: 2, podDisruptionBudget: bad(1) } }),
      'server.podDisruptionBudget 1 is invalid: it must be an object. Fix: pass an object, e.g. { minAvailable: 1 }');
  });
});

describe('startup: what the binaries wait for', () => {
  test('the eight Argo CRDs, the same names as the CRD definitions', () => {
    expect([...ARGO_RESOURCES].sort()).toEqual(CRD_DEFINITIONS.map((d) => d.plural).sort());
  });

  test('without persistence: only the CRDs, with the jobs image', () => {
    const plan = resolveArgoWorkflows({ images: { jobs: 'registry.example.com/curl:8.11.1' } });
    for (const s of [plan.controller.startup, plan.server!.startup]) {
      expect(s).toMatchObject({ image: 'registry.example.com/curl:8.11.1', namespace: 'argo', groupVersion: 'argoproj.io/v1alpha1', secrets: [], databases: [] });
    }
  });

  test('in-cluster PostgreSQL: its Secret and Service, for both binaries', () => {
    const plan = resolveArgoWorkflows({ namespace: 'ops', persistence: { postgres: { inCluster: {} }, synchronization: true } });
    for (const s of [plan.controller.startup, plan.server!.startup]) {
      expect(s.secrets).toEqual(['argo-postgres-config']);
      expect(s.databases).toEqual([{ host: 'postgres', port: 5432 }]);
      expect(s.namespace).toBe('ops');
    }
  });

  test('an external MySQL with its own port', () => {
    const plan = resolveArgoWorkflows({ persistence: { mysql: { host: 'db.example.com', port: 3307, credentials: Credentials.existing(), secretName: 'mysql-login' } } });
    expect(plan.controller.startup.secrets).toEqual(['mysql-login']);
    expect(plan.controller.startup.databases).toEqual([{ host: 'db.example.com', port: 3307 }]);
  });

  test('argo-server also waits for its TLS Secret', () => {
    const plan = resolveArgoWorkflows({ server: { tls: ServerTls.fromSecret('argo-server-tls') } });
    expect(plan.server!.startup.secrets).toEqual(['argo-server-tls']);
    expect(plan.controller.startup.secrets).toEqual([]);
  });

  test('startupNeeds: database Secrets and addresses without duplicates, SSO client Secrets for argo-server only', () => {
    const db = { host: 'pg', port: 5432, database: 'argo', userNameSecret: { name: 'db', key: 'username' }, passwordSecret: { name: 'db', key: 'password' } };
    const config = {
      persistence: { postgresql: { ...db, tableName: 'argo_workflows' } },
      synchronization: { postgresql: db },
      sso: { issuer: 'https://idp.example.com', clientId: { name: 'sso-client', key: 'id' }, clientSecret: { name: 'sso-client', key: 'secret' }, redirectUrl: 'https://argo.example.com/oauth2/callback' },
    };
    expect(startupNeeds(config, 'controller')).toEqual({ secrets: ['db'], databases: [{ host: 'pg', port: 5432 }] });
    expect(startupNeeds(config, 'server')).toEqual({ secrets: ['db', 'sso-client'], databases: [{ host: 'pg', port: 5432 }] });
  });

  test('tlsSecretOf reads --tls-certificate-secret-name', () => {
    expect(tlsSecretOf(['server', '--secure=true', '--tls-certificate-secret-name=my-tls'])).toEqual(['my-tls']);
    expect(tlsSecretOf(['server', '--secure=true'])).toEqual([]);
  });
});
