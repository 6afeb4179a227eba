import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdk8s';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { MinioOptions, resolveMinio } from '../../src/config/minio';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { fileFor } from '../../src/render';
import { createBucketScript, CreateBucketScriptOptions, Minio } from '../../src/k8s/minio';
import { checkManifests } from '../../src/policy/manifest-checks';
import { bad, expectInvalid } from '../config/_helpers';
import { container, find, K8sObject, key, RESTRICTED_CONTAINER, stdLabels } from '../util';

/** Synthesizes only MinIO, for a plan and MinIO options. */
function synthMinio(o: MinioOptions = {}, props: ArgoWorkflowsProps = {}, workflowNamespaces?: string[]): { objs: K8sObject[]; construct: Minio } {
  const plan = resolveArgoWorkflows(props);
  const minio = resolveMinio(o, { namespace: plan.namespace, ...(workflowNamespaces ? { workflowNamespaces } : {}) });
  const chart = Testing.chart();
  const construct = new Minio(chart, 'minio', { plan, minio });
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
    [`Job ${namespace}/minio-create-bucket`, 'create-bucket', password],
  ]);
}

describe('Minio with every default', () => {
  const { objs, construct } = synthMinio();

  test('exactly a ServiceAccount, a StatefulSet, a Service and the bucket Job, all in the minio output file', () => {
    expect(objs.map(key)).toEqual([
      'ServiceAccount argo/minio', 'StatefulSet argo/minio', 'Service argo/minio', 'Job argo/minio-create-bucket',
    ]);
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
              image: 'quay.io/minio/minio:RELEASE.2022-11-17T23-20-09Z',
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

  test('Job minio-create-bucket, every field: an Argo CD Sync hook, as the token-less minio ServiceAccount', () => {
    const job = find(objs, 'Job', 'minio-create-bucket', 'argo');
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'minio-create-bucket', namespace: 'argo', labels: LABELS, annotations: HOOK },
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
    const job = find(objs, 'Job', 'minio-create-bucket', 'argo');
    const svc = find(objs, 'Service', 'minio', 'argo');
    const labels = job.spec.template.metadata.labels;
    expect(Object.entries(svc.spec.selector).every(([k, v]) => labels[k] === v)).toBe(false);
  });

  test('the Job\'s script: PUT http://minio:9000/my-bucket signed by curl, 60 tries 5 seconds apart', () => {
    const script = container(find(objs, 'Job', 'minio-create-bucket', 'argo')).args[0];
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
    const job = find(objs, 'Job', 'minio-create-bucket', 'ops');
    expect(job.metadata).toEqual({ name: 'minio-create-bucket', namespace: 'ops', labels: stdLabels('minio', { team: 'data' }), annotations: HOOK });
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
    const job = find(objs, 'Job', 'minio-create-bucket', 'argo');
    expect(container(job).args[0]).toContain("\nURL='https://minio.argo.svc:9000/my-bucket'\n");
    expect(job.spec.template.spec.volumes).toEqual([{ name: 'ca', secret: { secretName: 'minio-ca', items: [{ key: 'pem', path: 'ca.crt' }] } }]);
    validateAll(objs);
    expect(checkManifests(objs)).toEqual([]);
  });
});


describe('createBucketScript', () => {
  const script = createBucketScript({ bucket: 'my-bucket', endpoint: 'http://minio:9000' });
  const which = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  const BUSYBOX = which('busybox');

  test.each([
    ['sh', ['sh']],
    ...(BUSYBOX ? [['busybox ash', [BUSYBOX, 'sh']] as [string, string[]]] : []),
  ])('is valid POSIX sh (%s -n), with and without TLS', (_name, shell) => {
    for (const s of [script, createBucketScript({ bucket: 'artifacts', endpoint: 'https://minio.ops.svc:9000', caFile: '/etc/minio-ca/ca.crt' })]) {
      const r = spawnSync(shell[0], [...shell.slice(1), '-n', '-c', s], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  test('the credentials are on no command line: only env, to curl through its config on stdin', () => {
    expect(script).not.toMatch(/--user|\s-u\s/);
    const uses = script.split('\n').filter((l) => /MINIO_ROOT_(USER|PASSWORD)/.test(l));
    expect(uses).toEqual([
      `  printf 'user = "%s:%s"\\n' "$(config_quote "$MINIO_ROOT_USER")" "$(config_quote "$MINIO_ROOT_PASSWORD")"`,
      'if [ -z "${MINIO_ROOT_USER:-}" ] || [ -z "${MINIO_ROOT_PASSWORD:-}" ]; then',
      "  echo 'ERROR: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set and not empty (from the MinIO Secret)' >&2",
    ]);
  });

  test('the bucket, URL and CA file are quoted; a trailing / of the endpoint is dropped', () => {
    const s = createBucketScript({ bucket: 'a.b-c', endpoint: 'https://minio:9000/', caFile: "/ca dir/it's.crt", attempts: 3, intervalSeconds: 0 });
    expect(s).toContain("\nBUCKET='a.b-c'\nURL='https://minio:9000/a.b-c'\nATTEMPTS=3\nINTERVAL=0\n");
    expect(s).toContain(` --cacert '/ca dir/it'\\''s.crt' `);
  });

  test('attempts and intervalSeconds must be whole numbers', () => {
    const base: CreateBucketScriptOptions = { bucket: 'b', endpoint: 'http://minio:9000' };
    expectInvalid(() => createBucketScript({ ...base, attempts: 0 }), 'attempts 0 is invalid: it must be a whole number of at least 1. Fix: use e.g. 60');
    expectInvalid(() => createBucketScript({ ...base, attempts: 1.5 }), 'attempts 1.5 is invalid: it must be a whole number of at least 1. Fix: use e.g. 60');
    expectInvalid(() => createBucketScript({ ...base, intervalSeconds: -1 }), 'intervalSeconds -1 is invalid: it must be a whole number of seconds, 0 or more. Fix: use e.g. 5');
    expectInvalid(() => createBucketScript({ ...base, intervalSeconds: bad('5') }), 'intervalSeconds "5" is invalid: it must be a whole number of seconds, 0 or more. Fix: use e.g. 5');
  });
});

// ---------------------------------------------------------------------------------------------
// The script, run with the real curl against a fake S3 API

const USER = 'minio-admin';
/** With the characters curl's config quoting must escape (\ and "), and ones the shell must not expand. */
const PASSWORD = `p"a\\ss w$rd'*`;
const sha256 = (data: string) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (k: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', k).update(data).digest();

/** Checks an AWS Signature Version 4 (S3, us-east-1) of a request without a body or query, as MinIO does. */
function signatureValid(req: http.IncomingMessage): boolean {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/us-east-1\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const [, accessKey, date, signedHeaders, signature] = m;
  const amzDate = req.headers['x-amz-date'];
  if (accessKey !== USER || typeof amzDate !== 'string' || !amzDate.startsWith(date) || !signedHeaders.split(';').includes('host')) return false;
  // MinIO takes the hash of an empty payload when x-amz-content-sha256 is absent.
  const payloadHash = (req.headers['x-amz-content-sha256'] as string | undefined) ?? sha256('');
  const headers = signedHeaders.split(';').map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonical = [req.method, req.url, '', headers, signedHeaders, payloadHash].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, `${date}/us-east-1/s3/aws4_request`, sha256(canonical)].join('\n');
  const key = ['us-east-1', 's3', 'aws4_request'].reduce((k, part) => hmac(k, part), hmac(`AWS4${PASSWORD}`, date));
  return hmac(key, toSign).toString('hex') === signature;
}

/** An S3 error body, as MinIO writes it. */
const s3Error = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>message of ${code}</Message><BucketName>my-bucket</BucketName><Resource>/my-bucket</Resource><RequestId>17A</RequestId><HostId>dd9</HostId></Error>`;

/**
 * A fake MinIO that answers each request with the next of `answers` (a status, and an S3 error code
 * for the body), after checking the method, path and signature (403 SignatureDoesNotMatch otherwise).
 */
function fakeS3(answers: [number, string?][], log: string[]): http.Server {
  let next = 0;
  return http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      log.push(`${req.method} ${req.url}`);
      const [status, code] = req.method === 'PUT' && req.url === '/my-bucket' && signatureValid(req)
        ? answers[Math.min(next++, answers.length - 1)]
        : [403, 'SignatureDoesNotMatch'];
      res.writeHead(status, { 'Content-Type': 'application/xml' });
      res.end(code ? s3Error(code) : '');
    });
  });
}

function runAsync(argv: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const whichHost = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
const BUSYBOX_SH = whichHost('busybox');
/** A shell, and the programs the script may find: undefined for the host's PATH. */
const SHELLS: [string, string[], Record<string, string> | undefined][] = [['sh', ['sh'], undefined]];
if (BUSYBOX_SH) {
  // As in the image: busybox ash with busybox's sed, head and sleep, and curl.
  SHELLS.push(['busybox ash', [BUSYBOX_SH, 'sh'], { sed: BUSYBOX_SH, head: BUSYBOX_SH, sleep: BUSYBOX_SH, curl: whichHost('curl') }]);
}

(HAS_CURL ? describe.each(SHELLS) : describe.skip.each(SHELLS))('createBucketScript: run with curl against a fake S3 API (%s)', (_name, shell, programs) => {
  let PATH = process.env.PATH;
  let bin: string | undefined;
  beforeAll(() => {
    if (!programs) return;
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'minio-create-bucket-'));
    for (const [name, target] of Object.entries(programs)) fs.symlinkSync(target, path.join(bin, name));
    PATH = bin;
  });
  afterAll(() => {
    if (bin) fs.rmSync(bin, { recursive: true, force: true });
  });

  interface Run { status: number | null; stdout: string; stderr: string; log: string[]; url: string }

  /**
   * Runs the script (3 attempts, no wait) against a fake S3 API, or against a closed port (`answers`
   * undefined). With `caFile`, it calls the fake API (plain HTTP) with https.
   */
  async function run(answers: [number, string?][] | undefined, extra: Partial<CreateBucketScriptOptions> = {}, env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const log: string[] = [];
    const server = fakeS3(answers ?? [], log);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    if (!answers) await new Promise((resolve) => server.close(resolve));
    try {
      const url = `${extra.caFile ? 'https' : 'http'}://127.0.0.1:${port}`;
      const script = createBucketScript({ bucket: 'my-bucket', endpoint: url, attempts: 3, intervalSeconds: 0, ...extra });
      const r = await runAsync([...shell, '-c', script], { PATH, MINIO_ROOT_USER: USER, MINIO_ROOT_PASSWORD: PASSWORD, ...env });
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
      expect(r.stdout + r.stderr).not.toContain(USER);
      return { ...r, log, url: `${url}/my-bucket` };
    } finally {
      if (answers) await new Promise((resolve) => server.close(resolve));
    }
  }

  test('503 (MinIO starting), then 200: waits, creates the bucket, exit 0', async () => {
    const r = await run([[503, 'XMinioServerNotInitialized'], [200]]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'MinIO is not ready (HTTP 503 XMinioServerNotInitialized); attempt 1 of 3, next in 0 seconds',
      'Bucket my-bucket: created',
      '',
    ].join('\n'));
    expect(r.status).toBe(0);
    expect(r.log).toEqual(['PUT /my-bucket', 'PUT /my-bucket']);
  });

  test.each(['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'])('409 %s: the bucket exists, exit 0', async (code) => {
    const r = await run([[409, code]]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Bucket my-bucket: exists already, kept as it is\n');
    expect(r.status).toBe(0);
    expect(r.log).toEqual(['PUT /my-bucket']);
  });

  test('a wrong signature: exit 1 at once, with the HTTP status and the S3 code only', async () => {
    const r = await run([[200]], {}, { MINIO_ROOT_PASSWORD: 'not-the-password' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ERROR: creating bucket my-bucket at ${r.url}: HTTP 403 SignatureDoesNotMatch\n`);
    expect(r.status).toBe(1);
    expect(r.log).toEqual(['PUT /my-bucket']);
  });

  test.each([
    [[403, 'AccessDenied'], 'HTTP 403 AccessDenied'],
    [[409, 'OperationAborted'], 'HTTP 409 OperationAborted'],
    [[500], 'HTTP 500'],
  ] as [[number, string?], string][])('%j: exit 1 at once, no retry', async (answer, what) => {
    const r = await run([answer]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ERROR: creating bucket my-bucket at ${r.url}: ${what}\n`);
    expect(r.status).toBe(1);
    expect(r.log).toEqual(['PUT /my-bucket']);
  });

  test('503 on every attempt: exit 1 after the last one', async () => {
    const r = await run([[503, 'XMinioServerNotInitialized']]);
    expect(r.stdout).toBe([1, 2].map((i) => `MinIO is not ready (HTTP 503 XMinioServerNotInitialized); attempt ${i} of 3, next in 0 seconds\n`).join(''));
    expect(r.stderr).toBe(`ERROR: MinIO at ${r.url} is not ready after 3 attempts (HTTP 503 XMinioServerNotInitialized)\n`);
    expect(r.status).toBe(1);
    expect(r.log).toEqual(['PUT /my-bucket', 'PUT /my-bucket', 'PUT /my-bucket']);
  });

  test('connection refused on every attempt: retried, then exit 1', async () => {
    const r = await run(undefined);
    expect(r.stdout).toBe([1, 2].map((i) => `MinIO is not ready (no answer, curl exit code 7); attempt ${i} of 3, next in 0 seconds\n`).join(''));
    expect(r.stderr).toMatch(/^(curl: \(7\) Failed to connect to 127\.0\.0\.1 port \d+.*\n){3}ERROR: MinIO at http:\/\/127\.0\.0\.1:\d+\/my-bucket is not ready after 3 attempts \(no answer, curl exit code 7\)\n$/);
    expect(r.status).toBe(1);
  });

  test('with TLS, an unreadable CA file is final: exit 1 at once with curl\'s exit code', async () => {
    const r = await run([[200]], { caFile: '/nonexistent/ca.crt' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^curl: \(77\) .*\nERROR: creating bucket my-bucket at https:\/\/127\.0\.0\.1:\d+\/my-bucket: no answer, curl exit code 77\n$/);
    expect(r.status).toBe(1);
    expect(r.log).toEqual([]);
  });

  test('empty credentials: exit 1 before calling MinIO', async () => {
    const r = await run([[200]], {}, { MINIO_ROOT_PASSWORD: '' });
    expect(r.stderr).toBe('ERROR: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set and not empty (from the MinIO Secret)\n');
    expect(r.status).toBe(1);
    expect(r.log).toEqual([]);
  });
});
