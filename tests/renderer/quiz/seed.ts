import type {
  ArticleRecord,
  CardRecord,
  QuotedeckDatabase
} from '../../../src/renderer/src/db/schema'
import type { Speaker } from '../../../src/core/extract/types'
import { newSchedulingState } from '../../../src/core/scheduling'
import { NOW_MS, DAY_MS } from './fixtures'

const speakers: Speaker[] = [
  person('antony-blinken', 'Antony Blinken', ['Blinken']),
  person('wang-yi', 'Wang Yi', ['Wang']),
  person('wang-xiaohong', 'Wang Xiaohong', []),
  person('xi-jinping', 'Xi Jinping', ['Xi'])
]

function person(id: string, name: string, aliases: string[]): Speaker {
  return { id, name, aliases, role: null, kind: 'person', mentions: [], quoteCount: 3 }
}

/** The seeded article's speakers. */
export const seedSpeakers = speakers

/**
 * A small article of twelve quoted sentences, three per speaker, with its extraction and one
 * who-said card per quote (all new), written straight to the database.
 */
export async function seedQuizArticle(
  db: QuotedeckDatabase,
  articleId = 'article-q'
): Promise<CardRecord[]> {
  const paragraphs: string[] = []
  const quotes: Array<{ text: string; speaker: Speaker }> = []
  for (let index = 0; index < 12; index++) {
    const speaker = speakers[index % 4]
    const text = `Statement number ${index + 1} is about topic ${String.fromCharCode(65 + index)}`
    quotes.push({ text, speaker })
    paragraphs.push(`“${text},” ${speaker.name} said.`)
  }
  const text = paragraphs.join('\n\n')
  let offset = 0
  const paragraphSpans = paragraphs.map((paragraph) => {
    const span = { kind: 'body' as const, start: offset, end: offset + paragraph.length }
    offset += paragraph.length + 2
    return span
  })
  const article: ArticleRecord = {
    id: articleId,
    title: 'Talks in Beijing',
    byline: null,
    source: { kind: 'builtin', name: 'test' },
    text,
    paragraphs: paragraphSpans,
    removed: [],
    encoding: 'utf-8',
    wordCount: text.split(/\s+/).length,
    addedAt: NOW_MS - DAY_MS
  }
  await db.articles.put(article)
  await db.extractions.put({
    articleId,
    speakers,
    quotes: [],
    figures: [],
    extractedAt: NOW_MS - DAY_MS
  })
  const cards: CardRecord[] = quotes.map((quote, index) => {
    const paragraph = paragraphSpans[index]
    const noteId = `${articleId}:quote:q-${index}`
    return {
      id: `${noteId}:who-said`,
      noteId,
      articleId,
      template: 'who-said',
      prompt: `“${quote.text}”`,
      answer: quote.speaker.name,
      hint: null,
      context: null,
      options: speakers.map((s) => s.name),
      answerSpeakerId: quote.speaker.id,
      anchor: {
        articleId,
        sentence: { start: paragraph.start, end: paragraph.end },
        span: { start: paragraph.start + 1, end: paragraph.start + 1 + quote.text.length },
        paragraphIndex: index
      },
      tags: ['who-said'],
      ...newSchedulingState(NOW_MS - DAY_MS + index),
      createdAt: NOW_MS - DAY_MS,
      updatedAt: NOW_MS - DAY_MS
    }
  })
  await db.cards.bulkPut(cards)
  return cards
}
