/**
 * The quiz's seeded randomness: number-seeded mulberry32 and a Fisher–Yates shuffle, the same
 * generator the card generator uses (one implementation, in cards/text).
 */
export { mulberry32 as seededRandom, shuffleWith as shuffled } from '../cards/text'
