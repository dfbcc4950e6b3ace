import { describe, expect, it } from 'vitest';
import type { Connection } from '../src/connection';
import { RequestDispatcher } from '../src/request-dispatcher';

function capture(): { dispatcher: RequestDispatcher; connection: Connection; frames: string[] } {
  const frames: string[] = [];
  const connection = { ready: true, send: (frame: string) => frames.push(frame) } as unknown as Connection;
  const dispatcher = new RequestDispatcher({ defaultTimeoutMs: null, queueMaxSize: 10, queueTimeoutMs: 1000, logger: {}, onProgress: () => {} });
  return { dispatcher, connection, frames };
}

describe('request frames', () => {
  it('are exactly what JSON.stringify makes of the request, with counter ids', async () => {
    const { dispatcher, connection, frames } = capture();
    const cases: Array<[string, unknown]> = [
      ['math.add', { a: 1, b: 2 }],
      ['no.params', undefined],
      ['we"ird\\name\u2028', { text: 'héllo "✓"\n', nested: [1, null, { deep: true }], skipped: undefined }],
      ['fn.params', () => 1],
      ['to.json', { toJSON: () => ({ replaced: true }) }],
      ['scalar', 42],
      ['null.params', null],
    ];
    const settled = cases.map(([method, params]) => dispatcher.submit(method, params, {}, connection).catch((error: unknown) => error));
    expect(frames).toHaveLength(cases.length);
    frames.forEach((frame, index) => {
      const [method, params] = cases[index] as [string, unknown];
      const id = String(index + 1);
      expect(frame).toBe(JSON.stringify(params === undefined ? { type: 'req', id, method } : { type: 'req', id, method, params }));
    });
    dispatcher.failAll(new Error('done'));
    await Promise.all(settled);
  });
});
