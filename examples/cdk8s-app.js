// @ts-check
/**
 * The cdk8s app (`app:` in cdk8s.yaml, and the last step of `npm run synth`): brings the bundle
 * `lib/synth.js` of `examples/synth.ts` up to date, then runs it in this process with the same
 * arguments. Output folder: the first argument, else CDK8S_OUTDIR (set by `cdk8s synth`), else
 * `dist` (see `src/cli/synth.ts`).
 *
 * Up to date means: `lib/synth.inputs.json` records the esbuild version, the build options, the
 * SHA-256 of every file esbuild read and of the bundle itself, and all of them still match. Any
 * difference (a changed, missing or unreadable file included) rebuilds the bundle, so a stale one
 * never runs. With `--bundle-only` it stops after that step (`npm run bundle`).
 *
 * Plain JavaScript on purpose: it has to run on a fresh clone, before anything is compiled.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'lib', 'synth.js');
const STAMP = path.join(ROOT, 'lib', 'synth.inputs.json');

/**
 * esbuild options of the bundle. `alias: { yaml: 'yaml' }` resolves every `yaml` import from the
 * project root, so the copy cdk8s carries folds into the project's own (same version).
 */
const OPTIONS = {
  entryPoints: ['examples/synth.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  alias: { yaml: 'yaml' },
  outfile: 'lib/synth.js',
};

const sha256 = (/** @type {string} */ file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The versions the bundle depends on besides its inputs. */
function buildKey() {
  return JSON.stringify({ esbuild: require('esbuild/package.json').version, options: OPTIONS });
}

/** True when the stamp matches the bundle, every input and the build key. */
function upToDate() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    if (stamp.key !== buildKey() || stamp.bundle !== sha256(BUNDLE)) return false;
    const inputs = Object.entries(stamp.inputs);
    return inputs.length > 0 && inputs.every(([file, hash]) => sha256(path.join(ROOT, file)) === hash);
  } catch {
    return false;
  }
}

/** Builds the bundle and its stamp. Throws on a build error (esbuild has printed it). */
function bundle() {
  const esbuild = require('esbuild');
  fs.rmSync(STAMP, { force: true });
  const result = esbuild.buildSync({ ...OPTIONS, absWorkingDir: ROOT, logLevel: 'warning', metafile: true });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).sort().map((file) => [file, sha256(path.join(ROOT, file))]));
  fs.writeFileSync(STAMP, `${JSON.stringify({ key: buildKey(), bundle: sha256(BUNDLE), inputs }, null, 2)}\n`);
}

function main() {
  const args = process.argv.slice(2);
  const bundleOnly = args[0] === '--bundle-only';
  if (!upToDate()) {
    try {
      bundle();
    } catch {
      const cli = process.env.CDK8S_OUTDIR;
      const emptied = cli === undefined ? '' : `, and ${cli}/ is now empty: cdk8s synth removed it before running this program (npm run synth leaves it unchanged on failure)`;
      process.stderr.write(`argo-stack: could not bundle examples/synth.ts (errors above)${emptied}\n`);
      process.exit(1);
    }
  }
  if (bundleOnly) return;
  process.argv = [process.argv[0], BUNDLE, ...args];
  // Runs the bundle as the main module, as `node lib/synth.js ...args` would.
  /** @type {{ runMain: (main?: string) => void }} */ (/** @type {unknown} */ (Module)).runMain(BUNDLE);
}

main();
