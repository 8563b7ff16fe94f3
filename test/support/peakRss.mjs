// Preloaded into a CLI process under test (NODE_OPTIONS=--import): on exit it writes the process's peak
// resident memory in bytes to PEAK_RSS_FILE, so a test can bound it without sampling.
import { writeFileSync } from 'node:fs'

const out = process.env.PEAK_RSS_FILE
if (out) {
  process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS * 1024)))
}
