import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ICNS_TYPES, ICO_SIZES, LINUX_SIZES, PNG_SIGNATURE, renderIcon } from '../../../scripts/makeIcons'

/**
 * The committed icons in resources/ are what scripts/makeIcons.ts draws. Compressed bytes can differ
 * between zlib builds, so the images are compared decoded, pixel for pixel.
 */
const resources = join(import.meta.dirname, '..', '..', '..', 'resources')

/** Decodes the 8-bit RGBA, filter-0 PNGs the script writes (and fails on anything else). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
  let offset = 8
  let width = 0
  let height = 0
  const data: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('ascii', offset + 4, offset + 8)
    const body = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      expect([...body.subarray(8)]).toEqual([8, 6, 0, 0, 0])
    }
    if (type === 'IDAT') data.push(body)
    offset += 12 + length
  }
  const scanlines = inflateSync(Buffer.concat(data))
  const stride = width * 4
  const rgba = Buffer.alloc(stride * height)
  for (let row = 0; row < height; row++) {
    expect(scanlines[row * (stride + 1)]).toBe(0)
    scanlines.copy(rgba, row * stride, row * (stride + 1) + 1, (row + 1) * (stride + 1))
  }
  return { width, height, rgba }
}

const rendered = new Map<number, Buffer>()
function expectIconPng(png: Buffer, size: number): void {
  const image = decodePng(png)
  expect({ width: image.width, height: image.height }).toEqual({ width: size, height: size })
  if (!rendered.has(size)) rendered.set(size, renderIcon(size))
  expect(image.rgba.equals(rendered.get(size)!)).toBe(true)
}

describe('the committed app icons', () => {
  it('are the drawing of scripts/makeIcons.ts at every Linux size and as the window icon', () => {
    for (const size of LINUX_SIZES)
      expectIconPng(readFileSync(join(resources, 'icons', `${size}x${size}.png`)), size)
    expectIconPng(readFileSync(join(resources, 'icon.png')), 512)
  })

  it('have a transparent margin and an opaque tile', () => {
    const icon = renderIcon(64)
    const alphaAt = (x: number, y: number) => icon[(y * 64 + x) * 4 + 3]
    expect(alphaAt(0, 0)).toBe(0)
    expect(alphaAt(32, 32)).toBe(255)
  })

  it('hold every Windows size in icon.ico', () => {
    const ico = readFileSync(join(resources, 'icon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length])
    ICO_SIZES.forEach((size, index) => {
      const entry = 6 + index * 16
      expect(ico[entry] === 0 ? 256 : ico[entry]).toBe(size)
      const length = ico.readUInt32LE(entry + 8)
      const start = ico.readUInt32LE(entry + 12)
      expectIconPng(ico.subarray(start, start + length), size)
    })
    expect(ICO_SIZES).toContain(256)
  })

  it('hold every macOS element in icon.icns', () => {
    const icns = readFileSync(join(resources, 'icon.icns'))
    expect(icns.toString('ascii', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const found: string[] = []
    for (let offset = 8; offset < icns.length;) {
      const type = icns.toString('ascii', offset, offset + 4)
      const length = icns.readUInt32BE(offset + 4)
      const expected = ICNS_TYPES.find((element) => element.type === type)
      expect(expected, `unexpected element ${type}`).toBeDefined()
      expectIconPng(icns.subarray(offset + 8, offset + length), expected!.size)
      found.push(type)
      offset += length
    }
    expect(found).toEqual(ICNS_TYPES.map(({ type }) => type))
  })
})
