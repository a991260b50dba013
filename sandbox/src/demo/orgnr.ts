import type { Country } from "../../../shared/domain/vocabulary";
import type { Rng } from "./prng";

/** Organisation numbers in each country's format with a valid check digit. */

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Weighted mod-11 check digit; null when the remainder makes the number invalid. */
function mod11(digits: string, weights: readonly number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] as number);
  const rest = sum % 11;
  if (rest === 0) return 0;
  if (rest === 1) return null;
  return 11 - rest;
}

const NO_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;
const DK_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;
const FI_WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

export function isValidOrgNr(country: Country, orgNr: string): boolean {
  switch (country) {
    case "SE": {
      const m = /^(\d{6})-(\d{4})$/.exec(orgNr);
      if (!m) return false;
      const digits = `${m[1]}${m[2]}`;
      return luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
    }
    case "NO":
      return /^[89]\d{8}$/.test(orgNr) && mod11(orgNr, NO_WEIGHTS) === Number(orgNr[8]);
    case "DK": {
      if (!/^\d{8}$/.test(orgNr)) return false;
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += Number(orgNr[i]) * (DK_WEIGHTS[i] as number);
      return sum % 11 === 0;
    }
    case "FI": {
      const m = /^(\d{7})-(\d)$/.exec(orgNr);
      return m !== null && mod11(m[1] as string, FI_WEIGHTS) === Number(m[2]);
    }
  }
}

/** A random valid organisation number: SE 556xxx-xxxx, NO 9 digits, DK CVR 8 digits, FI Y-tunnus 1234567-8. */
export function randomOrgNr(country: Country, rng: Rng): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join("");
  for (;;) {
    switch (country) {
      case "SE": {
        const body = `556${digits(6)}`;
        return `${body.slice(0, 6)}-${body.slice(6)}${luhnCheckDigit(body)}`;
      }
      case "NO": {
        const body = `${rng.pick(["8", "9", "9"])}${digits(7)}`;
        const check = mod11(body, NO_WEIGHTS);
        if (check !== null && check < 10) return `${body}${check}`;
        break;
      }
      case "DK": {
        const body = `${rng.int(1, 9)}${digits(6)}`;
        let sum = 0;
        for (let i = 0; i < 7; i++) sum += Number(body[i]) * (DK_WEIGHTS[i] as number);
        // The last weight is 1, so the check digit must make the weighted sum a multiple of 11.
        const check = (11 - (sum % 11)) % 11;
        if (check < 10) return `${body}${check}`;
        break;
      }
      case "FI": {
        const body = `${rng.int(0, 3)}${digits(6)}`;
        const check = mod11(body, FI_WEIGHTS);
        if (check !== null && check < 10) return `${body}-${check}`;
        break;
      }
    }
  }
}
