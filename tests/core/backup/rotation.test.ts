import { describe, expect, it } from 'vitest'
import {
  backupsToDelete,
  backupsToKeep,
  type RotatableBackup
} from '../../../src/core/backup/rotation'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
/** Wednesday 2026-06-17 12:00 UTC. */
const NOW = Date.UTC(2026, 5, 17, 12, 0, 0)

function backup(takenAt: number): RotatableBackup {
  return { id: new Date(takenAt).toISOString(), takenAt }
}

describe('backupsToKeep', () => {
  it('keeps everything while there are at most ten backups', () => {
    const backups = Array.from({ length: 10 }, (_, i) => backup(NOW - i * 400 * DAY))
    expect(backupsToKeep(backups, NOW).size).toBe(10)
    expect(backupsToDelete(backups, NOW)).toEqual([])
  })

  it('keeps the ten newest of a busy day, then then the newest of each older day', () => {
    // Every 30 minutes for 3 days: 144 backups.
    const backups = Array.from({ length: 144 }, (_, i) => backup(NOW - i * 30 * 60 * 1000))
    const keep = backupsToKeep(backups, NOW)
    for (const recent of backups.slice(0, 10)) expect(keep.has(recent.id)).toBe(true)
    // Newest backup of 16 June and of 15 June and 14 June (the last of each day).
    expect(keep.has(new Date(Date.UTC(2026, 5, 16, 23, 30)).toISOString())).toBe(true)
    expect(keep.has(new Date(Date.UTC(2026, 5, 15, 23, 30)).toISOString())).toBe(true)
    expect(keep.has(new Date(Date.UTC(2026, 5, 14, 23, 30)).toISOString())).toBe(true)
    expect(keep.has(new Date(Date.UTC(2026, 5, 14, 12, 30)).toISOString())).toBe(false)
    expect(keep.has(new Date(Date.UTC(2026, 5, 16, 10, 0)).toISOString())).toBe(false)
    // 10 latest + 3 older days (today's newest is among the latest); weeks/months add nothing new.
    expect(keep.size).toBe(13)
  })

  it('keeps one per day for 7 days, one per week for 4 weeks, one per month for 6 months', () => {
    // One backup a day at 08:00 for 400 days, none today after 08:00.
    const backups = Array.from({ length: 400 }, (_, i) =>
      backup(Date.UTC(2026, 5, 17, 8) - i * DAY)
    )
    const keep = backupsToKeep(backups, NOW)
    const kept = backups.filter((b) => keep.has(b.id)).map((b) => b.id.slice(0, 10))
    expect(kept).toEqual([
      // the latest ten (17 June back to 8 June) cover the 7 days
      '2026-06-17',
      '2026-06-16',
      '2026-06-15',
      '2026-06-14',
      '2026-06-13',
      '2026-06-12',
      '2026-06-11',
      '2026-06-10',
      '2026-06-09',
      '2026-06-08',
      // newest of the week of 1 June (Monday 1 to Sunday 7) and of the week of 25 May
      '2026-06-07',
      '2026-05-31',
      // newest of May, April, March, February, January (June's is the newest overall)
      '2026-04-30',
      '2026-03-31',
      '2026-02-28',
      '2026-01-31'
    ])
    // 7 June closes the 4th week back (weeks of 15, 8, 1 June, 25 May); 31 May is also May's.
    expect(backupsToDelete(backups, NOW)).toHaveLength(400 - kept.length)
  })

  it('never deletes a backup dated after now (a clock set back)', () => {
    const backups = [
      ...Array.from({ length: 12 }, (_, i) => backup(NOW + (i + 1) * DAY)),
      backup(NOW - 1000 * DAY)
    ]
    const keep = backupsToKeep(backups, NOW)
    for (const future of backups.slice(0, 12)) expect(keep.has(future.id)).toBe(true)
    expect(keep.has(backups[12].id)).toBe(false)
  })

  it('uses the given time-zone offset for calendar days', () => {
    // 23:30 and 00:30 UTC are the same day in UTC-02:00 but different days in UTC.
    const late = backup(Date.UTC(2026, 5, 10, 23, 30))
    const early = backup(Date.UTC(2026, 5, 11, 0, 30))
    const policy = { latest: 0, days: 30, weeks: 0, months: 0 }
    expect(backupsToKeep([late, early], NOW, policy).size).toBe(2)
    expect(backupsToKeep([late, early], NOW, policy, -2 * HOUR)).toEqual(new Set([early.id]))
  })
})
