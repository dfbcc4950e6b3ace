import type { Static, TSchema } from '@sinclair/typebox';
import type { OperatorScope } from '../codes/scopes';
import { checkRateLimit, type MethodAuthorization, type MethodCaller, type MethodRateLimit } from './method-authorization';

/**
 * Who may call a method:
 * - an operator scope (checked with the implication rules; `operator.admin` satisfies all);
 * - `"node"`: only connections with role `node`, with no scope check.
 */
export type MethodScope = OperatorScope | 'node';

/**
 * Who receives an event:
 * - an operator scope: operators holding it (nodes never);
 * - `"everyone"`: every authenticated connection;
 * - `"node"`: node-directed only (sent to a node explicitly, never broadcast to operators).
 */
export type EventScope = OperatorScope | 'everyone' | 'node';

/** How a method treats `params.idempotencyKey`. */
export type IdempotencyMode = 'none' | 'optional' | 'required';

/** A method: its name, param and result schemas, and who may call it. Created by {@link defineMethod}. */
export interface MethodDefinition<
  Name extends string = string,
  Params extends TSchema = TSchema,
  Result extends TSchema = TSchema,
> {
  readonly kind: 'method';
  readonly name: Name;
  /** Schema of `req.params`. Absent params are validated as `{}`. */
  readonly params: Params;
  /** Schema of the final `res.payload`. */
  readonly result: Result;
  /** The first required scope (or `"node"`), as the reference's method table lists it. */
  readonly scope: MethodScope;
  /** Every operator scope the caller must hold (all of them); empty for `node` methods. */
  readonly scopes: readonly OperatorScope[];
  /**
   * A check of the validated params, run after the scope check and before the handler: it may ask
   * for more scopes (e.g. `operator.admin` for a dangerous command) or refuse. Synchronous.
   */
  authorize?(params: Static<Params>, caller: MethodCaller): MethodAuthorization;
  /** Calls allowed per caller (device id, else address) and window. @default unlimited */
  readonly rateLimit: MethodRateLimit | undefined;
  /** Also callable by every authenticated role (as `health` is). @default false */
  readonly allowAllRoles: boolean;
  /** Whether repeats with the same `params.idempotencyKey` return the first result. @default "none" */
  readonly idempotency: IdempotencyMode;
  /** The method may answer `{status: "accepted"}` first and the final result later. @default false */
  readonly streaming: boolean;
  /** Hidden from `hello-ok.features.methods`. @default false */
  readonly hidden: boolean;
  readonly description?: string;
}

/** Options of {@link defineMethod}. */
export interface MethodOptions<Params extends TSchema, Result extends TSchema> {
  params: Params;
  result: Result;
  /** The scope the caller must hold, or several (all of them), or `"node"` for the node role. */
  scope: MethodScope | readonly [OperatorScope, ...OperatorScope[]];
  /** A check of the validated params that may require more scopes or refuse (see {@link MethodAuthorization}). */
  authorize?: (params: Static<Params>, caller: MethodCaller) => MethodAuthorization;
  /** Calls allowed per caller and window; more answer `UNAVAILABLE` with `retryAfterMs`. @default unlimited */
  rateLimit?: MethodRateLimit;
  allowAllRoles?: boolean;
  idempotency?: IdempotencyMode;
  streaming?: boolean;
  hidden?: boolean;
  description?: string;
}

/** Define a method once; the server handler and `client.request` are both typed from it. */
export function defineMethod<const Name extends string, Params extends TSchema, Result extends TSchema>(
  name: Name,
  options: MethodOptions<Params, Result>,
): MethodDefinition<Name, Params, Result> {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('defineMethod: name must be a non-empty string');
  const scopes: readonly MethodScope[] = typeof options.scope === 'string' ? [options.scope] : [...options.scope];
  const [scope] = scopes;
  if (scope === undefined) throw new TypeError(`defineMethod ${name}: scope must name at least one scope`);
  if (options.authorize !== undefined && typeof options.authorize !== 'function') throw new TypeError(`defineMethod ${name}: authorize must be a function`);
  return {
    kind: 'method',
    name,
    params: options.params,
    result: options.result,
    scope,
    scopes: scopes.filter((required): required is OperatorScope => required !== 'node'),
    ...(options.authorize === undefined ? {} : { authorize: options.authorize }),
    rateLimit: checkRateLimit(name, options.rateLimit),
    allowAllRoles: options.allowAllRoles ?? false,
    idempotency: options.idempotency ?? 'none',
    streaming: options.streaming ?? false,
    hidden: options.hidden ?? false,
    ...(options.description === undefined ? {} : { description: options.description }),
  };
}

/** An event: its name, payload schema and who receives it. Created by {@link defineEvent}. */
export interface EventDefinition<Name extends string = string, Payload extends TSchema = TSchema> {
  readonly kind: 'event';
  readonly name: Name;
  readonly payload: Payload;
  readonly scope: EventScope;
  /** Dropped (not queued) for a slow consumer instead of closing it. @default false */
  readonly droppable: boolean;
  readonly description?: string;
}

/** Options of {@link defineEvent}. */
export interface EventOptions<Payload extends TSchema> {
  payload: Payload;
  scope: EventScope;
  droppable?: boolean;
  description?: string;
}

/** Define an event once; `gateway.broadcast` and `client.on` are both typed from it. */
export function defineEvent<const Name extends string, Payload extends TSchema>(
  name: Name,
  options: EventOptions<Payload>,
): EventDefinition<Name, Payload> {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('defineEvent: name must be a non-empty string');
  return {
    kind: 'event',
    name,
    payload: options.payload,
    scope: options.scope,
    droppable: options.droppable ?? false,
    ...(options.description === undefined ? {} : { description: options.description }),
  };
}

/** A map from method name to its definition. */
export type MethodMap = { readonly [name: string]: MethodDefinition };
/** A map from event name to its definition. */
export type EventMap = { readonly [name: string]: EventDefinition };

/** Turn a list of definitions into a map keyed by name. */
export type DefinitionMap<T extends readonly { readonly name: string }[]> = {
  readonly [D in T[number] as D['name']]: D;
};

/** Collect method definitions into a {@link MethodMap} keyed by name (duplicates are refused). */
export function defineMethods<const T extends readonly MethodDefinition[]>(...definitions: T): DefinitionMap<T> {
  return keyByName(definitions, 'method') as DefinitionMap<T>;
}

/** Collect event definitions into an {@link EventMap} keyed by name (duplicates are refused). */
export function defineEvents<const T extends readonly EventDefinition[]>(...definitions: T): DefinitionMap<T> {
  return keyByName(definitions, 'event') as DefinitionMap<T>;
}

function keyByName(definitions: readonly { readonly name: string }[], what: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const definition of definitions) {
    if (Object.hasOwn(out, definition.name)) throw new TypeError(`duplicate ${what} definition: ${definition.name}`);
    out[definition.name] = definition;
  }
  return out;
}

/** Method names of a map. */
export type MethodName<M extends MethodMap> = Extract<keyof M, string>;
/** Event names of a map. */
export type EventName<E extends EventMap> = Extract<keyof E, string>;
/** The params type of method `K`. */
export type MethodParams<M extends MethodMap, K extends MethodName<M>> = Static<M[K]['params']>;
/** The result type of method `K`. */
export type MethodResult<M extends MethodMap, K extends MethodName<M>> = Static<M[K]['result']>;
/** The payload type of event `K`. */
export type EventPayload<E extends EventMap, K extends EventName<E>> = Static<E[K]['payload']>;

/**
 * The argument list of a call to method `K`: params may be omitted when the method takes an object
 * whose fields are all optional.
 */
export type MethodArgs<M extends MethodMap, K extends MethodName<M>, Options> =
  {} extends MethodParams<M, K>
    ? [params?: MethodParams<M, K>, options?: Options]
    : [params: MethodParams<M, K>, options?: Options];
