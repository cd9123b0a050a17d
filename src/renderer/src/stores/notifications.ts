import { defineStore } from 'pinia'
import { ref } from 'vue'

/** `error` is announced at once (role="alert"); `info` politely (role="status"). */
export type NotificationKind = 'error' | 'info'

/** A button shown in a notification, e.g. Undo. */
export interface NotificationAction {
  label: string
  run: () => void | Promise<void>
}

/** A message in the app-wide notification region. */
export interface AppNotification {
  id: number
  kind: NotificationKind
  message: string
  action: NotificationAction | null
}

export interface NotifyOptions {
  action?: NotificationAction
  /** Auto-dismiss after this many ms; null keeps it until dismissed. */
  timeoutMs?: number | null
}

/** Info messages leave by themselves; errors stay until the user has read and dismissed them. */
const defaultInfoTimeoutMs = 6000
const undoTimeoutMs = 10000
/** Older messages give way so the region never covers the page. */
const maxVisible = 4

/** The app-wide notification region (errors, confirmations, Undo). Any feature may use it. */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<AppNotification[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  function dismiss(id: number): void {
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
    items.value = items.value.filter((item) => item.id !== id)
  }

  function notify(kind: NotificationKind, message: string, options: NotifyOptions = {}): number {
    const id = nextId++
    // The same error twice in a row (e.g. two identical failed drops) is shown once.
    const duplicate = items.value.find((item) => item.kind === kind && item.message === message)
    if (duplicate && !options.action) dismiss(duplicate.id)
    items.value = [...items.value, { id, kind, message, action: options.action ?? null }]
    while (items.value.length > maxVisible) dismiss(items.value[0].id)
    const fallbackTimeout =
      kind === 'error' ? null : options.action ? undoTimeoutMs : defaultInfoTimeoutMs
    const timeoutMs = options.timeoutMs === undefined ? fallbackTimeout : options.timeoutMs
    if (timeoutMs !== null)
      timers.set(
        id,
        setTimeout(() => dismiss(id), timeoutMs)
      )
    return id
  }

  /** Shows an error in words; it stays until dismissed. */
  function error(message: string, options?: NotifyOptions): number {
    return notify('error', message, options)
  }

  /** Shows a passing message (optionally with an action such as Undo). */
  function info(message: string, options?: NotifyOptions): number {
    return notify('info', message, options)
  }

  /** Runs a notification's action, then dismisses it. */
  async function runAction(id: number): Promise<void> {
    const item = items.value.find((candidate) => candidate.id === id)
    if (!item?.action) return
    dismiss(id)
    await item.action.run()
  }

  function clear(): void {
    for (const item of items.value) dismiss(item.id)
  }

  return { items, notify, error, info, dismiss, runAction, clear }
})
