// Text size chosen by the person (three steps), kept on the phone: not personal data.

const KEY = 'relais.textsize';
export const SIZES = [1, 2, 3] as const;
export type TextSize = (typeof SIZES)[number];

export function textSize(): TextSize {
  try {
    const saved = Number(localStorage.getItem(KEY));
    if (saved === 1 || saved === 2 || saved === 3) return saved;
  } catch {
    // Storage refused: default size.
  }
  return 1;
}

export function applyTextSize(size: TextSize = textSize()): void {
  const root = document.documentElement;
  for (const s of SIZES) root.classList.toggle(`text-${s}`, s === size);
}

export function setTextSize(size: TextSize): void {
  try {
    localStorage.setItem(KEY, String(size));
  } catch {
    // Lasts for this visit only.
  }
  applyTextSize(size);
}
