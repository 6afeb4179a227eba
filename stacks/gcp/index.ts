/**
 * `pulumi up -C stacks/gcp`: a GCS artifact bucket, Google service accounts that exactly the
 * install's Kubernetes service accounts impersonate (or an HMAC key), and the whole argo-stack
 * install that uses them. The configuration keys are in Pulumi.example.yaml.
 */
import * as pulumi from '@pulumi/pulumi';
import { deployKubernetes } from './kubernetes';
import { run } from './program';

export = run(pulumi.runtime.allConfig(), deployKubernetes);
