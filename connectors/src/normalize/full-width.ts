/**
 * Full-width (全角) characters as typed on Chinese input methods: digits ０-９, Latin letters, and the
 * punctuation that matters in numbers (．，－＋％). Unicode's NFKC folds them to ASCII; we apply it only
 * to the characters of the FF01–FF5E block and the ideographic space, so that CJK text stays untouched.
 */
export function toHalfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Trims, folds full-width characters, and turns empty strings into null. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = toHalfWidth(String(value)).trim();
  return text === '' ? null : text;
}
