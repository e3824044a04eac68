import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoreOpsContract, TerminalSettings } from '../../../main/contract.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import { LocaleSwitch } from '../../ui/LocaleSwitch.js';

interface Fields {
  serverUrl: string;
  code: string;
  deviceName: string;
}

const field = { fontSize: 22, height: 56 } as const;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** First run: connect this terminal to its store. Three fields and Enter; the error says what to do next. */
export function EnrollmentScreen(props: { platform: StoreOpsContract; settings: TerminalSettings; onEnrolled: (s: TerminalSettings) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CodedError | null>(null);

  const submit = async (values: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const settings = await props.platform.enroll({
        serverUrl: values.serverUrl.trim(),
        code: values.code.trim(),
        deviceName: values.deviceName.trim(),
      });
      props.onEnrolled(settings);
    } catch (err) {
      console.error('enrollment failed', err);
      setError(toCodedError(err, 'ENROLLMENT_FAILED'));
      form.setFieldValue('code', '');
      form.getFieldInstance('code')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#0b1f33', padding: 24 }}>
      <Card style={{ width: 640, maxWidth: '100%' }} data-testid="enrollment">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={2} style={{ margin: 0 }}>{t('enroll.title')}</Typography.Title>
          <LocaleSwitch />
        </div>
        <Typography.Paragraph style={{ fontSize: 18, marginTop: 12 }}>{t('enroll.intro')}</Typography.Paragraph>
        {error && (
          <div data-testid="enroll-error" data-code={error.code} style={{ marginBottom: 16 }}>
            <ErrorPanel error={error} fallback="ENROLLMENT_FAILED" />
          </div>
        )}
        <Form<Fields>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          disabled={busy}
          initialValues={{ serverUrl: props.settings.serverUrl ?? '', code: '', deviceName: props.settings.device?.deviceName ?? '' }}
          onFinish={(values) => void submit(values)}
          data-testid="enroll-form"
        >
          <Form.Item<Fields>
            name="serverUrl"
            label={<span style={{ fontSize: 18 }}>{t('enroll.serverUrl')}</span>}
            rules={[
              { required: true, message: t('enroll.required') },
              { validator: (_, v: string) => (!v || isHttpUrl(v) ? Promise.resolve() : Promise.reject(new Error(t('enroll.badUrl')))) },
            ]}
          >
            <Input data-testid="enroll-server" placeholder={t('enroll.serverUrlHint')} autoFocus={!props.settings.serverUrl} style={field} />
          </Form.Item>
          <Form.Item<Fields> name="code" label={<span style={{ fontSize: 18 }}>{t('enroll.code')}</span>} rules={[{ required: true, whitespace: true, message: t('enroll.required') }]}>
            <Input data-testid="enroll-code" autoComplete="off" autoFocus={Boolean(props.settings.serverUrl)} style={{ ...field, fontFamily: 'ui-monospace, monospace', letterSpacing: 2 }} />
          </Form.Item>
          <Form.Item<Fields> name="deviceName" label={<span style={{ fontSize: 18 }}>{t('enroll.deviceName')}</span>} rules={[{ required: true, whitespace: true, message: t('enroll.required') }, { max: 64 }]}>
            <Input data-testid="enroll-name" placeholder={t('enroll.deviceNameHint')} style={field} />
          </Form.Item>
          <Button data-testid="enroll-submit" type="primary" htmlType="submit" block loading={busy} style={{ height: 60, fontSize: 22, fontWeight: 700 }}>
            {t('enroll.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
