/**
 * The synth program: builds the presets it is given and writes each to `<outdir>/<preset>/`, all or
 * nothing, then lists what each chart expects to exist before it is applied. The preset list is
 * passed in: `examples/synth.ts` runs it with argo-stack's own presets.
 */
import { App, Chart } from 'cdk8s';
import { declareAlternatives, expectedObjectHints, synthesize } from '../render';

/** One program whose chart becomes `<outdir>/<name>/`. */
export interface Preset {
  /** Folder under dist/. */
  readonly name: string;
  /** The program that defines it, named in each file's header. */
  readonly source: string;
  readonly build: (app: App) => Chart;
}

/** Where `runSynth` writes its messages. */
export interface SynthIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: SynthIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** One app with the chart of every preset, in the order given; the presets are alternatives. */
export function buildApp(presets: readonly Preset[]): App {
  const app = declareAlternatives(new App());
  for (const preset of presets) preset.build(app);
  return app;
}

/**
 * What each chart expects the user to create before applying it, as `kubectl` lines (the "Create
 * these" table of its README, see `expectedObjectHints`): Secrets of `Credentials.existing()`, the
 * database CA ConfigMap, the SSO client Secret, TLS Secrets and CA ConfigMaps nothing else creates.
 * `{ "<chart>": ["kubectl create secret generic ..."] }`. Charts without any are left out.
 */
export function existingSecretHints(app: App): Record<string, string[]> {
  const hints: Record<string, string[]> = {};
  for (const chart of app.node.children.filter((c): c is Chart => Chart.isChart(c))) {
    const lines = expectedObjectHints(chart);
    if (lines.length) hints[chart.node.id] = lines;
  }
  return hints;
}

/** The output folder: the first argument, else CDK8S_OUTDIR (set by `cdk8s synth`), else `dist`. */
export function synthOutdir(args: readonly string[], env: NodeJS.ProcessEnv): string {
  return args[0] ?? env.CDK8S_OUTDIR ?? 'dist';
}

/**
 * Builds every preset and writes them to `outdir` (see `synthesize`), then prints what it wrote and
 * the hints of `existingSecretHints`. Returns the exit code: 0, or 1 when anything failed, with
 * the error on stderr and `outdir` left as it was. Run by `cdk8s synth` (`outdir` is its
 * CDK8S_OUTDIR), the message says that the CLI removed `outdir` before this program ran.
 */
export function runSynth(presets: readonly Preset[], outdir: string, io: SynthIo = PROCESS_IO, env: NodeJS.ProcessEnv = process.env): number {
  try {
    const app = buildApp(presets);
    const files = synthesize(app, outdir, Object.fromEntries(presets.map((p) => [p.name, p.source])));
    io.stdout(`argo-stack: wrote ${Object.keys(files).length} files for ${presets.length} presets to ${outdir}/\n`);
    for (const [chart, lines] of Object.entries(existingSecretHints(app))) {
      io.stdout(`${outdir}/${chart}/ expects these to exist before it is applied:\n${lines.map((l) => `  ${l}\n`).join('')}`);
    }
    return 0;
  } catch (e) {
    const state = env.CDK8S_OUTDIR === outdir ? `and ${outdir}/ is now empty: cdk8s synth removed it before running this program (npm run synth leaves it unchanged on failure)` : `${outdir}/ left unchanged`;
    io.stderr(`argo-stack: synth failed, ${state}\n${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
