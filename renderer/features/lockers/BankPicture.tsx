import { useTranslation } from 'react-i18next';
import type { CompartmentConfig, CompartmentState } from '../../../main/contract.js';
import { SIZE_UNITS, columnCount, columnsOf } from './bank-picture.js';

const UNIT_PX = 34;

type Door = 'open' | 'closed' | 'unknown';
const doorOf = (c: CompartmentConfig & Partial<Pick<CompartmentState, 'open'>>): Door => (c.open === true ? 'open' : c.open === false ? 'closed' : 'unknown');
const COLORS: Record<Door, { bg: string; border: string; fg: string }> = {
  open: { bg: '#ffd666', border: '#d48806', fg: '#3d2a00' },
  closed: { bg: '#f0f5ff', border: '#8c9db5', fg: '#1d2b3a' },
  unknown: { bg: 'repeating-linear-gradient(45deg, #f5f5f5, #f5f5f5 6px, #d9d9d9 6px, #d9d9d9 12px)', border: '#8c8c8c', fg: '#434343' },
};

/**
 * A picture of the cabinet: its compartments stacked in columns as they stand, each as tall as its size, with the
 * door as the board last read it. Each compartment is a button, so Tab walks the doors and Enter acts on one.
 */
export function BankPicture(props: {
  bankId: string;
  compartments: ReadonlyArray<CompartmentConfig & Partial<Pick<CompartmentState, 'open'>>>;
  /** Enter or a click on a compartment; absent when the operator may not open doors. */
  onOpen?: (number: number) => void;
  highlight?: number;
}) {
  const { t } = useTranslation();
  const columns = columnsOf(props.compartments, columnCount(props.compartments));
  return (
    <div data-testid="locker-picture" data-bank-id={props.bankId} style={{ display: 'flex', gap: 6, padding: 10, background: '#1d2b3a', borderRadius: 8, width: 'fit-content' }}>
      {columns.map((col, i) => (
        <div key={i} style={{ display: 'flex', flexDirection: 'column', gap: 6, width: 128 }}>
          {col.map((c) => {
            const door = doorOf(c);
            const colors = COLORS[door];
            const state = t(`lockers.${door}`);
            return (
              <button
                key={c.number}
                type="button"
                data-testid="locker-cell"
                data-number={c.number}
                data-size={c.size}
                data-door={door}
                aria-label={t('lockers.cellLabel', { number: c.number, size: c.size, state })}
                aria-disabled={!props.onOpen}
                onClick={() => props.onOpen?.(c.number)}
                style={{
                  height: SIZE_UNITS[c.size] * UNIT_PX + (SIZE_UNITS[c.size] - 1) * 6, display: 'flex', alignItems: 'center', justifyContent: 'space-between',
                  padding: '0 10px', background: colors.bg, color: colors.fg, border: `2px solid ${colors.border}`, borderRadius: 4,
                  outlineOffset: 2, cursor: props.onOpen ? 'pointer' : 'default', fontSize: 18,
                  boxShadow: props.highlight === c.number ? '0 0 0 3px #69b1ff' : undefined,
                }}
              >
                <strong style={{ fontSize: 20 }}>{c.number}</strong>
                <span style={{ fontSize: 14, opacity: 0.8 }}>{c.size}</span>
                {/* "no answer" is said by the board's line beside the picture; the cell keeps a question mark. */}
                <span style={{ fontSize: 15, fontWeight: door === 'open' ? 700 : 400 }}>{door === 'unknown' ? '?' : state}</span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
