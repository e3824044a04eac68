import { Alert, Form, Input, Modal } from 'antd';
import { useRef, useState, type KeyboardEvent } from 'react';
import {
  settlementRoutes,
  type CorrectStatementRequest,
  type ResolveStatementRequest,
  type StatementView,
} from '../../../sync/protocol/settlement.js';
import { api, toApiError, type ApiError } from '../../shared/api.js';
import { useT, type MessageKey } from '../../shared/i18n/index.js';
import { ErrorAlert } from '../../shared/ui.js';

interface TextDialogProps {
  title: string;
  intro: string;
  dispute: string | null;
  label: MessageKey;
  submit: MessageKey;
  testId: string;
  send(text: string): Promise<void>;
  onClose(done: boolean): void;
}

/**
 * A dialog that asks for one text and sends it: the reason of a correction, or the answer to a dispute. The text
 * field has the focus; Ctrl+Enter sends (Enter is a new line), Esc cancels.
 */
function TextDialog(props: TextDialogProps) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const empty = text.trim() === '';

  const submit = async () => {
    if (empty || busy) return;
    setBusy(true);
    setError(null);
    try {
      await props.send(text.trim());
      props.onClose(true);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <Modal
      open
      title={props.title}
      okText={t(props.submit)}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={() => props.onClose(false)}
      okButtonProps={{ disabled: empty, loading: busy, ...({ 'data-testid': `${props.testId}-submit` } as Record<`data-${string}`, string>) }}
      width={620}
      data-testid={props.testId}
    >
      <p>{props.intro}</p>
      {props.dispute && <Alert type="error" style={{ marginBottom: 12 }} title={t('stmt.detail.disputeComment')} description={props.dispute} />}
      <ErrorAlert error={error} />
      <Form layout="vertical">
        <Form.Item label={t(props.label)} required help={empty ? t('stmt.detail.reasonRequired') : t('stmt.detail.ctrlEnter')}>
          <Input.TextArea autoFocus rows={4} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} data-testid={`${props.testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Resolve a dispute (or correct an issued statement) with a new version drafted from today's data and a reason. */
export function CorrectDialog(props: { statement: StatementView; dispute: string | null; onClose(made: StatementView | null): void }) {
  const { t } = useT();
  const made = useRef<StatementView | null>(null);
  return (
    <TextDialog
      title={t('stmt.detail.resolveTitle', { number: props.statement.number })}
      intro={t('stmt.detail.resolveIntro')}
      dispute={props.dispute}
      label="stmt.detail.reason"
      submit="stmt.detail.resolveSubmit"
      testId="correct-dialog"
      send={async (reason) => {
        const body: CorrectStatementRequest = { reason };
        made.current = await api.post<StatementView>(settlementRoutes.correct(props.statement.id), body);
      }}
      onClose={(done) => props.onClose(done ? made.current : null)}
    />
  );
}

/** Answer a dispute with the figures standing: the supplier reads the answer; the statement becomes resolved. */
export function AnswerDialog(props: { statement: StatementView; dispute: string | null; onClose(done: boolean): void }) {
  const { t } = useT();
  return (
    <TextDialog
      title={t('stmt.detail.answerTitle', { number: props.statement.number })}
      intro={t('stmt.detail.answerIntro')}
      dispute={props.dispute}
      label="stmt.detail.answerLabel"
      submit="stmt.detail.answerSubmit"
      testId="answer-dialog"
      send={async (comment) => {
        const body: ResolveStatementRequest = { comment };
        await api.post<StatementView>(settlementRoutes.resolve(props.statement.id), body);
      }}
      onClose={props.onClose}
    />
  );
}
