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

  it('carry the traceparent of the request options as the frame field, with or without params', async () => {
    const { dispatcher, connection, frames } = capture();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const settled = [dispatcher.submit('math.add', { a: 1 }, { traceparent }, connection), dispatcher.submit('no.params', undefined, { traceparent }, connection)].map((request) => request.catch((error: unknown) => error));
    expect(frames.map((frame) => JSON.parse(frame) as unknown)).toEqual([
      { type: 'req', id: '1', method: 'math.add', params: { a: 1 }, traceparent },
      { type: 'req', id: '2', method: 'no.params', traceparent },
    ]);
    dispatcher.failAll(new Error('done'));
    await Promise.all(settled);
  });
});
