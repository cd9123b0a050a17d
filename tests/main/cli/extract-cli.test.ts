import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(TSX, ['src/cli/extract.ts', ...args], { cwd: ROOT, encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

interface CliJson {
  article: { id: string; title: string; words: number }
  speakers: { id: string; name: string; aliases: string[]; role: string | null; kind: string }[]
  quotes: {
    id: string
    text: string
    start: number
    end: number
    kind: string
    speaker: string | null
    cue: string | null
    confidence: number
  }[]
  figures: {
    id: string
    text: string
    start: number
    end: number
    kind: string
    value: number | null
    unit: string | null
    vague: boolean
  }[]
}

describe('npm run extract', () => {
  it('prints exactly one JSON object with --json', () => {
    const run = runCli(['resources/seed-article.txt', '--json'])
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout) as CliJson
    expect(Object.keys(out)).toEqual(['article', 'speakers', 'quotes', 'figures'])
    expect(out.article.id).toMatch(/^art-/)
    expect(out.article.words).toBeGreaterThan(500)
    expect(Object.keys(out.speakers[0])).toEqual(['id', 'name', 'aliases', 'role', 'kind'])
    expect(Object.keys(out.quotes[0])).toEqual([
      'id',
      'text',
      'start',
      'end',
      'kind',
      'speaker',
      'cue',
      'confidence'
    ])
    expect(Object.keys(out.figures[0])).toEqual([
      'id',
      'text',
      'start',
      'end',
      'kind',
      'value',
      'unit',
      'vague'
    ])
    const wangYi = out.speakers.find((s) => s.name === 'Wang Yi')
    expect(out.quotes.filter((q) => q.speaker === wangYi?.id)).toHaveLength(5)
  }, 30000)

  it('prints a readable listing without --json', () => {
    const run = runCli(['resources/seed-article.txt'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Speakers \(\d+\)$/m)
    expect(run.stdout).toContain('Antony Blinken (person, U.S. Secretary of State)')
    expect(run.stdout).toMatch(/^Figures \(\d+\)$/m)
  }, 30000)

  it('reports errors on stderr with exit code 1', () => {
    const missing = runCli(['tests/fixtures/articles/does-not-exist.txt', '--json'])
    expect(missing.status).toBe(1)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toMatch(/^NOT_FOUND: /)
    const usage = runCli([])
    expect(usage.status).toBe(1)
    expect(usage.stderr).toMatch(/Usage/)
  }, 30000)
})
