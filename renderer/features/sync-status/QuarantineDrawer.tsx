import { Drawer, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { formatStoreTime } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';

/** What the server refused and why. Read-only: the documents stay out of the sync queue so it keeps flowing. */
export function QuarantineDrawer(props: { open: boolean; onClose: () => void }) {
  const { db } = useSession();
  const { t } = useTranslation();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const docs = useObservable(() => db.quarantine.find({ sort: [{ at: 'desc' }] }).$, [db]);
  const list = docs.status === 'ready' ? docs.value : [];

  return (
    <Drawer open={props.open} onClose={props.onClose} title={t('sync.quarantineTitle')} size={720} destroyOnHidden>
      <div data-testid="quarantine-drawer">
        <Typography.Paragraph style={{ fontSize: 17 }}>{t('sync.quarantineIntro')}</Typography.Paragraph>
        {list.length === 0 && <Empty description={t('sync.quarantineEmpty')} />}
        {list.map((doc) => (
          <div
            key={doc.id}
            data-testid="quarantine-entry"
            data-code={doc.code}
            style={{ borderLeft: '6px solid #c4161c', padding: '8px 16px', marginBottom: 16, background: '#fff1f0' }}
          >
            <div style={{ fontSize: 18, fontWeight: 700 }}>
              {doc.code} — {doc.collectionName} / {doc.documentId}
            </div>
            <div style={{ fontSize: 17 }}>{doc.message}</div>
            <div style={{ fontSize: 15, color: '#434343' }}>
              {t('sync.at')}: {formatStoreTime(doc.at, timeZone)}
            </div>
            <Typography.Paragraph
              code
              ellipsis={{ rows: 2, expandable: true }}
              style={{ fontSize: 13, marginTop: 8, marginBottom: 0 }}
            >
              {doc.document}
            </Typography.Paragraph>
          </div>
        ))}
      </div>
    </Drawer>
  );
}
