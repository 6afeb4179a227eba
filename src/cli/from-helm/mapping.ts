/**
 * The whole mapping from argo-helm `argo-workflows` chart values to argo-stack options, in the
 * order of the README's migration table (which is generated from it: `helmMigrationTable()`).
 */
import { ARTIFACT_ROWS } from './mapping-artifacts';
import { CONTROLLER_ROWS } from './mapping-controller';
import { INSTALL_ROWS } from './mapping-install';
import { SERVER_ROWS } from './mapping-server';
import { ChartMapping, expandChartPaths } from './row';

export const CHART_MAPPING: readonly ChartMapping[] = [...INSTALL_ROWS, ...SERVER_ROWS, ...CONTROLLER_ROWS, ...ARTIFACT_ROWS];

/** Every chart value path the mapping covers (each covers what is below it). */
export const CHART_PATHS: readonly string[] = CHART_MAPPING.flatMap((row) => expandChartPaths(row.chart));

/** The chart version the mapping was written from. */
export const CHART_VERSION = '1.0.18';

/** Objects argo-stack names as upstream does, with the chart's name for a release `argo-workflows`. */
export const RENAMES: readonly (readonly [string, string, string])[] = [
  ['Deployment', 'argo-workflows-workflow-controller', 'workflow-controller'],
  ['Deployment', 'argo-workflows-server', 'argo-server'],
  ['Service', 'argo-workflows-server', 'argo-server'],
  ['ServiceAccount', 'argo-workflows-workflow-controller', 'argo'],
  ['ServiceAccount', 'argo-workflows-server', 'argo-server'],
  ['ServiceAccount (workflow namespaces)', 'argo-workflow', 'argo-workflow'],
  ['ConfigMap', 'argo-workflows-workflow-controller-configmap', 'workflow-controller-configmap'],
  ['ClusterRole', 'argo-workflows-view / -edit / -admin', 'argo-aggregate-to-view / -edit / -admin'],
];

const cell = (text: string) => text.replace(/\|/g, '\\|');
const chartCell = (chart: string) => `\`${chart}\``;

/** The README's migration table, from `CHART_MAPPING`. */
export function helmMigrationTable(): string {
  const rows = CHART_MAPPING.map((row) => `| ${cell(chartCell(row.chart))} | ${cell(row.option)} |`);
  const renames = RENAMES.map(([kind, chart, ours]) => `| ${kind} | \`${chart}\` | \`${ours}\` |`);
  return [
    `Values of the argo-helm \`argo-workflows\` chart (${CHART_VERSION}) and their argo-stack options, as \`argo-stack from-helm\` converts them`,
    '(generated from `src/cli/from-helm/`; `test/from-helm/readme.test.ts` keeps this table equal to it):',
    '',
    '| chart value | argo-stack option |',
    '|---|---|',
    ...rows,
    '',
    'Helm\'s release-name prefix is not carried over: argo-stack keeps upstream\'s names. For `kubectl` users (chart release `argo-workflows`):',
    '',
    '| kind | chart | argo-stack |',
    '|---|---|---|',
    ...renames,
  ].join('\n');
}
