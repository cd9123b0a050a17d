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

  it('credits descriptive noun phrases for a named person', () => {
    const actor = speakersOf(
      `${LEAD}\n\nThe actor Rosa Vance, 42, grew up on the river. “I learned to swim here,” said the actor.`
    )
    expect(actor.get('I learned to swim here,')).toBe('Rosa Vance')
    const aged = speakersOf(
      `${LEAD}\n\nRosa Vance grew up on the river. “I learned to swim here,” the 42-year-old said.`
    )
    expect(aged.get('I learned to swim here,')).toBe('Rosa Vance')
  })

  it('credits a cue with an adverb between name and verb', () => {
    const s = speakersOf(
      `${LEAD}\n\nBrooke Hale lost her home. “Where do we go now?” Brooke tearfully asked.`
    )
    expect(s.get('Where do we go now?')).toBe('Brooke Hale')
  })

  it('credits a partial quote that stands before its cue in subject position', () => {
    const s = speakersOf(`${LEAD}\n\nHosting the festival “is our dream,” Ortega said.`)
    expect(s.get('is our dream,')).toBe('Ortega')
  })

  it('credits a quote after a participle cue', () => {
    const s = speakersOf(
      `${LEAD}\n\nMayor Lena Moss weighed in, telling reporters, “We will rebuild.”`
    )
    expect(s.get('We will rebuild.')).toBe('Lena Moss')
  })

  it('credits a surname that looks like a pronoun', () => {
    const s = speakersOf(
      `${LEAD}\n\n“The dam was never finished,” He Ming, the former director, said.`
    )
    expect(s.get('The dam was never finished,')).toBe('He Ming')
  })

  it('regression: a question quote followed by "Name asked" is one sentence with its cue', () => {
    const s = speakersOf(`${LEAD}\n\n“Is anyone still inside?” Ortega asked.`)
    expect(s.get('Is anyone still inside?')).toBe('Ortega')
  })

  it('credits the person who yelled, not the one who reported it', () => {
    const s = speakersOf(`${LEAD}\n\nAmy Lee said Jon Park yelled “run!” as the wall gave way.`)
    expect(s.get('run!')).toBe('Jon Park')
  })

  it('does not take a dateline for a speaker', () => {
    const s = speakersOf(`HULL, England — “We are cut off,” said Dana Reed, a teacher.\n\n${LEAD}`)
    expect(s.get('We are cut off,')).toBe('Dana Reed')
  })

  it('handles lowercase particles, hyphenated names and titles', () => {
    const s = speakersOf(
      `${LEAD}\n\n“The pumps failed,” said Pieter van der Berg, an engineer.\n\n“They were old,” van der Berg added.\n\n“We lost everything,” said Anne-Marie Dubois-Laurent, a baker.\n\n“Stay off the bridge,” said Sgt. Omar Haddad of the state police.`
    )
    expect(s.get('The pumps failed,')).toBe('Pieter van der Berg')
    expect(s.get('They were old,')).toBe('Pieter van der Berg')
    expect(s.get('We lost everything,')).toBe('Anne-Marie Dubois-Laurent')
    expect(s.get('Stay off the bridge,')).toBe('Omar Haddad')
  })

  it('resolves "the company" to the company named before', () => {
    const s = speakersOf(
      `${LEAD}\n\nNorthwind Power cut supply to 4,000 homes. “Safety comes first,” the company said.`
    )
    expect(s.get('Safety comes first,')).toBe('Northwind Power')
  })

  it('gives an interview answer to the person the question names', () => {
    const s = speakersOf(
      `${LEAD}\n\nWhat did Ortega say about the levee?\n\n“It should have been built higher years ago.”`
    )
    expect(s.get('It should have been built higher years ago.')).toBe('Ortega')
  })

  it('credits a partial quote governed by "described … as"', () => {
    const s = speakersOf(`${LEAD}\n\nMayor Lena Moss described her town as a “lake with houses.”`)
    expect(s.get('lake with houses.')).toBe('Lena Moss')
  })

  it('does not credit a quote borrowed with "as one paper put it" or a nickname', () => {
    const put = speakersOf(`${LEAD}\n\nThe flood was, as one paper put it, “a slow disaster.”`)
    expect(put.get('a slow disaster.')).toBeNull()
    const nickname = speakersOf(
      `${LEAD}\n\nThe three brothers, known as “the River Rats,” led the rescue, said Dana Reed.`
    )
    expect(nickname.get('the River Rats,')).toBeNull()
  })

  it('credits "he said" whose antecedent is three sentences back, past sentences about things', () => {
    const s = speakersOf(
      `${LEAD}\n\nTomas Berg opened his shop in 1998. The building dates from 1902. Its walls are thick stone. “It will stand,” he said.`
    )
    expect(s.get('It will stand,')).toBe('Tomas Berg')
  })

  it('gives the second half of a split quote to the speaker of the cue between them', () => {
    const s = speakersOf(
      `${LEAD}\n\n“Losing the bridge,” said Dana Reed, “would cut the valley in half.”`
    )
    expect(s.get('Losing the bridge,')).toBe('Dana Reed')
    expect(s.get('would cut the valley in half.')).toBe('Dana Reed')
  })

  it('credits quoted phrases borrowed "as the paper put it" to the named paper', () => {
    const s = speakersOf(
      `${LEAD}\n\nThe town's levee was a "historic failure," as the Valley Herald put it on Sunday.`
    )
    expect(s.get('historic failure,')).toBe('Valley Herald')
  })

  it('credits a cue that holds a quoted title to the person the paragraph is about', () => {
    const s = speakersOf(
      `${LEAD}\n\nAva Lind won the award on Monday. “I never expected this,” the “Night Harbor” star said.`
    )
    expect(s.get('I never expected this,')).toBe('Ava Lind')
    expect(s.get('Night Harbor')).toBeNull()
  })

  it('credits a partial quote in a relative clause to the body it names', () => {
    const s = speakersOf(
      `${LEAD}\n\nLumen Dynamics defended its data plan, which the company views as “a basic right.”`
    )
    expect(s.get('a basic right.')).toBe('Lumen Dynamics')
  })

  it('credits an organisation referred to by "it" and the cue-less paragraph after it', () => {
    const s = speakersOf(
      `${LEAD}\n\nThe Bright Tide label said in a statement that the tour was over. “We are heartbroken,” they said.\n\n“Refunds will follow within a week.”`
    )
    expect(s.get('We are heartbroken,')).toBe('Bright Tide')
    expect(s.get('Refunds will follow within a week.')).toBe('Bright Tide')
    const it = speakersOf(
      `${LEAD}\n\nLumen Dynamics has long opposed the rule. “It hurts small buyers,” it says.`
    )
    expect(it.get('It hurts small buyers,')).toBe('Lumen Dynamics')
  })

  it('credits a trailing cue with a long appositive and no comma', () => {
    const s = speakersOf(
      `${LEAD}\n\n“We will rebuild the bridge by spring,” said Carla Mendes the county engineer who has led the public works department since 2011.`
    )
    expect(s.get('We will rebuild the bridge by spring,')).toBe('Carla Mendes')
  })

  it('credits a speaker named only by surname and never introduced', () => {
    const s = speakersOf(
      `${LEAD}\n\nResidents packed the hall.\n\n“Where were the sirens?” Ortega asked.`
    )
    expect(s.get('Where were the sirens?')).toBe('Ortega')
  })

  it('credits the agency a definite description stands for', () => {
    const s = speakersOf(
      `${LEAD}\n\nThe Federal Aviation Administration opened an inquiry. “We are reviewing the data,” the agency said.`
    )
    expect(s.get('We are reviewing the data,')).toBe('Federal Aviation Administration')
  })
})
