import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOperator } from './current-operator.js';
import { useOperatorSession } from './operator-session.js';

/** In the header: who is working now, their roles, and the way out (lock keeps their name ready for the PIN). */
export function OperatorBadge() {
  const { t } = useTranslation();
  const operator = useOperator();
  const { lock, signOut } = useOperatorSession();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 18 }}>
      <div data-testid="current-operator" data-operator-id={operator.id} data-roles={operator.roles.join(' ')} style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.2 }}>
        <span>
          <span style={{ opacity: 0.8 }}>{t('app.operator')}: </span>
          <strong data-testid="current-operator-name">{operator.name}</strong>
        </span>
        <span style={{ fontSize: 15, opacity: 0.85 }}>{operator.roles.map((r) => t(`role.${r}`)).join(' · ')}</span>
      </div>
      <Tooltip title={t('signin.lockHint')}>
        <Button data-testid="lock" onClick={lock} ghost>
          {t('signin.lock')} <kbd style={{ marginLeft: 6, fontSize: 14 }}>F12</kbd>
        </Button>
      </Tooltip>
      <Button data-testid="signout" onClick={signOut} ghost>
        {t('signin.signOut')}
      </Button>
    </div>
  );
}
