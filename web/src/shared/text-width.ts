/**
 * Measures text as the browser draws it on one line, for layouts with fixed
 * widths (the contact table) that must still fit their longest value.
 */
let canvas: HTMLCanvasElement | null = null;

/** Estimated average width of a character in em, for a browser that gives no canvas to measure with. */
const FALLBACK_EM_PER_CHARACTER = 0.62;

/**
 * Returns the width in pixels of `text` in `font` (CSS font shorthand, such
 * as `400 14px sans-serif`). Digits are measured as zeros, because the
 * tables show amounts in tabular figures, usually as wide as a zero, while
 * the canvas draws the font's default figures.
 */
export function textWidth(text: string, font: string): number {
  const measured = text.replace(/\d/g, '0');
  canvas ??= document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) {
    const fontSize = Number.parseFloat(/([\d.]+)px/.exec(font)?.[1] ?? '') || 14;
    return measured.length * FALLBACK_EM_PER_CHARACTER * fontSize;
  }
  context.font = font;
  return context.measureText(measured).width;
}

/** Returns the font of `element` as a CSS font shorthand that a canvas accepts. */
export function fontOf(element: Element): string {
  const style = window.getComputedStyle(element);
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}
