/**
 * The Kubernetes side of the stack: the whole argo-stack install deployed through the bridge
 * (`ArgoWorkflowsRelease`: `toObjects(props)` in one `yaml.v2.ConfigGroup` with an explicit
 * provider), and the Secrets whose values Pulumi owns (the Postgres password from
 * `@pulumi/random`, the RAM user's AccessKey with access keys), from secret outputs through
 * `pulumiCredentials`. The props already name those Secrets with `Credentials.existing()`, so no
 * credentials Job runs. The Secrets and the release do not wait for each other: the provider
 * retries a Secret until its namespace exists, and the binaries' init containers wait for it.
 */
import * as k8s from '@pulumi/kubernetes';
import * as random from '@pulumi/random';
import { ACCESS_KEY_SECRET } from '../../src/cloud/alicloud/names';
import type { AlicloudArtifactStorage } from '../../src/cloud/alicloud/component';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { ArgoWorkflowsRelease, pulumiCredentials } from '../../src/pulumi';
import type { StackConfig } from './config';
import { POSTGRES_SECRET, POSTGRES_USER } from './props';

export interface Release {
  readonly provider: k8s.Provider;
  readonly release: ArgoWorkflowsRelease;
}

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: AlicloudArtifactStorage): Release {
  const provider = new k8s.Provider('kubernetes', config.kubeconfig === undefined ? {} : { kubeconfig: config.kubeconfig });
  const release = new ArgoWorkflowsRelease('argo-workflows', { props, provider }, { dependsOn: [storage] });
  const password = new random.RandomPassword('postgres', { length: 32, special: false });
  pulumiCredentials('postgres', { namespace: config.namespace, secretName: POSTGRES_SECRET, keys: { username: POSTGRES_USER, password: password.result }, provider });
  if (storage.accessKeyId !== undefined && storage.accessKeySecret !== undefined) {
    // Argo reads the keys in each workflow namespace, and argo-server in the install namespace.
    for (const ns of [...new Set([config.namespace, ...config.workflowNamespaces])]) {
      pulumiCredentials(`oss-keys-${ns}`, {
        namespace: ns, secretName: ACCESS_KEY_SECRET.name, provider,
        keys: { [ACCESS_KEY_SECRET.accessKey]: storage.accessKeyId, [ACCESS_KEY_SECRET.secretKey]: storage.accessKeySecret },
      });
    }
  }
  return { provider, release };
}
