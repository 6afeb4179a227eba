#!/usr/bin/env bash
# The consumer check: argo-stack as a user gets it. Packs the package, checks what the tarball
# holds, installs it into a fresh cdk8s app together with cdk8s and constructs at the lowest
# versions of the peer ranges (the repository itself builds and tests with the newest), compiles a
# user chart with `tsc --strict` and `skipLibCheck: false` under both the classic module resolution
# and Node 16's (which reads the exports map), runs it and checks the objects it wrote. That app
# installs no Pulumi package (they are optional peers) and argo-stack loads none. Then the Pulumi
# packages (the pinned dev versions) go into the same app, and a program importing `argo-stack/pulumi`
# compiles under both resolutions and loads. SKIP_PULUMI=1 skips that second part.
#
# Ends with "consumer check: PASS" (exit 0) or "consumer check: FAIL" (exit 1). Needs the package
# registry for the install; set KEEP=1 to keep the temporary folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/argo-stack-consumer-XXXXXX")"
finish() {
  local status=$?
  if [ "$status" -eq 0 ]; then echo "consumer check: PASS"; else echo "consumer check: FAIL"; fi
  if [ "${KEEP:-}" = 1 ]; then echo "consumer check: kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap finish EXIT

# Versions: the lower bound of each peer range ("^2.68.0" -> 2.68.0), which must differ from the
# pinned dev dependency; the compiler the repository uses.
versions="$(node -e '
const p = require("./package.json");
const floor = (name) => {
  const m = /^\^(\d+\.\d+\.\d+)$/.exec(p.peerDependencies[name] || "");
  if (!m) throw new Error(`peerDependencies.${name} is not of the form ^X.Y.Z: ${p.peerDependencies[name]}`);
  if (m[1] === p.devDependencies[name]) throw new Error(`the lower bound of ${name} ${m[1]} is also the dev dependency: test another version`);
  return m[1];
};
console.log(floor("cdk8s"), floor("constructs"), p.devDependencies.typescript);
')"
read -r cdk8s constructs typescript <<< "$versions"
echo "consumer check: cdk8s $cdk8s, constructs $constructs, typescript $typescript"

# lib/ up to date (an incremental no-op when it already is), without compiled files of removed
# sources (an incremental build keeps them; `npm pack` and `npm publish` start from a clean lib/).
npm run --silent build
node -e '
const fs = require("fs"), path = require("path");
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
for (const f of walk("lib/src").filter((f) => /\.(js|d\.ts)$/.test(f))) {
  if (!fs.existsSync(f.replace(/^lib\//, "").replace(/\.(js|d\.ts)$/, ".ts"))) fs.rmSync(f);
}'
npm pack --ignore-scripts --silent --json --pack-destination "$tmp" > "$tmp/pack.json"
node - "$tmp/pack.json" <<'JS'
const fs = require('fs');
const [pack] = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const files = pack.files.map((f) => f.path);
const problems = [];
for (const must of ['package.json', 'README.md', 'lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/pulumi/index.js', 'lib/src/pulumi/index.d.ts', 'lib/src/cloud/aws/index.js', 'lib/src/cloud/aws/index.d.ts', 'lib/src/cloud/gcp/index.js', 'lib/src/cloud/azure/index.js', 'lib/src/cloud/alicloud/index.js', 'lib/src/cli/main.js', 'schema/argo-stack.schema.json']) {
  if (!files.includes(must)) problems.push(`missing ${must}`);
}
const allowed = (f) => ['package.json', 'README.md', 'LICENSE', 'schema/argo-stack.schema.json'].includes(f) || /^lib\/src\/.+\.(js|d\.ts)$/.test(f);
for (const f of files.filter((f) => !allowed(f))) problems.push(`unexpected ${f}`);
// Every compiled file comes from a source file that still exists (no leftovers of removed modules).
for (const f of files.filter((f) => /^lib\/src\/.+\.(js|d\.ts)$/.test(f))) {
  const source = f.replace(/^lib\//, '').replace(/\.(js|d\.ts)$/, '.ts');
  if (!fs.existsSync(source)) problems.push(`${f} has no source ${source} (stale build output: rebuild lib/ from scratch)`);
}
if (problems.length) {
  console.log(`consumer check: the tarball ${pack.filename} is wrong:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`consumer check: ${pack.filename}, ${files.length} files, ${(pack.size / 1024).toFixed(0)} KiB`);
JS
tarball="$tmp/$(node -p "require(process.argv[1])[0].filename" "$tmp/pack.json")"

# A fresh cdk8s app: plain package.json and tsconfig, no @types/node.
app="$tmp/app"
mkdir -p "$app/src"
cat > "$app/package.json" <<'JSON'
{ "name": "consumer-app", "version": "0.0.0", "private": true }
JSON
cat > "$app/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "lib": ["ES2022"],
    "strict": true,
    "skipLibCheck": false,
    "rootDir": "src",
    "outDir": "out"
  },
  "include": ["src"]
}
JSON
cat > "$app/tsconfig.node16.json" <<'JSON'
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "module": "node16", "moduleResolution": "node16", "noEmit": true }
}
JSON
cat > "$app/src/main.ts" <<'TS'
import { App, Chart, JsonPatch } from 'cdk8s';
import { ArgoWorkflows, AuthMode, synthesize } from 'argo-stack';

const app = new App();
const chart = new Chart(app, 'argo');
const argo = new ArgoWorkflows(chart, 'argo', {
  namespace: 'argo',
  server: { authModes: [AuthMode.CLIENT] },
  workflowNamespaces: [{ name: 'argo' }],
});
argo.controller.deployment.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));

synthesize(app, 'dist');

/** Never called: the options are typed, not `any`. */
export function mistyped(): void {
  // @ts-expect-error a namespace is a string
  new ArgoWorkflows(new Chart(app, 'mistyped'), 'argo', { namespace: 3 });
}
TS

cd "$app"
# --omit=optional: cdk8s 2.68.x lists the `backport` CLI as an optional dependency, some 200
# packages that cdk8s never loads.
echo "consumer check: npm install"
npm install --no-audit --no-fund --save-exact --prefer-offline --omit=optional --loglevel=error \
  "$tarball" "cdk8s@$cdk8s" "constructs@$constructs" "typescript@$typescript"

echo "consumer check: tsc --strict, skipLibCheck false (module commonjs, then node16)"
node_modules/.bin/tsc -p tsconfig.json
node_modules/.bin/tsc -p tsconfig.node16.json

echo "consumer check: run the app"
node out/main.js

echo "consumer check: npx argo-stack --help"
help="$(npx --no-install argo-stack --help)"
case "$help" in
  "argo-stack: "*"Usage: argo-stack <command> [options]"*) ;;
  *) echo "consumer check: npx argo-stack --help printed:"; echo "$help"; exit 1 ;;
esac
npx --no-install argo-stack validate --help > /dev/null

node - "$cdk8s" "$constructs" <<'JS'
const fs = require('fs');
const path = require('path');
const { parseAllDocuments } = require('yaml');
const [cdk8sVersion, constructsVersion] = process.argv.slice(2);
const app = process.cwd();
const problems = [];

// What the tarball's code loads: the app's own cdk8s and constructs, once; no kubernetes-models
// (its types only), no cdk8s-plus.
const before = new Set(Object.keys(require.cache));
require(require.resolve('argo-stack', { paths: [app] }));
const loaded = Object.keys(require.cache).filter((f) => !before.has(f));
const packages = new Set(loaded.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path.relative(app, f))?.[1]).filter(Boolean));
for (const [name, version] of [['cdk8s', cdk8sVersion], ['constructs', constructsVersion]]) {
  const copies = [...new Set(loaded.filter((f) => f.includes(`/node_modules/${name}/`)).map((f) => f.slice(0, f.indexOf(`/node_modules/${name}/`))))];
  const installed = require(path.join(app, 'node_modules', name, 'package.json')).version;
  if (copies.length !== 1 || copies[0] !== app || installed !== version) problems.push(`${name}: expected the app's ${version} once, loaded from ${JSON.stringify(copies)} (installed ${installed})`);
}
for (const name of packages) if (/kubernetes-models|cdk8s-plus|^@pulumi\//.test(name)) problems.push(`loads ${name} at run time`);
// The Pulumi packages are optional peers: a cdk8s-only install gets none of them.
if (fs.existsSync(path.join(app, 'node_modules', '@pulumi'))) problems.push(`installed ${fs.readdirSync(path.join(app, 'node_modules', '@pulumi')).map((n) => `@pulumi/${n}`).join(', ')} without asking`);

// The objects the user chart wrote.
const objects = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.yaml')) for (const d of parseAllDocuments(fs.readFileSync(p, 'utf8'))) if (d.contents) objects.push({ file: path.relative(app, p), obj: d.toJSON() });
  }
};
walk(path.join(app, 'dist'));
const find = (kind, name) => objects.find(({ obj }) => obj.kind === kind && obj.metadata?.name === name && obj.metadata?.namespace === 'argo');
const expect = (what, ok) => { if (!ok) problems.push(what); };

const server = find('Deployment', 'argo-server');
const controller = find('Deployment', 'workflow-controller');
const serverContainer = server?.obj.spec.template.spec.containers[0];
expect('Deployment argo/argo-server in dist/argo/20-argo-server.yaml', server?.file === 'dist/argo/20-argo-server.yaml');
expect('argo-server image quay.io/argoproj/argocli:v4.1.2', serverContainer?.image === 'quay.io/argoproj/argocli:v4.1.2');
expect('argo-server args --auth-mode=client', serverContainer?.args?.includes('--auth-mode=client') && !serverContainer.args.includes('--auth-mode=server'));
expect('Deployment argo/workflow-controller in dist/argo/10-workflow-controller.yaml', controller?.file === 'dist/argo/10-workflow-controller.yaml');
expect('workflow-controller image quay.io/argoproj/workflow-controller:v4.1.2', controller?.obj.spec.template.spec.containers[0].image === 'quay.io/argoproj/workflow-controller:v4.1.2');
expect('workflow-controller patched through its handle: revisionHistoryLimit 3', controller?.obj.spec.revisionHistoryLimit === 3);
expect('ConfigMap argo/workflow-controller-configmap', !!find('ConfigMap', 'workflow-controller-configmap'));
expect('Namespace argo', objects.some(({ obj }) => obj.kind === 'Namespace' && obj.metadata?.name === 'argo'));

if (problems.length) {
  console.log(`consumer check: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`consumer check: ${objects.length} objects in ${new Set(objects.map((o) => o.file)).size} files, as expected; argo-stack loads cdk8s ${cdk8sVersion} and constructs ${constructsVersion} of the app`);
JS

[ "${SKIP_PULUMI:-}" = 1 ] && exit 0

# The Pulumi side: the same app with the Pulumi packages (the versions this repository tests with)
# compiles a program that imports argo-stack/pulumi, under both resolutions, and loads it.
pulumi_versions="$(node -p '["pulumi", "kubernetes", "random"].map((n) => `@pulumi/${n}@${require(process.argv[1]).devDependencies[`@pulumi/${n}`]}`).join(" ")' "$repo/package.json")"
echo "consumer check: npm install $pulumi_versions"
# shellcheck disable=SC2086
npm install --no-audit --no-fund --save-exact --prefer-offline --loglevel=error $pulumi_versions
cat > src/stack.ts <<'TS'
import * as k8s from '@pulumi/kubernetes';
import { ArgoWorkflowsRelease, ARGO_WORKFLOWS_TYPE, pulumiCredentials, toObjects, ValidationError } from 'argo-stack/pulumi';
import type { ArgoWorkflowsReleaseArgs } from 'argo-stack/pulumi';

/** Never called: the program only has to compile. */
export function stack(provider: k8s.Provider): ArgoWorkflowsRelease {
  const db = pulumiCredentials('db', { namespace: 'argo', secretName: 'argo-postgres-config', keys: { username: 'argo', password: provider.urn }, provider });
  const args: ArgoWorkflowsReleaseArgs = { provider, props: { persistence: { postgres: { inCluster: {}, credentials: db.credentials } } } };
  // @ts-expect-error props are typed
  new ArgoWorkflowsRelease('mistyped', { props: { namespace: 3 } });
  return new ArgoWorkflowsRelease('argo', args);
}
export const facts = { type: ARGO_WORKFLOWS_TYPE, objects: toObjects({}).length, error: ValidationError.name };
TS
echo "consumer check: argo-stack/pulumi with tsc --strict, skipLibCheck false (module commonjs, then node16)"
node_modules/.bin/tsc -p tsconfig.json
node_modules/.bin/tsc -p tsconfig.node16.json
node -e '
const m = require("./out/stack.js");
if (m.facts.type !== "argo-stack:kubernetes:ArgoWorkflows" || m.facts.objects < 10 || m.facts.error !== "ValidationError") throw new Error(`argo-stack/pulumi: ${JSON.stringify(m.facts)}`);
console.log(`consumer check: argo-stack/pulumi loads, ${m.facts.objects} objects for {}`);'
