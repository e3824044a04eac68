import { Button, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { supplierRoutes, type SupplierNoticeSummary } from '../../../sync/protocol/supplier.js';
import { dateTime } from '../../shared/format.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { supplierApi } from '../api.js';
import { useT } from '../i18n/index.js';
import { Filters, Truncated } from '../parts.js';

/** Notices and documents the chain published (console): newest first; open one to read it, download its file. */
export default function NoticesPage() {
  const { t } = useT();
  const [q, setQ] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const r = useLoad(() => supplierApi.notices({ q }), [q]);
  const rows = r.data?.notices ?? [];
  return (
    <>
      <Filters>
        <Input.Search allowClear aria-label={t('common.search')} placeholder={t('notices.searchPlaceholder')} enterButton={t('common.search')} style={{ width: 320, maxWidth: '100%' }} data-testid="notice-search" onSearch={(v) => setQ(v.trim() || undefined)} />
      </Filters>
      <ErrorAlert error={r.error} />
      <Truncated truncated={r.data?.truncated} shown={rows.length} />
      <List<SupplierNoticeSummary>
        data-testid="notices"
        loading={r.loading}
        dataSource={rows}
        locale={{ emptyText: t('common.empty') }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            actions={[
              <Button key="open" type="link" onClick={() => setOpen(n.id)} data-testid={`notice-open-${n.id}`}>{t('notices.open')}</Button>,
              ...(n.document ? [<Button key="dl" type="link" href={supplierRoutes.noticeDocument(n.id)} download>{t('notices.download')}</Button>] : []),
            ]}
          >
            <List.Item.Meta
              title={<Space wrap><Tag color={n.kind === 'document' ? 'purple' : 'blue'}>{t(`notices.kinds.${n.kind}`)}</Tag>{n.title}</Space>}
              description={`${dateTime(n.publishedAt)}${n.document ? ` · ${n.document.fileName}` : ''}`}
            />
          </List.Item>
        )}
      />
      {open && <NoticeDialog id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function NoticeDialog(props: { id: string; onClose(): void }) {
  const { t } = useT();
  const r = useLoad(() => supplierApi.notice(props.id), [props.id]);
  const n = r.data;
  return (
    <Modal open title={n?.title ?? ''} onCancel={props.onClose} footer={<Button onClick={props.onClose}>{t('notices.close')}</Button>} width={720}>
      <ErrorAlert error={r.error} />
      {n && (
        <>
          <Typography.Paragraph type="secondary">{dateTime(n.publishedAt)}</Typography.Paragraph>
          {/* Plain text, its line breaks kept; never HTML. */}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="notice-body">{n.body}</Typography.Paragraph>
          {n.document && <Button href={supplierRoutes.noticeDocument(n.id)} download>{t('notices.download')} {n.document.fileName}</Button>}
        </>
      )}
    </Modal>
  );
}
