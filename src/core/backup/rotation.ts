/** A backup as the rotation sees it: an id (file name) and when it was taken. */
export interface RotatableBackup {
  id: string
  /** Epoch ms. */
  takenAt: number
}

/** How many backups of each kind the rotation keeps (Anki's tiers, issue 10). */
export interface RotationPolicy {
  /** The newest N backups, whatever their age. */
  latest: number
  /** The newest backup of each of the last N calendar days (today included). */
  days: number
  /** The newest backup of each of the last N calendar weeks (Monday to Sunday). */
  weeks: number
  /** The newest backup of each of the last N calendar months. */
  months: number
}

/** Last 10, one a day for 7 days, one a week for 4 weeks, one a month for 6 months. */
export const DEFAULT_ROTATION: RotationPolicy = { latest: 10, days: 7, weeks: 4, months: 6 }

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Calendar buckets in UTC shifted by `utcOffsetMs` (the user's time zone, a parameter so the
 * function stays pure). Day 0 of the epoch was a Thursday; `+ 3` makes weeks start on Monday.
 */
function dayIndex(ms: number, utcOffsetMs: number): number {
  return Math.floor((ms + utcOffsetMs) / DAY_MS)
}
function weekIndex(ms: number, utcOffsetMs: number): number {
  return Math.floor((dayIndex(ms, utcOffsetMs) + 3) / 7)
}
function monthIndex(ms: number, utcOffsetMs: number): number {
  const date = new Date(ms + utcOffsetMs)
  return date.getUTCFullYear() * 12 + date.getUTCMonth()
}

/**
 * The ids of the backups to keep under `policy` at `nowMs`; every other backup may be deleted.
 * In each day, week and month bucket the newest backup is the one kept. Backups dated in the
 * future (a clock that jumped back) are kept, so a wrong clock never deletes anything.
 */
export function backupsToKeep(
  backups: readonly RotatableBackup[],
  nowMs: number,
  policy: RotationPolicy = DEFAULT_ROTATION,
  utcOffsetMs = 0
): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt - a.takenAt || (a.id < b.id ? 1 : -1))
  const keep = new Set<string>()
  for (const backup of newestFirst.slice(0, policy.latest)) keep.add(backup.id)

  const tiers: { limit: number; bucket: (ms: number) => number }[] = [
    { limit: policy.days, bucket: (ms) => dayIndex(ms, utcOffsetMs) },
    { limit: policy.weeks, bucket: (ms) => weekIndex(ms, utcOffsetMs) },
    { limit: policy.months, bucket: (ms) => monthIndex(ms, utcOffsetMs) }
  ]
  for (const tier of tiers) {
    const current = tier.bucket(nowMs)
    const seen = new Set<number>()
    for (const backup of newestFirst) {
      const bucket = tier.bucket(backup.takenAt)
      if (bucket > current) {
        keep.add(backup.id)
        continue
      }
      if (current - bucket >= tier.limit || seen.has(bucket)) continue
      seen.add(bucket)
      keep.add(backup.id)
    }
  }
  return keep
}

/** The ids `backupsToKeep` does not keep, oldest first. */
export function backupsToDelete(
  backups: readonly RotatableBackup[],
  nowMs: number,
  policy: RotationPolicy = DEFAULT_ROTATION,
  utcOffsetMs = 0
): string[] {
  const keep = backupsToKeep(backups, nowMs, policy, utcOffsetMs)
  return [...backups]
    .sort((a, b) => a.takenAt - b.takenAt)
    .filter((backup) => !keep.has(backup.id))
    .map((backup) => backup.id)
}
