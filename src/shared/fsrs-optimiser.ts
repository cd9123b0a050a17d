/**
 * The contract of FSRS parameter optimisation between the page and the main process. The page
 * sends the user's scheduled reviews as three parallel arrays (compact over IPC: 100,000 reviews
 * are three arrays of small numbers, not 100,000 objects); the main process fits FSRS with the
 * fsrs-rs binding in a worker thread and answers with a typed outcome.
 */

/** How many FSRS parameters ts-fsrs 5 (FSRS-6) and fsrs-rs 6 use. */
export const FSRS_PARAMETER_COUNT = 21

/** Largest history accepted over IPC (reviews). */
export const MAX_OPTIMISER_REVIEWS = 2_000_000

/**
 * Fewest training items (reviews of a card on a later study day than its previous review) the app
 * optimises from. fsrs-rs gives its defaults below 8 and fits only the first four parameters below
 * 64; Anki's research notes suggest offering the button from 64 (see docs §3.5).
 */
export const MIN_OPTIMISER_ITEMS = 64

/** The user's scheduled reviews (practice answers left out), one entry per review in each array. */
export interface OptimiserHistory {
  /** Small whole number per card (0, 1, 2 …), the same for every review of one card. */
  cards: number[]
  /**
   * Study-day number of each review (whole days since any fixed origin; the day starts at the
   * user's "next day starts at" hour, so two reviews before and after 4 a.m. are a day apart).
   */
  days: number[]
  /** Again 1, Hard 2, Good 3, Easy 4. */
  grades: number[]
}

/** What the page asks for. */
export interface OptimiseRequest {
  history: OptimiserHistory
  /** The parameters the scheduler uses now (21 numbers), or null for the ts-fsrs defaults. */
  currentParameters: number[] | null
}

/** How well a parameter set predicts the user's own reviews (fsrs-rs `evaluate`). */
export interface ModelMetrics {
  /** Mean binary cross-entropy of the predicted recall against pass/fail; lower is better. */
  logLoss: number
  /** RMSE between predicted and observed recall over fsrs-rs's bins; lower is better. */
  rmseBins: number
}

/** Why optimisation kept the current parameters. */
export type OptimiseKeptReason =
  /** Fewer training items than MIN_OPTIMISER_ITEMS. */
  | 'too-few-reviews'
  /** The fitted parameters did not predict the user's reviews better. */
  | 'not-better'

/** What one optimisation run found. */
export type OptimiseOutcome =
  | {
      kind: 'improved'
      parameters: number[]
      before: ModelMetrics
      after: ModelMetrics
      /** Reviews in the history sent (all scheduled reviews). */
      reviewCount: number
      /** Training items fsrs-rs saw. */
      itemCount: number
      elapsedMs: number
    }
  | {
      kind: 'kept'
      reason: OptimiseKeptReason
      /** Explanation for the user. */
      message: string
      reviewCount: number
      itemCount: number
      /** Items needed (set for 'too-few-reviews'). */
      itemsNeeded?: number
      before?: ModelMetrics
      after?: ModelMetrics
      elapsedMs: number
    }

/** Progress of the running optimisation, pushed to the page (0 ≤ current ≤ total). */
export interface OptimiseProgress {
  current: number
  total: number
}

/** One training item: a card's reviews up to and including the one FSRS learns to predict. */
export interface TrainingItem {
  /** Grades 1–4, oldest first. */
  grades: number[]
  /** Whole days since the card's previous review (0 for the first, and for same-day repeats). */
  deltaDays: number[]
}

/**
 * The training items of a history, the way fsrs-rs builds them from Anki's revlog: per card, in
 * order, one item for every review after the first that came on a later study day than the
 * previous review (same-day repeats stay in the item's history, for the short-term parameters,
 * but are not predicted). `visit` gets the card's reviews so far in two arrays that keep growing
 * after it returns: copy what you keep (counting then costs no memory).
 */
export function forEachTrainingItem(
  history: OptimiserHistory,
  visit: (grades: number[], deltaDays: number[]) => void
): void {
  const byCard = new Map<number, number[]>()
  for (let i = 0; i < history.cards.length; i += 1) {
    const card = history.cards[i]
    let reviews = byCard.get(card)
    if (reviews === undefined) {
      reviews = []
      byCard.set(card, reviews)
    }
    reviews.push(i)
  }
  for (const reviews of byCard.values()) {
    const grades: number[] = []
    const deltaDays: number[] = []
    for (let k = 0; k < reviews.length; k += 1) {
      const index = reviews[k]
      const delta = k === 0 ? 0 : history.days[index] - history.days[reviews[k - 1]]
      grades.push(history.grades[index])
      deltaDays.push(delta)
      if (k > 0 && delta > 0) visit(grades, deltaDays)
    }
  }
}

/** How many training items a history gives (see `forEachTrainingItem`). */
export function countTrainingItems(history: OptimiserHistory): number {
  let count = 0
  forEachTrainingItem(history, () => {
    count += 1
  })
  return count
}
