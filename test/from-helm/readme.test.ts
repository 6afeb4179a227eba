/**
 * The README's Helm migration table is the converter's own mapping: this test fails when they
 * differ. `UPDATE_README=1 npx jest test/from-helm/readme.test.ts` rewrites the README's section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmMigrationTable } from '../../src/cli/from-helm';

const README = join(__dirname, '..', '..', 'README.md');
const HEADING = '## Migrating from the argo-helm chart';

/** The README with the section under HEADING (up to the next `## `) replaced by `body`. */
function withSection(readme: string, body: string): string {
  const start = readme.indexOf(`${HEADING}\n`);
  if (start < 0) throw new Error(`README.md has no "${HEADING}" section`);
  const next = readme.indexOf('\n## ', start + HEADING.length);
  return `${readme.slice(0, start)}${HEADING}\n\n${body}\n${next < 0 ? '' : readme.slice(next)}`;
}

test('the README\'s migration table is generated from the from-helm mapping', () => {
  const readme = readFileSync(README, 'utf8');
  const expected = withSection(readme, helmMigrationTable());
  if (process.env.UPDATE_README === '1') writeFileSync(README, expected);
  expect(readme).toBe(expected);
});
