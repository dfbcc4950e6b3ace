/**
 * The application's API, in one module that the server and the client both import: method and
 * event definitions are values (schemas the gateway validates with) and types (what the compiler
 * checks handlers and calls against).
 */
import { defineEvent, defineEvents, defineMethod, defineMethods, type CoreEvents, type CoreMethods } from '@gatewire/protocol';
import { Type, type Static } from '@sinclair/typebox';

export const Todo = Type.Object({
  id: Type.String(),
  title: Type.String(),
  done: Type.Boolean(),
});
export type Todo = Static<typeof Todo>;

export const todoMethods = defineMethods(
  defineMethod('todo.add', {
    params: Type.Object({ title: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    result: Todo,
    scope: 'operator.write',
    description: 'Add a todo and tell every reader.',
  }),
  defineMethod('todo.complete', {
    params: Type.Object({ id: Type.String() }, { additionalProperties: false }),
    result: Todo,
    scope: 'operator.write',
  }),
  defineMethod('todo.list', {
    params: Type.Object({}, { additionalProperties: false }),
    result: Type.Object({ todos: Type.Array(Todo) }),
    scope: 'operator.read',
  }),
);

export const todoEvents = defineEvents(
  defineEvent('todo.changed', {
    payload: Type.Object({ change: Type.Union([Type.Literal('added'), Type.Literal('completed')]), todo: Todo }),
    scope: 'operator.read',
  }),
);

/** Everything a client of this gateway can call: the core methods and ours. */
export type TodoMethods = CoreMethods & typeof todoMethods;
/** Everything a client of this gateway can receive. */
export type TodoEvents = CoreEvents & typeof todoEvents;
