/** The corpus scorer lives with the command-line tools that use it (`npm run eval`, `train`). */
export * from '../../../src/cli/corpus/score'
