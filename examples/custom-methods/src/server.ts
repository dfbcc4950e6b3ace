/** The server side: handlers typed from the shared definitions in `api.ts`. */
import { MethodError, startGateway, type StandaloneGateway } from '@gatewire/server';
import { todoEvents, todoMethods, type Todo } from './api';

export async function startTodoGateway(token: string): Promise<StandaloneGateway<typeof todoEvents>> {
  // `events` declares our events: they are listed in hello-ok and `broadcast` is typed from them.
  const running = await startGateway({ port: 0, bind: 'loopback', auth: { mode: 'token', token }, events: todoEvents });
  const { gateway } = running;
  const todos = new Map<string, Todo>();

  // `title` is a string here because the schema says so; the gateway validated it already.
  gateway.method(todoMethods['todo.add'], ({ title }) => {
    const todo: Todo = { id: `todo-${todos.size + 1}`, title, done: false };
    todos.set(todo.id, todo);
    gateway.broadcast('todo.changed', { change: 'added', todo });
    return todo;
  });

  gateway.method(todoMethods['todo.complete'], ({ id }) => {
    const todo = todos.get(id);
    // A MethodError reaches the caller as a wire error with this code, message and details.
    if (todo === undefined) throw new MethodError('INVALID_REQUEST', `no todo with id ${id}`, { details: { code: 'TODO_NOT_FOUND', id } });
    todo.done = true;
    gateway.broadcast('todo.changed', { change: 'completed', todo });
    return todo;
  });

  gateway.method(todoMethods['todo.list'], () => ({ todos: [...todos.values()] }));
  return running;
}
