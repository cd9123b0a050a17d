/**
 * `npm run extract -- <file> [--json]`: loads a .txt/.md/.html file through the app's loader and
 * cleaner, runs the extractor and prints speakers, quotes and figures. With `--json` it prints
 * exactly one JSON object; without, a readable listing. Errors go to stderr with exit code 1.
 */
import { extractArticle } from '../core/extract'
import type { Article } from '../core/article/types'
import type { Extraction } from '../core/extract/types'
import { cliArgs, loadArticleOrReport, runCli } from './load'

/** The CLI's JSON shape (see issue 3). */
export function extractionJson(article: Article, extraction: Extraction): object {
  return {
    article: { id: article.id, title: article.title, words: article.wordCount },
    speakers: extraction.speakers.map((s) => ({
      id: s.id,
      name: s.name,
      aliases: s.aliases,
      role: s.role,
      kind: s.kind
    })),
    quotes: extraction.quotes.map((q) => ({
      id: q.id,
      text: q.text,
      start: q.start,
      end: q.end,
      kind: q.kind,
      speaker: q.speaker,
      cue: q.cue,
      confidence: q.confidence
    })),
    figures: extraction.figures.map((f) => ({
      id: f.id,
      text: f.text,
      start: f.start,
      end: f.end,
      kind: f.kind,
      value: f.value,
      unit: f.unit,
      vague: f.vague
    }))
  }
}

/** A readable listing of an extraction. */
export function extractionListing(article: Article, extraction: Extraction): string {
  const lines: string[] = []
  const names = new Map(extraction.speakers.map((s) => [s.id, s.name]))
  lines.push(`${article.title} (${article.wordCount} words)`)
  lines.push('')
  lines.push(`Speakers (${extraction.speakers.length})`)
  for (const s of extraction.speakers) {
    const role = s.role ? `, ${s.role}` : ''
    const aliases = s.aliases.length > 0 ? ` [${s.aliases.join('; ')}]` : ''
    lines.push(`  ${s.name} (${s.kind}${role}) ${s.quoteCount} quote(s)${aliases}`)
  }
  lines.push('')
  lines.push(`Quotes (${extraction.quotes.length})`)
  for (const q of extraction.quotes) {
    const who = q.speaker ? (names.get(q.speaker) ?? q.speaker) : '(nobody)'
    const cue = q.cue ? ` cue "${q.cue}"` : ''
    lines.push(`  ${who} [${q.kind}, ${q.rule} ${q.confidence}${cue}]`)
    lines.push(`    “${q.text}”`)
  }
  lines.push('')
  lines.push(`Figures (${extraction.figures.length})`)
  for (const f of extraction.figures) {
    const value = f.value === null ? '' : ` = ${f.value}${f.unit ? ` ${f.unit}` : ''}`
    lines.push(`  ${f.kind}${f.vague ? ' (vague)' : ''}: ${f.text}${value}`)
  }
  return lines.join('\n')
}

async function main(argv: readonly string[]): Promise<number> {
  const args = cliArgs(argv)
  const json = args.includes('--json')
  const files = args.filter((arg) => arg !== '--json')
  if (files.length !== 1 || files[0] === '--help' || files[0] === '-h') {
    process.stderr.write('Usage: npm run extract -- <file.txt|file.md|file.html> [--json]\n')
    return 1
  }
  const article = await loadArticleOrReport(files[0])
  if (!article) return 1
  const extraction = extractArticle(article)
  const out = json
    ? JSON.stringify(extractionJson(article, extraction))
    : extractionListing(article, extraction)
  process.stdout.write(`${out}\n`)
  return 0
}

runCli(main)
