/**
 * A structural check of the Mermaid flowcharts argo-stack writes (no Mermaid parser runs offline in
 * Node without a browser): the plain subset GitHub and GitLab render, `flowchart LR`, `subgraph id["label"]`
 * ... `end`, `id["label"]` and `id -->|"label"| id`, with valid, unique, declared ids and quoted labels
 * that hold no quote. Returns the problems found, none for a valid chart.
 */
const ID = '[A-Za-z][A-Za-z0-9_]*';
const LABEL = '"[^"]*"';
const RESERVED = new Set(['end', 'subgraph', 'graph', 'flowchart', 'direction', 'style', 'class', 'classdef', 'click', 'linkstyle', 'default', 'call', 'href']);

export interface MermaidShape {
  readonly problems: string[];
  readonly nodes: Map<string, string>;
  readonly subgraphs: Map<string, string>;
  readonly edges: [string, string, string][];
}

export function checkMermaid(text: string): MermaidShape {
  const problems: string[] = [];
  const nodes = new Map<string, string>();
  const subgraphs = new Map<string, string>();
  const edges: [string, string, string][] = [];
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines[0] !== 'flowchart LR') problems.push(`line 1 is ${JSON.stringify(lines[0])}, not "flowchart LR"`);
  let depth = 0;
  const declare = (id: string, label: string, into: Map<string, string>, n: number) => {
    if (RESERVED.has(id.toLowerCase())) problems.push(`line ${n}: id ${id} is a Mermaid keyword`);
    if (nodes.has(id) || subgraphs.has(id)) problems.push(`line ${n}: id ${id} declared twice`);
    into.set(id, label.slice(1, -1));
  };
  lines.slice(1).forEach((raw, i) => {
    const n = i + 2;
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^subgraph (${ID})\\[(${LABEL})\\]$`).exec(line))) {
      declare(m[1], m[2], subgraphs, n);
      depth++;
    } else if (line === 'end') {
      depth--;
      if (depth < 0) problems.push(`line ${n}: "end" without a subgraph`);
    } else if ((m = new RegExp(`^(${ID})\\[(${LABEL})\\]$`).exec(line))) {
      declare(m[1], m[2], nodes, n);
    } else if ((m = new RegExp(`^(${ID}) -->\\|(${LABEL})\\| (${ID})$`).exec(line))) {
      edges.push([m[1], m[3], m[2].slice(1, -1)]);
    } else {
      problems.push(`line ${n}: not plain flowchart syntax: ${JSON.stringify(raw)}`);
    }
  });
  if (depth > 0) problems.push(`${depth} subgraph(s) without "end"`);
  for (const [from, to] of edges) for (const id of [from, to]) if (!nodes.has(id)) problems.push(`edge ${from} --> ${to}: ${id} is not a declared node`);
  return { problems, nodes, subgraphs, edges };
}

/** The body of every ```mermaid block of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}
