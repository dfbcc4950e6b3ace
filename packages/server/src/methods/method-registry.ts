import { compileValidator, type MethodDefinition, type Validator } from '@gatewire/protocol';
import type { TSchema } from '@sinclair/typebox';
import type { MethodContext } from './method-context';

/** A registered method: its definition, handler and validators compiled at registration. */
export interface MethodEntry {
  readonly definition: MethodDefinition;
  readonly handler: (params: unknown, context: MethodContext) => unknown;
  readonly params: Validator<TSchema>;
  readonly result: Validator<TSchema> | undefined;
}

/** Built-in methods a host shapes through an option rather than by registering them again. */
const HOOK_HINTS: ReadonlyMap<string, string> = new Map([
  ['health', ' (serve your own health with the gateway option `health`)'],
  ['status', ' (serve your own status with the gateway option `status`)'],
]);

/** The methods a gateway serves, by name. */
export class MethodRegistry {
  readonly #entries = new Map<string, MethodEntry>();
  readonly #validateResults: boolean;
  /** {@link advertised}, computed once per registration (every handshake reads it). */
  #advertised: readonly string[] | undefined;

  constructor(validateResults: boolean) {
    this.#validateResults = validateResults;
  }

  register(definition: MethodDefinition, handler: MethodEntry['handler']): void {
    if (definition?.kind !== 'method') throw new TypeError('gateway.method: expected a definition from defineMethod');
    if (definition.name === 'connect') throw new TypeError('gateway.method: "connect" is the handshake and cannot be registered');
    if (this.#entries.has(definition.name)) throw new TypeError(`gateway.method: ${definition.name} is already registered${HOOK_HINTS.get(definition.name) ?? ''}`);
    if (typeof handler !== 'function') throw new TypeError(`gateway.method: the handler of ${definition.name} must be a function`);
    this.#advertised = undefined;
    this.#entries.set(definition.name, {
      definition,
      handler,
      params: compileValidator(definition.params),
      result: this.#validateResults ? compileValidator(definition.result) : undefined,
    });
  }

  get(name: string): MethodEntry | undefined {
    return this.#entries.get(name);
  }

  /** Names for `hello-ok.features.methods` (hidden methods left out). */
  advertised(): readonly string[] {
    this.#advertised ??= [...this.#entries.values()].filter((entry) => !entry.definition.hidden).map((entry) => entry.definition.name);
    return this.#advertised;
  }
}
