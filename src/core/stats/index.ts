/** Statistics: the review aggregate and what the Stats view draws from it (pure). */
export * from './slots'
export * from './charts'
export * from './calendar'
export * from './tallies'
