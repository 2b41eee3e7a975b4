// Draws the app icons as PNG files with no dependency (node's zlib): a white ring and dot on the
// brand blue. `npm run icons` rewrites public/icons/; the files are committed.
// "any" icons have rounded corners; "maskable" ones fill the square and keep the drawing inside
// the central safe zone (a circle of 80 % of the size).

import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [11, 79, 138];
const WHITE = [255, 255, 255];
const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      const i = y * (size * 4 + 1) + 1 + x * 4;
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
      raw[i + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shape in unit coordinates (0..1): 1 = white, 0 = blue, -1 = transparent.
function shape(u, v, { maskable, mono }) {
  const cx = u - 0.5;
  const cy = v - 0.5;
  if (!maskable && !mono) {
    // Rounded square with a corner radius of 18 %.
    const r = 0.18;
    const dx = Math.max(Math.abs(cx) - (0.5 - r), 0);
    const dy = Math.max(Math.abs(cy) - (0.5 - r), 0);
    if (dx * dx + dy * dy > r * r) return -1;
  }
  const scale = maskable ? 0.72 : 1;
  const d = Math.hypot(cx, cy) / scale;
  const ring = d > 0.22 && d < 0.33;
  const dot = Math.hypot(cx - 0.0, cy + 0.0) / scale < 0.1;
  const inside = ring || dot;
  if (mono) return inside ? 1 : -1;
  return inside ? 1 : 0;
}

function draw(size, options) {
  const S = 4; // supersampling for smooth edges
  return png(size, (x, y) => {
    let white = 0;
    let blue = 0;
    for (let i = 0; i < S; i += 1) {
      for (let j = 0; j < S; j += 1) {
        const s = shape((x + (i + 0.5) / S) / size, (y + (j + 0.5) / S) / size, options);
        if (s === 1) white += 1;
        else if (s === 0) blue += 1;
      }
    }
    const n = S * S;
    const a = (white + blue) / n;
    if (a === 0) return [0, 0, 0, 0];
    const w = white / (white + blue);
    const c = BLUE.map((b, k) => Math.round(b * (1 - w) + WHITE[k] * w));
    return [...c, Math.round(a * 255)];
  });
}

const files = {
  'icon-192.png': draw(192, {}),
  'icon-512.png': draw(512, {}),
  'maskable-192.png': draw(192, { maskable: true }),
  'maskable-512.png': draw(512, { maskable: true }),
  'apple-touch-icon.png': draw(180, { maskable: true }),
  'badge-96.png': draw(96, { mono: true }),
};
for (const [name, data] of Object.entries(files)) writeFileSync(new URL(name, out), data);

writeFileSync(
  new URL('icon.svg', out),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="18" fill="#0b4f8a"/>
  <circle cx="50" cy="50" r="27.5" fill="none" stroke="#fff" stroke-width="11"/>
  <circle cx="50" cy="50" r="10" fill="#fff"/>
</svg>
`,
);
console.log(`icons written to ${out.pathname}`);
