/** What the header of a generated file tells a reader to do instead of editing it. */

/**
 * How to regenerate a file: from an options file with the command line, else from the program.
 * @internal
 */
export function regenerateHint(source?: string): string {
  return source !== undefined && /\.(ya?ml|json)$/i.test(source) ? `change ${source} and run argo-stack synth` : 'change the program and run npm run synth';
}
