import type { CompartmentConfig, CompartmentSize, LockerBankConfig } from '../../../main/contract.js';

/**
 * The locker bank form as typed. The compartments are one line per board, "board: sizes of locks 1-16", e.g.
 *   0: S S S S S S S S M M M M M L L L
 * A token is S, M or L (the next number), N:S to give the number, or "-" for an unused lock. Numbers run on
 * from the previous compartment, across boards, so a plain cabinet is typed as sizes alone.
 */
export interface BankForm {
  name: string;
  kind: 'tcp' | 'serial';
  host: string;
  port: string;
  path: string;
  baudRate: string;
  openBit: 0 | 1;
  layout: string;
}

export const EMPTY_BANK_FORM: BankForm = { name: '', kind: 'tcp', host: '', port: '4001', path: '/dev/ttyUSB0', baudRate: '19200', openBit: 1, layout: '0: S S S S S S S S M M M M M L L L' };

export type BankFormProblem = 'nameRequired' | 'hostRequired' | 'portInvalid' | 'pathRequired' | 'layoutInvalid' | 'layoutEmpty';

const SIZES: readonly string[] = ['S', 'M', 'L'];

/** The compartments a layout describes, or the first line it cannot read (1-based). */
export function parseLayout(text: string): { boards: number[]; compartments: CompartmentConfig[] } | { badLine: number } {
  const boards: number[] = [];
  const compartments: CompartmentConfig[] = [];
  let next = 1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const m = /^(\d{1,2})\s*:\s*(.*)$/.exec(line);
    const board = Number(m?.[1]);
    const tokens = (m?.[2] ?? '').trim().split(/\s+/).filter(Boolean);
    if (!m || board > 15 || boards.includes(board) || tokens.length === 0 || tokens.length > 16) return { badLine: i + 1 };
    boards.push(board);
    for (let lock = 1; lock <= tokens.length; lock++) {
      const token = (tokens[lock - 1] ?? '').toUpperCase();
      if (token === '-') continue;
      const t = /^(?:(\d{1,4}):)?([SML])$/.exec(token);
      if (!t || !SIZES.includes(t[2] ?? '')) return { badLine: i + 1 };
      const number = t[1] ? Number(t[1]) : next;
      compartments.push({ number, board, lock, size: t[2] as CompartmentSize });
      next = number + 1;
    }
  }
  return { boards, compartments };
}

/** The layout text of a stored bank: numbers written only where they do not run on. */
export function layoutOf(bank: Pick<LockerBankConfig, 'boards' | 'compartments'>): string {
  let next = 1;
  const ordered = [...bank.compartments].sort((a, b) => a.board - b.board || a.lock - b.lock);
  return bank.boards
    .map((board) => {
      const mine = ordered.filter((c) => c.board === board);
      const last = Math.max(0, ...mine.map((c) => c.lock));
      const tokens = Array.from({ length: last }, (_, i) => {
        const c = mine.find((x) => x.lock === i + 1);
        if (!c) return '-';
        const token = c.number === next ? c.size : `${c.number}:${c.size}`;
        next = c.number + 1;
        return token;
      });
      return `${board}: ${tokens.length ? tokens.join(' ') : '-'}`;
    })
    .join('\n');
}

export function bankFormOf(b: LockerBankConfig): BankForm {
  const t = b.transport;
  return {
    name: b.name,
    kind: t.kind,
    host: t.kind === 'tcp' ? t.host : '',
    port: t.kind === 'tcp' ? String(t.port) : EMPTY_BANK_FORM.port,
    path: t.kind === 'serial' ? t.path : EMPTY_BANK_FORM.path,
    baudRate: t.kind === 'serial' ? String(t.baudRate ?? 19200) : EMPTY_BANK_FORM.baudRate,
    openBit: b.openBit,
    layout: layoutOf(b),
  };
}

/** What must be fixed before saving; main checks everything again (LOCKER_CONFIG_INVALID names each problem). */
export function bankFormProblems(f: BankForm): BankFormProblem[] {
  const p: BankFormProblem[] = [];
  if (f.name.trim() === '') p.push('nameRequired');
  if (f.kind === 'tcp') {
    if (f.host.trim() === '') p.push('hostRequired');
    const port = Number(f.port.trim());
    if (!/^\d{1,5}$/.test(f.port.trim()) || port < 1 || port > 65535) p.push('portInvalid');
  } else if (f.path.trim() === '') p.push('pathRequired');
  const layout = parseLayout(f.layout);
  if ('badLine' in layout) p.push('layoutInvalid');
  else if (layout.compartments.length === 0) p.push('layoutEmpty');
  return p;
}

/** The bank to store; call only when bankFormProblems is empty. */
export function bankConfigOf(f: BankForm, id: string): LockerBankConfig {
  const layout = parseLayout(f.layout);
  if ('badLine' in layout) throw new Error(`layout line ${layout.badLine} cannot be read`);
  const transport: LockerBankConfig['transport'] =
    f.kind === 'tcp' ? { kind: 'tcp', host: f.host.trim(), port: Number(f.port.trim()) } : { kind: 'serial', path: f.path.trim(), baudRate: Number(f.baudRate) };
  return { id, name: f.name.trim(), transport, openBit: f.openBit, ...layout };
}

/** A bank id from its name: letters and digits kept, the rest dashed; a suffix when taken. */
export function newBankId(name: string, taken: readonly string[]): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'locker';
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}-${i}`;
  return id;
}
