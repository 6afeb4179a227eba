/**
 * The `argo-stack` command as a user runs it: the compiled `lib/src/cli/main.js` (built first,
 * incrementally, with the project's tsc), in a temporary folder, with exact exit codes, stdout and
 * stderr. Output folders to diff are written in-process through the same `main`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helpText } from '../../src/cli/args';
import { COMMANDS, main, topHelp } from '../../src/cli/main';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'lib/src/cli/main.js');

let tmp: string;

beforeAll(() => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', ROOT], { stdio: 'pipe' });
}, 240_000);
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-cli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the compiled command in the temporary folder. */
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `main` in-process (for writing the folders a test diffs). */
function inProcess(...args: string[]): number {
  const cwd = process.cwd();
  process.chdir(tmp);
  try {
    return main(args, { stdout: () => undefined, stderr: (t) => { throw new Error(t); } });
  } finally {
    process.chdir(cwd);
  }
}

const write = (file: string, text: string) => fs.writeFileSync(path.join(tmp, file), text);

const BASE = 'namespace: argo\nworkflowNamespaces:\n  - name: argo\n';
const WITH_DATA = `${BASE}persistence:\n  postgres:\n    inCluster: {}\nminio: true\n`;

describe('the package', () => {
  test('bin argo-stack is the compiled main, a node script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'argo-stack': 'lib/src/cli/main.js' });
    expect(fs.readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(cli('--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('help and usage mistakes', () => {
  test('--help, help <command> and <command> --help print on stdout, exit 0', () => {
    expect(cli('--help')).toEqual({ code: 0, stdout: topHelp(), stderr: '' });
    expect(topHelp()).toContain('  from-helm  Convert values of the argo-helm argo-workflows chart into an options file\n');
    for (const c of COMMANDS) {
      expect(cli(c.spec.name, '--help')).toEqual({ code: 0, stdout: helpText(c.spec), stderr: '' });
      expect(helpText(c.spec).split('\n')[0]).toBe(`Usage: argo-stack ${c.spec.usage}`);
    }
    expect(cli('help', 'diff').stdout).toBe(helpText(COMMANDS[2].spec));
  });

  test('no command: the help on stderr, exit 1', () => {
    expect(cli()).toEqual({ code: 1, stdout: '', stderr: topHelp() });
  });

  test('an unknown command or option, a missing or repeated value: exit 1 with did-you-mean', () => {
    expect(cli('synht')).toEqual({ code: 1, stdout: '', stderr: 'argo-stack: unknown command "synht"; did you mean "synth"?\nRun "argo-stack --help" for the commands.\n' });
    expect(cli('synth', '--ouput', 'x')).toEqual({ code: 1, stdout: '', stderr: 'argo-stack synth: unknown option "--ouput"; did you mean "--output"?\nRun "argo-stack synth --help" for its options.\n' });
    expect(cli('synth', '-f', 'a.yaml').stderr).toBe('argo-stack synth: argo-stack synth needs --output <dir>: argo-stack synth -f <options file> -o <dir> [--name <chart>]\nRun "argo-stack synth --help" for its options.\n');
    expect(cli('validate', '-f').stderr).toBe('argo-stack validate: option --file needs a value: --file <options file>\nRun "argo-stack validate --help" for its options.\n');
    expect(cli('validate', '-f', 'a', '--file=b').stderr).toBe('argo-stack validate: option --file is given twice; give it once\nRun "argo-stack validate --help" for its options.\n');
    expect(cli('diff', 'a')).toEqual({ code: 1, stdout: '', stderr: 'argo-stack diff: argo-stack diff needs <new-dir>: argo-stack diff <old-dir> <new-dir>\nRun "argo-stack diff --help" for its options.\n' });
    expect(cli('lint', 'a', 'b').stderr).toBe('argo-stack lint: argo-stack lint takes 1 argument (<dir>), got also "b"\nRun "argo-stack lint --help" for its options.\n');
  });
});

describe('validate and synth', () => {
  test('validate: a valid file, exit 0', () => {
    write('argo.yaml', BASE);
    expect(cli('validate', '-f', 'argo.yaml')).toEqual({ code: 0, stdout: 'argo-stack: argo.yaml is valid\n', stderr: '' });
  });

  test('validate: every problem on its own line naming the file, exit 1', () => {
    write('bad.json', '{ "namespace": "argo", "server": { "baseHref": "argo" }, "persistence": { "postgres": { "inCluster": { "storage": "lots" } } } }');
    expect(cli('validate', '-f', 'bad.json')).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'bad.json: server.baseHref "argo" is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "/argo/"',
        'bad.json: persistence.postgres.inCluster.storage "lots" is invalid: it must be a positive Kubernetes quantity of bytes, like "10Gi" or "500Mi". Fix: use a size like "10Gi" (binary suffixes are Ki, Mi, Gi, Ti)',
        'argo-stack validate: 2 problems in bad.json',
        '',
      ].join('\n'),
    });
  });

  test('validate: a file that is not YAML (line and column), one that is missing, one that is a list', () => {
    write('broken.yaml', 'namespace: argo\nserver: [1\n');
    expect(cli('validate', '-f', 'broken.yaml').stderr)
      .toBe('broken.yaml: line 3, column 1: it is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix: indent the lines of one mapping or list alike\nargo-stack validate: 1 problem in broken.yaml\n');
    expect(cli('validate', '-f', 'missing.yaml')).toEqual({ code: 1, stdout: '', stderr: 'missing.yaml: cannot read it: there is no such file. Fix: give the path of an options file (.yaml, .yml or .json)\nargo-stack validate: 1 problem in missing.yaml\n' });
    write('list.yaml', '- a\n');
    expect(cli('validate', '-f', 'list.yaml').stderr).toBe('list.yaml: options "<list>" is invalid: the options are one mapping of option names to values (ArgoWorkflowsProps). Fix: write the options as a mapping, e.g. "namespace: argo"\nargo-stack validate: 1 problem in list.yaml\n');
  });

  test('synth: the same layout and headers as a program, naming the options file; then lint passes', () => {
    write('argo.yaml', WITH_DATA);
    expect(cli('synth', '-f', 'argo.yaml', '-o', 'out')).toEqual({ code: 0, stdout: 'argo-stack: wrote 11 files to out/argo/\n', stderr: '' });
    expect(fs.readFileSync(path.join(tmp, 'out/.argo-stack'), 'utf8').split('\n').slice(1, 4)).toEqual(['argo/00-namespaces.yaml', 'argo/01-crds.yaml', 'argo/02-network-policies.yaml']);
    expect(fs.readdirSync(path.join(tmp, 'out/argo'))).toEqual([
      '00-namespaces.yaml', '01-crds.yaml', '02-network-policies.yaml', '05-credentials.yaml', '06-postgres.yaml', '07-minio.yaml',
      '10-workflow-controller.yaml', '20-argo-server.yaml', '30-workflow-namespaces.yaml', '31-artifact-repositories.yaml', 'README.md',
    ]);
    expect(fs.readFileSync(path.join(tmp, 'out/argo/06-postgres.yaml'), 'utf8').split('\n')[0])
      .toBe('# Generated by argo-stack from argo.yaml. Do not edit: change argo.yaml and run argo-stack synth.');
    expect(fs.readFileSync(path.join(tmp, 'out/argo/README.md'), 'utf8').split('\n')[0])
      .toBe('<!-- Generated by argo-stack from argo.yaml. Do not edit: change argo.yaml and run argo-stack synth. -->');
    const lint = cli('lint', 'out');
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(/^lint-manifests: 10 files, \d+ objects, 0 errors, 0 warnings\n$/);
    expect(cli('synth', '-f', 'argo.yaml', '-o', 'out', '--name', 'prod').stdout).toBe('argo-stack: wrote 11 files to out/prod/\n');
  });

  test('synth: invalid options or a folder argo-stack does not own: nothing written, exit 1', () => {
    write('argo.yaml', BASE);
    fs.mkdirSync(path.join(tmp, 'mine'));
    write('mine/notes.txt', 'mine\n');
    expect(cli('synth', '-f', 'argo.yaml', '-o', 'mine')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'argo-stack synth: nothing written, mine/ left unchanged\noutput folder "mine" is invalid: it already holds files argo-stack did not write ("notes.txt") and no .argo-stack record of files it wrote. Fix: write to a new or empty folder, or move those files out\n',
    });
    expect(fs.readdirSync(path.join(tmp, 'mine'))).toEqual(['notes.txt']);
    write('Bad Name.yaml', 'namespace: argo\nbogus: 1\n');
    expect(cli('synth', '-f', 'Bad Name.yaml', '-o', 'out').stderr).toBe('argo-stack synth: nothing written, out/ left unchanged\nBad Name.yaml: chart name (the options file name without its extension; choose another with --name) "Bad Name" is invalid: it names a folder under the output folder, so it must be one folder name: at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit (an RFC 1123 label; no "/", "\\", "." or ".."). Fix: use "bad-name"\n');
    expect(cli('synth', '-f', 'Bad Name.yaml', '-o', 'out', '--name', 'ok').stderr).toMatch(/^argo-stack synth: nothing written, out\/ left unchanged\nBad Name\.yaml: bogus is not an option argo-stack knows; allowed here: namespace, .*\. Fix: remove bogus\n$/);
    expect(fs.existsSync(path.join(tmp, 'out'))).toBe(false);
  });
});

describe('diff', () => {
  /** Writes the options to `<dir>/argo/` in-process. */
  const synth = (dir: string, options: string) => {
    write(`${dir}.yaml`, options);
    expect(inProcess('synth', '-f', `${dir}.yaml`, '-o', dir, '--name', 'argo')).toBe(0);
  };

  test('only safe changes: the changes with their paths, exit 0', () => {
    synth('old', BASE);
    synth('new', `${BASE}server:\n  replicas: 2\ncontroller:\n  logLevel: debug\n`);
    expect(cli('diff', 'old', 'new')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'argo-stack diff old new: 1 added, 0 removed, 2 changed, 28 unchanged',
        '',
        'Added:',
        '  + argo: PodDisruptionBudget argo/argo-server',
        '',
        'Changed:',
        '  ~ argo: Deployment argo/argo-server',
        '      spec.replicas: 1 -> 2',
        '  ~ argo: Deployment argo/workflow-controller',
        '      spec.template.spec.containers[workflow-controller].args: ["--executor-image=quay.io/argoproj/argoexec:v4.1.2"] -> ["--executor-image=quay.io/argoproj/argoexec:v4.1.2","--loglevel=debug"]',
        'argo-stack diff: safe to apply',
        '',
      ].join('\n'),
    });
    expect(cli('diff', 'old', 'old').stdout).toBe('argo-stack diff old old: 0 added, 0 removed, 0 changed, 30 unchanged\nargo-stack diff: no changes\n');
  });

  test('an immutable field changed: listed apart, exit 2', () => {
    synth('old', BASE);
    synth('new', BASE);
    const file = path.join(tmp, 'new/argo/20-argo-server.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  selector:\n    matchLabels:\n      app: argo-server\n', '  selector:\n    matchLabels:\n      app: argo-ui\n'));
    const r = cli('diff', 'old', 'new');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain([
      '  ~ argo: Deployment argo/argo-server',
      '      spec.selector.matchLabels.app: "argo-server" -> "argo-ui"',
      '',
      '!!! kubectl apply cannot make these changes (1):',
      '  ! argo: Deployment argo/argo-server spec.selector: the API server refuses the change (field is immutable), so kubectl apply fails: delete the object and apply again',
      '',
    ].join('\n'));
    expect(r.stderr).toBe('argo-stack diff: UNSAFE: 1 change kubectl apply cannot make; read them above before applying\n');
  });

  test('data-holding objects removed, a claim changed: the data-loss list, exit 2', () => {
    synth('old', WITH_DATA);
    synth('bigger', WITH_DATA.replace('inCluster: {}', 'inCluster:\n      storage: 20Gi'));
    synth('new', BASE);
    const bigger = cli('diff', 'old', 'bigger');
    expect(bigger.code).toBe(2);
    expect(bigger.stdout.slice(bigger.stdout.indexOf('!!!'))).toBe([
      '!!! kubectl apply cannot make these changes (1):',
      "  ! argo: StatefulSet argo/postgres spec.volumeClaimTemplates: a StatefulSet's spec may change only in replicas, template, updateStrategy, minReadySeconds, ordinals, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy: the API server refuses the change (field is immutable), so kubectl apply fails: delete the object and apply again (kubectl delete statefulset --cascade=orphan keeps its pods and volumes)",
      '',
      '!!! These changes can lose data (1):',
      '  ! argo: StatefulSet argo/postgres spec.volumeClaimTemplates: the volume claims of the StatefulSet holding the PostgreSQL database of the workflow archive change: recreated pods get new, empty volumes unless the claims keep their names',
      '',
    ].join('\n'));
    expect(bigger.stderr).toBe('argo-stack diff: UNSAFE: 1 change kubectl apply cannot make, 1 change that can lose data; read them above before applying\n');
    const removed = cli('diff', 'old', 'new');
    expect(removed.code).toBe(2);
    expect(removed.stdout).toContain('  - argo: StatefulSet argo/postgres\n');
    expect(removed.stdout.slice(removed.stdout.indexOf('!!!'))).toBe([
      '!!! These changes can lose data (4):',
      '  ! argo: ConfigMap argo/artifact-repositories data.minio: artifact repository "minio" (s3 endpoint minio:9000 bucket my-bucket) is removed: workflows can no longer read the artifacts stored there, and artifact GC no longer deletes them',
      '  ! argo: ConfigMap argo/workflow-controller-configmap data.persistence: the workflow archive and offloaded node status in postgresql postgres:5432/argo, table argo_workflows are no longer read: archived workflows disappear from the UI and API, and offloaded workflows cannot be read',
      '  ! argo: StatefulSet argo/minio: the StatefulSet holding the MinIO artifact storage is removed: its volume claims stay (whenDeleted: Retain), but nothing serves them',
      '  ! argo: StatefulSet argo/postgres: the StatefulSet holding the PostgreSQL database of the workflow archive is removed: its volume claims stay (whenDeleted: Retain), but nothing serves them',
      '',
    ].join('\n'));
    expect(removed.stderr).toBe('argo-stack diff: UNSAFE: 4 changes that can lose data; read them above before applying\n');
  });

  test('folders that are not argo-stack output are refused, exit 1', () => {
    synth('out', BASE);
    fs.mkdirSync(path.join(tmp, 'manifests'));
    write('manifests/app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(cli('diff', 'manifests', 'out')).toEqual({
      code: 1,
      stdout: '',
      stderr: "argo-stack diff: manifests is not argo-stack output: it has no .argo-stack record and no chart folder of files with argo-stack's generated header. Fix: pass folders written by argo-stack synth (or npm run synth)\n",
    });
    expect(cli('diff', 'out', 'out/argo').stderr).toBe('argo-stack diff: out/argo is a chart folder of argo-stack output, not an output folder. Fix: pass the output folder that holds it (out), for both sides\n');
    expect(cli('diff', 'out', 'nowhere').stderr).toBe('argo-stack diff: nowhere does not exist. Fix: pass two output folders of argo-stack synth\n');
  });
});

describe('lint and from-helm', () => {
  test('lint: a missing folder, a folder without YAML: exit 1', () => {
    expect(cli('lint', 'nowhere')).toEqual({ code: 1, stdout: '', stderr: 'argo-stack lint: nowhere does not exist\n' });
    fs.mkdirSync(path.join(tmp, 'empty'));
    expect(cli('lint', 'empty')).toEqual({ code: 1, stdout: 'lint-manifests: 0 files, 0 objects, 0 errors, 0 warnings\n', stderr: 'lint-manifests: no YAML files under empty\n' });
  });

  test('lint: an error found: exit 1', () => {
    fs.mkdirSync(path.join(tmp, 'bad'));
    write('bad/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: x\nspec:\n  containers:\n    - name: c\n      image: busybox\n');
    const r = cli('lint', 'bad');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ERROR {3}bad\/pod\.yaml Pod\/x\/p \[pss\//);
  });

  test('from-helm: the options on stdout, exit 0; a missing values file, exit 1', () => {
    write('values.yaml', 'server:\n  enabled: true\n');
    expect(cli('from-helm', 'values.yaml', '--namespace', 'argo')).toEqual({
      code: 0,
      stdout: '# argo-stack options converted from values.yaml (argo-helm argo-workflows chart values).\nnamespace: argo\n',
      stderr: [
        'argo-stack from-helm: 2 values are not carried over:',
        '  the Helm release name: argo-stack keeps upstream\'s names (workflow-controller, argo-server, workflow-controller-configmap, ...) instead of <release>-...: update scripts and kubectl commands (the README lists the renames)',
        '  server.enabled: equal to the chart\'s defaults, so read as unset: argo-stack\'s own defaults apply (Pod Security restricted, HTTPS, the Linux node selector, one replica, ...)',
        '',
      ].join('\n'),
    });
    expect(cli('from-helm', 'nope.yaml')).toEqual({ code: 1, stdout: '', stderr: 'argo-stack from-helm: nope.yaml cannot be read: it does not exist\n' });
  });
});
