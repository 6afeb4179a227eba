import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { PRESETS } from '../../examples';
import { buildApp } from '../../src/cli/synth';
import { renderApp } from '../../src/render';
import { ArgoWorkflows, AuthMode, CrdMode, InstallScope, ServiceType } from '../../src';
import { checkManifests, Finding, objectRef, parseImageReference } from '../../src/policy/manifest-checks';
import { lintPaths } from '../../src/cli/lint-manifests';
import { INVENTORY } from '../preset-inventory';
import { key } from '../util';

type Obj = Record<string, any>;

/** A Deployment that passes every rule; each test breaks one thing. */
function goodDeployment(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'web',
            image: 'example.com/web:1.2.3',
            ports: [{ containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/', port: 8080 } },
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

const WEB = 'Deployment/apps/web';
const podOf = (d: Obj): Obj => d.spec.template.spec;
const containerOf = (d: Obj): Obj => podOf(d).containers[0];
const err = (rule: string, message: string, object = WEB): Finding => ({ level: 'error', object, rule, message });
const warn = (rule: string, message: string, object = WEB): Finding => ({ level: 'warning', object, rule, message });

/** The findings for one changed copy of the good Deployment. */
function findingsAfter(change: (d: Obj) => void): Finding[] {
  const d = goodDeployment();
  change(d);
  return checkManifests([d]);
}

describe('checkManifests: the baseline fixture', () => {
  test('a restricted, pinned, sized Deployment has no findings', () => {
    expect(checkManifests([goodDeployment()])).toEqual([]);
  });

  test('objects are named Kind/namespace/name, with an empty namespace for cluster objects', () => {
    expect(objectRef({ kind: 'ClusterRole', metadata: { name: 'x' } })).toBe('ClusterRole//x');
    expect(objectRef({ kind: 'Role', metadata: { name: 'x', namespace: 'n' } })).toBe('Role/n/x');
    expect(objectRef(null)).toBe('?//?');
  });

  test('non-objects in the list are ignored', () => {
    expect(checkManifests([null, undefined, 'x', 3, []])).toEqual([]);
  });
});

describe('checkManifests: object identity', () => {
  test('an object without metadata.name', () => {
    expect(checkManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }])).toEqual([
      err('object/identity', 'the object lacks apiVersion, kind or metadata.name. Fix: set all three', 'ConfigMap//?'),
    ]);
  });
  test('an object without apiVersion', () => {
    expect(checkManifests([{ kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n' } }])).toEqual([
      err('object/identity', 'the object lacks apiVersion, kind or metadata.name. Fix: set all three', 'ConfigMap/n/a'),
    ]);
  });
});

describe('checkManifests: Pod Security Standards "restricted"', () => {
  test.each(['hostNetwork', 'hostPID', 'hostIPC'])('%s', (field) => {
    expect(findingsAfter((d) => { podOf(d)[field] = true; })).toEqual([
      err('pss/host-namespaces', `${field} is true: pods must not share the node's namespaces. Fix: remove ${field}`),
    ]);
  });

  test('a hostPath volume', () => {
    expect(findingsAfter((d) => { podOf(d).volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); })).toEqual([
      err('pss/volume-types', 'volume "docker" is of type hostPath, which Pod Security "restricted" forbids. Fix: use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret'),
    ]);
  });

  test('other volume types outside the allowed list', () => {
    expect(findingsAfter((d) => { podOf(d).volumes = [{ name: 'n', nfs: { server: 's', path: '/' } }]; }).map((f) => f.rule)).toEqual(['pss/volume-types']);
  });

  test.each(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'])('volume type %s is allowed', (type) => {
    expect(findingsAfter((d) => { podOf(d).volumes = [{ name: 'v', [type]: {} }]; })).toEqual([]);
  });

  test('a hostPort', () => {
    expect(findingsAfter((d) => { containerOf(d).ports[0].hostPort = 80; })).toEqual([
      err('pss/host-ports', 'container "web" binds hostPort 80. Fix: remove hostPort and reach the pod through a Service'),
    ]);
  });

  test('hostPort 0 means none', () => {
    expect(findingsAfter((d) => { containerOf(d).ports[0].hostPort = 0; })).toEqual([]);
  });

  test('a privileged container', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.privileged = true; })).toEqual([
      err('pss/privileged', 'container "web" is privileged. Fix: remove securityContext.privileged or set it to false'),
    ]);
  });

  test('allowPrivilegeEscalation not set to false', () => {
    expect(findingsAfter((d) => { delete containerOf(d).securityContext.allowPrivilegeEscalation; })).toEqual([
      err('pss/allow-privilege-escalation', 'container "web" does not set allowPrivilegeEscalation to false. Fix: set securityContext.allowPrivilegeEscalation: false'),
    ]);
  });

  test('capabilities not dropped', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.capabilities = { drop: ['NET_RAW'] }; })).toEqual([
      err('pss/capabilities', 'container "web" does not drop ALL capabilities. Fix: set securityContext.capabilities.drop: [ALL]'),
    ]);
  });

  test('a capability other than NET_BIND_SERVICE added', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN']; })).toEqual([
      err('pss/capabilities', 'container "web" adds capability "SYS_ADMIN"; only NET_BIND_SERVICE may be added. Fix: remove it from capabilities.add'),
    ]);
  });

  test('runAsNonRoot on neither the pod nor the container', () => {
    expect(findingsAfter((d) => { delete podOf(d).securityContext.runAsNonRoot; })).toEqual([
      err('pss/run-as-non-root', 'container "web" may run as root: neither it nor the pod sets runAsNonRoot: true. Fix: set securityContext.runAsNonRoot: true on the pod'),
    ]);
  });

  test('runAsNonRoot on the container alone is enough', () => {
    expect(findingsAfter((d) => {
      delete podOf(d).securityContext.runAsNonRoot;
      containerOf(d).securityContext.runAsNonRoot = true;
    })).toEqual([]);
  });

  test('a container that turns runAsNonRoot off overrides the pod', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.runAsNonRoot = false; }).map((f) => f.rule)).toEqual(['pss/run-as-non-root']);
  });

  test('runAsUser 0 on the pod', () => {
    expect(findingsAfter((d) => { podOf(d).securityContext.runAsUser = 0; })).toEqual([
      err('pss/run-as-user', 'the pod sets runAsUser 0 (root). Fix: run as a non-zero UID'),
    ]);
  });

  test('runAsUser 0 on a container', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.runAsUser = 0; })).toEqual([
      err('pss/run-as-user', 'container "web" sets runAsUser 0 (root). Fix: run as a non-zero UID'),
    ]);
  });

  test('no seccomp profile', () => {
    expect(findingsAfter((d) => { delete podOf(d).securityContext.seccompProfile; })).toEqual([
      err('pss/seccomp-profile', 'container "web" has no seccompProfile (on it or the pod). Fix: set securityContext.seccompProfile.type: RuntimeDefault on the pod'),
    ]);
  });

  test('an Unconfined seccomp profile on the container', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.seccompProfile = { type: 'Unconfined' }; })).toEqual([
      err('pss/seccomp-profile', 'container "web" has seccompProfile type "Unconfined". Fix: use RuntimeDefault or Localhost'),
    ]);
  });

  test('an Unconfined seccomp profile on the pod, even when containers override it', () => {
    expect(findingsAfter((d) => {
      podOf(d).securityContext.seccompProfile = { type: 'Unconfined' };
      containerOf(d).securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
    })).toEqual([
      err('pss/seccomp-profile', 'the pod\'s seccompProfile type is "Unconfined". Fix: use RuntimeDefault or Localhost'),
    ]);
  });

  test('Windows host process', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.windowsOptions = { hostProcess: true }; })).toEqual([
      err('pss/host-process', 'container "web" sets windowsOptions.hostProcess. Fix: remove it'),
    ]);
    expect(findingsAfter((d) => { podOf(d).securityContext.windowsOptions = { hostProcess: true }; })).toEqual([
      err('pss/host-process', 'the pod sets windowsOptions.hostProcess. Fix: remove it'),
    ]);
  });

  test('an unmasked /proc', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.procMount = 'Unmasked'; })).toEqual([
      err('pss/proc-mount', 'container "web" sets procMount "Unmasked". Fix: remove it'),
    ]);
  });

  test('SELinux options', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.seLinuxOptions = { type: 'spc_t' }; })).toEqual([
      err('pss/selinux', 'container "web" sets seLinuxOptions.type "spc_t". Fix: use one of container_t, container_init_t, container_kvm_t, container_engine_t or none'),
    ]);
    expect(findingsAfter((d) => { podOf(d).securityContext.seLinuxOptions = { user: 'root' }; })).toEqual([
      err('pss/selinux', 'the pod sets seLinuxOptions.user or role. Fix: remove them'),
    ]);
  });

  test('an Unconfined AppArmor profile', () => {
    expect(findingsAfter((d) => { containerOf(d).securityContext.appArmorProfile = { type: 'Unconfined' }; })).toEqual([
      err('pss/apparmor', 'container "web" has appArmorProfile type "Unconfined". Fix: use RuntimeDefault or Localhost'),
    ]);
  });

  test('an unsafe sysctl', () => {
    expect(findingsAfter((d) => { podOf(d).securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'kernel.msgmax', value: '1' }]; })).toEqual([
      err('pss/sysctls', 'the pod sets sysctl "kernel.msgmax", which is not in the safe set. Fix: remove it'),
    ]);
  });

  test('init and ephemeral containers are held to the same security rules', () => {
    expect(findingsAfter((d) => {
      podOf(d).initContainers = [{ name: 'init', image: 'example.com/init:1', securityContext: {} }];
      podOf(d).ephemeralContainers = [{ name: 'debug', image: 'example.com/debug:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: true } }];
    })).toEqual([
      err('pss/allow-privilege-escalation', 'init container "init" does not set allowPrivilegeEscalation to false. Fix: set securityContext.allowPrivilegeEscalation: false'),
      err('pss/capabilities', 'init container "init" does not drop ALL capabilities. Fix: set securityContext.capabilities.drop: [ALL]'),
      err('pss/privileged', 'ephemeral container "debug" is privileged. Fix: remove securityContext.privileged or set it to false'),
    ]);
  });

  test.each([
    ['Pod', (spec: Obj) => ({ spec })],
    ['StatefulSet', (spec: Obj) => ({ spec: { template: { spec } } })],
    ['DaemonSet', (spec: Obj) => ({ spec: { template: { spec } } })],
    ['ReplicaSet', (spec: Obj) => ({ spec: { template: { spec } } })],
    ['Job', (spec: Obj) => ({ spec: { template: { spec } } })],
    ['CronJob', (spec: Obj) => ({ spec: { jobTemplate: { spec: { template: { spec } } } } })],
  ])('the pod template of a %s is checked', (kind, wrap) => {
    const spec = podOf(goodDeployment());
    spec.hostPID = true;
    const obj = { apiVersion: 'v1', kind, metadata: { name: 'w', namespace: 'n' }, ...wrap(spec) };
    expect(checkManifests([obj]).filter((f) => f.rule.startsWith('pss/'))).toEqual([
      err('pss/host-namespaces', 'hostPID is true: pods must not share the node\'s namespaces. Fix: remove hostPID', `${kind}/n/w`),
    ]);
  });
});

describe('checkManifests: resources and probes', () => {
  test('no cpu request', () => {
    expect(findingsAfter((d) => { delete containerOf(d).resources.requests.cpu; })).toEqual([
      err('resources/requests', 'container "web" has no cpu request. Fix: set resources.requests.cpu'),
    ]);
  });

  test('no resources at all', () => {
    expect(findingsAfter((d) => { delete containerOf(d).resources; })).toEqual([
      err('resources/requests', 'container "web" has no cpu or memory request. Fix: set resources.requests.cpu and resources.requests.memory'),
      err('resources/memory-limit', 'container "web" has no memory limit. Fix: set resources.limits.memory'),
    ]);
  });

  test('no memory limit', () => {
    expect(findingsAfter((d) => { containerOf(d).resources.limits = { cpu: '1' }; })).toEqual([
      err('resources/memory-limit', 'container "web" has no memory limit. Fix: set resources.limits.memory'),
    ]);
  });

  test('init containers need no resources, native sidecars do', () => {
    const sc = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    expect(findingsAfter((d) => {
      podOf(d).initContainers = [
        { name: 'once', image: 'example.com/init:1', securityContext: sc },
        { name: 'proxy', image: 'example.com/proxy:1', restartPolicy: 'Always', securityContext: sc },
      ];
    })).toEqual([
      err('resources/requests', 'init container "proxy" has no cpu or memory request. Fix: set resources.requests.cpu and resources.requests.memory'),
      err('resources/memory-limit', 'init container "proxy" has no memory limit. Fix: set resources.limits.memory'),
    ]);
  });

  test('a Deployment container without probes', () => {
    expect(findingsAfter((d) => { delete containerOf(d).readinessProbe; })).toEqual([
      warn('probes/missing', 'container "web" has neither a readiness nor a liveness probe. Fix: add a readinessProbe'),
    ]);
  });

  test('a Job needs no probe', () => {
    const spec = podOf(goodDeployment());
    delete spec.containers[0].readinessProbe;
    expect(checkManifests([{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'n' }, spec: { template: { spec } } }])).toEqual([]);
  });
});

describe('checkManifests: images', () => {
  test.each([
    ['example.com/web', 'example.com/web" has no tag, so it floats with "latest"'],
    ['registry.example.com:5000/web', 'registry.example.com:5000/web" has no tag, so it floats with "latest"'],
    ['example.com/web:latest', 'example.com/web:latest" uses the "latest" tag'],
  ])('%s is not pinned', (image, what) => {
    expect(findingsAfter((d) => { containerOf(d).image = image; })).toEqual([
      err('image/pinned', `container "web" image "${what}. Fix: pin a version tag or a sha256 digest`),
    ]);
  });

  test('no image', () => {
    expect(findingsAfter((d) => { delete containerOf(d).image; })).toEqual([
      err('image/pinned', 'container "web" has no image. Fix: set image to a reference with a version tag or a sha256 digest'),
    ]);
  });

  test.each([
    'example.com/web:v1.2.3',
    'registry.example.com:5000/team/web:2024-01-01',
    `example.com/web@sha256:${'a'.repeat(64)}`,
    `example.com/web:latest@sha256:${'b'.repeat(64)}`,
  ])('%s is pinned', (image) => {
    expect(findingsAfter((d) => { containerOf(d).image = image; })).toEqual([]);
  });

  test('parseImageReference', () => {
    expect(parseImageReference('host:5000/a/b:1.0')).toEqual({ tag: '1.0', digest: false });
    expect(parseImageReference('host:5000/a/b')).toEqual({ tag: undefined, digest: false });
    expect(parseImageReference('b@sha256:short')).toEqual({ tag: undefined, digest: false });
  });
});

describe('checkManifests: credentials', () => {
  test('a Secret with data', () => {
    expect(checkManifests([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'argo' }, data: { password: 'cGFzcw==' } }])).toEqual([
      err('credentials/secret-data', 'the Secret carries key "password" in plain manifests. Fix: create the Secret outside the manifests (or with an external secret store) and reference it by name', 'Secret/argo/db'),
    ]);
  });

  test('a Secret with stringData', () => {
    expect(checkManifests([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'argo' }, data: { a: 'eA==' }, stringData: { b: 'x' } }])).toEqual([
      err('credentials/secret-data', 'the Secret carries keys "a", "b" in plain manifests. Fix: create the Secret outside the manifests (or with an external secret store) and reference it by name', 'Secret/argo/db'),
    ]);
  });

  test('an empty Secret and a service-account-token Secret are fine', () => {
    expect(checkManifests([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'empty', namespace: 'argo' } },
      { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: 'sa.service-account-token', namespace: 'argo' }, data: { token: 'eA==' } },
    ])).toEqual([]);
  });

  test.each(['POSTGRES_PASSWORD', 'MINIO_SECRET_KEY', 'GITHUB_TOKEN', 'AWS_ACCESS_KEY_ID', 'SSH_PRIVATE_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'db_password'])('env %s with a literal value', (name) => {
    expect(findingsAfter((d) => { containerOf(d).env = [{ name, value: 'hunter2' }]; })).toEqual([
      err('credentials/env-literal', `container "web" sets env ${name} to a literal value. Fix: read it from a Secret with valueFrom.secretKeyRef`),
    ]);
  });

  test('secret-looking env vars from a Secret, empty ones and harmless names are fine', () => {
    expect(findingsAfter((d) => {
      containerOf(d).env = [
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'API_TOKEN', value: '' },
        { name: 'LOG_LEVEL', value: 'info' },
      ];
    })).toEqual([]);
  });
});

describe('checkManifests: RBAC', () => {
  const role = (kind: string, rules: Obj[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'r', ...(kind === 'Role' ? { namespace: 'n' } : {}) }, rules });

  test.each(['apiGroups', 'resources', 'verbs'])('a wildcard in %s', (field) => {
    const rule: Obj = { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] };
    rule[field] = ['*'];
    expect(checkManifests([role('ClusterRole', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, rule])]).filter((f) => f.rule === 'rbac/wildcard')).toEqual([
      err('rbac/wildcard', `rules[1].${field} contains "*". Fix: list the ${field} the component needs`, 'ClusterRole//r'),
    ]);
  });

  test('wildcards in a Role too', () => {
    expect(checkManifests([role('Role', [{ apiGroups: ['*'], resources: ['pods'], verbs: ['*'] }])])).toEqual([
      err('rbac/wildcard', 'rules[0].apiGroups contains "*". Fix: list the apiGroups the component needs', 'Role/n/r'),
      err('rbac/wildcard', 'rules[0].verbs contains "*". Fix: list the verbs the component needs', 'Role/n/r'),
    ]);
  });

  test('reading Secrets without resourceNames', () => {
    expect(checkManifests([role('ClusterRole', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }])])).toEqual([
      warn('rbac/secret-read', 'rules[0] reads every Secret in the cluster. Fix: limit the rule with resourceNames', 'ClusterRole//r'),
    ]);
    expect(checkManifests([role('Role', [{ apiGroups: [''], resources: ['secrets'], verbs: ['watch'] }])])).toEqual([
      warn('rbac/secret-read', 'rules[0] reads every Secret in the namespace. Fix: limit the rule with resourceNames', 'Role/n/r'),
    ]);
  });

  test('named Secret reads and Secret creation are fine', () => {
    expect(checkManifests([role('Role', [
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ])])).toEqual([]);
  });
});

describe('checkManifests: Argo Workflows', () => {
  const SERVER = 'Deployment/argo/argo-server';
  function server(): Obj {
    const d = goodDeployment();
    d.metadata = { name: 'argo-server', namespace: 'argo' };
    Object.assign(containerOf(d), {
      name: 'argo-server',
      image: 'quay.io/argoproj/argocli:v4.1.2',
      args: ['server', '--secure=true'],
      env: [{ name: 'ARGO_BASE_HREF', value: '/' }],
      ports: [{ name: 'web', containerPort: 2746 }],
      readinessProbe: { httpGet: { path: '/', port: 2746, scheme: 'HTTPS' } },
    });
    return d;
  }
  const service = (port = 2746) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'argo-server', namespace: 'argo' }, spec: { ports: [{ port }] } });
  const serverFindings = (change: (d: Obj) => void) => {
    const d = server();
    change(d);
    return checkManifests([d, service()]);
  };

  test('a correct argo-server has no findings', () => {
    expect(serverFindings(() => undefined)).toEqual([]);
  });

  test('an HTTP readiness probe on a secure server', () => {
    expect(serverFindings((d) => { containerOf(d).readinessProbe.httpGet.scheme = 'HTTP'; })).toEqual([
      err('argo-server/readiness-probe', 'argo-server serves HTTPS (--secure is true by default) but its readiness probe uses HTTP. Fix: set readinessProbe.httpGet.scheme: HTTPS', SERVER),
    ]);
  });

  test('an HTTPS readiness probe with --secure=false', () => {
    expect(serverFindings((d) => { containerOf(d).args = ['server', '--secure=false']; })).toEqual([
      err('argo-server/readiness-probe', 'argo-server runs with --secure=false but its readiness probe uses HTTPS. Fix: set readinessProbe.httpGet.scheme: HTTP', SERVER),
    ]);
  });

  test('no readiness probe', () => {
    expect(serverFindings((d) => { delete containerOf(d).readinessProbe; containerOf(d).livenessProbe = { tcpSocket: { port: 2746 } }; })).toEqual([
      err('argo-server/readiness-probe', 'argo-server has no readiness probe. Fix: probe GET / on port 2746', SERVER),
    ]);
  });

  test('a base href without slashes', () => {
    expect(serverFindings((d) => { containerOf(d).env = [{ name: 'ARGO_BASE_HREF', value: 'argo' }]; })).toEqual([
      err('argo-server/base-href', 'the base href "argo" does not start and end with "/". Fix: write it like "/argo/"', SERVER),
    ]);
  });

  test('no port 2746', () => {
    expect(serverFindings((d) => { containerOf(d).ports = [{ containerPort: 8080 }]; })).toEqual([
      err('argo-server/port', 'the argo-server container does not expose port 2746. Fix: add containerPort 2746', SERVER),
    ]);
  });

  test('a missing argo-server Service, or one without port 2746', () => {
    expect(checkManifests([server()])).toEqual([
      err('install/argo-server-service', 'there is no Service argo-server for the argo-server Deployment. Fix: add it, with port 2746', SERVER),
    ]);
    expect(checkManifests([server(), service(80)])).toEqual([
      err('install/argo-server-service', 'Service argo-server does not serve port 2746. Fix: add port 2746', 'Service/argo/argo-server'),
    ]);
  });

  const CONTROLLER = 'Deployment/argo/workflow-controller';
  const configMap = (data: Obj) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'workflow-controller-configmap', namespace: 'argo' }, data });
  function controller(env: Obj[]): Obj {
    const d = goodDeployment();
    d.metadata = { name: 'workflow-controller', namespace: 'argo' };
    containerOf(d).env = env;
    return d;
  }
  const identity = { name: 'LEADER_ELECTION_IDENTITY', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };

  test('a correct controller has no findings', () => {
    expect(checkManifests([controller([identity]), configMap({})])).toEqual([]);
  });

  test('no LEADER_ELECTION_IDENTITY', () => {
    expect(checkManifests([controller([]), configMap({})])).toEqual([
      err('controller/leader-election', 'workflow-controller has no LEADER_ELECTION_IDENTITY env var, which leader election requires. Fix: set it from fieldRef metadata.name', CONTROLLER),
    ]);
  });

  test('leader election disabled without strategy Recreate', () => {
    const d = controller([{ name: 'LEADER_ELECTION_DISABLE', value: 'true' }]);
    expect(checkManifests([d, configMap({})])).toEqual([
      err('controller/leader-election', 'leader election is disabled but the Deployment does not use strategy Recreate, so two controllers can run at once. Fix: set spec.strategy.type: Recreate', CONTROLLER),
    ]);
    d.spec.strategy = { type: 'Recreate' };
    expect(checkManifests([d, configMap({})])).toEqual([]);
  });

  test('no workflow-controller-configmap', () => {
    expect(checkManifests([controller([identity])])).toEqual([
      err('install/controller-configmap', 'there is no ConfigMap workflow-controller-configmap, without which the controller exits. Fix: add it (it may be empty)', CONTROLLER),
    ]);
  });

  const CM = 'ConfigMap/argo/workflow-controller-configmap';
  test('an unknown config key, in per-key form and in a lone "config" key', () => {
    expect(checkManifests([configMap({ parallelism: '10', nodeStatusOffload: 'true' })])).toEqual([
      err('controller-config/unknown-key', 'unknown controller config key "nodeStatusOffload"; the controller and argo-server exit on it. Fix: remove it or correct its spelling', CM),
    ]);
    const lone = configMap({ config: 'parallelism: 10\nexecutor:\n  imagePullPolicy: Always\ncolumn: []\n' });
    const expected = [err('controller-config/unknown-key', 'unknown controller config key "column"; the controller and argo-server exit on it. Fix: remove it or correct its spelling', CM)];
    expect(checkManifests([lone])).toEqual(expected);
    expect(checkManifests([lone], { parseYaml: parse })).toEqual(expected);
  });

  test('"config" next to other keys', () => {
    expect(checkManifests([configMap({ config: 'parallelism: 1', parallelism: '2' })])).toEqual([
      err('controller-config/config-key', 'workflow-controller-configmap has a "config" key next to other keys; Argo only reads "config" when it is the only key. Fix: move every setting into "config", or drop "config"', CM),
    ]);
  });

  test('persistence without a tableName, with a bad TTL, with two databases', () => {
    const cm = configMap({ persistence: 'archive: true\narchiveTTL: 1h30m\npostgresql:\n  host: db\nmysql:\n  host: db\n  tableName: t\n' });
    expect(checkManifests([cm], { parseYaml: parse })).toEqual([
      err('controller-config/persistence', 'persistence sets both postgresql and mysql. Fix: keep one', CM),
      err('controller-config/persistence', 'the persistence database has no tableName. Fix: set tableName, e.g. "argo_workflows"', CM),
      err('controller-config/persistence', 'persistence.archiveTTL "1h30m" is not a single-unit duration. Fix: write it like "30d"', CM),
    ]);
  });

  test('persistence without a database, and a bad connMaxLifetime', () => {
    const cm = configMap({ persistence: JSON.stringify({ connectionPool: { connMaxLifetime: '1m30s' } }) });
    expect(checkManifests([cm])).toEqual([
      err('controller-config/persistence', 'persistence has neither postgresql nor mysql. Fix: configure one database', CM),
      err('controller-config/persistence', 'persistence.connectionPool.connMaxLifetime "1m30s" is not a single-unit duration. Fix: write it like "300s"', CM),
    ]);
  });

  test('a bad templateReferencing', () => {
    expect(checkManifests([configMap({ workflowRestrictions: 'templateReferencing: Loose' })], { parseYaml: parse })).toEqual([
      err('controller-config/workflow-restrictions', 'workflowRestrictions.templateReferencing "Loose" is not "Strict" or "Secure". Fix: use one of them', CM),
    ]);
  });

  test('artifact-repositories without a default, or with a default that is not there', () => {
    const repos = (annotations: Obj | undefined) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'artifact-repositories', namespace: 'wf', ...(annotations ? { annotations } : {}) }, data: { s3: 's3: {}' } });
    expect(checkManifests([repos(undefined)])).toEqual([
      warn('artifact-repositories/default', 'artifact-repositories has no workflows.argoproj.io/default-artifact-repository annotation, so workflows get no default repository. Fix: annotate it with the key of the default entry', 'ConfigMap/wf/artifact-repositories'),
    ]);
    expect(checkManifests([repos({ 'workflows.argoproj.io/default-artifact-repository': 'gcs' })])).toEqual([
      err('artifact-repositories/default', 'the default artifact repository "gcs" is not a key of data. Fix: add it or correct the annotation', 'ConfigMap/wf/artifact-repositories'),
    ]);
    expect(checkManifests([repos({ 'workflows.argoproj.io/default-artifact-repository': 's3' })])).toEqual([]);
  });
});

describe('every preset passes every check', () => {
  const app = buildApp(PRESETS);
  const charts = app.node.children.filter((c): c is Chart => Chart.isChart(c));

  test('the app has one chart per preset', () => {
    expect(charts.map((c) => c.node.id)).toEqual(PRESETS.map((p) => p.name));
  });

  test.each(PRESETS.map((p) => p.name))('%s: no errors and no warnings on chart.toJson()', (name) => {
    const chart = charts.find((c) => c.node.id === name)!;
    const objects = chart.toJson();
    expect(objects.map(key)).toEqual(INVENTORY[name]);
    expect(checkManifests(objects, { parseYaml: parse })).toEqual([]);
  });

  test('no errors and no warnings on the rendered YAML of every preset', () => {
    const files = renderApp(buildApp(PRESETS));
    const byPreset = new Map<string, unknown[]>();
    for (const [file, content] of Object.entries(files)) {
      const preset = file.split('/')[0];
      const docs = parseAllDocuments(content).map((d) => d.toJS());
      byPreset.set(preset, [...(byPreset.get(preset) ?? []), ...docs]);
    }
    expect([...byPreset.keys()].sort()).toEqual(PRESETS.map((p) => p.name).sort());
    for (const [preset, objects] of byPreset) {
      expect({ preset, findings: checkManifests(objects, { parseYaml: parse }) }).toEqual({ preset, findings: [] });
    }
  });

  test('a fully configured stack passes too', () => {
    const full = new App();
    const chart = new Chart(full, 'full');
    new ArgoWorkflows(chart, 'argo', {
      namespace: 'argo-system',
      crds: CrdMode.MINIMAL,
      labels: { team: 'platform' },
      controller: {
        replicas: 2,
        config: {
          parallelism: 10,
          persistence: {
            archive: true,
            archiveTTL: '30d',
            postgresql: {
              host: 'db', port: 5432, database: 'argo', tableName: 'argo_workflows',
              userNameSecret: { name: 'argo-db', key: 'username' }, passwordSecret: { name: 'argo-db', key: 'password' },
            },
          },
        },
      },
      server: {
        replicas: 2, authModes: [AuthMode.CLIENT, AuthMode.SERVER], baseHref: '/argo/', secure: false,
        serviceType: ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['203.0.113.0/24'],
      },
      workflowNamespaces: [{ name: 'team-a', agent: true, artifactGC: true }, { name: 'team-b', serviceAccountName: 'runner' }],
    });
    const namespaced = new Chart(full, 'namespaced');
    new ArgoWorkflows(namespaced, 'argo', { scope: InstallScope.NAMESPACED, crds: CrdMode.NONE, server: { enabled: false }, workflowNamespaces: [{ name: 'argo' }] });
    expect(checkManifests(chart.toJson(), { parseYaml: parse })).toEqual([]);
    expect(checkManifests(namespaced.toJson(), { parseYaml: parse })).toEqual([]);
  });
});

describe('lint-manifests CLI', () => {
  test('reports findings with their file, per folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-manifests-'));
    try {
      fs.mkdirSync(path.join(dir, 'a'));
      fs.writeFileSync(path.join(dir, 'a', '00-rbac.yaml'), [
        '# comment', '---',
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: all', 'rules:',
        '  - apiGroups: [""]', '    resources: [pods]', '    verbs: ["*"]', '---', '',
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'a', '01-ok.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: x\n');
      fs.writeFileSync(path.join(dir, 'a', 'notes.txt'), 'not yaml: [');
      const result = lintPaths([dir]);
      expect(result.files).toBe(2);
      expect(result.objects).toBe(2);
      expect(result.findings).toEqual([{
        ...err('rbac/wildcard', 'rules[0].verbs contains "*". Fix: list the verbs the component needs', 'ClusterRole//all'),
        file: path.join(dir, 'a', '00-rbac.yaml'),
      }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
