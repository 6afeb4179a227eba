import { Testing } from 'cdk8s';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { MinioOptions, resolveMinio } from '../../src/config/storage/minio';
import { minioEndpoint } from '../../src/config/storage/storage';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { fileFor } from '../../src/render';
import { Minio } from '../../src/k8s/minio';
import { createBucketScript } from '../../src/k8s/scripts/create-bucket-script';
import { minioUsersScript } from '../../src/k8s/scripts/minio-users-script';
import { checkManifests } from '../../src/policy';
import { container, find, findJob, hashedJobName, K8sObject, key, RESTRICTED_CONTAINER, stdLabels } from '../util';

/** Synthesizes only MinIO, for a plan and MinIO options. */
function synthMinio(o: MinioOptions = {}, props: ArgoWorkflowsProps = {}, workflowNamespaces?: string[]): { objs: K8sObject[]; construct: Minio } {
  const plan = resolveArgoWorkflows(props);
  const minio = resolveMinio(o, { namespace: plan.namespace, ...(workflowNamespaces ? { workflowNamespaces } : {}) });
  const chart = Testing.chart();
  const construct = new Minio(chart, 'minio', { ctx: plan, minio, endpoint: minioEndpoint(minio) });
  return { objs: Testing.synth(chart) as K8sObject[], construct };
}

const LABELS = stdLabels('minio');
const RESTRICTED_POD = {
  runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
};
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|CREDENTIAL/;
const HOOK = { 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' };
const JOB_POD_SECURITY = { runAsNonRoot: true, runAsUser: 100, runAsGroup: 100, fsGroup: 100, seccompProfile: { type: 'RuntimeDefault' } };
const ROOT_ENV = (secret: string) => [
  { name: 'MINIO_ROOT_USER', valueFrom: { secretKeyRef: { name: secret, key: 'accesskey' } } },
  { name: 'MINIO_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'secretkey' } } },
];

function validateAll(objs: K8sObject[]): void {
  for (const o of objs) {
    if (o.kind === 'StatefulSet') new StatefulSet(o as never).validate();
    else if (o.kind === 'Job') new Job(o as never).validate();
    else if (o.kind === 'Service') new Service(o as never).validate();
    else if (o.kind === 'ServiceAccount') new ServiceAccount(o as never).validate();
    else throw new Error(`unexpected ${o.kind}`);
  }
}

/**
 * The env vars with a secret-looking name, over every (init) container of every object, are exactly
 * MINIO_ROOT_PASSWORD of the MinIO StatefulSet and of the bucket Job, each read from `secret`.
 */
function expectSecretEnv(objs: K8sObject[], namespace: string, secret: string): void {
  const found = objs.flatMap((o) => {
    const spec = o.spec?.template?.spec ?? {};
    return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].flatMap((c: { name: string; env?: { name: string }[] }) =>
      (c.env ?? []).filter((e) => SECRET_NAME.test(e.name)).map((e) => [key(o), c.name, e]));
  });
  const password = { name: 'MINIO_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'secretkey' } } };
  expect(found).toEqual([
    [`StatefulSet ${namespace}/minio`, 'minio', password],
    [key(findJob(objs, 'minio-create-bucket', namespace)), 'create-bucket', password],
  ]);
}

describe('Minio with every default', () => {
  const { objs, construct } = synthMinio();

  test('exactly a ServiceAccount, a StatefulSet, a Service and the bucket Job, all in the minio output file', () => {
    expect(objs.map(key)).toEqual([
      'ServiceAccount argo/minio', 'StatefulSet argo/minio', 'Service argo/minio', 'Job argo/minio-create-bucket-90e5ff62',
    ]);
    expect(construct.bucketJobName).toBe('minio-create-bucket-90e5ff62');
    for (const o of objs) expect(fileFor(o)).toBe('07-minio');
    expect(construct.serviceName).toBe('minio');
    expect(construct.endpoint).toBe('minio:9000');
  });

  test('ServiceAccount minio without a token', () => {
    expect(find(objs, 'ServiceAccount', 'minio', 'argo')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'minio', namespace: 'argo', labels: LABELS }, automountServiceAccountToken: false,
    });
  });

  test('StatefulSet minio, every field (no init container, no lifecycle hook)', () => {
    expect(find(objs, 'StatefulSet', 'minio', 'argo')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'minio', namespace: 'argo', labels: LABELS },
      spec: {
        serviceName: 'minio',
        replicas: 1,
        selector: { matchLabels: { app: 'minio' } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels: { app: 'minio', 'app.kubernetes.io/component': 'minio', 'app.kubernetes.io/part-of': 'argo-workflows' } },
          spec: {
            serviceAccountName: 'minio',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: RESTRICTED_POD,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{
              name: 'minio',
              image: 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z@sha256:14cea493d9a34af32f524e538b8346cf79f3321eff8e708c1e2960462bd8936e',
              command: ['minio'],
              args: ['server', '--console-address', ':9001', '/data'],
              env: [...ROOT_ENV('my-minio-cred'), { name: 'HOME', value: '/tmp' }],
              ports: [
                { name: 'api', containerPort: 9000, protocol: 'TCP' },
                { name: 'console', containerPort: 9001, protocol: 'TCP' },
              ],
              readinessProbe: {
                httpGet: { path: '/minio/health/ready', port: 9000, scheme: 'HTTP' },
                initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3,
              },
              livenessProbe: {
                httpGet: { path: '/minio/health/live', port: 9000, scheme: 'HTTP' },
                initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6,
              },
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
        volumeClaimTemplates: [{
          metadata: { name: 'data', labels: { app: 'minio' } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
        }],
      },
    });
  });

  test('Service minio: ClusterIP, api 9000 and console 9001', () => {
    expect(find(objs, 'Service', 'minio', 'argo')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'minio', namespace: 'argo', labels: LABELS },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'minio' },
        ports: [
          { name: 'api', port: 9000, targetPort: 'api', protocol: 'TCP' },
          { name: 'console', port: 9001, targetPort: 'console', protocol: 'TCP' },
        ],
      },
    });
  });

  test('kubernetes-models validation, no literal secret env, no policy findings', () => {
    validateAll(objs);
    expectSecretEnv(objs, 'argo', 'my-minio-cred');
    expect(checkManifests(objs)).toEqual([]);
  });

  test('the Service selects the pod template and serves both container ports', () => {
    const sts = find(objs, 'StatefulSet', 'minio', 'argo');
    const svc = find(objs, 'Service', 'minio', 'argo');
    expect(svc.spec.selector).toEqual({ app: 'minio' });
    for (const [k, v] of Object.entries(svc.spec.selector)) expect(sts.spec.template.metadata.labels[k]).toBe(v);
    expect(svc.spec.ports.map((p: { name: string; targetPort: string }) => [p.name, p.targetPort])).toEqual([['api', 'api'], ['console', 'console']]);
    expect(container(sts).ports.map((p: { name: string }) => p.name)).toEqual(['api', 'console']);
  });

  test('Job minio-create-bucket-<hash of its pod template>, every field: an Argo CD Sync hook, as the token-less minio ServiceAccount', () => {
    const job = findJob(objs, 'minio-create-bucket', 'argo');
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: hashedJobName('minio-create-bucket', job), namespace: 'argo', labels: LABELS, annotations: HOOK },
      spec: {
        backoffLimit: 6,
        ttlSecondsAfterFinished: 600,
        template: {
          metadata: { labels: { app: 'minio-create-bucket', 'app.kubernetes.io/component': 'minio' } },
          spec: {
            serviceAccountName: 'minio',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            restartPolicy: 'OnFailure',
            securityContext: JOB_POD_SECURITY,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{
              name: 'create-bucket',
              image: 'docker.io/curlimages/curl:8.11.1',
              command: ['/bin/sh', '-c'],
              args: [createBucketScript({ bucket: 'my-bucket', endpoint: 'http://minio:9000' })],
              env: ROOT_ENV('my-minio-cred'),
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
              securityContext: RESTRICTED_CONTAINER,
            }],
          },
        },
      },
    });
    expect(() => new Job(job as never).validate()).not.toThrow();
  });

  test('the Service does not select the Job\'s pod', () => {
    const job = findJob(objs, 'minio-create-bucket', 'argo');
    const svc = find(objs, 'Service', 'minio', 'argo');
    const labels = job.spec.template.metadata.labels;
    expect(Object.entries(svc.spec.selector).every(([k, v]) => labels[k] === v)).toBe(false);
  });

  test('the Job\'s script: PUT http://minio:9000/my-bucket signed by curl, 60 tries 5 seconds apart', () => {
    const script = container(findJob(objs, 'minio-create-bucket', 'argo')).args[0];
    expect(script).toContain("\nBUCKET='my-bucket'\nURL='http://minio:9000/my-bucket'\nATTEMPTS=60\nINTERVAL=5\n");
    expect(script).toContain(`  response=$(curl_config | curl -sS --connect-timeout 5 --max-time 30 --aws-sigv4 'aws:amz:us-east-1:s3' -K - -X PUT -w '%{http_code}' "$URL") || rc=$?\n`);
    expect(script).not.toContain('--cacert');
    expect(script.startsWith('# minio-create-bucket: ')).toBe(true);
  });
});

describe('Minio with TLS and options', () => {
  const { objs } = synthMinio({
    bucket: 'artifacts', secretName: 'minio-root', storage: '50Gi', storageClassName: 'fast-ssd',
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
    nodeSelector: { pool: 'storage' }, tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }],
    tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } },
  }, { namespace: 'ops', labels: { team: 'data' } });
  const sts = find(objs, 'StatefulSet', 'minio', 'ops');
  const pod = sts.spec.template.spec;
  const c = container(sts);

  test('MinIO serves the mounted certificate: --certs-dir /certs, HTTPS probes', () => {
    expect(c.args).toEqual(['server', '--console-address', ':9001', '/data', '--certs-dir', '/certs']);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/minio/health/ready', port: 9000, scheme: 'HTTPS' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/minio/health/live', port: 9000, scheme: 'HTTPS' });
    expect(c.volumeMounts).toEqual([
      { name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }, { name: 'certs', mountPath: '/certs', readOnly: true },
    ]);
  });

  test('tls.crt/tls.key become public.crt/private.key, and the CA goes to CAs/', () => {
    expect(pod.volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      {
        name: 'certs',
        projected: {
          defaultMode: 0o440,
          sources: [
            { secret: { name: 'minio-tls', items: [{ key: 'tls.crt', path: 'public.crt' }, { key: 'tls.key', path: 'private.key' }] } },
            { secret: { name: 'minio-ca', items: [{ key: 'ca.crt', path: 'CAs/ca.crt' }] } },
          ],
        },
      },
    ]);
  });

  test('the Secret, bucket, storage, resources and scheduling are applied', () => {
    expect(c.env.slice(0, 2)).toEqual(ROOT_ENV('minio-root'));
    expect(pod.initContainers).toBeUndefined();
    expect(c.lifecycle).toBeUndefined();
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: { app: 'minio' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } }, storageClassName: 'fast-ssd' },
    }]);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } });
    expect(pod.nodeSelector).toEqual({ pool: 'storage' });
    expect(pod.tolerations).toEqual([{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(sts.metadata.labels).toEqual(stdLabels('minio', { team: 'data' }));
  });

  test('the Job creates the bucket over HTTPS, verifying MinIO with the CA Secret, scheduled like MinIO', () => {
    const job = findJob(objs, 'minio-create-bucket', 'ops');
    expect(job.metadata).toEqual({ name: hashedJobName('minio-create-bucket', job), namespace: 'ops', labels: stdLabels('minio', { team: 'data' }), annotations: HOOK });
    expect(job.spec.template.spec).toEqual({
      serviceAccountName: 'minio',
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: 'OnFailure',
      securityContext: JOB_POD_SECURITY,
      nodeSelector: { pool: 'storage' },
      tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }],
      containers: [{
        name: 'create-bucket',
        image: 'docker.io/curlimages/curl:8.11.1',
        command: ['/bin/sh', '-c'],
        args: [createBucketScript({ bucket: 'artifacts', endpoint: 'https://minio:9000', caFile: '/etc/minio-ca/ca.crt' })],
        env: ROOT_ENV('minio-root'),
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
        securityContext: RESTRICTED_CONTAINER,
        volumeMounts: [{ name: 'ca', mountPath: '/etc/minio-ca', readOnly: true }],
      }],
      volumes: [{ name: 'ca', secret: { secretName: 'minio-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }],
    });
    const script = container(job).args[0];
    expect(script).toContain("\nURL='https://minio:9000/artifacts'\n");
    expect(script).toContain(` --cacert '/etc/minio-ca/ca.crt' --aws-sigv4 'aws:amz:us-east-1:s3' -K - -X PUT `);
  });

  test('kubernetes-models validation, no literal secret env, no policy findings', () => {
    validateAll(objs);
    expectSecretEnv(objs, 'ops', 'minio-root');
    expect(checkManifests(objs)).toEqual([]);
  });
});

describe('Minio used by workflows in other namespaces', () => {
  const { objs } = synthMinio({ tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'pem' } } }, {}, ['argo', 'team-a']);

  test('the Job calls MinIO by the name workflows use (the one its certificate holds)', () => {
    const job = findJob(objs, 'minio-create-bucket', 'argo');
    expect(container(job).args[0]).toContain("\nURL='https://minio.argo.svc:9000/my-bucket'\n");
    expect(job.spec.template.spec.volumes).toEqual([{ name: 'ca', secret: { secretName: 'minio-ca', items: [{ key: 'pem', path: 'ca.crt' }] } }]);
    validateAll(objs);
    expect(checkManifests(objs)).toEqual([]);
  });
});

describe('the MinIO users Job', () => {
  const { objs, construct } = synthMinio({}, {}, ['argo', 'team-a']);
  const job = findJob(objs, 'minio-users', 'argo');
  const minio = resolveMinio({}, { namespace: 'argo', workflowNamespaces: ['argo', 'team-a'] });
  const script = minioUsersScript({
    endpoint: 'http://minio.argo.svc:9000', credentialsDir: '/credentials', configDir: '/tmp/mc',
    users: minio.tenants.map((t) => ({ namespace: t.namespace, user: t.user, secretName: t.secret.name, policy: JSON.stringify(t.policy), allows: `prefix ${t.prefix} of bucket my-bucket` })),
  });
  const keys = (name: string, dir: string) => ({ secret: { name, items: [{ key: 'accesskey', path: `${dir}/accesskey` }, { key: 'secretkey', path: `${dir}/secretkey` }] } });

  test('every field: mc pinned, no token, the root and user Secrets as files, a memory-backed /tmp', () => {
    new Job(job as never).validate();
    expect(construct.usersJobName).toBe(job.metadata.name);
    expect(job.metadata.name).toBe(hashedJobName('minio-users', job));
    expect(job).toEqual({
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: job.metadata.name, namespace: 'argo', labels: LABELS, annotations: HOOK },
      spec: {
        backoffLimit: 6, ttlSecondsAfterFinished: 600,
        template: {
          metadata: { labels: { app: 'minio-users', 'app.kubernetes.io/component': 'minio' } },
          spec: {
            serviceAccountName: 'minio', automountServiceAccountToken: false, enableServiceLinks: false, restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{
              name: 'create-users',
              image: 'quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z@sha256:a7fe349ef4bd8521fb8497f55c6042871b2ae640607cf99d9bede5e9bdf11727',
              command: ['/bin/sh', '-c'], args: [script],
              env: [{ name: 'HOME', value: '/tmp' }],
              resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'credentials', mountPath: '/credentials', readOnly: true }],
            }],
            volumes: [
              { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '8Mi' } },
              { name: 'credentials', projected: { defaultMode: 0o440, sources: [keys('my-minio-cred', 'root'), keys('minio-user-argo', 'namespaces/argo'), keys('minio-user-team-a', 'namespaces/team-a')] } },
            ],
          },
        },
      },
    });
  });

  test('with TLS: mc trusts MinIO\'s CA through SSL_CERT_FILE, over https', () => {
    const tls = synthMinio({ tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } } }, {}, ['argo']).objs;
    const spec = findJob(tls, 'minio-users', 'argo').spec.template.spec;
    expect(spec.containers[0].env).toEqual([{ name: 'HOME', value: '/tmp' }, { name: 'SSL_CERT_FILE', value: '/etc/minio-ca/ca.crt' }]);
    expect(spec.containers[0].volumeMounts.at(-1)).toEqual({ name: 'ca', mountPath: '/etc/minio-ca', readOnly: true });
    expect(spec.volumes.at(-1)).toEqual({ name: 'ca', secret: { secretName: 'minio-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    expect(spec.containers[0].args[0]).toContain("\nENDPOINT='https://minio:9000'\n");
  });

  test('minio.clientImage is used', () => {
    const image = 'registry.example.com/minio/mc:RELEASE.2025-08-13T08-35-41Z';
    expect(container(findJob(synthMinio({ clientImage: image }, {}, ['argo']).objs, 'minio-users', 'argo')).image).toBe(image);
  });

  test('no workflow namespace, no users Job', () => {
    const none = synthMinio();
    expect(none.objs.filter((o) => o.metadata.name.startsWith('minio-users'))).toEqual([]);
    expect(none.construct.usersJobName).toBeUndefined();
  });
});
