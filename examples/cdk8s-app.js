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
 * V8 code cache: after each build, one warm-up synth of the new bundle runs in a child process
 * (into a temporary folder) and then writes V8's cached data for the bundle to
 * `lib/synth.js.cache`, taken after the run so that it holds every function the synth compiled.
 * The record lists that file and the SHA-256 of the bundle it was made from; the bundle then runs
 * through `vm.Script` with it, which spares V8 parsing and compiling it again. When the file is
 * missing or does not match the record, the bundle loads as `node lib/synth.js` would load it;
 * when V8 rejects the data (another Node version or other V8 flags), V8 compiles the bundle from
 * its source as usual. Either way the output is the same.
 *
 * Plain JavaScript on purpose: it has to run on a fresh clone, before anything is compiled.
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = 'lib/synth.js';
const CACHE = 'lib/synth.js.cache';
const STAMP = path.join(ROOT, 'lib', 'synth.inputs.json');
/** Internal: `<this file> --warm-up-code-cache <outdir> <bundle SHA-256>` is the warm-up synth of `codeCache`. */
const WARM_UP = '--warm-up-code-cache';

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
/** @typedef {FileState & { bundle: string }} CacheState the code cache, and the SHA-256 of the bundle it was made from */
/** @typedef {{ key: string, bundle: FileState, cache?: CacheState, inputs: Record<string, FileState> }} Stamp */

/** The absolute path of `file`, a `/`-separated path from the root as esbuild records it (`path.join` over every input costs about 2 ms). */
const abs = (/** @type {string} */ file) => `${ROOT}/${file}`;
const sha256 = (/** @type {string | Buffer} */ data) => require('node:crypto').createHash('sha256').update(data).digest('hex');
const read = (/** @type {string} */ file) => fs.readFileSync(abs(file));

/** @returns {FileState} */
function stateOf(/** @type {string} */ file) {
  const { size, mtimeMs } = fs.statSync(abs(file));
  return { size, mtimeMs, sha256: sha256(read(file)) };
}

/** Whether `file` still has the recorded content: same size and time, or else same SHA-256. */
function unchanged(/** @type {string} */ file, /** @type {FileState} */ was) {
  const { size, mtimeMs } = fs.statSync(abs(file));
  if (size !== was.size) return false;
  return mtimeMs === was.mtimeMs || sha256(read(file)) === was.sha256;
}

/** What the bundle depends on besides its inputs (`codeCache`: a record older than the cache is stale). */
function buildKey() {
  const esbuild = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  return JSON.stringify({ esbuild, options: OPTIONS, codeCache: CACHE });
}

/** The stamp when it matches the build key, the bundle and every input; otherwise undefined. */
function freshStamp() {
  try {
    /** @type {Stamp} */
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    if (stamp.key !== buildKey() || !unchanged(BUNDLE, stamp.bundle)) return undefined;
    const inputs = Object.entries(stamp.inputs);
    return inputs.length > 0 && inputs.every(([file, was]) => unchanged(file, was)) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds the bundle, its code cache and its stamp, and returns the stamp. Throws on a build error
 * (esbuild has printed it). An input modified shortly before or during the build may differ from
 * what esbuild read: then no stamp is written (undefined), and the next run builds again.
 */
function bundle() {
  const esbuild = require('esbuild');
  fs.rmSync(STAMP, { force: true });
  fs.rmSync(abs(CACHE), { force: true });
  const started = Date.now();
  const result = esbuild.buildSync({ ...OPTIONS, absWorkingDir: ROOT, logLevel: 'warning', metafile: true });
  const inputs = Object.fromEntries(Object.keys(result.metafile?.inputs ?? {}).sort().map((file) => [file, stateOf(file)]));
  if (Object.values(inputs).some((state) => state.mtimeMs >= started - 1000)) return undefined;
  const built = stateOf(BUNDLE);
  /** @type {Stamp} */
  const stamp = { key: buildKey(), bundle: built, cache: codeCache(built.sha256), inputs };
  fs.writeFileSync(STAMP, `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

/**
 * Runs the warm-up synth of the bundle with SHA-256 `bundleSha256` in a child process into a
 * temporary folder, and returns the state of the code cache it wrote, or undefined when it failed
 * (the bundle then runs without one). The child runs as `cdk8s.yaml` runs the app, without Node
 * flags of this process (V8 rejects a cache made under other V8 flags; `--inspect-brk` would wait).
 */
function codeCache(/** @type {string} */ bundleSha256) {
  const out = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'argo-stack-warm-up-'));
  try {
    const args = [__filename, WARM_UP, out, bundleSha256];
    const { status } = require('node:child_process').spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', timeout: 60_000 });
    return status === 0 ? { ...stateOf(CACHE), bundle: bundleSha256 } : undefined;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** The bundle as a script: the CommonJS wrapper, on its own line so that line numbers stay right. */
function compile(/** @type {string} */ source, /** @type {Buffer | undefined} */ cachedData) {
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`;
  return new vm.Script(wrapped, { filename: path.join(ROOT, BUNDLE), lineOffset: -1, cachedData });
}

/** Runs the compiled bundle as the main module with `args`, as `node lib/synth.js ...args` would. */
function run(/** @type {vm.Script} */ script, /** @type {string[]} */ args) {
  const file = path.join(ROOT, BUNDLE);
  const module = new Module('.');
  module.filename = file;
  const moduleRequire = Module.createRequire(file);
  moduleRequire.main = module;
  process.argv = [process.argv[0], file, ...args];
  script.runInThisContext()(module.exports, moduleRequire, module, file, path.dirname(file));
  module.loaded = true;
}

/** The child of `codeCache`: synthesizes into `outdir` and then writes the code cache. */
function warmUp(/** @type {string} */ outdir, /** @type {string} */ bundleSha256) {
  const source = read(BUNDLE);
  if (sha256(source) !== bundleSha256) process.exit(1);
  const script = compile(source.toString('utf8'), undefined);
  run(script, [outdir]);
  if (process.exitCode) process.exit(1);
  fs.writeFileSync(abs(CACHE), script.createCachedData());
}

/** The code cache recorded in `stamp` for its bundle, or undefined when it is missing or differs. */
function cachedData(/** @type {Stamp} */ stamp) {
  try {
    const cache = stamp.cache;
    return cache && cache.bundle === stamp.bundle.sha256 && unchanged(CACHE, cache) ? read(CACHE) : undefined;
  } catch {
    return undefined;
  }
}

/** Brings the bundle up to date; on a build error, says so and exits 1. */
function upToDateStamp() {
  try {
    return freshStamp() ?? bundle();
  } catch {
    const cli = process.env.CDK8S_OUTDIR;
    const emptied = cli === undefined ? '' : `, and ${cli}/ is now empty: cdk8s synth removed it before running this program (npm run synth leaves it unchanged on failure)`;
    process.stderr.write(`argo-stack: could not bundle examples/synth.ts (errors above)${emptied}\n`);
    process.exit(1);
  }
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === WARM_UP) return warmUp(args[1], args[2]);
  const stamp = upToDateStamp();
  if (args[0] === '--bundle-only') return;
  const cache = stamp && cachedData(stamp);
  if (cache) return run(compile(fs.readFileSync(abs(BUNDLE), 'utf8'), cache), args);
  const main = path.join(ROOT, BUNDLE);
  process.argv = [process.argv[0], main, ...args];
  // Runs the bundle as the main module, as `node lib/synth.js ...args` would.
  /** @type {{ runMain: (main?: string) => void }} */ (/** @type {unknown} */ (Module)).runMain(main);
}

main();
