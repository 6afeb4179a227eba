/**
 * Every option the converter emits is an option argo-stack accepts: each fixture's conversion goes
 * through the options file reader and the resolver without error. The fixtures the converter
 * refuses on purpose (release-name-template, two-drivers) are left out; static S3 keys get their
 * `secrets` declaration (kept by the user) and validate too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHelm } from '../../src/cli/from-helm';
import { optionsFromData } from '../../src/config/file/convert';
import { resolveArgoWorkflows } from '../../src/config/resolve';

const dir = join(__dirname, 'fixtures');
const REFUSED = ['release-name-template.yaml', 'two-drivers.yaml'];

describe('from-helm output validates', () => {
  test.each(readdirSync(dir).filter((f) => f.endsWith('.yaml') && !REFUSED.includes(f)))('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const { options } = fromHelm(text, { file, namespace: 'argo' });
    const props = optionsFromData(JSON.parse(JSON.stringify(options)));
    expect(() => resolveArgoWorkflows(props)).not.toThrow();
  });
});

test('static S3 keys: the referenced Secret is declared as one the user keeps, and the options validate', () => {
  const values = [
    'artifactRepository:',
    '  s3:',
    '    bucket: argo-artifacts',
    '    endpoint: s3.amazonaws.com',
    '    accessKeySecret: { name: argo-s3, key: accesskey }',
    '    secretKeySecret: { name: argo-s3, key: secretkey }',
    '',
  ].join('\n');
  const { options } = fromHelm(values, { file: 'values.yaml', namespace: 'argo' });
  expect(options.secrets).toEqual([{ name: 'argo-s3', keys: ['accesskey', 'secretkey'], credentials: { existing: {} } }]);
  const props = optionsFromData(JSON.parse(JSON.stringify({ ...options, workflowNamespaces: [{ name: 'argo' }] })));
  expect(() => resolveArgoWorkflows(props)).not.toThrow();
});
