/** An error as the screen shows it: a stable code for support and a message for the log line under it. */
export interface CodedError {
  code: string;
  message: string;
}

/**
 * Reads the code off any error that carries one (ContractError, ProtocolError, RxError); others get the
 * caller's fallback code, so every error on screen has one.
 */
export function toCodedError(err: unknown, fallbackCode: string): CodedError {
  if (typeof err === 'object' && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(err);
    if (typeof code === 'string' && code.length > 0) return { code, message: text };
    return { code: fallbackCode, message: text };
  }
  return { code: fallbackCode, message: String(err) };
}
