import { v7 as uuidv7 } from 'uuid';
import type { StoreOpsContract } from '../../../main/contract.js';
import type { TerminalDb } from '../../db/index.js';
import { SELF_SERVICE_OPERATOR, type Compartment, type OrderEvent } from '../../../sync/model/index.js';
import { toCodedError } from '../../ui/errors.js';
import { waitDoorClosed } from './door.js';

/**
 * Opening a compartment for a customer and recording what happened, as facts the staff window's sync pushes later
 * (the kiosk itself never talks to the server). The release is kept in a local document from before the door is
 * opened until its fact is written, so a kiosk that reloads with a door open still records the pickup.
 */

/** What the kiosk asks of the main side: the doors, nothing else. */
export type KioskLockers = Pick<StoreOpsContract, 'openCompartment' | 'lockerStatus'>;

export interface KioskDevice {
  storeId: string;
  deviceId: string;
}

interface PendingRelease {
  orderId: string;
  compartment: Compartment;
  proof: 'qr' | 'code';
  openedAt: string | null;
}

const PENDING_DOC = 'kiosk-pending-release';
/** How long the kiosk waits for the customer to close the door before it records the pickup anyway. */
export const DOOR_CLOSE_TIMEOUT_MS = 180_000;

export type OpenOutcome = { ok: true } | { ok: false; code: string; message: string };

/** Unlocks the compartment (the driver retries a door that stays shut); a failure is recorded and sends the customer to the counter. */
export async function openForCustomer(db: TerminalDb, platform: KioskLockers, device: KioskDevice, release: Omit<PendingRelease, 'openedAt'>): Promise<OpenOutcome> {
  await db.upsertLocal<PendingRelease>(PENDING_DOC, { ...release, openedAt: null });
  try {
    await platform.openCompartment({ bankId: release.compartment.bankId, number: release.compartment.number, reason: `release ${release.orderId}` });
  } catch (err) {
    const coded = toCodedError(err, 'INTERNAL');
    await record(db, device, release.orderId, { type: 'locker_failed', note: `${coded.code}: ${coded.message}`.slice(0, 500) });
    await clearPending(db);
    return { ok: false, code: coded.code, message: coded.message };
  }
  await db.upsertLocal<PendingRelease>(PENDING_DOC, { ...release, openedAt: new Date().toISOString() });
  return { ok: true };
}

/**
 * Waits for the door to be read closed, then records the pickup. A door left open past the timeout still records
 * it (the goods were given out), with a note for staff.
 */
export async function awaitDoorClosed(db: TerminalDb, platform: KioskLockers, device: KioskDevice, signal?: AbortSignal): Promise<'closed' | 'timeout' | 'aborted'> {
  const pending = await loadPending(db);
  if (!pending) return 'closed';
  const outcome = await waitDoorClosed(platform, pending.compartment, DOOR_CLOSE_TIMEOUT_MS, signal);
  // The screen went away (a reload): the pending release is finished by the next one.
  if (outcome === 'aborted') return outcome;
  await record(db, device, pending.orderId, {
    type: 'picked_up', via: 'locker', proof: pending.proof, compartment: pending.compartment,
    ...(outcome === 'timeout' ? { note: 'the door was not closed after the release' } : {}),
  });
  await clearPending(db);
  return outcome;
}

export async function loadPending(db: TerminalDb): Promise<PendingRelease | null> {
  const doc = await db.getLocal<PendingRelease>(PENDING_DOC);
  const data = doc?.toJSON().data;
  // A release whose door was never confirmed open gave nothing out: forget it (its failure was recorded).
  return data && data.openedAt ? data : null;
}

async function clearPending(db: TerminalDb): Promise<void> {
  const doc = await db.getLocal(PENDING_DOC);
  await doc?.remove();
}

async function record(db: TerminalDb, device: KioskDevice, orderId: string, detail: Pick<OrderEvent, 'type'> & Partial<OrderEvent>): Promise<void> {
  const event: OrderEvent = {
    id: uuidv7(),
    storeId: device.storeId,
    orderId,
    at: new Date().toISOString(),
    operatorId: SELF_SERVICE_OPERATOR,
    deviceId: device.deviceId,
    ...detail,
  };
  await db.order_events.insert(event);
}
