import { initTRPC, TRPCError } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { isAddParams, type AddParams, type AddResult, type TickPayload } from '../shared/fixture';

/** The tRPC 11 router of the baseline: `add` (query), `hello` (auth check), `onTick` (subscription). */

export interface TrpcContext {
  readonly authenticated: boolean;
}

/** The set of open `onTick` subscriptions a broadcast fans out to. */
export type TickListeners = Set<(payload: TickPayload) => void>;

const t = initTRPC.context<TrpcContext>().create();

const authed = t.procedure.use(({ ctx, next }) => {
  if (!ctx.authenticated) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next();
});

function parseAddParams(value: unknown): AddParams {
  if (!isAddParams(value)) throw new Error('invalid params');
  return value;
}

export function createRouter(listeners: TickListeners) {
  return t.router({
    hello: authed.query(() => ({ ok: true as const })),
    add: authed.input(parseAddParams).query(({ input }): AddResult => ({ sum: input.a + input.b })),
    onTick: authed.subscription(() =>
      observable<TickPayload>((emit) => {
        const listener = (payload: TickPayload): void => emit.next(payload);
        listeners.add(listener);
        return () => listeners.delete(listener);
      }),
    ),
  });
}

export type TrpcRouter = ReturnType<typeof createRouter>;
