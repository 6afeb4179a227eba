import { JobName } from '../config/endpoints';
import { Construct } from 'constructs';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IValidatingAdmissionPolicy } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy';
import type { IValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding';
import { credentialsMatchExpression, credentialsValidationExpression } from '../config/credentials-admission';
import { CredentialsKind, SecretSpec } from '../config/credentials';
import { DEFAULT_JOBS_IMAGE } from '../config/images';
import type { ResolvedJobs } from '../config/jobs';
import type { ManagedSecret } from '../config/storage/secret-placements';
import { ARGOCD_SYNC_HOOK_ANNOTATIONS, Component, K8sContext, Manifest, labelsFor, manifest, meta, orderingHints, SyncWave } from './_meta';
import { specHashedJobName } from './_job-name';
import { jobPodMetadata, restrictedContainerSecurityContext, restrictedPodSecurityContext, scheduling } from './_pod';
import type { PolicyRule } from './_rbac-rules';
import { credentialsScript, GeneratedSecret } from './scripts/credentials-script';

export { ARGOCD_SYNC_HOOK_ANNOTATIONS };
export type { ManagedSecret };

/**
 * Name of the Job's ServiceAccount, of the Role and RoleBinding in each namespace it writes to, and
 * of the `app` label of its pod. The Job itself is `argo-stack-credentials-<hash>` (see
 * `specHashedJobName`): its pod template, script included, changes with the generated Secrets.
 */
export const CREDENTIALS_JOB_NAME: string = JobName.CREDENTIALS;
/** The Job's image by default (`images.jobs`): small, pinned, with a POSIX sh (busybox ash) and curl. */
export const CREDENTIALS_JOB_IMAGE = DEFAULT_JOBS_IMAGE;
/** The UID of `curl_user` in that image. */
export const CREDENTIALS_JOB_UID = 100;
/** Requests and limits of the Job's container. */
export const CREDENTIALS_JOB_RESOURCES = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } } as const;
/**
 * Annotations on the Secrets the Job creates. They are not in git, so Argo CD must neither prune them
 * (that would lose the values, and a re-run would make new ones) nor report them as out of sync.
 */
export const GENERATED_SECRET_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/compare-options': 'IgnoreExtraneous',
  'argocd.argoproj.io/sync-options': 'Prune=false',
};
/** Marks a SealedSecret (and the Secret it unseals to) as sealed for any name and namespace. */
export const SEALED_SECRET_CLUSTER_WIDE = 'sealedsecrets.bitnami.com/cluster-wide';

const RBAC = 'rbac.authorization.k8s.io/v1';
const ADMISSION = 'admissionregistration.k8s.io/v1';

/** Name of the ValidatingAdmissionPolicy and its binding (cluster-wide objects): `argo-stack-credentials-<install namespace>`. */
export function credentialsPolicyName(namespace: string): string {
  return `${CREDENTIALS_JOB_NAME}-${namespace}`;
}

export interface ManagedSecretsProps {
  readonly ctx: K8sContext;
  /** Every Secret argo-stack's components need, with its namespaces (checked by `checkManagedSecrets`). */
  readonly secrets: readonly ManagedSecret[];
  /**
   * Image of the generator Job: it must run `sh` (POSIX, e.g. busybox ash) with `curl`, `tr`,
   * `head`, `sed` and `grep`, as UID 100, pinned with a tag or digest (checked by `checkJobsImage`).
   * @default - the install's `images.jobs` ("docker.io/curlimages/curl:8.11.1" unless overridden)
   */
  readonly image?: string;
}

/** `external-secrets.io/v1` ExternalSecret, as far as argo-stack uses it. */
export interface ExternalSecretManifest extends Manifest {
  readonly spec: {
    readonly refreshInterval: string;
    readonly secretStoreRef: { readonly name: string; readonly kind: string };
    readonly target: { readonly name: string; readonly creationPolicy: 'Owner' };
    readonly data: { readonly secretKey: string; readonly remoteRef: { readonly key: string; readonly property: string } }[];
  };
}

/** `bitnami.com/v1alpha1` SealedSecret, as far as argo-stack uses it. */
export interface SealedSecretManifest extends Manifest {
  readonly spec: {
    readonly encryptedData: Record<string, string>;
    readonly template: { readonly metadata: Manifest['metadata']; readonly type: 'Opaque' };
  };
}

/**
 * The Secrets of argo-stack, without a single value in the manifests:
 *
 * - `EXISTING`: nothing (the user creates them).
 * - `EXTERNAL_SECRET`: an ExternalSecret named like the Secret in each of its namespaces.
 * - `SEALED_SECRET`: a cluster-wide SealedSecret in each of its namespaces.
 * - `GENERATED`: one Job `argo-stack-credentials-<hash>` in the install namespace for all of them,
 *   with its ServiceAccount `argo-stack-credentials`, and a Role and RoleBinding of that name in
 *   each namespace it writes to, and the ValidatingAdmissionPolicy (+ binding)
 *   `argo-stack-credentials-<namespace>` that admits from it only the creation of those Secrets, by
 *   name, namespace and type `Opaque`. The Job creates each absent Secret with random values in its
 *   primary namespace, copies it to the other namespaces, and never changes a Secret that exists
 *   (see `credentialsScript`). The hash is of the Job's pod template: another set of Secrets, or
 *   another image, is another Job, never an update of an immutable one.
 *
 * The list is checked before it gets here (by the plan, or `checkManagedSecrets`).
 */
export class ManagedSecrets extends Construct {
  /** The generator Job's script, or undefined when no Secret is generated. */
  public readonly script?: string;
  /** The generator Job's name, `argo-stack-credentials-<hash>`, or undefined when no Secret is generated. */
  public readonly jobName?: string;

  constructor(scope: Construct, id: string, props: ManagedSecretsProps) {
    super(scope, id);
    const { ctx, secrets } = props;
    const image = props.image ?? ctx.images.jobs;

    for (const s of secrets) {
      const source = s.spec.source;
      for (const ns of s.namespaces) {
        if (source.kind === CredentialsKind.EXTERNAL_SECRET) this.externalSecret(ctx, s.spec, ns);
        if (source.kind === CredentialsKind.SEALED_SECRET) this.sealedSecret(ctx, s.spec, ns);
      }
    }
    const generated = secrets.filter((s) => s.spec.source.kind === CredentialsKind.GENERATED);
    if (generated.length) {
      this.script = credentialsScript({
        labels: labelsFor(ctx, Component.CREDENTIALS),
        annotations: GENERATED_SECRET_ANNOTATIONS,
        secrets: generated.map(scriptSecret),
      });
      this.jobName = this.generator(ctx, generated, image, this.script);
    }
  }

  private externalSecret(ctx: K8sContext, spec: SecretSpec, namespace: string): void {
    const e = spec.source.externalSecret!;
    manifest<ExternalSecretManifest>(this, `ExternalSecret-${namespace}-${spec.name}`, {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: meta(ctx, Component.CREDENTIALS, spec.name, namespace, { annotations: syncWave() }),
      spec: {
        refreshInterval: e.refreshInterval,
        secretStoreRef: { name: e.storeName, kind: e.storeKind },
        target: { name: spec.name, creationPolicy: 'Owner' },
        data: [...spec.keys].sort().map((key) => ({ secretKey: key, remoteRef: { key: e.remoteKey, property: spec.source.remoteProperty(key) } })),
      },
    });
  }

  private sealedSecret(ctx: K8sContext, spec: SecretSpec, namespace: string): void {
    const sealed = spec.source.sealedSecret!.encryptedData;
    const annotations = { [SEALED_SECRET_CLUSTER_WIDE]: 'true' };
    manifest<SealedSecretManifest>(this, `SealedSecret-${namespace}-${spec.name}`, {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: meta(ctx, Component.CREDENTIALS, spec.name, namespace, { annotations: { ...syncWave(), ...annotations } }),
      spec: {
        encryptedData: Object.fromEntries([...spec.keys].sort().map((k) => [k, sealed[k]])),
        template: {
          metadata: meta(ctx, Component.CREDENTIALS, spec.name, namespace, { annotations }),
          type: 'Opaque',
        },
      },
    });
  }

  /**
   * The Job, its ServiceAccount, and a Role and RoleBinding in every namespace it writes to.
   * Returns the Job's name.
   */
  private generator(ctx: K8sContext, generated: readonly ManagedSecret[], image: string, script: string): string {
    const ns = ctx.namespace;
    const annotations = syncWave();
    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ctx, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, ns, { annotations }),
    });
    for (const [namespace, names] of secretNamesByNamespace(generated)) {
      manifest<IRole>(this, `Role-${namespace}`, {
        apiVersion: RBAC, kind: 'Role',
        metadata: meta(ctx, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, namespace, { annotations }),
        rules: generatorRules(names),
      });
      manifest<IRoleBinding>(this, `RoleBinding-${namespace}`, {
        apiVersion: RBAC, kind: 'RoleBinding',
        metadata: meta(ctx, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, namespace, { annotations }),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: CREDENTIALS_JOB_NAME },
        subjects: [{ kind: 'ServiceAccount', name: CREDENTIALS_JOB_NAME, namespace: ns }],
      });
    }
    this.admissionPolicy(ctx, secretNamesByNamespace(generated));
    const template = generatorPodTemplate(image, script, ctx.jobs);
    const jobName = specHashedJobName(CREDENTIALS_JOB_NAME, template);
    manifest<IJob>(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(ctx, Component.CREDENTIALS, jobName, ns, { annotations: orderingHints(SyncWave.CREDENTIALS, { hook: true }) }),
      spec: {
        backoffLimit: 6,
        // Deleted 10 minutes after it finishes. Running it again is harmless: it never changes an
        // existing Secret.
        ttlSecondsAfterFinished: 600,
        template,
      },
    });
    return jobName;
  }

  /**
   * The ValidatingAdmissionPolicy `argo-stack-credentials-<namespace>` and its binding: requests of
   * the Job's ServiceAccount are admitted only when they create an `Opaque` Secret with an expected
   * name in an expected namespace (see `credentialsValidationExpression`). The binding matches every
   * namespace, so that creating elsewhere is denied too; `failurePolicy: Fail` denies when the
   * expression cannot be evaluated.
   */
  private admissionPolicy(ctx: K8sContext, byNamespace: Map<string, string[]>): void {
    const name = credentialsPolicyName(ctx.namespace);
    const annotations = syncWave();
    manifest<IValidatingAdmissionPolicy>(this, 'ValidatingAdmissionPolicy', {
      apiVersion: ADMISSION,
      kind: 'ValidatingAdmissionPolicy',
      metadata: meta(ctx, Component.CREDENTIALS, name, undefined, { annotations }),
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE', 'DELETE'], resources: ['secrets'] }],
        },
        matchConditions: [{ name: 'credentials-job', expression: credentialsMatchExpression(ctx.namespace, CREDENTIALS_JOB_NAME) }],
        validations: [{
          expression: credentialsValidationExpression([...byNamespace].map(([namespace, names]) => ({ namespace, names }))),
          message: `${CREDENTIALS_JOB_NAME} may only create the Opaque Secrets it generates, by name, in their namespaces`,
          reason: 'Forbidden',
        }],
      },
    });
    manifest<IValidatingAdmissionPolicyBinding>(this, 'ValidatingAdmissionPolicyBinding', {
      apiVersion: ADMISSION,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: meta(ctx, Component.CREDENTIALS, name, undefined, { annotations }),
      spec: { policyName: name, validationActions: ['Deny'] },
    });
  }
}

/** The generator Job's pod: the script as the ServiceAccount `argo-stack-credentials`, as UID 100. */
function generatorPodTemplate(image: string, script: string, jobs: ResolvedJobs): IPodTemplateSpec {
  const res = jobs.resources ?? CREDENTIALS_JOB_RESOURCES;
  return {
    metadata: jobPodMetadata(jobs.pod, { app: CREDENTIALS_JOB_NAME, 'app.kubernetes.io/component': Component.CREDENTIALS }),
    spec: {
      serviceAccountName: CREDENTIALS_JOB_NAME,
      // The script calls the Kubernetes API with this token.
      automountServiceAccountToken: true,
      restartPolicy: 'OnFailure',
      securityContext: restrictedPodSecurityContext(CREDENTIALS_JOB_UID),
      ...scheduling(jobs.pod),
      containers: [{
        name: 'generate',
        image,
        command: ['/bin/sh', '-c'],
        args: [script],
        resources: { requests: { ...res.requests }, limits: { ...res.limits } },
        securityContext: restrictedContainerSecurityContext(),
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      // Memory-backed: the request header with the token is written there, never to disk.
      volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }],
    },
  };
}

const syncWave = () => orderingHints(SyncWave.CREDENTIALS);

/**
 * The generator's rules in one namespace. `create` cannot be limited to names: Kubernetes RBAC
 * does not apply resourceNames to create (the object has no name yet when it is authorized), so
 * RBAC alone lets this ServiceAccount create any Secret in the namespace. The ValidatingAdmissionPolicy
 * `argo-stack-credentials-<namespace>` admits only the generated Secrets' names, as `Opaque`; on a
 * cluster without admission policies (Kubernetes before 1.30, or the feature off) that limit is
 * gone (see the README). Reads are limited to exactly the generated Secrets; there is no update,
 * patch, delete, list or watch.
 */
export function generatorRules(secretNames: string[]): PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: [...secretNames].sort(), verbs: ['get'] },
  ];
}

/** Namespace -> names of the generated Secrets in it, namespaces in order of first use. */
function secretNamesByNamespace(generated: readonly ManagedSecret[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of generated) {
    for (const ns of s.namespaces) out.set(ns, [...(out.get(ns) ?? []), s.spec.name]);
  }
  return out;
}

/** What the generator script needs of one generated Secret. */
function scriptSecret(s: ManagedSecret): GeneratedSecret {
  const { fixed, length } = s.spec.source.generated!;
  return { name: s.spec.name, keys: s.spec.keys, fixed, length, namespaces: s.namespaces };
}
