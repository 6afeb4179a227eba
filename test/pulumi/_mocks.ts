/**
 * `pulumi.runtime.setMocks` for the bridge's suites: every registration is recorded with what the
 * mock monitor sees of it (type, name, deserialized inputs, provider reference) and with what the
 * engine would get besides (parent URN, dependencies), so tests assert on exact inputs and options.
 */
import * as pulumi from '@pulumi/pulumi';

/** One registered resource. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly inputs: any;
  readonly provider: string;
  readonly custom: boolean;
  readonly parent: string;
  readonly dependencies: readonly string[];
}

/** Every registration since the last `reset()`, in order. */
export const registered: Registration[] = [];

/** The secret signature the Pulumi wire format wraps secret values with. */
export const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
const SIG_KEY = '4dabf18193072939515e22adb298388d';

/** True when `v` is a value the engine receives as secret. */
export const isWireSecret = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

/** The value of an output, once known (works in non-preview mock runs). */
export const promiseOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));

/** Installs the mocks once per test file (call in `beforeAll`, before creating any resource). */
export async function installMocks(): Promise<void> {
  await pulumi.runtime.setMocks({
    newResource: (a) => ({ id: `${a.name}-id`, state: { ...a.inputs } }),
    call: (a) => a.inputs,
  }, 'project', 'stack', false);
  // The mock monitor hands newResource no parent and no dependencies: record them from the request.
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: RegisterRequest, cb: unknown) => Promise<void> };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    registered.push({
      type: req.getType(),
      name: req.getName(),
      inputs: req.getObject().toJavaScript(),
      provider: req.getProvider(),
      custom: req.getCustom(),
      parent: req.getParent(),
      dependencies: req.getDependenciesList(),
    });
    return original(req, cb);
  };
}

interface RegisterRequest {
  getType(): string; getName(): string; getObject(): { toJavaScript(): unknown }; getProvider(): string; getCustom(): boolean;
  getParent(): string; getDependenciesList(): string[];
}

/** Forgets every registration (between tests). */
export function reset(): void {
  registered.length = 0;
}

/** The registrations of one type. */
export const ofType = (type: string): Registration[] => registered.filter((r) => r.type === type);
