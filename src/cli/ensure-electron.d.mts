/** Types for ensure-electron.mjs (plain JS so `npm run dev` needs no TypeScript loader). */
export interface DownloadAttempt {
  ok: boolean
  output: string
}
export type EnsureElectronResult = { ok: true; binary: string } | { ok: false; message: string }
export function findElectronBinary(
  electronDir: string,
  env: Record<string, string | undefined>
): string | null
export function downloadElectronBinary(projectDir: string): DownloadAttempt
export function explainMissingBinary(output: string, electronVersion: string): string
export function ensureElectron(options: {
  projectDir: string
  env?: Record<string, string | undefined>
  download?: (projectDir: string) => DownloadAttempt
  log?: (line: string) => void
}): EnsureElectronResult
