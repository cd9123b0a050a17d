import { answerTokens, compactName, damerauLevenshtein, nameTokens, typoAllowance } from './names'

/** A person as the grader needs them: the article's canonical name and the other forms it uses. */
export interface NamedSpeaker {
  id: string
  name: string
  aliases: string[]
}

/** Why a typed answer was accepted or refused. */
export type TypedGradeReason =
  'exact' | 'alias' | 'surname' | 'typo' | 'ambiguous-surname' | 'wrong' | 'empty'

/** The grade of a typed answer with a sentence the user can read. */
export interface TypedGrade {
  correct: boolean
  reason: TypedGradeReason
  message: string
  /** For a wrong answer that names someone else in the article: that speaker's id (a confusion). */
  namedSpeakerId?: string
}

type FormKind = 'name' | 'alias' | 'surname' | 'token'

/** One way of writing a speaker's name, normalised. `token` forms only count for ambiguity. */
interface NameForm {
  compact: string
  kind: FormKind
  /** As the article writes it, for messages. */
  display: string
}

interface Candidate {
  speaker: NamedSpeaker
  forms: NameForm[]
}

const COUNT_WORDS = ['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine']

/**
 * The forms a speaker answers to. The surname is the single-word alias the article uses that is
 * also part of the full name ("Wang" for "Wang Yi", whatever the name order); without such an
 * alias, the last word of the name.
 */
function formsOf(speaker: NamedSpeaker): NameForm[] {
  const forms: NameForm[] = []
  const nameCompact = compactName(speaker.name)
  const rawNameWords = speaker.name.split(/\s+/).filter((word) => nameTokens(word).length > 0)
  const nameWordCompacts = rawNameWords.map((word) => compactName(word))
  forms.push({ compact: nameCompact, kind: 'name', display: speaker.name })

  const surnames = new Set<string>()
  for (const alias of speaker.aliases) {
    const compact = compactName(alias)
    if (compact.length === 0 || compact === nameCompact) continue
    if (nameTokens(alias).length === 1 && nameWordCompacts.includes(compact)) surnames.add(compact)
  }
  if (surnames.size === 0 && rawNameWords.length > 1) {
    surnames.add(nameWordCompacts[nameWordCompacts.length - 1])
  }
  for (const alias of speaker.aliases) {
    const compact = compactName(alias)
    if (compact.length === 0 || compact === nameCompact || surnames.has(compact)) continue
    forms.push({ compact, kind: 'alias', display: alias })
  }
  rawNameWords.forEach((word, index) => {
    const compact = nameWordCompacts[index]
    if (compact.length === 0 || compact === nameCompact) return
    const kind: FormKind = surnames.has(compact) ? 'surname' : 'token'
    forms.push({ compact, kind, display: word.replace(/[^\p{L}\p{N}'’-]+/gu, '') })
  })
  return forms
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

function ambiguousMessage(word: string, speakers: NamedSpeaker[]): string {
  const count = COUNT_WORDS[speakers.length] ?? String(speakers.length)
  const names = listNames(speakers.map((speaker) => speaker.name))
  return `${count} people in this article are called ${word}: ${names}. Type the full name.`
}

/** Smallest distance from `compact` to one of the candidate's forms of the given kinds. */
function nearest(
  compact: string,
  candidate: Candidate,
  kinds: ReadonlySet<FormKind>,
  fuzzy: boolean
): { distance: number; form: NameForm } | null {
  let best: { distance: number; form: NameForm } | null = null
  for (const form of candidate.forms) {
    if (!kinds.has(form.kind)) continue
    const distance = fuzzy
      ? damerauLevenshtein(compact, form.compact)
      : compact === form.compact
        ? 0
        : Infinity
    const allowed = fuzzy ? typoAllowance(form.compact.length) : 0
    if (distance > allowed) continue
    if (best === null || distance < best.distance) best = { distance, form }
  }
  return best
}

/**
 * Grades a typed speaker name against the right answer, in the context of the article's speakers.
 * Accepts the full name, an alias the article uses, or the surname alone when nobody else in the
 * article shares it; ignores case, diacritics, punctuation, courtesy titles and small typos
 * (Damerau-Levenshtein ≤ 1 up to six letters, ≤ 2 beyond; names of one or two letters must be
 * exact). A surname two people share is refused with the reason, so the user can try again.
 */
export function gradeTypedName(
  input: string,
  target: { name: string; aliases: string[] },
  articleSpeakers: NamedSpeaker[]
): TypedGrade {
  const tokens = answerTokens(input)
  if (tokens.length === 0) {
    return { correct: false, reason: 'empty', message: 'Type a name to answer.' }
  }
  const compact = tokens.join('')
  const targetCompact = compactName(target.name)
  const speakers = [...articleSpeakers]
  let targetSpeaker = speakers.find((speaker) => compactName(speaker.name) === targetCompact)
  if (!targetSpeaker) {
    targetSpeaker = { id: '', name: target.name, aliases: target.aliases }
    speakers.push(targetSpeaker)
  } else if (target.aliases.length > 0) {
    const merged = { ...targetSpeaker, aliases: [...targetSpeaker.aliases, ...target.aliases] }
    speakers[speakers.indexOf(targetSpeaker)] = merged
    targetSpeaker = merged
  }
  const candidates: Candidate[] = speakers.map((speaker) => ({ speaker, forms: formsOf(speaker) }))
  const targetCandidate = candidates.find((candidate) => candidate.speaker === targetSpeaker)!
  const others = candidates.filter((candidate) => candidate !== targetCandidate)
  const allKinds: ReadonlySet<FormKind> = new Set(['name', 'alias', 'surname', 'token'])

  if (compact === targetCompact) {
    return { correct: true, reason: 'exact', message: `Correct: ${target.name}.` }
  }

  for (const fuzzy of [false, true]) {
    const targetHit = nearest(compact, targetCandidate, allKinds, fuzzy)
    const otherHits = others
      .map((candidate) => ({ candidate, hit: nearest(compact, candidate, allKinds, fuzzy) }))
      .filter(
        (entry): entry is { candidate: Candidate; hit: { distance: number; form: NameForm } } =>
          entry.hit !== null
      )
    if (targetHit) {
      const rivals = otherHits.filter((entry) => entry.hit.distance <= targetHit.distance)
      if (rivals.length > 0 && targetHit.form.kind !== 'name') {
        // Someone else in the article answers to the same word (even as a first name).
        const rivalSet = new Set(rivals.map((entry) => entry.candidate))
        const sharing = candidates.filter(
          (candidate) => candidate === targetCandidate || rivalSet.has(candidate)
        )
        const word = tokens.length === 1 ? targetHit.form.display : input.trim()
        return {
          correct: false,
          reason: 'ambiguous-surname',
          message: ambiguousMessage(
            word,
            sharing.map((candidate) => candidate.speaker)
          )
        }
      }
      if (rivals.length > 0) {
        const names = listNames(rivals.map((entry) => entry.candidate.speaker.name))
        return {
          correct: false,
          reason: 'wrong',
          message: `That spelling is as close to ${names} as to the answer, ${target.name}.`
        }
      }
      if (targetHit.form.kind === 'token') {
        return {
          correct: false,
          reason: 'wrong',
          message: `“${targetHit.form.display}” is only part of the name. The answer is ${target.name}.`
        }
      }
      if (fuzzy) {
        return {
          correct: true,
          reason: 'typo',
          message: `Correct, allowing for spelling: ${target.name}.`
        }
      }
      if (targetHit.form.kind === 'surname') {
        return { correct: true, reason: 'surname', message: `Correct: ${target.name}.` }
      }
      return {
        correct: true,
        reason: 'alias',
        message: `Correct: the article calls ${target.name} “${targetHit.form.display}”.`
      }
    }
    if (otherHits.length > 0) {
      const named = otherHits.sort((a, b) => a.hit.distance - b.hit.distance)[0].candidate
      return {
        correct: false,
        reason: 'wrong',
        message: `That is ${named.speaker.name}. The answer is ${target.name}.`,
        namedSpeakerId: named.speaker.id
      }
    }
  }
  return { correct: false, reason: 'wrong', message: `Not quite. The answer is ${target.name}.` }
}
