/**
 * `npm run cards -- <file> [--json|--tsv]`: loads an article with the app's loader, extracts its
 * quotes and figures, and prints the cards generated from them — a readable list by default, the
 * cards as JSON with `--json`, or an Anki-importable TSV with `--tsv`.
 */
import { extractArticle } from '../core/extract'
import { cardFront, generateCards, toAnkiTsv, type CardContent } from '../core/cards'
import { cliArgs, loadArticleOrReport, runCli } from './load'

type OutputFormat = 'list' | 'json' | 'tsv'

const USAGE = 'Usage: npm run cards -- <file> [--json|--tsv]\n'

function parseArgs(argv: readonly string[]): { file: string; format: OutputFormat } | null {
  const args = cliArgs(argv)
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
  const article = await loadArticleOrReport(options.file)
  if (!article) return 1
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

runCli(main)
