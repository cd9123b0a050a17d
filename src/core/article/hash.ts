/**
 * A fast, deterministic 64-bit string hash (two 32-bit lanes over UTF-16 code units, after
 * cyrb53). Not cryptographic: it only has to give the same text the same id on every machine.
 * @returns 16 lowercase hex digits.
 */
export function hashString(text: string): string {
  let lane1 = 0xdeadbeef
  let lane2 = 0x41c6ce57
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    lane1 = Math.imul(lane1 ^ code, 2654435761)
    lane2 = Math.imul(lane2 ^ code, 1597334677)
  }
  lane1 = Math.imul(lane1 ^ (lane1 >>> 16), 2246822507)
  lane1 ^= Math.imul(lane2 ^ (lane2 >>> 13), 3266489909)
  lane2 = Math.imul(lane2 ^ (lane2 >>> 16), 2246822507)
  lane2 ^= Math.imul(lane1 ^ (lane1 >>> 13), 3266489909)
  const hex = (lane: number): string => (lane >>> 0).toString(16).padStart(8, '0')
  return hex(lane2) + hex(lane1)
}

/** The stable id of an article: a prefix plus the hash of its cleaned text. */
export function articleIdFor(cleanedText: string): string {
  return `art-${hashString(cleanedText)}`
}
