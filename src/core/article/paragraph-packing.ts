import type { Paragraph } from './types'

/** Numbers per paragraph in a packed list: `[start, end, kind]`. */
export const PACKED_PARAGRAPH_STRIDE = 3

const HEADING_CODE = 1
const BODY_CODE = 0

/** Writes one paragraph into a packed list at `index` (see `packParagraphs`). */
export function packParagraphAt(data: Int32Array, index: number, paragraph: Paragraph): void {
  const at = index * PACKED_PARAGRAPH_STRIDE
  data[at] = paragraph.start
  data[at + 1] = paragraph.end
  data[at + 2] = paragraph.kind === 'heading' ? HEADING_CODE : BODY_CODE
}

/**
 * Packs paragraphs as `[start, end, kind]` triples of 32-bit integers (kind 1 is a heading, 0 body).
 * A hundred thousand paragraph objects take a long moment to structured-clone between processes
 * or threads; one typed array is copied (or transferred) whole.
 */
export function packParagraphs(paragraphs: readonly Paragraph[]): Int32Array {
  const data = new Int32Array(paragraphs.length * PACKED_PARAGRAPH_STRIDE)
  for (let index = 0; index < paragraphs.length; index += 1) {
    packParagraphAt(data, index, paragraphs[index])
  }
  return data
}

/** The paragraphs of a packed list (`packParagraphs`); a trailing partial triple is ignored. */
export function unpackParagraphs(data: Int32Array): Paragraph[] {
  const count = Math.floor(data.length / PACKED_PARAGRAPH_STRIDE)
  const paragraphs: Paragraph[] = new Array<Paragraph>(count)
  for (let index = 0; index < count; index += 1) {
    const at = index * PACKED_PARAGRAPH_STRIDE
    paragraphs[index] = {
      kind: data[at + 2] === HEADING_CODE ? 'heading' : 'body',
      start: data[at],
      end: data[at + 1]
    }
  }
  return paragraphs
}
