/**
 * Draws the app icon and writes every file the window and the packages need into resources/:
 *
 *   icon.png               512 px, the window icon (Linux) and electron-builder's fallback
 *   icons/NxN.png          Linux sizes (AppImage and deb install them into the hicolor theme)
 *   icon.ico               Windows (NSIS installer and the executable), PNG-compressed entries
 *   icon.icns              macOS (the dmg and the app bundle)
 *
 * Run with `npm run icons`. The icon is drawn from shapes at each size (no scaling of one bitmap), so
 * small sizes stay sharp, and the output is a pure function of this file: test/unit/host/icons.test.ts
 * redraws it and compares with the committed files. The picture: two lists, whose rows are linked
 * across, on a teal tile.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

type Rgba = readonly [number, number, number, number]

const TILE: Rgba = [15, 92, 110, 255]
const LEFT_CARD: Rgba = [255, 255, 255, 255]
const RIGHT_CARD: Rgba = [191, 232, 223, 255]
const ROW: Rgba = [15, 92, 110, 255]
const LINK: Rgba = [255, 255, 255, 255]

/** Rows of the two lists, as fractions of the icon's height. */
const ROW_CENTRES = [0.37, 0.5, 0.63]
const ROW_HALF_HEIGHT = 0.028
const LINK_HALF_HEIGHT = 0.022

/** Samples per pixel side: 4 x 4 gives smooth edges; more changes nothing visible at these sizes. */
const SUPERSAMPLING = 4

function insideRoundedRect(
  x: number,
  y: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
  radius: number,
): boolean {
  if (x < left || x > right || y < top || y > bottom) return false
  const dx = Math.max(left + radius - x, 0, x - (right - radius))
  const dy = Math.max(top + radius - y, 0, y - (bottom - radius))
  return dx * dx + dy * dy <= radius * radius
}

/** The colour at a point of the unit square, or null where the icon is transparent. */
function colourAt(x: number, y: number): Rgba | null {
  // The tile keeps a margin, as macOS and Windows icons do, and rounds its corners.
  if (!insideRoundedRect(x, y, 0.06, 0.06, 0.94, 0.94, 0.2)) return null
  const onRow = ROW_CENTRES.some((centre) => Math.abs(y - centre) <= ROW_HALF_HEIGHT)
  const onLink = ROW_CENTRES.some((centre) => Math.abs(y - centre) <= LINK_HALF_HEIGHT)
  if (insideRoundedRect(x, y, 0.18, 0.24, 0.43, 0.76, 0.05)) {
    return onRow && x >= 0.23 && x <= 0.43 ? ROW : LEFT_CARD
  }
  if (insideRoundedRect(x, y, 0.57, 0.24, 0.82, 0.76, 0.05)) {
    return onRow && x >= 0.57 && x <= 0.77 ? ROW : RIGHT_CARD
  }
  if (onLink && x > 0.43 && x < 0.57) return LINK
  return TILE
}

/** The icon at one size as straight (not premultiplied) RGBA, row by row. */
export function renderIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4)
  const samples = SUPERSAMPLING * SUPERSAMPLING
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0
      let green = 0
      let blue = 0
      let alpha = 0
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          const colour = colourAt(
            (px + (sx + 0.5) / SUPERSAMPLING) / size,
            (py + (sy + 0.5) / SUPERSAMPLING) / size,
          )
          if (!colour) continue
          const weight = colour[3] / 255
          red += colour[0] * weight
          green += colour[1] * weight
          blue += colour[2] * weight
          alpha += weight
        }
      }
      const offset = (py * size + px) * 4
      if (alpha > 0) {
        pixels[offset] = Math.round(red / alpha)
        pixels[offset + 1] = Math.round(green / alpha)
        pixels[offset + 2] = Math.round(blue / alpha)
      }
      pixels[offset + 3] = Math.round((alpha / samples) * 255)
    }
  }
  return pixels
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A square 8-bit RGBA PNG; every scanline uses filter 0 (none). */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // colour type: RGBA
  const stride = size * 4
  const scanlines = Buffer.alloc((stride + 1) * size)
  for (let row = 0; row < size; row++)
    rgba.copy(scanlines, row * (stride + 1) + 1, row * stride, (row + 1) * stride)
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** An .ico holding PNG images (Windows Vista and later read these; 256 px is written as width 0). */
export function buildIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  const entries: Buffer[] = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16)
    entry[0] = size >= 256 ? 0 : size
    entry[1] = size >= 256 ? 0 : size
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    entries.push(entry)
    offset += png.length
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)])
}

/** The .icns element types that hold a PNG, with the pixel size each one must have. */
export const ICNS_TYPES: readonly { type: string; size: number }[] = [
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 }, // 512 pt @2x
  { type: 'ic11', size: 32 }, // 16 pt @2x
  { type: 'ic12', size: 64 }, // 32 pt @2x
  { type: 'ic13', size: 256 }, // 128 pt @2x
  { type: 'ic14', size: 512 }, // 256 pt @2x
]

export function buildIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const elements = ICNS_TYPES.map(({ type, size }) => {
    const png = pngBySize.get(size)
    if (!png) throw new Error(`no ${size} px image for the icns element ${type}`)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const body = Buffer.concat(elements)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
const ALL_SIZES = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(({ size }) => size)])]

/** Every icon file, by its path relative to resources/. */
export function iconFiles(): Map<string, Buffer> {
  const pngBySize = new Map(ALL_SIZES.map((size) => [size, encodePng(size, renderIcon(size))]))
  const png = (size: number) => pngBySize.get(size)!
  const files = new Map<string, Buffer>()
  files.set('icon.png', png(512))
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, png(size))
  files.set('icon.ico', buildIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))))
  files.set('icon.icns', buildIcns(pngBySize))
  return files
}

export function writeIcons(resourcesDir: string): string[] {
  const written: string[] = []
  for (const [name, data] of iconFiles()) {
    const path = join(resourcesDir, name)
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, data)
    written.push(name)
  }
  return written
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const resourcesDir = resolve(import.meta.dirname, '..', 'resources')
  for (const name of writeIcons(resourcesDir)) process.stdout.write(`resources/${name}\n`)
}
