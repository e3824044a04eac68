import { useTranslation } from 'react-i18next';
import { useSession } from './session.js';

/**
 * How staff read a device id: this terminal by its enrolled name; another terminal of the store (only its id syncs)
 * as "another terminal" with the id's last four characters, which is enough to tell two apart. The full id stays in
 * the title for support.
 */
export function useDeviceLabel(): (deviceId: string) => string {
  const { device } = useSession();
  const { t } = useTranslation();
  return (deviceId) => (deviceId === device.deviceId ? device.deviceName : t('device.other', { tail: deviceId.slice(-4) }));
}
