/**
 * How the Library's per-article counts rows are stored (schema version 8): packed into a few
 * shard records instead of one record per article. Chromium's IndexedDB pays a fixed cost per
 * record read (measured in headless Chromium on the bench's 1,000 articles: 1,000 rows took
 * 12–25 ms to read, the same rows packed in 32 records 1–2.5 ms), and the Library reads every
 * row each time it shows its counts; a card write rewrites only the shard of its article.
 */
import type { ArticleCountsRow } from '../../../core/library/article-counts'

/** Name of the table holding the shards. */
export const COUNT_SHARDS_TABLE = 'articleCountShards'

/** Number of shards: few enough to read at once, small enough to rewrite on every answer. */
export const COUNT_SHARDS = 32

/** One stored shard: the counts rows of the articles whose ids fall in it. */
export interface CountShardRecord {
  shard: number
  rows: ArticleCountsRow[]
}

/** The shard an article's counts live in (FNV-1a of its id; stable across versions). */
export function shardOf(articleId: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < articleId.length; i++) {
    hash ^= articleId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % COUNT_SHARDS
}

/** The shards of `articleIds`, each once, ascending. */
export function shardsOf(articleIds: Iterable<string>): number[] {
  const shards = new Set<number>()
  for (const articleId of articleIds) shards.add(shardOf(articleId))
  return [...shards].sort((a, b) => a - b)
}

/** Rows packed into shard records (only shards that hold a row), rows in article id order. */
export function packShards(rows: Iterable<ArticleCountsRow>): CountShardRecord[] {
  const byShard = new Map<number, ArticleCountsRow[]>()
  for (const row of rows) {
    const shard = shardOf(row.articleId)
    const list = byShard.get(shard)
    if (list) list.push(row)
    else byShard.set(shard, [row])
  }
  return [...byShard]
    .sort(([a], [b]) => a - b)
    .map(([shard, list]) => ({ shard, rows: sortRows(list) }))
}

/** Every row of the given shard records (missing records hold none). */
export function unpackShards(
  records: readonly (CountShardRecord | undefined)[]
): ArticleCountsRow[] {
  const rows: ArticleCountsRow[] = []
  for (const record of records) if (record) rows.push(...record.rows)
  return rows
}

/** Every row of the given shard records, by article id (what `rewriteShards` takes). */
export function rowsByArticle(
  records: readonly (CountShardRecord | undefined)[]
): Map<string, ArticleCountsRow> {
  return new Map(unpackShards(records).map((row) => [row.articleId, row]))
}

/**
 * The shard records after replacing the rows of `changed` articles (a row of null deletes the
 * article's row), given every current row of the shards they fall in. Returns the records to
 * put and the shard keys to delete (a shard left with no row).
 */
export function rewriteShards(
  current: ReadonlyMap<string, ArticleCountsRow>,
  changed: ReadonlyMap<string, ArticleCountsRow | null>
): { put: CountShardRecord[]; deleteShards: number[] } {
  const touched = new Set(shardsOf(changed.keys()))
  const byShard = new Map<number, ArticleCountsRow[]>()
  for (const shard of touched) byShard.set(shard, [])
  for (const [articleId, row] of current) {
    if (changed.has(articleId)) continue
    byShard.get(shardOf(articleId))?.push(row)
  }
  for (const [articleId, row] of changed) {
    if (row !== null) byShard.get(shardOf(articleId))!.push(row)
  }
  const put: CountShardRecord[] = []
  const deleteShards: number[] = []
  for (const [shard, rows] of [...byShard].sort(([a], [b]) => a - b)) {
    if (rows.length === 0) deleteShards.push(shard)
    else put.push({ shard, rows: sortRows(rows) })
  }
  return { put, deleteShards }
}

function sortRows(rows: ArticleCountsRow[]): ArticleCountsRow[] {
  return rows.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0))
}
