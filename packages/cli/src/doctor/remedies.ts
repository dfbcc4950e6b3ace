import type { ResponseFrame } from '@gatewire/protocol';
import { fail, pass, type CheckResult } from './check';
import { detailCode } from './gateway-session';

/** Remedies for connect refusals, by `details.code`. */
const AUTH_REMEDIES: Record<string, string> = {
  AUTH_TOKEN_MISSING: 'The gateway wants a token: pass --token or set GATEWIRE_TOKEN (the local gateway keeps it in $GATEWIRE_HOME/token).',
  AUTH_TOKEN_MISMATCH: 'The token is wrong or was reset: copy the current one from $GATEWIRE_HOME/token on the gateway host (or run `gatewire token reset` there).',
  AUTH_PASSWORD_MISSING: 'The gateway wants a password: pass --password or set GATEWIRE_PASSWORD.',
  AUTH_PASSWORD_MISMATCH: 'The password is wrong: check auth.password in the gateway config.',
  AUTH_RATE_LIMITED: 'Too many failed attempts from this address: wait for the lockout to pass, then retry with the right credentials.',
  DEVICE_IDENTITY_REQUIRED: 'The gateway needs credentials or a device identity: pass --token.',
  PAIRING_REQUIRED: 'This device must be approved: run `gatewire devices list` and `gatewire devices approve <id>` on the gateway host.',
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'The Origin is not allowed: add it to allowedOrigins in the gateway config.',
  AUTH_UNAUTHORIZED: 'The gateway host refused these credentials.',
};

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
    fail('auth', authTitle, `${message}${code === undefined ? '' : ` [${code}]`}${retry}`, (code === undefined ? undefined : AUTH_REMEDIES[code]) ?? 'Check the credentials and the gateway logs.'),
  ];
}
