import type { CloseCodes } from '@gatewire/protocol/lite';

// The two close codes the client branches on by value, as literals whose types the compiler checks
// against the protocol's `CloseCodes` (a change there fails the typecheck here). Importing the
// `CloseCodes` object itself would put the whole table in every browser bundle: a bundler keeps an
// object whole once one property of it is read.

/** `CloseCodes.PROTOCOL_ERROR` (1002): the gateway refused the protocol window. */
export const PROTOCOL_ERROR_CLOSE_CODE: typeof CloseCodes.PROTOCOL_ERROR = 1002;

/** `CloseCodes.AUTH_INVALIDATED` (4001): credentials rotated or revoked, or the device removed. */
export const AUTH_INVALIDATED_CLOSE_CODE: typeof CloseCodes.AUTH_INVALIDATED = 4001;
