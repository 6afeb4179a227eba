/**
 * `argo-stack synth -f <options file> -o <dir>`: writes the install an options file describes to
 * `<dir>/<name>/`, exactly as `synthesize()` does for a program (the same layout, headers naming
 * the options file, the same all-or-nothing write that refuses folders argo-stack does not own).
 */
import * as path from 'node:path';
import { required, type CommandSpec } from '../args';
import { EXIT, messageOf, type Command } from '../command';
import { renderApp, writeAtomically } from '../../render';
import { existingSecretHints } from '../synth';
import { chartName, optionsApp, problemLines } from './options-app';

const spec: CommandSpec = {
  name: 'synth',
  summary: 'Write the manifests an options file describes to a folder',
  usage: 'synth -f <options file> -o <dir> [--name <chart>]',
  description: `
Validates the options file, renders every object and writes them to <dir>/<chart>/ as
NN-<component>.yaml files and a README, in apply order. All or nothing: on any error nothing is
written. argo-stack replaces and deletes only the files it wrote before (listed in <dir>/.argo-stack)
and refuses a folder that holds files it did not write.`,
  positionals: [],
  flags: [
    { name: 'file', short: 'f', value: '<options file>', help: 'The options file, YAML or JSON.' },
    { name: 'output', short: 'o', value: '<dir>', help: 'The output folder, e.g. dist.' },
    { name: 'name', value: '<chart>', help: 'The chart folder under <dir>. Default: the options file name without its extension.' },
  ],
  examples: ['argo-stack synth -f argo.yaml -o dist', 'kubectl apply --server-side -f dist/argo/'],
};

export const synthCommand: Command = {
  spec,
  run: (args, io) => {
    const file = required(args, spec, 'file');
    const outdir = required(args, spec, 'output');
    const name = typeof args.flags.name === 'string' ? args.flags.name : undefined;
    let files: Record<string, string>;
    let hints: string[][];
    try {
      const chart = chartName(file, name);
      const app = optionsApp(file, chart);
      files = renderApp(app, { [chart]: file }, path.basename(path.resolve(outdir)));
      hints = Object.values(existingSecretHints(app));
    } catch (e) {
      io.stderr(`argo-stack synth: nothing written, ${outdir}/ left unchanged\n${problemLines(e, file).map((l) => `${l}\n`).join('')}`);
      return EXIT.FAILED;
    }
    try {
      writeAtomically(outdir, files);
    } catch (e) {
      io.stderr(`argo-stack synth: nothing written, ${outdir}/ left unchanged\n${messageOf(e)}\n`);
      return EXIT.FAILED;
    }
    const chartDir = `${outdir}/${Object.keys(files)[0].split('/')[0]}/`;
    io.stdout(`argo-stack: wrote ${Object.keys(files).length} files to ${chartDir}\n`);
    for (const lines of hints) io.stdout(`${chartDir} expects these to exist before it is applied:\n${lines.map((l) => `  ${l}\n`).join('')}`);
    return EXIT.OK;
  },
};
