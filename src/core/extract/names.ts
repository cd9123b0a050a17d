import type { Speaker } from './types'
import { HONORIFICS } from './lexicon'

/**
 * Folds a name for comparison: Unicode compatibility form, accents removed, curly apostrophes and
 * dashes made plain, a possessive "’s" and courtesy titles ("Mr", "Dr.") dropped, dots and commas
 * removed, lower case, single spaces. `normalizeName("Mr. José O’Neill’s")` → `"jose o'neill"`.
 */
const normalizedCache = new Map<string, string>()

export function normalizeName(name: string): string {
  const cached = normalizedCache.get(name)
  if (cached !== undefined) return cached
  const result = foldName(name)
  // a bounded memo: the same names recur across an article and across articles
  if (normalizedCache.size > 10000) normalizedCache.clear()
  normalizedCache.set(name, result)
  return result
}

function foldName(name: string): string {
  // plain ASCII words need no Unicode folding
  if (/^[A-Za-z]+(?: [A-Za-z]+)*$/u.test(name)) {
    const words = name.toLowerCase().split(' ')
    while (words.length > 1 && HONORIFICS.has(words[0])) words.shift()
    return words.join(' ')
  }
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/['’]s\b/gu, '')
    .replace(/[.,]/g, ' ')
    .toLowerCase()
  const words = folded.split(/\s+/).filter((w) => w.length > 0)
  while (words.length > 1 && HONORIFICS.has(words[0])) words.shift()
  return words.join(' ')
}

/** A URL-safe id for a name: `"Mara Quist"` → `"mara-quist"`. */
export function slugify(name: string): string {
  const slug = normalizeName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.length > 0 ? slug : 'speaker'
}

const wordsCache = new Map<string, readonly string[]>()

/** The words of a normalised name (a shared, memoised array: do not modify it). */
export function nameWords(name: string): readonly string[] {
  const cached = wordsCache.get(name)
  if (cached !== undefined) return cached
  const n = normalizeName(name)
  const result = n.length > 0 ? n.split(' ') : []
  if (wordsCache.size > 10000) wordsCache.clear()
  wordsCache.set(name, result)
  return result
}

/** The family name as news style uses it on second reference: the last word of the name. */
export function surnameOf(name: string): string {
  const words = nameWords(name)
  return words.length > 0 ? words[words.length - 1] : ''
}

/** Every normalised string that refers to this speaker by itself (name and aliases). */
function ownStrings(speaker: Pick<Speaker, 'name' | 'aliases'>): Set<string> {
  const out = new Set<string>()
  for (const s of [speaker.name, ...speaker.aliases]) {
    const n = normalizeName(s)
    if (n.length > 0) out.add(n)
  }
  return out
}

/**
 * Which speaker a typed name means, or null when it means none or is ambiguous. A typed name
 * matches a speaker when, after {@link normalizeName}, it equals the full name or one of the
 * article's aliases, or it equals a single word of a person's name (surname first, then any other
 * word) that no other speaker of the article shares. Courtesy titles and case are ignored, so
 * "mr quist", "Quist" and "Mara Quist" all mean the same person; a bare "Lund" means nobody
 * when two speakers are called Lund.
 */
export function resolveTypedName(
  typed: string,
  speakers: readonly Pick<Speaker, 'id' | 'name' | 'aliases' | 'kind'>[]
): string | null {
  const n = normalizeName(typed)
  if (n.length === 0) return null
  const exact = speakers.filter((s) => ownStrings(s).has(n))
  if (exact.length === 1) return exact[0].id
  if (exact.length > 1) return null
  if (n.includes(' ')) return null
  const bySurname = speakers.filter((s) => s.kind === 'person' && surnameOf(s.name) === n)
  if (bySurname.length === 1) return bySurname[0].id
  if (bySurname.length > 1) return null
  const byAnyWord = speakers.filter((s) => nameWords(s.name).includes(n))
  return byAnyWord.length === 1 ? byAnyWord[0].id : null
}

/**
 * Whether a typed name refers to `speaker` among all the article's `speakers` (see
 * {@link resolveTypedName} for what counts as a match).
 */
export function nameMatchesSpeaker(
  typed: string,
  speaker: Pick<Speaker, 'id' | 'name' | 'aliases' | 'kind'>,
  speakers: readonly Pick<Speaker, 'id' | 'name' | 'aliases' | 'kind'>[]
): boolean {
  const list = speakers.some((s) => s.id === speaker.id) ? speakers : [...speakers, speaker]
  return resolveTypedName(typed, list) === speaker.id
}
