/**
 * The Kubernetes side of the stack: the whole argo-stack install deployed through the bridge
 * (`ArgoWorkflowsRelease`: `toObjects(props)` in one `yaml.v2.ConfigGroup` with an explicit
 * provider), the managed identities' client ids as server-side-apply `serviceAccountPatches` on
 * exactly the trusted ServiceAccounts (the one value known only after deploy; the pod label is in
 * the props already), and the Secrets whose values Pulumi owns (the Postgres password from
 * `@pulumi/random`, the account key with the key fallback) through `pulumiCredentials`.
 */
import * as k8s from '@pulumi/kubernetes';
import * as random from '@pulumi/random';
import { ACCOUNT_KEY_SECRET } from '../../src/cloud/azure/names';
import type { ArgoWorkflowsStorage } from '../../src/cloud/azure/component';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { ArgoWorkflowsRelease, pulumiCredentials } from '../../src/pulumi';
import type { StackConfig } from './config';
import { POSTGRES_SECRET, POSTGRES_USER } from './props';

export interface Release {
  readonly provider: k8s.Provider;
  readonly release: ArgoWorkflowsRelease;
}

/** Deploys the install of `props`, the client id patches and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage): Release {
  const provider = new k8s.Provider('kubernetes', config.kubeconfig === undefined ? {} : { kubeconfig: config.kubeconfig });
  const release = new ArgoWorkflowsRelease('argo-workflows', { props, provider, serviceAccountPatches: [...storage.serviceAccountPatches] }, { dependsOn: [storage] });
  const password = new random.RandomPassword('postgres', { length: 32, special: false });
  pulumiCredentials('postgres', { namespace: config.namespace, secretName: POSTGRES_SECRET, keys: { username: POSTGRES_USER, password: password.result }, provider });
  if (storage.accountKey !== undefined) {
    // Argo reads the key in each workflow namespace, and argo-server in the install namespace.
    for (const ns of [...new Set([config.namespace, ...config.workflowNamespaces])]) {
      pulumiCredentials(`azure-key-${ns}`, { namespace: ns, secretName: ACCOUNT_KEY_SECRET.name, provider, keys: { [ACCOUNT_KEY_SECRET.key]: storage.accountKey } });
    }
  }
  return { provider, release };
}
