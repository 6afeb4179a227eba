/**
 * Strict at run time: options given from JavaScript or read from a file get no compiler, so every
 * level rejects unknown keys and wrong types, `null` is invalid everywhere, numbers have bounds,
 * and several wrong options are reported together.
 */
import { Duration } from 'cdk8s';
import { Credentials } from '../../src/config/credentials';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { ValidationError } from '../../src/config/errors';
import { quantityValue } from '../../src/config/kubernetes';
import { keyPath, plainDataProblems } from '../../src/config/plain-data';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { bad, expectInvalid } from './_helpers';

const resolve = (props: unknown) => () => resolveArgoWorkflows(bad(props));
const TOP = 'namespace, createNamespace, version, imageRegistry, images, scope, managedNamespace, crds, labels, imagePullSecrets, minio, artifactRepository, artifactRepositories, secrets, controller, server, workflowNamespaces, persistence, jobs, workloadIdentity, workflowRestrictions, workflowServiceAccountTokens, sso, tokenLogin, metrics, rbacProfile, rbacFeatures, networkPolicies';

describe('unknown keys', () => {
  test('at the top level, with a rename hint for near misses', () => {
    expectInvalid(resolve({ controler: { replicas: 2 } }), `controler is not an option argo-stack knows; allowed here: ${TOP}. Fix: rename it to "controller"`);
    expectInvalid(resolve({ Namespace: 'argo' }), `Namespace is not an option argo-stack knows; allowed here: ${TOP}. Fix: rename it to "namespace"`);
    expectInvalid(resolve({ toString: 'x' }), `toString is not an option argo-stack knows; allowed here: ${TOP}. Fix: remove toString`);
  });

  test('in controller, controller.workers, server and images', () => {
    expectInvalid(resolve({ controller: { replica: 2 } }),
      'controller.replica is not an option argo-stack knows; allowed here: replicas, leaderElection, podDisruptionBudget, config, workflowPodSecurityDefaults, serviceAccountAnnotations, workers, kubeApiQps, kubeApiBurst, priorityClass, priorityClassName, extraArgs, extraEnv, defaultWorkflowServiceAccount, logLevel, logFormat, resources, nodeSelector, tolerations, affinity, topologySpreadConstraints, podMetadata, imagePullSecrets. Fix: rename it to "replicas"');
    expectInvalid(resolve({ controller: { workers: { workflows: 8 } } }),
      'controller.workers.workflows is not an option argo-stack knows; allowed here: workflow, workflowTtl, podCleanup, cronWorkflow, workflowArchive. Fix: rename it to "workflow"');
    expectInvalid(resolve({ server: { tlsMinVerison: 772 } }),
      'server.tlsMinVerison is not an option argo-stack knows; allowed here: enabled, replicas, autoscaling, extraArgs, extraEnv, priorityClassName, podDisruptionBudget, serviceAccountAnnotations, authModes, exposure, tls, baseHref, apiRateLimit, xFrameOptions, hsts, accessControlAllowOrigin, tlsMinVersion, allowServerAuthModeWhenExposed, logLevel, logFormat, resources, nodeSelector, tolerations, affinity, topologySpreadConstraints, podMetadata, imagePullSecrets. Fix: rename it to "tlsMinVersion"');
    // A near miss of a removed option is named with what replaced it.
    expectInvalid(resolve({ server: { loadbalancerSourceRanges: ['10.0.0.0/8'] } }),
      'server.loadBalancerSourceRanges was replaced by server.exposure. Fix: use server.exposure: Exposure.loadBalancer({ sourceRanges: ["203.0.113.0/24"] })');
    expectInvalid(resolve({ images: { control: 'x:v1' } }),
      'images.control is not an option argo-stack knows; allowed here: controller, server, executor, crdInstaller, jobs. Fix: remove images.control');
  });
});

describe('wrong types are errors, never coerced', () => {
  test('an area that must be an object', () => {
    expectInvalid(resolve({ server: false }), 'server false is invalid: it must be an object. Fix: pass an object, e.g. { enabled: true }, or { enabled: false } to run no argo-server');
    expectInvalid(resolve({ controller: 'ha' }), 'controller "ha" is invalid: it must be an object. Fix: pass an object, e.g. { replicas: 2 }');
    expectInvalid(resolve({ images: [] }), 'images [] is invalid: it must be an object. Fix: pass an object, e.g. { controller: "registry.example.com/argoproj/workflow-controller:v4.1.2" }');
    expectInvalid(resolve({ controller: { workers: 4 } }), 'controller.workers 4 is invalid: it must be an object. Fix: pass an object, e.g. { workflow: 32 }');
  });

  test('a boolean given as a number', () => {
    expectInvalid(resolve({ controller: { workflowPodSecurityDefaults: 0 } }), 'controller.workflowPodSecurityDefaults 0 is invalid: it must be true or false. Fix: give a boolean');
  });
});

describe('null means one thing everywhere: it is invalid', () => {
  test('at any depth, with the path', () => {
    expectInvalid(resolve({ images: null }), 'images null is invalid: null is not a value argo-stack accepts. Fix: remove images to use its default, or give a value');
    expectInvalid(resolve({ persistence: { postgres: { inCluster: { storage: null } } } }),
      'persistence.postgres.inCluster.storage null is invalid: null is not a value argo-stack accepts. Fix: remove persistence.postgres.inCluster.storage to use its default, or give a value');
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'argo' }, null] }),
      'workflowNamespaces[1] null is invalid: null is not a value argo-stack accepts. Fix: remove workflowNamespaces[1] to use its default, or give a value');
  });

  test('non-data values and cycles are named, never thrown raw', () => {
    const loop: Record<string, unknown> = { name: 'argo' };
    loop.self = loop;
    expectInvalid(resolve({ workflowNamespaces: [loop] }),
      'workflowNamespaces[0].self "[circular]" is invalid: it contains itself. Fix: give workflowNamespaces[0].self a copy of the value instead of a reference to its own parent');
    expectInvalid(resolve({ controller: { replicas: 2n } }), 'controller.replicas 2n is invalid: it must be plain data: a string, number, boolean, list or object. Fix: give controller.replicas a plain value');
    expectInvalid(resolve({ labels: { [Symbol('x')]: 'a', team: Symbol('t') } }),
      'labels.team Symbol(t) is invalid: it must be plain data: a string, number, boolean, list or object. Fix: give labels.team a plain value');
    expectInvalid(resolve({ server: { apiRateLimit: Infinity } }), 'server.apiRateLimit Infinity is invalid: it must be a finite number. Fix: give server.apiRateLimit a number');
  });

  test('keyPath quotes keys that are not identifiers', () => {
    expect(keyPath('labels', 'team')).toBe('labels.team');
    expect(keyPath('labels', 'app.kubernetes.io/name')).toBe('labels["app.kubernetes.io/name"]');
    expect(keyPath('', 'namespace')).toBe('namespace');
  });

  test('undefined is an unset option; the classes options take are not descended into', () => {
    expect(plainDataProblems({ a: undefined, c: Credentials.existing(), t: Duration.days(1) })).toEqual([]);
  });

  test('other instances, holes and undefined list items are named', () => {
    expect(plainDataProblems({ d: new Date(0), m: new Map(), l: ['a', undefined], s: [, 'b'] }, 'x').map((e) => e.message)).toEqual([
      'x.d "1970-01-01T00:00:00.000Z" is invalid: it must be plain data, not a Date. Fix: give x.d a plain value',
      'x.m {} is invalid: it must be plain data, not a Map. Fix: give x.m a plain value',
      'x.l[1] undefined is invalid: a list item may not be empty or undefined. Fix: remove the empty items from x.l',
      'x.s[0] undefined is invalid: a list item may not be empty or undefined. Fix: remove the empty items from x.s',
    ]);
  });
});

describe('numbers have bounds', () => {
  test('counts have an upper bound', () => {
    expectInvalid(resolve({ server: { apiRateLimit: 1e21 } }),
      'server.apiRateLimit 1e+21 is invalid: it must be at most 1000000 requests per second per client IP. Fix: use a value such as 1000 (the default)');
    expectInvalid(resolve({ controller: { replicas: 11 } }),
      'controller.replicas 11 is invalid: it must be a whole number of at most 10. Fix: set controller.replicas to 1 or more (use a separate install to run none)');
    expectInvalid(resolve({ controller: { workers: { workflow: 100000 } } }),
      'controller.workers.workflow 100000 is invalid: it must be a whole number of at most 10000. Fix: set controller.workers.workflow to 1 or more, or leave it unset for Argo\'s default');
  });
});

describe('several wrong options are reported together', () => {
  test('one error lists each problem on its own line, in the standard format', () => {
    let error: unknown;
    try {
      resolveArgoWorkflows(bad({ controller: { replicas: 0 }, server: { baseHref: 'argo' }, workflowNamespaces: [{ name: 'Team_A' }] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.problems).toEqual([
      'workflowNamespaces[0].name "Team_A" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "team-a"',
      'server.baseHref "argo" is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "/argo/"',
      'controller.replicas 0 is invalid: it must be a whole number of at least 1. Fix: set controller.replicas to 1 or more (use a separate install to run none)',
    ]);
    expect(e.message).toBe(`3 options are invalid:\n${e.problems.map((p) => `  ${p}`).join('\n')}`);
  });

  test('all unknown top-level keys and all nulls are listed at once', () => {
    expect(() => resolveArgoWorkflows(bad({ images: null, labels: null }))).toThrow(
      'images null is invalid: null is not a value argo-stack accepts. Fix: remove images to use its default, or give a value\n'
      + '  labels null is invalid: null is not a value argo-stack accepts. Fix: remove labels to use its default, or give a value');
  });

  test('one problem keeps its plain message', () => {
    expectInvalid(resolve({ server: { baseHref: 'argo' } }),
      'server.baseHref "argo" is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "/argo/"');
  });
});

describe('pod fields are checked like Kubernetes would', () => {
  test('resources: quantities and resource names', () => {
    expectInvalid(resolve({ server: { resources: { requests: { cpu: 'banana', memory: '1Gi' }, limits: { memory: '1Gi' } } } }),
      'server.resources.requests["cpu"] "banana" is invalid: it must be a Kubernetes quantity such as "500m", "2" or "1Gi". Fix: use e.g. "500m"');
    expectInvalid(resolve({ controller: { resources: { requests: { cpu: '1', memory: '1Gi', 'gpu!': '1' }, limits: { memory: '1Gi' } } } }),
      'controller.resources.requests key "gpu!" is invalid: a resource is cpu, memory, ephemeral-storage, hugepages-<size> or an extended "<domain>/<name>". Fix: use "cpu" or "memory"');
    expectInvalid(resolve({ controller: { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' }, limit: {} } } }),
      'controller.resources.limit is not a field of this Kubernetes type; allowed here: limits, requests, claims. Fix: rename it to "limits"');
  });

  test('tolerations, affinity, topology spread constraints', () => {
    expectInvalid(resolve({ server: { tolerations: [{ key: 'x', operator: 'Exist' }] } }),
      'server.tolerations[0].operator "Exist" is invalid: it must be one of "Exists", "Equal". Fix: use one of "Exists", "Equal"');
    expectInvalid(resolve({ controller: { affinity: { nodeAfinity: {} } } }),
      'controller.affinity.nodeAfinity is not a field of this Kubernetes type; allowed here: nodeAffinity, podAffinity, podAntiAffinity. Fix: rename it to "nodeAffinity"');
    expectInvalid(resolve({ minio: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone' }] } }),
      'minio.topologySpreadConstraints[0].whenUnsatisfiable is missing: Kubernetes requires it. Fix: set minio.topologySpreadConstraints[0].whenUnsatisfiable');
  });

  test('podMetadata may not take argo-stack\'s own labels; imagePullSecrets are Secret names', () => {
    expectInvalid(resolve({ server: { podMetadata: { labels: { app: 'x' } } } }),
      'server.podMetadata.labels["app"] "x" is invalid: argo-stack sets "app" itself: its Services and policies select the pods with it. Fix: remove it, or use another label key');
    expectInvalid(resolve({ imagePullSecrets: 'mirror' }), 'imagePullSecrets "mirror" is invalid: it must be a list of Secret names. Fix: give a list, e.g. ["registry-credentials"]');
    expectInvalid(resolve({ controller: { imagePullSecrets: ['Mirror'] } }),
      'controller.imagePullSecrets[0] "Mirror" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "mirror"');
  });
});

describe('no plaintext credential through any option', () => {
  test('a credential-looking env var of executor or mainContainer needs valueFrom', () => {
    expectInvalid(resolve({ controller: { config: { executor: { env: [{ name: 'HTTP_PROXY', value: 'http://proxy:3128' }, { name: 'AWS_SECRET_ACCESS_KEY', value: 'abc' }] } } } }),
      'controller.config.executor.env[1].value "<redacted>" is invalid: "AWS_SECRET_ACCESS_KEY" looks like a credential, and a literal value would be written in plain text to workflow-controller-configmap, which is committed to git. Fix: read it from a Secret: { name, valueFrom: { secretKeyRef: { name: "<secret>", key: "<key>" } } }');
    expectInvalid(resolve({ controller: { config: { mainContainer: { env: [{ name: 'SSH_KEY', value: 'k' }] } } } }),
      'controller.config.mainContainer.env[0].value "<redacted>" is invalid: "SSH_KEY" looks like a credential, and a literal value would be written in plain text to workflow-controller-configmap, which is committed to git. Fix: read it from a Secret: { name, valueFrom: { secretKeyRef: { name: "<secret>", key: "<key>" } } }');
    expect(() => resolveArgoWorkflows({ controller: { config: { executor: { env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] } } } })).not.toThrow();
  });

  test('a credential-looking workflow parameter in workflowDefaults', () => {
    expectInvalid(resolve({ controller: { config: { workflowDefaults: { spec: { arguments: { parameters: [{ name: 'api-token', value: 't' }] } } } } } }),
      'controller.config.workflowDefaults.spec.arguments.parameters[0].value "<redacted>" is invalid: "api-token" looks like a credential, and a literal value would be written in plain text to workflow-controller-configmap, which is committed to git. Fix: pass it when the workflow is submitted, or have the template read it from a Secret with valueFrom.secretKeyRef');
  });

  test('a secret-bearing field of a raw artifact repository takes no literal', () => {
    expectInvalid(resolve({ controller: { config: { artifactRepository: { oss: { bucket: 'b', endpoint: 'oss.example.com', securityToken: 'sts' } } } } }),
      'controller.config.artifactRepository.oss.securityToken "<redacted>" is invalid: "securityToken" holds a credential, which would be written in plain text to workflow-controller-configmap, which is committed to git. Fix: put it in a Secret and reference it (Argo\'s *Secret fields take { name, key })');
  });

  test('a password in MySQL DSN options', () => {
    expectInvalid(resolve({ persistence: { mysql: { host: 'db.example.com', credentials: Credentials.existing(), options: { tls: 'true', password: 'p' } } } }),
      'persistence.mysql.options["password"] "<redacted>" is invalid: "password" holds a credential, which would be written in plain text to workflow-controller-configmap, which is committed to git. Fix: remove it: the password comes from the Secret in persistence.mysql.secretName, read by Argo');
  });
});

describe('the options of the Credentials factories', () => {
  test('an unknown option is named with the path where the credentials are used', () => {
    expectInvalid(resolve({ persistence: { postgres: { inCluster: {}, credentials: Credentials.generated(bad({ lenght: 20 })) } } }),
      'persistence.postgres.credentials.lenght is not an option of Credentials.generated; its options are fixed, length. Fix: rename it to "length"');
    expectInvalid(resolve({ minio: { credentials: Credentials.externalSecret(bad({ storeName: 'vault', remoteKey: 'minio', store: 'x' })) } }),
      'minio.credentials.store is not an option of Credentials.externalSecret; its options are storeName, storeKind, remoteKey, properties, refreshInterval. Fix: remove minio.credentials.store');
  });
});

describe('credential names without false alarms', () => {
  test('real DSN options, annotations and a parameter named key are fine', () => {
    expect(() => resolveArgoWorkflows({ persistence: { mysql: { host: 'db.example.com', credentials: Credentials.existing(), options: { allowNativePasswords: 'true', allowCleartextPasswords: 'false' } } } })).not.toThrow();
    expect(() => resolveArgoWorkflows({ controller: { config: { workflowDefaults: { metadata: { annotations: { 'vault.hashicorp.com/agent-inject-token': 'true' } }, spec: { arguments: { parameters: [{ name: 'key', value: 'reports/2026' }] } } } } } })).not.toThrow();
  });

  test('an API key in the fixed values of generated credentials is refused', () => {
    expectInvalid(resolve({ secrets: [{ name: 'svc', keys: ['api-key'], credentials: Credentials.generated({ fixed: { 'api-key': 'sk_live' } }) }], workflowNamespaces: [{ name: 'argo' }], artifactRepositories: { repositories: { s3: ArtifactRepository.s3({ bucket: 'my-bucket', useSDKCreds: true }) } } }),
      'secrets[0].credentials.fixed key "api-key" is invalid: a fixed value is written to dist/, which is committed to git, so it must not be a credential, and this key\'s name says it is one (it contains PASSWORD, PASSWD, SECRET, TOKEN, ACCESS_KEY, PRIVATE_KEY or CREDENTIAL). Fix: remove "api-key" from fixed so that its value is generated at random');
  });
});

describe('settings Argo would ignore or exit on', () => {
  test('executor.image in the config, which --executor-image overrides', () => {
    expectInvalid(resolve({ controller: { config: { executor: { image: 'quay.io/argoproj/argoexec:v4.1.1' } } } }),
      'controller.config.executor.image is set, but the controller ignores it: the --executor-image flag argo-stack passes wins. Fix: remove it and set images.executor (pinned with a tag or digest)');
  });

  test('a link with a scheme argo-server does not allow', () => {
    expectInvalid(resolve({ controller: { config: { links: [{ name: 'Logs', scope: 'workflow', url: 'javascript:alert(1)' }] } } }),
      'controller.config.links[0].url "javascript:alert(1)" is invalid: it must start with http:// or https:// (argo-server exits at start on any other scheme). Fix: give an http or https URL, e.g. "https://logs.example.com/${metadata.name}"');
  });

  test('artifact drivers with argo-server, which would need sidecars', () => {
    expectInvalid(resolve({ controller: { config: { artifactDrivers: [{ name: 'x', image: 'example.com/x:v1' }] } } }),
      'controller.config.artifactDrivers is set with argo-server enabled: argo-server exits at start unless every driver image runs as a sidecar of its own pod, which argo-stack does not build yet. Fix: remove artifactDrivers and the plugin repositories that use them, or run without argo-server (server.enabled: false)');
  });

  test('an integer Argo reads as int32', () => {
    expectInvalid(resolve({ controller: { config: { parallelism: 3e9 } } }),
      'controller.config.parallelism 3000000000 is invalid: it must be a whole number from -2147483648 to 2147483647. Fix: give a smaller number');
  });

  test('the metrics endpoint follows metricsConfig: HTTPS on 9090 unless told otherwise', () => {
    const port = (config: object) => resolveArgoWorkflows(bad({ controller: { config } })).controller.endpoint.ports[0];
    expect(port({})).toEqual({ name: 'metrics', containerPort: 9090, protocol: 'TCP', scheme: 'HTTPS' });
    expect(port({ metricsConfig: { secure: false, port: 9091 } })).toEqual({ name: 'metrics', containerPort: 9091, protocol: 'TCP', scheme: 'HTTP' });
  });
});

describe('resources Kubernetes would refuse', () => {
  test('a request above its limit', () => {
    expectInvalid(resolve({ server: { resources: { requests: { cpu: '100m', memory: '2Gi' }, limits: { memory: '1Gi' } } } }),
      'server.resources.requests["memory"] "2Gi" is invalid: it must not exceed its limit "1Gi" (Kubernetes refuses the pod). Fix: lower the request, or raise server.resources.limits["memory"]');
    expect(() => resolveArgoWorkflows({ server: { resources: { requests: { cpu: '500m', memory: '1024Mi' }, limits: { cpu: '0.5', memory: '1Gi' } } } })).not.toThrow();
  });

  test('quantityValue reads every suffix', () => {
    expect([quantityValue('500m'), quantityValue('1Gi'), quantityValue('1G'), quantityValue('2'), quantityValue('1e3'), quantityValue('.5Ki')])
      .toEqual([0.5, 2 ** 30, 1e9, 2, 1000, 512]);
  });
});

describe('a default repository given raw in controller.config', () => {
  const raw = { s3: { bucket: 'b', endpoint: 's3.example.com', accessKeySecret: { name: 's3-cred', key: 'accessKey' }, secretKeySecret: { name: 's3-cred', key: 'secretKey' } } };

  test('its Secrets need a source, like an ArtifactRepository\'s', () => {
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'argo' }], controller: { config: { artifactRepository: raw } } }),
      'controller.config.artifactRepository references Secret "s3-cred", which has no source: argo-stack cannot tell where its values come from. Fix: declare it in secrets, e.g. { name: "s3-cred", keys: ["accessKey", "secretKey"], credentials: Credentials.existing() }, or reference a known Secret');
  });

  test('declared, they are placed in the workflow namespaces and argo-server may read them', () => {
    const plan = resolveArgoWorkflows({
      workflowNamespaces: [{ name: 'team-a' }], controller: { config: { artifactRepository: raw } },
      secrets: [{ name: 's3-cred', keys: ['accessKey', 'secretKey'], credentials: Credentials.existing() }],
    });
    expect(plan.storage.secrets.map((s) => [s.spec.name, s.namespaces])).toEqual([['s3-cred', ['team-a']]]);
    expect(plan.workflowNamespaces[0].serverSecrets).toEqual(['s3-cred']);
  });
});
