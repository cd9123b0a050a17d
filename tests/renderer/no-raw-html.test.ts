import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every file of the renderer source, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const RENDERER = join(__dirname, '../../src/renderer')

describe('article content is only ever rendered as text', () => {
  it('no v-html, innerHTML, outerHTML, insertAdjacentHTML or document.write in the renderer', () => {
    const offenders: string[] = []
    const files = filesUnder(RENDERER).filter((file) => /\.(?:vue|ts|html)$/u.test(file))
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, index) => {
        if (/v-html|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/u.test(line)) {
          offenders.push(`${relative(RENDERER, file)}:${index + 1}: ${line.trim()}`)
        }
      })
    }
    expect(offenders).toEqual([])
  })
})
