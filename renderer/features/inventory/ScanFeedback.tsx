import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { inventoryEn } from './messages.js';
import type { StockFeedback } from './stock-scan.js';
import { refusalBeep } from '../../ui/beep.js';

/** Codes with their own text; plural keys (RECEIVED_one/_other) are asked for by their base with a count. */
const TEXT_CODES = new Set(Object.keys(inventoryEn.feedback).map((k) => k.replace(/_(one|other)$/, '')));

/** The translated text of a feedback; a code without its own text (a recording refusal) shows its message. */
export function feedbackText(t: TFunction, feedback: StockFeedback): string {
  if (TEXT_CODES.has(feedback.code)) {
    // The key is one of inventoryEn.feedback's, checked just above; i18next's key type cannot follow a Set.
    return t(`stock.feedback.${feedback.code}` as 'stock.feedback.ADDED', feedback.params);
  }
  const message = feedback.params['message'];
  return typeof message === 'string' ? message : feedback.code;
}

/** The answer to the last scan or entry: green, or red and loud, with the stable code for support. */
export function ScanFeedback(props: { testId: string; feedback: StockFeedback | null; idle: string }) {
  const { t } = useTranslation();
  const { feedback } = props;
  useEffect(() => {
    if (feedback && !feedback.ok) refusalBeep();
  }, [feedback]);
  const ok = feedback?.ok ?? true;
  return (
    <div
      data-testid={props.testId}
      data-ok={feedback ? String(feedback.ok) : ''}
      data-code={feedback?.code ?? ''}
      role={ok ? 'status' : 'alert'}
      style={{
        padding: '14px 18px', fontSize: 24, fontWeight: 700, borderRadius: 6,
        color: feedback ? '#fff' : '#262626',
        background: !feedback ? '#f0f2f5' : ok ? '#237804' : '#c4161c',
      }}
    >
      {feedback ? feedbackText(t, feedback) : props.idle}
      {feedback && !feedback.ok && <code style={{ marginLeft: 12, fontSize: 16, opacity: 0.9 }}>{feedback.code}</code>}
    </div>
  );
}
