import { ConnectChallenge, ConnectParams } from '../schema/connect';
import { ErrorShape, EventFrame, RequestFrame, ResponseFrame } from '../schema/frames';
import { HelloOk } from '../schema/hello';
import { compileValidator } from './compile';

/** Compiled validators of the frames and handshake objects, built once at module load. */
export const validators = {
  requestFrame: compileValidator(RequestFrame),
  responseFrame: compileValidator(ResponseFrame),
  eventFrame: compileValidator(EventFrame),
  errorShape: compileValidator(ErrorShape),
  connectChallenge: compileValidator(ConnectChallenge),
  connectParams: compileValidator(ConnectParams),
  helloOk: compileValidator(HelloOk),
} as const;
