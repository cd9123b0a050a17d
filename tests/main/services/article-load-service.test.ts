import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  createArticleLoadService,
  startArticleLoadWorker,
  type ArticleLoadJob,
  type ArticleLoadWorker
} from '../../../src/main/services/article-load-service'
import { loadArticleFromBytes } from '../../../src/main/services/article-loader'
import type { ArticleLoadProgress } from '../../../src/shared/article-load'

const encoder = new TextEncoder()
const source = { kind: 'file', path: 'a.txt', fileName: 'a.txt' } as const

/** An article of news prose, about `paragraphs` × 120 bytes. */
function prose(paragraphs: number): string {
  const lines = ['Harbour bridge reopens after two years']
  for (let index = 0; index < paragraphs; index += 1) {
    lines.push(
      `Paragraph ${index}: “We are open again,” the mayor, Ada Quist, said on Friday, as the council put the cost at $${index % 90} million.`
    )
  }
  return lines.join('\n\n')
}

/** A fake worker that never answers until the test says so. */
function silentWorker(): ArticleLoadWorker & { emit: EventEmitter['emit']; terminated: boolean } {
  const emitter = new EventEmitter()
  const worker = Object.assign(emitter, {
    terminated: false,
    terminate: async () => {
      worker.terminated = true
      return 1
    }
  })
  return worker as unknown as ArticleLoadWorker & {
    emit: EventEmitter['emit']
    terminated: boolean
  }
}

describe('the article load service', () => {
  it('cleans small inputs inline, without a worker', async () => {
    const startWorker = vi.fn(startArticleLoadWorker)
    const service = createArticleLoadService({ startWorker })
    const bytes = encoder.encode(prose(20))
    const result = await service.loadBytes('a.txt', bytes, source)
    expect(startWorker).not.toHaveBeenCalled()
    expect(result).toEqual(loadArticleFromBytes('a.txt', bytes, source))
  })

  it(
    'cleans inputs above the threshold in a real worker thread, with progress, to the same article',
    { timeout: 60_000 },
    async () => {
      const progress: ArticleLoadProgress[] = []
      const startWorker = vi.fn(startArticleLoadWorker)
      const service = createArticleLoadService({
        startWorker,
        inlineMaxBytes: 1024,
        onProgress: (step) => progress.push(step)
      })
      const bytes = encoder.encode(prose(40))
      const result = await service.loadBytes('a.txt', bytes, source)
      expect(startWorker).toHaveBeenCalledTimes(1)
      expect(result.ok).toBe(true)
      expect(result).toEqual(loadArticleFromBytes('a.txt', bytes, source))
      // The caller's bytes are untouched (the worker got its own copy).
      expect(new TextDecoder().decode(bytes)).toBe(prose(40))
      expect(progress.map((step) => step.stage)).toEqual([
        'reading',
        'decoding',
        'cleaning',
        'sending'
      ])
      expect(progress.every((step) => step.name === 'a.txt')).toBe(true)
      const fractions = progress.map((step) => step.fraction)
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    }
  )

  it('passes typed failures back from the worker', { timeout: 60_000 }, async () => {
    const service = createArticleLoadService({ inlineMaxBytes: 16 })
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, ...encoder.encode(' binary body here')])
    const binary = await service.loadBytes('a.pdf', pdf, source)
    expect(binary).toEqual({
      ok: false,
      error: { code: 'BINARY', message: expect.stringMatching(/PDF/u) }
    })
    const html = await service.loadBytes(
      'page.html',
      encoder.encode('<html><body><nav>Home</nav></body></html>'),
      source
    )
    expect(html.ok ? null : html.error.code).toBe('NO_ARTICLE')
  })

  it('cleans a long paste in the worker too', { timeout: 60_000 }, async () => {
    const startWorker = vi.fn(startArticleLoadWorker)
    const service = createArticleLoadService({ startWorker, inlineMaxBytes: 1024 })
    const result = await service.loadText(prose(40), 'Given title')
    expect(startWorker).toHaveBeenCalledTimes(1)
    expect(startWorker.mock.calls[0][0]).toMatchObject({ kind: 'text', title: 'Given title' })
    expect(result.ok && result.value.title).toBe('Given title')
    expect(result.ok && result.value.source).toEqual({ kind: 'clipboard' })
  })

  it(
    'cancels a real worker load: CANCELLED, and the thread is ended',
    { timeout: 60_000 },
    async () => {
      let exited: Promise<number> | null = null
      const service = createArticleLoadService({
        inlineMaxBytes: 1024,
        startWorker: (job: ArticleLoadJob) => {
          const worker = startArticleLoadWorker(job)
          exited = new Promise((resolve) => worker.on('exit', resolve))
          return worker
        }
      })
      const loading = service.loadBytes('a.txt', encoder.encode(prose(2000)), source)
      expect(service.cancelAll()).toBe(true)
      const result = await loading
      expect(result).toEqual({
        ok: false,
        error: { code: 'CANCELLED', message: 'Loading “a.txt” was cancelled.' }
      })
      expect(exited).not.toBeNull()
      // The thread really ends (its exit code depends on how far it had started), not left cleaning.
      await expect(exited).resolves.toEqual(expect.any(Number))
      expect(service.cancelAll()).toBe(false)
    }
  )

  it('cancels every load under way and ends their workers', async () => {
    const workers: ReturnType<typeof silentWorker>[] = []
    const service = createArticleLoadService({
      inlineMaxBytes: 0,
      startWorker: () => {
        const worker = silentWorker()
        workers.push(worker)
        return worker
      }
    })
    const first = service.loadBytes('one.txt', encoder.encode('x'), source)
    const second = service.loadText('some pasted text')
    expect(service.cancelAll()).toBe(true)
    const codes = (await Promise.all([first, second])).map((result) =>
      result.ok ? null : result.error.code
    )
    expect(codes).toEqual(['CANCELLED', 'CANCELLED'])
    expect(workers.map((worker) => worker.terminated)).toEqual([true, true])
    // A message that arrives after Cancel changes nothing.
    workers[0].emit('message', { type: 'stage', stage: 'cleaning' })
  })

  it('turns a crashed or failing worker into a typed INTERNAL failure', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const workers: ReturnType<typeof silentWorker>[] = []
    const service = createArticleLoadService({
      inlineMaxBytes: 0,
      startWorker: () => {
        const worker = silentWorker()
        workers.push(worker)
        return worker
      }
    })
    const crashed = service.loadBytes('one.txt', encoder.encode('x'), source)
    workers[0].emit('error', new Error('out of memory'))
    expect(await crashed).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '“one.txt” could not be read: out of memory.' }
    })
    const exited = service.loadBytes('two.txt', encoder.encode('x'), source)
    workers[1].emit('exit', 1)
    const result = await exited
    expect(result.ok ? null : result.error.code).toBe('INTERNAL')
    expect(workers.every((worker) => worker.terminated)).toBe(true)
    consoleError.mockRestore()
  })
})
