import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import { extractArticle } from '../../../src/core/extract'

/**
 * Attribution patterns seen missed on unseen articles (issue 9, item 5). Every sentence here is
 * invented; none is copied from a corpus article.
 */
function speakersOf(text: string): Map<string, string | null> {
  const cleaned = cleanArticle({ rawText: text, source: { kind: 'clipboard' }, encoding: 'utf-8' })
  if (!cleaned.ok) throw new Error(cleaned.error.message)
  const x = extractArticle(cleaned.value)
  const names = new Map(x.speakers.map((s) => [s.id, s.name]))
  return new Map(
    x.quotes.map((q) => [q.text, q.speaker === null ? null : (names.get(q.speaker) ?? null)])
  )
}

const LEAD =
  'The storm flooded the lower town overnight, and the river rose past its banks by dawn.'

describe('attribution patterns from unseen articles (invented sentences)', () => {
  it('continues a speaker after a long inverted cue', () => {
    const s = speakersOf(
      `${LEAD}\n\n“We stayed,” said Maria Ortiz, 58, a retired nurse who has lived on Elm Street since 1990. “We had nowhere else to go.”`
    )
    expect(s.get('We stayed,')).toBe('Maria Ortiz')
    expect(s.get('We had nowhere else to go.')).toBe('Maria Ortiz')
  })

  it('gives a quote-only paragraph to the previous speaker', () => {
    const s = speakersOf(
      `${LEAD}\n\n“The water came in fast,” said Tomas Berg, a shop owner.\n\n“By midnight it was up to the counters.”`
    )
    expect(s.get('By midnight it was up to the counters.')).toBe('Tomas Berg')
  })

  it('credits organisations that speak in a statement', () => {
    const s = speakersOf(
      `${LEAD}\n\n“Crews are working around the clock,” the Coast Guard said in a statement.`
    )
    expect(s.get('Crews are working around the clock,')).toBe('Coast Guard')
  })

  it('credits a partial quote in reported speech to the subject', () => {
    const s = speakersOf(`${LEAD}\n\nMayor Lena Moss called the repair plan “dead on arrival.”`)
    expect(s.get('dead on arrival.')).toBe('Lena Moss')
  })

  it('credits each of two judgement fragments to the same subject', () => {
    const s = speakersOf(
      `${LEAD}\n\nTomas Berg is alleging the agency's “careless” and “reckless” planning left the town exposed.`
    )
    expect(s.get('careless')).toBe('Tomas Berg')
    expect(s.get('reckless')).toBe('Tomas Berg')
  })

  it('credits a pronoun cue whose antecedent is a sentence back', () => {
    const s = speakersOf(
      `${LEAD}\n\nInspector Ana Ruiz toured the levee on Tuesday. The wall had cracked in two places. “It held, but barely,” she said.`
    )
    expect(s.get('It held, but barely,')).toBe('Ana Ruiz')
  })

  it('credits inverted cues with less common verbs', () => {
    const s = speakersOf(`${LEAD}\n\n“Nobody leaves the boats,” instructed Captain Ivo Marek.`)
    expect(s.get('Nobody leaves the boats,')).toBe('Ivo Marek')
  })

  it('does not credit a quoted film title to the nearest name', () => {
    const s = speakersOf(
      `${LEAD}\n\nThe town was the setting of a 1954 film starring Rosa Vance called “River Nights.” Locals still talk about it.`
    )
    expect(s.get('River Nights.')).toBeNull()
  })

  it('does not credit a quoted book title after "author of"', () => {
    const s = speakersOf(
      `${LEAD}\n\n“The river always wins,” said Ivo Marek, the author of “Floods of the Valley: A History.”`
    )
    expect(s.get('The river always wins,')).toBe('Ivo Marek')
    expect(s.get('Floods of the Valley: A History.')).toBeNull()
  })

  it('does not credit a scare quote to the sentence subject', () => {
    const s = speakersOf(`${LEAD}\n\nThe so-called “safe zone” was under a metre of water by noon.`)
    expect(s.get('safe zone')).toBeNull()
  })

  it('does not credit the words of an unnamed witness to the nearest name', () => {
    const s = speakersOf(
      `${LEAD}\n\nTomas Berg lost his shop. “It sounded like a train,” a witness said.`
    )
    expect(s.get('It sounded like a train,')).toBeNull()
  })
})
