/**
 * Mocks for the Azure suites: outputs Azure computes (ids, client and principal ids, keys) are
 * added to the inputs, and every registration is recorded with its dependencies.
 */
import * as pulumi from '@pulumi/pulumi';

export const SUBSCRIPTION = '00000000-1111-2222-3333-444444444444';
export const CLIENT_ID = (name: string): string => `c1e7${name.length.toString(16).padStart(4, '0')}-0000-4000-8000-000000000000`;

export interface Registration {
  readonly type: string;
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly inputs: any;
  readonly dependencies: readonly string[];
}

export const registered: Registration[] = [];
export const calls: string[] = [];

const RG = (inputs: Record<string, unknown>) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${inputs.resourceGroupName}`;

export async function installAzureMocks(project: string): Promise<void> {
  await pulumi.runtime.setMocks({
    newResource: (a) => {
      const state: Record<string, unknown> = { ...a.inputs };
      const i = a.inputs as Record<string, unknown>;
      let id = `${a.name}-id`;
      if (a.type === 'azure-native:storage:StorageAccount') { state.name = i.accountName; id = `${RG(i)}/providers/Microsoft.Storage/storageAccounts/${i.accountName}`; }
      if (a.type === 'azure-native:storage:BlobContainer') {
        state.name = i.containerName;
        id = `${RG(i)}/providers/Microsoft.Storage/storageAccounts/${i.accountName}/blobServices/default/containers/${i.containerName}`;
      }
      if (a.type === 'azure-native:managedidentity:UserAssignedIdentity') {
        state.name = i.resourceName; state.clientId = CLIENT_ID(String(i.resourceName)); state.principalId = `principal-of-${i.resourceName}`;
      }
      return { id, state };
    },
    call: (a) => {
      calls.push(a.token);
      if (a.token === 'azure-native:authorization:getClientConfig') return { subscriptionId: SUBSCRIPTION, tenantId: 't', clientId: 'c', objectId: 'o' };
      if (a.token === 'azure-native:storage:listStorageAccountKeys') return { keys: [{ keyName: 'key1', value: 'mock-account-key', permissions: 'FULL' }] };
      return a.inputs;
    },
  }, project, 'test', false);
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: RegisterRequest, cb: unknown) => Promise<void> };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    registered.push({ type: req.getType(), name: req.getName(), inputs: req.getObject().toJavaScript(), dependencies: req.getDependenciesList() });
    return original(req, cb);
  };
}

interface RegisterRequest { getType(): string; getName(): string; getObject(): { toJavaScript(): unknown }; getDependenciesList(): string[] }

export const settle = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((r) => o.apply(r));
