/**
 * A small scorer for gold-annotated articles (`<slug>.txt` + `<slug>.gold.json`), shared by the
 * dev-corpus and held-out regression tests. It follows the rules in the header of ../shared/corpus/score.mjs (that
 * script runs on import and exports nothing, so its rules are restated here):
 *
 * - who-said: a gold quote is a true positive when one predicted quote covers >= 80% of its
 *   normalised characters AND names the right speaker; every attributed prediction that is not
 *   such a true positive (and covers no gold quote with the right speaker) is a false positive.
 * - speaker accuracy: among gold quotes whose span was found, the share with the right speaker.
 * - figures: a gold figure is found when an unused predicted figure overlaps it (>= 3 shared
 *   characters) and shares a digit group or number word; predictions matching another gold figure
 *   (repeats) are right, predictions matching `figures_optional` are ignored, the rest are false.
 * - scare quotes: an attributed prediction that matches a gold `not_quotes` span (>= 80% of the
 *   shorter one) while covering under half of any gold quote is counted apart; the dev corpus
 *   test requires none.
 * - a predicted speaker is right when its name or an alias equals the gold speaker's name or a
 *   non-pronoun alias, and that string does not also name another person of the article.
 */

/** A speaker as the gold file declares it. */
export interface GoldSpeaker {
  id: string
  name: string
  aliases?: string[]
}

/** The parts of a gold file the scorer reads. */
export interface GoldArticle {
  speakers: GoldSpeaker[]
  mentioned_not_speakers?: { name: string }[]
  quotes: { text: string; speaker: string }[]
  not_quotes?: { text: string }[]
  figures: { text: string }[]
  figures_optional?: { text: string }[]
}

/** The parts of an extraction the scorer reads (an `Extraction` fits). */
export interface PredictedArticle {
  speakers: { id: string; name: string; aliases: string[] }[]
  quotes: { text: string; speaker: string | null }[]
  figures: { text: string }[]
}

/** Raw counts for one article; add them up with {@link addCounts} and turn them into metrics. */
export interface ScoreCounts {
  goldQuotes: number
  spansFound: number
  whoSaidTruePositives: number
  whoSaidFalsePositives: number
  /** Attributed predictions that are a gold `not_quotes` span (scare quotes, titles). */
  scareQuotesAttributed: number
  goldFigures: number
  figuresFound: number
  /** Predicted figures that are neither optional nor ignored. */
  figuresPredicted: number
  figuresPredictedRight: number
}

/** Micro-averaged metrics, as score.mjs prints them. */
export interface ScoreMetrics {
  whoSaidPrecision: number
  whoSaidRecall: number
  whoSaidF1: number
  speakerAccuracy: number
  figurePrecision: number
  figureRecall: number
  figureF1: number
}

/** What went wrong in one article, for a readable failure message. */
export interface ScoreDetails {
  counts: ScoreCounts
  problems: string[]
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'him', 'her', 'them', 'we', 'i', 'you'])
const NUMBER_WORDS =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|half|dozen|first|second|third)\b/g
const QUOTE_COVERAGE = 0.8

/** Folds quote marks, dashes, spaces and case so that spans compare on their words. */
export function normaliseSpan(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033«»"]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000\s]+/g, ' ')
    .replace(/\u2026/g, '...')
    .toLowerCase()
    .replace(/^[\s'.,;:!?-]+|[\s'.,;:!?-]+$/g, '')
    .trim()
}

/** Length of the longest common substring of `a` and `b`. */
export function longestCommonSubstring(a: string, b: string): number {
  if (a === '' || b === '') return 0
  if (a.includes(b)) return b.length
  if (b.includes(a)) return a.length
  let best = 0
  let previous = new Uint16Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    const current = new Uint16Array(b.length + 1)
    for (let j = 1; j <= b.length; j++) {
      if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
        current[j] = previous[j - 1] + 1
        if (current[j] > best) best = current[j]
      }
    }
    previous = current
  }
  return best
}

function numberTokens(normalised: string): Set<string> {
  const digits = (normalised.match(/\d+(?:[.,]\d+)*/g) ?? []).map((d) => d.replace(/,/g, ''))
  const words = normalised.match(NUMBER_WORDS) ?? []
  return new Set([...digits, ...words])
}

/** True when a predicted figure text matches a gold figure text (overlap + shared number). */
export function figuresMatch(predicted: string, gold: string): boolean {
  const a = normaliseSpan(predicted)
  const b = normaliseSpan(gold)
  if (a === '' || b === '') return false
  const overlap = longestCommonSubstring(a, b)
  if (overlap < Math.min(3, a.length, b.length)) return false
  const aTokens = numberTokens(a)
  const bTokens = numberTokens(b)
  for (const token of bTokens) if (aTokens.has(token)) return true
  return aTokens.size === 0 && bTokens.size === 0 && overlap >= 0.8 * b.length
}

function speakerStrings(speaker: { name: string; aliases?: string[] }): Set<string> {
  const out = new Set<string>()
  for (const s of [speaker.name, ...(speaker.aliases ?? [])]) {
    const n = normaliseSpan(s)
    if (n !== '' && !PRONOUNS.has(n)) out.add(n)
  }
  return out
}

/** Counts, for each name string, how many people of the article it can refer to. */
function nameOwners(gold: GoldArticle): Map<string, number> {
  const owners = new Map<string, number>()
  const people = [
    ...gold.speakers,
    ...(gold.mentioned_not_speakers ?? []).map((m) => ({ name: m.name, aliases: [] }))
  ]
  for (const person of people) {
    const strings = speakerStrings(person)
    const surname = normaliseSpan(person.name).split(' ').pop()
    if (surname !== undefined && surname !== '' && !PRONOUNS.has(surname)) strings.add(surname)
    for (const s of strings) owners.set(s, (owners.get(s) ?? 0) + 1)
  }
  return owners
}

/**
 * A test of "predicted speaker `predictedId` is gold speaker `goldId`", by the scorer's rule (a
 * shared name or alias that names nobody else in the article).
 */
export function speakerMatcher(
  gold: GoldArticle,
  predictedSpeakers: readonly { id: string; name: string; aliases: string[] }[]
): (predictedId: string, goldId: string) => boolean {
  const byId = new Map(predictedSpeakers.map((s) => [s.id, s]))
  const goldSpeakers = new Map(gold.speakers.map((s) => [s.id, s]))
  const owners = nameOwners(gold)
  return (predictedId, goldId) => {
    const p = byId.get(predictedId) ?? { name: predictedId, aliases: [] }
    const g = goldSpeakers.get(goldId)
    if (g === undefined) return false
    const goldStrings = speakerStrings(g)
    for (const s of speakerStrings(p)) {
      if (goldStrings.has(s) && (owners.get(s) ?? 0) <= 1) return true
    }
    return false
  }
}

/** The share of `a`'s normalised characters that `b` covers (the scorer's span match). */
export function coverage(a: string, b: string): number {
  const na = normaliseSpan(a)
  const nb = normaliseSpan(b)
  if (na === '' || nb === '') return 0
  return longestCommonSubstring(na, nb) / na.length
}

/** Scores one article's extraction against its gold annotation. */
export function scoreArticle(gold: GoldArticle, predicted: PredictedArticle): ScoreDetails {
  const problems: string[] = []
  const predictedSpeakers = new Map(predicted.speakers.map((s) => [s.id, s]))
  const isRightSpeaker = speakerMatcher(gold, predicted.speakers)
  const speakerName = (id: string | null): string =>
    id === null ? 'nobody' : (predictedSpeakers.get(id)?.name ?? id)

  const predictedQuotes = predicted.quotes
    .map((q) => ({ speaker: q.speaker, text: q.text, n: normaliseSpan(q.text) }))
    .filter((q) => q.n !== '')
  const goldQuotes = gold.quotes.map((q) => ({ ...q, n: normaliseSpan(q.text) }))
  const notQuotes = (gold.not_quotes ?? []).map((q) => normaliseSpan(q.text))
  const usedPredictions = new Set<number>()
  let spansFound = 0
  let truePositives = 0
  for (const q of goldQuotes) {
    let best = -1
    let bestCoverage = 0
    let bestRight = false
    predictedQuotes.forEach((p, i) => {
      const coverage = longestCommonSubstring(p.n, q.n) / q.n.length
      if (coverage < QUOTE_COVERAGE) return
      const right = p.speaker !== null && isRightSpeaker(p.speaker, q.speaker)
      if (
        best === -1 ||
        (right && !bestRight) ||
        (right === bestRight && coverage > bestCoverage)
      ) {
        best = i
        bestCoverage = coverage
        bestRight = right
      }
    })
    if (best === -1) {
      problems.push(`quote not found: ${q.text.slice(0, 60)}`)
      continue
    }
    spansFound++
    if (bestRight) {
      truePositives++
      usedPredictions.add(best)
    } else {
      problems.push(
        `wrong speaker (${speakerName(predictedQuotes[best].speaker)}): ${q.text.slice(0, 60)}`
      )
    }
  }
  let falsePositives = 0
  let scareQuotesAttributed = 0
  predictedQuotes.forEach((p, i) => {
    if (p.speaker === null) return
    const goldCoverage =
      goldQuotes.reduce((most, q) => Math.max(most, longestCommonSubstring(p.n, q.n)), 0) /
      p.n.length
    const isScareQuote = notQuotes.some(
      (n) =>
        n !== '' &&
        longestCommonSubstring(p.n, n) / Math.max(1, Math.min(n.length, p.n.length)) >=
          QUOTE_COVERAGE &&
        goldCoverage < 0.5
    )
    if (isScareQuote) {
      scareQuotesAttributed++
      problems.push(`scare quote attributed (${speakerName(p.speaker)}): ${p.text.slice(0, 60)}`)
    }
    if (usedPredictions.has(i)) return
    // One prediction may cover several gold quotes (merged paragraphs): it is right when it
    // names the right speaker for any gold quote it covers.
    const coversRight = goldQuotes.some(
      (q) =>
        longestCommonSubstring(p.n, q.n) / q.n.length >= QUOTE_COVERAGE &&
        p.speaker !== null &&
        isRightSpeaker(p.speaker, q.speaker)
    )
    if (coversRight) {
      usedPredictions.add(i)
      return
    }
    falsePositives++
    problems.push(`false attribution (${speakerName(p.speaker)}): ${p.text.slice(0, 60)}`)
  })

  const predictedFigures = predicted.figures.map((f) => f.text).filter((t) => t !== '')
  const goldFigures = gold.figures.map((f) => f.text)
  const optionalFigures = (gold.figures_optional ?? []).map((f) => f.text)
  const usedFigures = new Set<number>()
  let figuresFound = 0
  for (const g of goldFigures) {
    const i = predictedFigures.findIndex((p, k) => !usedFigures.has(k) && figuresMatch(p, g))
    if (i >= 0) {
      usedFigures.add(i)
      figuresFound++
    } else {
      problems.push(`figure not found: ${g}`)
    }
  }
  let figuresPredicted = 0
  let figuresPredictedRight = 0
  predictedFigures.forEach((p, k) => {
    if (usedFigures.has(k) || goldFigures.some((g) => figuresMatch(p, g))) {
      figuresPredicted++
      figuresPredictedRight++
      return
    }
    if (optionalFigures.some((o) => figuresMatch(p, o))) return
    figuresPredicted++
    problems.push(`extra figure: ${p}`)
  })

  return {
    counts: {
      goldQuotes: goldQuotes.length,
      spansFound,
      whoSaidTruePositives: truePositives,
      whoSaidFalsePositives: falsePositives,
      scareQuotesAttributed,
      goldFigures: goldFigures.length,
      figuresFound,
      figuresPredicted,
      figuresPredictedRight
    },
    problems
  }
}

/** Adds two sets of counts (micro-averaging sums counts before dividing). */
export function addCounts(a: ScoreCounts, b: ScoreCounts): ScoreCounts {
  return {
    goldQuotes: a.goldQuotes + b.goldQuotes,
    spansFound: a.spansFound + b.spansFound,
    whoSaidTruePositives: a.whoSaidTruePositives + b.whoSaidTruePositives,
    whoSaidFalsePositives: a.whoSaidFalsePositives + b.whoSaidFalsePositives,
    scareQuotesAttributed: a.scareQuotesAttributed + b.scareQuotesAttributed,
    goldFigures: a.goldFigures + b.goldFigures,
    figuresFound: a.figuresFound + b.figuresFound,
    figuresPredicted: a.figuresPredicted + b.figuresPredicted,
    figuresPredictedRight: a.figuresPredictedRight + b.figuresPredictedRight
  }
}

/** Counts of nothing, the start of a sum. */
export function emptyCounts(): ScoreCounts {
  return {
    goldQuotes: 0,
    spansFound: 0,
    whoSaidTruePositives: 0,
    whoSaidFalsePositives: 0,
    scareQuotesAttributed: 0,
    goldFigures: 0,
    figuresFound: 0,
    figuresPredicted: 0,
    figuresPredictedRight: 0
  }
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole)
const harmonicMean = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))

/** Turns summed counts into the metrics score.mjs prints. */
export function metricsOf(c: ScoreCounts): ScoreMetrics {
  const whoSaidPrecision = ratio(
    c.whoSaidTruePositives,
    c.whoSaidTruePositives + c.whoSaidFalsePositives
  )
  const whoSaidRecall = ratio(c.whoSaidTruePositives, c.goldQuotes)
  const figurePrecision = ratio(c.figuresPredictedRight, c.figuresPredicted)
  const figureRecall = ratio(c.figuresFound, c.goldFigures)
  return {
    whoSaidPrecision,
    whoSaidRecall,
    whoSaidF1: harmonicMean(whoSaidPrecision, whoSaidRecall),
    speakerAccuracy: ratio(c.whoSaidTruePositives, c.spansFound),
    figurePrecision,
    figureRecall,
    figureF1: harmonicMean(figurePrecision, figureRecall)
  }
}
