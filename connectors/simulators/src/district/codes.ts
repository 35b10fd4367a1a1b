/**
 * Check characters of the identifiers real ledgers carry, so generated codes pass the same validation
 * the field data passes: 统一社会信用代码 (GB 32100-2015, embedding a GB 11714 organisation code) and the
 * vehicle identification number (GB 16735 / ISO 3779, check digit at position 9).
 */

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-character organisation code body (digits here). */
export function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body.charAt(i), 36) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character of the first 17 characters of a unified social credit code. */
export function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] as number);
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARS.charAt(c);
}

/**
 * 统一社会信用代码 of an organ registered with the 机构编制 authority (registration code 1);
 * `kind` 1 机关, 2 事业单位, 3 群团组织. `serial` makes the organisation code body.
 */
export function creditCode(kind: '1' | '2' | '3', division: string, serial: number): string {
  const body = String(serial).padStart(8, '0');
  const org = body + orgCodeCheck(body);
  const first17 = `1${kind}${division}${org}`;
  // An organisation code whose check is X is legal but X is not in the USCC alphabet: GB 32100 maps it
  // unchanged, since X is in the alphabet (only I, O, Z, S, V are excluded).
  return first17 + usccCheck(first17);
}

const VIN_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

/** Sets the check digit (position 9) of a 17-character VIN. */
export function withVinCheck(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin.charAt(i);
    const value = /\d/.test(ch) ? Number(ch) : (VIN_VALUES[ch] ?? 0);
    sum += value * (VIN_WEIGHTS[i] as number);
  }
  const check = sum % 11;
  return `${vin.slice(0, 8)}${check === 10 ? 'X' : String(check)}${vin.slice(9)}`;
}
