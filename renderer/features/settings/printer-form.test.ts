import { describe, expect, it } from 'vitest';
import { labelProblems } from '../../../sync/model/label.js';
import { printerProblems } from '../../../main/devices/printer/printer-store.js';
import { EMPTY_FORM, configOf, formOf, formProblems, newPrinterId, testLabel } from './printer-form.js';

describe('printer form', () => {
  it('turns a filled-in raw printer form into a config main accepts, and back', () => {
    const form = { ...EMPTY_FORM, name: ' Packing 1 ', host: ' 192.168.1.50 ', language: 'tspl' as const, size: '60x40' as const, dpi: 300 as const };
    expect(formProblems(form)).toEqual([]);
    const config = configOf(form, 'packing-1');
    expect(config).toEqual({ id: 'packing-1', name: 'Packing 1', kind: 'raw-tcp', host: '192.168.1.50', port: 9100, language: 'tspl', size: '60x40', dpi: 300 });
    expect(printerProblems(config)).toEqual([]);
    expect(configOf(formOf(config), 'packing-1')).toEqual(config);
  });

  it('drops raw-only fields for the PDF route and keeps a resident font on edit', () => {
    const pdf = configOf({ ...EMPTY_FORM, kind: 'pdf', name: 'Office', host: 'left over', osPrinter: '' }, 'office');
    expect(pdf).toEqual({ id: 'office', name: 'Office', kind: 'pdf', size: '100x150', dpi: 203 });
    expect(printerProblems(pdf)).toEqual([]);
    const previous = { ...configOf({ ...EMPTY_FORM, name: 'Z', host: 'h' }, 'z'), printerFont: 'E:SIMSUN.FNT' };
    expect(configOf(formOf(previous), 'z', previous).printerFont).toBe('E:SIMSUN.FNT');
  });

  it('names what is missing before saving', () => {
    expect(formProblems({ ...EMPTY_FORM, port: '70000' })).toEqual(['nameRequired', 'hostRequired', 'portInvalid']);
    expect(formProblems({ ...EMPTY_FORM, name: 'x', host: 'h', port: '91a' })).toEqual(['portInvalid']);
    expect(formProblems({ ...EMPTY_FORM, kind: 'pdf', name: 'x', port: '' })).toEqual([]);
  });

  it('makes unique ids from names', () => {
    expect(newPrinterId('Packing 1', [])).toBe('packing-1');
    expect(newPrinterId('Packing 1', ['packing-1', 'packing-1-2'])).toBe('packing-1-3');
    expect(newPrinterId('打包台', [])).toBe('printer');
    expect(newPrinterId('打包台', ['printer'])).toBe('printer-2');
  });

  it('builds a valid test label with its own package id', () => {
    const label = testLabel({ storeId: 'S001', name: '静安门店', timeZone: 'Asia/Shanghai' }, new Date('2026-06-01T06:30:00Z'));
    expect(labelProblems(label)).toEqual([]);
    expect(label.packageId).toMatch(/^TEST-[0-9A-Z]+-P1$/);
    expect(label.slot.dueText).toBe('06-01 14:30');
  });
});
