/**
 * `ArgoWorkflowsStorage` (type `argo-stack:azure:ArgoWorkflowsStorage`): the storage account, the
 * private container and the identity of every service account that touches it, from the plan's
 * subjects. Validation runs in the constructor before any child. With Workload Identity: one
 * user-assigned managed identity per access level, one federated credential per service account
 * (created one after another: Azure rejects concurrent credential writes on one identity), and a
 * data role scoped to the container. The identities' client ids are the one late value: they are
 * given as `serviceAccountPatches` for `ArgoWorkflowsRelease`.
 */
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as storage from '@pulumi/azure-native/storage';
import { AZURE_CLIENT_ID_ANNOTATION } from '../../config/identity/workload-identity';
import type { ArtifactRepository } from '../../config/storage/artifact-repository';
import { AzureIdentityKind, type AccessLevel, type IdentityPlan } from './identity';
import { roleDefinitionId, WORKLOAD_IDENTITY_AUDIENCE } from './names';
import { planStorage, type ArgoWorkflowsStorageArgs, type StoragePlan } from './plan';
import { createStorage } from './storage';

/** A late annotation for one ServiceAccount: the shape `ArgoWorkflowsRelease`'s `serviceAccountPatches` takes. */
export interface ClientIdPatch {
  readonly namespace: string;
  readonly name: string;
  readonly annotations: Record<string, pulumi.Output<string>>;
}

export class ArgoWorkflowsStorage extends pulumi.ComponentResource {
  /** The validated plan (names, identities, repository), the same the stack renders the Kubernetes side from. */
  public readonly plan: StoragePlan;
  public readonly storageAccountName: pulumi.Output<string>;
  public readonly containerName: pulumi.Output<string>;
  /** The container's resource id: the scope of every role assignment. */
  public readonly containerId: pulumi.Output<string>;
  /** The repository for the `artifact-repositories` ConfigMaps (plain data, known before deploy). */
  public readonly artifactRepository: ArtifactRepository;
  /** The client id of each managed identity, by access level (`contributor`, `reader`); none with the account key. */
  public readonly clientIds: pulumi.Output<Record<string, string>>;
  /** `azure.workload.identity/client-id` of each trusted ServiceAccount, for `ArgoWorkflowsRelease`'s `serviceAccountPatches`. */
  public readonly serviceAccountPatches: readonly ClientIdPatch[];
  /** With the account key: the key (a secret output). */
  public readonly accountKey?: pulumi.Output<string>;

  constructor(name: string, args: ArgoWorkflowsStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planStorage(args);
    super('argo-stack:azure:ArgoWorkflowsStorage', name, {}, opts);
    this.plan = plan;
    this.artifactRepository = plan.artifactRepository;
    const { account, container } = createStorage(name, plan, this);
    this.storageAccountName = account.name;
    this.containerName = container.name;
    this.containerId = container.id;
    const patches: ClientIdPatch[] = [];
    const clientIds: Record<string, pulumi.Output<string>> = {};
    if (plan.identity.kind === AzureIdentityKind.ACCOUNT_KEY) {
      const keys = storage.listStorageAccountKeysOutput({ resourceGroupName: plan.resourceGroupName, accountName: account.name }, { parent: this });
      this.accountKey = pulumi.secret(keys.keys.apply((k) => k[0].value));
    } else {
      const subscription = authorization.getClientConfigOutput({ parent: this }).subscriptionId;
      for (const p of plan.identities) {
        const clientId = this.identity(name, plan, p, subscription, container);
        clientIds[p.key] = clientId;
        for (const c of p.credentials) patches.push({ namespace: c.of.namespace, name: c.of.name, annotations: { [AZURE_CLIENT_ID_ANNOTATION]: clientId } });
      }
    }
    this.clientIds = pulumi.all(clientIds);
    this.serviceAccountPatches = patches;
    this.registerOutputs({ storageAccountName: this.storageAccountName, containerName: this.containerName, containerId: this.containerId, clientIds: this.clientIds, accountKey: this.accountKey });
  }

  /** One managed identity: its federated credentials in a chain, and its data role on the container. Returns its client id. */
  private identity(name: string, plan: StoragePlan, p: IdentityPlan, subscription: pulumi.Output<string>, container: storage.BlobContainer): pulumi.Output<string> {
    const key: AccessLevel = p.key;
    const uami = new managedidentity.UserAssignedIdentity(`${name}-${key}`, {
      resourceGroupName: plan.resourceGroupName, resourceName: p.name, tags: { ...plan.tags }, ...(plan.location === undefined ? {} : { location: plan.location }),
    }, { parent: this });
    let previous: pulumi.Resource | undefined;
    for (const c of p.credentials) {
      // Azure rejects concurrent credential writes on one identity: each waits for the one before.
      previous = new managedidentity.FederatedIdentityCredential(`${name}-${key}-${c.name}`, {
        resourceGroupName: plan.resourceGroupName, resourceName: uami.name, federatedIdentityCredentialResourceName: c.name,
        issuer: plan.identity.oidcIssuerUrl as string, subject: c.subject, audiences: [WORKLOAD_IDENTITY_AUDIENCE],
      }, { parent: this, ...(previous ? { dependsOn: [previous] } : {}) });
    }
    new authorization.RoleAssignment(`${name}-${key}`, {
      principalId: uami.principalId, principalType: 'ServicePrincipal', scope: container.id,
      roleDefinitionId: subscription.apply((s) => roleDefinitionId(s, p.roleDefinitionGuid)),
    }, { parent: this });
    return uami.clientId;
  }
}
