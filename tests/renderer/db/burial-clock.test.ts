import { describe, expect, it } from 'vitest'
import { Queue } from '../../../src/core/scheduling'
import { unburyExpired } from '../../../src/renderer/src/db/cards-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeCard, NOW_MS, reviewState, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

const HOUR_MS = 3_600_000

function buried(id: string, buriedUntil: number): ReturnType<typeof makeCard> {
  return makeCard(id, {
    state: { ...reviewState(NOW_MS + DAY_MS), queue: Queue.Buried, queueBeforeBury: Queue.Review },
    buriedUntil
  })
}

describe('burials when the clock moves', () => {
  it('a burial until the next rollover stays until then, across a 25-hour day', async () => {
    await db.cards.add(buried('c1', NOW_MS + 25 * HOUR_MS))
    expect(await unburyExpired(db, NOW_MS)).toBe(0)
    expect(await unburyExpired(db, NOW_MS + 25 * HOUR_MS)).toBe(1)
    expect((await db.cards.get('c1'))?.queue).toBe(Queue.Review)
  })

  it('when the clock moves back by days, a burial made under the later clock is lifted', async () => {
    await db.cards.add(buried('c1', NOW_MS + 10 * HOUR_MS))
    // First look under the right clock: nothing expires, and the next expiry is remembered.
    expect(await unburyExpired(db, NOW_MS)).toBe(0)
    // The clock is set back three days: the remembered expiry must not short-cut the check.
    expect(await unburyExpired(db, NOW_MS - 3 * DAY_MS)).toBe(1)
    const card = await db.cards.get('c1')
    expect(card?.queue).toBe(Queue.Review)
    expect(card?.buriedUntil).toBeNull()
  })

  it('a clock moved back by an hour keeps today’s burials', async () => {
    await db.cards.add(buried('c1', NOW_MS + 10 * HOUR_MS))
    expect(await unburyExpired(db, NOW_MS - HOUR_MS)).toBe(0)
    expect((await db.cards.get('c1'))?.queue).toBe(Queue.Buried)
  })
})
