import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';

/** A validator compiled once from a schema. */
export interface Validator<T extends TSchema> {
  readonly schema: T;
  /** Whether `value` matches the schema. Fast path: no allocation on success. */
  check(value: unknown): value is Static<T>;
  /**
   * The first problem as readable text (`at /client/id: expected one of …`), or `undefined` when
   * `value` is valid. Only call after `check` failed: it walks the value again.
   */
  firstError(value: unknown): string | undefined;
}

/** Compile a schema into a {@link Validator}. Call at module load or registration, never per frame. */
export function compileValidator<T extends TSchema>(schema: T): Validator<T> {
  const compiled = TypeCompiler.Compile(schema);
  return {
    schema,
    check: (value: unknown): value is Static<T> => compiled.Check(value),
    firstError: (value: unknown) => {
      const first = compiled.Errors(value).First();
      return first === undefined ? undefined : formatValueError(first);
    },
  };
}

/** Render a TypeBox error the way the gateway reports it: `at <path>: <message>`. */
export function formatValueError(error: ValueError): string {
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const slash = error.path.lastIndexOf('/');
    const parent = error.path.slice(0, slash);
    const key = unescapePointer(error.path.slice(slash + 1));
    return `at ${parent === '' ? 'root' : parent}: unexpected property '${key}'`;
  }
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    const slash = error.path.lastIndexOf('/');
    const parent = error.path.slice(0, slash);
    const key = unescapePointer(error.path.slice(slash + 1));
    return `at ${parent === '' ? 'root' : parent}: missing required property '${key}'`;
  }
  const message = error.message.charAt(0).toLowerCase() + error.message.slice(1);
  return `at ${error.path === '' ? 'root' : error.path}: ${message}`;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
