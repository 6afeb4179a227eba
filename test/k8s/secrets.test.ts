import { Testing } from 'cdk8s';
import { ValidatingAdmissionPolicy } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy';
import { ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Credentials, SecretSpec } from '../../src/config/credentials';
import type { ResolvedArgoWorkflows } from '../../src/config/plan';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { checkJobsImage, checkManagedSecrets } from '../../src/config/storage/secret-placements';
import { credentialsScript } from '../../src/k8s/scripts/credentials-script';
import {
  CREDENTIALS_JOB_IMAGE, CREDENTIALS_JOB_NAME, ManagedSecret, ManagedSecrets, ManagedSecretsProps,
} from '../../src/k8s/secrets';
import { checkManifests } from '../../src/policy';
import { bad, expectInvalid } from '../config/_helpers';
import { container, find, findJob, hashedJobName, K8sObject, key, ofKind, stdLabels } from '../util';

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

/** The generator script for these Secrets with the standard labels and annotations: what the Job must run. */
const scriptFor = (secrets: ManagedSecret[]) => credentialsScript({
  labels: LABELS,
  annotations: { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous', 'argocd.argoproj.io/sync-options': 'Prune=false' },
  secrets: secrets.map((s) => ({ name: s.spec.name, keys: s.spec.keys, namespaces: s.namespaces, ...s.spec.source.generated! })),
});

function synth(secrets: ManagedSecret[], extra: Partial<ManagedSecretsProps> = {}, p: ResolvedArgoWorkflows = plan): { objs: K8sObject[]; construct: ManagedSecrets } {
  const chart = Testing.chart();
  const checked = checkManagedSecrets(secrets);
  const image = checkJobsImage(extra.image, p.images.jobs);
  const construct = new ManagedSecrets(chart, 'secrets', { ctx: p, secrets: checked, image });
  return { objs: Testing.synth(chart) as K8sObject[], construct };
}

describe('ManagedSecrets: generated', () => {
  const { objs, construct } = synth(GENERATED);
  const script = scriptFor(GENERATED);

  test('emits exactly the Job, its ServiceAccount, and a Role and RoleBinding per namespace written to', () => {
    expect(construct.jobName).toBe('argo-stack-credentials-149b9e13');
    expect(objs.map(key)).toEqual([
      'ServiceAccount argo/argo-stack-credentials',
      'Role argo/argo-stack-credentials', 'RoleBinding argo/argo-stack-credentials',
      'Role wf-a/argo-stack-credentials', 'RoleBinding wf-a/argo-stack-credentials',
      'Role wf-b/argo-stack-credentials', 'RoleBinding wf-b/argo-stack-credentials',
      'ValidatingAdmissionPolicy argo-stack-credentials-argo', 'ValidatingAdmissionPolicyBinding argo-stack-credentials-argo',
      'Job argo/argo-stack-credentials-149b9e13',
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

  test('Job argo-stack-credentials-<hash of its pod template>, every field', () => {
    const job = findJob(objs, CREDENTIALS_JOB_NAME, 'argo');
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: hashedJobName('argo-stack-credentials', job), namespace: 'argo', labels: LABELS, annotations: HOOK },
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
    expect(container(findJob(synth(GENERATED, { image }).objs, CREDENTIALS_JOB_NAME)).image).toBe(image);
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
    expect(synth([]).construct.jobName).toBeUndefined();
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
    const { objs, construct } = synth([existing, artifacts, sealedSecret, ...GENERATED]);
    expect(objs.map(key)).toEqual([
      'ExternalSecret argo/argo-artifacts', 'ExternalSecret wf-a/argo-artifacts',
      'SealedSecret argo/argo-mysql-config', 'SealedSecret wf-b/argo-mysql-config',
      'ServiceAccount argo/argo-stack-credentials',
      'Role argo/argo-stack-credentials', 'RoleBinding argo/argo-stack-credentials',
      'Role wf-a/argo-stack-credentials', 'RoleBinding wf-a/argo-stack-credentials',
      'Role wf-b/argo-stack-credentials', 'RoleBinding wf-b/argo-stack-credentials',
      'ValidatingAdmissionPolicy argo-stack-credentials-argo', 'ValidatingAdmissionPolicyBinding argo-stack-credentials-argo',
      `Job argo/${construct.jobName}`,
    ]);
    // The same generated Secrets as alone: the same script, so the same Job.
    expect(construct.jobName).toBe(synth(GENERATED).construct.jobName);
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
    expect(containers).toEqual([[`Job argo/${construct.jobName}`, 'generate', undefined]]);
    // The policy's rule looks at every container of every object: nothing here, and it does catch a literal value.
    const envLiteral = (o: K8sObject[]) => checkManifests(o).filter((f) => f.rule === 'credentials/env-literal');
    expect(envLiteral(objs)).toEqual([]);
    const leaky = JSON.parse(JSON.stringify(objs)) as K8sObject[];
    container(findJob(leaky, CREDENTIALS_JOB_NAME)).env = [{ name: 'DB_PASSWORD', value: 'hunter2' }];
    expect(envLiteral(leaky)).toEqual([{
      level: 'error', object: `Job/argo/${construct.jobName}`, rule: 'credentials/env-literal',
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
      'ValidatingAdmissionPolicy argo-stack-credentials-argo', 'ValidatingAdmissionPolicyBinding argo-stack-credentials-argo',
      `Job argo/${construct.jobName}`,
    ]);
    expect(find(objs, 'Role', CREDENTIALS_JOB_NAME, 'wf').rules[1]).toEqual({ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] });
    expect(construct.script!.split('\n').filter((line) => line.startsWith('# Primary namespace'))).toEqual([
      '# Primary namespace "argo".', '# Primary namespace "wf".',
    ]);
  });
});

/**
 * A mirror of the policy's CEL, in TypeScript, for sample requests. The expressions are kept simple
 * enough that the mirror is plainly the same logic: the match condition compares the user name; the
 * validation is `CREATE && type == 'Opaque' && (namespace, name) in the allowed pairs`.
 */
interface AdmissionRequest {
  readonly username: string;
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly namespace: string;
  readonly object?: { readonly type?: string; readonly metadata: { readonly name: string } };
}
function admitted(policy: K8sObject, r: AdmissionRequest): boolean {
  // matchConditions: request.userInfo.username == '<user>' (requests of anyone else are not evaluated)
  const match = /^request\.userInfo\.username == '([^']+)'$/.exec(policy.spec.matchConditions[0].expression)!;
  if (r.username !== match[1]) return true;
  // validation: request.operation == 'CREATE' && object.type == 'Opaque' && ((request.namespace == 'ns' && object.metadata.name in ['a', ...]) || ...)
  const expression: string = policy.spec.validations[0].expression;
  const pairs = [...expression.matchAll(/\(request\.namespace == '([^']+)' && object\.metadata\.name in \[([^\]]*)\]\)/g)]
    .map(([, ns, names]) => [ns, names.split(', ').map((n) => n.slice(1, -1))] as const);
  // The expression is exactly the prefix and these pairs, nothing else.
  expect(expression).toBe(`request.operation == 'CREATE' && object.type == 'Opaque' && (${pairs.map(([ns, names]) => `(request.namespace == '${ns}' && object.metadata.name in [${names.map((n) => `'${n}'`).join(', ')}])`).join(' || ')})`);
  if (r.operation !== 'CREATE' || r.object?.type !== 'Opaque') return false;
  return pairs.some(([ns, names]) => r.namespace === ns && names.includes(r.object!.metadata.name));
}

describe('ManagedSecrets: the ValidatingAdmissionPolicy of the credentials Job', () => {
  const { objs } = synth(GENERATED);
  const policy = find(objs, 'ValidatingAdmissionPolicy', 'argo-stack-credentials-argo');
  const binding = find(objs, 'ValidatingAdmissionPolicyBinding', 'argo-stack-credentials-argo');

  test('every field; valid admissionregistration.k8s.io/v1 objects', () => {
    new ValidatingAdmissionPolicy(policy as never).validate();
    new ValidatingAdmissionPolicyBinding(binding as never).validate();
    expect(policy).toEqual({
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'argo-stack-credentials-argo', labels: LABELS, annotations: WAVE },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE', 'DELETE'], resources: ['secrets'] }] },
        matchConditions: [{ name: 'credentials-job', expression: "request.userInfo.username == 'system:serviceaccount:argo:argo-stack-credentials'" }],
        validations: [{
          expression: "request.operation == 'CREATE' && object.type == 'Opaque' && ("
            + "(request.namespace == 'argo' && object.metadata.name in ['argo-postgres-config']) || "
            + "(request.namespace == 'wf-a' && object.metadata.name in ['argo-postgres-config', 'my-minio-cred']) || "
            + "(request.namespace == 'wf-b' && object.metadata.name in ['argo-postgres-config']))",
          message: 'argo-stack-credentials may only create the Opaque Secrets it generates, by name, in their namespaces',
          reason: 'Forbidden',
        }],
      },
    });
    expect(binding).toEqual({
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'argo-stack-credentials-argo', labels: LABELS, annotations: WAVE },
      spec: { policyName: 'argo-stack-credentials-argo', validationActions: ['Deny'] },
    });
  });

  const JOB = 'system:serviceaccount:argo:argo-stack-credentials';
  const create = (namespace: string, name: string, type = 'Opaque', username = JOB): AdmissionRequest => ({ username, operation: 'CREATE', namespace, object: { type, metadata: { name } } });

  test.each<[string, AdmissionRequest, boolean]>([
    ['its Secret in its primary namespace', create('argo', 'argo-postgres-config'), true],
    ['its Secret copied to a workflow namespace', create('wf-b', 'argo-postgres-config'), true],
    ['a Secret whose primary is a workflow namespace', create('wf-a', 'my-minio-cred'), true],
    ['that Secret in a namespace it is not placed in', create('argo', 'my-minio-cred'), false],
    ['another name', create('argo', 'anything-else'), false],
    ['a service-account token Secret with an expected name', create('argo', 'argo-postgres-config', 'kubernetes.io/service-account-token'), false],
    ['a Secret without a type', { username: JOB, operation: 'CREATE', namespace: 'argo', object: { metadata: { name: 'argo-postgres-config' } } }, false],
    ['another namespace', create('kube-system', 'argo-postgres-config'), false],
    ['an update of its own Secret', { username: JOB, operation: 'UPDATE', namespace: 'argo', object: { type: 'Opaque', metadata: { name: 'argo-postgres-config' } } }, false],
    ['a delete of its own Secret', { username: JOB, operation: 'DELETE', namespace: 'argo' }, false],
    ['another user: not evaluated', create('argo', 'anything-else', 'kubernetes.io/service-account-token', 'system:serviceaccount:argo:argo-server'), true],
    ['the same ServiceAccount name in another namespace: not evaluated', create('argo', 'x', 'Opaque', 'system:serviceaccount:other:argo-stack-credentials'), true],
  ])('%s: admitted %s', (_what, request, expected) => {
    expect(admitted(policy, request)).toBe(expected);
  });

  test('no generated Secret, no policy', () => {
    const none = synth([{ spec: spec('db', ['username', 'password'], Credentials.existing()), namespaces: ['argo'] }]).objs;
    expect(none.filter((o) => o.kind.startsWith('ValidatingAdmission'))).toEqual([]);
  });
});
