/**
 * A copy of `value`'s own fields without the `undefined` ones (as `exactOptionalPropertyTypes` wants
 * them). A plain loop over the own keys: it runs on every connect, and `Object.entries`/`fromEntries`
 * allocate an array per field.
 */
export function definedFields<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const fields: Partial<T> = {};
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] !== undefined) fields[key] = value[key];
  return fields as { [K in keyof T]: Exclude<T[K], undefined> };
}
