/**
 * The scoring of ../shared/corpus/score.mjs (who-said, speaker accuracy, figures), reimplemented
 * for tests so that a regression on the dev corpus fails `npm test`. Same normalisation and
 * matching rules as the script's header describes.
 */
export interface GoldSpeaker {
  id: string
  name: string
  aliases?: string[]
}

export interface Gold {
  speakers: GoldSpeaker[]
  mentioned_not_speakers?: { name: string }[]
  quotes: { text: string; speaker: string }[]
  not_quotes?: { text: string }[]
  figures: { text: string }[]
  figures_optional?: { text: string }[]
}

export interface Predicted {
  speakers: { id: string; name: string; aliases: string[] }[]
  quotes: { text: string; speaker: string | null }[]
  figures: { text: string }[]
}

export interface Counts {
  goldQuotes: number
  spanFound: number
  truePositives: number
  falseAttributions: number
  scareAttributed: number
  goldFigures: number
  figuresFound: number
  figuresPredicted: number
  figuresRight: number
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'him', 'her', 'them', 'we', 'i', 'you'])

export function norm(s: string): string {
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

function lcs(a: string, b: string): number {
  if (!a || !b) return 0
  if (a.includes(b)) return b.length
  if (b.includes(a)) return a.length
  let best = 0
  let prev = new Uint16Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    const cur = new Uint16Array(b.length + 1)
    for (let j = 1; j <= b.length; j++) {
      if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
        cur[j] = prev[j - 1] + 1
        if (cur[j] > best) best = cur[j]
      }
    }
    prev = cur
  }
  return best
}

const NUMBER_WORDS =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|half|dozen|first|second|third)\b/g

function numberTokens(s: string): Set<string> {
  const t = norm(s)
  const digits = (t.match(/\d+(?:[.,]\d+)*/g) ?? []).map((d) => d.replace(/,/g, ''))
  return new Set([...digits, ...(t.match(NUMBER_WORDS) ?? [])])
}

function figuresMatch(p: string, g: string): boolean {
  const a = norm(p)
  const b = norm(g)
  if (!a || !b) return false
  const overlap = lcs(a, b)
  if (overlap < Math.min(3, Math.min(a.length, b.length))) return false
  const na = numberTokens(a)
  const nb = numberTokens(b)
  for (const x of nb) if (na.has(x)) return true
  return na.size === 0 && nb.size === 0 && overlap >= 0.8 * b.length
}

function speakerStrings(sp: { name: string; aliases?: string[] }): Set<string> {
  const out = new Set<string>()
  for (const s of [sp.name, ...(sp.aliases ?? [])]) {
    const n = norm(s)
    if (n && !PRONOUNS.has(n)) out.add(n)
  }
  return out
}

/** Scores one article's prediction against its gold annotation. */
export function scoreArticle(gold: Gold, pred: Predicted): Counts {
  const predSpeakers = new Map(pred.speakers.map((s) => [s.id, s]))
  const goldSpeakers = new Map(gold.speakers.map((s) => [s.id, s]))
  const owners = new Map<string, number>()
  const people = [
    ...gold.speakers,
    ...(gold.mentioned_not_speakers ?? []).map((m) => ({ name: m.name, aliases: [] }))
  ]
  for (const p of people) {
    const strs = speakerStrings(p)
    const last = norm(p.name).split(' ').pop()
    if (last && !PRONOUNS.has(last)) strs.add(last)
    for (const s of strs) owners.set(s, (owners.get(s) ?? 0) + 1)
  }
  const rightSpeaker = (predId: string, goldId: string): boolean => {
    const ps = predSpeakers.get(predId)
    const gs = goldSpeakers.get(goldId)
    if (!ps || !gs) return false
    const goldStrs = speakerStrings(gs)
    for (const s of speakerStrings(ps))
      if (goldStrs.has(s) && (owners.get(s) ?? 0) <= 1) return true
    return false
  }
  const pq = pred.quotes.map((q) => ({ ...q, n: norm(q.text) })).filter((q) => q.n)
  const gq = gold.quotes.map((q) => ({ ...q, n: norm(q.text) }))
  const nq = (gold.not_quotes ?? []).map((q) => norm(q.text))
  const used = new Set<number>()
  let spanFound = 0
  let tp = 0
  for (const q of gq) {
    let best = -1
    let bestCov = 0
    let bestRight = false
    pq.forEach((p, i) => {
      const cov = lcs(p.n, q.n) / q.n.length
      if (cov < 0.8) return
      const right = p.speaker !== null && rightSpeaker(p.speaker, q.speaker)
      if (best === -1 || (right && !bestRight) || (right === bestRight && cov > bestCov)) {
        best = i
        bestCov = cov
        bestRight = right
      }
    })
    if (best === -1) continue
    spanFound++
    if (bestRight) {
      tp++
      used.add(best)
    }
  }
  let falseAttributions = 0
  let scareAttributed = 0
  pq.forEach((p, i) => {
    if (p.speaker === null) return
    const inGold = gq.reduce((m, q) => Math.max(m, lcs(p.n, q.n)), 0) / p.n.length
    if (
      nq.some(
        (n) => n && lcs(p.n, n) / Math.max(1, Math.min(n.length, p.n.length)) >= 0.8 && inGold < 0.5
      )
    ) {
      scareAttributed++
    }
    if (used.has(i)) return
    const coversRight = gq.some(
      (q) => lcs(p.n, q.n) / q.n.length >= 0.8 && rightSpeaker(p.speaker as string, q.speaker)
    )
    if (coversRight) used.add(i)
    else falseAttributions++
  })
  const pf = pred.figures.map((f) => f.text).filter(Boolean)
  const gf = gold.figures.map((f) => f.text)
  const of = (gold.figures_optional ?? []).map((f) => f.text)
  const usedF = new Set<number>()
  let figuresFound = 0
  for (const f of gf) {
    const i = pf.findIndex((p, k) => !usedF.has(k) && figuresMatch(p, f))
    if (i >= 0) {
      usedF.add(i)
      figuresFound++
    }
  }
  let figuresPredicted = 0
  let figuresRight = 0
  pf.forEach((p, k) => {
    if (usedF.has(k) || gf.some((f) => figuresMatch(p, f))) {
      figuresPredicted++
      figuresRight++
      return
    }
    if (of.some((f) => figuresMatch(p, f))) return
    figuresPredicted++
  })
  return {
    goldQuotes: gq.length,
    spanFound,
    truePositives: tp,
    falseAttributions,
    scareAttributed,
    goldFigures: gf.length,
    figuresFound,
    figuresPredicted,
    figuresRight
  }
}
