#!/usr/bin/env node
/**
 * The `argo-stack` command line: `synth`, `validate`, `diff`, `lint` and `from-helm`, each with
 * `--help`. Exit codes: 0 done (for diff: safe), 1 invalid input, problems found or a usage
 * mistake, 2 a diff with unsafe changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closest } from '../config/check';
import { commandTable, helpText, parseArgs, UsageError } from './args';
import { EXIT, messageOf, type Command, type Io } from './command';
import { diffCommand } from './commands/diff';
import { fromHelmCommand } from './commands/from-helm';
import { lintCommand } from './commands/lint';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [synthCommand, validateCommand, diffCommand, lintCommand, fromHelmCommand];

/** The top-level help. */
export function topHelp(): string {
  return `argo-stack: Argo Workflows v4 as Kubernetes manifests, from typed options.

Usage: argo-stack <command> [options]

Commands:
${commandTable(COMMANDS.map((c) => c.spec))}
Run "argo-stack <command> --help" for the options of a command.

Exit codes: 0 done (diff: safe to apply); 1 invalid input, problems found or a usage mistake;
2 diff found changes kubectl apply cannot make or that can lose data.
`;
}

/** The package's version, from the package.json above this file (src/ in tests, lib/src/ when installed). */
function version(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'argo-stack') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

/** Runs the command line `argv` (the arguments after `argo-stack`); returns the exit code. */
export function main(argv: readonly string[], io: Io): number {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(topHelp());
    return EXIT.FAILED;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.spec.name === rest[0]) : undefined;
    io.stdout(topic ? helpText(topic.spec) : topHelp());
    return EXIT.OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.OK;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    const near = closest(name, COMMANDS.map((c) => c.spec.name));
    const what = name.startsWith('-') ? `unknown option ${JSON.stringify(name)}` : `unknown command ${JSON.stringify(name)}`;
    io.stderr(`argo-stack: ${what}${near ? `; did you mean ${JSON.stringify(near)}?` : ''}\nRun "argo-stack --help" for the commands.\n`);
    return EXIT.FAILED;
  }
  try {
    const args = parseArgs(rest, command.spec);
    if (args.help) {
      io.stdout(helpText(command.spec));
      return EXIT.OK;
    }
    return command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`argo-stack ${name}: ${e.message}\nRun "argo-stack ${name} --help" for its options.\n`);
      return EXIT.FAILED;
    }
    io.stderr(`argo-stack ${name}: ${messageOf(e)}\n`);
    return EXIT.FAILED;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
