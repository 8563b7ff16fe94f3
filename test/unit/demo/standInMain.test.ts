import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'

const ENTRY = fileURLToPath(new URL('../../support/standInMain.ts', import.meta.url))

interface Announcement {
  baseUrl: string
  integrationId: string
  apiKey: string
}

const children: ChildProcessWithoutNullStreams[] = []

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

function launch(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { stdio: 'pipe' })
  children.push(child)
  return child
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code} before announcing itself`)))
  })
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })
}

async function fetchPage(
  info: Announcement,
  cursor: string | null,
): Promise<{ status: number; body: { data?: { next: string | null; results: unknown[] } } }> {
  const url = new URL(`${info.baseUrl}/hris/employees`)
  url.searchParams.set('page_size', '250')
  url.searchParams.set('include_deleted', 'true')
  if (cursor) url.searchParams.set('cursor', cursor)
  const response = await request(url, {
    headers: { authorization: `Bearer ${info.apiKey}`, 'x-integration-id': info.integrationId },
  })
  return { status: response.statusCode, body: (await response.body.json()) as { data?: never } }
}

describe('standInMain', () => {
  it('announces itself as one JSON line, serves the generated company and stops on SIGTERM', async () => {
    const child = launch(['--port', '0', '--size', '600', '--seed', '5', '--integration', 'demo:acme'])
    const info = JSON.parse(await firstLine(child)) as Announcement
    expect(info).toEqual({
      baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/),
      integrationId: 'demo:acme',
      apiKey: 'test-key',
    })

    let cursor: string | null = null
    let records = 0
    do {
      const page = await fetchPage(info, cursor)
      expect(page.status).toBe(200)
      records += page.body.data?.results.length ?? 0
      cursor = page.body.data?.next ?? null
    } while (cursor)
    expect(records).toBe(600)

    child.kill('SIGTERM')
    expect(await exitOf(child)).toBe(0)
  })

  it('can start with the first sync pending', async () => {
    const child = launch(['--size', '10', '--api-key', 'k2', '--setup-sync-pending', '409'])
    const info = JSON.parse(await firstLine(child)) as Announcement
    expect(info.apiKey).toBe('k2')
    expect((await fetchPage(info, null)).status).toBe(409)
    child.kill('SIGINT')
    expect(await exitOf(child)).toBe(0)
  })

  it('refuses bad arguments with one error line and exit code 2', async () => {
    const child = launch(['--size', 'many'])
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    expect(await exitOf(child)).toBe(2)
    expect(stderr).toMatch(/^error: --size must be an integer/)
  })
})
