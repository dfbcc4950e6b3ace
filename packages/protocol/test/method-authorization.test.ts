import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { CONTROL_PLANE_WRITE_RATE_LIMIT, coreMethods, defineMethod, ownDeviceOrAdmin, type MethodCaller } from '../src/index';

const shape = { params: Type.Object({}), result: Type.Object({}) };

describe('defineMethod scopes, authorize and rateLimit', () => {
  it('keeps every required scope, the first as `scope`', () => {
    const method = defineMethod('app.x', { ...shape, scope: ['operator.read', 'operator.pairing'] });
    expect(method.scope).toBe('operator.read');
    expect(method.scopes).toEqual(['operator.read', 'operator.pairing']);
    expect(defineMethod('app.n', { ...shape, scope: 'node' }).scopes).toEqual([]);
  });

  it('refuses an empty scope list, a non-function authorize and an invalid rate limit', () => {
    expect(() => defineMethod('app.e', { ...shape, scope: [] as never })).toThrow(/at least one scope/);
    expect(() => defineMethod('app.a', { ...shape, scope: 'operator.read', authorize: 'yes' as never })).toThrow(/authorize must be a function/);
    expect(() => defineMethod('app.r', { ...shape, scope: 'operator.read', rateLimit: { maxCalls: 0, windowMs: 1000 } })).toThrow(/rateLimit.maxCalls/);
    expect(() => defineMethod('app.w', { ...shape, scope: 'operator.read', rateLimit: { maxCalls: 1, windowMs: 1.5 } })).toThrow(/rateLimit.windowMs/);
  });

  it('limits the core control-plane writes as the reference does (30 per 60 s)', () => {
    expect(CONTROL_PLANE_WRITE_RATE_LIMIT).toEqual({ maxCalls: 30, windowMs: 60_000 });
    const writes = ['node.pair.approve', 'node.pair.reject', 'node.pair.remove', 'node.rename', 'device.pair.approve', 'device.pair.reject'] as const;
    const deviceWrites = ['device.pair.remove', 'device.pair.rename', 'device.token.rotate', 'device.token.revoke', 'device.scopes.requestUpgrade'] as const;
    for (const name of [...writes, ...deviceWrites]) {
      expect(coreMethods[name].rateLimit).toEqual(CONTROL_PLANE_WRITE_RATE_LIMIT);
    }
    expect(coreMethods['node.list'].rateLimit).toBeUndefined();
  });

  it('lets a caller without operator.admin manage only its own device', () => {
    const caller = (deviceId: string | undefined): MethodCaller => ({ role: 'operator', scopes: ['operator.pairing'], deviceId, hasScope: () => false });
    for (const name of ['device.pair.remove', 'device.pair.rename', 'device.token.rotate', 'device.token.revoke'] as const) {
      const authorize = coreMethods[name].authorize as (params: { deviceId: string }, caller: MethodCaller) => unknown;
      expect(authorize({ deviceId: 'mine' }, caller('mine'))).toBeUndefined();
      expect(authorize({ deviceId: 'other' }, caller('mine'))).toEqual(['operator.admin']);
      expect(authorize({ deviceId: 'mine' }, caller(undefined))).toEqual(['operator.admin']);
    }
    expect(ownDeviceOrAdmin({ deviceId: 'x' }, caller('x'))).toBeUndefined();
  });
});
