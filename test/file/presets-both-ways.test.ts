/**
 * Every preset exists both ways: the program under examples/ and its options file
 * `examples/<preset>.yaml` (one YAML document per install) synthesize identical objects.
 */
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { PRESETS } from '../../examples';
import { readOptionsDocuments } from '../../src/cli/options-file';
import { ArgoWorkflows } from '../../src/k8s/argo-workflows';
import { toObjects } from '../../src/render/objects';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

describe.each(PRESETS.map((p) => [p.name, p] as const))('preset %s', (name, preset) => {
  test('its options file synthesizes the same objects as its program', () => {
    const fromProgram = toObjects(preset.build(new App()));
    const installs = readOptionsDocuments(path.join(EXAMPLES, `${name}.yaml`));
    const chart = new Chart(new App(), name);
    installs.forEach((props, i) => new ArgoWorkflows(chart, installs.length > 1 ? `install-${i}` : 'ArgoWorkflows', props));
    const fromFile = toObjects(chart);
    expect(fromFile.length).toBe(fromProgram.length);
    expect(fromFile).toEqual(fromProgram);
  });
});
