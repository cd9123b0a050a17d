/**
 * `npm run article -- <file>`: loads a file through the same main-process loader the app uses and
 * prints the cleaned Article as JSON. Errors go to stderr with exit code 1.
 */
import { cliArgs, loadArticleOrReport, runCli } from './load'

async function main(argv: readonly string[]): Promise<number> {
  const args = cliArgs(argv)
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    process.stderr.write('Usage: npm run article -- <file.txt|file.md|file.html>\n')
    return 1
  }
  const article = await loadArticleOrReport(args[0])
  if (!article) return 1
  process.stdout.write(`${JSON.stringify(article, null, 2)}\n`)
  return 0
}

runCli(main)
