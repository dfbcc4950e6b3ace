/**
 * A copy of `value` without its `undefined` fields (as `exactOptionalPropertyTypes` wants them).
 * A plain loop: it runs on every connect, and `Object.entries`/`fromEntries` allocate an array per field.
 */
export function definedFields<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const fields: Partial<T> = {};
  for (const key in value) if (value[key] !== undefined) fields[key] = value[key];
  return fields as { [K in keyof T]: Exclude<T[K], undefined> };
}
