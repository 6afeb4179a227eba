/** Log settings shared by workflow-controller and argo-server (`--loglevel`, `--log-format`). */
import { Checker, EnumValue } from './check';

/** Log verbosity of both binaries (`--loglevel`). */
export enum LogLevel {
  DEBUG = 'debug',
  INFO = 'info',
  WARN = 'warn',
  ERROR = 'error',
}

/** Log output format of both binaries (`--log-format`). */
export enum LogFormat {
  TEXT = 'text',
  JSON = 'json',
}

/** The log options of a binary. */
export interface LogOptions {
  /** `--loglevel`. @default LogLevel.INFO */
  readonly logLevel?: EnumValue<LogLevel>;
  /** `--log-format`. @default LogFormat.TEXT */
  readonly logFormat?: EnumValue<LogFormat>;
}

/** Checks the log options at `c`'s path and returns their flags (none for unset options). */
export function logArgs(c: Checker, o: LogOptions | undefined): string[] {
  const args: string[] = [];
  const level = c.enum('logLevel', o?.logLevel, LogLevel, 'use LogLevel.DEBUG, INFO, WARN or ERROR');
  if (level !== undefined) args.push(`--loglevel=${level}`);
  const format = c.enum('logFormat', o?.logFormat, LogFormat, 'use LogFormat.TEXT or LogFormat.JSON');
  if (format !== undefined) args.push(`--log-format=${format}`);
  return args;
}
