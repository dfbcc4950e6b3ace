import { RESUME_CAPABILITY, type HelloOk } from '@gatewire/protocol/lite';
import { fieldOf } from '../field-of';

/** Read `capabilities` from a `connect.challenge` payload (absent or malformed: none). */
export function challengeCapabilities(payload: unknown): readonly string[] {
  const value = fieldOf(payload, 'capabilities');
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/**
 * The `caps` to send: the configured ones, plus the resume capability when resume is on and the
 * gateway offered it in its challenge (so nothing unknown is ever sent to a plain OpenClaw gateway).
 */
export function connectCaps(configured: readonly string[], resume: boolean, offered: readonly string[]): string[] {
  const caps = [...configured];
  if (resume && offered.includes(RESUME_CAPABILITY) && !caps.includes(RESUME_CAPABILITY)) caps.push(RESUME_CAPABILITY);
  return caps;
}

/** Whether this connection is resumable: the client sent the capability and `hello-ok` confirms it. */
export function resumeNegotiated(sentCaps: readonly string[] | undefined, hello: HelloOk): boolean {
  return sentCaps?.includes(RESUME_CAPABILITY) === true && hello.features.capabilities?.includes(RESUME_CAPABILITY) === true;
}
