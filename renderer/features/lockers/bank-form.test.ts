import { describe, expect, it } from 'vitest';
import { validLockerBank } from '../../../main/devices/locker/bank-store.js';
import { sampleBank } from '../../../main/devices/locker/demo-bank.js';
import { EMPTY_BANK_FORM, bankConfigOf, bankFormOf, bankFormProblems, layoutOf, newBankId, parseLayout } from './bank-form.js';

describe('the locker bank form', () => {
  it('reads the default layout as the 16 compartments of one board, numbered 1-16', () => {
    const layout = parseLayout(EMPTY_BANK_FORM.layout);
    if ('badLine' in layout) throw new Error('unreadable');
    expect(layout.boards).toEqual([0]);
    expect(layout.compartments.map((c) => `${c.number}${c.size}@${c.lock}`).join(' ')).toBe(
      '1S@1 2S@2 3S@3 4S@4 5S@5 6S@6 7S@7 8S@8 9M@9 10M@10 11M@11 12M@12 13M@13 14L@14 15L@15 16L@16',
    );
  });

  it('numbers on across boards, skips "-" locks and takes explicit numbers', () => {
    const layout = parseLayout('0: S - M\n1: 20:L s');
    expect(layout).toEqual({
      boards: [0, 1],
      compartments: [
        { number: 1, board: 0, lock: 1, size: 'S' },
        { number: 2, board: 0, lock: 3, size: 'M' },
        { number: 20, board: 1, lock: 1, size: 'L' },
        { number: 21, board: 1, lock: 2, size: 'S' },
      ],
    });
    expect(parseLayout('0: S\n0: M')).toEqual({ badLine: 2 });
    expect(parseLayout('0: S X')).toEqual({ badLine: 1 });
    expect(parseLayout('16: S')).toEqual({ badLine: 1 });
  });

  it('gives back a stored bank unchanged through the form, and main accepts what it makes', () => {
    const bank = sampleBank('10.0.0.9', 4001, { boards: [0, 2], compartments: [{ number: 1, board: 0, lock: 1, size: 'S' }, { number: 5, board: 0, lock: 3, size: 'M' }, { number: 6, board: 2, lock: 16, size: 'L' }] });
    expect(layoutOf(bank)).toBe('0: S - 5:M\n2: - - - - - - - - - - - - - - - L');
    const again = bankConfigOf(bankFormOf(bank), bank.id);
    expect(again).toEqual(bank);
    expect(validLockerBank(again)).toEqual(bank);
  });

  it('names what is missing before saving', () => {
    expect(bankFormProblems({ ...EMPTY_BANK_FORM, name: ' ', host: '', port: '70000', layout: '' })).toEqual(['nameRequired', 'hostRequired', 'portInvalid', 'layoutEmpty']);
    expect(bankFormProblems({ ...EMPTY_BANK_FORM, name: 'Front', kind: 'serial', path: '/dev/ttyUSB0', layout: 'zero: S' })).toEqual(['layoutInvalid']);
    const serial = bankConfigOf({ ...EMPTY_BANK_FORM, name: 'Back door', kind: 'serial' }, newBankId('Back door', []));
    expect(serial).toMatchObject({ id: 'back-door', transport: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 } });
    expect(newBankId('Back door', ['back-door'])).toBe('back-door-2');
  });
});
