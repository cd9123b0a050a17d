import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { invokeChannels, invokeMethods, type InvokeMethod } from '../shared/ipc-channels'
import { fail } from '../shared/result'
import { isAppPageUrl, type AppPageLocation } from './app-location'
import { checkArguments, type AppServices } from './services/app-services'

/**
 * Whether an IPC call comes from the app's own page: the top-level frame (not an iframe) whose URL
 * is the packaged index.html or the dev server. A destroyed frame (`senderFrame` null) is refused.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, location: AppPageLocation): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppPageUrl(frame.url, location)
}

/**
 * Registers one handler per `AppApi` method (the only place that calls `ipcMain.handle`). Each
 * handler checks the sender, then the arguments, then calls the service; an unexpected throw
 * becomes an `INTERNAL` result, so the page never sees a rejected promise. Returns a function
 * that removes every handler again.
 */
export function registerIpcHandlers(services: AppServices, location: AppPageLocation): () => void {
  for (const method of invokeMethods) {
    ipcMain.handle(invokeChannels[method], (event, ...args: unknown[]) =>
      handleCall(method, services, location, event, args)
    )
  }
  return () => {
    for (const method of invokeMethods) ipcMain.removeHandler(invokeChannels[method])
  }
}

async function handleCall(
  method: InvokeMethod,
  services: AppServices,
  location: AppPageLocation,
  event: IpcMainInvokeEvent,
  args: unknown[]
): Promise<unknown> {
  if (!isTrustedSender(event, location)) {
    console.warn(
      `[quotedeck] refused ${invokeChannels[method]} from ${event.senderFrame?.url ?? 'a destroyed frame'}`
    )
    return fail('FORBIDDEN', 'This request did not come from the Quotedeck window.')
  }
  const invalid = checkArguments(method, args)
  if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
  try {
    const service = services[method] as (...callArgs: unknown[]) => Promise<unknown>
    return await service(...args)
  } catch (error) {
    console.error(`[quotedeck] ${invokeChannels[method]} failed unexpectedly:`, error)
    return fail('INTERNAL', 'Something went wrong in Quotedeck. Please try again.')
  }
}
