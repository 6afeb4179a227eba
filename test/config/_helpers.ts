import { ValidationError } from '../../src/config/errors';

/**
 * Asserts that `fn` throws a ValidationError whose message is exactly `message` (jest's
 * `toThrow(string)` only checks a substring; `toThrow(errorObject)` compares the whole message).
 */
export function expectInvalid(fn: () => unknown, message: string): void {
  expect(fn).toThrow(ValidationError);
  expect(fn).toThrow(new ValidationError(message));
}

/** Casts a deliberately wrong value past the type checker (for invalid-input tests). */
export const bad = <T = never>(value: unknown): T => value as T;
