/**
 * The one definition of Argo Workflows v4.1.2's controller `Config` (config/config.go): every key,
 * at every depth, with what Argo does with it. `schema.ts` checks values against
 * it at run time; `controller-config.ts` derives the TypeScript types from it, and editors show
 * the doc comment of each key. Property names are Argo's JSON field names, in Argo's order.
 */
import { ARTIFACT_REPOSITORY } from './_definition-artifacts';
import { PERSISTENCE, SYNCHRONIZATION } from './_definition-database';
import { CONTAINER, SECRET_KEY_SELECTOR, strings } from './_definition-kubernetes';
import { WORKFLOW_DEFAULTS } from './_definition-workflow';
import { bool, duration, int, listOf, mapOf, num, obj, oneOf, str, ttl } from './_shape';

/** `metricsConfig` and `telemetryConfig`. */
export const METRICS = obj({
  /** Serve metrics. @default true */
  enabled: bool,
  /** Turned the legacy metrics off. @deprecated Ignored: the legacy metrics are gone. */
  disableLegacy: bool,
  /** How long a custom metric that is no longer updated is kept in memory, one whole unit such as `10m`. @default - kept until the controller restarts */
  metricsTTL: ttl,
  /** HTTP path of the endpoint; must start with `/`. @default "/metrics" */
  path: str,
  /** Port of the endpoint. @default 9090 */
  port: int,
  /** Ignore errors while metrics are emitted. @default false */
  ignoreErrors: bool,
  /** Serve over TLS, with a self-signed certificate. @default true */
  secure: bool,
  /** Changes to single metrics, by metric name. */
  modifiers: mapOf(obj({
    /** Do not emit this metric. @default false */
    disabled: bool,
    /** Attributes (labels) to drop from this metric, to lower its cardinality. */
    disabledAttributes: strings,
    /** Bucket boundaries of this histogram; no effect on other metric types. */
    histogramBuckets: listOf(num),
  })),
  /** Temporality of the OpenTelemetry metrics; Prometheus metrics are always cumulative. @default "Cumulative" */
  temporality: oneOf('Cumulative', 'Delta'),
});

/** `sso`: single sign-on for argo-server. */
const SSO = obj({
  /** OIDC issuer URL. */
  issuer: str,
  /** Another issuer URL to accept, for providers whose discovery URL differs from the issuer. */
  issuerAlias: str,
  /** Secret key holding the OIDC client ID (lower-case d), read from argo-server's namespace. */
  clientId: SECRET_KEY_SELECTOR,
  /** Secret key holding the OIDC client secret, read from argo-server's namespace. */
  clientSecret: SECRET_KEY_SELECTOR,
  /** OIDC redirect URL. @default - `<scheme>://<host><base href>oauth2/callback` of the request */
  redirectUrl: str,
  /** SSO RBAC: users are mapped to ServiceAccounts by their `workflows.argoproj.io/rbac-rule` annotations. */
  rbac: obj({
    /** Turn SSO RBAC on. @default false */
    enabled: bool,
  }),
  /** Scopes to request besides `openid`, which is always requested. */
  scopes: strings,
  /** Go duration a login lasts. @default "10h" */
  sessionExpiry: duration,
  /** Claim the groups are read from, instead of `groups`. */
  customGroupClaimName: str,
  /** Path of the issuer's userinfo endpoint, to read groups from there. */
  userInfoPath: str,
  /** Skip TLS certificate verification towards the issuer. @default false */
  insecureSkipVerify: bool,
  /** Keep only the groups that match one of these regular expressions. */
  filterGroupsRegex: strings,
  /** PEM-encoded CA certificate used to verify the issuer. */
  rootCA: str,
}, ['issuer', 'clientId', 'clientSecret']);

/** Argo v4.1.2's `Config`: the 31 top-level keys and everything under them. */
export const CONTROLLER_CONFIG = obj({
  /** Kubernetes Events for workflow node transitions. */
  nodeEvents: obj({
    /** Emit node events. @default true */
    enabled: bool,
    /** Emit them as if from the Pod instead of the Workflow, with annotations linking them to the Workflow. @default false */
    sendAsPod: bool,
  }),
  /** Kubernetes Events for workflow transitions. */
  workflowEvents: obj({
    /** Emit workflow events. @default true */
    enabled: bool,
  }),
  /**
   * Defaults for the executor (init and wait) containers of workflow pods: image, imagePullPolicy,
   * resources, env, args, securityContext. The controller's `--executor-image` flag wins over `image`.
   * @default - image `quay.io/argoproj/argoexec:<controller version>`
   */
  executor: CONTAINER,
  /** Defaults merged into the `main` container of every workflow pod. */
  mainContainer: CONTAINER,
  /** A kubeconfig for the executor containers, when workflow pods run in another cluster than the controller. */
  kubeConfig: obj({
    /** Secret holding the kubeconfig. */
    secretName: str,
    /** Key of the kubeconfig in that Secret. */
    secretKey: str,
    /** Name of the volume the Secret is mounted from. @default "kubeconfig" */
    volumeName: str,
    /** Where the kubeconfig is mounted. @default "/kube/config" */
    mountPath: str,
  }, ['secretName', 'secretKey']),
  /**
   * The default artifact repository: used when a workflow names no `artifactRepositoryRef` and its
   * namespace has no `artifact-repositories` ConfigMap.
   */
  artifactRepository: ARTIFACT_REPOSITORY,
  /** Namespace the controller watches when it is not given `--managed-namespace`. */
  namespace: str,
  /**
   * Handle only the workflows labelled `workflows.argoproj.io/controller-instanceid=<this value>`, so
   * several controllers can share a cluster; also suffixes the leader-election lease name.
   * @default - only workflows without that label
   */
  instanceID: str,
  /** The Prometheus metrics endpoint. @default - enabled, `/metrics` on port 9090, over TLS */
  metricsConfig: METRICS,
  /** A separate telemetry endpoint. Argo v4.1.2 parses it, but no code reads it. */
  telemetryConfig: METRICS,
  /** Most workflows running at once in the cluster; 0 is unlimited. @default 0 */
  parallelism: int,
  /** Most workflows running at once in each namespace; 0 is unlimited. @default 0 */
  namespaceParallelism: int,
  /**
   * Rate limit of pod creation. Set both keys: an unset one is 0, and a `burst` of 0 lets no pod
   * be created. @default - unlimited
   */
  resourceRateLimit: obj({
    /** Pods created per second, on average. */
    limit: num,
    /** Pods that may be created at once above the average rate. */
    burst: int,
  }),
  /** A database for the workflow archive and node-status offloading, used by the controller and argo-server. */
  persistence: PERSISTENCE,
  /** Links shown in the UI. argo-server exits at start-up if a URL's scheme is not in its `--allowed-link-protocol` list. */
  links: listOf(obj({
    /** Text of the link, e.g. "Workflow Logs". */
    name: str,
    /** Where the link is shown. */
    scope: oneOf('workflow', 'pod', 'pod-logs', 'event-source-logs', 'sensor-logs', 'workflow-list', 'chat'),
    /**
     * The URL. It may contain `${metadata.namespace}`, `${metadata.name}`, `${status.startedAt}`,
     * `${status.finishedAt}` or any other field of the workflow, e.g. `${workflow.metadata.annotations.myKey}`.
     */
    url: str,
    /** HTML target the link opens in, e.g. `_blank` for a new tab. */
    target: str,
  }, ['name', 'scope', 'url'])),
  /** Extra columns of the UI's workflow list. */
  columns: listOf(obj({
    /** Title of the column, e.g. "Workflow Completed". */
    name: str,
    /** Whether the value is a label or an annotation of the workflow. */
    type: oneOf('label', 'annotation'),
    /** Key of the label or annotation, e.g. `workflows.argoproj.io/completed`. */
    key: str,
  }, ['name', 'type', 'key'])),
  /** Values merged into every Workflow this controller runs; the Workflow's own values win. */
  workflowDefaults: WORKFLOW_DEFAULTS,
  /** Write pod specs to the controller log, for debugging. */
  podSpecLogStrategy: obj({
    /** Log the spec of pods that failed. @default false */
    failedPod: bool,
    /** Log the spec of every pod. @default false */
    allPods: bool,
  }),
  /** Grace period, in seconds, of the pod deletions done by pod GC; 0 kills pods at once. @default - Kubernetes' default (30) */
  podGCGracePeriodSeconds: int,
  /** Go duration pods wait in the GC queue before they are deleted; `0s` deletes them at once. @default "5s" */
  podGCDeleteDelayDuration: duration,
  /** Restrictions on the workflows the controller runs. */
  workflowRestrictions: obj({
    /**
     * `Strict`: only workflows that run a `workflowTemplateRef` are run. `Secure`: as `Strict`, and
     * the referenced template must not change while the workflow runs. @default - no restriction
     */
    templateReferencing: oneOf('Strict', 'Secure'),
  }),
  /** Go duration the controller waits before it processes a new workflow, e.g. so mutating webhooks can finish. @default - no delay */
  initialDelay: duration,
  /**
   * ENTRYPOINT and CMD of images, by image reference, for templates that give no `command`;
   * without an entry the emissary executor looks the image up in its registry.
   */
  images: mapOf(obj({
    /** The image's ENTRYPOINT. */
    entrypoint: strings,
    /** The image's CMD. */
    cmd: strings,
  })),
  /** How many finished workflows are kept, by phase; older ones are deleted. */
  retentionPolicy: obj({
    /** Number of completed (succeeded) workflows to keep. */
    completed: int,
    /** Number of failed workflows to keep. */
    failed: int,
    /** Number of errored workflows to keep. */
    errored: int,
  }),
  /** Background colour of the UI's navigation bar, as a CSS colour. */
  navColor: str,
  /** Single sign-on (OIDC) for argo-server, with `--auth-mode sso`. argo-server reads it only at start-up. */
  sso: SSO,
  /** A database for semaphores and mutexes shared by controllers. */
  synchronization: SYNCHRONIZATION,
  /**
   * Artifact driver plugins, used by `plugin` repositories. argo-server exits at start-up unless
   * each driver image runs as a sidecar of its pod and answers.
   */
  artifactDrivers: listOf(obj({
    /** Name that `plugin.name` of a repository refers to. */
    name: str,
    /** Image of the driver. */
    image: str,
    /** Seconds to wait for a connection to the driver. @default 5 */
    connectionTimeoutSeconds: int,
  }, ['name', 'image'])),
  /** Recreate pods that failed before they ran (eviction, DiskPressure, preemption), without a retryStrategy. */
  failedPodRestart: obj({
    /** Turn automatic restarts on. @default false */
    enabled: bool,
    /** Most automatic restarts per node. @default 3 */
    maxRestarts: int,
  }),
  /**
   * Create no agent pods for HTTP and plugin templates, for when an external agent runs them;
   * HTTP templates are then not reconciled by the controller. @default false
   */
  disableAgentPodCreation: bool,
  /**
   * Beta: a pod layout without the argoexec init container. argoexec reaches the main container
   * through an image volume (Kubernetes 1.33 or later with its feature gate), and a `supervisor`
   * container replaces `wait`.
   */
  initlessPod: obj({
    /** Use the init-less layout for every workflow pod. @default false */
    enabled: bool,
  }),
});
