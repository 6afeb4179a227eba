/**
 * `argo-stack diff <old-dir> <new-dir>`: what applying a new output over an old one changes, and
 * whether it is safe. Exit code 0 when safe, 2 when a change cannot be applied or can lose data.
 */
import type { CommandSpec } from '../args';
import { EXIT, messageOf, type Command } from '../command';
import { diffManifests, formatDiff, isSafe, verdict } from '../diff';
import { readOutputFolder } from '../read-output';

const spec: CommandSpec = {
  name: 'diff',
  summary: 'Compare two synth outputs; flag changes kubectl apply cannot make or that can lose data',
  usage: 'diff <old-dir> <new-dir>',
  description: `
Compares the objects of two output folders of argo-stack synth, chart by chart: objects added,
removed and changed, with the paths of the fields that changed. Then lists, apart, the changes
kubectl apply cannot make (immutable fields: Deployment, StatefulSet and DaemonSet selectors, a
StatefulSet's volumeClaimTemplates, serviceName and podManagementPolicy, a Job's template, a
Service's clusterIP, a volume claim's spec, a binding's roleRef, ...) and the changes that can lose
data (a volume claim, a namespace, a CRD or a StatefulSet holding PostgreSQL, MySQL or MinIO data
removed, the workflow archive or an artifact repository removed or pointed elsewhere).

Exit code: 0 when every change is safe to apply, 2 when any is not, 1 on any other error.`,
  positionals: [
    { name: '<old-dir>', help: 'The output folder applied today (e.g. the committed dist/).' },
    { name: '<new-dir>', help: 'The output folder to apply next (e.g. a fresh synth).' },
  ],
  flags: [],
  examples: ['argo-stack synth -f argo.yaml -o /tmp/next && argo-stack diff dist /tmp/next'],
};

export const diffCommand: Command = {
  spec,
  run: (args, io) => {
    const [oldDir, newDir] = args.positionals;
    try {
      const d = diffManifests(readOutputFolder(oldDir), readOutputFolder(newDir));
      io.stdout(formatDiff(d, oldDir, newDir));
      if (isSafe(d)) {
        io.stdout(verdict(d));
        return EXIT.OK;
      }
      io.stderr(verdict(d));
      return EXIT.UNSAFE;
    } catch (e) {
      io.stderr(`argo-stack diff: ${messageOf(e)}\n`);
      return EXIT.FAILED;
    }
  },
};
