import type { Article } from '../article/types'
import type { Extraction, Figure, FigureKind, Quote, Speaker, TextSpan } from '../extract/types'
import type { CardContent, CardTemplate, Note, NoteKind, SourceAnchor } from './types'
import {
  containsPhrase,
  isStopWord,
  normaliseText,
  phrasePattern,
  seededRandom,
  seededShuffle,
  sentenceBounds,
  shortHash,
  slugify,
  wordKey,
  wordTokens,
  type WordToken
} from './text'

/** What `generateCards` needs. */
export interface GenerateCardsInput {
  article: Article
  /** With the user's corrections already applied (see `applyCorrections`). */
  extraction: Extraction
  /** Speaker names from the rest of the library: the last source of who-said distractors. */
  librarySpeakerNames?: string[]
}

/** Notes (source facts) and the cards made from them. */
export interface GeneratedCards {
  notes: Note[]
  cards: CardContent[]
}

/** The gap shown in cloze prompts. */
export const CLOZE_GAP = '[...]'
/** What replaces words that would give a quote's speaker away. */
export const SPEAKER_MASK = '[…]'
/** Who-said cards show the answer and up to this many distractors. */
export const DISTRACTOR_COUNT = 3
/** Quotes shorter than this (in words) are context, not who-said cards. */
export const MIN_WHO_SAID_WORDS = 2
/** A quote cloze needs this many words so that enough remains around the gap. */
export const MIN_CLOZE_QUOTE_WORDS = 5
/** The longest phrase a quote cloze blanks, in words. */
const MAX_CLOZE_PHRASE_WORDS = 3

const FIGURE_HINTS: Record<FigureKind, string> = {
  money: 'amount of money',
  percent: 'percentage',
  count: 'number',
  duration: 'duration',
  date: 'date',
  age: 'age',
  measure: 'measurement',
  time: 'time'
}

interface LibraryName {
  name: string
  key: string
  lastKey: string
}

interface Context {
  article: Article
  speakersById: Map<string, Speaker>
  quotedSpeakerIds: Set<string>
  library: LibraryName[]
  /** Per speaker id: the article's distractor candidates in order (see `articleCandidates`). */
  articleCandidates: Map<string, string[]>
  notes: Note[]
  cards: CardContent[]
}

function paragraphIndexAt(article: Article, offset: number): number {
  const paragraphs = article.paragraphs
  let low = 0
  let high = paragraphs.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const p = paragraphs[mid]
    if (offset < p.start) high = mid - 1
    else if (offset >= p.end) low = mid + 1
    else return mid
  }
  // Between paragraphs (on a separator): the one before.
  return Math.max(0, Math.min(paragraphs.length - 1, high))
}

function anchorFor(article: Article, sentence: TextSpan, span: TextSpan): SourceAnchor {
  return {
    articleId: article.id,
    sentence: { start: sentence.start, end: sentence.end },
    span: { start: span.start, end: span.end },
    paragraphIndex: paragraphIndexAt(article, span.start)
  }
}

/** Collapses runs of whitespace so prompts read as one line of text. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** A quote as shown on a card: one line, without the comma that led into its attribution. */
function displayQuote(text: string): string {
  return tidy(text).replace(/[\s,;:]+$/, '')
}

/** Quotes longer than this (in words) are cut to an excerpt on cards (minimum information). */
export const LONG_QUOTE_WORDS = 40

/**
 * The quote with the gap in place of [gap.start, gap.end); a long quote is cut to the sentence
 * holding the gap (with "…" for what is left out), if that sentence has enough words on its own.
 */
function clozeExcerpt(text: string, gap: { start: number; end: number }): string {
  const withGap = (from: number, to: number): string =>
    `${text.slice(from, gap.start)}${CLOZE_GAP}${text.slice(gap.end, to)}`
  if (wordTokens(text).length <= LONG_QUOTE_WORDS) return withGap(0, text.length)
  const sentence = sentenceBounds(text, gap.start, gap.end)
  if (wordTokens(text.slice(sentence.start, sentence.end)).length < MIN_CLOZE_QUOTE_WORDS) {
    return withGap(0, text.length)
  }
  const before = sentence.start > 0 ? '… ' : ''
  const after = sentence.end < text.length ? ' …' : ''
  return `${before}${withGap(sentence.start, sentence.end).trim()}${after}`
}

/** A long quote's first sentences (at least half the long-quote length), then "…". */
function leadingExcerpt(text: string): string {
  if (wordTokens(text).length <= LONG_QUOTE_WORDS) return text
  let end = 0
  while (end < text.length && wordTokens(text.slice(0, end)).length < LONG_QUOTE_WORDS / 2) {
    end = sentenceBounds(text, end, end).end
    if (end < text.length) end = Math.min(text.length, end + 1)
  }
  return end >= text.length ? text : `${text.slice(0, end).trim()} …`
}

/** Gives each key a stable occurrence suffix: `key`, `key~2`, `key~3`… in text order. */
class KeyCounter {
  private readonly seen = new Map<string, number>()
  next(key: string): string {
    const count = (this.seen.get(key) ?? 0) + 1
    this.seen.set(key, count)
    return count === 1 ? key : `${key}~${count}`
  }
}

/** A quote's key: a readable slug plus a hash of its whole normalised text (offset-free). */
function quoteKey(quote: Quote): string {
  return `${slugify(quote.text, 6)}-${shortHash(normaliseText(quote.text))}`
}

function noteFor(ctx: Context, kind: NoteKind, key: string, anchor: SourceAnchor): Note {
  const note: Note = {
    id: `${ctx.article.id}:${kind}:${key}`,
    articleId: ctx.article.id,
    kind,
    anchor
  }
  ctx.notes.push(note)
  return note
}

interface CardFields {
  prompt: string
  answer: string
  hint?: string | null
  context?: string | null
  options?: string[] | null
  answerSpeakerId?: string | null
  tags: string[]
}

function cardFor(note: Note, template: CardTemplate, fields: CardFields): CardContent {
  return {
    id: `${note.id}:${template}`,
    noteId: note.id,
    articleId: note.articleId,
    template,
    prompt: fields.prompt,
    answer: fields.answer,
    hint: fields.hint ?? null,
    context: fields.context ?? null,
    options: fields.options ?? null,
    answerSpeakerId: fields.answerSpeakerId ?? null,
    anchor: note.anchor,
    tags: [template, ...fields.tags]
  }
}

/** The words that name a speaker: full name, aliases, and (for people) each part of the name. */
function givingAwayPhrases(speaker: Speaker): string[] {
  const phrases = new Set<string>()
  for (const name of [speaker.name, ...speaker.aliases]) {
    const trimmed = name.trim()
    if (trimmed.length < 2 || isStopWord(trimmed)) continue
    phrases.add(trimmed)
  }
  if (speaker.kind === 'person') {
    for (const token of wordTokens(speaker.name)) {
      if (token.text.length >= 3 && !isStopWord(token.text)) phrases.add(token.text)
    }
  }
  // Longest first, so "Antony Blinken" is masked whole before "Blinken" alone.
  return [...phrases].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
}

function nameWordKeys(speaker: Speaker): Set<string> {
  const keys = new Set<string>()
  for (const name of [speaker.name, ...speaker.aliases]) {
    for (const token of wordTokens(name)) keys.add(wordKey(token.text))
  }
  return keys
}

/** The quote with every word that names its speaker (or states their role) masked. */
export function maskSpeaker(text: string, speaker: Speaker): string {
  let masked = text
  const phrases = givingAwayPhrases(speaker)
  if (speaker.role && wordTokens(speaker.role).length > 1) phrases.unshift(speaker.role.trim())
  for (const phrase of phrases) {
    masked = masked.replace(phrasePattern(phrase, 'giu'), SPEAKER_MASK)
  }
  return masked
}

/** Whether a candidate word is worth blanking: a content word that does not name the speaker. */
function isBlankable(token: WordToken, speakerWords: Set<string>): boolean {
  if (isStopWord(token.text)) return false
  if (speakerWords.has(wordKey(token.text))) return false
  return /\p{N}/u.test(token.text) || token.text.replace(/['’.-]/g, '').length >= 3
}

/** Content words too common to be worth recalling; blanked only when nothing better is there. */
const WEAK_WORDS = new Set(
  (
    'people time times year years day days thing something anything everything nothing ' +
    'someone everyone anyone lot good great new old big small first last next important ' +
    'going want know see look able sure certain fact part kind sort number point today ' +
    'obviously clearly actually certainly important different whole'
  ).split(' ')
)

/** A word's weight as a cloze answer: long, numeric or proper words are the informative ones. */
function informativeness(token: WordToken, isFirstWord: boolean): number {
  const letters = token.text.replace(/['’.-]/g, '').length
  let score = Math.min(letters, 12)
  if (WEAK_WORDS.has(wordKey(token.text))) score = 1
  if (/\p{N}/u.test(token.text)) score += 4
  if (!isFirstWord && /^\p{Lu}/u.test(token.text)) score += 3
  return score
}

/**
 * The most informative run of 1–3 adjacent content words in `text` (never a stop word, never a
 * word of the speaker's name), or null. A phrase that occurs twice in the text is skipped: its
 * answer would still show in the prompt.
 */
export function pickClozePhrase(
  text: string,
  speakerWords: Set<string>
): { start: number; end: number } | null {
  const tokens = wordTokens(text)
  const keys = tokens.map((t) => wordKey(t.text))
  const blankable = tokens.map((t) => isBlankable(t, speakerWords))
  const occurrences = (from: number, length: number): number => {
    let count = 0
    for (let k = 0; k + length <= keys.length; k++) {
      let same = true
      for (let m = 0; m < length && same; m++) same = keys[k + m] === keys[from + m]
      if (same) count++
    }
    return count
  }
  let best: { start: number; end: number; score: number } | null = null
  for (let i = 0; i < tokens.length; i++) {
    let score = 0
    for (let j = i; j < tokens.length && j < i + MAX_CLOZE_PHRASE_WORDS; j++) {
      const token = tokens[j]
      if (!blankable[j]) break
      // Adjacent means separated by one space or a hyphen only, not by punctuation.
      if (j > i && !/^[\s-]+$/.test(text.slice(tokens[j - 1].end, token.start))) break
      score += informativeness(token, j === 0)
      // Leave most of the quote visible: at least two words, and no more than half blanked.
      const gapWords = j - i + 1
      if (tokens.length - gapWords < 2 || gapWords > Math.max(1, (tokens.length - 1) / 2)) break
      // A phrase that occurs twice would still show in the prompt.
      if (occurrences(i, j - i + 1) !== 1) continue
      if (!best || score > best.score) best = { start: tokens[i].start, end: token.end, score }
    }
  }
  return best ? { start: best.start, end: best.end } : null
}

/** "China’s top diplomat" reads as is; "U.S. Secretary of State" needs "the". */
function roleWithArticle(role: string): string {
  const first = wordTokens(role)[0]?.text ?? ''
  const startsWithDeterminer = /^(the|a|an|his|her|their|its|our|my|your)$/i.test(first)
  // One of many: "a member of the board", "one of the founders".
  if (/^(member|one)$/i.test(first)) return `${/^one$/i.test(first) ? '' : 'a '}${role}`
  const startsPossessive = /['’]s$/.test(first) || /['’]s\s/.test(role.slice(0, first.length + 3))
  return startsWithDeterminer || startsPossessive ? role : `the ${role}`
}

/** Chicago style: "Jones’s" as well as "Wang Yi’s". */
function possessive(name: string): string {
  return `${name}’s`
}

/**
 * A cloze per precise figure. The figures of one sentence are siblings: their cards share the note
 * of the sentence's first carded figure, so answering one buries the others for the day (each
 * prompt shows the other figures, which would give their answers away). Card ids keep the
 * figure's own key (`${articleId}:figure:${key}:cloze-figure`), as before siblings existed, so
 * cards already studied keep their history: a re-sync matches them by id and only moves them to
 * the sentence's note. A sentence with one figure gets exactly the note and card it always had.
 */
function figureCards(ctx: Context, figures: Figure[]): void {
  const keys = new KeyCounter()
  const sentenceNotes = new Map<number, Note>()
  const ordered = [...figures].sort((a, b) => a.start - b.start || a.end - b.end)
  for (const figure of ordered) {
    const key = keys.next(slugify(figure.text, 6))
    if (figure.vague || figure.text.trim().length === 0) continue
    const sentence = figure.sentence
    const before = ctx.article.text.slice(sentence.start, figure.start)
    const after = ctx.article.text.slice(figure.end, sentence.end)
    if (figure.start < sentence.start || figure.end > sentence.end) continue
    // Blank any repeat of the same figure too, so the answer cannot show in the prompt.
    const blankRepeats = (part: string): string =>
      part.replace(phrasePattern(figure.text.trim(), 'giu'), CLOZE_GAP)
    const prompt = tidy(`${blankRepeats(before)}${CLOZE_GAP}${blankRepeats(after)}`)
    if (containsPhrase(prompt, figure.text.trim())) continue
    const own = noteFor(ctx, 'figure', key, anchorFor(ctx.article, sentence, figure))
    const shared = sentenceNotes.get(sentence.start) ?? own
    sentenceNotes.set(sentence.start, shared)
    const card = cardFor(own, 'cloze-figure', {
      prompt,
      answer: figure.text.trim(),
      hint: FIGURE_HINTS[figure.kind] ?? figure.kind,
      tags: [`figure-${figure.kind}`]
    })
    // the id stays the figure's own; only the note (the sibling group) is the sentence's
    ctx.cards.push(shared === own ? card : { ...card, noteId: shared.id })
  }
}

function lastWordKey(name: string): string {
  const tokens = wordTokens(name)
  return tokens.length > 1 ? wordKey(tokens[tokens.length - 1].text) : ''
}

/** Library names, normalised once and without duplicates, in the order given. */
function libraryNames(names: string[]): LibraryName[] {
  const seen = new Set<string>()
  const result: LibraryName[] = []
  for (const name of names) {
    const key = normaliseText(name)
    if (key.length === 0 || seen.has(key)) continue
    seen.add(key)
    result.push({ name: name.trim(), key, lastKey: lastWordKey(name) })
  }
  return result
}

/** Names from the article, most relevant first: the first two sources of distractors. */
function articleCandidates(ctx: Context, speaker: Speaker): string[] {
  const cached = ctx.articleCandidates.get(speaker.id)
  if (cached) return cached
  const others = [...ctx.speakersById.values()].filter((s) => s.id !== speaker.id)
  const byRelevance = (a: Speaker, b: Speaker): number =>
    b.quoteCount - a.quoteCount ||
    b.mentions.length - a.mentions.length ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  const sameKindFirst = (a: Speaker, b: Speaker): number =>
    Number(b.kind === speaker.kind) - Number(a.kind === speaker.kind) || byRelevance(a, b)
  const quoted = others.filter((s) => ctx.quotedSpeakerIds.has(s.id))
  const named = others.filter((s) => !ctx.quotedSpeakerIds.has(s.id))
  // 1. other quoted speakers of the same kind; 2. anyone else the article names (same kind first).
  const names = [
    ...quoted.filter((s) => s.kind === speaker.kind).sort(byRelevance),
    ...[...named, ...quoted.filter((s) => s.kind !== speaker.kind)].sort(sameKindFirst)
  ].map((s) => s.name)
  ctx.articleCandidates.set(speaker.id, names)
  return names
}

/** Distractor names for a who-said card, most relevant first, at most `DISTRACTOR_COUNT`. */
function distractorsFor(ctx: Context, speaker: Speaker, cardId: string): string[] {
  const answerNames = [speaker.name, ...speaker.aliases]
  const excluded = new Set(answerNames.map(normaliseText))
  const chosen: string[] = []
  const take = (name: string, key = normaliseText(name)): void => {
    if (chosen.length >= DISTRACTOR_COUNT || key.length === 0 || excluded.has(key)) return
    excluded.add(key)
    chosen.push(name.trim())
  }
  for (const name of articleCandidates(ctx, speaker)) take(name)
  // 3. the rest of the library. It may name the same person differently ("Antony J. Blinken"),
  // so names sharing the answer's last name are skipped; a seeded starting place keeps cards from
  // all getting the same names.
  const answerLastNames = new Set(answerNames.map(lastWordKey).filter((k) => k.length > 0))
  const library = ctx.library
  const offset = library.length > 0 ? Math.floor(seededRandom(cardId)() * library.length) : 0
  for (let i = 0; i < library.length && chosen.length < DISTRACTOR_COUNT; i++) {
    const entry = library[(offset + i) % library.length]
    if (!answerLastNames.has(entry.lastKey)) take(entry.name, entry.key)
  }
  return chosen
}

function quoteCards(ctx: Context, quotes: Quote[]): void {
  const keys = new KeyCounter()
  const ordered = [...quotes].sort((a, b) => a.start - b.start || a.end - b.end)
  for (const quote of ordered) {
    const key = keys.next(quoteKey(quote))
    if (quote.speaker === null) continue
    const speaker = ctx.speakersById.get(quote.speaker)
    if (!speaker) continue
    const text = displayQuote(quote.text)
    const words = wordTokens(text).length
    if (words === 0) continue
    const anchor = anchorFor(ctx.article, quote.sentence, quote)
    const note = noteFor(ctx, 'quote', key, anchor)
    const tags = [`speaker-${speaker.id}`]

    if (words >= MIN_CLOZE_QUOTE_WORDS) {
      const gap = pickClozePhrase(text, nameWordKeys(speaker))
      if (gap) {
        const answer = text.slice(gap.start, gap.end)
        const prompt = `“${clozeExcerpt(text, gap)}”`
        if (!containsPhrase(prompt, answer)) {
          ctx.cards.push(
            cardFor(note, 'cloze-quote', {
              prompt,
              answer,
              context: `${speaker.name} said:`,
              answerSpeakerId: null,
              tags
            })
          )
        }
      }
    }

    if (words >= MIN_WHO_SAID_WORDS) {
      const id = `${note.id}:who-said`
      const distractors = distractorsFor(ctx, speaker, id)
      const masked = leadingExcerpt(maskSpeaker(text, speaker))
      const visibleWords = wordTokens(masked.split(SPEAKER_MASK).join(' ')).length
      if (distractors.length > 0 && visibleWords >= MIN_WHO_SAID_WORDS) {
        ctx.cards.push(
          cardFor(note, 'who-said', {
            prompt: `“${masked}”`,
            answer: speaker.name,
            context: 'Who said this?',
            options: seededShuffle([speaker.name, ...distractors], id),
            answerSpeakerId: speaker.id,
            tags
          })
        )
      }
    }
  }
}

/** Where the article states a speaker's role: the role's first occurrence, else the first mention. */
function roleAnchor(article: Article, speaker: Speaker, role: string): SourceAnchor | null {
  const mentions = [...speaker.mentions].sort((a, b) => a.start - b.start)
  let span: TextSpan | null = null
  const pattern = phrasePattern(role, 'giu')
  for (const match of article.text.matchAll(pattern)) {
    const start = match.index
    const end = start + match[0].length
    // Prefer an occurrence next to a mention of the speaker ("China’s top diplomat Wang Yi").
    const near = mentions.some((m) => Math.abs(m.start - end) < 80 || Math.abs(start - m.end) < 80)
    if (near) {
      span = { start, end }
      break
    }
    span ??= { start, end }
  }
  span ??= mentions[0] ?? null
  if (!span) return null
  const paragraph = article.paragraphs[paragraphIndexAt(article, span.start)]
  const sentence = paragraph
    ? sentenceBounds(article.text, span.start, span.end, paragraph.start, paragraph.end)
    : sentenceBounds(article.text, span.start, span.end)
  return anchorFor(article, sentence, span)
}

/** Roles longer than this (in words) make clumsy questions and are left out. */
export const MAX_ROLE_WORDS = 10

const ORDINALS = new Set(
  'first second third fourth fifth sixth seventh eighth ninth tenth last former late'.split(' ')
)

/** A role worth asking about: some content word beyond ordinals, and not a whole paragraph. */
function isUsableRole(role: string): boolean {
  const words = wordTokens(role).map((t) => t.text)
  if (words.length === 0 || words.length > MAX_ROLE_WORDS) return false
  return words.some((w) => !isStopWord(w) && !ORDINALS.has(wordKey(w)))
}

/** A role held in the past ("then-House Speaker") is asked about in the past tense. */
function roleTense(role: string): { role: string; past: boolean } {
  const stripped = role.replace(/^then[-\s]+/i, '')
  return { role: stripped, past: stripped !== role && stripped.length > 0 }
}

function roleCards(ctx: Context, speakers: Speaker[]): void {
  const roles = speakers.map((s) => (s.role ? roleTense(tidy(s.role)).role : ''))
  speakers.forEach((speaker, index) => {
    const statedRole = speaker.role ? tidy(speaker.role) : ''
    if (!isUsableRole(statedRole)) return
    // A role that names its holder would give the answer away.
    if (givingAwayPhrases(speaker).some((phrase) => containsPhrase(statedRole, phrase))) return
    const anchor = roleAnchor(ctx.article, speaker, statedRole)
    if (!anchor) return
    const { role, past } = roleTense(statedRole)
    const note = noteFor(ctx, 'role', speaker.id, anchor)
    const tags = [`speaker-${speaker.id}`]
    // "Who is the President?" has two answers when someone else is the "Chinese President".
    const ambiguous = roles.some(
      (other, i) => i !== index && other.length > 0 && containsPhrase(other, role)
    )
    if (!ambiguous) {
      ctx.cards.push(
        cardFor(note, 'who-is', {
          prompt: past
            ? `Who was ${roleWithArticle(role)} at the time?`
            : `Who is ${roleWithArticle(role)}?`,
          answer: speaker.name,
          answerSpeakerId: speaker.id,
          tags
        })
      )
    }
    ctx.cards.push(
      cardFor(note, 'role-of', {
        prompt: past
          ? `What was ${possessive(speaker.name)} role at the time?`
          : `What is ${possessive(speaker.name)} role?`,
        answer: role,
        tags
      })
    )
  })
}

function promptKey(card: CardContent): string {
  return normaliseText(`${card.context ?? ''} ${card.prompt}`)
}
/**
 * Removes cards whose prompt repeats another's. A repeated who-is prompt ("Who is the
 * spokesperson?" for two people) has no single answer, so every copy goes; otherwise the first
 * card (in text order) stays.
 */
function withoutDuplicatePrompts(cards: CardContent[]): CardContent[] {
  const keys = cards.map(promptKey)
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  const seen = new Set<string>()
  return cards.filter((card, index) => {
    const key = keys[index]
    if (card.template === 'who-is' && (counts.get(key) ?? 0) > 1) return false
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Notes and cards for one article: a cloze per precise figure; per attributed quote a quote cloze
 * and a who-said card; per speaker with a stated role a who-is card and its reverse. Pure and
 * deterministic: the same input always gives the same ids, prompts and option orders.
 */
export function generateCards(input: GenerateCardsInput): GeneratedCards {
  const { article, extraction } = input
  const speakersById = new Map(extraction.speakers.map((s) => [s.id, s]))
  const quotedSpeakerIds = new Set(
    extraction.quotes
      .filter((q) => q.speaker !== null && wordTokens(q.text).length >= MIN_WHO_SAID_WORDS)
      .map((q) => q.speaker as string)
  )
  const ctx: Context = {
    article,
    speakersById,
    quotedSpeakerIds,
    library: libraryNames(input.librarySpeakerNames ?? []),
    articleCandidates: new Map(),
    notes: [],
    cards: []
  }
  quoteCards(ctx, extraction.quotes)
  figureCards(ctx, extraction.figures)
  roleCards(ctx, extraction.speakers)

  const cards = withoutDuplicatePrompts(ctx.cards)
  const usedNotes = new Set(cards.map((c) => c.noteId))
  const notes: Note[] = []
  const seenNotes = new Set<string>()
  for (const note of ctx.notes) {
    if (!usedNotes.has(note.id) || seenNotes.has(note.id)) continue
    seenNotes.add(note.id)
    notes.push(note)
  }
  return { notes, cards }
}
