/**
 * Page furniture ("chrome") that copy-pasted or saved news pages carry between paragraphs:
 * captions of embedded videos, podcast widgets, "Read more" links, share and subscribe prompts.
 * Every rule is generic (a pattern of page furniture, never a phrase of one article) and has an id
 * that is stored with each removed line, so the UI can explain and undo the removal.
 */

/** A rule that recognises one line of chrome on its own. */
export interface LineChromeRule {
  id: string
  description: string
  pattern: RegExp
  /** Lines longer than this are prose, whatever they start with. */
  maxChars: number
}

/**
 * An all-caps photo credit, `CITY POLICE DEPT./CONTRIBUTED IMAGE`, with the link to a related
 * article some pages glue after it. Shared with the inline splitter, which finds it after a
 * caption's last sentence.
 */
export const CAPS_CREDIT = String.raw`[\p{Lu}\p{N}][\p{Lu}\p{N}\s.,'’&-]{2,}\/\s?\p{Lu}[\p{Lu}\s.]{2,}?(?:\s+Related \p{Ll}+\s*[»›]?)?`

/** Verbs that open an embed caption such as `WATCH l Title:` (the `l` stands for a pipe glyph). */
const EMBED_KEYWORDS = 'WATCH|LISTEN|VIDEO|AUDIO|PHOTOS?|GALLERY|PODCAST|READ|MORE'

/** Line rules, tried in order; the first match wins. */
export const LINE_CHROME_RULES: readonly LineChromeRule[] = [
  {
    id: 'embed-caption',
    description: 'Caption of an embedded video or audio player, e.g. "WATCH l Title:"',
    pattern: new RegExp(
      `^(?:(?:${EMBED_KEYWORDS})\\s*(?:\\bl\\b|[|•·:–—])|(?:Watch|Listen|Video|Audio|Podcast)\\s*[|•·])\\s*\\S`,
      'u'
    ),
    maxChars: 240
  },
  {
    id: 'media-widget',
    description:
      'Podcast or video widget with a duration glued between name and title, e.g. "Show12:34Title"',
    pattern: /^\S.{0,80}?[\p{L})]\d{1,2}:\d{2}(?::\d{2})?(?=[^\s\d:])/u,
    maxChars: 300
  },
  {
    id: 'read-more',
    description: 'Link to another article: "Read more:", "Related:", "See also:", "[Read: Title]"',
    pattern:
      /^\[?\s*(?:read(?: more| also| next)?|also read|more(?: on this story| from [\p{L} ]+)?|related(?: stories| articles| coverage| content)?|see also|recommended(?: reading)?|further reading|most read|trending)\s*:.*$/iu,
    maxChars: 240
  },
  {
    id: 'bracketed-link',
    description: 'A whole line in square brackets: an inline link to another story',
    pattern: /^\[[^[\]]{3,}\]$/u,
    maxChars: 240
  },
  {
    id: 'imperative-link',
    description:
      'An unpunctuated call to follow a link: "Read the full transcript", "Watch the video"',
    pattern:
      /^(?:Read|Watch|Listen(?: to)?|See|View|Click|Tap|Sign up|Subscribe|Follow|Download)\b[^.!?…"“”]*$/u,
    maxChars: 120
  },
  {
    id: 'share-buttons',
    description: 'Share-button labels: "Share", "Tweet", "Email", "Facebook", "Copy link"…',
    pattern:
      /^(?:(?:share(?: this(?: article| story| page)?| on)?|tweet|email|e-mail|print|copy link|save|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|messenger|comments?)[\s|•·,/]*)+$/iu,
    maxChars: 120
  },
  {
    id: 'share-prompt',
    description: 'A call for readers to share or send their own material, or to subscribe',
    pattern:
      /(?:\b(?:share|send|submit|upload)(?: us)? your (?:own )?(?:videos?|photos?|pictures?|images?|stories|story|tips?|views|experiences?)\b|^(?:subscribe|sign up)\b.*\b(?:newsletter|podcast|channel|updates|alerts)\b|^follow us\b)/iu,
    maxChars: 300
  },
  {
    id: 'contributor-credit',
    description: 'Credit line: "X contributed to this report.", "Additional reporting by X"',
    pattern:
      /(?:\bcontributed (?:reporting|to this (?:report|story|article))\b[^"“”]*$|^(?:additional |writing and )?(?:reporting|writing|editing) by\b)/iu,
    maxChars: 300
  },
  {
    id: 'hashtag-promo',
    description: 'A promotional line that opens with a hashtag, e.g. "#Series: Title"',
    pattern: /^#[\p{L}\p{N}_]+:?\s/u,
    maxChars: 240
  },
  {
    id: 'media-label',
    description: 'Label of an embedded map, chart, gallery or video: "Map: Title"',
    pattern:
      /^(?:map|graphic|chart|video|photos?|gallery|interactive|timeline|quiz|infographic|slideshow|audio|podcast)\s*:\s*\S[^.!?]*$/iu,
    maxChars: 200
  },
  {
    id: 'media-caption-label',
    description: 'Caption furniture: "Image caption", "Image copyright", "Media playback…"',
    pattern: /^(?:image|photo|picture|media|video) (?:caption|copyright|source|playback)\b/iu,
    maxChars: 240
  },
  {
    id: 'photo-credit-caption',
    description: 'A photo or video caption ending in its credit: "… tourists. (Agency)"',
    pattern: /^[^"“”]*[.!?]\s+\((?:\p{Lu}[^().!?]{1,48})\)$/u,
    maxChars: 400
  },
  {
    id: 'image-credit',
    description: 'An image credit line: "Credit: Agency View full size image"',
    pattern: /^(?:(?:photo|image|picture) )?credits?\s*:\s*\S/iu,
    maxChars: 400
  },
  {
    id: 'caps-credit',
    description: 'An all-caps credit such as "CITY POLICE DEPT./CONTRIBUTED IMAGE"',
    pattern: new RegExp(`^${CAPS_CREDIT}$`, 'u'),
    maxChars: 160
  },
  {
    id: 'photographer-credit',
    description:
      'A caption opening with its photographer\'s credit: "Jane Doe/for The Daily Paper Two men…"',
    pattern: /^\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){1,3}\s?\/\s?(?:for\s)?\p{Lu}[\p{L}]/u,
    maxChars: 600
  },
  {
    id: 'author-contact',
    description:
      'How to reach or follow the author: an e-mail address alone, "X may be reached at…", "Follow X on Twitter"',
    pattern:
      /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|.*\b(?:may|can) be reached at\b.*|Follow (?:us|me|him|her|them|\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,2}) on (?:Twitter|Facebook|Instagram|LinkedIn|Threads|Bluesky|Google\+|X)\b.*)$/u,
    maxChars: 300
  },
  {
    id: 'newsletter-blurb',
    description: 'A newsletter describing itself: "X is a daily newsletter from Y that…"',
    pattern:
      /^[^"“”]{1,60}\bis an? (?:(?:free|daily|weekly|monthly|twice-weekly|morning|evening)\s)*(?:e-?mail )?newsletter\b/iu,
    maxChars: 300
  },
  {
    id: 'agency-caption',
    description:
      'An agency photo caption: "…, in this picture illustration taken in a city on a date."',
    pattern:
      /^[^"“”]*,\s+in this (?:(?:file|handout|undated|still|picture|photo)\s)*(?:photo|picture|image|illustration|video(?: grab)?)(?: illustration)?\s+(?:taken|released|provided|made|obtained|dated)\b[^"“”]*$/iu,
    maxChars: 400
  },
  {
    id: 'byline',
    description: 'A byline: "By Jane Doe", "By Jane Doe and John Roe, Agency"',
    pattern: /^By\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){0,5}(?:\s*[,|].*)?$/u,
    maxChars: 100
  },
  {
    id: 'advertisement',
    description: 'Advertisement markers',
    pattern:
      /^(?:advertisement|sponsored(?: content)?|skip advertisement|story continues below(?: advertisement)?|ad feedback)$/iu,
    maxChars: 60
  },
  {
    id: 'widget-labels',
    description:
      'Labels of gallery and share widgets on their own: "Enlarge", "Loading Photo Gallery"',
    pattern:
      /^(?:(?:share|pin it|pin|tweet|e-?mail|print|comments?|more galleries|galleries|gallery|enlarge|previous|next|advertisement|view (?:full size |larger )?image|loading(?: photo)? gallery|loading(?: video)?|close|expand)(?:\s+|$))+$/iu,
    maxChars: 80
  },
  {
    id: 'title-case-label',
    description: 'A short Title Case label ending in a colon, left over from a removed widget',
    pattern:
      /^(?:['‘"“]?[\p{Lu}\p{N}][\p{L}\p{N}'’.&-]*['’"”]?\s+){0,7}['‘"“]?[\p{Lu}\p{N}][\p{L}\p{N}'’.&-]*['’"”]?:$/u,
    maxChars: 80
  }
]

/**
 * Id used for runs of headline-like lines (a block of links to other stories), and for the
 * headline-like lines that follow a "Read more:" header.
 */
export const RELATED_LINKS_RULE_ID = 'related-links'

/** Id of the rule for "Read more:" style headers, whose following headline-like lines are links. */
export const READ_MORE_RULE_ID = 'read-more'

/** Id of the line rules whose line is a photo credit, so the line just before it is a caption. */
export const PHOTO_CREDIT_RULE_IDS: readonly string[] = ['image-credit', 'caps-credit']

/** Id used for a photo caption: a short line standing just before its photo credit. */
export const PHOTO_CAPTION_RULE_ID = 'photo-caption'

/** Every rule id, for the UI and for tests. */
export const CHROME_RULE_IDS: readonly string[] = [
  ...LINE_CHROME_RULES.map((rule) => rule.id),
  RELATED_LINKS_RULE_ID,
  PHOTO_CAPTION_RULE_ID
]

/** The id of the first line rule that matches `line` (already trimmed), or `null`. */
export function matchLineChromeRule(line: string): string | null {
  for (const rule of LINE_CHROME_RULES) {
    if (line.length <= rule.maxChars && rule.pattern.test(line)) return rule.id
  }
  return null
}
