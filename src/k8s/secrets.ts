import { Construct } from 'constructs';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { CredentialsKind, SecretSpec, validateSecretSpec } from '../config/credentials';
import { conflict, invalid } from '../config/errors';
import { DEFAULT_JOBS_IMAGE, validateImageReference } from '../config/images';
import { validateDnsLabel } from '../config/names';
import { DEFAULT_NODE_SELECTOR, ResolvedArgoWorkflows } from '../config/resolve';
import { ARGOCD_SYNC_HOOK_ANNOTATIONS, Component, Manifest, labelsFor, manifest, meta } from './_meta';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from './_pod';
import type { PolicyRule } from './_rbac-rules';
import { credentialsScript, GeneratedSecret } from './scripts/credentials-script';

/** Name of the Job, its ServiceAccount, and the Role and RoleBinding in each namespace it writes to. */
export { ARGOCD_SYNC_HOOK_ANNOTATIONS };

export const CREDENTIALS_JOB_NAME = 'argo-stack-credentials';
/** The Job's image by default (`images.jobs`): small, pinned, with a POSIX sh (busybox ash) and curl. */
export const CREDENTIALS_JOB_IMAGE = DEFAULT_JOBS_IMAGE;
/** The UID of `curl_user` in that image. */
export const CREDENTIALS_JOB_UID = 100;
/** Requests and limits of the Job's container. */
export const CREDENTIALS_JOB_RESOURCES = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } } as const;
/** Argo CD sync wave of everything credentials-related: after namespaces and CRDs, before the consumers. */
export const CREDENTIALS_SYNC_WAVE = '-5';
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

/** One Secret and the namespaces that need it. */
export interface ManagedSecret {
  /** The Secret: name, keys, source of the values. */
  readonly spec: SecretSpec;
  /** Namespaces that need it. The first is the primary one: generated values are created there first, then copied. */
  readonly namespaces: string[];
  /**
   * The user's option path of `spec.source`, for error messages.
   * @default - `secrets[<index>].spec.source`
   */
  readonly option?: string;
}

export interface ManagedSecretsProps {
  readonly plan: ResolvedArgoWorkflows;
  /** Every Secret argo-stack's components need, with its namespaces. */
  readonly secrets: ManagedSecret[];
  /**
   * Image of the generator Job: it must run `sh` (POSIX, e.g. busybox ash) with `curl`, `tr`,
   * `head`, `sed` and `grep`, as UID 100. Pin it with a tag or digest.
   * @default - the plan's `images.jobs` ("docker.io/curlimages/curl:8.11.1" unless overridden)
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
 * - `GENERATED`: one Job `argo-stack-credentials` in the install namespace for all of them, with its
 *   ServiceAccount, and a Role and RoleBinding in each namespace it writes to. The Job creates each
 *   absent Secret with random values in its primary namespace, copies it to the other namespaces,
 *   and never changes a Secret that exists (see `credentialsScript`).
 *
 * Everything is validated when this is constructed.
 */
export class ManagedSecrets extends Construct {
  /** The generator Job's script, or undefined when no Secret is generated. */
  public readonly script?: string;

  constructor(scope: Construct, id: string, props: ManagedSecretsProps) {
    super(scope, id);
    const { plan } = props;
    const secrets = validateManagedSecrets(props.secrets);
    const image = props.image === undefined ? props.plan.images.jobs : validateImageReference('image', props.image, CREDENTIALS_JOB_IMAGE);

    for (const s of secrets) {
      const source = s.spec.source;
      for (const ns of s.namespaces) {
        if (source.kind === CredentialsKind.EXTERNAL_SECRET) this.externalSecret(plan, s.spec, ns);
        if (source.kind === CredentialsKind.SEALED_SECRET) this.sealedSecret(plan, s.spec, ns);
      }
    }
    const generated = secrets.filter((s) => s.spec.source.kind === CredentialsKind.GENERATED);
    if (generated.length) {
      this.script = credentialsScript({
        labels: labelsFor(plan, Component.CREDENTIALS),
        annotations: GENERATED_SECRET_ANNOTATIONS,
        secrets: generated.map(scriptSecret),
      });
      this.generator(plan, generated, image, this.script);
    }
  }

  private externalSecret(plan: ResolvedArgoWorkflows, spec: SecretSpec, namespace: string): void {
    const e = spec.source.externalSecret!;
    manifest<ExternalSecretManifest>(this, `ExternalSecret-${namespace}-${spec.name}`, {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: meta(plan, Component.CREDENTIALS, spec.name, namespace, { annotations: syncWave() }),
      spec: {
        refreshInterval: e.refreshInterval,
        secretStoreRef: { name: e.storeName, kind: e.storeKind },
        target: { name: spec.name, creationPolicy: 'Owner' },
        data: [...spec.keys].sort().map((key) => ({ secretKey: key, remoteRef: { key: e.remoteKey, property: spec.source.remoteProperty(key) } })),
      },
    });
  }

  private sealedSecret(plan: ResolvedArgoWorkflows, spec: SecretSpec, namespace: string): void {
    const sealed = spec.source.sealedSecret!.encryptedData;
    const annotations = { [SEALED_SECRET_CLUSTER_WIDE]: 'true' };
    manifest<SealedSecretManifest>(this, `SealedSecret-${namespace}-${spec.name}`, {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: meta(plan, Component.CREDENTIALS, spec.name, namespace, { annotations: { ...syncWave(), ...annotations } }),
      spec: {
        encryptedData: Object.fromEntries([...spec.keys].sort().map((k) => [k, sealed[k]])),
        template: {
          metadata: meta(plan, Component.CREDENTIALS, spec.name, namespace, { annotations }),
          type: 'Opaque',
        },
      },
    });
  }

  /** The Job, its ServiceAccount, and a Role and RoleBinding in every namespace it writes to. */
  private generator(plan: ResolvedArgoWorkflows, generated: ManagedSecret[], image: string, script: string): void {
    const ns = plan.namespace;
    const annotations = syncWave();
    manifest<IServiceAccount>(this, 'ServiceAccount', {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(plan, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, ns, { annotations }),
    });
    for (const [namespace, names] of secretNamesByNamespace(generated)) {
      manifest<IRole>(this, `Role-${namespace}`, {
        apiVersion: RBAC, kind: 'Role',
        metadata: meta(plan, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, namespace, { annotations }),
        rules: generatorRules(names),
      });
      manifest<IRoleBinding>(this, `RoleBinding-${namespace}`, {
        apiVersion: RBAC, kind: 'RoleBinding',
        metadata: meta(plan, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, namespace, { annotations }),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: CREDENTIALS_JOB_NAME },
        subjects: [{ kind: 'ServiceAccount', name: CREDENTIALS_JOB_NAME, namespace: ns }],
      });
    }
    const res = CREDENTIALS_JOB_RESOURCES;
    manifest<IJob>(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(plan, Component.CREDENTIALS, CREDENTIALS_JOB_NAME, ns, { annotations: { ...annotations, ...ARGOCD_SYNC_HOOK_ANNOTATIONS } }),
      spec: {
        backoffLimit: 6,
        // Deleted 10 minutes after it finishes, so that a changed Job (its pod template is immutable)
        // can be applied later. Running it again is harmless: it never changes an existing Secret.
        ttlSecondsAfterFinished: 600,
        template: {
          metadata: { labels: { app: CREDENTIALS_JOB_NAME, 'app.kubernetes.io/component': Component.CREDENTIALS } },
          spec: {
            serviceAccountName: CREDENTIALS_JOB_NAME,
            // The script calls the Kubernetes API with this token.
            automountServiceAccountToken: true,
            restartPolicy: 'OnFailure',
            securityContext: restrictedPodSecurityContext(CREDENTIALS_JOB_UID),
            nodeSelector: { ...DEFAULT_NODE_SELECTOR },
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
        },
      },
    });
  }
}

const syncWave = () => ({ 'argocd.argoproj.io/sync-wave': CREDENTIALS_SYNC_WAVE });

/**
 * The generator's rules in one namespace. `create` cannot be limited to names: Kubernetes RBAC
 * does not apply resourceNames to create (the object has no name yet when it is authorized), so
 * this ServiceAccount may create any Secret in the namespace; only this Job uses it. Reads are
 * limited to exactly the generated Secrets; there is no update, patch, delete, list or watch.
 */
export function generatorRules(secretNames: string[]): PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: [...secretNames].sort(), verbs: ['get'] },
  ];
}

/** Namespace -> names of the generated Secrets in it, namespaces in order of first use. */
function secretNamesByNamespace(generated: ManagedSecret[]): Map<string, string[]> {
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

/** Checks every entry: its spec and source, its namespaces, and that no two entries make the same Secret. */
function validateManagedSecrets(secrets: unknown): ManagedSecret[] {
  if (!Array.isArray(secrets)) throw invalid('secrets', secrets, 'it must be a list of { spec, namespaces }', 'give a list (empty when no Secret is needed)');
  const owner = new Map<string, number>();
  secrets.forEach((s: ManagedSecret, i) => {
    validateSecretSpec(s?.option ?? `secrets[${i}].spec.source`, s?.spec);
    const namespaces: unknown = s.namespaces;
    if (!Array.isArray(namespaces) || namespaces.length === 0) {
      throw invalid(`secrets[${i}].namespaces`, namespaces, 'it must list at least one namespace; the first is the primary one', `list the namespaces that need Secret "${s.spec.name}"`);
    }
    const seen = new Set<string>();
    namespaces.forEach((ns, j) => {
      validateDnsLabel(`secrets[${i}].namespaces[${j}]`, ns);
      if (seen.has(ns)) throw invalid(`secrets[${i}].namespaces`, namespaces, `it lists "${ns}" twice; each namespace may appear once`, `remove the second "${ns}"`);
      seen.add(ns);
      const where = `${ns}/${s.spec.name}`;
      const first = owner.get(where);
      if (first !== undefined) {
        throw conflict(`secrets[${first}] and secrets[${i}] both make Secret "${s.spec.name}" in namespace "${ns}"`, 'give the Secrets different names, or merge the two entries into one');
      }
      owner.set(where, i);
    });
  });
  return secrets;
}
