import { describe, expect, it } from 'vitest'
import {
  CHROME_RULE_IDS,
  LINE_CHROME_RULES,
  matchLineChromeRule
} from '../../../src/core/article/chrome-rules'

/** For each rule: lines it must catch, and prose it must leave alone. */
const CASES: Record<string, { chrome: string[]; prose: string[] }> = {
  'embed-caption': {
    chrome: [
      'WATCH l Council votes on the new budget:',
      'LISTEN l A podcast about river floods (March 2021):',
      'VIDEO | Storm hits the coast',
      'Watch | Highlights from the final'
    ],
    prose: [
      'Watch out for ice on the roads, officials said.',
      'WATCHDOG groups said the vote was flawed.'
    ]
  },
  'media-widget': {
    chrome: ['The Daily Show12:05Why the budget failed', 'Morning Briefing1:02:33“We are ready”'],
    prose: ['The meeting began at 10:30 and ended at noon.', 'Polls close at 8:00 p.m. local time.']
  },
  'read-more': {
    chrome: [
      'Read more:',
      'Related: Council approves budget',
      '[Read: Why the vote matters]',
      'See also: Earlier coverage'
    ],
    prose: ['Readers wrote in to complain.', 'More than 40 people were hurt.']
  },
  'bracketed-link': {
    chrome: ['[Museum reopens after renovation]'],
    prose: ['“[I felt] betrayed,” she said.']
  },
  'imperative-link': {
    chrome: [
      'Read the full transcript of the speech',
      'Watch the video',
      'Sign up for our daily briefing'
    ],
    prose: ['Read the report, he urged lawmakers.', 'See how the vote went.']
  },
  'share-buttons': {
    chrome: ['Share', 'Share this article', 'Facebook Twitter Email', 'Copy link'],
    prose: ['Share prices fell sharply on Monday.']
  },
  'share-prompt': {
    chrome: [
      'Were you there? Please share your photos and stories with us.',
      'Subscribe to our newsletter for daily updates.',
      'Follow us on social media.'
    ],
    prose: ['Residents were asked to share their concerns at the meeting.']
  },
  'contributor-credit': {
    chrome: [
      'Jane Doe and John Roe contributed to this report.',
      'Additional reporting by Jane Doe'
    ],
    prose: ['She contributed to the campaign for years.']
  },
  'hashtag-promo': {
    chrome: ['#Election2024: What the results mean'],
    prose: ['The hashtag #metoo spread quickly.']
  },
  'media-label': {
    chrome: ['Map: Where the storm hit', 'Graphic: How the vote split'],
    prose: ['Map makers said the border was unclear.', 'Chart: a summary. It was clear.']
  },
  'media-caption-label': {
    chrome: ['Image caption The minister arrived late', 'Image copyright Agency'],
    prose: ['Image matters a great deal in politics, he said.']
  },
  'photo-credit-caption': {
    chrome: ['Protesters gather outside parliament on Tuesday. (Agency Photo/Jane Doe)'],
    prose: [
      'The vote passed 52 to 48 (a narrow margin).',
      '“We won,” she said. (She later apologised.)'
    ]
  },
  byline: {
    chrome: ['By Jane Doe', 'By Jane Doe and John Roe, Staff writers'],
    prose: ['By the end of the day, the roads were clear.', 'By 2030 the plant will close.']
  },
  advertisement: {
    chrome: ['Advertisement', 'Story continues below advertisement'],
    prose: ['Advertisement spending rose 4% last year.']
  },
  'image-credit': {
    chrome: ['Credit: Agency Photo View full size image', 'Photo credit: Jane Doe'],
    prose: ['Credit card debt rose 3% in March.', 'Credit for the win goes to the defence.']
  },
  'caps-credit': {
    chrome: ['CITY POLICE DEPT./CONTRIBUTED IMAGE', 'JANE DOE/STAFF PHOTO Related article »'],
    prose: ['NASA/JPL released the images on Monday.', 'AC/DC played two encores.']
  },
  'photographer-credit': {
    chrome: [
      'Jane Q. Doe/for The Daily Paper Two men stand outside the courthouse after the verdict.',
      'John Roe/Agency A firefighter sprays water on a burning barn.'
    ],
    prose: ['The ratio of 3/4 was agreed.', 'Either/or questions were banned from the debate.']
  },
  'widget-labels': {
    chrome: ['Enlarge', 'Loading Photo Gallery', 'Previous Next', 'Share Pin It More Galleries'],
    prose: ['Enlarge the map to see the route.', 'Next year the plant will close.']
  },
  'author-contact': {
    chrome: [
      'jdoe@example.com',
      'Jane Doe may be reached at jdoe@example.com. Follow her on Twitter @janedoe.',
      'Follow Jane Doe on Twitter and Facebook.'
    ],
    prose: [
      'Officials could not be reached for comment.',
      'Follow the money, the senator said on Twitter.'
    ]
  },
  'newsletter-blurb': {
    chrome: ['Morning Markets is a daily newsletter from a business site that delivers the news.'],
    prose: ['“This is a newsletter I read every day,” she said.', 'The newsletter is free.']
  },
  'agency-caption': {
    chrome: [
      'A woman walks past a bank logo, in this picture illustration taken in a city on May 3, 2014.',
      'Shoppers queue at a store, in this file photo taken on June 1, 2020.'
    ],
    prose: ['Investors fled, in this case taken as a sign of panic.']
  },
  'title-case-label': {
    chrome: ["'TV Show' Recipe Search:", 'Top Stories:'],
    prose: ['He said:', 'In a long interview, the minister also said:']
  }
}

describe('line chrome rules', () => {
  it('has a test case for every line rule, and unique ids', () => {
    expect(Object.keys(CASES).sort()).toEqual(LINE_CHROME_RULES.map((rule) => rule.id).sort())
    expect(new Set(CHROME_RULE_IDS).size).toBe(CHROME_RULE_IDS.length)
    expect(CHROME_RULE_IDS).toContain('related-links')
  })

  for (const [ruleId, { chrome, prose }] of Object.entries(CASES)) {
    describe(ruleId, () => {
      it.each(chrome)('removes %j', (line) => {
        expect(matchLineChromeRule(line)).toBe(ruleId)
      })
      it.each(prose)('keeps %j', (line) => {
        expect(matchLineChromeRule(line)).toBeNull()
      })
    })
  }

  it('leaves long prose alone even when it starts like chrome', () => {
    const long = `Watch ${'the council debate the budget for many hours '.repeat(4)}`
    expect(matchLineChromeRule(long.trim())).toBeNull()
  })
})
