import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../sync/model/index.js';

/**
 * The staff of the store, active first. Inactive operators stay listed, greyed, so someone whose access was
 * withdrawn reads why instead of looking for a missing name.
 */
export function OperatorList(props: { operators: readonly Operator[]; highlight: number; selectedId: string | null; onChoose: (op: Operator) => void }) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[data-highlighted="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [props.highlight]);
  return (
    <ul ref={listRef} role="listbox" aria-label={t('signin.title')} style={{ listStyle: 'none', margin: 0, padding: 0, overflow: 'auto', flex: 1, minHeight: 0, background: '#fff', borderRadius: 6 }}>
      {props.operators.map((op, i) => {
        const selected = op.id === props.selectedId;
        // A chosen operator is the one marked row; the arrow-key highlight shows only while nobody is chosen.
        const highlighted = props.selectedId === null ? i === props.highlight : selected;
        return (
          <li
            key={op.id}
            role="option"
            aria-selected={selected}
            data-testid={`signin-operator-${op.id}`}
            data-active={String(op.active)}
            data-highlighted={String(highlighted)}
            onClick={() => props.onChoose(op)}
            style={{
              display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12, padding: '14px 18px', cursor: 'pointer',
              fontSize: 22, borderBottom: '1px solid #f0f0f0', color: op.active ? '#141414' : '#8c8c8c',
              background: selected ? '#d6e4ff' : highlighted ? '#f0f5ff' : '#fff',
              borderLeft: `6px solid ${highlighted ? '#0b5cad' : 'transparent'}`,
            }}
          >
            <strong>{op.name}</strong>
            <span style={{ fontSize: 16 }}>
              {op.active ? op.roles.map((r) => t(`role.${r}`)).join(' · ') : t('signin.inactive')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
