/**
 * The Kubernetes side every cloud's stack deploys: the whole argo-stack install through the bridge
 * (`ArgoWorkflowsRelease`: `toObjects(props)` in one `yaml.v2.ConfigGroup` with an explicit
 * provider), and the Secrets whose values Pulumi owns, from secret outputs through
 * `pulumiCredentials`: the Postgres password from `@pulumi/random` and, with a fallback key, that
 * key in the install namespace (argo-server) and every workflow namespace (Argo). The props already
 * name those Secrets with `Credentials.existing()`, so no credentials Job runs. The Secrets and the
 * release do not wait for each other: the provider retries a Secret until its namespace exists, and
 * the binaries' init containers wait for it.
 */
import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { ArgoWorkflowsRelease, pulumiCredentials, type ServiceAccountPatchSpec } from '../../src/pulumi';
import type { InstallConfig } from './props';
import { POSTGRES_SECRET, POSTGRES_USER } from './props';

export interface Release {
  readonly provider: k8s.Provider;
  readonly release: ArgoWorkflowsRelease;
}

/** What a cloud adds to the release: the component it waits for, late annotations, a fallback key's Secret. */
export interface CloudSide {
  readonly storage: pulumi.Resource;
  readonly serviceAccountPatches?: readonly ServiceAccountPatchSpec[];
  /** The fallback key: its Secret's name, its values by key, and the prefix of the resources' names. */
  readonly keySecret?: { readonly name: string; readonly resourcePrefix: string; readonly keys: Record<string, pulumi.Input<string>> };
}

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployInstall(config: InstallConfig & { readonly kubeconfig?: string }, props: ArgoWorkflowsProps, cloud: CloudSide): Release {
  const provider = new k8s.Provider('kubernetes', config.kubeconfig === undefined ? {} : { kubeconfig: config.kubeconfig });
  const patches = cloud.serviceAccountPatches ? { serviceAccountPatches: [...cloud.serviceAccountPatches] } : {};
  const release = new ArgoWorkflowsRelease('argo-workflows', { props, provider, ...patches }, { dependsOn: [cloud.storage] });
  const password = new random.RandomPassword('postgres', { length: 32, special: false });
  pulumiCredentials('postgres', { namespace: config.namespace, secretName: POSTGRES_SECRET, keys: { username: POSTGRES_USER, password: password.result }, provider });
  const key = cloud.keySecret;
  if (key) {
    for (const ns of [...new Set([config.namespace, ...config.workflowNamespaces])]) {
      pulumiCredentials(`${key.resourcePrefix}-${ns}`, { namespace: ns, secretName: key.name, provider, keys: key.keys });
    }
  }
  return { provider, release };
}
