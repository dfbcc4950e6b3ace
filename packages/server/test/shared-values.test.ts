import type { ConnectionInfo } from '../src/index';
import { describe, expect, it } from 'vitest';
import { MAX_SHARED_VALUES, sharedClientInfo, sharedList } from '../src/connection/shared-values';
import { connectClient, connectParams, startTestGateway } from './helpers/fixtures';

describe('shared connection facts', () => {
  it('gives connections with the same scopes, caps and client info one frozen copy of each', async () => {
    const target = await startTestGateway();
    const infos: ConnectionInfo[] = [];
    target.gateway.on('connection', ({ connection }) => infos.push(connection));
    const params = connectParams({ caps: ['tool-events'] });
    await connectClient(target, params);
    await connectClient(target, params);
    const [first, second] = infos as [ConnectionInfo, ConnectionInfo];
    expect(second.connId).not.toBe(first.connId);
    expect(second.client).toBe(first.client);
    expect(second.scopes).toBe(first.scopes);
    expect(second.caps).toBe(first.caps);
    expect(first.client).toEqual(params.client);
    expect(first.scopes).toEqual(['operator.admin']);
    expect(first.caps).toEqual(['tool-events']);
    for (const value of [first.client, first.scopes, first.caps]) expect(Object.isFrozen(value)).toBe(true);
  });

  it('shares a copy, never the caller’s value, and stops sharing new values after MAX_SHARED_VALUES', () => {
    const mine = ['bounded.first'];
    const shared = sharedList(mine);
    expect(shared).not.toBe(mine);
    expect(Object.isFrozen(mine)).toBe(false);
    expect(sharedList(['bounded.first'])).toBe(shared);
    for (let index = 0; index < MAX_SHARED_VALUES; index += 1) sharedList([`bounded.${index}`]);
    const late = ['bounded.late'];
    expect(sharedList(late)).toBe(late);
    expect(sharedList(['bounded.first'])).toBe(shared);
    const client = { id: 'cli', version: '1', platform: 'linux', mode: 'cli' } as const;
    expect(sharedClientInfo({ ...client })).toBe(sharedClientInfo({ ...client }));
  });

  it('gives back the value shared last only for an equal one, in the same key order', () => {
    const cli = { id: 'cli', version: '2', platform: 'linux', mode: 'cli' } as const;
    const shared = sharedClientInfo({ ...cli });
    expect(sharedClientInfo({ ...cli })).toBe(shared);
    const other = sharedClientInfo({ ...cli, version: '3' });
    expect(other).not.toBe(shared);
    expect(other.version).toBe('3');
    expect(sharedClientInfo({ ...cli })).toBe(shared);
    const reordered = sharedClientInfo({ mode: 'cli', id: 'cli', version: '2', platform: 'linux' });
    expect(reordered).not.toBe(shared);
    expect(Object.keys(reordered)).toEqual(['mode', 'id', 'version', 'platform']);
    const withExtra = sharedClientInfo({ ...cli, displayName: 'Ada' });
    expect(withExtra).toEqual({ ...cli, displayName: 'Ada' });
    expect(sharedList(['a.one', 'a.two'])).toEqual(['a.one', 'a.two']);
    expect(sharedList(['a.one'])).toEqual(['a.one']);
    expect(sharedList(['a.two', 'a.one'])).toEqual(['a.two', 'a.one']);
  });

  it('never takes a nested value for the one shared last', () => {
    const nested = { id: 'cli', version: '1', platform: 'linux', mode: 'cli', extra: { a: 1 } } as unknown as Parameters<typeof sharedClientInfo>[0];
    const first = sharedClientInfo(nested);
    const changed = sharedClientInfo({ ...nested, extra: { a: 2 } } as typeof nested);
    expect(changed).not.toBe(first);
    expect((changed as unknown as { extra: { a: number } }).extra.a).toBe(2);
  });
});

