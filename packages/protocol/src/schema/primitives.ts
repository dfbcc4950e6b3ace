import { Type, type Static, type TProperties, type ObjectOptions } from '@sinclair/typebox';

/** A string of at least one character. */
export const NonEmptyString = Type.String({ minLength: 1 });
export type NonEmptyString = Static<typeof NonEmptyString>;

/** An integer `>= 0` (timestamps in ms, counters, sizes). */
export const NonNegativeInteger = Type.Integer({ minimum: 0 });
export type NonNegativeInteger = Static<typeof NonNegativeInteger>;

/** A profile id: 1..128 characters. */
export const UserProfileId = Type.String({ minLength: 1, maxLength: 128 });
export type UserProfileId = Static<typeof UserProfileId>;

/** A list of non-empty strings. */
export const StringList = Type.Array(NonEmptyString);
export type StringList = Static<typeof StringList>;

/**
 * A closed object: unknown properties are refused. Used for everything a peer sends us that the
 * reference protocol closes (frames, `connect` params, method params).
 */
export function Closed<T extends TProperties>(properties: T, options: ObjectOptions = {}) {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

/**
 * An open object: unknown properties are accepted and kept. Used for what we read from a peer that
 * may be newer than us (`hello-ok`, results, event payloads).
 */
export function Open<T extends TProperties>(properties: T, options: ObjectOptions = {}) {
  return Type.Object(properties, { ...options, additionalProperties: true });
}
