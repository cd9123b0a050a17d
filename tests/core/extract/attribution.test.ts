import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../../src/core/extract'
import type { Extraction } from '../../../src/core/extract/types'
import { makeArticle } from './make-article'

/** Name of the speaker credited with the quote whose text contains `fragment`. */
function speakerOf(x: Extraction, fragment: string): string | null {
  const quote = x.quotes.find((q) => q.text.includes(fragment))
  if (!quote) throw new Error(`no quote containing "${fragment}"`)
  if (quote.speaker === null) return null
  return x.speakers.find((s) => s.id === quote.speaker)?.name ?? `?${quote.speaker}`
}

function ruleOf(x: Extraction, fragment: string): string {
  const quote = x.quotes.find((q) => q.text.includes(fragment))
  if (!quote) throw new Error(`no quote containing "${fragment}"`)
  return quote.rule
}

function run(text: string): Extraction {
  return extractArticle(makeArticle(text))
}

describe('cue after the quote', () => {
  it('credits the name before the verb (cue-after)', () => {
    const x = run('“The harvest came early this year,” Maria Lindqvist said on Tuesday.')
    expect(speakerOf(x, 'harvest')).toBe('Maria Lindqvist')
    expect(ruleOf(x, 'harvest')).toBe('cue-after')
    expect(x.quotes[0].cue).toBe('Maria Lindqvist said')
  })

  it('credits the name after an inverted verb ("said NAME")', () => {
    const x = run('"We were lucky," said Oskar Brandt, a ferry captain from the north coast.')
    expect(speakerOf(x, 'lucky')).toBe('Oskar Brandt')
    expect(ruleOf(x, 'lucky')).toBe('cue-after-inverted')
  })

  it('handles the present tense and a bare surname ("says Okafor")', () => {
    const x = run(
      'Ngozi Okafor runs the only bakery in town.\n\n"Bread is a promise you keep every morning," says Okafor.'
    )
    expect(speakerOf(x, 'Bread is')).toBe('Ngozi Okafor')
  })

  it('reads a verb of manner right after a quote ("…," she laughed)', () => {
    const x = run(
      'Mia Lund runs the kiosk. "Where else would I go?" she laughed. "It rains," she sighed.'
    )
    expect(speakerOf(x, 'Where else')).toBe('Mia Lund')
    expect(ruleOf(x, 'Where else')).toBe('cue-after-manner')
    expect(speakerOf(x, 'It rains')).toBe('Mia Lund')
  })

  it('credits a role phrase before the name ("chief engineer Ana Ruiz said")', () => {
    const x = run('"The bridge will reopen in spring," chief engineer Ana Ruiz said.')
    expect(speakerOf(x, 'bridge')).toBe('Ana Ruiz')
  })

  it('skips a prepositional phrase after the name ("Tom Weller of the Harbour Authority said")', () => {
    const x = run('"The tides are unusual," Tom Weller of the Harbour Authority said.')
    expect(speakerOf(x, 'tides')).toBe('Tom Weller')
  })

  it('accepts a clause-final cue after a partial quote ("“A” in that report, X said")', () => {
    const x = run('“Nobody read the warning” in that report, Priya Nair said.')
    expect(speakerOf(x, 'Nobody read')).toBe('Priya Nair')
    expect(ruleOf(x, 'Nobody read')).toBe('cue-clause-final')
  })
})

describe('cue before the quote', () => {
  it('credits the subject of "said:" before a full quote', () => {
    const x = run(
      'Mayor Helen Achebe said: "The budget is balanced for the first time in a decade."'
    )
    expect(speakerOf(x, 'budget')).toBe('Helen Achebe')
    expect(ruleOf(x, 'budget')).toBe('cue-before')
  })

  it('credits partial quotes inside reported speech', () => {
    const x = run(
      'Rafael Costa said the new rules were "a step backwards" and warned of "serious harm" to farmers.'
    )
    expect(speakerOf(x, 'step backwards')).toBe('Rafael Costa')
    expect(speakerOf(x, 'serious harm')).toBe('Rafael Costa')
  })

  it('finds the subject across an appositive ("NAME, role, warned that")', () => {
    const x = run(
      'Lena Fischer, director of the city orchestra, warned that the hall could be "empty within a year".'
    )
    expect(speakerOf(x, 'empty within')).toBe('Lena Fischer')
  })

  it('takes the name between commas after a role ("The head of the union, Sam Okoro, said:")', () => {
    const x = run('The head of the dockers’ union, Sam Okoro, said: "We will not sign this deal."')
    expect(speakerOf(x, 'not sign')).toBe('Sam Okoro')
  })

  it('follows an elided subject ("X told reporters …, but said that")', () => {
    const x = run(
      'Carla Mendes told reporters that Portugal had made progress on the talks, but said that "much remains open."'
    )
    expect(speakerOf(x, 'much remains')).toBe('Carla Mendes')
  })

  it('follows a participle to the main subject ("…, adding that")', () => {
    const x = run(
      'The Harbour Authority has said it will not raise fees, adding that it is "committed to the fishing fleet."'
    )
    expect(speakerOf(x, 'committed')).toBe('Harbour Authority')
  })

  it('reads "according to NAME"', () => {
    const x = run('The storm was "the worst in a generation," according to Jonas Berg.')
    expect(speakerOf(x, 'worst in a generation')).toBe('Jonas Berg')
  })

  it('handles an honorific with a full stop ("Dr. Ines Varga")', () => {
    const x = run('Dr. Ines Varga said the vaccine was "safe and effective."')
    expect(speakerOf(x, 'safe and')).toBe('Ines Varga')
  })

  it('resolves a definite role ("the senator said") to the one person with that role', () => {
    const x = run(
      'Senator Ruth Adeyemi toured the flooded valley on Monday.\n\nThe tour was short. Later the senator said the damage was "beyond anything we planned for."'
    )
    expect(speakerOf(x, 'beyond anything')).toBe('Ruth Adeyemi')
  })
})

describe('more cue styles', () => {
  it('resolves "the ministry" to the one named organisation with that word', () => {
    const x = run(
      'The Defence Ministry announced new drills on Monday.\n\n"The exercises are routine," the ministry said in a statement.'
    )
    expect(speakerOf(x, 'exercises are routine')).toBe('Defence Ministry')
  })

  it('does not credit the possessor in "said Smith’s lawyer"', () => {
    const x = run(
      'Tomas Eklund denies the charges.\n\n"He is innocent," said Eklund’s lawyer, Rita Moss. "The case is weak," said Eklund’s brother.'
    )
    expect(speakerOf(x, 'He is innocent')).toBe('Rita Moss')
    expect(speakerOf(x, 'case is weak')).toBeNull()
  })

  it('keeps lower-case particles inside a name', () => {
    const x = run('"We are ready," said Anna von der Berg, the commissioner.')
    expect(speakerOf(x, 'ready')).toBe('Anna von der Berg')
  })

  it('reads a question quote with "asked"', () => {
    const x = run('"Who pays for this?" asked councillor Dev Malhotra.')
    expect(speakerOf(x, 'Who pays')).toBe('Dev Malhotra')
  })

  it('gives a colon cue paragraph’s speaker to the quote paragraph after it', () => {
    const x = run('Judge Amara Obi addressed the court:\n\n"This sentence reflects the harm done."')
    expect(speakerOf(x, 'sentence reflects')).toBe('Amara Obi')
  })
})

describe('wire, business and interview styles', () => {
  it('skips a wire dateline and gives "the company" to the firm the article is about', () => {
    const x = run(
      'OSLO, March 3 (Wire) - Fjordline Shipping cut its forecast on Monday.\n\nFjordline expects lower freight rates. The company said demand was "flat at best".'
    )
    expect(speakerOf(x, 'flat at best')).toBe('Fjordline Shipping')
  })

  it('does not take a capitalised word opening a sentence for the company', () => {
    const x = run('Revenue fell sharply.\n\n"We are cautious," the company said.')
    expect(speakerOf(x, 'cautious')).toBeNull()
  })

  it('skips an interview speaker label and reads a possessive appositive', () => {
    const x = run(
      'Q: Was the ending hard?\n\nMarsh: My producer, Ola Brun, hated it. She said, "Nobody will stay for this."'
    )
    expect(speakerOf(x, 'Nobody will stay')).toBe('Ola Brun')
  })

  it('reads a nickname inside a name and a party tag after it', () => {
    const x = run(
      'The bill would "fix the river for good," according to Sen. Maria "Mia" Lund (D-Ore.). Rep. Tom Ash (R-Idaho), a co-sponsor, wrote that it was "overdue."'
    )
    expect(speakerOf(x, 'fix the river')).toBe('Maria Lund')
    expect(speakerOf(x, 'overdue')).toBe('Tom Ash')
  })

  it('steps over an age between commas before the verb', () => {
    const x = run('Mr Ross, 61, a retired teacher, said the school was "falling apart".')
    expect(speakerOf(x, 'falling apart')).toBe('Ross')
  })

  it('lets an unnamed speaker block a later pronoun', () => {
    const x = run(
      'Dr Lea Park led the rescue.\n\nOne volunteer said the water was cold. "We could not feel our hands," he said.'
    )
    expect(speakerOf(x, 'feel our hands')).toBeNull()
  })

  it('treats a quoted label before a noun as no quote ("the ‘fair rent’ law")', () => {
    const x = run('Mayor Ivo Kerr said he would use the ‘fair rent’ law against landlords.')
    expect(speakerOf(x, 'fair rent')).toBeNull()
    expect(ruleOf(x, 'fair rent')).toBe('label')
  })

  it('does not read a sentence-opening participle as a name', () => {
    const x = run(
      'Retired nurse Ada Holm, 70, spoke first. Asked about the plan, Holm said it was "a disgrace".'
    )
    expect(speakerOf(x, 'disgrace')).toBe('Ada Holm')
    expect(x.speakers.map((s) => s.name)).toEqual(['Ada Holm'])
  })
})

describe('names that look like places', () => {
  it('keeps a person whose surname is a place word', () => {
    const x = run(
      'Investor Dana Park bid for the club.\n\nPark, speaking from Boston, was calm. "Offers are cheap," she said.\n\n"Rain is coming," Tom Lake said. "Stay inside," he added.'
    )
    expect(speakerOf(x, 'Offers are cheap')).toBe('Dana Park')
    expect(speakerOf(x, 'Stay inside')).toBe('Tom Lake')
  })
})

describe('pronouns', () => {
  it('resolves "he said" to the latest male subject', () => {
    const x = run('Peter Vance opened the hearing.\n\n"We owe the public an answer," he said.')
    expect(speakerOf(x, 'owe the public')).toBe('Peter Vance')
  })

  it('agrees in gender when the article gives it', () => {
    const x = run(
      'Mrs Alice Moreau met Mr Daniel Kerr at the station. Mr Kerr left early.\n\nThen Mrs Moreau spoke to the press. Mr Kerr was not there.\n\n"The plan is finished," she said.'
    )
    expect(speakerOf(x, 'plan is finished')).toBe('Alice Moreau')
  })

  it('does not take a name mentioned inside a quote as the antecedent', () => {
    const x = run(
      'Grace Liu addressed the crowd.\n\n"Thank you to Michael Dunn for his work," she said. "He kept us going," she added.'
    )
    expect(speakerOf(x, 'Thank you')).toBe('Grace Liu')
    expect(speakerOf(x, 'kept us going')).toBe('Grace Liu')
  })
})

describe('split, multi-paragraph and continuation quotes', () => {
  it('gives both halves of a split quote the same speaker', () => {
    const x = run('"The road is closed," Irene Patel said. "Use the north bridge instead."')
    expect(speakerOf(x, 'road is closed')).toBe('Irene Patel')
    expect(speakerOf(x, 'north bridge')).toBe('Irene Patel')
  })

  it('continues a quote that runs over a paragraph break', () => {
    const x = run(
      'Arjun Mehta said: "We started with four volunteers.\n\n"Now we have four hundred, and the waiting list keeps growing."'
    )
    expect(x.quotes).toHaveLength(2)
    expect(speakerOf(x, 'four volunteers')).toBe('Arjun Mehta')
    expect(speakerOf(x, 'waiting list')).toBe('Arjun Mehta')
    expect(ruleOf(x, 'waiting list')).toBe('multi-paragraph')
  })

  it('closes a run-on quote whose closing mark was lost at a flattened break', () => {
    const x = run(
      'Nora Quist said: "The first phase is done. "The second phase starts in June." Nobody objected.'
    )
    expect(x.quotes.map((q) => q.text)).toEqual([
      'The first phase is done.',
      'The second phase starts in June.'
    ])
    expect(speakerOf(x, 'second phase')).toBe('Nora Quist')
  })

  it('gives a cue-less quote paragraph to the previous speaker', () => {
    const x = run(
      '"It was a long winter," Ella Sorensen said.\n\n"But the spring has been kind to us."'
    )
    expect(speakerOf(x, 'spring')).toBe('Ella Sorensen')
    expect(ruleOf(x, 'spring')).toBe('continuation')
  })

  it('gives a cue-less quote to the person the sentence before is about', () => {
    const x = run(
      '"Prices will rise," Karl Ude said.\n\nHis rival Beatriz Alves disagreed. "Prices will fall by autumn."'
    )
    expect(speakerOf(x, 'fall by autumn')).toBe('Beatriz Alves')
  })
})

describe('same surname', () => {
  it('resolves a shared surname to the person introduced and speaking, not the later one', () => {
    const x = run(
      'Chen Wei, the foreign minister, met the delegation on Monday.\n\n"The talks were frank," Chen said.\n\nChen also said relations were "on a better footing."\n\nThe delegation later met the trade minister, Chen Lan, to discuss tariffs.'
    )
    expect(speakerOf(x, 'talks were frank')).toBe('Chen Wei')
    expect(speakerOf(x, 'better footing')).toBe('Chen Wei')
    expect(x.speakers.map((s) => s.name)).toContain('Chen Lan')
  })

  it('prefers the most recent of two introduced people with one surname', () => {
    const x = run(
      'Anna Berg and her brother Erik Berg run the farm. Anna Berg handles the accounts.\n\nOn Sunday, Erik Berg showed visitors the barn.\n\n"We rebuilt it twice," Berg said.'
    )
    expect(speakerOf(x, 'rebuilt')).toBe('Erik Berg')
  })
})

describe('organisations and groups', () => {
  it('credits an organisation subject', () => {
    const x = run('"All trains will run on time," Nordrail said in a statement.')
    expect(speakerOf(x, 'trains')).toBe('Nordrail')
    expect(x.speakers.find((s) => s.name === 'Nordrail')?.kind).toBe('organisation')
  })

  it('credits a plural group with an article ("the Greens")', () => {
    const x = run('The Greens dismissed the plan as "a gift to polluters".')
    expect(speakerOf(x, 'gift to polluters')).toBe('the Greens')
    expect(x.speakers.find((s) => s.name === 'the Greens')?.kind).toBe('group')
  })
})

describe('never attributed', () => {
  it('leaves scare quotes with no speech verb unattributed', () => {
    const x = run(
      'Despite the "historic" label, the treaty changed little, but Omar Haddad said it was "a beginning".'
    )
    expect(speakerOf(x, 'historic')).toBeNull()
    expect(speakerOf(x, 'a beginning')).toBe('Omar Haddad')
  })

  it('leaves a quoted phrase that opens a sentence of narration unattributed', () => {
    const x = run('Nadia Sorel runs the campaign.\n\n"Green growth" became the slogan of the year.')
    expect(speakerOf(x, 'Green growth')).toBeNull()
  })

  it('leaves quotes from unnamed sources unattributed', () => {
    const x = run(
      'Ruth Kim runs the clinic.\n\nAn official said the clinic was "understaffed and overwhelmed."\n\n"We need more nurses," a spokesman said.'
    )
    expect(speakerOf(x, 'understaffed')).toBeNull()
    expect(speakerOf(x, 'more nurses')).toBeNull()
    expect(ruleOf(x, 'more nurses')).toBe('unnamed-source')
  })

  it('does not pass an unnamed source’s quote on to the next cue-less quote', () => {
    const x = run(
      'Ruth Kim runs the clinic.\n\n"We need more nurses," a spokesman said.\n\n"And more beds."'
    )
    expect(speakerOf(x, 'more beds')).toBeNull()
  })

  it('does not credit a name inside the speaker’s noun phrase ("a spokesman for X said")', () => {
    const x = run(
      'Gov. Lena Ortiz signed the bill.\n\nA spokesman for Gov. Lena Ortiz said she was "delighted."'
    )
    expect(speakerOf(x, 'delighted')).toBeNull()
  })

  it('does not read an article after a dateline as a name', () => {
    const x = run('DENVER (Wire) — A judge on Monday called the rule "plainly unlawful."')
    expect(speakerOf(x, 'plainly unlawful')).toBeNull()
    expect(x.speakers).toEqual([])
  })

  it('leaves titles of works unattributed', () => {
    const x = run('Marta Ilves wrote "The Silent Harbour Years" while living abroad.')
    expect(speakerOf(x, 'Silent Harbour')).toBeNull()
    expect(ruleOf(x, 'Silent Harbour')).toBe('title')
  })

  it('leaves nicknames between first and last names unattributed', () => {
    const x = run('Roberto "Bobby" Sanz said he would run again.')
    expect(speakerOf(x, 'Bobby')).toBeNull()
  })

  it('never attributes a quote in a heading', () => {
    const x = run(
      'Pavel Novak spoke at the summit.\n\n## ‘A turning point’\n\n"This is a turning point," Novak said.'
    )
    const heading = x.quotes.find((q) => q.text === 'A turning point')
    expect(heading?.speaker).toBeNull()
    expect(heading?.rule).toBe('heading')
    expect(speakerOf(x, 'This is a turning point')).toBe('Pavel Novak')
  })

  it('ignores imagined speech ("as if to say")', () => {
    const x = run(
      'Lucia Ferrante smiled at the camera as if to say "I told you so" and walked away.'
    )
    expect(speakerOf(x, 'told you so')).toBeNull()
  })

  it('does not treat a passive "was told" as the speaker’s verb', () => {
    const x = run('Hugo Lind was told the factory would be "closed by March."')
    expect(speakerOf(x, 'closed by March')).toBeNull()
  })
})

describe('quote kinds, cues and confidence', () => {
  it('marks whole-sentence quotes full and fragments partial', () => {
    const x = run('"The vote is tomorrow," Ida Holm said. Holm called the delay "regrettable".')
    expect(x.quotes.find((q) => q.text.startsWith('The vote'))?.kind).toBe('full')
    expect(x.quotes.find((q) => q.text === 'regrettable')?.kind).toBe('partial')
  })

  it('gives every quote a rule name and a confidence between 0 and 1', () => {
    const x = run('"Yes," said Ivo Marin. "No," said an aide. The "plan" failed.')
    for (const q of x.quotes) {
      expect(q.rule.length).toBeGreaterThan(0)
      expect(q.confidence).toBeGreaterThan(0)
      expect(q.confidence).toBeLessThanOrEqual(1)
    }
  })

  it('uses single quotation marks as quote marks when an article does', () => {
    const x = run("'We will rebuild the pier,' said Fiona Walsh. 'It is what the town wants.'")
    expect(speakerOf(x, 'rebuild the pier')).toBe('Fiona Walsh')
    expect(speakerOf(x, 'town wants')).toBe('Fiona Walsh')
  })

  it('is deterministic', () => {
    const text = '"One," said Ada Rask. "Two," Rask added. He said "three".'
    expect(run(text)).toEqual(run(text))
  })
})
