import { Type } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import { coreMethods, defineMethod, type MethodAuthorization, type MethodCaller, type MethodDefinition, type MethodRateLimit, type OperatorScope } from '../src/index';

const params = Type.Object({ command: Type.String(), force: Type.Optional(Type.Boolean()) });
const result = Type.Object({ ok: Type.Boolean() });

describe('defineMethod authorization options', () => {
  it('types authorize from the params schema and the caller', () => {
    defineMethod('app.run', {
      params,
      result,
      scope: 'operator.write',
      authorize: (value, caller) => {
        expectTypeOf(value).toEqualTypeOf<{ command: string; force?: boolean }>();
        expectTypeOf(caller).toEqualTypeOf<MethodCaller>();
        return value.command === 'system.run' ? ['operator.admin'] : true;
      },
    });
  });

  it('accepts one scope, several scopes (all required) or "node"', () => {
    const several = defineMethod('app.several', { params, result, scope: ['operator.read', 'operator.pairing'] });
    expectTypeOf(several.scopes).toEqualTypeOf<readonly OperatorScope[]>();
    defineMethod('app.node', { params, result, scope: 'node' });
    // @ts-expect-error an empty scope list grants nothing and is refused
    defineMethod('app.none', { params, result, scope: [] });
    // @ts-expect-error "node" is a role, not one of several operator scopes
    defineMethod('app.mixed', { params, result, scope: ['operator.read', 'node'] });
    // @ts-expect-error not an operator scope
    defineMethod('app.typo', { params, result, scope: ['operator.raed'] });
  });

  it('refuses an authorize verdict that is not a decision or a scope list', () => {
    // @ts-expect-error a string is not a verdict
    defineMethod('app.bad', { params, result, scope: 'operator.read', authorize: () => 'yes' });
    // @ts-expect-error scopes must be operator scopes
    defineMethod('app.bad2', { params, result, scope: 'operator.read', authorize: () => ['root'] });
    expectTypeOf<false>().toExtend<MethodAuthorization>();
    expectTypeOf<readonly OperatorScope[]>().toExtend<MethodAuthorization>();
  });

  it('types rateLimit and keeps definitions with authorize assignable to MethodDefinition', () => {
    const limited = defineMethod('app.limited', { params, result, scope: 'operator.write', rateLimit: { maxCalls: 30, windowMs: 60_000 }, authorize: () => undefined });
    expectTypeOf(limited.rateLimit).toEqualTypeOf<MethodRateLimit | undefined>();
    expectTypeOf(limited).toExtend<MethodDefinition>();
    // @ts-expect-error windowMs is required
    defineMethod('app.half', { params, result, scope: 'operator.write', rateLimit: { maxCalls: 3 } });
    expectTypeOf(coreMethods['node.pair.approve'].rateLimit).toEqualTypeOf<MethodRateLimit | undefined>();
  });
});
