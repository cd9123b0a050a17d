import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { localTimeZone } from '../../../core/scheduling'
import type { BackupReason } from '../../../shared/backup'
import type { OptimiseOutcome, OptimiseProgress } from '../../../shared/fsrs-optimiser'
import {
  countScheduledReviews,
  loadOptimiserHistory,
  rescheduleReviewCards
} from '../db/optimiser-repo'
import { getDatabase } from '../db/schema'
import {
  emptyFsrsParameterState,
  loadFsrsParameterState,
  loadSchedulerSettings,
  saveFsrsParameterState,
  type FsrsParameterState
} from '../db/study-settings-repo'
import { useBackupStore } from './backup'

/** Days after which Settings reminds the user to optimise again. */
export const REMINDER_AFTER_DAYS = 30
/** New scheduled reviews after which Settings reminds the user to optimise again. */
export const REMINDER_AFTER_REVIEWS = 1000

const DAY_MS = 86_400_000

/** Whether it is time to optimise again: 30 days or 1,000 new reviews since the last run. */
export function optimiseReminderDue(
  state: FsrsParameterState,
  reviewCount: number,
  nowMs: number
): boolean {
  if (state.lastRun === null) return reviewCount >= REMINDER_AFTER_REVIEWS
  return (
    nowMs - state.lastRun.at >= REMINDER_AFTER_DAYS * DAY_MS ||
    reviewCount - state.lastRun.reviewCount >= REMINDER_AFTER_REVIEWS
  )
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * FSRS parameter optimisation from Settings: gathers the scheduled reviews, has the main process
 * fit and compare parameters (in a worker thread, progress pushed back), keeps the new ones only
 * when they are better, and keeps the earlier sets for Undo. Backs up before changing parameters.
 */
export const useOptimiserStore = defineStore('optimiser', () => {
  const state = ref<FsrsParameterState>(emptyFsrsParameterState())
  const reviewCount = ref(0)
  const loaded = ref(false)
  const running = ref(false)
  /** Null before fsrs-rs reports (the bar shows as busy without a value). */
  const progress = ref<OptimiseProgress | null>(null)
  const lastOutcome = ref<OptimiseOutcome | null>(null)
  const errorMessage = ref<string | null>(null)
  const message = ref<string | null>(null)
  /** Clock (replaced in tests). */
  let nowMs: () => number = () => Date.now()

  function setClock(next: () => number): void {
    nowMs = next
  }

  const reminderDue = computed(() =>
    loaded.value ? optimiseReminderDue(state.value, reviewCount.value, nowMs()) : false
  )
  const canUndo = computed(() => state.value.previous.length > 0)

  async function load(): Promise<void> {
    const db = getDatabase()
    try {
      state.value = await loadFsrsParameterState(db)
      reviewCount.value = await countScheduledReviews(db)
      errorMessage.value = null
    } catch (error) {
      errorMessage.value = `Could not read the FSRS parameters: ${errorText(error)}`
    }
    loaded.value = true
  }

  /** A backup before the parameters change, when the backup API is there; false if it failed. */
  async function backupFirst(reason: BackupReason): Promise<boolean> {
    if (typeof window.api?.saveBackup !== 'function') return true
    const saved = await useBackupStore().backupNow(reason)
    if (!saved.ok) {
      errorMessage.value = `The parameters were not changed, because the backup failed first: ${saved.error.message}`
      return false
    }
    return true
  }

  /** Applies a new parameter state, optionally rescheduling the review cards to it. */
  async function applyState(next: FsrsParameterState, reschedule: boolean): Promise<void> {
    const db = getDatabase()
    await saveFsrsParameterState(db, next)
    state.value = next
    if (reschedule) {
      const moved = await rescheduleReviewCards(db, await loadSchedulerSettings(db), nowMs())
      message.value =
        `${message.value ?? ''} ${moved.toLocaleString()} review cards were rescheduled.`.trim()
    }
  }

  /** Runs one optimisation; `reschedule` moves the review cards to new parameters if kept. */
  async function optimise(reschedule = false): Promise<void> {
    if (running.value) return
    running.value = true
    progress.value = null
    errorMessage.value = null
    message.value = null
    lastOutcome.value = null
    const unsubscribe = window.api.onMenuCommand((command) => {
      if (command.kind === 'optimise-progress') progress.value = command.progress
    })
    try {
      const db = getDatabase()
      const settings = await loadSchedulerSettings(db)
      const history = await loadOptimiserHistory(db, settings, localTimeZone())
      const current = state.value.current
      const result = await window.api.optimiseFsrs({
        history,
        currentParameters: current === null ? null : [...current.parameters]
      })
      if (!result.ok) {
        errorMessage.value = result.error.message
        return
      }
      const outcome = result.value
      lastOutcome.value = outcome
      const at = nowMs()
      const lastRun = { at, reviewCount: outcome.reviewCount }
      reviewCount.value = outcome.reviewCount
      if (outcome.kind === 'kept') {
        message.value = outcome.message
        await saveFsrsParameterState(db, { ...state.value, lastRun })
        state.value = { ...state.value, lastRun }
        return
      }
      if (!(await backupFirst('before-fsrs-reset'))) return
      message.value = `New parameters fitted on ${outcome.reviewCount.toLocaleString()} reviews are now in use.`
      await applyState(
        {
          current: {
            parameters: outcome.parameters,
            optimisedAt: at,
            reviewCount: outcome.reviewCount,
            before: outcome.before,
            after: outcome.after
          },
          previous: [...state.value.previous, state.value.current],
          lastRun
        },
        reschedule
      )
    } catch (error) {
      errorMessage.value = `The optimisation failed: ${errorText(error)}`
    } finally {
      unsubscribe()
      running.value = false
    }
  }

  /** Restores the parameters in use before the last change. */
  async function undo(reschedule = false): Promise<void> {
    if (!canUndo.value || running.value) return
    errorMessage.value = null
    message.value = null
    try {
      if (!(await backupFirst('before-fsrs-reset'))) return
      const previous = state.value.previous.slice(0, -1)
      const restored = state.value.previous[state.value.previous.length - 1] ?? null
      message.value =
        restored === null
          ? 'The default parameters are in use again.'
          : 'The previous parameters are in use again.'
      lastOutcome.value = null
      await applyState({ ...state.value, current: restored, previous }, reschedule)
    } catch (error) {
      errorMessage.value = `Could not restore the parameters: ${errorText(error)}`
    }
  }

  /** Goes back to the ts-fsrs defaults (the replaced set stays available to Undo). */
  async function resetToDefaults(reschedule = false): Promise<void> {
    if (state.value.current === null || running.value) return
    errorMessage.value = null
    message.value = null
    try {
      if (!(await backupFirst('before-fsrs-reset'))) return
      message.value = 'The default parameters are in use.'
      lastOutcome.value = null
      await applyState(
        { ...state.value, current: null, previous: [...state.value.previous, state.value.current] },
        reschedule
      )
    } catch (error) {
      errorMessage.value = `Could not reset the parameters: ${errorText(error)}`
    }
  }

  return {
    state,
    reviewCount,
    loaded,
    running,
    progress,
    lastOutcome,
    errorMessage,
    message,
    reminderDue,
    canUndo,
    setClock,
    load,
    optimise,
    undo,
    resetToDefaults
  }
})
