import type { Article } from '../../../src/core/article/types'
import type {
  Extraction,
  Figure,
  FigureKind,
  Quote,
  Speaker,
  SpeakerKind
} from '../../../src/core/extract/types'

/** An article from paragraphs joined by blank lines, as the cleaner produces. */
export function makeArticle(paragraphs: string[], id = 'art1'): Article {
  const text = paragraphs.join('\n\n')
  let offset = 0
  const spans = paragraphs.map((p) => {
    const span = { kind: 'body' as const, start: offset, end: offset + p.length }
    offset += p.length + 2
    return span
  })
  return {
    id,
    title: 'Test article',
    byline: null,
    source: { kind: 'clipboard' },
    text,
    paragraphs: spans,
    removed: [],
    encoding: 'utf-8',
    wordCount: text.split(/\s+/).length
  }
}

function occurrence(text: string, needle: string, nth = 1): number {
  let index = -1
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1)
    if (index < 0) throw new Error(`fixture: "${needle}" not found (${nth})`)
  }
  return index
}

/** The sentence around an offset: the paragraph-bounded stretch between sentence ends. */
function sentenceAround(
  article: Article,
  start: number,
  end: number
): { start: number; end: number } {
  const paragraph = article.paragraphs.find((p) => p.start <= start && start < p.end)!
  const before = article.text.slice(paragraph.start, start)
  const lastEnd = Math.max(before.lastIndexOf('. '), before.lastIndexOf('.” '))
  const sentenceStart =
    lastEnd < 0 ? paragraph.start : paragraph.start + before.indexOf(' ', lastEnd) + 1
  const after = article.text.slice(end, paragraph.end)
  const nextEnd = after.search(/[.!?]["”]?(\s|$)/)
  const sentenceEnd =
    nextEnd < 0 ? paragraph.end : end + nextEnd + (after[nextEnd + 1] === '”' ? 2 : 1)
  return { start: sentenceStart, end: sentenceEnd }
}

export function speaker(
  id: string,
  name: string,
  options: {
    aliases?: string[]
    role?: string | null
    kind?: SpeakerKind
    quoteCount?: number
  } = {}
): Speaker {
  return {
    id,
    name,
    aliases: options.aliases ?? [],
    role: options.role ?? null,
    kind: options.kind ?? 'person',
    mentions: [],
    quoteCount: options.quoteCount ?? 0
  }
}

/** A quote whose text is `quoteText`, found (nth occurrence) in the article. */
export function quote(
  article: Article,
  quoteText: string,
  speakerId: string | null,
  options: { nth?: number; kind?: 'full' | 'partial' } = {}
): Quote {
  const start = occurrence(article.text, quoteText, options.nth)
  const end = start + quoteText.length
  return {
    id: `q-${start}`,
    text: quoteText,
    start,
    end,
    kind: options.kind ?? 'full',
    speaker: speakerId,
    cue: null,
    confidence: 0.9,
    rule: 'fixture',
    sentence: sentenceAround(article, start, end)
  }
}

export function figure(
  article: Article,
  figureText: string,
  kind: FigureKind,
  options: { nth?: number; vague?: boolean } = {}
): Figure {
  const start = occurrence(article.text, figureText, options.nth)
  const end = start + figureText.length
  return {
    id: `f-${start}`,
    text: figureText,
    start,
    end,
    kind,
    value: null,
    unit: null,
    iso: null,
    vague: options.vague ?? false,
    sentence: sentenceAround(article, start, end)
  }
}

/** Fills in mentions (every occurrence of name and aliases) and quote counts. */
export function makeExtraction(
  article: Article,
  speakers: Speaker[],
  quotes: Quote[],
  figures: Figure[]
): Extraction {
  const withMentions = speakers.map((s) => {
    const mentions: { start: number; end: number }[] = []
    for (const name of [s.name, ...s.aliases]) {
      let index = article.text.indexOf(name)
      while (index >= 0) {
        mentions.push({ start: index, end: index + name.length })
        index = article.text.indexOf(name, index + 1)
      }
    }
    mentions.sort((a, b) => a.start - b.start)
    const quoteCount = quotes.filter((q) => q.speaker === s.id).length
    return { ...s, mentions, quoteCount }
  })
  return { articleId: article.id, speakers: withMentions, quotes, figures }
}

export const PARAGRAPHS = [
  'U.S. Secretary of State Antony Blinken raised concerns on Friday about China’s support for Russia’s military.',
  'Blinken raised the matter during five-and-a-half hours of talks with China’s top diplomat Wang Yi in Beijing.',
  '“I reiterated our serious concern about the PRC providing components that are powering Russia’s brutal war,” Blinken said at a news conference.',
  'Wang told Blinken that “negative factors in the relationship are still increasing and building.”',
  'Wang also said the U.S. had taken “endless” measures to suppress China’s economy.',
  'Blinken met Chinese President Xi Jinping, who said: “This is a fundamental issue that must be addressed, just like the first button of a shirt.”',
  'President Joe Biden signed a bill that included $8 billion to counter China’s military might, and some money for Taiwan.',
  'Despite its “no limits” partnership with Moscow, China has steered clear of providing arms.',
  'Blinken met China’s minister of public security, Wang Xiaohong, to discuss the fentanyl issue.'
]

/** A small hand-made article and extraction modelled on the seed. */
export function seedLikeFixture(): { article: Article; extraction: Extraction } {
  const article = makeArticle(PARAGRAPHS)
  const speakers = [
    speaker('antony-blinken', 'Antony Blinken', {
      aliases: ['Blinken'],
      role: 'U.S. Secretary of State'
    }),
    speaker('wang-yi', 'Wang Yi', { aliases: ['Wang'], role: 'China’s top diplomat' }),
    speaker('xi-jinping', 'Xi Jinping', { aliases: ['Xi'], role: 'Chinese President' }),
    speaker('joe-biden', 'Joe Biden', { aliases: ['Biden'], role: 'President' }),
    speaker('wang-xiaohong', 'Wang Xiaohong', {
      role: 'China’s minister of public security'
    })
  ]
  const quotes = [
    quote(
      article,
      'I reiterated our serious concern about the PRC providing components that are powering Russia’s brutal war,',
      'antony-blinken'
    ),
    quote(
      article,
      'negative factors in the relationship are still increasing and building.',
      'wang-yi',
      {
        kind: 'partial'
      }
    ),
    quote(article, 'endless', 'wang-yi', { kind: 'partial' }),
    quote(
      article,
      'This is a fundamental issue that must be addressed, just like the first button of a shirt.',
      'xi-jinping'
    ),
    quote(article, 'no limits', null, { kind: 'partial' })
  ]
  const figures = [
    figure(article, 'five-and-a-half hours', 'duration'),
    figure(article, '$8 billion', 'money'),
    figure(article, 'some money', 'money', { vague: true })
  ]
  return { article, extraction: makeExtraction(article, speakers, quotes, figures) }
}
