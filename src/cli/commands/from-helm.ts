/**
 * `argo-stack from-helm <values.yaml> [--namespace <ns>]`: the options file for the values of an
 * argo-helm `argo-workflows` chart install, on stdout; what is not carried over, on stderr.
 */
import * as fs from 'node:fs';
import { stringify } from 'yaml';
import type { CommandSpec } from '../args';
import { EXIT, messageOf, type Command } from '../command';
import { fromHelm } from '../from-helm';

const spec: CommandSpec = {
  name: 'from-helm',
  summary: 'Convert values of the argo-helm argo-workflows chart into an options file',
  usage: 'from-helm <values.yaml> [--namespace <ns>]',
  description: `
Prints the argo-stack options file for a values file of the argo-helm "argo-workflows" chart on
stdout. Every chart value maps to an option or is listed on stderr as not carried over, with the
reason. argo-stack keeps Argo's upstream object names: the chart's release-name prefix is not
carried over.`,
  positionals: [{ name: '<values.yaml>', help: 'The chart values file (helm get values <release> -o yaml).' }],
  flags: [{ name: 'namespace', short: 'n', value: '<ns>', help: 'The namespace the chart was installed into (helm -n). Default: the values say, else "argo".' }],
  examples: ['argo-stack from-helm values.yaml -n argo > argo.yaml', 'argo-stack validate -f argo.yaml'],
};

export const fromHelmCommand: Command = {
  spec,
  run: (args, io) => {
    const file = args.positionals[0];
    const namespace = typeof args.flags.namespace === 'string' ? args.flags.namespace : undefined;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(`argo-stack from-helm: ${file} cannot be read: ${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : messageOf(e)}\n`);
      return EXIT.FAILED;
    }
    try {
      const result = fromHelm(text, { file, ...(namespace === undefined ? {} : { namespace }) });
      io.stdout(`# argo-stack options converted from ${file} (argo-helm argo-workflows chart values).\n${stringify(result.options, { lineWidth: 0 })}`);
      if (result.notCarried.length) {
        io.stderr(`argo-stack from-helm: ${result.notCarried.length} value${result.notCarried.length === 1 ? ' is' : 's are'} not carried over:\n${result.notCarried.map((n) => `  ${n.value}: ${n.reason}\n`).join('')}`);
      }
      return EXIT.OK;
    } catch (e) {
      io.stderr(`argo-stack from-helm: ${messageOf(e)}\n`);
      return EXIT.FAILED;
    }
  },
};
