import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdk8s';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Credentials, SecretSpec } from '../../src/config/credentials';
import type { ResolvedArgoWorkflows } from '../../src/config/plan';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { checkJobsImage, checkManagedSecrets } from '../../src/config/storage/secret-placements';
import {
  credentialsScript, CREDENTIALS_JOB_IMAGE, CREDENTIALS_JOB_NAME, ManagedSecret, ManagedSecrets, ManagedSecretsProps, shellQuote,
} from '../../src/k8s/secrets';
import { checkManifests } from '../../src/policy';
import { bad, expectInvalid } from '../config/_helpers';
import { container, find, K8sObject, key, ofKind, stdLabels } from '../util';

const LABELS = stdLabels('credentials');
const WAVE = { 'argocd.argoproj.io/sync-wave': '-5' };
/** The Job only: an Argo CD Sync hook, recreated on each sync, in the same wave. */
const HOOK = { ...WAVE, 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' };
const CLUSTER_WIDE = { 'sealedsecrets.bitnami.com/cluster-wide': 'true' };
const plan = resolveArgoWorkflows({});
const sealed = (seed: string) => Buffer.from(seed.repeat(200)).toString('base64');
const SEALED_USER = sealed('u');
const SEALED_PASSWORD = sealed('p');

const spec = (name: string, keys: string[], source: Credentials): SecretSpec => ({ name, keys, source, description: `used by tests (${name})` });

/** Two generated Secrets: one in the install namespace copied to two others, one whose primary is a workflow namespace. */
const GENERATED: ManagedSecret[] = [
  { spec: spec('argo-postgres-config', ['username', 'password'], Credentials.generated({ fixed: { username: 'argo' } })), namespaces: ['argo', 'wf-a', 'wf-b'] },
  { spec: spec('my-minio-cred', ['accesskey', 'secretkey'], Credentials.generated({ length: 20 })), namespaces: ['wf-a'] },
];

function synth(secrets: ManagedSecret[], extra: Partial<ManagedSecretsProps> = {}, p: ResolvedArgoWorkflows = plan): { objs: K8sObject[]; construct: ManagedSecrets } {
  const chart = Testing.chart();
  const checked = checkManagedSecrets(secrets);
  const image = checkJobsImage(extra.image, p.images.jobs);
  const construct = new ManagedSecrets(chart, 'secrets', { ctx: p, secrets: checked, image });
  return { objs: Testing.synth(chart) as K8sObject[], construct };
}

describe('ManagedSecrets: generated', () => {
  const { objs, construct } = synth(GENERATED);
  const script = credentialsScript(plan, GENERATED);

  test('emits exactly the Job, its ServiceAccount, and a Role and RoleBinding per namespace written to', () => {
    expect(objs.map(key)).toEqual([
      'ServiceAccount argo/argo-stack-credentials',
      'Role argo/argo-stack-credentials', 'RoleBinding argo/argo-stack-credentials',
      'Role wf-a/argo-stack-credentials', 'RoleBinding wf-a/argo-stack-credentials',
      'Role wf-b/argo-stack-credentials', 'RoleBinding wf-b/argo-stack-credentials',
      'Job argo/argo-stack-credentials',
    ]);
  });

  test('ServiceAccount argo-stack-credentials in the install namespace', () => {
    const sa = find(objs, 'ServiceAccount', CREDENTIALS_JOB_NAME, 'argo');
    expect(sa).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo-stack-credentials', namespace: 'argo', labels: LABELS, annotations: WAVE },
    });
    expect(() => new ServiceAccount(sa as never).validate()).not.toThrow();
  });

  test.each([
    ['argo', ['argo-postgres-config']],
    ['wf-a', ['argo-postgres-config', 'my-minio-cred']],
    ['wf-b', ['argo-postgres-config']],
  ])('Role in %s: secrets create, and get on exactly %j', (ns, names) => {
    const role = find(objs, 'Role', CREDENTIALS_JOB_NAME, ns);
    expect(role).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role',
      metadata: { name: 'argo-stack-credentials', namespace: ns, labels: LABELS, annotations: WAVE },
      rules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
        { apiGroups: [''], resources: ['secrets'], resourceNames: names, verbs: ['get'] },
      ],
    });
    expect(() => new Role(role as never).validate()).not.toThrow();
  });

  test.each(['argo', 'wf-a', 'wf-b'])('RoleBinding in %s binds the Role to the ServiceAccount of the install namespace', (ns) => {
    const binding = find(objs, 'RoleBinding', CREDENTIALS_JOB_NAME, ns);
    expect(binding).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
      metadata: { name: 'argo-stack-credentials', namespace: ns, labels: LABELS, annotations: WAVE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argo-stack-credentials' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo-stack-credentials', namespace: 'argo' }],
    });
    expect(() => new RoleBinding(binding as never).validate()).not.toThrow();
  });

  test('Job argo-stack-credentials, every field', () => {
    const job = find(objs, 'Job', CREDENTIALS_JOB_NAME, 'argo');
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'argo-stack-credentials', namespace: 'argo', labels: LABELS, annotations: HOOK },
      spec: {
        backoffLimit: 6,
        ttlSecondsAfterFinished: 600,
        template: {
          metadata: { labels: { app: 'argo-stack-credentials', 'app.kubernetes.io/component': 'credentials' } },
          spec: {
            serviceAccountName: 'argo-stack-credentials',
            automountServiceAccountToken: true,
            restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, runAsUser: 100, runAsGroup: 100, fsGroup: 100, seccompProfile: { type: 'RuntimeDefault' } },
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{
              name: 'generate',
              image: 'docker.io/curlimages/curl:8.11.1',
              command: ['/bin/sh', '-c'],
              args: [script],
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false,
                readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }],
          },
        },
      },
    });
    expect(() => new Job(job as never).validate()).not.toThrow();
    expect(construct.script).toBe(script);
    expect(CREDENTIALS_JOB_IMAGE).toBe('docker.io/curlimages/curl:8.11.1');
  });

  test('the image can be overridden, and must be pinned', () => {
    const image = 'registry.example.com/curl@sha256:' + 'a'.repeat(64);
    expect(container(find(synth(GENERATED, { image }).objs, 'Job', CREDENTIALS_JOB_NAME)).image).toBe(image);
    expectInvalid(() => synth(GENERATED, { image: 'curlimages/curl:latest' }),
      'image "curlimages/curl:latest" is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: pin it, e.g. "curlimages/curl:8.11.1", or "curlimages/curl@sha256:<digest>"');
  });

  test('the plan\'s labels reach every object and the Secrets the Job creates', () => {
    const p = resolveArgoWorkflows({ namespace: 'ops', labels: { team: 'data' } });
    const r = synth([{ spec: spec('db', ['password'], Credentials.generated()), namespaces: ['ops'] }], {}, p);
    for (const o of r.objs) expect(o.metadata.labels).toEqual(stdLabels('credentials', { team: 'data' }));
    expect(r.construct.script).toContain('"labels":{"team":"data","app.kubernetes.io/component":"credentials"');
    expect(find(r.objs, 'RoleBinding', CREDENTIALS_JOB_NAME, 'ops').subjects).toEqual([{ kind: 'ServiceAccount', name: 'argo-stack-credentials', namespace: 'ops' }]);
  });

  test('one Job for all generated Secrets, none without them', () => {
    expect(ofKind(objs, 'Job')).toHaveLength(1);
    expect(synth([]).objs).toEqual([]);
    expect(synth([]).construct.script).toBeUndefined();
  });
});

describe('ManagedSecrets: existing, externalSecret, sealedSecret', () => {
  const existing: ManagedSecret = { spec: spec('argo-server-sso', ['clientID', 'clientSecret'], Credentials.existing()), namespaces: ['argo'] };
  const external: ManagedSecret = {
    spec: spec('argo-postgres-config', ['username', 'password'], Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/postgres', properties: { password: 'db-password' } })),
    namespaces: ['argo', 'wf-a'],
  };
  const externalNamespaced: ManagedSecret = {
    spec: spec('my-minio-cred', ['secretkey', 'accesskey'], Credentials.externalSecret({ storeName: 'aws', storeKind: 'SecretStore', remoteKey: 'prod/minio', refreshInterval: '15m' })),
    namespaces: ['wf-a'],
  };
  const sealedSecret: ManagedSecret = {
    spec: spec('argo-mysql-config', ['username', 'password'], Credentials.sealedSecret({ encryptedData: { username: SEALED_USER, password: SEALED_PASSWORD } })),
    namespaces: ['argo', 'wf-b'],
  };

  test('existing: nothing at all', () => {
    expect(synth([existing]).objs).toEqual([]);
  });

  test('externalSecret: one ExternalSecret per namespace, data sorted by key, ClusterSecretStore and 1h by default', () => {
    const { objs } = synth([external]);
    expect(objs.map(key)).toEqual(['ExternalSecret argo/argo-postgres-config', 'ExternalSecret wf-a/argo-postgres-config']);
    for (const ns of ['argo', 'wf-a']) {
      expect(find(objs, 'ExternalSecret', 'argo-postgres-config', ns)).toEqual({
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'argo-postgres-config', namespace: ns, labels: LABELS, annotations: WAVE },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
          target: { name: 'argo-postgres-config', creationPolicy: 'Owner' },
          data: [
            { secretKey: 'password', remoteRef: { key: 'argo/postgres', property: 'db-password' } },
            { secretKey: 'username', remoteRef: { key: 'argo/postgres', property: 'username' } },
          ],
        },
      });
    }
  });

  test('externalSecret: SecretStore and refreshInterval as given', () => {
    expect(find(synth([externalNamespaced]).objs, 'ExternalSecret', 'my-minio-cred', 'wf-a').spec).toEqual({
      refreshInterval: '15m',
      secretStoreRef: { name: 'aws', kind: 'SecretStore' },
      target: { name: 'my-minio-cred', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'accesskey', remoteRef: { key: 'prod/minio', property: 'accesskey' } },
        { secretKey: 'secretkey', remoteRef: { key: 'prod/minio', property: 'secretkey' } },
      ],
    });
  });

  test('sealedSecret: one cluster-wide SealedSecret per namespace, type Opaque', () => {
    const { objs } = synth([sealedSecret]);
    expect(objs.map(key)).toEqual(['SealedSecret argo/argo-mysql-config', 'SealedSecret wf-b/argo-mysql-config']);
    for (const ns of ['argo', 'wf-b']) {
      const s = find(objs, 'SealedSecret', 'argo-mysql-config', ns);
      expect(s).toEqual({
        apiVersion: 'bitnami.com/v1alpha1',
        kind: 'SealedSecret',
        metadata: { name: 'argo-mysql-config', namespace: ns, labels: LABELS, annotations: { ...WAVE, ...CLUSTER_WIDE } },
        spec: {
          encryptedData: { password: SEALED_PASSWORD, username: SEALED_USER },
          template: {
            metadata: { name: 'argo-mysql-config', namespace: ns, labels: LABELS, annotations: CLUSTER_WIDE },
            type: 'Opaque',
          },
        },
      });
      expect(Object.keys(s.spec.encryptedData)).toEqual(['password', 'username']);
    }
  });

  test('all kinds together: each emits its own objects, generated ones share one Job', () => {
    const artifacts: ManagedSecret = { ...external, spec: { ...external.spec, name: 'argo-artifacts' } };
    const { objs } = synth([existing, artifacts, sealedSecret, ...GENERATED]);
    expect(objs.map(key)).toEqual([
      'ExternalSecret argo/argo-artifacts', 'ExternalSecret wf-a/argo-artifacts',
      'SealedSecret argo/argo-mysql-config', 'SealedSecret wf-b/argo-mysql-config',
      'ServiceAccount argo/argo-stack-credentials',
      'Role argo/argo-stack-credentials', 'RoleBinding argo/argo-stack-credentials',
      'Role wf-a/argo-stack-credentials', 'RoleBinding wf-a/argo-stack-credentials',
      'Role wf-b/argo-stack-credentials', 'RoleBinding wf-b/argo-stack-credentials',
      'Job argo/argo-stack-credentials',
    ]);
  });
});

describe('ManagedSecrets: nothing secret in the output', () => {
  const everything: ManagedSecret[] = [
    { spec: spec('sso', ['clientID', 'clientSecret'], Credentials.existing()), namespaces: ['argo'] },
    { spec: spec('ext', ['password'], Credentials.externalSecret({ storeName: 'vault', remoteKey: 'argo/ext' })), namespaces: ['argo'] },
    { spec: spec('sealed', ['password'], Credentials.sealedSecret({ encryptedData: { password: SEALED_PASSWORD } })), namespaces: ['argo'] },
    ...GENERATED,
  ];
  const { objs, construct } = synth(everything);

  test('no emitted object is a Secret, and no object has data or stringData', () => {
    expect(ofKind(objs, 'Secret')).toEqual([]);
    for (const o of objs) {
      expect(o.data).toBeUndefined();
      expect(o.stringData).toBeUndefined();
    }
  });

  test('no container env var holds a literal value under a secret-looking name', () => {
    // The only container is the Job's, and it has no env at all (the script reads nothing secret from env).
    const containers = objs.flatMap((o) => (o.spec?.template?.spec?.containers ?? []).map((c: { name: string; env?: unknown }) => [key(o), c.name, c.env]));
    expect(containers).toEqual([['Job argo/argo-stack-credentials', 'generate', undefined]]);
    // The policy's rule looks at every container of every object: nothing here, and it does catch a literal value.
    const envLiteral = (o: K8sObject[]) => checkManifests(o).filter((f) => f.rule === 'credentials/env-literal');
    expect(envLiteral(objs)).toEqual([]);
    const leaky = JSON.parse(JSON.stringify(objs)) as K8sObject[];
    container(find(leaky, 'Job', CREDENTIALS_JOB_NAME)).env = [{ name: 'DB_PASSWORD', value: 'hunter2' }];
    expect(envLiteral(leaky)).toEqual([{
      level: 'error', object: 'Job/argo/argo-stack-credentials', rule: 'credentials/env-literal',
      message: 'container "generate" sets env DB_PASSWORD to a literal value. Fix: read it from a Secret with valueFrom.secretKeyRef',
    }]);
  });

  test('the manifest policy finds nothing', () => {
    expect(checkManifests(objs)).toEqual([]);
  });

  test('deterministic: two synths are identical, and the script holds no random-looking value', () => {
    expect(synth(everything).objs).toEqual(objs);
    expect(synth(everything).construct.script).toBe(construct.script);
    // A generated value would be a run of at least 16 letters and digits; the script has none
    // (the longest words in it are "IgnoreExtraneous" and "serviceaccount").
    const runs = construct.script!.match(/[A-Za-z0-9]{16,}/g) ?? [];
    expect(runs).toEqual(['IgnoreExtraneous']);
    expect(construct.script).toContain("tr -dc 'A-Za-z0-9' </dev/urandom | head -c \"$1\"");
  });
});

describe('ManagedSecrets: validation', () => {
  const gen = (name = 'db') => spec(name, ['password'], Credentials.generated());

  test('every SecretSpec is checked, with the entry path or the given option', () => {
    expectInvalid(() => synth([{ spec: spec('db', ['password'], bad({ password: 'p' })), namespaces: ['argo'] }]),
      'secrets[0].spec.source {"password":"<redacted>"} is invalid: it must be a Credentials value, not literal credentials: they would be written to dist/, which is committed to git. '
      + 'Fix: use Credentials.generated() (random values created in the cluster), Credentials.existing() (you create the Secret), '
      + 'Credentials.externalSecret({ storeName, remoteKey }) (External Secrets Operator) or Credentials.sealedSecret({ encryptedData }) (Sealed Secrets)');
    expectInvalid(() => synth([{ spec: spec('db', ['password'], Credentials.generated({ length: 8 })), namespaces: ['argo'], option: 'persistence.postgres.credentials' }]),
      'persistence.postgres.credentials.length 8 is invalid: it must be a whole number of characters from 16 to 128. Fix: omit it for 32, or give a whole number from 16 to 128');
  });

  test('secrets must be a list', () => {
    expectInvalid(() => synth(bad({})), 'secrets {} is invalid: it must be a list of { spec, namespaces }. Fix: give a list (empty when no Secret is needed)');
  });

  test.each([[[], '[]'], [undefined, 'undefined']])('namespaces %j is rejected', (namespaces, shown) => {
    expectInvalid(() => synth([{ spec: gen(), namespaces: bad(namespaces) }]),
      `secrets[0].namespaces ${shown} is invalid: it must list at least one namespace; the first is the primary one. Fix: list the namespaces that need Secret "db"`);
  });

  test('a namespace must be an RFC 1123 label', () => {
    expectInvalid(() => synth([{ spec: gen(), namespaces: ['argo', 'Team_A'] }]),
      'secrets[0].namespaces[1] "Team_A" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "team-a"');
  });

  test('a namespace listed twice', () => {
    expectInvalid(() => synth([{ spec: gen(), namespaces: ['argo', 'wf', 'argo'] }]),
      'secrets[0].namespaces ["argo","wf","argo"] is invalid: it lists "argo" twice; each namespace may appear once. Fix: remove the second "argo"');
  });

  test('two entries making the same Secret in one namespace', () => {
    expectInvalid(() => synth([{ spec: gen(), namespaces: ['argo', 'wf'] }, { spec: gen('other'), namespaces: ['wf'] }, { spec: gen(), namespaces: ['wf'] }]),
      'secrets[0] and secrets[2] both make Secret "db" in namespace "wf". Fix: give the Secrets different names, or merge the two entries into one');
  });

  test('the same name in different namespaces is fine: each namespace gets its own Secret', () => {
    const { objs, construct } = synth([{ spec: gen(), namespaces: ['argo'] }, { spec: gen(), namespaces: ['wf'] }]);
    expect(objs.map(key)).toEqual([
      'ServiceAccount argo/argo-stack-credentials',
      'Role argo/argo-stack-credentials', 'RoleBinding argo/argo-stack-credentials',
      'Role wf/argo-stack-credentials', 'RoleBinding wf/argo-stack-credentials',
      'Job argo/argo-stack-credentials',
    ]);
    expect(find(objs, 'Role', CREDENTIALS_JOB_NAME, 'wf').rules[1]).toEqual({ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] });
    expect(construct.script!.split('\n').filter((line) => line.startsWith('# Primary namespace'))).toEqual([
      '# Primary namespace "argo".', '# Primary namespace "wf".',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The script

describe('credentialsScript: text', () => {
  const one: ManagedSecret[] = [{ spec: spec('argo-postgres-config', ['username', 'password'], Credentials.generated({ fixed: { username: 'argo' } })), namespaces: ['argo', 'wf'] }];
  const script = credentialsScript(plan, one);

  test('sh -n: valid POSIX sh syntax', () => {
    for (const s of [script, credentialsScript(plan, GENERATED)]) {
      expect(() => execFileSync('sh', ['-n'], { input: s, stdio: ['pipe', 'pipe', 'pipe'] })).not.toThrow();
    }
  });

  test('the section of one Secret, exactly', () => {
    const section = script.slice(script.indexOf('# --- Secret'), script.indexOf("echo 'Done"));
    expect(section).toBe(`# --- Secret "argo-postgres-config": username (fixed), password (random, 32 characters).
# Primary namespace "argo"; copied to "wf".
if exists 'argo' 'argo-postgres-config'; then
  echo 'Secret argo/argo-postgres-config: exists, kept as it is'
else
  random_1=$(random 32)
  printf '%s' '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"argo-postgres-config",'"$SECRET_META"'},"type":"Opaque","stringData":{"password":"'"$random_1"'","username":"argo"}}' |
    create 'argo' 'argo-postgres-config'
  unset random_1
fi
# Read it back: it must have every key (an existing Secret is never changed).
primary=$(read_secret 'argo' 'argo-postgres-config')
data_1=$(data_value "$primary" 'argo/argo-postgres-config' 'password')
data_2=$(data_value "$primary" 'argo/argo-postgres-config' 'username')
for namespace in 'wf'; do
  if exists "$namespace" 'argo-postgres-config'; then
    printf 'Secret %s/%s: exists, kept as it is\\n' "$namespace" 'argo-postgres-config'
  else
    printf '%s' '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"argo-postgres-config",'"$SECRET_META"'},"type":"Opaque","data":{"password":"'"$data_1"'","username":"'"$data_2"'"}}' |
      create "$namespace" 'argo-postgres-config'
  fi
done
unset primary data_1 data_2

`);
  });

  test('the Secret metadata: standard labels, and Argo CD told to neither prune nor diff the Secrets', () => {
    expect(script).toContain(`SECRET_META='"labels":{"app.kubernetes.io/component":"credentials","app.kubernetes.io/managed-by":"argo-stack","app.kubernetes.io/part-of":"argo-workflows","app.kubernetes.io/version":"v4.1.2"},"annotations":{"argocd.argoproj.io/compare-options":"IgnoreExtraneous","argocd.argoproj.io/sync-options":"Prune=false"}'`);
  });

  test('only GET and POST: never PUT, PATCH or DELETE', () => {
    const code = script.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
    expect(code).not.toMatch(/\b(PUT|PATCH|DELETE)\b/);
    expect(script.match(/request (GET|POST)/g)).toEqual(['request GET', 'request POST', 'request GET']);
  });

  test('fixed values are quoted for sh and JSON', () => {
    const s = credentialsScript(plan, [{ spec: spec('db', ['user', 'password'], Credentials.generated({ fixed: { user: `o'brien "x" $HOME \\` } })), namespaces: ['argo'] }]);
    expect(s).toContain(`"user":"o'\\''brien \\"x\\" $HOME \\\\"}}'`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

/** What the fake API server holds and saw. */
interface FakeState {
  secrets: Record<string, K8sObject>;
  log: { method: string; url: string; body?: string }[];
  /** Secrets that GET does not see yet but that a POST finds (someone else created them meanwhile). */
  race?: Record<string, K8sObject>;
  /** Namespaces where every request is forbidden. */
  forbidden?: string[];
  /** No server at all: curl cannot connect. */
  down?: boolean;
}

/**
 * A fake Kubernetes API for Secrets, in this process: answers GET and POST like the API server
 * (pretty-printed JSON, stringData turned into base64 data, managedFields, Status objects), checks
 * the bearer token and the headers, and logs every request.
 */
function fakeApi(state: FakeState): http.Server {
  return http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const method = req.method ?? '';
      state.log.push({ method, url: req.url ?? '', ...(body ? { body } : {}) });
      const reply = (code: number, obj: unknown) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj, null, 2));
      };
      const fail = (code: number, reason: string, message: string) =>
        reply(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
      if (req.headers.authorization !== 'Bearer test-token') return fail(401, 'Unauthorized', 'Unauthorized');
      if (req.headers.accept !== 'application/json') return fail(406, 'NotAcceptable', 'no Accept: application/json');
      const m = /^\/api\/v1\/namespaces\/([a-z0-9-]+)\/secrets(?:\/([a-z0-9.-]+))?\?pretty=true$/.exec(req.url ?? '');
      if (!m) return fail(404, 'NotFound', 'the server could not find the requested resource');
      const [, ns, name] = m;
      if (state.forbidden?.includes(ns)) {
        return fail(403, 'Forbidden', `secrets is forbidden: User "system:serviceaccount:argo:argo-stack-credentials" cannot ${method.toLowerCase()} resource "secrets" in the namespace "${ns}"`);
      }
      if (method === 'GET' && name) {
        const found = state.secrets[`${ns}/${name}`];
        return found ? reply(200, found) : fail(404, 'NotFound', `secrets "${name}" not found`);
      }
      if (method !== 'POST' || name) return fail(405, 'MethodNotAllowed', `${method} is not allowed here`);
      if (req.headers['content-type'] !== 'application/json') return fail(415, 'UnsupportedMediaType', 'no Content-Type: application/json');
      let obj: K8sObject;
      try {
        obj = JSON.parse(body);
      } catch (e) {
        return fail(400, 'BadRequest', `invalid JSON: ${(e as Error).message}`);
      }
      const id = `${ns}/${obj.metadata.name}`;
      if (state.race?.[id]) {
        state.secrets[id] = state.race[id];
        delete state.race[id];
      }
      if (state.secrets[id]) return fail(409, 'AlreadyExists', `secrets "${obj.metadata.name}" already exists`);
      const values: Record<string, string> = { ...(obj.data ?? {}) };
      for (const [k, v] of Object.entries(obj.stringData ?? {})) values[k] = Buffer.from(v as string).toString('base64');
      const data = Object.fromEntries(Object.keys(values).sort().map((k) => [k, values[k]]));
      state.secrets[id] = {
        kind: 'Secret', apiVersion: 'v1',
        metadata: {
          name: obj.metadata.name, namespace: ns, uid: `uid-${state.log.length}`, resourceVersion: String(state.log.length),
          labels: obj.metadata.labels, annotations: obj.metadata.annotations,
          managedFields: [{
            manager: 'curl', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': Object.fromEntries([['.', {}], ...Object.keys(data).map((k) => [`f:${k}`, {}])]), 'f:type': {} },
          }],
        } as K8sObject['metadata'],
        data,
        type: obj.type,
      };
      return reply(201, state.secrets[id]);
    });
  });
}

/** A Secret as the user or another tool made it (with a last-applied annotation that mentions "data"). */
function userSecret(ns: string, name: string, values: Record<string, string>): K8sObject {
  const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return {
    kind: 'Secret', apiVersion: 'v1',
    metadata: {
      name, namespace: ns, resourceVersion: '7',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { password: 'bm90LXRoaXM=' } }) },
      managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': { '.': {}, 'f:password': {} } } }],
    } as K8sObject['metadata'],
    data,
    type: 'Opaque',
  };
}

const decode = (s: K8sObject | undefined) => Object.fromEntries(Object.entries((s?.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

/** Runs a command to its end, with stdin closed; resolves with its exit status and output. */
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

/**
 * The script runs with the real curl against the fake API: only the API address (plain HTTP on
 * localhost instead of https://kubernetes.default.svc) and the token and header paths are changed.
 * The shells: sh, and busybox ash (the image's shell) when it is installed.
 */
const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const which = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
/** A shell, and the programs the script may find: undefined for the host's PATH. */
const SHELLS: [string, string[], Record<string, string> | undefined][] = [['sh', ['sh'], undefined]];
const BUSYBOX = which('busybox');
if (BUSYBOX) {
  // As in the image: busybox ash with busybox's tr, head, sed, grep and cat, and curl.
  SHELLS.push(['busybox ash', [BUSYBOX, 'sh'], { tr: BUSYBOX, head: BUSYBOX, sed: BUSYBOX, grep: BUSYBOX, cat: BUSYBOX, curl: which('curl') }]);
}

(HAS_CURL ? describe.each(SHELLS) : describe.skip.each(SHELLS))('credentialsScript: run with curl against a fake API server (%s)', (_name, shell, programs) => {
  const script = credentialsScript(plan, GENERATED);

  async function run(initial: Partial<FakeState>): Promise<{ status: number | null; stdout: string; stderr: string; state: FakeState }> {
    const state: FakeState = { secrets: {}, log: [], ...initial };
    const server = fakeApi(state);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    if (state.down) await new Promise((resolve) => server.close(resolve));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-credentials-'));
    try {
      fs.mkdirSync(path.join(dir, 'sa'));
      fs.writeFileSync(path.join(dir, 'sa', 'token'), 'test-token');
      fs.writeFileSync(path.join(dir, 'sa', 'ca.crt'), 'not used over plain HTTP');
      const local = [
        ["API='https://kubernetes.default.svc'", `API='http://127.0.0.1:${port}'`],
        ["SA_DIR='/var/run/secrets/kubernetes.io/serviceaccount'", `SA_DIR='${dir}/sa'`],
        ["AUTH_HEADER='/tmp/authorization'", `AUTH_HEADER='${dir}/authorization'`],
      ].reduce((text, [from, to]) => {
        expect(text).toContain(from);
        return text.replace(from, to);
      }, script);
      let PATH = process.env.PATH;
      if (programs) {
        PATH = path.join(dir, 'bin');
        fs.mkdirSync(PATH);
        for (const [name, target] of Object.entries(programs)) fs.symlinkSync(target, path.join(PATH, name));
      }
      const r = await runAsync([...shell, '-c', local], { PATH });
      return { ...r, state };
    } finally {
      if (!state.down) await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Every value of every Secret in the state must be absent from the output. */
  function expectNoValuePrinted(r: { stdout: string; stderr: string; state: FakeState }): void {
    for (const s of Object.values(r.state.secrets)) {
      for (const [k, v] of Object.entries(decode(s))) {
        if (k === 'username') continue; // fixed, not secret
        expect(r.stdout).not.toContain(v);
        expect(r.stderr).not.toContain(v);
        expect(r.stdout).not.toContain((s.data as Record<string, string>)[k]);
      }
    }
  }

  test('empty cluster: creates each Secret in its primary namespace and copies it, values identical', async () => {
    const r = await run({});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe([
      'Secret argo/argo-postgres-config: created',
      'Secret wf-a/argo-postgres-config: created',
      'Secret wf-b/argo-postgres-config: created',
      'Secret wf-a/my-minio-cred: created',
      'Done: every generated Secret is in place.',
      '',
    ].join('\n'));
    expect(Object.keys(r.state.secrets).sort()).toEqual(['argo/argo-postgres-config', 'wf-a/argo-postgres-config', 'wf-a/my-minio-cred', 'wf-b/argo-postgres-config']);

    const pg = decode(r.state.secrets['argo/argo-postgres-config']);
    expect(pg.username).toBe('argo');
    expect(pg.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(decode(r.state.secrets['wf-a/argo-postgres-config'])).toEqual(pg);
    expect(decode(r.state.secrets['wf-b/argo-postgres-config'])).toEqual(pg);
    const minio = decode(r.state.secrets['wf-a/my-minio-cred']);
    expect(minio.accesskey).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(minio.secretkey).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(minio.accesskey).not.toBe(minio.secretkey);

    for (const s of Object.values(r.state.secrets)) {
      expect(s.type).toBe('Opaque');
      expect(s.metadata.labels).toEqual(LABELS);
      expect(s.metadata.annotations).toEqual({ 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous', 'argocd.argoproj.io/sync-options': 'Prune=false' });
    }
    expect(new Set(r.state.log.map((l) => l.method))).toEqual(new Set(['GET', 'POST']));
    // The primary gets stringData; the copies get the primary's base64 data.
    const posts = r.state.log.filter((l) => l.method === 'POST').map((l) => JSON.parse(l.body!));
    expect(posts.map((p) => Object.keys(p).filter((k) => k === 'data' || k === 'stringData')[0])).toEqual(['stringData', 'data', 'data', 'stringData']);
    expectNoValuePrinted(r);
  });

  test('a second run changes nothing', async () => {
    const first = await run({});
    const second = await run({ secrets: first.state.secrets });
    expect(second.status).toBe(0);
    expect(second.stdout).toBe([
      'Secret argo/argo-postgres-config: exists, kept as it is',
      'Secret wf-a/argo-postgres-config: exists, kept as it is',
      'Secret wf-b/argo-postgres-config: exists, kept as it is',
      'Secret wf-a/my-minio-cred: exists, kept as it is',
      'Done: every generated Secret is in place.',
      '',
    ].join('\n'));
    expect(second.state.secrets).toEqual(first.state.secrets);
    expect(second.state.log.every((l) => l.method === 'GET')).toBe(true);
  });

  test('an existing primary is kept, and its values are what gets copied', async () => {
    const mine = userSecret('argo', 'argo-postgres-config', { username: 'alice', password: 'correct-horse-battery' });
    const r = await run({ secrets: { 'argo/argo-postgres-config': mine } });
    expect(r.status).toBe(0);
    expect(r.state.secrets['argo/argo-postgres-config']).toEqual(mine);
    expect(decode(r.state.secrets['wf-a/argo-postgres-config'])).toEqual({ username: 'alice', password: 'correct-horse-battery' });
    expect(decode(r.state.secrets['wf-b/argo-postgres-config'])).toEqual({ username: 'alice', password: 'correct-horse-battery' });
    expectNoValuePrinted(r);
  });

  test('an existing copy is kept as it is', async () => {
    const other = userSecret('wf-b', 'argo-postgres-config', { username: 'bob', password: 'different' });
    const r = await run({ secrets: { 'wf-b/argo-postgres-config': other } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Secret wf-b/argo-postgres-config: exists, kept as it is');
    expect(r.state.secrets['wf-b/argo-postgres-config']).toEqual(other);
  });

  test('409 on create (someone was faster) is fine, and the winner\'s values are copied', async () => {
    const racer = userSecret('argo', 'argo-postgres-config', { username: 'argo', password: 'from-the-racer' });
    const r = await run({ race: { 'argo/argo-postgres-config': racer } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Secret argo/argo-postgres-config: created meanwhile by someone else, kept as it is');
    expect(r.state.secrets['argo/argo-postgres-config']).toEqual(racer);
    expect(decode(r.state.secrets['wf-a/argo-postgres-config']).password).toBe('from-the-racer');
  });

  test('an existing primary without a key: exit 1 with a clear message, nothing copied', async () => {
    const partial = userSecret('argo', 'argo-postgres-config', { username: 'alice' });
    const r = await run({ secrets: { 'argo/argo-postgres-config': partial } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ERROR: Secret argo/argo-postgres-config has no key "password". argo-stack never changes an existing Secret: add the key, or delete the Secret so that it is generated again\n');
    expect(Object.keys(r.state.secrets)).toEqual(['argo/argo-postgres-config']);
  });

  test('any other HTTP status: exit 1, the status and the API\'s message, no value', async () => {
    const r = await run({ forbidden: ['wf-b'] });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe([
      'ERROR: reading Secret wf-b/argo-postgres-config: HTTP 403',
      '  "message": "secrets is forbidden: User \\"system:serviceaccount:argo:argo-stack-credentials\\" cannot get resource \\"secrets\\" in the namespace \\"wf-b\\"",',
      '  "reason": "Forbidden",',
      '',
    ].join('\n'));
    expect(r.state.secrets['wf-b/argo-postgres-config']).toBeUndefined();
    expectNoValuePrinted(r);
  });

  test('API unreachable: exit 1', async () => {
    const r = await run({ down: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^curl: \(7\) Failed to connect to 127\.0\.0\.1 port \d+.*\nERROR: reading Secret argo\/argo-postgres-config: HTTP 000\n$/);
    expect(r.state.secrets).toEqual({});
  });
});
