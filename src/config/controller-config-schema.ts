/**
 * The key tree of Argo v4.1.2's controller `Config`, used to reject unknown keys and wrong value
 * types before anything is written. Argo reads the configmap with `yaml.UnmarshalStrict`: one
 * unknown key at any depth makes the controller and argo-server exit.
 */
import { CREDENTIAL_NAME, exampleKey, isPlainObject, redact } from './check';
import { ValidationError, show } from './errors';

/** What a value in the config tree may be. */
export type Shape =
  | { readonly kind: 'string' | 'int' | 'number' | 'bool' | 'ttl' | 'duration' | 'intOrString' | 'any' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  | { readonly kind: 'map'; readonly value: Shape }
  | { readonly kind: 'list'; readonly item: Shape };

const str: Shape = { kind: 'string' };
const int: Shape = { kind: 'int' };
const num: Shape = { kind: 'number' };
const bool: Shape = { kind: 'bool' };
const ttl: Shape = { kind: 'ttl' };
const duration: Shape = { kind: 'duration' };
const intOrString: Shape = { kind: 'intOrString' };
/** A Kubernetes type whose inner fields argo-stack does not re-check (typed in TypeScript instead). */
const k8s: Shape = { kind: 'any' };
const oneOf = (...values: string[]): Shape => ({ kind: 'enum', values });
const obj = (fields: Record<string, Shape>, required?: string[]): Shape => ({ kind: 'object', fields, required });
const mapOf = (value: Shape): Shape => ({ kind: 'map', value });
const listOf = (item: Shape): Shape => ({ kind: 'list', item });
const strings = listOf(str);
const stringMap = mapOf(str);

export const SECRET_KEY_SELECTOR = obj({ name: str, key: str, optional: bool }, ['key']);
const CONFIGMAP_KEY_SELECTOR = obj({ name: str, key: str, optional: bool }, ['key']);
const LABEL_SELECTOR = obj({
  matchLabels: stringMap,
  matchExpressions: listOf(obj({ key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: strings }, ['key', 'operator'])),
});
const METADATA = obj({ labels: stringMap, annotations: stringMap });

/** core/v1 Container, top-level fields (nested Kubernetes types are typed, not re-checked). */
export const CONTAINER = obj({
  name: str, image: str, command: strings, args: strings, workingDir: str, ports: k8s, envFrom: k8s, env: k8s,
  resources: obj({ limits: mapOf(intOrString), requests: mapOf(intOrString), claims: k8s }),
  resizePolicy: k8s, restartPolicy: str, volumeMounts: k8s, volumeDevices: k8s, livenessProbe: k8s,
  readinessProbe: k8s, startupProbe: k8s, lifecycle: k8s, terminationMessagePath: str,
  terminationMessagePolicy: oneOf('File', 'FallbackToLogsOnError'), imagePullPolicy: oneOf('Always', 'Never', 'IfNotPresent'),
  securityContext: obj({
    capabilities: obj({ add: strings, drop: strings }), privileged: bool, seLinuxOptions: k8s, windowsOptions: k8s,
    runAsUser: int, runAsGroup: int, runAsNonRoot: bool, readOnlyRootFilesystem: bool, allowPrivilegeEscalation: bool,
    procMount: str, seccompProfile: obj({ type: oneOf('RuntimeDefault', 'Localhost', 'Unconfined'), localhostProfile: str }, ['type']),
    appArmorProfile: k8s,
  }),
  stdin: bool, stdinOnce: bool, tty: bool,
});

const S3 = obj({
  endpoint: str, bucket: str, region: str, insecure: bool, accessKeySecret: SECRET_KEY_SELECTOR,
  secretKeySecret: SECRET_KEY_SELECTOR, sessionTokenSecret: SECRET_KEY_SELECTOR, roleARN: str, useSDKCreds: bool,
  createBucketIfNotPresent: obj({ objectLocking: bool }),
  encryptionOptions: obj({ kmsKeyId: str, kmsEncryptionContext: str, enableEncryption: bool, serverSideCustomerKeySecret: SECRET_KEY_SELECTOR }),
  caSecret: SECRET_KEY_SELECTOR, addressingStyle: oneOf('', 'path', 'virtual-hosted'), keyFormat: str, keyPrefix: str,
});

/** One artifact repository (`artifactRepository`, or one key of an `artifact-repositories` ConfigMap). */
export const ARTIFACT_REPOSITORY = obj({
  archiveLogs: bool,
  s3: S3,
  gcs: obj({ bucket: str, serviceAccountKeySecret: SECRET_KEY_SELECTOR, keyFormat: str }),
  azure: obj({ endpoint: str, container: str, accountKeySecret: SECRET_KEY_SELECTOR, useSDKCreds: bool, blobNameFormat: str }, ['endpoint', 'container']),
  oss: obj({
    endpoint: str, bucket: str, accessKeySecret: SECRET_KEY_SELECTOR, secretKeySecret: SECRET_KEY_SELECTOR,
    createBucketIfNotPresent: bool, securityToken: str,
    lifecycleRule: obj({ markInfrequentAccessAfterDays: int, markDeletionAfterDays: int }), useSDKCreds: bool, keyFormat: str,
  }),
  artifactory: obj({ repoURL: str, usernameSecret: SECRET_KEY_SELECTOR, passwordSecret: SECRET_KEY_SELECTOR, keyFormat: str }),
  hdfs: obj({
    addresses: strings, hdfsUser: str, dataTransferProtection: str, krbCCacheSecret: SECRET_KEY_SELECTOR,
    krbKeytabSecret: SECRET_KEY_SELECTOR, krbUsername: str, krbRealm: str, krbConfigConfigMap: CONFIGMAP_KEY_SELECTOR,
    krbServicePrincipalName: str, pathFormat: str, force: bool,
  }),
  plugin: obj({ name: str, configuration: str, keyFormat: str }, ['name']),
});

const DATABASE = {
  host: str, port: int, database: str, tableName: str,
  userNameSecret: SECRET_KEY_SELECTOR, passwordSecret: SECRET_KEY_SELECTOR,
};
const DB_CONNECTION = {
  postgresql: obj({
    ...DATABASE, ssl: bool, sslMode: oneOf('disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'),
    azureToken: obj({ enabled: bool, scope: str }), awsRDSToken: obj({ enabled: bool, region: str }),
  }),
  mysql: obj({ ...DATABASE, options: stringMap }),
  connectionPool: obj({ maxIdleConns: int, maxOpenConns: int, connMaxLifetime: ttl }),
  reconnectionConfig: obj({ maxRetries: int, baseDelaySeconds: int, maxDelaySeconds: int, retryMultiple: num }),
  connectionTimeoutSeconds: int,
};

const METRICS = obj({
  enabled: bool, disableLegacy: bool, metricsTTL: ttl, path: str, port: int, ignoreErrors: bool, secure: bool,
  modifiers: mapOf(obj({ disabled: bool, disabledAttributes: strings, histogramBuckets: listOf(num) })),
  temporality: oneOf('Cumulative', 'Delta'),
});

/**
 * WorkflowSpec's field names (pkg/apis/workflow/v1alpha1/workflow_types.go). The fields argo-stack
 * types are checked in depth; the rest by name.
 */
const WORKFLOW_SPEC = obj({
  templates: k8s, entrypoint: str, arguments: k8s, serviceAccountName: str, automountServiceAccountToken: bool,
  executor: obj({ serviceAccountName: str }), volumes: k8s, volumeClaimTemplates: k8s, parallelism: int,
  artifactRepositoryRef: obj({ configMap: str, key: str }), suspend: bool, nodeSelector: stringMap, affinity: k8s,
  tolerations: k8s, imagePullSecrets: k8s, hostNetwork: bool, dnsPolicy: str, dnsConfig: k8s, onExit: str,
  ttlStrategy: obj({ secondsAfterCompletion: int, secondsAfterSuccess: int, secondsAfterFailure: int }),
  activeDeadlineSeconds: int, priority: int, schedulerName: str,
  podGC: obj({
    strategy: oneOf('', 'OnPodCompletion', 'OnPodSuccess', 'OnWorkflowCompletion', 'OnWorkflowSuccess'),
    labelSelector: LABEL_SELECTOR, deleteDelayDuration: duration,
  }),
  podPriorityClassName: str, hostAliases: k8s, securityContext: k8s, podSpecPatch: str,
  podDisruptionBudget: obj({ minAvailable: intOrString, maxUnavailable: intOrString, selector: LABEL_SELECTOR, unhealthyPodEvictionPolicy: str }),
  metrics: k8s, shutdown: str, workflowTemplateRef: k8s, synchronization: k8s, volumeClaimGC: k8s, retryStrategy: k8s,
  podMetadata: METADATA, templateDefaults: k8s, archiveLogs: bool, hooks: k8s, workflowMetadata: k8s,
  artifactGC: obj({
    strategy: oneOf('', 'OnWorkflowCompletion', 'OnWorkflowDeletion', 'Never'), serviceAccountName: str, podMetadata: METADATA,
    forceFinalizerRemoval: bool, podSpecPatch: str,
  }), podResources: obj({ limits: mapOf(intOrString), requests: mapOf(intOrString), claims: k8s }), resourceClaims: k8s,
});

/** Argo v4.1.2's `Config`: the 31 top-level keys and everything under them. */
export const CONTROLLER_CONFIG: Shape = obj({
  nodeEvents: obj({ enabled: bool, sendAsPod: bool }),
  workflowEvents: obj({ enabled: bool }),
  executor: CONTAINER,
  mainContainer: CONTAINER,
  kubeConfig: obj({ secretName: str, secretKey: str, volumeName: str, mountPath: str }, ['secretName', 'secretKey']),
  artifactRepository: ARTIFACT_REPOSITORY,
  namespace: str,
  instanceID: str,
  metricsConfig: METRICS,
  telemetryConfig: METRICS,
  parallelism: int,
  namespaceParallelism: int,
  resourceRateLimit: obj({ limit: num, burst: int }),
  persistence: obj({
    ...DB_CONNECTION, nodeStatusOffLoad: bool, archive: bool, archiveLabelSelector: LABEL_SELECTOR, archiveTTL: ttl,
    clusterName: str, skipMigration: bool,
  }),
  links: listOf(obj({
    name: str, scope: oneOf('workflow', 'pod', 'pod-logs', 'event-source-logs', 'sensor-logs', 'workflow-list', 'chat'),
    url: str, target: str,
  }, ['name', 'scope', 'url'])),
  columns: listOf(obj({ name: str, type: oneOf('label', 'annotation'), key: str }, ['name', 'type', 'key'])),
  workflowDefaults: obj({ apiVersion: str, kind: str, metadata: METADATA, spec: WORKFLOW_SPEC }),
  podSpecLogStrategy: obj({ failedPod: bool, allPods: bool }),
  podGCGracePeriodSeconds: int,
  podGCDeleteDelayDuration: duration,
  workflowRestrictions: obj({ templateReferencing: oneOf('Strict', 'Secure') }),
  initialDelay: duration,
  images: mapOf(obj({ entrypoint: strings, cmd: strings })),
  retentionPolicy: obj({ completed: int, failed: int, errored: int }),
  navColor: str,
  sso: obj({
    issuer: str, issuerAlias: str, clientId: SECRET_KEY_SELECTOR, clientSecret: SECRET_KEY_SELECTOR, redirectUrl: str,
    rbac: obj({ enabled: bool }), scopes: strings, sessionExpiry: duration, customGroupClaimName: str,
    userInfoPath: str, insecureSkipVerify: bool, filterGroupsRegex: strings, rootCA: str,
  }, ['issuer', 'clientId', 'clientSecret']),
  synchronization: obj({
    ...DB_CONNECTION, controllerName: str, enableAPI: bool, skipMigration: bool, limitTableName: str,
    stateTableName: str, controllerTableName: str, lockTableName: str, pollSeconds: int, heartbeatSeconds: int,
    inactiveControllerSeconds: int, semaphoreLimitCacheSeconds: int,
  }),
  artifactDrivers: listOf(obj({ name: str, image: str, connectionTimeoutSeconds: int }, ['name', 'image'])),
  failedPodRestart: obj({ enabled: bool, maxRestarts: int }),
  disableAgentPodCreation: bool,
  initlessPod: obj({ enabled: bool }),
});

/** The top-level keys Argo v4.1.2 knows, in Argo's order. */
export const CONTROLLER_CONFIG_KEYS: readonly string[] = Object.keys((CONTROLLER_CONFIG as { fields: object }).fields);

/**
 * Argo's `config.TTL`: a whole number with exactly one unit d, h, m or s. Argo checks the suffix
 * before Go's duration parser, so "1h30m", "1.5h" and even "500ms" are rejected.
 */
export const TTL_PATTERN = /^\d+[dhms]$/;
/** A Go `time.Duration` string such as `5s`, `1m30s` or `250ms`. */
export const GO_DURATION_PATTERN = /^(0|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/;

const describe = (shape: Shape): string => {
  switch (shape.kind) {
    case 'string': return 'a string';
    case 'int': return 'a whole number';
    case 'number': return 'a number';
    case 'bool': return 'true or false';
    case 'ttl': return 'a whole number with one unit d, h, m or s, like "30d", "12h", "10m" or "0s" (compound or fractional values such as "1h30m" make the controller exit)';
    case 'duration': return 'a Go duration like "5s" or "1m30s"';
    case 'intOrString': return 'a number or a string';
    case 'enum': return `one of ${shape.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'object': return 'an object';
    case 'map': return 'an object';
    case 'list': return 'a list';
    default: return 'any value';
  }
};

const fixFor = (shape: Shape): string => {
  switch (shape.kind) {
    case 'ttl': return 'convert it to one unit, e.g. "90m" instead of "1h30m"';
    case 'enum': return `use one of ${shape.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default: return `give ${describe(shape)}`;
  }
};


/**
 * Checks a value against a shape. Throws a ValidationError naming the path, the bad value, what is
 * allowed and how to fix it. `undefined` values are skipped (they are not rendered).
 */
export function checkShape(path: string, value: unknown, shape: Shape): void {
  if (value === undefined) return;
  // A value under a secret-looking name, or a Secret reference given as something else (often the
  // secret itself), is never shown.
  const selector = shape === SECRET_KEY_SELECTOR;
  const shown = selector || CREDENTIAL_NAME.test(lastSegment(path)) ? redact(value) : value;
  const bad = (rule: string, fix: string) => new ValidationError(`${path} ${show(shown)} is invalid: ${rule}. Fix: ${fix}`);
  if (selector && !isPlainObject(value)) {
    throw bad('it must be an object { name, key }', `put the value in a Secret and reference its key, e.g. { name: "my-secret", key: ${JSON.stringify(exampleKey(path))} }`);
  }
  switch (shape.kind) {
    case 'any': return;
    case 'string': if (typeof value !== 'string') throw bad('it must be a string', 'quote the value'); return;
    case 'int': if (typeof value !== 'number' || !Number.isInteger(value)) throw bad('it must be a whole number', 'give a whole number'); return;
    case 'number': if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('it must be a number', 'give a number'); return;
    case 'bool': if (typeof value !== 'boolean') throw bad('it must be true or false', 'give a boolean'); return;
    case 'intOrString': if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) throw bad('it must be a whole number or a string', 'give a whole number or a string'); return;
    case 'ttl':
      if (typeof value !== 'string' || !TTL_PATTERN.test(value)) throw bad(`it must be ${describe(shape)}`, fixFor(shape));
      return;
    case 'duration':
      if (typeof value !== 'string' || !GO_DURATION_PATTERN.test(value)) throw bad(`it must be ${describe(shape)}`, fixFor(shape));
      return;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value)) throw bad(`it must be ${describe(shape)}`, fixFor(shape));
      return;
    case 'list':
      if (!Array.isArray(value)) throw bad('it must be a list', 'give a list');
      value.forEach((item, i) => checkShape(`${path}[${i}]`, item, shape.item));
      return;
    case 'map':
      if (!isPlainObject(value)) throw bad('it must be an object', 'give an object');
      for (const [k, v] of Object.entries(value)) checkShape(`${path}["${k}"]`, v, shape.value);
      return;
    case 'object': {
      if (!isPlainObject(value)) throw bad('it must be an object', 'give an object');
      const known = Object.keys(shape.fields);
      for (const [k, v] of Object.entries(value)) {
        const field = shape.fields[k];
        const child = path ? `${path}.${k}` : k;
        if (!field) {
          const close = known.find((n) => n.toLowerCase() === k.toLowerCase());
          throw new ValidationError(`${child} is not a key Argo Workflows v4.1.2 knows (the controller and argo-server exit on unknown keys); allowed keys here: ${known.join(', ')}. Fix: ${close ? `rename it to "${close}"` : 'remove it or use one of the allowed keys'}`);
        }
        checkShape(child, v, field);
      }
      for (const r of shape.required ?? []) {
        if (value[r] === undefined || value[r] === '') {
          throw new ValidationError(`${path ? `${path}.${r}` : r} is missing: Argo requires it. Fix: set ${path ? `${path}.${r}` : r}`);
        }
      }
      return;
    }
  }
}

/** The last key of a path (`passwordSecret` of `a.passwordSecret`, `password` of `a["password"]`), list indexes skipped. */
function lastSegment(path: string): string {
  const p = path.replace(/(\[\d+\])+$/, '');
  const m = /\["((?:[^"\\]|\\.)*)"\]$/.exec(p);
  return m ? m[1] : p.slice(p.lastIndexOf('.') + 1);
}

/** Checks a whole controller config against Argo v4.1.2's key tree. */
export function validateControllerConfig(config: unknown, path = 'controller.config'): void {
  checkShape(path, config, CONTROLLER_CONFIG);
}
