import { AppError } from '../../core/errors.js';

/**
 * Registration numbers (登记号), 16 digits:
 *
 *   RRRRRR YYYY SSSSSS
 *   │      │    └ serial within the registry's region and year, from 000001
 *   │      └ year of registration (district time)
 *   └ GB/T 2260 code of the registering district (config/districts/<name>)
 *
 * e.g. 6206022026000042. Serials come from `contract_number_counters`
 * (repository.nextSerial), so they have no duplicates and no gaps.
 */
export function registrationNumber(regionCode: string, year: number, serial: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error(`region code ${regionCode} is not 6 digits`);
  if (year < 1000 || year > 9999) throw new Error(`year ${year} is not 4 digits`);
  if (serial < 1 || serial > 999_999) {
    throw new AppError('CONFLICT', { message: { zh: '本年度登记号已用完（999999），请联系系统管理员。', en: 'This year’s registration serials are exhausted (999999).' } });
  }
  return `${regionCode}${year}${String(serial).padStart(6, '0')}`;
}

export function parseRegistrationNumber(n: string): { regionCode: string; year: number; serial: number } | null {
  const m = /^(\d{6})(\d{4})(\d{6})$/.exec(n);
  return m ? { regionCode: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : null;
}
