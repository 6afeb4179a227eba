import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintPaths } from '../../src/cli/lint-manifests';
import { err } from './fixtures';

describe('lint-manifests CLI', () => {
  test('reports findings with their file, per folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-manifests-'));
    try {
      fs.mkdirSync(path.join(dir, 'a'));
      fs.writeFileSync(path.join(dir, 'a', '00-rbac.yaml'), [
        '# comment', '---',
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: all', 'rules:',
        '  - apiGroups: [""]', '    resources: [pods]', '    verbs: ["*"]', '---', '',
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'a', '01-ok.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: x\n');
      fs.writeFileSync(path.join(dir, 'a', 'notes.txt'), 'not yaml: [');
      const result = lintPaths([dir]);
      expect(result.files).toBe(2);
      expect(result.objects).toBe(2);
      expect(result.findings).toEqual([{
        ...err('rbac/wildcard', 'rules[0].verbs contains "*". Fix: list the verbs the component needs', 'ClusterRole//all'),
        file: path.join(dir, 'a', '00-rbac.yaml'),
      }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
