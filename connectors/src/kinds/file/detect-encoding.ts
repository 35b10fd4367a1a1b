import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import jschardet from 'jschardet';

/**
 * Decides how to decode an export. Order: a byte-order mark (UTF-8 with BOM, UTF-16); bytes that are
 * valid UTF-8; otherwise the detector's guess, where any Chinese guess (GB2312, GBK, Big5-less) is read
 * as GB18030, the superset of GB2312 and GBK that Excel on Chinese Windows writes. When nothing can
 * tell, GB18030 is the likely answer for a Chinese government export.
 */
export function detectEncoding(sample: Buffer): string {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  if (isUtf8(sample)) return 'utf8';
  const guess = jschardet.detect(sample);
  const name = (guess.encoding ?? '').toLowerCase();
  if (name === '' || /gb|hz|chinese|euc-tw|big5/.test(name) || name === 'ascii') return 'gb18030';
  return iconv.encodingExists(name) ? name : 'gb18030';
}

/** Valid UTF-8, allowing a sequence cut at the end of the sample. */
function isUtf8(sample: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Reads the first `bytes` of a file. */
export async function readSample(path: string, bytes = 65_536): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `gbk` and `gb2312` are read as GB18030 (a superset); iconv names otherwise. */
export function decoderName(declared: string): string {
  return declared === 'gbk' || declared === 'gb2312' ? 'gb18030' : declared;
}
