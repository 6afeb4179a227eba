/** A diff as text: the summary, the objects added, removed and changed, then the unsafe changes, loud. */
import { pathText } from './fields';
import type { Diff, Risk } from './types';

/** The longest value shown; longer ones are cut. */
const MAX_VALUE = 120;

function valueText(v: unknown, secret: boolean): string {
  if (secret) return '<redacted>';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 3)}...` : text;
}

/** Two texts of several lines: their sizes and the first line that differs. */
function textChange(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = (l: string | undefined) => (l === undefined ? 'none' : valueText(l, false));
  return `text of ${a.length} lines -> ${b.length} lines, from line ${i + 1}: ${line(a[i])} -> ${line(b[i])}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function riskLines(title: string, risks: readonly Risk[]): string[] {
  if (risks.length === 0) return [];
  return ['', `!!! ${title} (${risks.length}):`, ...risks.map((r) => `  ! ${r.object}${r.field ? ` ${r.field}` : ''}: ${r.message}`)];
}

/** The report `argo-stack diff` prints. */
export function formatDiff(d: Diff, oldDir: string, newDir: string): string {
  const lines = [
    `argo-stack diff ${oldDir} ${newDir}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged`,
  ];
  if (d.added.length) lines.push('', 'Added:', ...d.added.map((o) => `  + ${o}`));
  if (d.removed.length) lines.push('', 'Removed:', ...d.removed.map((o) => `  - ${o}`));
  if (d.changed.length) lines.push('', 'Changed:');
  for (const c of d.changed) {
    lines.push(`  ~ ${c.object}`);
    for (const f of c.changes) {
      const secret = c.kind === 'Secret' && ['data', 'stringData'].includes(f.segments[0]);
      const what = f.before === undefined ? `added ${valueText(f.after, secret)}`
        : f.after === undefined ? `removed (was ${valueText(f.before, secret)})`
          : !secret && typeof f.before === 'string' && typeof f.after === 'string' && (f.before.includes('\n') || f.after.includes('\n')) ? textChange(f.before, f.after)
            : `${valueText(f.before, secret)} -> ${valueText(f.after, secret)}`;
      lines.push(`      ${pathText(f.segments)}: ${what}`);
    }
  }
  lines.push(...riskLines('kubectl apply cannot make these changes', d.immutable));
  lines.push(...riskLines('These changes can lose data', d.dataLoss));
  return `${lines.join('\n')}\n`;
}

/** The last line: safe, or what is unsafe. */
export function verdict(d: Diff): string {
  if (d.immutable.length === 0 && d.dataLoss.length === 0) {
    return d.added.length + d.removed.length + d.changed.length === 0 ? 'argo-stack diff: no changes\n' : 'argo-stack diff: safe to apply\n';
  }
  const parts = [d.immutable.length ? `${plural(d.immutable.length, 'change')} kubectl apply cannot make` : '', d.dataLoss.length ? `${plural(d.dataLoss.length, 'change')} that can lose data` : ''].filter(Boolean);
  return `argo-stack diff: UNSAFE: ${parts.join(', ')}; read them above before applying\n`;
}
