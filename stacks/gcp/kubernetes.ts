/**
 * The Kubernetes side of the stack: the whole argo-stack install deployed through the bridge
 * (`ArgoWorkflowsRelease`: `toObjects(props)` in one `yaml.v2.ConfigGroup` with an explicit
 * provider), and the Secrets whose values Pulumi owns (the Postgres password from
 * `@pulumi/random`, the HMAC key with the HMAC fallback), from secret outputs through
 * `pulumiCredentials`. The props already name those Secrets with `Credentials.existing()`, so no
 * credentials Job runs. With Workload Identity the Google service account emails are known by
 * name, so the ServiceAccount annotations are in the props and need no late patch.
 */
import * as k8s from '@pulumi/kubernetes';
import * as random from '@pulumi/random';
import { HMAC_SECRET } from '../../src/cloud/gcp/names';
import type { ArgoWorkflowsStorage } from '../../src/cloud/gcp/component';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { ArgoWorkflowsRelease, pulumiCredentials } from '../../src/pulumi';
import type { StackConfig } from './config';
import { POSTGRES_SECRET, POSTGRES_USER } from './props';

export interface Release {
  readonly provider: k8s.Provider;
  readonly release: ArgoWorkflowsRelease;
}

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage): Release {
  const provider = new k8s.Provider('kubernetes', config.kubeconfig === undefined ? {} : { kubeconfig: config.kubeconfig });
  const release = new ArgoWorkflowsRelease('argo-workflows', { props, provider }, { dependsOn: [storage] });
  const password = new random.RandomPassword('postgres', { length: 32, special: false });
  pulumiCredentials('postgres', { namespace: config.namespace, secretName: POSTGRES_SECRET, keys: { username: POSTGRES_USER, password: password.result }, provider });
  if (storage.hmacAccessId !== undefined && storage.hmacSecret !== undefined) {
    // Argo reads the key in each workflow namespace, and argo-server in the install namespace.
    for (const ns of [...new Set([config.namespace, ...config.workflowNamespaces])]) {
      pulumiCredentials(`hmac-${ns}`, {
        namespace: ns, secretName: HMAC_SECRET.name, provider,
        keys: { [HMAC_SECRET.accessKey]: storage.hmacAccessId, [HMAC_SECRET.secretKey]: storage.hmacSecret },
      });
    }
  }
  return { provider, release };
}
