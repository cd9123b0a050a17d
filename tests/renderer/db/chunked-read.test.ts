import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  forEachChunkInKeyOrder,
  readPrimaryRangeInChunks
} from '../../../src/renderer/src/db/chunked-read'
import { emptySlot, SLOT_MS } from '../../../src/core/stats/slots'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { NOW_MS, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

describe('readPrimaryRangeInChunks', () => {
  it('reads the same rows, in key order, as one range read, whatever the chunk size', async () => {
    const start = Math.floor(NOW_MS / SLOT_MS) * SLOT_MS
    const slots = Array.from({ length: 300 }, (_, index) => ({
      ...emptySlot(start + index * 3 * SLOT_MS),
      learn: index
    }))
    await db.reviewSlots.bulkPut(slots)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: -5, max: 305 }),
        fc.integer({ min: -5, max: 305 }),
        fc.boolean(),
        fc.boolean(),
        async (chunkRows, fromIndex, toIndex, includeLower, includeUpper) => {
          const lower = start + Math.min(fromIndex, toIndex) * 3 * SLOT_MS
          const upper = start + Math.max(fromIndex, toIndex) * 3 * SLOT_MS
          if (lower === upper && !(includeLower && includeUpper)) return
          const expected = await db.reviewSlots
            .where(':id')
            .between(lower, upper, includeLower, includeUpper)
            .toArray()
          const chunked = await readPrimaryRangeInChunks(db.reviewSlots, lower, upper, {
            includeLower,
            includeUpper,
            chunkRows
          })
          expect(chunked).toEqual(expected)
        }
      ),
      { seed: 20261207, numRuns: 40 }
    )
  })

  it('reads a whole table with open bounds and an empty one as nothing', async () => {
    expect(await readPrimaryRangeInChunks(db.reviewSlots, -Infinity, Infinity)).toEqual([])
    await db.reviewSlots.bulkPut([emptySlot(SLOT_MS * 2), emptySlot(SLOT_MS)])
    const rows = await readPrimaryRangeInChunks(db.reviewSlots, -Infinity, Infinity, {
      chunkRows: 1
    })
    expect(rows.map((row) => row.slotStartMs)).toEqual([SLOT_MS, SLOT_MS * 2])
  })

  it('refuses a chunk size below one row', async () => {
    await expect(readPrimaryRangeInChunks(db.reviewSlots, 0, 1, { chunkRows: 0 })).rejects.toThrow(
      RangeError
    )
  })
})

describe('forEachChunkInKeyOrder', () => {
  it('visits every row once, in key order, for number and string keys and any chunk size', async () => {
    const start = Math.floor(NOW_MS / SLOT_MS) * SLOT_MS
    await db.reviewSlots.bulkPut(
      Array.from({ length: 37 }, (_, index) => emptySlot(start + index * SLOT_MS))
    )
    await db.settings.bulkPut(
      Array.from({ length: 23 }, (_, index) => ({ key: `k${index}`, value: index }))
    )
    const slots = await db.reviewSlots.toArray()
    const settings = await db.settings.toArray()
    for (const chunkRows of [1, 5, 23, 37, 100]) {
      const visitedSlots: number[] = []
      await forEachChunkInKeyOrder(
        db.reviewSlots,
        chunkRows,
        (slot) => slot.slotStartMs,
        (chunk) => {
          expect(chunk.length).toBeLessThanOrEqual(chunkRows)
          visitedSlots.push(...chunk.map((slot) => slot.slotStartMs))
        }
      )
      expect(visitedSlots).toEqual(slots.map((slot) => slot.slotStartMs))
      const visitedKeys: string[] = []
      await forEachChunkInKeyOrder(
        db.settings,
        chunkRows,
        (row) => row.key,
        async (chunk) => {
          visitedKeys.push(...chunk.map((row) => row.key))
        }
      )
      expect(visitedKeys).toEqual(settings.map((row) => row.key))
    }
    await expect(
      forEachChunkInKeyOrder(
        db.settings,
        0,
        (row) => row.key,
        () => {}
      )
    ).rejects.toThrow(RangeError)
  })
})
