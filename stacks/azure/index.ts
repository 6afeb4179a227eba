/**
 * `pulumi up -C stacks/azure`: a hardened storage account with a private Blob container, AKS
 * Workload Identity (user-assigned managed identities, one federated credential per service
 * account, data roles on the container) or the account key, and the whole argo-stack install that
 * uses them. The configuration keys are in Pulumi.example.yaml.
 */
import * as pulumi from '@pulumi/pulumi';
import { deployKubernetes } from './kubernetes';
import { run } from './program';

export = run(pulumi.runtime.allConfig(), deployKubernetes);
