/**
 * The cdk8s app: builds every example preset and writes it to `dist/<preset>/`.
 * Output folder: the first argument, else CDK8S_OUTDIR (set by `cdk8s synth`), else `dist`.
 */
import { App } from 'cdk8s';
import { PRESETS } from '../examples';
import { synthesize } from './synth';

export function buildApp(): App {
  const app = new App();
  for (const preset of PRESETS) preset.build(app);
  return app;
}

if (require.main === module) {
  const outdir = process.argv[2] ?? process.env.CDK8S_OUTDIR ?? 'dist';
  try {
    const app = buildApp();
    const files = synthesize(app, outdir, Object.fromEntries(PRESETS.map((p) => [p.name, p.source])));
    process.stdout.write(`argo-stack: wrote ${Object.keys(files).length} files for ${PRESETS.length} presets to ${outdir}/\n`);
  } catch (e) {
    process.stderr.write(`argo-stack: synth failed, ${outdir}/ left unchanged\n${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
