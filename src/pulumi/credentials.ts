/**
 * Credentials in a Pulumi stack are Pulumi's: values such as `@pulumi/random` `RandomPassword`
 * results become a Kubernetes Secret from secret outputs, and the plan gets
 * `Credentials.existing()`, so no credentials Job runs and no value ever enters `toObjects(props)`.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Checker, CREDENTIAL_NAME, redact } from '../config/check';
import { Credentials } from '../config/credentials';
import { invalid } from '../config/errors';

/** The arguments of `pulumiCredentials`. */
export interface PulumiCredentialsArgs {
  /** Namespace of the Secret: where its consumer runs (the install namespace for the database). */
  readonly namespace: string;
  /** Name of the Secret the plan reads, e.g. `argo-postgres-config`. */
  readonly secretName: string;
  /**
   * Every key of the Secret with its value: a secret output for credentials
   * (`randomPassword.result`), or a plain string for a key that is not one (`username: 'argo'`).
   */
  readonly keys: Record<string, pulumi.Input<string>>;
  /**
   * The Kubernetes provider of the Secret.
   * @default - the provider the options give, else Pulumi's default Kubernetes provider
   */
  readonly provider?: k8s.Provider;
}

/** A Secret made from Pulumi values, and the `Credentials` to put into the props that read it. */
export interface PulumiCredentials {
  /** The Secret; its `stringData` holds secret outputs only. */
  readonly secret: k8s.core.v1.Secret;
  /** `Credentials.existing()`: argo-stack emits nothing for this Secret. */
  readonly credentials: Credentials;
}

const ARG_KEYS = ['namespace', 'secretName', 'keys', 'provider'];
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const OPTION = 'pulumiCredentials';

function checkKeys(c: Checker, keys: unknown): Record<string, pulumi.Input<string>> {
  const k = c.child('keys').object(keys, '{ username: "argo", password: password.result }');
  if (Object.keys(k).length === 0) throw invalid(c.at('keys'), keys, 'a Secret needs at least one key', 'give every key the consumer reads, e.g. { username: "argo", password: password.result }');
  for (const [key, value] of Object.entries(k)) {
    const path = `${c.at('keys')}["${key}"]`;
    if (key.length > 253 || !SECRET_KEY.test(key) || key === '.' || key === '..' || key.startsWith('..')) {
      throw invalid(`${c.at('keys')} key`, key, 'a Secret key is 1-253 characters of letters, digits, "-", "_" and ".", and not "." or ".." or starting with ".."', 'rename the key');
    }
    const output = pulumi.Output.isInstance(value) || value instanceof Promise;
    if (!output && typeof value !== 'string') throw invalid(path, redact(value), 'a value is a string or a Pulumi output of one', 'give the output that holds the value, e.g. password.result');
    if (!output && CREDENTIAL_NAME.test(key)) {
      throw invalid(path, '<redacted>', 'this key\'s name says it holds a credential, so its value must come from Pulumi (a secret output), not a literal written in the program',
        'generate it, e.g. new random.RandomPassword("db", { length: 32, special: false }).result, or read it with config.requireSecret(...)');
    }
  }
  return k as Record<string, pulumi.Input<string>>;
}

/**
 * A Kubernetes Secret whose `stringData` is made of secret outputs (every value is wrapped with
 * `pulumi.secret`, so nothing shows in state or in the console), and `Credentials.existing()` for
 * the props. The arguments are checked before the Secret is registered. The Secret does not depend
 * on the release (nor the release on it): the provider retries its creation until the release's
 * Namespace exists, and the pods that read it start once it does.
 *
 * ```ts
 * const password = new random.RandomPassword('db', { length: 32, special: false });
 * const db = pulumiCredentials('db', { namespace: 'argo', secretName: 'argo-postgres-config',
 *   keys: { username: 'argo', password: password.result }, provider });
 * new ArgoWorkflowsRelease('argo', { provider, props: { persistence: { postgres: { inCluster: {}, credentials: db.credentials } } } });
 * ```
 */
export function pulumiCredentials(name: string, args: PulumiCredentialsArgs, opts: pulumi.CustomResourceOptions = {}): PulumiCredentials {
  const c = new Checker(OPTION);
  const a = c.object(args, '{ namespace: "argo", secretName: "argo-postgres-config", keys: { ... } }');
  c.known(a, ARG_KEYS);
  const namespace = c.dnsLabel('namespace', a.namespace);
  const secretName = c.dnsSubdomain('secretName', a.secretName);
  const keys = checkKeys(c, a.keys);
  if (a.provider !== undefined && !k8s.Provider.isInstance(a.provider)) {
    throw invalid(c.at('provider'), a.provider, 'it must be a Kubernetes provider (new k8s.Provider(...))', 'pass the @pulumi/kubernetes Provider of the cluster, or omit it');
  }
  const stringData = Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, pulumi.secret(value)]));
  const secret = new k8s.core.v1.Secret(name, {
    metadata: { namespace, name: secretName, labels: { 'app.kubernetes.io/part-of': 'argo-workflows' } },
    type: 'Opaque',
    stringData,
  }, { ...opts, ...(a.provider ? { provider: a.provider as k8s.Provider } : {}) });
  return { secret, credentials: Credentials.existing() };
}
