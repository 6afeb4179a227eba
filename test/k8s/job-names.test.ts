/**
 * The one-shot Jobs whose pod template changes with the input are named after that template, so an
 * upgrade or a changed option applies a new Job instead of failing on an immutable one.
 */
import fc from 'fast-check';
import { App } from 'cdk8s';
import { PRESETS } from '../../examples';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { Credentials } from '../../src/config/credentials';
import { canonicalJson, specHashedJobName } from '../../src/k8s/_job-name';
import { findJob, hashedJobName, K8sObject, key, ofKind, synthObjects } from '../util';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CREDENTIALS = 'argo-stack-credentials';
const BUCKET = 'minio-create-bucket';

/** The names of the credentials Job and the bucket Job of an install (undefined when there is none). */
function jobNames(props: ArgoWorkflowsProps): { credentials?: string; bucket?: string } {
  const objs = synthObjects(props);
  const named = (base: string) => ofKind(objs, 'Job').find((j) => j.metadata.name.startsWith(`${base}-`))?.metadata.name;
  return { credentials: named(CREDENTIALS), bucket: named(BUCKET) };
}

const DB: ArgoWorkflowsProps = { persistence: { postgres: { inCluster: {} } } };
const MINIO: ArgoWorkflowsProps = { minio: true, workflowNamespaces: [{ name: 'argo' }] };

describe('canonicalJson', () => {
  test('sorts keys at every depth, keeps array order, leaves out null and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined, e: null } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: { y: 1, x: 2 } })).toBe(canonicalJson({ a: { x: 2, y: 1 } }));
    expect(canonicalJson(null)).toBe('null');
  });
});

describe('specHashedJobName', () => {
  test('<base>-<first 8 hex digits of the sha256 of the canonical JSON>', () => {
    // sha256('{"a":1}') = 015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862
    expect(specHashedJobName('job', { a: 1 })).toBe('job-015abd7f');
    expect(specHashedJobName('job', { a: 1, b: undefined })).toBe('job-015abd7f');
  });

  test('a long base is cut so the name stays within 63 characters, without a dash before the hash', () => {
    expect(specHashedJobName('a'.repeat(70), {})).toBe(`${'a'.repeat(54)}-44136fa3`);
    expect(specHashedJobName(`${'a'.repeat(53)}-bbb`, {})).toBe(`${'a'.repeat(53)}-44136fa3`);
  });

  test('any base that is a DNS label gives a DNS label of at most 63 characters', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,98}[a-z0-9])?$/);
    fc.assert(fc.property(label, fc.jsonValue(), (base, template) => {
      const name = specHashedJobName(base, template);
      return name.length <= 63 && DNS_LABEL.test(name);
    }));
  });
});

describe('the credentials Job', () => {
  const base = jobNames(DB).credentials!;

  test('is named after its rendered pod template; its ServiceAccount, Role and RoleBinding keep their fixed name', () => {
    const objs = synthObjects(DB);
    const job = findJob(objs, CREDENTIALS, 'argo');
    expect(job.metadata.name).toBe(hashedJobName(CREDENTIALS, job));
    expect(objs.filter((o) => o.metadata.name.startsWith(CREDENTIALS)).map(key)).toEqual([
      'NetworkPolicy argo/argo-stack-credentials', 'ServiceAccount argo/argo-stack-credentials', 'Role argo/argo-stack-credentials', 'RoleBinding argo/argo-stack-credentials',
      'ValidatingAdmissionPolicy argo-stack-credentials-argo', 'ValidatingAdmissionPolicyBinding argo-stack-credentials-argo', key(job),
    ]);
    expect(job.spec.template.spec.serviceAccountName).toBe(CREDENTIALS);
    expect(job.spec.template.metadata.labels.app).toBe(CREDENTIALS);
  });

  test('identical input keeps the name', () => {
    expect(jobNames(DB).credentials).toBe(base);
    expect(jobNames({ ...DB, server: { replicas: 2 } }).credentials).toBe(base);
  });

  test.each<[string, ArgoWorkflowsProps]>([
    ['another generated Secret', { ...DB, minio: true, workflowNamespaces: [{ name: 'argo' }] }],
    ['the Secret copied to another namespace', { ...DB, minio: true, workflowNamespaces: [{ name: 'wf' }] }],
    ['another length of the random values', { persistence: { postgres: { inCluster: {}, credentials: Credentials.generated({ length: 40 }) } } }],
    ['another install namespace', { ...DB, namespace: 'ops' }],
    ['another jobs image', { ...DB, images: { jobs: 'registry.example.com/tools/curl:8.11.1' } }],
    ['install labels (the Secrets the script creates carry them)', { ...DB, labels: { team: 'data' } }],
    ['another Argo version (the version label of those Secrets)', { ...DB, version: 'v4.0.10' }],
  ])('%s renames it', (_name, props) => {
    const name = jobNames(props).credentials!;
    expect(name).not.toBe(base);
    expect(name).toMatch(/^argo-stack-credentials-[0-9a-f]{8}$/);
  });
});

describe('the bucket Job', () => {
  const base = jobNames(MINIO).bucket!;

  test('is named after its rendered pod template', () => {
    const job = findJob(synthObjects(MINIO), BUCKET, 'argo');
    expect(job.metadata.name).toBe(hashedJobName(BUCKET, job));
    expect(job.spec.template.metadata.labels.app).toBe(BUCKET);
  });

  test.each<[string, ArgoWorkflowsProps]>([
    ['identical input', MINIO],
    ['install labels (only on the Job, not in its pod template)', { ...MINIO, labels: { team: 'data' } }],
    ['another volume size (not in the Job)', { ...MINIO, minio: { storage: '50Gi' } }],
  ])('%s keeps the name', (_name, props) => {
    expect(jobNames(props).bucket).toBe(base);
  });

  test.each<[string, ArgoWorkflowsProps]>([
    ['another bucket', { ...MINIO, minio: { bucket: 'other-bucket' } }],
    ['another Secret', { ...MINIO, minio: { secretName: 'minio-root' } }],
    ['TLS', {
      ...MINIO,
      minio: { tls: { certificateSecretName: 'minio-tls', caSecret: { name: 'minio-ca', key: 'ca.crt' } } },
      secrets: [{ name: 'minio-ca', keys: ['ca.crt'], credentials: Credentials.existing() }],
    }],
    ['workflows in another namespace (another endpoint)', { minio: true, workflowNamespaces: [{ name: 'wf' }] }],
    ['another node selector', { ...MINIO, minio: { nodeSelector: { pool: 'storage' } } }],
  ])('%s renames it', (_name, props) => {
    const name = jobNames(props).bucket!;
    expect(name).not.toBe(base);
    expect(name).toMatch(/^minio-create-bucket-[0-9a-f]{8}$/);
  });
});

describe('the presets', () => {
  const jobs = (name: string): string[] => {
    const preset = PRESETS.find((p) => p.name === name)!;
    return ofKind(preset.build(new App()).toJson() as K8sObject[], 'Job').map(key);
  };

  test('exact Job names', () => {
    expect(jobs('quick-start')).toEqual([
      'Job argo/argo-crd-installer-v4-1-2', 'Job argo/argo-stack-credentials-d9436177', 'Job argo/minio-create-bucket-90e5ff62', 'Job argo/minio-users-39ffed68',
    ]);
    expect(jobs('cluster')).toEqual(['Job argo/argo-crd-installer-v4-1-2']);
  });

  test('every Job name of every preset is a DNS label of at most 63 characters', () => {
    for (const p of PRESETS) {
      for (const j of ofKind(p.build(new App()).toJson() as K8sObject[], 'Job')) {
        expect([j.metadata.name, j.metadata.name.length <= 63 && DNS_LABEL.test(j.metadata.name)]).toEqual([j.metadata.name, true]);
      }
    }
  });
});
