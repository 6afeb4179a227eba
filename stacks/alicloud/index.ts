/**
 * `pulumi up -C stacks/alicloud`: an OSS artifact bucket, RRSA RAM roles (or a RAM user's
 * AccessKey) and the whole argo-stack install that uses them. The configuration keys are
 * in Pulumi.example.yaml.
 */
import * as pulumi from '@pulumi/pulumi';
import { deployKubernetes } from './kubernetes';
import { run } from './program';

export = run(pulumi.runtime.allConfig(), deployKubernetes);
