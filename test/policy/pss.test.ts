import { checkManifests } from '../../src/policy';
import { containerOf, err, findingsAfter, goodDeployment, Obj, podOf } from './fixtures';

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
