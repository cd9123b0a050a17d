import { startQuotedeck } from './app'

startQuotedeck()
