/** `argo-stack validate -f <options file>`: every problem of an options file at once. */
import { required, type CommandSpec } from '../args';
import { EXIT, type Command } from '../command';
import { validateApp } from '../../render';
import { chartName, optionsApp, problemLines } from './options-app';

const spec: CommandSpec = {
  name: 'validate',
  summary: 'Check an options file and list every problem',
  usage: 'validate -f <options file>',
  description: `
Reads the options file and runs every rule synth runs (the same run-time validation as a
TypeScript program gets), without writing anything. Prints each problem on its own line, naming
the file, the option and the fix. Exit code 1 when there is any.`,
  positionals: [],
  flags: [{ name: 'file', short: 'f', value: '<options file>', help: 'The options file, YAML or JSON.' }],
  examples: ['argo-stack validate -f argo.yaml'],
};

export const validateCommand: Command = {
  spec,
  run: (args, io) => {
    const file = required(args, spec, 'file');
    try {
      validateApp(optionsApp(file, chartName(file, 'options')));
      io.stdout(`argo-stack: ${file} is valid\n`);
      return EXIT.OK;
    } catch (e) {
      const lines = problemLines(e, file);
      io.stderr(`${lines.map((l) => `${l}\n`).join('')}argo-stack validate: ${lines.length} problem${lines.length === 1 ? '' : 's'} in ${file}\n`);
      return EXIT.FAILED;
    }
  },
};
