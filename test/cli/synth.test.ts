import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { PRESETS } from '../../examples';
import { buildApp, existingSecretHints, Preset, runSynth, synthOutdir } from '../../src/cli/synth';
import { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import { Credentials } from '../../src/config/credentials';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';

describe('existingSecretHints', () => {
  test('the presets: external-db and ha the database Secret (external-db its CA bundle too), gateway the CA of argo-server, sso the SSO client Secret', () => {
    expect(existingSecretHints(buildApp(PRESETS))).toEqual({
      'external-db': [
        'kubectl create secret generic argo-postgres-config -n argo --from-literal=username=... --from-literal=password=...',
        'kubectl create configmap rds-ca -n argo --from-file=global-bundle.pem=<CA bundle file>',
      ],
      gateway: ['kubectl create configmap argo-server-ca -n argo --from-file=ca.crt=<CA file>'],
      ha: ['kubectl create secret generic argo-postgres-config -n argo --from-literal=username=... --from-literal=password=...'],
      sso: ['kubectl create secret generic argo-workflows-sso -n argo --from-literal=client-id=... --from-literal=client-secret=...'],
    });
  });

  test('one line per namespace that needs an existing Secret; generated ones are not listed', () => {
    const app = new App();
    new ArgoWorkflows(new Chart(app, 'teams'), 'argo', {
      workflowNamespaces: [{ name: 'team-a' }, { name: 'team-b' }],
      minio: true,
      secrets: [{ name: 's3-cred', keys: ['accessKey', 'secretKey'], credentials: Credentials.existing() }],
      artifactRepositories: {
        repositories: {
          aws: ArtifactRepository.s3({
            bucket: 'team-bucket', accessKeySecret: { name: 's3-cred', key: 'accessKey' }, secretKeySecret: { name: 's3-cred', key: 'secretKey' },
          }),
        },
      },
    });
    expect(existingSecretHints(app)).toEqual({
      teams: [
        'kubectl create secret generic s3-cred -n team-a --from-literal=accessKey=... --from-literal=secretKey=...',
        'kubectl create secret generic s3-cred -n team-b --from-literal=accessKey=... --from-literal=secretKey=...',
      ],
    });
  });
});

describe('buildApp', () => {
  test('one chart per preset, in the order given', () => {
    expect(buildApp(PRESETS).charts.map((c) => c.node.id)).toEqual(PRESETS.map((p) => p.name));
    expect(buildApp([...PRESETS].reverse()).charts.map((c) => c.node.id)).toEqual(PRESETS.map((p) => p.name).reverse());
    expect(buildApp([]).charts).toEqual([]);
  });
});

describe('synthOutdir', () => {
  test('the first argument, else CDK8S_OUTDIR, else dist', () => {
    expect(synthOutdir(['out', 'more'], { CDK8S_OUTDIR: 'cdk8s.out' })).toBe('out');
    expect(synthOutdir([], { CDK8S_OUTDIR: 'cdk8s.out' })).toBe('cdk8s.out');
    expect(synthOutdir([], {})).toBe('dist');
  });
});

describe('runSynth', () => {
  let parent: string;
  let out: string;
  const output = { stdout: '', stderr: '' };
  const io = { stdout: (t: string) => { output.stdout += t; }, stderr: (t: string) => { output.stderr += t; } };

  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'argo-stack-cli-'));
    out = path.join(parent, 'out');
    output.stdout = '';
    output.stderr = '';
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  const preset = (name: string, build: (chart: Chart) => void): Preset => ({
    name, source: `examples/${name}.ts`, build: (app) => {
      const chart = new Chart(app, name);
      build(chart);
      return chart;
    },
  });

  test('the presets: exit code 0, every file written, then the hints', () => {
    expect(runSynth(PRESETS, out, io)).toBe(0);
    expect(output.stderr).toBe('');
    expect(output.stdout).toBe([
      `argo-stack: wrote 87 files for 11 presets to ${out}/`,
      `${out}/external-db/ expects these to exist before it is applied:`,
      '  kubectl create secret generic argo-postgres-config -n argo --from-literal=username=... --from-literal=password=...',
      '  kubectl create configmap rds-ca -n argo --from-file=global-bundle.pem=<CA bundle file>',
      `${out}/gateway/ expects these to exist before it is applied:`,
      '  kubectl create configmap argo-server-ca -n argo --from-file=ca.crt=<CA file>',
      `${out}/sso/ expects these to exist before it is applied:`,
      '  kubectl create secret generic argo-workflows-sso -n argo --from-literal=client-id=... --from-literal=client-secret=...',
      `${out}/ha/ expects these to exist before it is applied:`,
      '  kubectl create secret generic argo-postgres-config -n argo --from-literal=username=... --from-literal=password=...',
      '',
    ].join('\n'));
    expect(fs.readdirSync(out).sort()).toEqual(['.argo-stack', ...PRESETS.map((p) => p.name)].sort());
    expect(fs.readFileSync(path.join(out, 'cluster', '00-namespaces.yaml'), 'utf8'))
      .toMatch(/^# Generated by argo-stack from examples\/cluster\.ts\. Do not edit: change the program and run npm run synth\.\n---\n/);
    for (const p of PRESETS) {
      expect(fs.readFileSync(path.join(out, p.name, 'README.md'), 'utf8').split('\n')[0])
        .toBe(`<!-- Generated by argo-stack from ${p.source}. Do not edit: change the program and run npm run synth. -->`);
    }
    // The README names the output folder in its commands.
    expect(fs.readFileSync(path.join(out, 'cluster', 'README.md'), 'utf8')).toContain('kubectl apply --server-side -f out/cluster/\n');
  });

  test('a failure: exit code 1, the error on stderr, the output folder untouched', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'kept\n');
    const bad = preset('bad', (chart) => new ArgoWorkflows(chart, 'argo', { server: { baseHref: 'argo' } }));
    expect(runSynth([preset('good', (chart) => new ArgoWorkflows(chart, 'argo')), bad], out, io)).toBe(1);
    expect(output.stdout).toBe('');
    expect(output.stderr).toBe([
      `argo-stack: synth failed, ${out}/ left unchanged`,
      'server.baseHref "argo" is invalid: it must start and end with "/" (argo-server builds "<baseHref>oauth2/callback" and scopes its cookie to it). Fix: use "/argo/"',
      '',
    ].join('\n'));
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
  });

  test('a thrown non-Error is printed as text', () => {
    const thrower: Preset = { name: 'x', source: 'examples/x.ts', build: () => { throw 'not an Error'; } };
    expect(runSynth([thrower], out, io)).toBe(1);
    expect(output.stderr).toBe(`argo-stack: synth failed, ${out}/ left unchanged\nnot an Error\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('run by cdk8s synth (CDK8S_OUTDIR is the output folder): says the CLI emptied it', () => {
    const thrower: Preset = { name: 'x', source: 'examples/x.ts', build: () => { throw new Error('broken'); } };
    expect(runSynth([thrower], out, io, { CDK8S_OUTDIR: out })).toBe(1);
    expect(output.stderr).toBe(`argo-stack: synth failed, and ${out}/ is now empty: cdk8s synth removed it before running this program (npm run synth leaves it unchanged on failure)\nbroken\n`);
    output.stderr = '';
    expect(runSynth([thrower], out, io, { CDK8S_OUTDIR: 'elsewhere' })).toBe(1);
    expect(output.stderr).toBe(`argo-stack: synth failed, ${out}/ left unchanged\nbroken\n`);
  });
});
