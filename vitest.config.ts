import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // A stray .only would quietly skip the rest of the suite; vitest's default allows it outside CI.
    allowOnly: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
