import type { ResponseFrame } from '@gatewire/protocol';
import { fail, pass, type CheckResult } from './check';
import { detailCode } from './gateway-session';
import { authRemedy } from '../failure/auth-remedies';

/** Turn a refused `connect` into the protocol and auth check lines. */
export function interpretConnectRefusal(response: ResponseFrame, protocolTitle: string, authTitle: string): CheckResult[] {
  const code = detailCode(response.error);
  const message = response.error?.message ?? 'refused';
  if (code === 'PROTOCOL_MISMATCH') {
    const details = response.error?.details as { expectedProtocol?: number; clientMinProtocol?: number; clientMaxProtocol?: number };
    return [
      fail(
        'protocol',
        protocolTitle,
        `gateway speaks protocol ${details.expectedProtocol ?? '?'}, we offered ${details.clientMinProtocol ?? '?'}..${details.clientMaxProtocol ?? '?'}`,
        'Upgrade the older side: the gateway and its clients must share a protocol version (Gatewire speaks 4).',
      ),
    ];
  }
  const retry = response.error?.retryAfterMs === undefined ? '' : ` (retry after ${Math.ceil(response.error.retryAfterMs / 1000)} s)`;
  return [
    pass('protocol', protocolTitle, 'protocol accepted (the refusal came later, at authentication)'),
    fail('auth', authTitle, `${message}${code === undefined ? '' : ` [${code}]`}${retry}`, capitalize(authRemedy(code) ?? 'check the credentials and the gateway logs.')),
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
