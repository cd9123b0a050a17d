import type { Article, Paragraph, RemovedLine } from '../../../src/core/article/types'
import type { Extraction, Figure, Quote, Speaker } from '../../../src/core/extract/types'

/** Builds an article the way the cleaner lays one out: paragraphs joined by a blank line. */
export function buildArticle(
  items: { text: string; kind?: Paragraph['kind'] }[],
  removed: RemovedLine[] = [],
  id = 'article-1'
): Article {
  const paragraphs: Paragraph[] = []
  let text = ''
  for (const item of items) {
    if (text !== '') text += '\n\n'
    const start = text.length
    text += item.text
    paragraphs.push({ kind: item.kind ?? 'body', start, end: text.length })
  }
  return {
    id,
    title: 'Engines for everyone',
    byline: 'By A. Reporter',
    source: { kind: 'file', path: '/tmp/engines.txt', fileName: 'engines.txt' },
    text,
    paragraphs,
    removed,
    encoding: 'utf-8',
    wordCount: text.split(/\s+/).filter(Boolean).length
  }
}

/** A small synthetic article with a heading, quotes, figures and two removed lines. */
export function sampleArticle(id = 'article-1'): Article {
  return buildArticle(
    [
      { text: 'Minister Ada Lovelace spoke on Monday about the $5 billion engine plan.' },
      { text: 'Plans for the future', kind: 'heading' },
      { text: '“We will build engines for every town,” Lovelace said.' },
      { text: '“It is far too expensive,” said Charles Babbage, the opposition leader.' },
      { text: 'Critics called it a “vanity project” in 2023.' }
    ],
    [
      { text: 'WATCH l Lovelace on engines:', ruleId: 'embed-caption', beforeParagraph: 2 },
      { text: 'Share this article', ruleId: 'share-line', beforeParagraph: 5 }
    ],
    id
  )
}

const speakerSpecs: { id: string; name: string; role: string; alias: string }[] = [
  { id: 'ada-lovelace', name: 'Ada Lovelace', role: 'Minister', alias: 'Lovelace' },
  { id: 'charles-babbage', name: 'Charles Babbage', role: 'opposition leader', alias: 'Babbage' }
]

const quoteSpecs: { text: string; speaker: string | null; cue: string | null }[] = [
  { text: 'We will build engines for every town,', speaker: 'ada-lovelace', cue: 'Lovelace said' },
  { text: 'It is far too expensive,', speaker: 'charles-babbage', cue: 'said Charles Babbage' },
  { text: 'vanity project', speaker: null, cue: null }
]

const figureSpecs: Pick<Figure, 'text' | 'kind' | 'value' | 'unit' | 'iso'>[] = [
  { text: '$5 billion', kind: 'money', value: 5e9, unit: 'USD', iso: null },
  { text: '2023', kind: 'date', value: 2023, unit: 'year', iso: '2023' }
]

/**
 * A stand-in extractor for renderer tests: it finds the sample's known quotes and figures by
 * searching the text, so offsets follow the text when a removed line is restored.
 */
export function fakeExtract(article: Article): Extraction {
  const quotes: Quote[] = []
  for (const spec of quoteSpecs) {
    const start = article.text.indexOf(spec.text)
    if (start < 0) continue
    const end = start + spec.text.length
    quotes.push({
      id: `q-${start}`,
      text: spec.text,
      start,
      end,
      kind: 'full',
      speaker: spec.speaker,
      cue: spec.cue,
      confidence: spec.speaker ? 0.92 : 0.3,
      rule: spec.speaker ? 'cue-after-same-sentence' : 'scare-quote',
      sentence: { start: Math.max(0, start - 1), end: end + 1 }
    })
  }
  const figures: Figure[] = []
  for (const spec of figureSpecs) {
    const start = article.text.indexOf(spec.text)
    if (start < 0) continue
    const end = start + spec.text.length
    figures.push({ id: `f-${start}`, ...spec, start, end, vague: false, sentence: { start, end } })
  }
  const speakers: Speaker[] = speakerSpecs.map((spec) => ({
    id: spec.id,
    name: spec.name,
    aliases: [spec.alias],
    role: spec.role,
    kind: 'person',
    mentions: [],
    quoteCount: quotes.filter((quote) => quote.speaker === spec.id).length
  }))
  return { articleId: article.id, speakers, quotes, figures }
}
