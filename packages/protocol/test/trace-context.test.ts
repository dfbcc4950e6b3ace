import { describe, expect, it } from 'vitest';
import { parseTraceparent, TRACEPARENT_MAX_LENGTH } from '../src/index';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
  it('reads the fields of a version 00 traceparent (the W3C example)', () => {
    expect(parseTraceparent(`00-${TRACE_ID}-${PARENT_ID}-01`)).toEqual({ version: '00', traceId: TRACE_ID, parentId: PARENT_ID, flags: 1 });
    expect(parseTraceparent(`00-${TRACE_ID}-${PARENT_ID}-00`)?.flags).toBe(0);
  });

  it('accepts fields a later version appends, within the frame bound', () => {
    expect(parseTraceparent(`01-${TRACE_ID}-${PARENT_ID}-01-future`)?.traceId).toBe(TRACE_ID);
    const atBound = `01-${TRACE_ID}-${PARENT_ID}-01-`.padEnd(TRACEPARENT_MAX_LENGTH, 'x');
    expect(parseTraceparent(atBound)?.traceId).toBe(TRACE_ID);
    expect(parseTraceparent(`${atBound}x`)).toBeUndefined();
  });

  it.each([
    ['version ff', `ff-${TRACE_ID}-${PARENT_ID}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_ID}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['extra fields after version 00', `00-${TRACE_ID}-${PARENT_ID}-01-extra`],
    ['uppercase hex', `00-${TRACE_ID.toUpperCase()}-${PARENT_ID}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`],
    ['no flags', `00-${TRACE_ID}-${PARENT_ID}`],
    ['an empty string', ''],
  ])('refuses %s', (_name, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });
});
