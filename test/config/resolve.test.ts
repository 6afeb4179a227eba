import type { ControllerConfig } from '../../src/config/controller-config';
import {
  ArgoWorkflowsProps, AuthMode, CrdMode, InstallScope, LogFormat, LogLevel, PodSecurityLevel, TlsVersion,
} from '../../src/config/options';
import { mergeConfig } from '../../src/config/contributions';
import { workflowPodSecurityDefaults } from '../../src/config/controller';
import { DEFAULT_NAMESPACE } from '../../src/config/install';
import { ARGO_UID, DEFAULT_RESOURCES } from '../../src/config/pod';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import { DEFAULT_WORKFLOW_SERVICE_ACCOUNT } from '../../src/config/workflow-namespaces';
import { ServerTls } from '../../src/config/exposure';
import { bad, expectInvalid } from './_helpers';

const resolve = (props?: ArgoWorkflowsProps) => () => resolveArgoWorkflows(props);

const LABEL_RULE = 'it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit';
const EXECUTOR_ARG = '--executor-image=quay.io/argoproj/argoexec:v4.1.2';
const DEFAULT_SERVER_ARGS = ['server', '--auth-mode=client', '--secure=true', '--api-rate-limit=1000'];

/** The config every install gets when nothing is set (workflowPodSecurityDefaults, no workflow namespaces). */
const SECURITY_DEFAULTS: ControllerConfig = {
  executor: {
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '512Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 8737 },
  },
  mainContainer: {
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  },
  workflowDefaults: {
    spec: { securityContext: { runAsNonRoot: true, runAsUser: 8737, seccompProfile: { type: 'RuntimeDefault' } } },
  },
};

const PG = (user: string, password: string) => ({
  host: 'postgres', port: 5432, database: 'postgres', tableName: 'argo_workflows',
  userNameSecret: { name: user, key: 'username' }, passwordSecret: { name: password, key: 'password' },
});

describe('defaults', () => {
  const plan = resolveArgoWorkflows();

  it('exports the documented constants', () => {
    expect(DEFAULT_NAMESPACE).toBe('argo');
    expect(DEFAULT_WORKFLOW_SERVICE_ACCOUNT).toBe('argo-workflow');
    expect(ARGO_UID).toBe(8737);
  });

  it('installs cluster-wide into "argo" at v4.1.2 with the installer CRDs', () => {
    expect(plan.namespace).toBe('argo');
    expect(plan.createNamespace).toBe(true);
    expect(plan.version).toBe('v4.1.2');
    expect(plan.scope).toBe(InstallScope.CLUSTER);
    expect(plan.managedNamespace).toBeUndefined();
    expect(plan.crds).toBe(CrdMode.INSTALLER);
    expect(plan.labels).toEqual({});
    expect(plan.workflowNamespaces).toEqual([]);
    expect(plan.controllerSecrets).toEqual([]);
    expect(plan.serverSecrets).toEqual([]);
  });

  it('pins the quay.io/argoproj images to v4.1.2', () => {
    expect(plan.images).toEqual({
      controller: 'quay.io/argoproj/workflow-controller:v4.1.2',
      server: 'quay.io/argoproj/argocli:v4.1.2',
      executor: 'quay.io/argoproj/argoexec:v4.1.2',
      crdInstaller: 'quay.io/argoproj/argo-workflows-crdinstaller:v4.1.2',
      jobs: 'docker.io/curlimages/curl:8.11.1',
    });
  });

  /** Without persistence, SSO or a TLS Secret, both binaries wait only for the CRDs. */
  const DEFAULT_STARTUP = {
    image: 'docker.io/curlimages/curl:8.11.1',
    namespace: 'argo',
    groupVersion: 'argoproj.io/v1alpha1',
    apiResources: [
      'clusterworkflowtemplates', 'cronworkflows', 'workflowartifactgctasks', 'workfloweventbindings',
      'workflows', 'workflowtaskresults', 'workflowtasksets', 'workflowtemplates',
    ],
    secrets: [],
    databases: [],
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
  };

  it('runs one controller with the executor image flag and the security defaults', () => {
    expect(plan.controller).toEqual({
      replicas: 1,
      leaderElection: true,
      strategy: 'RollingUpdate',
      startup: DEFAULT_STARTUP,
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      podLabels: {}, podAnnotations: {}, imagePullSecrets: [],
      tolerations: undefined,
      apiAccess: [],
      image: 'quay.io/argoproj/workflow-controller:v4.1.2',
      serviceAccountAnnotations: {},
      args: [EXECUTOR_ARG],
      config: SECURITY_DEFAULTS,
      pod: { volumes: [], volumeMounts: [], env: [], labels: {}, annotations: {} },
      secrets: [],
      priorityClassName: 'workflow-controller', createPriorityClass: true, extraEnv: [],
      endpoint: {
        component: 'workflow-controller', name: 'workflow-controller', namespace: 'argo', selector: { app: 'workflow-controller' },
        ports: [
          { name: 'metrics', containerPort: 9090, protocol: 'TCP', scheme: 'HTTPS' },
          { name: 'healthz', containerPort: 6060, protocol: 'TCP', scheme: 'HTTP' },
        ],
      },
    });
  });

  it('runs one argo-server over HTTPS with client auth, base href "/" and TLS 1.2', () => {
    expect(plan.server).toEqual({
      replicas: 1,
      startup: DEFAULT_STARTUP,
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      podLabels: {}, podAnnotations: {}, imagePullSecrets: [],
      tolerations: undefined,
      apiAccess: [],
      image: 'quay.io/argoproj/argocli:v4.1.2',
      serviceAccountAnnotations: {},
      args: DEFAULT_SERVER_ARGS,
      env: [{ name: 'ARGO_BASE_HREF', value: '/' }, { name: 'TLS_MIN_VERSION', value: '771' }],
      extraEnv: [],
      secure: true,
      authModes: [AuthMode.CLIENT],
      service: { type: 'ClusterIP', annotations: {} },
      settings: { authModes: [AuthMode.CLIENT], apiRateLimit: 1000, xFrameOptions: undefined, accessControlAllowOrigin: undefined },
      pod: { volumes: [], volumeMounts: [], env: [], labels: {}, annotations: {} },
      secrets: [],
      endpoint: {
        component: 'argo-server', name: 'argo-server', namespace: 'argo', selector: { app: 'argo-server' },
        ports: [{ name: 'web', containerPort: 2746, protocol: 'TCP', scheme: 'HTTPS' }],
      },
    });
  });

  it('gives the same plan for undefined and {}', () => {
    expect(resolveArgoWorkflows({})).toEqual(plan);
  });

  it('does not share the default node selector object between pods', () => {
    expect(plan.controller.nodeSelector).not.toBe(plan.server?.nodeSelector);
  });
});

describe('props object', () => {
  const notAnObject = (got: string) =>
    `ArgoWorkflows props (${got}) is invalid: it must be an options object. Fix: pass an options object, e.g. { namespace: "argo" }, or nothing`;

  it('rejects a non-object, naming only its type', () => {
    expectInvalid(resolve(bad(5)), notAnObject('a number'));
    expectInvalid(resolve(bad(null)), notAnObject('null'));
    expectInvalid(resolve(bad([])), notAnObject('an array'));
    expectInvalid(resolve(bad('namespace: argo')), notAnObject('a string'));
  });

  it('never shows the props, which may hold credentials', () => {
    const props = [{ persistence: { postgres: { host: 'db', password: 'hunter2-s3cr3t' } } }];
    expectInvalid(resolve(bad(props)), notAnObject('an array'));
  });
});

describe('namespace', () => {
  it('accepts a custom namespace', () => {
    expect(resolveArgoWorkflows({ namespace: 'argo-system' }).namespace).toBe('argo-system');
  });

  it('rejects upper case', () => {
    expectInvalid(resolve({ namespace: 'Argo' }), `namespace "Argo" is invalid: ${LABEL_RULE}. Fix: use a name like "argo"`);
  });

  it('rejects more than 63 characters', () => {
    const ns = `argo-${'x'.repeat(59)}`;
    expect(ns).toHaveLength(64);
    expectInvalid(resolve({ namespace: ns }), `namespace "${ns}" is invalid: ${LABEL_RULE}. Fix: use a name like "${ns.slice(0, 63)}"`);
  });

  it('rejects an underscore', () => {
    expectInvalid(resolve({ namespace: 'argo_ns' }), `namespace "argo_ns" is invalid: ${LABEL_RULE}. Fix: use a name like "argo-ns"`);
  });

  it('rejects a bad managedNamespace name', () => {
    expectInvalid(resolve({ scope: InstallScope.NAMESPACED, managedNamespace: 'Team_A' }), `managedNamespace "Team_A" is invalid: ${LABEL_RULE}. Fix: use a name like "team-a"`);
  });
});

describe('simple options', () => {
  it('rejects a non-boolean createNamespace', () => {
    expectInvalid(resolve({ createNamespace: bad('false') }), 'createNamespace "false" is invalid: it must be true or false. Fix: give a boolean');
    expect(resolveArgoWorkflows({ createNamespace: false }).createNamespace).toBe(false);
  });

  it('rejects a bad scope', () => {
    expectInvalid(resolve({ scope: bad('global') }), 'scope "global" is invalid: it must be one of "cluster", "namespaced". Fix: use InstallScope.CLUSTER or InstallScope.NAMESPACED');
  });

  it('rejects a bad crds mode', () => {
    expectInvalid(resolve({ version: 'v4.0.8' }),
      'version "v4.0.8" has no argo-workflows-crdinstaller image (it exists from v4.0.9 on), which crds: CrdMode.INSTALLER runs. Fix: use version "v4.0.9" or later, set crds to CrdMode.MINIMAL or CrdMode.NONE, or give images.crdInstaller');
    expect(resolveArgoWorkflows({ version: 'v4.0.8', crds: CrdMode.MINIMAL }).version).toBe('v4.0.8');
    expect(resolveArgoWorkflows({ version: 'v4.0.9' }).images.crdInstaller).toBe('quay.io/argoproj/argo-workflows-crdinstaller:v4.0.9');
    expectInvalid(resolve({ crds: bad('full') }), 'crds "full" is invalid: it must be one of "installer", "minimal", "none". Fix: use CrdMode.INSTALLER, CrdMode.MINIMAL or CrdMode.NONE');
    expect(resolveArgoWorkflows({ crds: CrdMode.MINIMAL }).crds).toBe('minimal');
  });

  it('copies labels and validates them', () => {
    const labels = { 'example.com/team': 'platform' };
    const plan = resolveArgoWorkflows({ labels });
    expect(plan.labels).toEqual(labels);
    expect(plan.labels).not.toBe(labels);
  });

  it('rejects an invalid label key', () => {
    expectInvalid(resolve({ labels: { 'team name': 'x' } }),
      'labels key "team name" is invalid: a label key is an optional DNS subdomain prefix and "/", then a name of 1-63 characters of letters, digits, "-", "_" and ".". Fix: rename it, e.g. "team-name"');
  });

  it('rejects an invalid label value', () => {
    expectInvalid(resolve({ labels: { team: 'platform/core' } }),
      'labels["team"] "platform/core" is invalid: a label value is empty or 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit. Fix: shorten or clean the value, or use an annotation instead');
  });
});

describe('version and images', () => {
  const versionMsg = (shown: string) =>
    `version ${shown} is invalid: it must be an Argo Workflows v4 release tag like "v4.1.2". Fix: use "v4.1.2", or pin an image by digest with images.controller, images.server, images.executor and images.crdInstaller`;
  const imageMsg = (option: string, shown: string, repo: string) =>
    `${option} ${shown} is invalid: an image must be pinned with a version tag (not "latest") or a "@sha256:<64 hex>" digest. Fix: pin it, e.g. "${repo}:v4.1.2", or "${repo}@sha256:<digest>"`;

  it.each([['latest', '"latest"'], ['v3.7.1', '"v3.7.1"'], ['4.1.2', '"4.1.2"']])('rejects version %j', (version, shown) => {
    expectInvalid(resolve({ version }), versionMsg(shown));
  });

  it('pins every image and the executor flag to another v4 version', () => {
    const plan = resolveArgoWorkflows({ version: 'v4.0.10' });
    expect(plan.version).toBe('v4.0.10');
    expect(plan.controller.image).toBe('quay.io/argoproj/workflow-controller:v4.0.10');
    expect(plan.server?.image).toBe('quay.io/argoproj/argocli:v4.0.10');
    expect(plan.controller.args).toEqual(['--executor-image=quay.io/argoproj/argoexec:v4.0.10']);
  });

  it('uses the registry mirror and the image overrides', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const plan = resolveArgoWorkflows({ imageRegistry: 'registry.example.com/argoproj', images: { executor: `registry.example.com/argoproj/argoexec@${digest}` } });
    expect(plan.images.controller).toBe('registry.example.com/argoproj/workflow-controller:v4.1.2');
    expect(plan.controller.args).toEqual([`--executor-image=registry.example.com/argoproj/argoexec@${digest}`]);
  });

  it('rejects an image override without a tag or digest', () => {
    expectInvalid(resolve({ images: { controller: 'quay.io/argoproj/workflow-controller' } }), imageMsg('images.controller', '"quay.io/argoproj/workflow-controller"', 'quay.io/argoproj/workflow-controller'));
  });

  it('rejects an image override tagged ":latest"', () => {
    expectInvalid(resolve({ images: { server: 'quay.io/argoproj/argocli:latest' } }), imageMsg('images.server', '"quay.io/argoproj/argocli:latest"', 'quay.io/argoproj/argocli'));
  });

  it('rejects a bad imageRegistry', () => {
    expectInvalid(resolve({ imageRegistry: 'https://quay.io/argoproj/' }),
      'imageRegistry "https://quay.io/argoproj/" is invalid: it must be a registry host with an optional port and path, without a scheme or trailing "/". Fix: use "quay.io/argoproj" or your mirror, e.g. "registry.example.com/argoproj"');
  });
});

describe('pods: replicas and resources', () => {
  it('accepts replicas, resources, node selector and tolerations', () => {
    const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi', cpu: '2' } };
    const tolerations = [{ key: 'dedicated', operator: 'Equal' as const, value: 'argo', effect: 'NoSchedule' as const }];
    const plan = resolveArgoWorkflows({
      controller: { replicas: 2, resources, nodeSelector: { pool: 'system' }, tolerations },
      server: { replicas: 3 },
    });
    expect(plan.controller.replicas).toBe(2);
    expect(plan.controller.resources).toEqual(resources);
    expect(plan.controller.nodeSelector).toEqual({ pool: 'system' });
    expect(plan.controller.tolerations).toEqual(tolerations);
    expect(plan.server?.replicas).toBe(3);
    expect(plan.server?.resources).toEqual(DEFAULT_RESOURCES.server);
  });

  it.each([[0, '0'], [-1, '-1'], [1.5, '1.5']])('rejects controller.replicas %p', (replicas, shown) => {
    expectInvalid(resolve({ controller: { replicas } }),
      `controller.replicas ${shown} is invalid: it must be a whole number of at least 1. Fix: set controller.replicas to 1 or more (use a separate install to run none)`);
  });

  it.each([[0, '0'], [2.5, '2.5'], ['2', '"2"']])('rejects server.replicas %p', (replicas, shown) => {
    expectInvalid(resolve({ server: { replicas: bad(replicas) } }),
      `server.replicas ${shown} is invalid: it must be a whole number of at least 1. Fix: set server.replicas to 1 or more (use server.enabled: false to run none)`);
  });

  it('rejects controller resources without limits.memory', () => {
    expectInvalid(resolve({ controller: { resources: { requests: { cpu: '100m', memory: '256Mi' } } } }),
      'controller.resources {"requests":{"cpu":"100m","memory":"256Mi"}} is invalid: it must set requests.cpu, requests.memory and limits.memory. Fix: add them, e.g. {"requests":{"cpu":"100m","memory":"256Mi"},"limits":{"memory":"1Gi"}}');
  });

  it('rejects server resources without requests', () => {
    expectInvalid(resolve({ server: { resources: { limits: { memory: '1Gi' } } } }),
      'server.resources {"limits":{"memory":"1Gi"}} is invalid: it must set requests.cpu, requests.memory and limits.memory. Fix: add them, e.g. {"requests":{"cpu":"50m","memory":"128Mi"},"limits":{"memory":"512Mi"}}');
  });

  it('rejects resources missing requests.cpu', () => {
    expectInvalid(resolve({ controller: { resources: { requests: { memory: '256Mi' }, limits: { memory: '1Gi' } } } }),
      'controller.resources {"requests":{"memory":"256Mi"},"limits":{"memory":"1Gi"}} is invalid: it must set requests.cpu, requests.memory and limits.memory. Fix: add them, e.g. {"requests":{"cpu":"100m","memory":"256Mi"},"limits":{"memory":"1Gi"}}');
  });
});

describe('controller flags', () => {
  it('emits workers, API limits and logging flags in a fixed order', () => {
    const plan = resolveArgoWorkflows({
      controller: {
        workers: { workflow: 64, workflowTtl: 2, podCleanup: 8, cronWorkflow: 4, workflowArchive: 16 },
        kubeApiQps: 50, kubeApiBurst: 100, logLevel: LogLevel.WARN, logFormat: LogFormat.JSON,
      },
    });
    expect(plan.controller.args).toEqual([
      EXECUTOR_ARG, '--workflow-workers=64', '--workflow-ttl-workers=2', '--pod-cleanup-workers=8', '--cron-workflow-workers=4',
      '--workflow-archive-workers=16', '--qps=50', '--burst=100', '--loglevel=warn', '--log-format=json',
    ]);
  });

  it('rejects 0 workers', () => {
    expectInvalid(resolve({ controller: { workers: { podCleanup: 0 } } }),
      'controller.workers.podCleanup 0 is invalid: it must be a whole number of at least 1. Fix: set controller.workers.podCleanup to 1 or more, or leave it unset for Argo\'s default');
  });

  it('rejects a fractional kubeApiQps', () => {
    expectInvalid(resolve({ controller: { kubeApiQps: 20.5 } }),
      'controller.kubeApiQps 20.5 is invalid: it must be a whole number of at least 1. Fix: set controller.kubeApiQps to 1 or more, or leave it unset for Argo\'s default');
  });

  it('rejects a bad logLevel', () => {
    expectInvalid(resolve({ controller: { logLevel: bad('verbose') } }),
      'controller.logLevel "verbose" is invalid: it must be one of "debug", "info", "warn", "error". Fix: use LogLevel.DEBUG, INFO, WARN or ERROR');
  });

  it('rejects a bad logFormat', () => {
    expectInvalid(resolve({ server: { logFormat: bad('yaml') } }),
      'server.logFormat "yaml" is invalid: it must be one of "text", "json". Fix: use LogFormat.TEXT or LogFormat.JSON');
  });
});

describe('server options', () => {
  it('emits every flag in a fixed order', () => {
    const server = resolveArgoWorkflows({
      server: {
        authModes: [AuthMode.CLIENT, AuthMode.SERVER], apiRateLimit: 50, xFrameOptions: 'SAMEORIGIN', hsts: false,
        accessControlAllowOrigin: 'https://ui.example.com', tls: ServerTls.fromSecret('argo-tls'), logLevel: LogLevel.DEBUG,
        logFormat: LogFormat.JSON, baseHref: '/argo/', tlsMinVersion: TlsVersion.TLS_1_3,
      },
    }).server;
    expect(server?.args).toEqual([
      'server', '--auth-mode=client', '--auth-mode=server', '--secure=true', '--tls-certificate-secret-name=argo-tls', '--hsts=false',
      '--api-rate-limit=50', '--x-frame-options=SAMEORIGIN', '--access-control-allow-origin=https://ui.example.com',
      '--loglevel=debug', '--log-format=json',
    ]);
    expect(server?.env).toEqual([{ name: 'ARGO_BASE_HREF', value: '/argo/' }, { name: 'TLS_MIN_VERSION', value: '772' }]);
    expect(server?.authModes).toEqual(['client', 'server']);
  });

  it('serves plain HTTP with ServerTls.plainText(), without TLS_MIN_VERSION', () => {
    const server = resolveArgoWorkflows({ server: { tls: ServerTls.plainText() } }).server;
    expect(server?.secure).toBe(false);
    expect(server?.args).toEqual(['server', '--auth-mode=client', '--secure=false', '--api-rate-limit=1000']);
    expect(server?.env).toEqual([{ name: 'ARGO_BASE_HREF', value: '/' }]);
  });

  it('accepts "*" as CORS origin and a nested base href', () => {
    const server = resolveArgoWorkflows({ server: { accessControlAllowOrigin: '*', baseHref: '/tools/argo/' } }).server;
    expect(server?.args).toEqual(['server', '--auth-mode=client', '--secure=true', '--api-rate-limit=1000', '--access-control-allow-origin=*']);
    expect(server?.env).toEqual([{ name: 'ARGO_BASE_HREF', value: '/tools/argo/' }, { name: 'TLS_MIN_VERSION', value: '771' }]);
  });

  it('is left out with enabled: false', () => {
    expect(resolveArgoWorkflows({ server: { enabled: false } }).server).toBeUndefined();
  });

  it('rejects a non-boolean enabled or hsts', () => {
    expectInvalid(resolve({ server: { enabled: bad('no') } }), 'server.enabled "no" is invalid: it must be true or false. Fix: give a boolean');
    expectInvalid(resolve({ server: { hsts: bad('true') } }), 'server.hsts "true" is invalid: it must be true or false. Fix: give a boolean');
  });

  describe('baseHref', () => {
    const msg = (shown: string, fix: string) =>
      `server.baseHref ${shown} is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "${fix}"`;

    it('rejects a missing leading slash', () => {
      expectInvalid(resolve({ server: { baseHref: 'argo/' } }), msg('"argo/"', '/argo/'));
    });

    it('rejects a missing trailing slash', () => {
      expectInvalid(resolve({ server: { baseHref: '/argo' } }), msg('"/argo"', '/argo/'));
    });

    it('rejects both missing, and an empty string', () => {
      expectInvalid(resolve({ server: { baseHref: 'argo' } }), msg('"argo"', '/argo/'));
      expectInvalid(resolve({ server: { baseHref: '' } }), msg('""', '/'));
    });

    it('rejects an empty segment or whitespace, and suggests the cleaned path', () => {
      expectInvalid(resolve({ server: { baseHref: '/a//b/' } }), msg('"/a//b/"', '/a/b/'));
      expectInvalid(resolve({ server: { baseHref: '/my argo/' } }), msg('"/my argo/"', '/myargo/'));
    });
  });

  describe('authModes', () => {
    it('rejects an unknown mode', () => {
      expectInvalid(resolve({ server: { authModes: [bad('token')] } }),
        'server.authModes "token" is invalid: it must be one of "client", "server", "sso". Fix: use AuthMode.CLIENT, AuthMode.SERVER or AuthMode.SSO');
    });

    it('rejects a mode listed twice', () => {
      expectInvalid(resolve({ server: { authModes: [AuthMode.CLIENT, AuthMode.SERVER, AuthMode.CLIENT] } }),
        'server.authModes ["client","server","client"] is invalid: it lists "client" twice; each mode may appear once. Fix: remove the duplicate "client"');
    });

    it('rejects sso without SSO settings', () => {
      expectInvalid(resolve({ server: { authModes: [AuthMode.CLIENT, AuthMode.SSO] } }),
        'server.authModes ["client","sso"] lists "sso" but sso is not set: argo-server exits at start without SSO settings. Fix: set sso: Sso.oidc({ issuer, ... }) or Sso.argoCdDex({ argoCdUrl }), or remove "sso" from server.authModes');
    });

    it('rejects an empty list and a non-list', () => {
      expectInvalid(resolve({ server: { authModes: [] } }),
        'server.authModes [] is invalid: it must list at least one of "client", "server", "sso". Fix: use [AuthMode.CLIENT], or omit it');
      expectInvalid(resolve({ server: { authModes: bad('client') } }),
        'server.authModes "client" is invalid: it must list at least one of "client", "server", "sso". Fix: use [AuthMode.CLIENT], or omit it');
    });
  });

  describe('apiRateLimit', () => {
    const msg = (shown: string) =>
      `server.apiRateLimit ${shown} is invalid: it must be a whole number of requests per second per client IP, greater than 0. Fix: use a value such as 1000 (the default)`;

    it('rejects 0', () => expectInvalid(resolve({ server: { apiRateLimit: 0 } }), msg('0')));
    it('rejects a negative value', () => expectInvalid(resolve({ server: { apiRateLimit: -10 } }), msg('-10')));
    it('rejects a non-integer', () => expectInvalid(resolve({ server: { apiRateLimit: 2.5 } }), msg('2.5')));
    it('rejects a string', () => expectInvalid(resolve({ server: { apiRateLimit: bad('1000') } }), msg('"1000"')));
  });

  it.each([[770, '770'], [773, '773'], ['771', '"771"']])('rejects tlsMinVersion %p', (tls, shown) => {
    expectInvalid(resolve({ server: { tlsMinVersion: bad(tls) } }),
      `server.tlsMinVersion ${shown} is invalid: it must be TlsVersion.TLS_1_2 (771) or TlsVersion.TLS_1_3 (772). Fix: use TlsVersion.TLS_1_2 or TlsVersion.TLS_1_3`);
  });

  it('rejects an invalid xFrameOptions', () => {
    expectInvalid(resolve({ server: { xFrameOptions: bad('ALLOW-FROM https://x') } }),
      'server.xFrameOptions "ALLOW-FROM https://x" is invalid: it must be "DENY" or "SAMEORIGIN". Fix: use "DENY" (the default) or "SAMEORIGIN"');
    expectInvalid(resolve({ server: { xFrameOptions: bad('deny') } }),
      'server.xFrameOptions "deny" is invalid: it must be "DENY" or "SAMEORIGIN". Fix: use "DENY" (the default) or "SAMEORIGIN"');
  });

  it.each(['https://ui.example.com/', 'ui.example.com', 'ftp://ui.example.com', ''])('rejects accessControlAllowOrigin %j', (origin) => {
    expectInvalid(resolve({ server: { accessControlAllowOrigin: origin } }),
      `server.accessControlAllowOrigin ${JSON.stringify(origin)} is invalid: it must be an origin such as "https://ui.example.com" (scheme and host, no path) or "*". Fix: give the origin of the site that calls the API`);
  });

  it.each([
    ['secure', false, 'server.secure was replaced by server.tls. Fix: use server.tls: ServerTls.plainText() for plain HTTP (secure: false), or leave server.tls out for HTTPS with the self-signed certificate (secure: true)'],
    ['tlsCertificateSecretName', 'argo-tls', 'server.tlsCertificateSecretName was replaced by server.tls. Fix: use server.tls: ServerTls.fromSecret("<Secret name>"), or ServerTls.certManager({ issuer }) to have cert-manager make the certificate'],
    ['serviceType', 'LoadBalancer', 'server.serviceType was replaced by server.exposure. Fix: use server.exposure: Exposure.loadBalancer() for a LoadBalancer Service, or leave it out for ClusterIP (Exposure.clusterIp())'],
    ['loadBalancerSourceRanges', ['10.0.0.0/8'], 'server.loadBalancerSourceRanges was replaced by server.exposure. Fix: use server.exposure: Exposure.loadBalancer({ sourceRanges: ["203.0.113.0/24"] })'],
  ])('names what replaced the removed option server.%s', (key, value, message) => {
    expectInvalid(resolve({ server: bad({ [key]: value }) }), message);
  });

});

describe('scope and managed namespace', () => {
  it('a namespaced install adds --namespaced to both binaries', () => {
    const plan = resolveArgoWorkflows({ scope: InstallScope.NAMESPACED, workflowNamespaces: [{ name: 'argo' }] });
    expect(plan.scope).toBe('namespaced');
    expect(plan.managedNamespace).toBeUndefined();
    expect(plan.controller.args).toEqual([EXECUTOR_ARG, '--namespaced']);
    expect(plan.server?.args).toEqual([...DEFAULT_SERVER_ARGS, '--namespaced']);
  });

  it('a managed namespace adds --managed-namespace to both binaries', () => {
    const plan = resolveArgoWorkflows({ scope: InstallScope.NAMESPACED, managedNamespace: 'argo-workflows', workflowNamespaces: [{ name: 'argo-workflows' }] });
    expect(plan.managedNamespace).toBe('argo-workflows');
    expect(plan.controller.args).toEqual([EXECUTOR_ARG, '--namespaced', '--managed-namespace=argo-workflows']);
    expect(plan.server?.args).toEqual([...DEFAULT_SERVER_ARGS, '--namespaced', '--managed-namespace=argo-workflows']);
  });

  it('keeps the flag order with logging flags', () => {
    const plan = resolveArgoWorkflows({ scope: InstallScope.NAMESPACED, managedNamespace: 'wf', controller: { logLevel: LogLevel.DEBUG } });
    expect(plan.controller.args).toEqual([EXECUTOR_ARG, '--loglevel=debug', '--namespaced', '--managed-namespace=wf']);
  });

  it('a managed namespace equal to the install namespace collapses to undefined', () => {
    const plan = resolveArgoWorkflows({ namespace: 'argo', scope: InstallScope.NAMESPACED, managedNamespace: 'argo' });
    expect(plan.managedNamespace).toBeUndefined();
    expect(plan.controller.args).toEqual([EXECUTOR_ARG, '--namespaced']);
    expect(plan.server?.args).toEqual([...DEFAULT_SERVER_ARGS, '--namespaced']);
  });

  it('rejects a managed namespace in a cluster install', () => {
    expectInvalid(resolve({ managedNamespace: 'argo-workflows' }),
      'managedNamespace ("argo-workflows") is set but scope is "cluster": Argo ignores --managed-namespace unless --namespaced is set, and a cluster install already manages every namespace. Fix: set scope to InstallScope.NAMESPACED, or remove managedNamespace');
  });

  it('rejects a workflow namespace other than the install namespace in a namespaced install', () => {
    expectInvalid(resolve({ scope: InstallScope.NAMESPACED, workflowNamespaces: [{ name: 'argo' }, { name: 'team-a' }] }),
      'workflowNamespaces[1].name "team-a" is invalid: a namespaced install only runs workflows in "argo" (the install namespace). Fix: set managedNamespace to "team-a", or use a cluster install');
  });

  it('rejects a workflow namespace other than the managed namespace', () => {
    expectInvalid(resolve({ scope: InstallScope.NAMESPACED, managedNamespace: 'wf', workflowNamespaces: [{ name: 'argo' }] }),
      'workflowNamespaces[0].name "argo" is invalid: a namespaced install only runs workflows in "wf" (the managed namespace). Fix: use "wf", or use a cluster install');
  });
});

describe('workflow namespaces', () => {
  it('resolves defaults: created unless it is the install namespace, restricted, argo-workflow', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'argo' }, { name: 'team-a' }] });
    expect(plan.workflowNamespaces).toEqual([
      { name: 'argo', create: false, podSecurity: 'restricted', labels: {}, serverSecrets: [], serviceAccountName: 'argo-workflow', serviceAccountAnnotations: {}, agent: false, artifactGC: false, serviceAccountTokenSecret: false },
      { name: 'team-a', create: true, podSecurity: 'restricted', labels: {}, serverSecrets: [], serviceAccountName: 'argo-workflow', serviceAccountAnnotations: {}, agent: false, artifactGC: false, serviceAccountTokenSecret: false },
    ]);
  });

  it('keeps explicit settings', () => {
    const annotations = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/wf' };
    const [ns] = resolveArgoWorkflows({
      workflowNamespaces: [{ name: 'team-a', create: true, podSecurity: PodSecurityLevel.BASELINE, serviceAccountName: 'runner', serviceAccountAnnotations: annotations, agent: true, artifactGC: true }],
    }).workflowNamespaces;
    expect(ns).toEqual({
      name: 'team-a', create: true, podSecurity: 'baseline', labels: {}, serverSecrets: [], serviceAccountName: 'runner', serviceAccountAnnotations: annotations, agent: true, artifactGC: true,
      artifactGCServiceAccount: { name: 'argo-artifact-gc', annotations: {} }, serviceAccountTokenSecret: true,
    });
    expect(ns.serviceAccountAnnotations).not.toBe(annotations);
  });

  it('rejects a namespace listed twice', () => {
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b' }, { name: 'team-a', agent: true }] }),
      'workflowNamespaces[2].name "team-a" is invalid: each workflow namespace may be listed once. Fix: remove the second entry for "team-a" and merge its settings into the first');
  });

  it('rejects an invalid namespace name', () => {
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'Team_A' }] }), `workflowNamespaces[0].name "Team_A" is invalid: ${LABEL_RULE}. Fix: use a name like "team-a"`);
  });

  it('rejects a non-list', () => {
    expectInvalid(resolve({ workflowNamespaces: bad({ name: 'argo' }) }),
      'workflowNamespaces {"name":"argo"} is invalid: it must be a list of { name } objects. Fix: give a list, e.g. [{ name: "argo" }]');
  });

  it('rejects create: true for the install namespace when createNamespace creates it', () => {
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'argo', create: true }] }),
      'workflowNamespaces[0].create is true for the install namespace "argo", which createNamespace already creates. Fix: remove workflowNamespaces[0].create');
    expect(resolveArgoWorkflows({ createNamespace: false, workflowNamespaces: [{ name: 'argo', create: true }] }).workflowNamespaces[0].create).toBe(true);
  });

  it('rejects a workflow service account named "argo" in the install namespace', () => {
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'argo', serviceAccountName: 'argo' }] }),
      'workflowNamespaces[0].serviceAccountName "argo" is invalid: "argo" is the controller\'s own service account in this namespace; workflows must not run with its permissions. Fix: use "argo-workflow"');
  });

  it('rejects a workflow service account named "argo-server" in the install namespace', () => {
    expectInvalid(resolve({ namespace: 'ops', workflowNamespaces: [{ name: 'ops', serviceAccountName: 'argo-server' }] }),
      'workflowNamespaces[0].serviceAccountName "argo-server" is invalid: "argo-server" is the server\'s own service account in this namespace; workflows must not run with its permissions. Fix: use "argo-workflow"');
  });

  it('allows a service account named "argo" in another namespace', () => {
    expect(resolveArgoWorkflows({ workflowNamespaces: [{ name: 'team-a', serviceAccountName: 'argo' }] }).workflowNamespaces[0].serviceAccountName).toBe('argo');
  });

  it('rejects an invalid service account name and bad annotations', () => {
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'team-a', serviceAccountName: 'Runner' }] }),
      'workflowNamespaces[0].serviceAccountName "Runner" is invalid: it must be an RFC 1123 subdomain: at most 253 characters of lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Fix: use a name like "runner"');
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'team-a', serviceAccountAnnotations: bad({ 'iam.gke.io/gcp-service-account': 42 }) }] }),
      'workflowNamespaces[0].serviceAccountAnnotations["iam.gke.io/gcp-service-account"] 42 is invalid: an annotation value must be a string. Fix: quote the value');
  });

  it('rejects non-boolean flags and a bad podSecurity', () => {
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'team-a', agent: bad('yes') }] }),
      'workflowNamespaces[0].agent "yes" is invalid: it must be true or false. Fix: give a boolean');
    expectInvalid(resolve({ workflowNamespaces: [{ name: 'team-a', podSecurity: bad('strict') }] }),
      'workflowNamespaces[0].podSecurity "strict" is invalid: it must be one of "restricted", "baseline", "privileged". Fix: use PodSecurityLevel.RESTRICTED, BASELINE or PRIVILEGED');
  });
});

describe('controller config', () => {
  it('derives workflowDefaults.spec.serviceAccountName when every workflow namespace uses the same SA', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b' }] });
    expect(plan.controller.config).toEqual({
      ...SECURITY_DEFAULTS,
      workflowDefaults: { spec: { ...SECURITY_DEFAULTS.workflowDefaults?.spec, serviceAccountName: 'argo-workflow' } },
    });
  });

  it('uses a shared custom SA name', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'team-a', serviceAccountName: 'runner' }, { name: 'team-b', serviceAccountName: 'runner' }] });
    expect(plan.controller.config.workflowDefaults?.spec?.serviceAccountName).toBe('runner');
  });

  it('sets no serviceAccountName when the workflow namespaces use different SAs', () => {
    const plan = resolveArgoWorkflows({ workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b', serviceAccountName: 'runner' }] });
    expect(plan.controller.config).toEqual(SECURITY_DEFAULTS);
    expect(plan.controller.config.workflowDefaults?.spec).not.toHaveProperty('serviceAccountName');
  });

  it('sets no serviceAccountName without workflow namespaces', () => {
    expect(resolveArgoWorkflows().controller.config.workflowDefaults?.spec).not.toHaveProperty('serviceAccountName');
  });

  it('workflowPodSecurityDefaults() returns exactly the restricted settings', () => {
    expect(workflowPodSecurityDefaults()).toEqual(SECURITY_DEFAULTS);
  });

  it('workflowPodSecurityDefaults: false removes the security defaults', () => {
    expect(resolveArgoWorkflows({ controller: { workflowPodSecurityDefaults: false } }).controller.config).toEqual({});
    expect(resolveArgoWorkflows({ controller: { workflowPodSecurityDefaults: false }, workflowNamespaces: [{ name: 'team-a' }] }).controller.config)
      .toEqual({ workflowDefaults: { spec: { serviceAccountName: 'argo-workflow' } } });
  });

  it('merges the user config over the derived one: user leaves win, lists are replaced, other keys kept', () => {
    const plan = resolveArgoWorkflows({
      workflowNamespaces: [{ name: 'team-a' }],
      controller: {
        config: {
          executor: { securityContext: { runAsUser: 1000, capabilities: { drop: ['NET_RAW'] } } },
          workflowDefaults: { spec: { serviceAccountName: 'custom', ttlStrategy: { secondsAfterCompletion: 600 } } },
          namespaceParallelism: 10,
        },
      },
    });
    expect(plan.controller.config).toEqual({
      executor: {
        resources: DEFAULT_RESOURCES.executor,
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['NET_RAW'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 1000 },
      },
      mainContainer: SECURITY_DEFAULTS.mainContainer,
      workflowDefaults: {
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 8737, seccompProfile: { type: 'RuntimeDefault' } },
          serviceAccountName: 'custom',
          ttlStrategy: { secondsAfterCompletion: 600 },
        },
      },
      namespaceParallelism: 10,
    });
  });

  it('validates the user config under "controller.config"', () => {
    expectInvalid(resolve({ controller: { config: bad({ nodeEvents: { enable: true } }) } }),
      'controller.config.nodeEvents.enable is not a key Argo Workflows v4.1.2 knows (the controller and argo-server exit on unknown keys); allowed keys here: enabled, sendAsPod. Fix: rename it to "enabled"');
    expectInvalid(resolve({ controller: { config: bad({ parallelism: '5' }) } }),
      'controller.config.parallelism "5" is invalid: it must be a whole number. Fix: give a whole number');
  });

  it('rejects controller.config.sso: single sign-on comes from the sso option only', () => {
    expectInvalid(resolve({
      controller: { config: { sso: { issuer: 'https://dex.example.com', clientId: { name: 'argo-server-sso', key: 'clientID' }, clientSecret: { name: 'argo-server-sso', key: 'clientSecret' } } } },
    }), 'controller.config.sso is set: argo-stack wires single sign-on (the auth mode, the Secrets argo-server reads, its RBAC and the SSO RBAC accounts) only from the sso option. Fix: remove controller.config.sso and set sso: Sso.oidc({ issuer, clientId, clientSecret }) (or Sso.argoCdDex({ argoCdUrl }))');
  });

  describe('persistence', () => {
    it('rejects both postgresql and mysql', () => {
      expectInvalid(resolve({ controller: { config: { persistence: { postgresql: PG('a', 'a'), mysql: PG('b', 'b') } } } }),
        'controller.config.persistence sets both postgresql and mysql: Argo uses exactly one database. Fix: keep only one of them');
    });

    it('rejects persistence without a database', () => {
      expectInvalid(resolve({ controller: { config: { persistence: { archive: true } } } }),
        'controller.config.persistence has no database: Argo needs postgresql or mysql. Fix: add persistence.postgresql or persistence.mysql');
    });

    it('rejects a postgresql database without tableName', () => {
      expectInvalid(resolve({ controller: { config: { persistence: { archive: true, postgresql: { host: 'postgres', database: 'postgres' } } } } }),
        'controller.config.persistence.postgresql.tableName is missing: Argo exits with "TableName is empty". Fix: set tableName, e.g. "argo_workflows"');
    });

    it('rejects a mysql database with an empty tableName', () => {
      expectInvalid(resolve({ controller: { config: { persistence: { mysql: { host: 'mysql', tableName: '' } } } } }),
        'controller.config.persistence.mysql.tableName is missing: Argo exits with "TableName is empty". Fix: set tableName, e.g. "argo_workflows"');
    });
  });

  describe('secrets read from the install namespace', () => {
    it('lists the persistence secrets for the controller and the server', () => {
      const plan = resolveArgoWorkflows({ controller: { config: { persistence: { archive: true, postgresql: PG('argo-postgres-config', 'argo-postgres-config') } } } });
      expect(plan.controllerSecrets).toEqual(['argo-postgres-config']);
      expect(plan.serverSecrets).toEqual(['argo-postgres-config']);
    });

    it('adds the synchronization secrets, sorted and unique', () => {
      const plan = resolveArgoWorkflows({
        controller: {
          config: {
            persistence: { mysql: PG('zeta-db-user', 'db-password') },
            synchronization: { postgresql: PG('alpha-sync', 'db-password'), enableAPI: true },
          },
        },
      });
      expect(plan.controllerSecrets).toEqual(['alpha-sync', 'db-password', 'zeta-db-user']);
      expect(plan.serverSecrets).toEqual(['alpha-sync', 'db-password', 'zeta-db-user']);
    });

    it('ignores selectors without a name', () => {
      const plan = resolveArgoWorkflows({
        controller: { config: { persistence: { postgresql: { tableName: 't', userNameSecret: { key: 'username' }, passwordSecret: { name: 'pw', key: 'password' } } } } },
      });
      expect(plan.controllerSecrets).toEqual(['pw']);
    });
  });
});

describe('mergeConfig', () => {
  it('deep-merges objects; the second argument wins on leaves', () => {
    expect(mergeConfig<Record<string, unknown>>({ a: { b: 1, c: 2 }, d: 1 }, { a: { c: 3, e: 4 } })).toEqual({ a: { b: 1, c: 3, e: 4 }, d: 1 });
  });

  it('replaces lists instead of merging them', () => {
    expect(mergeConfig<Record<string, unknown>>({ l: [1, 2, 3] }, { l: [9] })).toEqual({ l: [9] });
  });

  it('returns the base when the override is undefined, and does not mutate its inputs', () => {
    const base = { a: { b: 1 } };
    expect(mergeConfig(base, undefined)).toBe(base);
    const over = { a: { b: 2 } };
    expect(mergeConfig(base, over)).toEqual({ a: { b: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
    expect(over).toEqual({ a: { b: 2 } });
  });

  it('lets a scalar replace an object and an object replace a scalar', () => {
    expect(mergeConfig<Record<string, unknown>>({ a: { b: 1 } }, { a: 5 })).toEqual({ a: 5 });
    expect(mergeConfig<Record<string, unknown>>({ a: 5 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });
});
