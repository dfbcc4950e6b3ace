/**
 * `value[key]` when `value` is an object, else `undefined`: the one way the client reads a field of
 * a payload whose shape it does not trust (a frame, an event payload, a thrown value). Own and
 * inherited properties alike, as the checks it replaced did; callers check the field's type.
 */
export function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
