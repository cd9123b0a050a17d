import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ArticleCountsRow } from '../../../src/core/library/article-counts'
import {
  COUNT_SHARDS,
  packShards,
  rewriteShards,
  shardOf,
  unpackShards,
  type CountShardRecord
} from '../../../src/renderer/src/db/count-shards'

function row(articleId: string, total: number): ArticleCountsRow {
  return { articleId, total, new: 0, overdue: 0, foldedBelowHour: 0 }
}

const byId = (rows: ArticleCountsRow[]): Map<string, ArticleCountsRow> =>
  new Map(rows.map((entry) => [entry.articleId, entry]))

describe('count shards', () => {
  it('puts every article id in one stable shard in range', () => {
    // Fixed values: a stored collection's shards must not move between app versions.
    expect(shardOf('')).toBe(0x811c9dc5 % COUNT_SHARDS)
    expect(shardOf('article-1')).toBe(shardOf('article-1'))
    const shards = new Set(Array.from({ length: 1000 }, (_, i) => shardOf(`article-${i}`)))
    expect([...shards].every((shard) => shard >= 0 && shard < COUNT_SHARDS)).toBe(true)
    // 1,000 ids spread over every shard.
    expect(shards.size).toBe(COUNT_SHARDS)
  })

  it('packs rows by shard and unpacks them again', () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(`a${i}`, i + 1))
    const packed = packShards(rows)
    expect(
      packed.every((record) => record.rows.every((r) => shardOf(r.articleId) === record.shard))
    )
    expect(byId(unpackShards(packed))).toEqual(byId(rows))
    expect(unpackShards([undefined, ...packed.slice(0, 1)])).toEqual(packed[0].rows)
  })

  it('rewrites only the shards of changed articles, and deletes a shard left empty', () => {
    const lonely = 'x'
    const current = byId([row(lonely, 3)])
    const { put, deleteShards } = rewriteShards(current, new Map([[lonely, null]]))
    expect(put).toEqual([])
    expect(deleteShards).toEqual([shardOf(lonely)])
  })

  it('after any changes, the shards hold exactly the expected rows (seeded)', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `article-${i}`)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 0, max: 3 })), {
          maxLength: 80
        }),
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 0, max: 3 })), {
          maxLength: 30
        }),
        (initial, changes) => {
          const expected = new Map<string, ArticleCountsRow>()
          for (const [id, total] of initial) if (total > 0) expected.set(id, row(id, total))
          const stored = new Map<number, CountShardRecord>(
            packShards(expected.values()).map((record) => [record.shard, record])
          )
          const changed = new Map<string, ArticleCountsRow | null>()
          for (const [id, total] of changes) changed.set(id, total > 0 ? row(id, total) : null)
          const touched = new Set([...changed.keys()].map(shardOf))
          const current = byId(unpackShards([...touched].map((shard) => stored.get(shard))))
          const { put, deleteShards } = rewriteShards(current, changed)
          for (const record of put) stored.set(record.shard, record)
          for (const shard of deleteShards) stored.delete(shard)
          for (const [id, next] of changed) {
            if (next === null) expected.delete(id)
            else expected.set(id, next)
          }
          expect(byId(unpackShards([...stored.values()]))).toEqual(expected)
          // Only touched shards were written, and no stored shard is empty.
          expect([...put.map((r) => r.shard), ...deleteShards].every((s) => touched.has(s))).toBe(
            true
          )
          expect([...stored.values()].every((record) => record.rows.length > 0)).toBe(true)
        }
      ),
      { seed: 20261208, numRuns: Number(process.env.FUZZ_RUNS ?? 200) }
    )
  })
})
