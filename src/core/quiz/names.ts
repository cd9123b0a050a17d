/**
 * Name normalisation and fuzzy comparison for typed answers. Kept here (not in core/extract)
 * because grading needs the forgiving, user-facing variant: case, diacritics, punctuation and
 * courtesy titles are ignored, and small typos are measured with Damerau-Levenshtein.
 */

/** Letters that do not decompose under NFD but that users commonly type without the mark. */
const UNDECOMPOSABLE: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i'
}

/** Courtesy titles a user may put in front of a name; they never decide who is meant. */
const COURTESY_TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame'])

/**
 * Lower-cases, strips diacritics (NFD), turns hyphens and dashes into spaces, drops other
 * punctuation and collapses whitespace. Returns the name's tokens.
 */
export function nameTokens(text: string): string[] {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øłđðþßæœı]/g, (letter) => UNDECOMPOSABLE[letter] ?? letter)
    .replace(/[\p{Pd}/_]+/gu, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
  return folded.split(/\s+/).filter((token) => token.length > 0)
}

/** Tokens of a typed answer, without a leading courtesy title ("Mr Blinken" → ["blinken"]). */
export function answerTokens(text: string): string[] {
  const tokens = nameTokens(text)
  while (tokens.length > 1 && COURTESY_TITLES.has(tokens[0])) tokens.shift()
  return tokens
}

/** A name with spaces removed after normalisation, so "Jean-Pierre" equals "Jean Pierre". */
export function compactName(text: string): string {
  return nameTokens(text).join('')
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions
 * and transpositions of adjacent letters each cost 1.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  const width = b.length + 1
  const rows = new Array<number>((a.length + 1) * width)
  for (let i = 0; i <= a.length; i++) rows[i * width] = i
  for (let j = 0; j <= b.length; j++) rows[j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(
        rows[(i - 1) * width + j] + 1,
        rows[i * width + j - 1] + 1,
        rows[(i - 1) * width + j - 1] + cost
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[(i - 2) * width + j - 2] + 1)
      }
      rows[i * width + j] = best
    }
  }
  return rows[a.length * width + b.length]
}

/** How many typos a name of this many letters tolerates: 1 up to six letters, 2 beyond. */
export function typoAllowance(letterCount: number): number {
  if (letterCount <= 2) return 0
  return letterCount <= 6 ? 1 : 2
}
