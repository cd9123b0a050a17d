import { describe, expect, it } from 'vitest'
import {
  createExtractor,
  type WorkerLike
} from '../../../src/renderer/src/composables/useExtractor'
import {
  runExtractRequest,
  type ExtractRequest,
  type ExtractResponse
} from '../../../src/renderer/src/workers/extract-protocol'
import type { Article } from '../../../src/core/article/types'
import type { Extraction } from '../../../src/core/extract/types'
import { fakeExtract, sampleArticle } from './fixtures'

/** A worker that answers on the next task, like a real one, using the worker's own handler. */
class FakeWorker implements WorkerLike {
  posted: ExtractRequest[] = []
  terminated = false
  private messageListeners: ((event: MessageEvent<ExtractResponse>) => void)[] = []
  private errorListeners: ((event: Event) => void)[] = []

  constructor(private readonly extract: (article: Article) => Extraction) {}

  addEventListener(type: 'message', listener: (event: MessageEvent<ExtractResponse>) => void): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  addEventListener(
    type: 'message' | 'error',
    listener: ((event: MessageEvent<ExtractResponse>) => void) | ((event: Event) => void)
  ): void {
    if (type === 'message') {
      this.messageListeners.push(listener as (event: MessageEvent<ExtractResponse>) => void)
    } else {
      this.errorListeners.push(listener as (event: Event) => void)
    }
  }

  postMessage(message: ExtractRequest): void {
    this.posted.push(message)
    setTimeout(() => {
      const data = runExtractRequest(message, this.extract, () => 0)
      for (const listener of this.messageListeners)
        listener({ data } as MessageEvent<ExtractResponse>)
    }, 0)
  }

  fail(): void {
    for (const listener of this.errorListeners) listener(new Event('error'))
  }

  terminate(): void {
    this.terminated = true
  }
}

describe('createExtractor', () => {
  it('sends the article to the worker and resolves with its extraction', async () => {
    const worker = new FakeWorker(fakeExtract)
    const extractor = createExtractor({ createWorker: () => worker })
    const article = sampleArticle()
    const extraction = await extractor.extract(article)
    expect(extraction).toEqual(fakeExtract(article))
    expect(extractor.usedWorker).toBe(true)
    expect(worker.posted).toHaveLength(1)
    // A plain copy is posted, never the caller's (possibly reactive) object.
    expect(worker.posted[0].article).not.toBe(article)
  })

  it('matches answers to requests when several are in flight', async () => {
    const worker = new FakeWorker(fakeExtract)
    const extractor = createExtractor({ createWorker: () => worker })
    const [first, second] = await Promise.all([
      extractor.extract(sampleArticle('one')),
      extractor.extract(sampleArticle('two'))
    ])
    expect(first.articleId).toBe('one')
    expect(second.articleId).toBe('two')
  })

  it('rejects with the worker’s message when extraction throws there', async () => {
    const worker = new FakeWorker(() => {
      throw new Error('the extractor broke')
    })
    const extractor = createExtractor({ createWorker: () => worker })
    await expect(extractor.extract(sampleArticle())).rejects.toThrow('the extractor broke')
  })

  it('runs in this thread when there is no Worker', async () => {
    let calls = 0
    const extractor = createExtractor({
      createWorker: () => null,
      extractInThread: (article) => {
        calls++
        return fakeExtract(article)
      }
    })
    const extraction = await extractor.extract(sampleArticle())
    expect(calls).toBe(1)
    expect(extractor.usedWorker).toBe(false)
    expect(extraction.quotes).toHaveLength(3)
  })

  it('finishes waiting requests in this thread when the worker fails to start', async () => {
    const worker = new FakeWorker(fakeExtract)
    worker.postMessage = function (message: ExtractRequest): void {
      this.posted.push(message)
    }
    let created = 0
    const extractor = createExtractor({
      createWorker: () => {
        created++
        return worker
      },
      extractInThread: fakeExtract
    })
    const pending = extractor.extract(sampleArticle())
    worker.fail()
    const extraction = await pending
    expect(extraction.articleId).toBe('article-1')
    expect(worker.terminated).toBe(true)
    // Later requests do not try the broken worker again.
    await extractor.extract(sampleArticle('again'))
    expect(created).toBe(1)
    expect(extractor.usedWorker).toBe(false)
  })

  it('has a worker handler that reports the elapsed time', () => {
    let now = 100
    const response = runExtractRequest(
      { requestId: 7, article: sampleArticle() },
      fakeExtract,
      () => (now += 5)
    )
    expect(response).toMatchObject({ requestId: 7, ok: true, elapsedMs: 5 })
  })
})
