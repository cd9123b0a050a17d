/**
 * `npm run cards -- <file> [--json|--tsv]`: loads an article with the app's loader, extracts its
 * quotes and figures, and prints the cards generated from them — a readable list by default, the
 * cards as JSON with `--json`, or an Anki-importable TSV with `--tsv`.
 */
import { resolve } from 'node:path'
import { loadArticleFromPath } from '../main/services/article-loader'
import { extractArticle } from '../core/extract'
import { cardFront, generateCards, toAnkiTsv, type CardContent } from '../core/cards'

type OutputFormat = 'list' | 'json' | 'tsv'

const USAGE = 'Usage: npm run cards -- <file> [--json|--tsv]\n'

function parseArgs(argv: readonly string[]): { file: string; format: OutputFormat } | null {
  const args = argv.filter((arg) => arg !== '--')
  const flags = args.filter((arg) => arg.startsWith('-'))
  const files = args.filter((arg) => !arg.startsWith('-'))
  if (files.length !== 1 || flags.some((f) => f !== '--json' && f !== '--tsv')) return null
  if (flags.includes('--json') && flags.includes('--tsv')) return null
  const format: OutputFormat = flags.includes('--json')
    ? 'json'
    : flags.includes('--tsv')
      ? 'tsv'
      : 'list'
  return { file: files[0], format }
}

function readableList(title: string, cards: CardContent[]): string {
  const lines = [`${title}: ${cards.length} cards`, '']
  cards.forEach((card, index) => {
    lines.push(`${index + 1}. [${card.template}] ${cardFront(card)}`)
    lines.push(`   → ${card.answer}`)
  })
  return lines.join('\n') + '\n'
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv)
  if (!options) {
    process.stderr.write(USAGE)
    return 1
  }
  const loaded = await loadArticleFromPath(resolve(options.file))
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error.code}: ${loaded.error.message}\n`)
    return 1
  }
  const article = loaded.value
  const extraction = extractArticle(article)
  const { cards } = generateCards({ article, extraction })
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(cards, null, 2)}\n`)
  } else if (options.format === 'tsv') {
    process.stdout.write(toAnkiTsv(cards))
  } else {
    process.stdout.write(readableList(article.title, cards))
  }
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
