// @ts-check
/**
 * The cdk8s app (`app:` in cdk8s.yaml, and the last step of `npm run synth`): brings the bundle
 * `lib/synth.js` of `examples/synth.ts` up to date, then runs it in this process with the same
 * arguments. Output folder: the first argument, else CDK8S_OUTDIR (set by `cdk8s synth`), else
 * `dist` (see `src/cli/synth.ts`).
 *
 * Up to date means: `lib/synth.inputs.json` records the esbuild version, the build options, and
 * the size, modification time and SHA-256 of every file esbuild read and of the bundle itself, and
 * all of them still match (a file whose size and time are unchanged is taken as unchanged, as git
 * does; otherwise its SHA-256 decides). Any difference (a changed, missing or unreadable file
 * included) rebuilds the bundle, so a stale one never runs. With `--bundle-only` it stops after
 * that step (`npm run bundle`).
 *
 * Plain JavaScript on purpose: it has to run on a fresh clone, before anything is compiled.
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = 'lib/synth.js';
const STAMP = path.join(ROOT, 'lib', 'synth.inputs.json');

/**
 * esbuild options of the bundle. `alias: { yaml: 'yaml' }` resolves every `yaml` import from the
 * project root, so the copy cdk8s carries folds into the project's own (same version).
 */
/** @type {import('esbuild').BuildOptions} */
const OPTIONS = {
  entryPoints: ['examples/synth.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  alias: { yaml: 'yaml' },
  outfile: BUNDLE,
};

/** @typedef {{ size: number, mtimeMs: number, sha256: string }} FileState */

const sha256 = (/** @type {string} */ file) => require('node:crypto').createHash('sha256').update(fs.readFileSync(path.join(ROOT, file))).digest('hex');

/** @returns {FileState} */
function stateOf(/** @type {string} */ file) {
  const { size, mtimeMs } = fs.statSync(path.join(ROOT, file));
  return { size, mtimeMs, sha256: sha256(file) };
}

/** Whether `file` still has the recorded content: same size and time, or else same SHA-256. */
function unchanged(/** @type {string} */ file, /** @type {FileState} */ was) {
  const { size, mtimeMs } = fs.statSync(path.join(ROOT, file));
  if (size !== was.size) return false;
  return mtimeMs === was.mtimeMs || sha256(file) === was.sha256;
}

/** What the bundle depends on besides its inputs. */
function buildKey() {
  const esbuild = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  return JSON.stringify({ esbuild, options: OPTIONS });
}

/** True when the stamp matches the build key, the bundle and every input. */
function upToDate() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    if (stamp.key !== buildKey() || !unchanged(BUNDLE, stamp.bundle)) return false;
    const inputs = Object.entries(stamp.inputs);
    return inputs.length > 0 && inputs.every(([file, was]) => unchanged(file, was));
  } catch {
    return false;
  }
}

/**
 * Builds the bundle and its stamp. Throws on a build error (esbuild has printed it). An input
 * modified shortly before or during the build may differ from what esbuild read: then no stamp is
 * written, and the next run builds again.
 */
function bundle() {
  const esbuild = require('esbuild');
  fs.rmSync(STAMP, { force: true });
  const started = Date.now();
  const result = esbuild.buildSync({ ...OPTIONS, absWorkingDir: ROOT, logLevel: 'warning', metafile: true });
  const inputs = Object.fromEntries(Object.keys(result.metafile?.inputs ?? {}).sort().map((file) => [file, stateOf(file)]));
  if (Object.values(inputs).some((state) => state.mtimeMs >= started - 1000)) return;
  fs.writeFileSync(STAMP, `${JSON.stringify({ key: buildKey(), bundle: stateOf(BUNDLE), inputs }, null, 2)}\n`);
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
  const main = path.join(ROOT, BUNDLE);
  process.argv = [process.argv[0], main, ...args];
  // Runs the bundle as the main module, as `node lib/synth.js ...args` would.
  /** @type {{ runMain: (main?: string) => void }} */ (/** @type {unknown} */ (Module)).runMain(main);
}

main();
