/**
 * What to do about each refusal of `connect`, by `details.code`, in the words a person at a terminal
 * needs (flags and files, not protocol fields). Shared by `doctor` and every other command.
 */
export const AUTH_REMEDIES: Readonly<Record<string, string>> = {
  AUTH_TOKEN_MISSING: 'pass --token or set GATEWIRE_TOKEN (the gateway host keeps it in $GATEWIRE_HOME/token, by default ~/.gatewire/token).',
  AUTH_TOKEN_MISMATCH: 'the token is wrong or was reset: copy the current one from $GATEWIRE_HOME/token on the gateway host (by default ~/.gatewire/token), or run `gatewire token reset` there.',
  AUTH_PASSWORD_MISSING: 'pass --password or set GATEWIRE_PASSWORD.',
  AUTH_PASSWORD_MISMATCH: 'the password is wrong: check auth.password in the gateway config.',
  AUTH_RATE_LIMITED: 'too many failed attempts from this address: wait for the lockout to pass, then retry with the right credentials.',
  DEVICE_IDENTITY_REQUIRED: 'the gateway needs credentials: pass --token or set GATEWIRE_TOKEN.',
  PAIRING_REQUIRED: 'this device must be approved: run `gatewire devices list` and `gatewire devices approve <id>` on the gateway host.',
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'the Origin is not allowed: add it to allowedOrigins in the gateway config.',
  AUTH_SCOPE_MISMATCH: 'the credentials do not grant the scopes this command needs: pass the shared token (--token or GATEWIRE_TOKEN).',
  AUTH_UNAUTHORIZED: 'the gateway host refused these credentials.',
};

/** Short human titles of the refusals, for the first half of an error line. */
export const AUTH_TITLES: Readonly<Record<string, string>> = {
  AUTH_TOKEN_MISSING: 'the gateway wants a token and none was given',
  AUTH_TOKEN_MISMATCH: 'the gateway refused the token',
  AUTH_PASSWORD_MISSING: 'the gateway wants a password and none was given',
  AUTH_PASSWORD_MISMATCH: 'the gateway refused the password',
  AUTH_RATE_LIMITED: 'the gateway is refusing this address for a while',
  DEVICE_IDENTITY_REQUIRED: 'the gateway wants credentials and none were given',
  PAIRING_REQUIRED: 'this device is not paired yet',
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'the gateway refused the Origin',
  AUTH_SCOPE_MISMATCH: 'the gateway refused the requested scopes',
};

/**
 * The title and remedy of a refusal's `details.code`, read by own keys only: the code comes from the
 * gateway, and `constructor` or `toString` must not reach `Object.prototype`.
 */
export function authRefusalText(code: string | undefined): { title: string; remedy: string | undefined } | undefined {
  if (code === undefined || !Object.hasOwn(AUTH_TITLES, code)) return undefined;
  return { title: AUTH_TITLES[code] as string, remedy: authRemedy(code) };
}

/** The remedy of a refusal's `details.code` (own keys only), if there is one. */
export function authRemedy(code: string | undefined): string | undefined {
  return code !== undefined && Object.hasOwn(AUTH_REMEDIES, code) ? AUTH_REMEDIES[code] : undefined;
}
