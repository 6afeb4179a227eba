/**
 * `pss/`: Pod Security Standards "restricted" (which includes "baseline") for every pod template
 * of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob. Rules on the pod
 * itself come first, then the rules on each of its containers.
 */
import { isObj, list, NamedContainer, Obj, q, Report } from './_objects';

/** Volume sources Pod Security "restricted" allows. */
const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** Sysctls Pod Security "baseline" allows. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

type Err = (rule: string, message: string) => void;

const podSecurityContext = (pod: Obj): Obj => (isObj(pod.securityContext) ? pod.securityContext : {});

/** The pod-level rules: host namespaces, volume types and the pod's securityContext. */
export function checkPodSecurity(pod: Obj, report: Report): void {
  const psc = podSecurityContext(pod);
  const err: Err = (rule, message) => report('error', rule, message);

  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (pod[field] === true) err('pss/host-namespaces', `${field} is true: pods must not share the node's namespaces. Fix: remove ${field}`);
  }
  for (const v of list(pod.volumes).filter(isObj)) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type !== undefined && !RESTRICTED_VOLUME_TYPES.includes(type)) {
      err('pss/volume-types', `volume ${q(v.name)} is of type ${type}, which Pod Security "restricted" forbids. Fix: use one of ${RESTRICTED_VOLUME_TYPES.join(', ')}`);
    }
  }
  if (psc.runAsUser === 0) err('pss/run-as-user', 'the pod sets runAsUser 0 (root). Fix: run as a non-zero UID');
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && podSeccomp !== 'RuntimeDefault' && podSeccomp !== 'Localhost') {
    err('pss/seccomp-profile', `the pod's seccompProfile type is ${q(podSeccomp)}. Fix: use RuntimeDefault or Localhost`);
  }
  if (psc.windowsOptions?.hostProcess === true) err('pss/host-process', 'the pod sets windowsOptions.hostProcess. Fix: remove it');
  checkSelinux(psc.seLinuxOptions, 'the pod', err);
  if (psc.appArmorProfile?.type !== undefined && psc.appArmorProfile.type !== 'RuntimeDefault' && psc.appArmorProfile.type !== 'Localhost') {
    err('pss/apparmor', `the pod's appArmorProfile type is ${q(psc.appArmorProfile.type)}. Fix: use RuntimeDefault or Localhost`);
  }
  for (const s of list(psc.sysctls).filter(isObj)) {
    if (!SAFE_SYSCTLS.includes(s.name)) err('pss/sysctls', `the pod sets sysctl ${q(s.name)}, which is not in the safe set. Fix: remove it`);
  }
}

/** The rules on one container, which may inherit runAsNonRoot and seccompProfile from its pod. */
export function checkContainerSecurity({ c, where }: NamedContainer, pod: Obj, report: Report): void {
  const psc = podSecurityContext(pod);
  const sc: Obj = isObj(c.securityContext) ? c.securityContext : {};
  const err: Err = (rule, message) => report('error', rule, message);

  if (sc.privileged === true) err('pss/privileged', `${where} is privileged. Fix: remove securityContext.privileged or set it to false`);
  if (sc.allowPrivilegeEscalation !== false) err('pss/allow-privilege-escalation', `${where} does not set allowPrivilegeEscalation to false. Fix: set securityContext.allowPrivilegeEscalation: false`);
  if (!list(sc.capabilities?.drop).includes('ALL')) err('pss/capabilities', `${where} does not drop ALL capabilities. Fix: set securityContext.capabilities.drop: [ALL]`);
  for (const cap of list(sc.capabilities?.add)) {
    if (cap !== 'NET_BIND_SERVICE') err('pss/capabilities', `${where} adds capability ${q(cap)}; only NET_BIND_SERVICE may be added. Fix: remove it from capabilities.add`);
  }
  if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) err('pss/run-as-non-root', `${where} may run as root: neither it nor the pod sets runAsNonRoot: true. Fix: set securityContext.runAsNonRoot: true on the pod`);
  if (sc.runAsUser === 0) err('pss/run-as-user', `${where} sets runAsUser 0 (root). Fix: run as a non-zero UID`);
  const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
  if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
    err('pss/seccomp-profile', seccomp === undefined
      ? `${where} has no seccompProfile (on it or the pod). Fix: set securityContext.seccompProfile.type: RuntimeDefault on the pod`
      : `${where} has seccompProfile type ${q(seccomp)}. Fix: use RuntimeDefault or Localhost`);
  }
  if (sc.windowsOptions?.hostProcess === true) err('pss/host-process', `${where} sets windowsOptions.hostProcess. Fix: remove it`);
  if (sc.procMount !== undefined && sc.procMount !== 'Default') err('pss/proc-mount', `${where} sets procMount ${q(sc.procMount)}. Fix: remove it`);
  checkSelinux(sc.seLinuxOptions, where, err);
  if (sc.appArmorProfile?.type !== undefined && sc.appArmorProfile.type !== 'RuntimeDefault' && sc.appArmorProfile.type !== 'Localhost') {
    err('pss/apparmor', `${where} has appArmorProfile type ${q(sc.appArmorProfile.type)}. Fix: use RuntimeDefault or Localhost`);
  }
  for (const p of list(c.ports).filter(isObj)) {
    if (p.hostPort !== undefined && p.hostPort !== 0) err('pss/host-ports', `${where} binds hostPort ${p.hostPort}. Fix: remove hostPort and reach the pod through a Service`);
  }
}

function checkSelinux(opts: unknown, where: string, err: Err): void {
  if (!isObj(opts)) return;
  if (opts.type !== undefined && opts.type !== '' && !SELINUX_TYPES.includes(opts.type)) err('pss/selinux', `${where} sets seLinuxOptions.type ${q(opts.type)}. Fix: use one of ${SELINUX_TYPES.join(', ')} or none`);
  if (opts.user || opts.role) err('pss/selinux', `${where} sets seLinuxOptions.user or role. Fix: remove them`);
}
