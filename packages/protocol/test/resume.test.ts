import { describe, expect, it } from 'vitest';
import { compileValidator, RESUME_CAPABILITY, ResumeParams, ResumeResult, resumeMethod } from '../src/index';
import { RESUME_CAPABILITY as LITE_RESUME_CAPABILITY } from '../src/lite';

const params = compileValidator(ResumeParams);
const result = compileValidator(ResumeResult);

describe('gateway.resume (Gatewire extension)', () => {
  it('names the capability the same way in both entries', () => {
    expect(RESUME_CAPABILITY).toBe('gatewire.resume.v1');
    expect(LITE_RESUME_CAPABILITY).toBe(RESUME_CAPABILITY);
  });

  it('takes a connection id and the last delivered seq, nothing else', () => {
    expect(params.check({ previousConnId: 'c1', lastSeq: 0 })).toBe(true);
    expect(params.check({ previousConnId: 'c1', lastSeq: -1 })).toBe(false);
    expect(params.check({ previousConnId: '', lastSeq: 1 })).toBe(false);
    expect(params.firstError({ previousConnId: 'c1', lastSeq: 1, epoch: 2 })).toBe("at root: unexpected property 'epoch'");
  });

  it('answers either every missed event or an explicit failure reason', () => {
    const events = [
      { type: 'event', event: 'todo.changed', payload: { id: '1' }, seq: 5 },
      { type: 'event', event: 'todo.changed', payload: { id: '2' }, seq: 6 },
    ];
    expect(result.check({ recovered: true, replayed: 2, events })).toBe(true);
    expect(result.check({ recovered: false, reason: 'expired' })).toBe(true);
    expect(result.check({ recovered: false, reason: 'partial' })).toBe(false);
    expect(result.check({ recovered: true, replayed: 1 })).toBe(false);
    expect(result.check({ recovered: false })).toBe(false);
  });

  it('is callable by every authenticated role', () => {
    expect(resumeMethod.name).toBe('gateway.resume');
    expect(resumeMethod.allowAllRoles).toBe(true);
  });
});
