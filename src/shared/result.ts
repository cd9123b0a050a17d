/** Machine-readable codes for the failures the app expects and explains to the user. */
export type AppErrorCode =
  | 'EMPTY'
  | 'BINARY'
  | 'TOO_LARGE'
  | 'UNREADABLE'
  | 'NOT_FOUND'
  | 'NO_ARTICLE'
  | 'UNSUPPORTED'
  | 'INVALID_ARGUMENT'
  | 'FORBIDDEN'
  | 'CANCELLED'
  | 'INTERNAL'
  | 'CONFLICT'

/** A failure with a message written for the user. */
export interface AppError {
  code: AppErrorCode
  message: string
}

/** Result of any operation that can fail in an expected way. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** Builds a typed failure. */
export function fail<T = never>(code: AppErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}
