/** The outcome vocabulary the Sync screen shows: the same words the core's guidance uses. */
export { OUTCOME_WORDS as OUTCOME_TEXT } from '../../../shared/outcomes'
