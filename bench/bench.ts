/**
 * `npm run bench`: how fast synthesis is, next to its targets.
 *
 * (a) Full synth of every preset as a child process, paired with a bare `node -e 0` started the
 *     same way: in each of RUNS rounds both run back to back (then, for reference, the unbundled
 *     `lib/examples/synth.js`), into the same output folder, as a repeated `npm run synth` does.
 *     Reported: the median of each, their ratio and the median of the per-round ratios. Timed is
 *     the app `cdk8s.yaml` runs (what `npm run synth` and `cdk8s synth` run). Targets: at most
 *     2.0x bare node; next, at most 1.5x.
 * (b) One stack with 100 and with 1,000 workflow namespaces, built and rendered in memory (no
 *     writing), medians of 3. Targets: 1,000 namespaces in at most 1 s; the cost per namespace at
 *     1,000 at most 1.2x the cost at 100.
 *
 * Prints the machine and the date, PASS or FAIL per target, and always exits 0.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { ArgoWorkflows } from '../src/k8s/argo-workflows';
import { renderApp } from '../src/render';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = 21;
const TARGET = 2.0;
const NEXT_TARGET = 1.5;
const NAMESPACES_TARGET_MS = 1000;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** Runs node with `args` once and returns its wall time in ms; throws if it fails. */
function timeRun(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const dt = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return dt;
}

/** The node script cdk8s.yaml's `app:` runs (e.g. `lib/synth.js`). */
function cdk8sApp(): string | undefined {
  const text = fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8');
  return /^app:\s*node\s+(\S+)\s*$/m.exec(text)?.[1];
}

/** Wall times of RUNS paired rounds: bare node, then each script, in the same round. */
function pairedRuns(scripts: readonly string[], out: string): Map<string, number[]> {
  const times = new Map<string, number[]>([['bare', []], ...scripts.map((s) => [s, []] as [string, number[]])]);
  const runOnce = (which: string) => (which === 'bare' ? timeRun(['-e', '0']) : timeRun([which, out]));
  for (const which of times.keys()) runOnce(which); // warms the file cache and writes the output once; not counted
  for (let i = 0; i < RUNS; i++) for (const [which, list] of times) list.push(runOnce(which));
  return times;
}

function fullSynth(): void {
  const app = cdk8sApp();
  const scripts = [...new Set([app, 'lib/examples/synth.js'].filter((s): s is string => !!s))].filter((s) => fs.existsSync(path.join(ROOT, s)));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-bench-'));
  try {
    const times = pairedRuns(scripts, path.join(tmp, 'out'));
    const bare = times.get('bare')!;
    console.log(`(a) full synth of every preset, child process, ${RUNS} paired rounds with bare node, medians (fastest run in brackets)`);
    console.log(`    bare node -e 0                              ${ms(median(bare))} (${ms(Math.min(...bare))})`);
    for (const script of scripts) {
      const list = times.get(script)!;
      const ratio = median(list) / median(bare);
      const paired = median(list.map((t, i) => t / bare[i]));
      const isApp = script === app;
      const label = `node ${script}${isApp ? ' (cdk8s.yaml app)' : ''}`;
      const targets = isApp ? `   target <= ${TARGET.toFixed(1)}x: ${verdict(ratio <= TARGET)}   next <= ${NEXT_TARGET.toFixed(1)}x: ${verdict(ratio <= NEXT_TARGET)}` : '';
      console.log(`    ${label.padEnd(44)}${ms(median(list))} (${ms(Math.min(...list))})  = ${ratio.toFixed(2)}x bare node (per round ${paired.toFixed(2)}x)${targets}`);
    }
    if (!app || !scripts.includes(app)) console.log(`    cdk8s.yaml app ${app ?? '(none)'} not found: run npm run synth first   target <= ${TARGET.toFixed(1)}x: FAIL`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds and renders one stack with `n` workflow namespaces; returns ms. */
function synthNamespaces(n: number): number {
  const t0 = performance.now();
  const app = new App();
  new ArgoWorkflows(new Chart(app, 'bench'), 'ArgoWorkflows', {
    namespace: 'argo',
    workflowNamespaces: Array.from({ length: n }, (_, i) => ({ name: `team-${i}`, agent: i % 2 === 0, artifactGC: true })),
  });
  renderApp(app);
  return performance.now() - t0;
}

function manyNamespaces(): void {
  synthNamespaces(100); // warm-up, not counted
  const sizes = [100, 1000];
  const totals = new Map<number, number>();
  for (const n of sizes) totals.set(n, median([1, 2, 3].map(() => synthNamespaces(n))));
  const per = (n: number) => totals.get(n)! / n;
  const ratio = per(1000) / per(100);
  console.log('(b) one stack with many workflow namespaces, in process (build + render, no writing), median of 3');
  for (const n of sizes) {
    const target = n === 1000 ? `   target <= ${NAMESPACES_TARGET_MS} ms: ${verdict(totals.get(n)! <= NAMESPACES_TARGET_MS)}` : '';
    console.log(`    ${String(n).padStart(5)} namespaces  ${ms(totals.get(n)!).padStart(8)}  ${per(n).toFixed(2)} ms per namespace${target}`);
  }
  console.log(`    per-namespace cost at 1,000 / at 100 = ${ratio.toFixed(2)}x   target <= 1.2x: ${verdict(ratio <= 1.2)}`);
  console.log(`    peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

function main(): void {
  const cpus = os.cpus();
  console.log(`argo-stack bench, ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine skews the figures)`);
  try {
    fullSynth();
  } catch (e) {
    console.log(`(a) full synth failed: ${e instanceof Error ? e.message : String(e)}   target <= ${TARGET.toFixed(1)}x: FAIL`);
  }
  try {
    manyNamespaces();
  } catch (e) {
    console.log(`(b) namespaces bench failed: ${e instanceof Error ? e.message : String(e)}   targets: FAIL`);
  }
}

main();
process.exitCode = 0;
