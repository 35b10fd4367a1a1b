/** The `rel="next"` target of an RFC 8288 Link header, resolved against the request URL. */
export function nextLink(header: string | null, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>((?:\s*;\s*[^;]+)*)/.exec(part.trim());
    if (!m) continue;
    const params = m[2] ?? '';
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(params)) return new URL(m[1]!, base).toString();
  }
  return undefined;
}
