import type { Database } from './database'

/**
 * Moves the integration's plan-inputs generation, so stored lists resting on what changed are computed
 * again (diff/planStore.ts, planInputs). For statements that replace many rows at once, where a per-row
 * trigger would run one UPDATE per row: deleting an integration's match results.
 */
export function movePlanInputs(db: Database, integrationId: string): void {
  db.prepare('UPDATE plan_inputs SET generation = generation + 1 WHERE integration_id = ?').run(integrationId)
}
