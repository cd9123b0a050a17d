import { describe, expect, it } from 'vitest'
import { markdownToBlocks, stripInlineMarkdown } from '../../../src/core/article/markdown'

describe('stripInlineMarkdown', () => {
  it.each([
    ['**bold** and __strong__', 'bold and strong'],
    ['*italic* and _emphasis_', 'italic and emphasis'],
    ['a [link](https://example.com) here', 'a link here'],
    ['a [reference][1] link', 'a reference link'],
    ['an image ![alt text](pic.png) gone', 'an image gone'],
    ['`code` span', 'code span'],
    ['~~struck~~ text', 'struck text'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['2 * 3 * 4 = 24', '2 * 3 * 4 = 24'],
    ['escaped \\*star\\*', 'escaped *star*'],
    ['inline <b>html</b> tags', 'inline html tags'],
    ['<https://example.com>', 'https://example.com']
  ])('%j → %j', (markdown, text) => {
    expect(stripInlineMarkdown(markdown)).toBe(text)
  })
})

describe('markdownToBlocks', () => {
  it('turns headings into heading blocks and the first h1 into the title', () => {
    const { blocks, title } = markdownToBlocks(
      '# Budget passes\n\nThe council **approved** the\nbudget on Monday.\n\n## Reaction\n\n> “We had no choice,” the mayor said.\n\nSetext heading\n--------------\n\n- first item\n- second item\n\n---\n\n[1]: https://example.com\n'
    )
    expect(title).toBe('Budget passes')
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Budget passes' },
      { kind: 'body', text: 'The council approved the budget on Monday.' },
      { kind: 'heading', text: 'Reaction' },
      { kind: 'body', text: '“We had no choice,” the mayor said.' },
      { kind: 'heading', text: 'Setext heading' },
      { kind: 'body', text: 'first item' },
      { kind: 'body', text: 'second item' }
    ])
  })

  it('drops front matter but keeps its title, and keeps code lines as text', () => {
    const { blocks, title } = markdownToBlocks(
      '---\ntitle: "From front matter"\ndate: 2024\n---\n\n```\nline one\n```\n'
    )
    expect(title).toBe('From front matter')
    expect(blocks).toEqual([{ kind: 'body', text: 'line one' }])
  })
})
