import { parse } from 'yaml';
import { checkManifests } from '../../src/policy';
import { containerOf, err, goodDeployment, Obj, warn } from './fixtures';

describe('checkManifests: Argo Workflows', () => {
  const SERVER = 'Deployment/argo/argo-server';
  function server(): Obj {
    const d = goodDeployment();
    d.metadata = { name: 'argo-server', namespace: 'argo' };
    Object.assign(containerOf(d), {
      name: 'argo-server',
      image: 'quay.io/argoproj/argocli:v4.1.2',
      args: ['server', '--secure=true'],
      env: [{ name: 'ARGO_BASE_HREF', value: '/' }],
      ports: [{ name: 'web', containerPort: 2746 }],
      readinessProbe: { httpGet: { path: '/', port: 2746, scheme: 'HTTPS' } },
    });
    return d;
  }
  const service = (port = 2746) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'argo-server', namespace: 'argo' }, spec: { ports: [{ port }] } });
  const serverFindings = (change: (d: Obj) => void) => {
    const d = server();
    change(d);
    return checkManifests([d, service()]);
  };

  test('a correct argo-server has no findings', () => {
    expect(serverFindings(() => undefined)).toEqual([]);
  });

  test('an HTTP readiness probe on a secure server', () => {
    expect(serverFindings((d) => { containerOf(d).readinessProbe.httpGet.scheme = 'HTTP'; })).toEqual([
      err('argo-server/readiness-probe', 'argo-server serves HTTPS (--secure is true by default) but its readiness probe uses HTTP. Fix: set readinessProbe.httpGet.scheme: HTTPS', SERVER),
    ]);
  });

  test('an HTTPS readiness probe with --secure=false', () => {
    expect(serverFindings((d) => { containerOf(d).args = ['server', '--secure=false']; })).toEqual([
      err('argo-server/readiness-probe', 'argo-server runs with --secure=false but its readiness probe uses HTTPS. Fix: set readinessProbe.httpGet.scheme: HTTP', SERVER),
    ]);
  });

  test('no readiness probe', () => {
    expect(serverFindings((d) => { delete containerOf(d).readinessProbe; containerOf(d).livenessProbe = { tcpSocket: { port: 2746 } }; })).toEqual([
      err('argo-server/readiness-probe', 'argo-server has no readiness probe. Fix: probe GET / on port 2746', SERVER),
    ]);
  });

  test('a base href without slashes', () => {
    expect(serverFindings((d) => { containerOf(d).env = [{ name: 'ARGO_BASE_HREF', value: 'argo' }]; })).toEqual([
      err('argo-server/base-href', 'the base href "argo" does not start and end with "/". Fix: write it like "/argo/"', SERVER),
    ]);
  });

  test('no port 2746', () => {
    expect(serverFindings((d) => { containerOf(d).ports = [{ containerPort: 8080 }]; })).toEqual([
      err('argo-server/port', 'the argo-server container does not expose port 2746. Fix: add containerPort 2746', SERVER),
    ]);
  });

  test('a missing argo-server Service, or one without port 2746', () => {
    expect(checkManifests([server()])).toEqual([
      err('install/argo-server-service', 'there is no Service argo-server for the argo-server Deployment. Fix: add it, with port 2746', SERVER),
    ]);
    expect(checkManifests([server(), service(80)])).toEqual([
      err('install/argo-server-service', 'Service argo-server does not serve port 2746. Fix: add port 2746', 'Service/argo/argo-server'),
    ]);
  });

  const CONTROLLER = 'Deployment/argo/workflow-controller';
  const configMap = (data: Obj) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'workflow-controller-configmap', namespace: 'argo' }, data });
  function controller(env: Obj[]): Obj {
    const d = goodDeployment();
    d.metadata = { name: 'workflow-controller', namespace: 'argo' };
    containerOf(d).env = env;
    return d;
  }
  const identity = { name: 'LEADER_ELECTION_IDENTITY', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };

  test('a correct controller has no findings', () => {
    expect(checkManifests([controller([identity]), configMap({})])).toEqual([]);
  });

  test('no LEADER_ELECTION_IDENTITY', () => {
    expect(checkManifests([controller([]), configMap({})])).toEqual([
      err('controller/leader-election', 'workflow-controller has no LEADER_ELECTION_IDENTITY env var, which leader election requires. Fix: set it from fieldRef metadata.name', CONTROLLER),
    ]);
  });

  test('leader election disabled without strategy Recreate', () => {
    const d = controller([{ name: 'LEADER_ELECTION_DISABLE', value: 'true' }]);
    expect(checkManifests([d, configMap({})])).toEqual([
      err('controller/leader-election', 'leader election is disabled but the Deployment does not use strategy Recreate, so two controllers can run at once. Fix: set spec.strategy.type: Recreate', CONTROLLER),
    ]);
    d.spec.strategy = { type: 'Recreate' };
    expect(checkManifests([d, configMap({})])).toEqual([]);
  });

  test('no workflow-controller-configmap', () => {
    expect(checkManifests([controller([identity])])).toEqual([
      err('install/controller-configmap', 'there is no ConfigMap workflow-controller-configmap, without which the controller exits. Fix: add it (it may be empty)', CONTROLLER),
    ]);
  });

  const CM = 'ConfigMap/argo/workflow-controller-configmap';
  test('an unknown config key, in per-key form and in a lone "config" key', () => {
    expect(checkManifests([configMap({ parallelism: '10', nodeStatusOffload: 'true' })])).toEqual([
      err('controller-config/unknown-key', 'unknown controller config key "nodeStatusOffload"; the controller and argo-server exit on it. Fix: remove it or correct its spelling', CM),
    ]);
    const lone = configMap({ config: 'parallelism: 10\nexecutor:\n  imagePullPolicy: Always\ncolumn: []\n' });
    const expected = [err('controller-config/unknown-key', 'unknown controller config key "column"; the controller and argo-server exit on it. Fix: remove it or correct its spelling', CM)];
    expect(checkManifests([lone])).toEqual(expected);
    expect(checkManifests([lone], { parseYaml: parse })).toEqual(expected);
  });

  test('"config" next to other keys', () => {
    expect(checkManifests([configMap({ config: 'parallelism: 1', parallelism: '2' })])).toEqual([
      err('controller-config/config-key', 'workflow-controller-configmap has a "config" key next to other keys; Argo only reads "config" when it is the only key. Fix: move every setting into "config", or drop "config"', CM),
    ]);
  });

  test('persistence without a tableName, with a bad TTL, with two databases', () => {
    const cm = configMap({ persistence: 'archive: true\narchiveTTL: 1h30m\npostgresql:\n  host: db\nmysql:\n  host: db\n  tableName: t\n' });
    expect(checkManifests([cm], { parseYaml: parse })).toEqual([
      err('controller-config/persistence', 'persistence sets both postgresql and mysql. Fix: keep one', CM),
      err('controller-config/persistence', 'the persistence database has no tableName. Fix: set tableName, e.g. "argo_workflows"', CM),
      err('controller-config/persistence', 'persistence.archiveTTL "1h30m" is not a single-unit duration. Fix: write it like "30d"', CM),
    ]);
  });

  test('persistence without a database, and a bad connMaxLifetime', () => {
    const cm = configMap({ persistence: JSON.stringify({ connectionPool: { connMaxLifetime: '1m30s' } }) });
    expect(checkManifests([cm])).toEqual([
      err('controller-config/persistence', 'persistence has neither postgresql nor mysql. Fix: configure one database', CM),
      err('controller-config/persistence', 'persistence.connectionPool.connMaxLifetime "1m30s" is not a single-unit duration. Fix: write it like "300s"', CM),
    ]);
  });

  test('a bad templateReferencing', () => {
    expect(checkManifests([configMap({ workflowRestrictions: 'templateReferencing: Loose' })], { parseYaml: parse })).toEqual([
      err('controller-config/workflow-restrictions', 'workflowRestrictions.templateReferencing "Loose" is not "Strict" or "Secure". Fix: use one of them', CM),
    ]);
  });

  test('artifact-repositories without a default, or with a default that is not there', () => {
    const repos = (annotations: Obj | undefined) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'artifact-repositories', namespace: 'wf', ...(annotations ? { annotations } : {}) }, data: { s3: 's3: {}' } });
    expect(checkManifests([repos(undefined)])).toEqual([
      warn('artifact-repositories/default', 'artifact-repositories has no workflows.argoproj.io/default-artifact-repository annotation, so workflows get no default repository. Fix: annotate it with the key of the default entry', 'ConfigMap/wf/artifact-repositories'),
    ]);
    expect(checkManifests([repos({ 'workflows.argoproj.io/default-artifact-repository': 'gcs' })])).toEqual([
      err('artifact-repositories/default', 'the default artifact repository "gcs" is not a key of data. Fix: add it or correct the annotation', 'ConfigMap/wf/artifact-repositories'),
    ]);
    expect(checkManifests([repos({ 'workflows.argoproj.io/default-artifact-repository': 's3' })])).toEqual([]);
  });
});
