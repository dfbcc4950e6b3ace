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
});
