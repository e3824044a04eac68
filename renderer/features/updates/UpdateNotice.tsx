import { useEffect, useState } from 'react';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoreOpsContract, UpdateState } from '../../../main/contract.js';
import { useSession } from '../../ui/session.js';
import { useOperatorSession } from '../signin/operator-session.js';
import { usePickUi } from '../picking/ui-state.js';

/** The main side checks every few hours; a minute is how late the notice may appear after a download finishes. */
export const UPDATE_POLL_MS = 60_000;

/** A pick is open while its walk is kept or being finished: an install then would cut into it. */
export function pickInProgress(): boolean {
  const { stage, walk } = usePickUi.getState();
  return walk !== null || stage.kind === 'walk' || stage.kind === 'finishing';
}

/**
 * In the header: "update ready" once the main side has a verified download. Also tells main when the screen locks,
 * so the install happens then (main still waits while a pick is open or a locker release is under way).
 */
export function UpdateNotice() {
  const { platform } = useSession();
  const [state, setState] = useState<UpdateState | null>(null);
  useEffect(() => {
    let live = true;
    // A failed poll leaves the notice as it was: the update is a bonus, never a reason to disturb the header.
    const poll = () => void Promise.resolve().then(() => platform.getUpdateState()).then((s) => live && setState(s), () => undefined);
    poll();
    const timer = setInterval(poll, UPDATE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [platform]);
  useEffect(() => tellMainAtLock(platform, setState), [platform]);
  return state ? <UpdateReady state={state} /> : null;
}

/** Calls idleLocked each time the screen goes from signed in to locked. */
function tellMainAtLock(platform: StoreOpsContract, onState: (s: UpdateState) => void): () => void {
  return useOperatorSession.subscribe((now, before) => {
    if (!now.locked || before.locked) return;
    void Promise.resolve().then(() => platform.idleLocked({ pickInProgress: pickInProgress() })).then(onState, () => undefined);
  });
}

export function UpdateReady(props: { state: UpdateState }) {
  const { t } = useTranslation();
  const { status, version } = props.state;
  if (status !== 'ready' || !version) return null;
  return (
    <Tooltip title={t('updates.readyDetail', { version })}>
      <span data-testid="update-ready" data-version={version} tabIndex={0} style={{ color: '#b7eb8f', fontWeight: 600, fontSize: 16 }}>
        {t('updates.ready')}
      </span>
    </Tooltip>
  );
}
