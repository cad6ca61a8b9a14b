/** Errors users see. Every one carries a stable code; the message says what to do. */
export type ErrorCode =
  | "E_MCPGUARD_USAGE"
  | "E_MCPGUARD_BAD_SPEC"
  | "E_MCPGUARD_REFUSED_SPEC"
  | "E_MCPGUARD_NOT_FOUND"
  | "E_MCPGUARD_FETCH"
  | "E_MCPGUARD_TIMEOUT"
  | "E_MCPGUARD_INTEGRITY"
  | "E_MCPGUARD_MISMATCH"
  | "E_MCPGUARD_UNSUPPORTED"
  | "E_MCPGUARD_CORRUPT"
  | "E_MCPGUARD_LIMIT"
  | "E_MCPGUARD_CONFIG"
  /** A guarded change in package.json whose version no lockfile pins. */
  | "E_MCPGUARD_NO_LOCKFILE"
  /** GitHub refused a call for lack of a permission of the app's (named in the message). */
  | "E_MCPGUARD_PERMISSION";

export class McpGuardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "McpGuardError";
    this.code = code;
  }
}

export function isMcpGuardError(e: unknown): e is McpGuardError {
  return e instanceof McpGuardError;
}
