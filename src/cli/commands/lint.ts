/** `argo-stack lint <dir>`: the manifest policy checks of `src/policy/` over a folder of manifests. */
import * as fs from 'node:fs';
import type { CommandSpec } from '../args';
import { EXIT, type Command } from '../command';
import { reportLint } from '../lint-manifests';

const spec: CommandSpec = {
  name: 'lint',
  summary: 'Run the manifest policy checks (Pod Security, RBAC, Argo, network) on a folder',
  usage: 'lint <dir>',
  description: `
Checks every *.yaml and *.yml file under <dir>: Pod Security "restricted" for every pod, RBAC
without wildcards or escalation, Argo's own settings, NetworkPolicies. Each folder of YAML files is
checked as one install. Prints one line per finding and a summary; warnings alone pass. Exit code 1
when there is an error, or when <dir> holds no YAML file.`,
  positionals: [{ name: '<dir>', help: 'A folder of manifests, e.g. the output folder of synth.' }],
  flags: [],
  examples: ['argo-stack lint dist'],
};

export const lintCommand: Command = {
  spec,
  run: (args, io) => {
    const dir = args.positionals[0];
    if (!fs.existsSync(dir)) {
      io.stderr(`argo-stack lint: ${dir} does not exist\n`);
      return EXIT.FAILED;
    }
    return reportLint([dir], io) === 0 ? EXIT.OK : EXIT.FAILED;
  },
};
