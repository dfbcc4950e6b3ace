import { defineEvent, defineMethods, defineEvents, defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { ADD_METHOD, TICK_EVENT } from '../shared/fixture';

/** The bench method and event, defined once for the Gatewire server and client. */

export const benchAdd = defineMethod(ADD_METHOD, {
  params: Type.Object({ a: Type.Number(), b: Type.Number() }),
  result: Type.Object({ sum: Type.Number() }),
  scope: 'operator.read',
  description: 'Adds two numbers (the benchmark RPC).',
});

export const benchTick = defineEvent(TICK_EVENT, {
  payload: Type.Object({ n: Type.Integer(), text: Type.String() }),
  scope: 'everyone',
  description: 'The benchmark broadcast event.',
});

export const benchMethods = defineMethods(benchAdd);
export const benchEvents = defineEvents(benchTick);
export type BenchMethods = typeof benchMethods;
export type BenchEvents = typeof benchEvents;
