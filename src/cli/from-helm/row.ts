/**
 * One row of the chart-to-argo-stack mapping: the chart values it reads, the argo-stack option
 * they become (for the README's table), and the conversion, or the reason they are not carried over.
 */
import type { Conversion } from './context';

export interface ChartMapping {
  /** The chart values, dotted; `{a,b}` lists several keys at one level (`server.ingress.{hosts,tls}`). */
  readonly chart: string;
  /** The argo-stack option they become, in Markdown, for the README's migration table. */
  readonly option: string;
  /** Set when the row carries nothing over: why. */
  readonly reason?: string;
  /** Writes the options (or not-carried entries) for the values of `chart` the file sets. */
  readonly convert?: (cx: Conversion) => void;
}

/** `a.{b,c}.d` → `a.b.d`, `a.c.d`. */
export function expandChartPaths(chart: string): string[] {
  const m = /^(.*?)\{([^}]*)\}(.*)$/.exec(chart);
  if (!m) return [chart];
  return m[2].split(',').flatMap((k) => expandChartPaths(`${m[1]}${k.trim()}${m[3]}`));
}

/** A row that carries nothing over. */
export function notCarried(chart: string, reason: string): ChartMapping {
  return { chart, option: `not carried over: ${reason}`, reason };
}

/** A row that copies one chart value to one option unchanged. */
export function same(chart: string, option: string, note = ''): ChartMapping {
  return { chart, option: `\`${option}\`${note ? ` ${note}` : ''}`, convert: (cx) => { const v = cx.get(chart); if (v !== undefined) cx.set(option, v, chart); } };
}
