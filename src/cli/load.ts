/**
 * What the `npm run <cli> -- <file>` commands share: dropping npm's `--`, loading the article
 * through the app's own loader, and turning the outcome into an exit code (errors on stderr).
 */
import { resolve } from 'node:path'
import type { Article } from '../core/article/types'
import { loadArticleFromPath } from '../main/services/article-loader'

/** The command's arguments without the `--` npm passes through. */
export function cliArgs(argv: readonly string[]): string[] {
  return argv.filter((arg) => arg !== '--')
}

/**
 * Loads the article at `path` (relative to the working directory) as the app would. On failure it
 * writes `CODE: message` to stderr and returns null, so the caller exits with 1.
 */
export async function loadArticleOrReport(path: string): Promise<Article | null> {
  const loaded = await loadArticleFromPath(resolve(path))
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error.code}: ${loaded.error.message}\n`)
    return null
  }
  return loaded.value
}

/**
 * Runs a command's `main` on the process arguments and sets the exit code it returns; anything it
 * throws is reported as `INTERNAL: message` with exit code 1.
 */
export function runCli(main: (argv: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`INTERNAL: ${(error as Error).message}\n`)
      process.exitCode = 1
    }
  )
}
