import type { EventMap, MethodMap } from '@gatewire/protocol/lite';

/** An empty method or event map: no definitions beyond the core ones. */
export type NoDefinitions = Record<never, never>;

/**
 * The application's own method and event maps, as built by `defineMethods` and `defineEvents` from
 * `@gatewire/protocol` (usually in a module shared with the server). `createClient` reads them for
 * their types only: `request` and `onEvent` are typed from them, added to the core methods and
 * events. The client validates nothing with them at run time (the gateway validates params).
 */
export interface ClientDefinitions<Methods extends MethodMap = NoDefinitions, Events extends EventMap = NoDefinitions> {
  /** The application's methods (`defineMethods(…)`). @default {} (core methods only) */
  methods?: Methods;
  /** The application's events (`defineEvents(…)`). @default {} (core events only) */
  events?: Events;
}

/** The options without the definitions, for the client's constructor. */
export function withoutDefinitions<Options extends ClientDefinitions<MethodMap, EventMap>>(options: Options): Omit<Options, 'methods' | 'events'> {
  const { methods: _methods, events: _events, ...clientOptions } = options;
  return clientOptions;
}
