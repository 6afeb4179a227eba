import type { ControllerConfig } from '../../src/config/controller-config';
import {
  ARTIFACT_REPOSITORY, CONTROLLER_CONFIG_KEYS, GO_DURATION_PATTERN, TTL_PATTERN, checkShape, validateControllerConfig,
} from '../../src/config/controller-config/schema';
import { bad, expectInvalid } from './_helpers';

/** Argo v4.1.2's 31 top-level `Config` keys, in config/config.go order (argo-facts §6b). */
const ARGO_TOP_LEVEL_KEYS = [
  'nodeEvents', 'workflowEvents', 'executor', 'mainContainer', 'kubeConfig', 'artifactRepository', 'namespace',
  'instanceID', 'metricsConfig', 'telemetryConfig', 'parallelism', 'namespaceParallelism', 'resourceRateLimit',
  'persistence', 'links', 'columns', 'workflowDefaults', 'podSpecLogStrategy', 'podGCGracePeriodSeconds',
  'podGCDeleteDelayDuration', 'workflowRestrictions', 'initialDelay', 'images', 'retentionPolicy', 'navColor', 'sso',
  'synchronization', 'artifactDrivers', 'failedPodRestart', 'disableAgentPodCreation', 'initlessPod',
];

/** WorkflowSpec's keys in v4.1 (pkg/apis/workflow/v1alpha1/workflow_types.go; `executorPlugins` is not modelled). */
const WORKFLOW_SPEC_KEYS = [
  'templates', 'entrypoint', 'arguments', 'serviceAccountName', 'automountServiceAccountToken', 'executor', 'volumes',
  'volumeClaimTemplates', 'parallelism', 'artifactRepositoryRef', 'suspend', 'nodeSelector', 'affinity', 'tolerations',
  'imagePullSecrets', 'hostNetwork', 'dnsPolicy', 'dnsConfig', 'onExit', 'ttlStrategy', 'activeDeadlineSeconds', 'priority',
  'schedulerName', 'podGC', 'podPriorityClassName', 'hostAliases', 'securityContext', 'podSpecPatch', 'podDisruptionBudget',
  'metrics', 'shutdown', 'workflowTemplateRef', 'synchronization', 'volumeClaimGC', 'retryStrategy', 'podMetadata',
  'templateDefaults', 'archiveLogs', 'hooks', 'workflowMetadata', 'artifactGC', 'podResources', 'resourceClaims',
];

const unknownKey = (path: string, allowed: string[], fix: string) =>
  `${path} is not a key Argo Workflows v4.1.2 knows (the controller and argo-server exit on unknown keys); allowed keys here: ${allowed.join(', ')}. Fix: ${fix}`;
const REMOVE = 'remove it or use one of the allowed keys';

const TTL_RULE = 'it must be a whole number with one unit d, h, m or s, like "30d", "12h", "10m" or "0s" (compound or fractional values such as "1h30m" make the controller exit)';
const TTL_FIX = 'convert it to one unit, e.g. "90m" instead of "1h30m"';
const LINK_SCOPES = '"workflow", "pod", "pod-logs", "event-source-logs", "sensor-logs", "workflow-list", "chat"';

const validate = (config: unknown) => () => validateControllerConfig(config);

describe('CONTROLLER_CONFIG_KEYS', () => {
  it('is exactly Argo v4.1.2\'s 31 top-level keys, in Argo\'s order', () => {
    expect(ARGO_TOP_LEVEL_KEYS).toHaveLength(31);
    expect(CONTROLLER_CONFIG_KEYS).toEqual(ARGO_TOP_LEVEL_KEYS);
  });
});

describe('accepted configs', () => {
  it('accepts undefined and an empty config', () => {
    expect(validate(undefined)).not.toThrow();
    expect(validate({})).not.toThrow();
  });

  it('accepts the quick-start settings (argo-facts §6c) written strictly', () => {
    const config: ControllerConfig = {
      executor: { resources: { requests: { cpu: '10m', memory: '64Mi' } } },
      images: { 'docker/whalesay:latest': { cmd: ['cowsay'] } },
      metricsConfig: { enabled: true, path: '/metrics', port: 9090, modifiers: { pod_missing: { disabled: true, disabledAttributes: ['node_phase'], histogramBuckets: [0.5, 1, 2.5] } } },
      namespaceParallelism: 10,
      links: [{ name: 'Workflow Link', scope: 'workflow', url: 'http://logging-facility?namespace=${metadata.namespace}' }],
      columns: [{ name: 'Workflow Completed', type: 'label', key: 'workflows.argoproj.io/completed' }],
      artifactRepository: { archiveLogs: true, plugin: { name: 'test', configuration: 'endpoint: minio:9000' } },
      persistence: {
        archive: true, nodeStatusOffLoad: true, archiveTTL: '7d',
        postgresql: { host: 'postgres', port: 5432, database: 'postgres', tableName: 'argo_workflows', userNameSecret: { name: 'argo-postgres-config', key: 'username' }, passwordSecret: { name: 'argo-postgres-config', key: 'password' } },
        connectionPool: { maxIdleConns: 100, maxOpenConns: 0, connMaxLifetime: '0s' },
      },
      synchronization: { enableAPI: true, postgresql: { host: 'postgres', port: 5432, tableName: 'sync' }, pollSeconds: 5, semaphoreLimitCacheSeconds: 0 },
      retentionPolicy: { completed: 10, failed: 3, errored: 3 },
    };
    expect(validate(config)).not.toThrow();
  });

  it('accepts Argo\'s own pass-through values ("any") without looking inside', () => {
    expect(validate({ workflowDefaults: { spec: { templates: [{ anything: 1 }] } } })).not.toThrow();
  });

  it('checks the Kubernetes types Argo parses strictly: env, tolerations, affinity', () => {
    expectInvalid(validate({ executor: { env: [{ name: 'X', whatever: { deep: true } }] } }), unknownKey('controller.config.executor.env[0].whatever', ['name', 'value', 'valueFrom'], REMOVE));
    expectInvalid(validate({ workflowDefaults: { spec: { tolerations: 'not even a list' } } }),
      'controller.config.workflowDefaults.spec.tolerations "not even a list" is invalid: it must be a list. Fix: give a list');
    expectInvalid(validate({ workflowDefaults: { spec: { affinity: { nodeAfinity: {} } } } }),
      unknownKey('controller.config.workflowDefaults.spec.affinity.nodeAfinity', ['nodeAffinity', 'podAffinity', 'podAntiAffinity'], 'rename it to "nodeAffinity"'));
    expect(validate({ executor: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], volumeMounts: [{ name: 'v', mountPath: '/v' }] } })).not.toThrow();
  });
});

describe('unknown keys are rejected at every depth', () => {
  it('top level: semaphoreLimitCacheSeconds (exists only under synchronization)', () => {
    expectInvalid(validate({ semaphoreLimitCacheSeconds: 10 }),
      unknownKey('controller.config.semaphoreLimitCacheSeconds', ARGO_TOP_LEVEL_KEYS, REMOVE));
  });

  it('top level: a case mistake suggests the right name (instanceId -> instanceID)', () => {
    expectInvalid(validate({ instanceId: 'x' }),
      unknownKey('controller.config.instanceId', ARGO_TOP_LEVEL_KEYS, 'rename it to "instanceID"'));
  });

  it('persistence.postgresql.sslmode suggests "sslMode"', () => {
    expectInvalid(validate({ persistence: { postgresql: { tableName: 't', sslmode: 'require' } } }), unknownKey(
      'controller.config.persistence.postgresql.sslmode',
      ['host', 'port', 'database', 'tableName', 'userNameSecret', 'passwordSecret', 'ssl', 'sslMode', 'azureToken', 'awsRDSToken'],
      'rename it to "sslMode"'));
  });

  it('persistence.nodeStatusOffload suggests the capital L', () => {
    expectInvalid(validate({ persistence: { nodeStatusOffload: true } }), unknownKey(
      'controller.config.persistence.nodeStatusOffload',
      ['postgresql', 'mysql', 'connectionPool', 'reconnectionConfig', 'connectionTimeoutSeconds', 'nodeStatusOffLoad', 'archive', 'archiveLabelSelector', 'archiveTTL', 'clusterName', 'skipMigration'],
      'rename it to "nodeStatusOffLoad"'));
  });

  it('metricsConfig.options (upstream example; the real name is modifiers)', () => {
    expectInvalid(validate({ metricsConfig: { options: {} } }), unknownKey(
      'controller.config.metricsConfig.options',
      ['enabled', 'disableLegacy', 'metricsTTL', 'path', 'port', 'ignoreErrors', 'secure', 'modifiers', 'temporality'],
      REMOVE));
  });

  it('metricsConfig.modifiers.<name>.disable (the real name is disabled)', () => {
    expectInvalid(validate({ metricsConfig: { modifiers: { pod_missing: { disable: true } } } }), unknownKey(
      'controller.config.metricsConfig.modifiers["pod_missing"].disable',
      ['disabled', 'disabledAttributes', 'histogramBuckets'],
      'rename it to "disabled"'));
  });

  it('sso.clientID suggests "clientId"', () => {
    expectInvalid(validate({ sso: { issuer: 'https://dex', clientID: { name: 'argo-server-sso', key: 'clientID' } } }), unknownKey(
      'controller.config.sso.clientID',
      ['issuer', 'issuerAlias', 'clientId', 'clientSecret', 'redirectUrl', 'rbac', 'scopes', 'sessionExpiry', 'customGroupClaimName', 'userInfoPath', 'insecureSkipVerify', 'filterGroupsRegex', 'rootCA'],
      'rename it to "clientId"'));
  });

  it('artifactRepository.s3.foo', () => {
    expectInvalid(validate({ artifactRepository: { s3: { bucket: 'b', foo: 1 } } }), unknownKey(
      'controller.config.artifactRepository.s3.foo',
      ['endpoint', 'bucket', 'region', 'insecure', 'accessKeySecret', 'secretKeySecret', 'sessionTokenSecret', 'roleARN', 'useSDKCreds', 'createBucketIfNotPresent', 'encryptionOptions', 'caSecret', 'addressingStyle', 'keyFormat', 'keyPrefix'],
      REMOVE));
  });

  it('artifactRepository.http (a location type, not a repository type)', () => {
    expectInvalid(validate({ artifactRepository: { http: { url: 'https://x' } } }), unknownKey(
      'controller.config.artifactRepository.http',
      ['archiveLogs', 's3', 'gcs', 'azure', 'oss', 'artifactory', 'hdfs', 'plugin'],
      REMOVE));
  });

  it('inside a SecretKeySelector (s3.accessKeySecret.namespace)', () => {
    expectInvalid(validate({ artifactRepository: { s3: { accessKeySecret: { name: 'c', key: 'k', namespace: 'argo' } } } }), unknownKey(
      'controller.config.artifactRepository.s3.accessKeySecret.namespace', ['name', 'key', 'optional'], REMOVE));
  });

  it('inside a list item (links[1].title)', () => {
    expectInvalid(validate({ links: [{ name: 'a', scope: 'pod', url: 'https://a' }, { name: 'b', scope: 'pod', url: 'https://b', title: 'B' }] }), unknownKey(
      'controller.config.links[1].title', ['name', 'scope', 'url', 'target'], REMOVE));
  });

  it('in the workflowDefaults spec (spec.serviceAccount)', () => {
    expectInvalid(validate({ workflowDefaults: { spec: { serviceAccount: 'x' } } }),
      unknownKey('controller.config.workflowDefaults.spec.serviceAccount', WORKFLOW_SPEC_KEYS, REMOVE));
  });

  it('workflowDefaults itself takes only apiVersion, kind, metadata and spec', () => {
    expectInvalid(validate({ workflowDefaults: { status: {} } }),
      unknownKey('controller.config.workflowDefaults.status', ['apiVersion', 'kind', 'metadata', 'spec'], REMOVE));
  });

  it('in a container securityContext (executor.securityContext.runAsNonroot suggests runAsNonRoot)', () => {
    expectInvalid(validate({ executor: { securityContext: { runAsNonroot: true } } }), unknownKey(
      'controller.config.executor.securityContext.runAsNonroot',
      ['capabilities', 'privileged', 'seLinuxOptions', 'windowsOptions', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount', 'seccompProfile', 'appArmorProfile'],
      'rename it to "runAsNonRoot"'));
  });

  it('keys named like Object.prototype members are unknown too', () => {
    for (const k of ['toString', 'valueOf', 'constructor', 'hasOwnProperty']) {
      expectInvalid(validate({ [k]: 'x' }), unknownKey(`controller.config.${k}`, ARGO_TOP_LEVEL_KEYS, REMOVE));
      expectInvalid(validate({ nodeEvents: { [k]: true } }), unknownKey(`controller.config.nodeEvents.${k}`, ['enabled', 'sendAsPod'], REMOVE));
    }
  });

  it('uses the given path prefix, or none', () => {
    expectInvalid(() => validateControllerConfig({ nodeEvents: { enable: true } }, 'cfg'),
      unknownKey('cfg.nodeEvents.enable', ['enabled', 'sendAsPod'], 'rename it to "enabled"'));
    expectInvalid(() => validateControllerConfig({ nodeEvents: { enable: true } }, ''),
      unknownKey('nodeEvents.enable', ['enabled', 'sendAsPod'], 'rename it to "enabled"'));
  });

  it('rejects workflowDefaults.spec.podPriority (removed from WorkflowSpec in v4)', () => {
    expectInvalid(validate({ workflowDefaults: { spec: { podPriority: 1 } } }),
      unknownKey('controller.config.workflowDefaults.spec.podPriority', WORKFLOW_SPEC_KEYS, REMOVE));
  });

  it('accepts the v4.1 WorkflowSpec additions and a Workflow\'s apiVersion/kind', () => {
    expect(validate({
      workflowDefaults: {
        apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow',
        spec: { podResources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } }, resourceClaims: [{ name: 'gpu' }] },
      },
    })).not.toThrow();
  });
});

describe('wrong value types', () => {
  it.each<[string, unknown, string]>([
    ['a string for an int', { parallelism: '10' }, 'controller.config.parallelism "10" is invalid: it must be a whole number. Fix: give a whole number'],
    ['a fraction for an int', { namespaceParallelism: 2.5 }, 'controller.config.namespaceParallelism 2.5 is invalid: it must be a whole number. Fix: give a whole number'],
    ['a number for a string', { instanceID: 10 }, 'controller.config.instanceID 10 is invalid: it must be a string. Fix: quote the value'],
    ['a string for a bool', { disableAgentPodCreation: 'true' }, 'controller.config.disableAgentPodCreation "true" is invalid: it must be true or false. Fix: give a boolean'],
    ['Infinity for a number', { resourceRateLimit: { limit: Infinity, burst: 1 } }, 'controller.config.resourceRateLimit.limit Infinity is invalid: it must be a number. Fix: give a number'],
    ['a list for an object', { nodeEvents: [] }, 'controller.config.nodeEvents [] is invalid: it must be an object. Fix: give an object'],
    ['null for an object', { retentionPolicy: null }, 'controller.config.retentionPolicy null is invalid: it must be an object. Fix: give an object'],
    ['an object for a list', { links: { name: 'a' } }, 'controller.config.links {"name":"a"} is invalid: it must be a list. Fix: give a list'],
    ['a list for a map', { images: [] }, 'controller.config.images [] is invalid: it must be an object. Fix: give an object'],
    ['a number in a string list', { images: { 'alpine:3.19': { cmd: ['sh', 1] } } }, 'controller.config.images["alpine:3.19"].cmd[1] 1 is invalid: it must be a string. Fix: quote the value'],
    ['a string in a number list', { metricsConfig: { modifiers: { m: { histogramBuckets: [1, '2'] } } } }, 'controller.config.metricsConfig.modifiers["m"].histogramBuckets[1] "2" is invalid: it must be a number. Fix: give a number'],
    ['a bool in a resource quantity', { executor: { resources: { limits: { memory: true } } } }, 'controller.config.executor.resources.limits["memory"] true is invalid: it must be a whole number or a string. Fix: give a whole number or a string'],
    ['a string for the port', { persistence: { postgresql: { tableName: 't', port: '5432' } } }, 'controller.config.persistence.postgresql.port "5432" is invalid: it must be a whole number. Fix: give a whole number'],
    ['a non-string label value', { workflowDefaults: { metadata: { labels: { team: 1 } } } }, 'controller.config.workflowDefaults.metadata.labels["team"] 1 is invalid: it must be a string. Fix: quote the value'],
    ['a string for the whole config', 'parallelism: 1', 'controller.config "parallelism: 1" is invalid: it must be an object. Fix: give an object'],
  ])('%s', (_name, config, message) => {
    expectInvalid(validate(config), message);
  });

  it('accepts whole numbers and strings for resource quantities', () => {
    expect(validate({ executor: { resources: { requests: { cpu: 1, memory: '64Mi' } } } })).not.toThrow();
  });
});

describe('values that may be credentials are never shown', () => {
  const selector = (path: string, key: string) =>
    `${path} "<redacted>" is invalid: it must be an object { name, key }. Fix: put the value in a Secret and reference its key, e.g. { name: "my-secret", key: "${key}" }`;

  it.each<[string, unknown, string]>([
    ['a password where its Secret reference belongs', { persistence: { postgresql: { tableName: 't', passwordSecret: 'hunter2' } } },
      selector('controller.config.persistence.postgresql.passwordSecret', 'password')],
    ['a user name where its Secret reference belongs', { synchronization: { mysql: { userNameSecret: 'argo' } } },
      selector('controller.config.synchronization.mysql.userNameSecret', 'username')],
    ['an S3 key in the artifact repository', { artifactRepository: { s3: { bucket: 'b', accessKeySecret: 'AKIAIOSFODNN7EXAMPLE' } } },
      selector('controller.config.artifactRepository.s3.accessKeySecret', 'accessKey')],
    ['a list where a Secret reference belongs', { artifactRepository: { azure: { endpoint: 'e', container: 'c', accountKeySecret: ['k'] } } },
      selector('controller.config.artifactRepository.azure.accountKeySecret', 'accountKey')],
    // clientId is a Secret reference although its name does not look like a credential.
    ['an SSO client id where its Secret reference belongs', { sso: { issuer: 'https://dex', clientId: 'argo', clientSecret: { name: 's', key: 'k' } } },
      selector('controller.config.sso.clientId', 'client-id')],
    ['a number under a secret-looking map key', { persistence: { mysql: { tableName: 't', options: { password: 1234 } } } },
      'controller.config.persistence.mysql.options["password"] "<redacted>" is invalid: it must be a string. Fix: quote the value'],
    ['a number under a secret-looking key', { kubeConfig: { secretName: 'kubeconfig', secretKey: 42 } },
      'controller.config.kubeConfig.secretKey "<redacted>" is invalid: it must be a string. Fix: quote the value'],
  ])('%s', (_name, config, message) => {
    expectInvalid(validate(config), message);
  });

  it('still shows the values of a Secret reference\'s own fields (names, not secrets)', () => {
    expectInvalid(validate({ persistence: { postgresql: { tableName: 't', passwordSecret: { name: 'db', key: 5 } } } }),
      'controller.config.persistence.postgresql.passwordSecret.key 5 is invalid: it must be a string. Fix: quote the value');
  });

  it('redacts in checkShape under any path, e.g. an artifact repository entry', () => {
    expectInvalid(() => checkShape('artifactRepositories.repositories["default"]', { s3: { bucket: 'b', secretKeySecret: 'wJalrXUtnFEMI' } }, ARTIFACT_REPOSITORY),
      selector('artifactRepositories.repositories["default"].s3.secretKeySecret', 'secretKey'));
  });
});

describe('TTL values (archiveTTL, connMaxLifetime, metricsTTL)', () => {
  it.each(['30d', '12h', '10m', '0s', '7d', '90m'])('accepts %j', (ttl) => {
    expect(validate({ persistence: { archiveTTL: ttl } })).not.toThrow();
    expect(validate({ persistence: { connectionPool: { connMaxLifetime: ttl } } })).not.toThrow();
    expect(validate({ metricsConfig: { metricsTTL: ttl } })).not.toThrow();
    expect(TTL_PATTERN.test(ttl)).toBe(true);
  });

  it.each([
    ['1h30m', '"1h30m"'],
    ['30 d', '"30 d"'],
    ['1.5h', '"1.5h"'],
    ['d', '"d"'],
    ['30', '"30"'],
    ['-1d', '"-1d"'],
    ['7w', '"7w"'],
  ])('rejects %j with the exact message', (ttl, shown) => {
    expectInvalid(validate({ persistence: { archiveTTL: ttl } }), `controller.config.persistence.archiveTTL ${shown} is invalid: ${TTL_RULE}. Fix: ${TTL_FIX}`);
  });

  it('rejects a number (Argo: "invalid TTL")', () => {
    expectInvalid(validate({ metricsConfig: { metricsTTL: 600 } }), `controller.config.metricsConfig.metricsTTL 600 is invalid: ${TTL_RULE}. Fix: ${TTL_FIX}`);
  });

  it('checks connMaxLifetime in synchronization as well', () => {
    expectInvalid(validate({ synchronization: { connectionPool: { connMaxLifetime: '1h30m' } } }),
      `controller.config.synchronization.connectionPool.connMaxLifetime "1h30m" is invalid: ${TTL_RULE}. Fix: ${TTL_FIX}`);
  });

  // Argo v4.1.2's config/ttl.go checks the "s" suffix before time.ParseDuration, so "500ms" becomes
  // Atoi("500m") and fails.
  it.each(['500ms', '100us', '10ns', '1.5s'])('rejects the sub-second or fractional Go duration %j (Argo cannot parse it)', (ttl) => {
    expect(TTL_PATTERN.test(ttl)).toBe(false);
    expectInvalid(validate({ persistence: { archiveTTL: ttl } }), `controller.config.persistence.archiveTTL "${ttl}" is invalid: ${TTL_RULE}. Fix: ${TTL_FIX}`);
  });
});

describe('Go durations (initialDelay, podGCDeleteDelayDuration, sso.sessionExpiry, podGC.deleteDelayDuration)', () => {
  it.each(['5s', '1m30s', '250ms', '1.5h', '0', '10h'])('accepts %j', (d) => {
    expect(validate({ initialDelay: d, podGCDeleteDelayDuration: d })).not.toThrow();
    expect(GO_DURATION_PATTERN.test(d)).toBe(true);
  });

  it.each([['5 s', '"5 s"'], ['7d', '"7d"'], ['', '""'], ['s', '"s"']])('rejects %j', (d, shown) => {
    expectInvalid(validate({ initialDelay: d }),
      `controller.config.initialDelay ${shown} is invalid: it must be a Go duration like "5s" or "1m30s". Fix: give a Go duration like "5s" or "1m30s"`);
  });

  it('checks workflowDefaults.spec.podGC.deleteDelayDuration', () => {
    expectInvalid(validate({ workflowDefaults: { spec: { podGC: { deleteDelayDuration: '2d' } } } }),
      'controller.config.workflowDefaults.spec.podGC.deleteDelayDuration "2d" is invalid: it must be a Go duration like "5s" or "1m30s". Fix: give a Go duration like "5s" or "1m30s"');
  });
});

describe('enum values', () => {
  it.each(['workflow', 'pod', 'pod-logs', 'event-source-logs', 'sensor-logs', 'workflow-list', 'chat'])('accepts link scope %j', (scope) => {
    expect(validate({ links: [{ name: 'n', scope, url: 'https://x' }] })).not.toThrow();
  });

  it('rejects an unknown link scope', () => {
    expectInvalid(validate({ links: [{ name: 'n', scope: 'workflows', url: 'https://x' }] }),
      `controller.config.links[0].scope "workflows" is invalid: it must be one of ${LINK_SCOPES}. Fix: use one of ${LINK_SCOPES}`);
  });

  it('rejects a column type other than label/annotation', () => {
    expectInvalid(validate({ columns: [{ name: 'n', type: 'Label', key: 'k' }] }),
      'controller.config.columns[0].type "Label" is invalid: it must be one of "label", "annotation". Fix: use one of "label", "annotation"');
  });

  it('rejects a templateReferencing other than Strict/Secure', () => {
    expect(validate({ workflowRestrictions: { templateReferencing: 'Strict' } })).not.toThrow();
    expect(validate({ workflowRestrictions: { templateReferencing: 'Secure' } })).not.toThrow();
    expectInvalid(validate({ workflowRestrictions: { templateReferencing: 'strict' } }),
      'controller.config.workflowRestrictions.templateReferencing "strict" is invalid: it must be one of "Strict", "Secure". Fix: use one of "Strict", "Secure"');
  });

  it('rejects other enums: temporality, sslMode, imagePullPolicy, seccomp type, podGC strategy, addressingStyle', () => {
    expectInvalid(validate({ metricsConfig: { temporality: 'cumulative' } }),
      'controller.config.metricsConfig.temporality "cumulative" is invalid: it must be one of "Cumulative", "Delta". Fix: use one of "Cumulative", "Delta"');
    expectInvalid(validate({ persistence: { postgresql: { tableName: 't', sslMode: 'on' } } }),
      'controller.config.persistence.postgresql.sslMode "on" is invalid: it must be one of "disable", "allow", "prefer", "require", "verify-ca", "verify-full". Fix: use one of "disable", "allow", "prefer", "require", "verify-ca", "verify-full"');
    expectInvalid(validate({ executor: { imagePullPolicy: 'always' } }),
      'controller.config.executor.imagePullPolicy "always" is invalid: it must be one of "Always", "Never", "IfNotPresent". Fix: use one of "Always", "Never", "IfNotPresent"');
    expectInvalid(validate({ mainContainer: { securityContext: { seccompProfile: { type: 'Default' } } } }),
      'controller.config.mainContainer.securityContext.seccompProfile.type "Default" is invalid: it must be one of "RuntimeDefault", "Localhost", "Unconfined". Fix: use one of "RuntimeDefault", "Localhost", "Unconfined"');
    expectInvalid(validate({ workflowDefaults: { spec: { podGC: { strategy: 'Always' } } } }),
      'controller.config.workflowDefaults.spec.podGC.strategy "Always" is invalid: it must be one of "", "OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess". Fix: use one of "", "OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess"');
    expectInvalid(validate({ artifactRepository: { s3: { addressingStyle: 'virtual' } } }),
      'controller.config.artifactRepository.s3.addressingStyle "virtual" is invalid: it must be one of "", "path", "virtual-hosted". Fix: use one of "", "path", "virtual-hosted"');
  });

  it('rejects a non-string enum value', () => {
    expectInvalid(validate({ columns: [{ name: 'n', type: 1, key: 'k' }] }),
      'controller.config.columns[0].type 1 is invalid: it must be one of "label", "annotation". Fix: use one of "label", "annotation"');
  });
});

describe('required keys', () => {
  it('kubeConfig needs secretName and secretKey', () => {
    expect(validate({ kubeConfig: { secretName: 'kc', secretKey: 'config' } })).not.toThrow();
    expectInvalid(validate({ kubeConfig: { secretKey: 'config' } }),
      'controller.config.kubeConfig.secretName is missing: Argo requires it. Fix: set controller.config.kubeConfig.secretName');
    expectInvalid(validate({ kubeConfig: { secretName: 'kc' } }),
      'controller.config.kubeConfig.secretKey is missing: Argo requires it. Fix: set controller.config.kubeConfig.secretKey');
  });

  it('an empty string counts as missing', () => {
    expectInvalid(validate({ kubeConfig: { secretName: '', secretKey: 'config' } }),
      'controller.config.kubeConfig.secretName is missing: Argo requires it. Fix: set controller.config.kubeConfig.secretName');
  });

  it.each(['name', 'scope', 'url'])('links need %s', (key) => {
    const link: Record<string, string> = { name: 'n', scope: 'pod', url: 'https://x' };
    delete link[key];
    expectInvalid(validate({ links: [{ name: 'ok', scope: 'pod', url: 'https://ok' }, link] }),
      `controller.config.links[1].${key} is missing: Argo requires it. Fix: set controller.config.links[1].${key}`);
  });

  it('columns need name, type and key', () => {
    expectInvalid(validate({ columns: [{ name: 'n', type: 'label' }] }),
      'controller.config.columns[0].key is missing: Argo requires it. Fix: set controller.config.columns[0].key');
  });

  it('a SecretKeySelector needs key', () => {
    expectInvalid(validate({ persistence: { postgresql: { tableName: 't', passwordSecret: { name: 'db' } } } }),
      'controller.config.persistence.postgresql.passwordSecret.key is missing: Argo requires it. Fix: set controller.config.persistence.postgresql.passwordSecret.key');
  });

  it('sso needs issuer, clientId and clientSecret', () => {
    expectInvalid(validate({ sso: { clientId: { name: 's', key: 'clientID' }, clientSecret: { name: 's', key: 'clientSecret' } } }),
      'controller.config.sso.issuer is missing: Argo requires it. Fix: set controller.config.sso.issuer');
    expectInvalid(validate({ sso: { issuer: 'https://dex', clientId: { name: 's', key: 'clientID' } } }),
      'controller.config.sso.clientSecret is missing: Argo requires it. Fix: set controller.config.sso.clientSecret');
  });

  it('artifactDrivers need name and image; azure needs endpoint and container; plugin needs name', () => {
    expectInvalid(validate({ artifactDrivers: [{ name: 'd' }] }),
      'controller.config.artifactDrivers[0].image is missing: Argo requires it. Fix: set controller.config.artifactDrivers[0].image');
    expectInvalid(validate({ artifactRepository: { azure: { endpoint: 'https://acct.blob.core.windows.net' } } }),
      'controller.config.artifactRepository.azure.container is missing: Argo requires it. Fix: set controller.config.artifactRepository.azure.container');
    expectInvalid(validate({ artifactRepository: { plugin: { configuration: 'x' } } }),
      'controller.config.artifactRepository.plugin.name is missing: Argo requires it. Fix: set controller.config.artifactRepository.plugin.name');
  });

  it('unknown keys are reported before missing ones', () => {
    expectInvalid(validate({ kubeConfig: { secret: 'x' } }),
      unknownKey('controller.config.kubeConfig.secret', ['secretName', 'secretKey', 'volumeName', 'mountPath'], REMOVE));
  });
});

describe('checkShape', () => {
  it('skips undefined values anywhere', () => {
    expect(() => checkShape('x', undefined, { kind: 'int' })).not.toThrow();
    expect(validate({ parallelism: undefined, persistence: { archiveTTL: undefined }, links: [{ name: 'n', scope: 'pod', url: 'u', target: undefined }] })).not.toThrow();
  });

  it('reports the first bad item of a list with its index', () => {
    expectInvalid(() => checkShape('xs', [1, 2, 'three', 'four'], { kind: 'list', item: { kind: 'int' } }),
      'xs[2] "three" is invalid: it must be a whole number. Fix: give a whole number');
  });

  it('accepts any value for kind "any"', () => {
    expect(() => checkShape('x', bad(Symbol('s')), { kind: 'any' })).not.toThrow();
  });
});
