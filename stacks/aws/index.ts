/**
 * `pulumi up -C stacks/aws`: an S3 artifact bucket, IRSA roles (or EKS Pod Identity, or an IAM
 * user's access keys) and the whole argo-stack install that uses them. The configuration keys are
 * in Pulumi.example.yaml.
 */
import * as pulumi from '@pulumi/pulumi';
import { deployKubernetes } from './kubernetes';
import { run } from './program';

export = run(pulumi.runtime.allConfig(), deployKubernetes);
