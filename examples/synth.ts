/**
 * The synth program (`npm run synth`, and `cdk8s synth` through `cdk8s.yaml`, both run the bundle
 * `lib/synth.js` of this file through `examples/cdk8s-app.js`, which rebuilds it first when any
 * input changed): builds every preset and writes it to `dist/<preset>/`.
 * Output folder: the first argument, else CDK8S_OUTDIR (set by `cdk8s synth`), else `dist`.
 */
import { runSynth, synthOutdir } from '../src/cli/synth';
import { PRESETS } from './index';

if (require.main === module) {
  const code = runSynth(PRESETS, synthOutdir(process.argv.slice(2), process.env));
  if (code !== 0) process.exit(code);
}
