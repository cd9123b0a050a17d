/**
 * Photo captions left in an article's text. Their numbers (the date a picture was taken, the age
 * of someone pictured) repeat or precede the story, so they are no figures to study. Only the
 * general shapes of captions and credit lines are recognised, never an outlet's name.
 */

/** Wire-caption wording: "…, in this file photo taken in …", "in this picture illustration". */
const CAPTION_WORDING =
  /\bin this (?:undated |file |handout |aerial |still )?(?:photo|picture|image|photograph|frame grab|video still)(?: illustration)?\b/iu

/** A credit line: "Credit: …", "Photo: …", "JANE ROE/CITY TIMES", "… CONTRIBUTED IMAGE". */
const CREDIT_LINE =
  /^(?:(?:[Pp]hoto|PHOTO|[Ii]mage|[Pp]icture|[Cc]redit|CREDIT|[Cc]ourtesy)s?\s*:|\(?(?:AP|AFP|Reuters|Getty Images)(?: ?\/| [Pp]hoto\b)|[A-Z][A-Z .'’&-]*\/[A-Z .'’&/-]*(?:IMAGE|PHOTO|PHOTOS|PICTURES)\b|(?:\p{Lu}[\p{L}.'’-]*\s){1,3}\p{Lu}[\p{L}.'’-]*\/(?:for |[A-Z]))/u

/** The case-insensitive wording regex is slow on long text, so a literal test goes first. */
function hasCaptionWording(paragraph: string): boolean {
  const mayHold = /n this /iu.test(paragraph)
  return mayHold && CAPTION_WORDING.test(paragraph)
}

/** Does this paragraph open with a photo credit? */
export function isCreditLine(paragraph: string): boolean {
  return CREDIT_LINE.test(paragraph.trimStart())
}

/** A credit on its own line is short; a longer one carries the next caption, not this one's. */
const CREDIT_WORDS = 12

/**
 * Is the paragraph a photo caption: caption wording, a credit at its start, or a short credit
 * line right after it (captions stand just before their credit)?
 */
export function isCaption(paragraph: string, nextParagraph: string | null): boolean {
  if (hasCaptionWording(paragraph) || isCreditLine(paragraph)) return true
  return (
    nextParagraph !== null &&
    isCreditLine(nextParagraph) &&
    nextParagraph.trim().split(/\s+/u).length <= CREDIT_WORDS
  )
}
