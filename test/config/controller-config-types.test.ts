/**
 * The TypeScript types and the runtime check come from one definition. The assertions marked
 * "compile time" are checked by `tsc -p tsconfig.json` (npm run build or typecheck); jest only runs
 * the runtime halves.
 */
import type {
  ArtifactRepositorySpec, ControllerConfig, LinkScope, PersistConfig, PostgreSQLConfig, SecretKeySelector, SsoConfig, Ttl,
} from '../../src/config/controller-config';
import { CONTROLLER_CONFIG, CONTROLLER_CONFIG_KEYS } from '../../src/config/controller-config/schema';

/** `true` only when A and B are the same type (readonly and optional modifiers included). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

/** Argo v4.1.2's 31 top-level `Config` keys, in config/config.go order. */
const ARGO_KEYS = [
  'nodeEvents', 'workflowEvents', 'executor', 'mainContainer', 'kubeConfig', 'artifactRepository', 'namespace',
  'instanceID', 'metricsConfig', 'telemetryConfig', 'parallelism', 'namespaceParallelism', 'resourceRateLimit',
  'persistence', 'links', 'columns', 'workflowDefaults', 'podSpecLogStrategy', 'podGCGracePeriodSeconds',
  'podGCDeleteDelayDuration', 'workflowRestrictions', 'initialDelay', 'images', 'retentionPolicy', 'navColor', 'sso',
  'synchronization', 'artifactDrivers', 'failedPodRestart', 'disableAgentPodCreation', 'initlessPod',
] as const;

describe('ControllerConfig and the runtime shape cannot drift', () => {
  it('the type\'s keys and CONTROLLER_CONFIG_KEYS are both exactly Argo\'s 31 keys', () => {
    // compile time: keyof ControllerConfig is exactly the literal union of ARGO_KEYS
    assertType<Equal<keyof ControllerConfig, (typeof ARGO_KEYS)[number]>>();
    expect(CONTROLLER_CONFIG_KEYS).toEqual(ARGO_KEYS);
    expect(Object.keys(CONTROLLER_CONFIG.fields)).toEqual(ARGO_KEYS);
  });

  it('required keys are required, the others optional, all readonly; enums are literal unions', () => {
    // compile time
    assertType<Equal<SsoConfig['issuer'], string>>();
    assertType<Equal<SsoConfig['clientId'], SecretKeySelector>>();
    assertType<Equal<SsoConfig['redirectUrl'], string | undefined>>();
    assertType<Equal<PersistConfig['archiveTTL'], Ttl | undefined>>();
    assertType<Equal<PostgreSQLConfig['sslMode'], 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full' | undefined>>();
    assertType<Equal<LinkScope, 'workflow' | 'pod' | 'pod-logs' | 'event-source-logs' | 'sensor-logs' | 'workflow-list' | 'chat'>>();
    assertType<Equal<NonNullable<ArtifactRepositorySpec['azure']>, {
      readonly endpoint: string; readonly container: string; readonly accountKeySecret?: SecretKeySelector;
      readonly useSDKCreds?: boolean; readonly blobNameFormat?: string;
    }>>();
    assertType<Equal<NonNullable<ControllerConfig['images']>, Record<string, { readonly entrypoint?: string[]; readonly cmd?: string[] }>>>();

    const sso: SsoConfig = { issuer: 'https://dex', clientId: { name: 'sso', key: 'id' }, clientSecret: { name: 'sso', key: 'secret' } };
    // @ts-expect-error readonly
    sso.issuer = 'https://other';
    // @ts-expect-error a required key is missing
    const noIssuer: SsoConfig = { clientId: { key: 'id' }, clientSecret: { key: 'secret' } };
    // @ts-expect-error not a key Argo knows (the real name is nodeStatusOffLoad)
    const typo: PersistConfig = { nodeStatusOffload: true };
    // @ts-expect-error not one of the enum's values
    const scope: LinkScope = 'workflows';
    expect([sso.issuer, noIssuer, typo, scope]).toHaveLength(4);
  });
});
