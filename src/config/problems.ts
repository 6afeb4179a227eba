/**
 * Collects the problems of independent parts of the options, so that one failure lists all of
 * them (as cdk8s aggregates the validation errors of a tree). Only ValidationErrors are collected:
 * anything else is a defect and is thrown at once.
 */
import { ValidationError } from './errors';

export class Problems {
  private readonly errors: ValidationError[] = [];

  /** Runs `check`; on a ValidationError, records it and returns `fallback`. */
  attempt<T>(check: () => T, fallback: T): T {
    try {
      return check();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this.errors.push(e);
      return fallback;
    }
  }

  /** Records errors found elsewhere. */
  add(errors: readonly ValidationError[]): void {
    this.errors.push(...errors);
  }

  /** Throws one ValidationError listing every recorded problem, if there is any. */
  throwIfAny(): void {
    if (this.errors.length) throw ValidationError.of(this.errors);
  }
}
