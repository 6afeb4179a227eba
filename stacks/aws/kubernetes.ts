/**
 * The Kubernetes side of the stack: the whole argo-stack install deployed through the bridge
 * (`src/pulumi`: the `argo-stack:kubernetes:ArgoWorkflows` component, `toObjects(props)` in a
 * `yaml.v2.ConfigGroup` with an explicit provider), and the Secrets whose values Pulumi owns (the
 * Postgres password from `@pulumi/random`, the IAM user's keys with access keys), from secret outputs.
 *
 * The bridge is loaded when the stack deploys, so the AWS side and its tests do not depend on it.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { ACCESS_KEY_SECRET } from '../../src/cloud/aws/names';
import type { ArgoWorkflowsStorage } from '../../src/cloud/aws/component';
import type { StackConfig } from './config';
import { POSTGRES_SECRET, POSTGRES_USER } from './props';

/** What the stack uses of the bridge. */
interface Bridge {
  readonly ArgoWorkflows: new (name: string, args: { props: ArgoWorkflowsProps; provider: k8s.Provider }, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;
}

function loadBridge(): Bridge {
  return require('../../src/pulumi') as Bridge;
}

export interface Release {
  readonly provider: k8s.Provider;
  readonly release: pulumi.ComponentResource;
}

/** A Secret from secret outputs, made after the release created its namespace. */
function secret(name: string, namespace: string, secretName: string, stringData: Record<string, pulumi.Input<string>>, provider: k8s.Provider, after: pulumi.Resource): k8s.core.v1.Secret {
  return new k8s.core.v1.Secret(name, {
    metadata: { name: secretName, namespace, labels: { 'app.kubernetes.io/managed-by': 'argo-stack', 'app.kubernetes.io/part-of': 'argo-workflows' } },
    type: 'Opaque', stringData: pulumi.secret(stringData),
  }, { provider, dependsOn: [after] });
}

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage): Release {
  const provider = new k8s.Provider('kubernetes', config.kubeconfig === undefined ? {} : { kubeconfig: config.kubeconfig });
  const release = new (loadBridge().ArgoWorkflows)('argo-workflows', { props, provider }, { dependsOn: [storage] });
  const password = new random.RandomPassword('postgres', { length: 32, special: false });
  secret('postgres', config.namespace, POSTGRES_SECRET, { username: POSTGRES_USER, password: password.result }, provider, release);
  if (storage.accessKeyId !== undefined && storage.secretAccessKey !== undefined) {
    // Argo reads the keys in each workflow namespace, and argo-server in the install namespace.
    for (const ns of [...new Set([config.namespace, ...config.workflowNamespaces])]) {
      secret(`s3-keys-${ns}`, ns, ACCESS_KEY_SECRET.name,
        { [ACCESS_KEY_SECRET.accessKey]: storage.accessKeyId, [ACCESS_KEY_SECRET.secretKey]: storage.secretAccessKey }, provider, release);
    }
  }
  return { provider, release };
}
