/**
 * `npm run article -- <file>`: loads a file through the same main-process loader the app uses and
 * prints the cleaned Article as JSON. Errors go to stderr with exit code 1.
 */
import { resolve } from 'node:path'
import { loadArticleFromPath } from '../main/services/article-loader'

async function main(argv: readonly string[]): Promise<number> {
  const args = argv.filter((arg) => arg !== '--')
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    process.stderr.write('Usage: npm run article -- <file.txt|file.md|file.html>\n')
    return 1
  }
  const result = await loadArticleFromPath(resolve(args[0]))
  if (!result.ok) {
    process.stderr.write(`${result.error.code}: ${result.error.message}\n`)
    return 1
  }
  process.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`INTERNAL: ${(error as Error).message}\n`)
    process.exitCode = 1
  }
)
