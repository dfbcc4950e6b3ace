import { defineEvent, defineEvents, defineMethod, defineMethods, Type, type CoreEvents, type CoreMethods, type Static } from '@gatewire/protocol';

export const Sum = Type.Object({ sum: Type.Number() });
export type Sum = Static<typeof Sum>;

export const methods = defineMethods(
  defineMethod('math.add', { params: Type.Object({ a: Type.Number(), b: Type.Number() }), result: Sum, scope: 'operator.write' }),
);
export const events = defineEvents(defineEvent('math.done', { payload: Sum, scope: 'operator.read' }));

export type AppMethods = CoreMethods & typeof methods;
export type AppEvents = CoreEvents & typeof events;
