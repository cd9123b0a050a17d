import type { Figure, Quote } from '../../../../core/extract/types'
import { USER_CORRECTION_RULE } from '../../../../core/cards'

/** Confidence as a whole percentage, e.g. 0.934 → "93%". */
export function formatConfidence(confidence: number): string {
  const clamped = Math.min(Math.max(confidence, 0), 1)
  return `${Math.round(clamped * 100)}%`
}

/** Whether the quote's speaker was set by the user rather than the extractor. */
export function isUserCorrected(quote: Quote): boolean {
  return quote.rule === USER_CORRECTION_RULE
}

/** One sentence describing how a quote was attributed (for tooltips and screen readers). */
export function describeAttribution(quote: Quote): string {
  if (isUserCorrected(quote)) return 'Speaker set by you.'
  const cue = quote.cue ? `Cue: “${quote.cue}”.` : 'No cue.'
  return `${cue} Confidence ${formatConfidence(quote.confidence)}. Rule: ${quote.rule}.`
}

/** The first words of a quote, for labels ("“I reiterated our serious…”"). */
export function quoteExcerpt(text: string, maxWords = 6): string {
  const words = text.trim().split(/\s+/)
  const head = words.slice(0, maxWords).join(' ')
  return words.length > maxWords ? `${head}…` : head
}

const unitLabels: Record<string, string> = {
  USD: 'US dollars',
  GBP: 'pounds',
  EUR: 'euros',
  percent: 'percent'
}

/** One formatter for every figure: `toLocaleString` builds a new one per call, 50 µs each here. */
const valueFormat = new Intl.NumberFormat('en-US')

/** A readable description of a figure: its kind and, when known, its normalised value. */
export function describeFigure(figure: Figure): string {
  const parts: string[] = [figure.kind]
  if (figure.iso) parts.push(figure.iso)
  else if (figure.value !== null) {
    const unit = figure.unit ? ` ${unitLabels[figure.unit] ?? figure.unit}` : ''
    parts.push(`${valueFormat.format(figure.value)}${unit}`)
  }
  if (figure.vague) parts.push('vague')
  return parts.join(': ').replace(/: vague$/, ', vague')
}
