/**
 * `controller.extraArgs`, `server.extraArgs` and their `extraEnv`: flags argo-stack has a typed
 * option for become that option; the others go to argo-stack's own `extraArgs`/`extraEnv`, which
 * are checked against the flags and variables of the pinned Argo version.
 */
import { isPlainObject } from '../../config/check';
import type { Conversion } from './context';
import type { Component } from './mapping-pod';
import type { ChartMapping } from './row';

type Flag = (value: string, cx: Conversion, from: string) => void;

const num = (option: string): Flag => (v, cx, from) => cx.set(option, Number(v), from);
const text = (option: string): Flag => (v, cx, from) => cx.set(option, v, from);
const bool = (option: string): Flag => (v, cx, from) => cx.set(option, v !== 'false', from);

const SHARED: Readonly<Record<string, Flag>> = {
  '--managed-namespace': text('managedNamespace'),
  '--namespaced': (v, cx, from) => { if (v !== 'false') cx.set('scope', 'namespaced', from); },
};

/** The flags with a typed option, per binary. */
export const TYPED_FLAGS: Readonly<Record<Component, Readonly<Record<string, Flag>>>> = {
  server: {
    ...SHARED,
    '--auth-mode': (v, cx, from) => cx.set('server.authModes', [...((cx.option('server.authModes') as string[] | undefined) ?? []), v], from),
    '--api-rate-limit': num('server.apiRateLimit'),
    '--x-frame-options': text('server.xFrameOptions'),
    '--access-control-allow-origin': text('server.accessControlAllowOrigin'),
    '--hsts': bool('server.hsts'),
    '--base-href': text('server.baseHref'),
    '--tls-certificate-secret-name': (v, cx, from) => cx.set('server.tls', { fromSecret: v }, from),
    '--secure': (v, cx, from) => { if (v === 'false') cx.set('server.tls', { plainText: {} }, from); },
    '--loglevel': text('server.logLevel'),
    '--log-format': text('server.logFormat'),
  },
  controller: {
    ...SHARED,
    '--workflow-workers': num('controller.workers.workflow'),
    '--workflow-ttl-workers': num('controller.workers.workflowTtl'),
    '--pod-cleanup-workers': num('controller.workers.podCleanup'),
    '--cron-workflow-workers': num('controller.workers.cronWorkflow'),
    '--workflow-archive-workers': num('controller.workers.workflowArchive'),
    '--qps': num('controller.kubeApiQps'),
    '--burst': num('controller.kubeApiBurst'),
    '--executor-image': text('images.executor'),
    '--loglevel': text('controller.logLevel'),
    '--log-format': text('controller.logFormat'),
  },
};

/** `--flag=value`, `--flag value` and `--flag` (true), in order. */
export function parseArgs(args: readonly string[]): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = String(args[i]);
    const eq = arg.indexOf('=');
    if (eq > 0) out.push([arg.slice(0, eq), arg.slice(eq + 1), arg]);
    else if (i + 1 < args.length && !String(args[i + 1]).startsWith('-')) { out.push([arg, String(args[i + 1]), `${arg} ${String(args[i + 1])}`]); i++; }
    else out.push([arg, 'true', arg]);
  }
  return out;
}

function convertArgs(cx: Conversion, c: Component): void {
  const from = `${c}.extraArgs`;
  const args = cx.list(from);
  if (args === undefined) return;
  const rest: string[] = [];
  for (const [flag, value, raw] of parseArgs(args.map(String))) {
    const typed = TYPED_FLAGS[c][flag];
    if (typed) typed(value, cx, from);
    else rest.push(raw.includes(' ') ? `${flag}=${value}` : raw);
  }
  if (rest.length > 0) cx.set(`${c}.extraArgs`, rest, from);
}

function convertEnv(cx: Conversion, c: Component): void {
  const from = `${c}.extraEnv`;
  const env = cx.list(from);
  if (env === undefined) return;
  const out: Record<string, string> = {};
  env.forEach((e, i) => {
    if (isPlainObject(e) && typeof e.name === 'string' && e.value !== undefined && e.valueFrom === undefined) out[e.name] = String(e.value);
    else cx.skip(`${from}[${i}]`, 'argo-stack\'s extraEnv takes literal values; a variable from a Secret or ConfigMap (valueFrom) is not carried over');
  });
  if (Object.keys(out).length > 0) cx.set(`${c}.extraEnv`, out, from);
}

export function argsRow(c: Component): ChartMapping {
  return {
    chart: `${c}.extraArgs`,
    option: `the typed option of each flag argo-stack has one for (${Object.keys(TYPED_FLAGS[c]).map((f) => `\`${f}\``).join(', ')}); the others → \`${c}.extraArgs\`, checked against Argo v4.1.2's flags`,
    convert: (cx) => convertArgs(cx, c),
  };
}

export function envRow(c: Component): ChartMapping {
  return { chart: `${c}.extraEnv`, option: `\`${c}.extraEnv\` (\`{ NAME: value }\`), variables argo-stack sets itself and names that look like a credential refused`, convert: (cx) => convertEnv(cx, c) };
}
