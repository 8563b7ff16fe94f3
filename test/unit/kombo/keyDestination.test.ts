import { describe, expect, it } from 'vitest'
import { checkBaseUrl, keyMayGoTo } from '../../../src/main/core/kombo/keyDestination'

describe('checkBaseUrl', () => {
  it("knows Kombo's hosts, and allows plain http only on this machine", () => {
    expect(checkBaseUrl('https://api.kombo.dev/v1')).toMatchObject({ ok: true, kombo: true })
    expect(checkBaseUrl('https://api.us.kombo.dev/v1/')).toMatchObject({ ok: true, kombo: true })
    expect(checkBaseUrl('https://proxy.example.com/v1')).toMatchObject({ ok: true, kombo: false })
    expect(checkBaseUrl('http://127.0.0.1:4010/v1')).toMatchObject({ ok: true, loopbackStandIn: true })
    expect(checkBaseUrl('http://api.kombo.dev/v1')).toMatchObject({ ok: false })
    expect(checkBaseUrl('https://user:pw@api.kombo.dev/v1')).toMatchObject({ ok: false })
    expect(checkBaseUrl('file:///etc/passwd')).toMatchObject({ ok: false })
    expect(checkBaseUrl('api.kombo.dev')).toMatchObject({ ok: false })
  })
})

describe('keyMayGoTo', () => {
  const forKombo = { apiKey: 'k', origin: null }
  const forProxy = { apiKey: 'k', origin: 'https://proxy.example.com' }
  it("sends the key to Kombo's hosts and to the origin it was entered with, nowhere else", () => {
    expect(keyMayGoTo(forKombo, 'https://api.kombo.dev/v1')).toBe(true)
    expect(keyMayGoTo(forKombo, 'https://proxy.example.com/v1')).toBe(false)
    expect(keyMayGoTo(forProxy, 'https://proxy.example.com/v1')).toBe(true)
    expect(keyMayGoTo(forProxy, 'https://proxy.example.com:8443/v1')).toBe(false)
    expect(keyMayGoTo(forProxy, 'https://api.us.kombo.dev/v1')).toBe(true)
    expect(keyMayGoTo(forKombo, 'https://api.kombo.dev.evil.example/v1')).toBe(false)
  })
})
