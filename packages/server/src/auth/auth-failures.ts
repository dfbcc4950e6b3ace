import { RecommendedNextSteps, type ConnectErrorDetailCode, type RecommendedNextStep } from '@gatewire/protocol';
import { invalidRequest, notPaired, type ConnectRefusal } from '../handshake/connect-refusal';

/** Why shared-secret or identity authentication failed (sent as `details.authReason`). */
export type AuthFailureReason =
  | 'token_missing'
  | 'token_mismatch'
  | 'password_missing'
  | 'password_mismatch'
  | 'device_token_mismatch'
  | 'scope_mismatch'
  | 'rate_limited'
  | 'trusted_proxy_untrusted_source'
  | 'trusted_proxy_missing_header'
  | 'trusted_proxy_user_not_allowed'
  | 'unauthorized';

const FAILURES: Readonly<Record<AuthFailureReason, { detail: ConnectErrorDetailCode; message: string; next: RecommendedNextStep }>> = {
  token_missing: {
    detail: 'AUTH_TOKEN_MISSING',
    message: 'unauthorized: gateway token missing (send the gateway token in auth.token)',
    next: RecommendedNextSteps.UPDATE_AUTH_CONFIGURATION,
  },
  token_mismatch: {
    detail: 'AUTH_TOKEN_MISMATCH',
    message: "unauthorized: gateway token mismatch (auth.token does not match the gateway's token)",
    next: RecommendedNextSteps.UPDATE_AUTH_CREDENTIALS,
  },
  password_missing: {
    detail: 'AUTH_PASSWORD_MISSING',
    message: 'unauthorized: gateway password missing (send the gateway password in auth.password)',
    next: RecommendedNextSteps.UPDATE_AUTH_CONFIGURATION,
  },
  password_mismatch: {
    detail: 'AUTH_PASSWORD_MISMATCH',
    message: "unauthorized: gateway password mismatch (auth.password does not match the gateway's password)",
    next: RecommendedNextSteps.UPDATE_AUTH_CREDENTIALS,
  },
  device_token_mismatch: {
    detail: 'AUTH_DEVICE_TOKEN_MISMATCH',
    message: 'unauthorized: device token mismatch (the device token was rotated or revoked)',
    next: RecommendedNextSteps.UPDATE_AUTH_CREDENTIALS,
  },
  scope_mismatch: {
    detail: 'AUTH_SCOPE_MISMATCH',
    message: 'unauthorized: device token scope mismatch (requested scopes exceed the approved ones)',
    next: RecommendedNextSteps.REVIEW_AUTH_CONFIGURATION,
  },
  rate_limited: {
    detail: 'AUTH_RATE_LIMITED',
    message: 'unauthorized: too many failed authentication attempts (retry later)',
    next: RecommendedNextSteps.WAIT_THEN_RETRY,
  },
  trusted_proxy_untrusted_source: {
    detail: 'AUTH_UNAUTHORIZED',
    message: 'unauthorized: trusted-proxy auth requires a connection from a trusted proxy',
    next: RecommendedNextSteps.REVIEW_AUTH_CONFIGURATION,
  },
  trusted_proxy_missing_header: {
    detail: 'AUTH_IDENTITY_HEADER_REQUIRED',
    message: 'unauthorized: trusted proxy identity header missing',
    next: RecommendedNextSteps.REVIEW_AUTH_CONFIGURATION,
  },
  trusted_proxy_user_not_allowed: {
    detail: 'AUTH_UNAUTHORIZED',
    message: 'unauthorized: user is not allowed by the gateway',
    next: RecommendedNextSteps.REVIEW_AUTH_CONFIGURATION,
  },
  unauthorized: {
    detail: 'AUTH_UNAUTHORIZED',
    message: 'unauthorized',
    next: RecommendedNextSteps.REVIEW_AUTH_CONFIGURATION,
  },
};

/** Options of {@link authFailure}. */
export interface AuthFailureOptions {
  /** A device token could succeed where the shared secret failed. */
  readonly canRetryWithDeviceToken?: boolean;
  readonly retryAfterMs?: number;
  /** Replaces the default message (a hook's own text). */
  readonly message?: string;
}

/** The `INVALID_REQUEST` refusal for an auth failure, with the reference's details. */
export function authFailure(reason: AuthFailureReason, options: AuthFailureOptions = {}): ConnectRefusal {
  const failure = FAILURES[reason];
  const canRetry = options.canRetryWithDeviceToken ?? false;
  return invalidRequest(options.message ?? failure.message, {
    details: {
      code: failure.detail,
      authReason: reason,
      canRetryWithDeviceToken: canRetry,
      recommendedNextStep: canRetry ? RecommendedNextSteps.RETRY_WITH_DEVICE_TOKEN : failure.next,
    },
    ...(options.retryAfterMs === undefined ? {} : { retryable: true, retryAfterMs: options.retryAfterMs }),
  });
}

/** `NOT_PAIRED` / `DEVICE_IDENTITY_REQUIRED`: no credentials and no device, or a node without a device. */
export function deviceIdentityRequired(): ConnectRefusal {
  return notPaired('device identity required', { details: { code: 'DEVICE_IDENTITY_REQUIRED' } });
}

/** `CONTROL_UI_DEVICE_IDENTITY_REQUIRED`: a control UI client id without a device. */
export function controlUiDeviceIdentityRequired(): ConnectRefusal {
  return invalidRequest('control ui requires device identity (use HTTPS or localhost so the browser can sign)', {
    details: { code: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED' },
  });
}
