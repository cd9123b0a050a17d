import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/article/types'

const ROOT = join(__dirname, '../../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(TSX, ['src/cli/article.ts', ...args], { cwd: ROOT, encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('npm run article', () => {
  it('prints the cleaned article as JSON', () => {
    const run = runCli(['resources/seed-article.txt'])
    expect(run.status).toBe(0)
    const article = JSON.parse(run.stdout) as Article
    expect(article.id).toMatch(/^art-[0-9a-f]{16}$/)
    expect(article.removed).toHaveLength(5)
    expect(article.paragraphs.filter((p) => p.kind === 'heading')).toHaveLength(2)
  }, 30000)

  it('reports errors on stderr with exit code 1', () => {
    const missing = runCli(['tests/fixtures/articles/does-not-exist.txt'])
    expect(missing.status).toBe(1)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toMatch(/^NOT_FOUND: .*does-not-exist\.txt/)
    const usage = runCli([])
    expect(usage.status).toBe(1)
    expect(usage.stderr).toMatch(/Usage/)
  }, 30000)
})
