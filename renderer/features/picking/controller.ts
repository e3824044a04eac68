import type { TerminalDb } from '../../db/index.js';
import type { StoreOpsContract } from '../../../main/contract.js';
import { indexProducts, pickReducer, startPicking, toteCode, withdrawOrder, type PickAction, type PickState } from '../../../sync/model/index.js';
import type { Actor } from '../approval/authorize.js';
import { toCodedError } from '../../ui/errors.js';
import { keyCommand, type KeyCommand } from './key-buffer.js';
import { pickListInput } from './pick-list.js';
import { newBatchId, planFinish, startBatch, writeFinish } from './record.js';
import { nextBatch, withdrawals, type PickSource } from './source.js';
import { usePickUi, type ScreenNote } from './ui-state.js';
import { loadWalk, walkWriter, type SavedWalk } from './walk-store.js';
import { beep } from '../../ui/beep.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import type { StockDecision } from '../stock-guard/use-stock-guard.js';

export interface PickContext {
  db: TerminalDb;
  actor: Actor;
  /** The signed-in operator's name now (the pick list prints it). */
  operatorName: () => string;
  platform: StoreOpsContract;
  newId: () => string;
  /** The latest live source (null while loading). */
  source: () => PickSource | null;
  /** Asked before a batch starts: whether to go ahead short of stock (stock-guard); absent, it goes ahead. */
  confirmStock?: (orderIds: readonly string[]) => Promise<StockDecision>;
}

const EMPTY_INDEX = indexProducts([]);
/** Typed digits longer than a tote number (put-wall) or a quantity (walk) are a barcode keyed in by hand. */
const MAX_TOTE_DIGITS = 3;
const MAX_QTY_DIGITS = 4;
/** Long enough for any product barcode (EAN-13, ITF-14, GS1 serials). */
const MAX_TYPED = 24;
const get = usePickUi.getState;
const set = usePickUi.setState;

/**
 * What the pick screen does, apart from drawing: build and start a batch, feed scans and keys to the model's
 * reducer, save the walk after every change, withdraw orders that left, finish, print. The screen only routes
 * events here, so every step works the same from a scanner, the keyboard or a button.
 */
export class PickController {
  private readonly writer;
  private finishing = false;

  constructor(private readonly ctx: PickContext) {
    this.writer = walkWriter(ctx.db);
  }

  private note(kind: ScreenNote['kind'], params: Record<string, string> = {}, ok = false): void {
    set({ note: { kind, params, ok } });
  }

  async restore(): Promise<void> {
    const walk = await loadWalk(this.ctx.db, this.ctx.actor.operatorId);
    if (!walk) return set({ stage: { kind: 'overview' } });
    set({ walk, stage: { kind: 'walk' } });
    if (!walk.claimed) await this.claim(walk);
    else if (walk.finishing || walk.state.phase === 'done') await this.finish();
  }

  build(): void {
    const { stage, busy } = get();
    const source = this.ctx.source();
    if (busy || !source || (stage.kind !== 'overview' && stage.kind !== 'preview')) return;
    const { batch } = nextBatch(source, Date.now());
    if (!batch) {
      set({ stage: { kind: 'overview' } });
      return this.note('noBatch');
    }
    set({ stage: { kind: 'preview', batchId: newBatchId(this.ctx.newId), batch, builtAt: new Date().toISOString() }, note: null });
  }

  cancelPreview(): void {
    if (get().stage.kind === 'preview' && !get().busy) set({ stage: { kind: 'overview' } });
  }

  /** Saves the walk before claiming, so a crash in between resumes (and claims) rather than leaving orphan claims. */
  async start(): Promise<void> {
    const { stage, busy } = get();
    if (stage.kind !== 'preview' || busy) return;
    set({ busy: true, note: null });
    try {
      // Short of stock, the picker is warned first; stopping there leaves the preview as it was.
      const stock = this.ctx.confirmStock ? await this.ctx.confirmStock(stage.batch.orderIds) : { go: true as const, notes: {} };
      if (!stock.go) return;
      const walk: SavedWalk = {
        v: 1,
        operatorId: this.ctx.actor.operatorId,
        createdAt: stage.builtAt,
        state: startPicking(stage.batchId, stage.batch),
        claimed: false,
        finishing: null,
        ...(Object.keys(stock.notes).length > 0 ? { notes: { ...stock.notes } } : {}),
      };
      await this.writer.save(walk);
      set({ walk, stage: { kind: 'walk' }, withdrawn: [], target: null, draft: '', reasonPrompt: false });
      await this.claim(walk);
    } catch (err) {
      this.note('startFailed', { message: toCodedError(err, 'INTERNAL').message });
    } finally {
      set({ busy: false });
    }
  }

  private async claim(walk: SavedWalk): Promise<void> {
    const orderIds = walk.state.totes.map((t) => t.orderId);
    const result = await startBatch(this.ctx.db, this.ctx.actor, walk.state.batchId, orderIds, this.ctx.newId, undefined, walk.notes);
    if (!result.ok) {
      await this.writer.clear(walk.operatorId);
      set({ walk: null, stage: { kind: 'overview' } });
      if (result.code === 'BATCH_STALE') {
        this.note('stale');
        this.build();
      } else {
        this.note('startFailed', { message: `${result.code}: ${result.message}` });
      }
      return;
    }
    this.commit({ ...walk, claimed: true }, false);
  }

  /** One step of the model; refusals beep. */
  apply(action: PickAction): void {
    const { walk, stage } = get();
    if (!walk || stage.kind !== 'walk' || walk.state.phase === 'done') return;
    const index = this.ctx.source()?.index ?? EMPTY_INDEX;
    this.commit({ ...walk, state: pickReducer(walk.state, action, index) }, true);
  }

  private commit(walk: SavedWalk, feedback: boolean): void {
    const { feedbackSeq, target } = get();
    const f = walk.state.feedback;
    const nextTarget = f.ok && f.code === 'PUT_TO_TOTE' ? { tote: Number(f.params.tote), orderId: String(f.params.orderId) } : target;
    set({ walk, feedbackSeq: feedback ? feedbackSeq + 1 : feedbackSeq, target: nextTarget });
    if (feedback) beep(f.ok);
    this.writer.save(walk).catch((err: unknown) => {
      console.error('saving the pick walk failed', err);
      this.note('saveFailed', { message: toCodedError(err, 'INTERNAL').message });
    });
    if (walk.state.phase === 'done' && walk.claimed) void this.finish();
  }

  /** Takes out the orders the live data says have left (cancelled, or claimed earlier by another batch). */
  watch(source: PickSource): void {
    const { walk, stage } = get();
    if (!walk || !walk.claimed || stage.kind !== 'walk' || walk.state.phase === 'done') return;
    const leaving = withdrawals(walk.state, source);
    if (leaving.length === 0) return;
    let state: PickState = walk.state;
    for (const { orderId } of leaving) state = withdrawOrder(state, orderId);
    set({ withdrawn: [...get().withdrawn, ...leaving] });
    this.commit({ ...walk, state }, true);
  }

  async finish(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    set({ stage: { kind: 'finishing', error: null } });
    try {
      let walk = get().walk;
      if (!walk) return;
      let plan = walk.finishing;
      if (!plan) {
        const planned = await planFinish(this.ctx.db, this.ctx.actor, walk.state, this.ctx.newId);
        if (!planned.ok) return set({ stage: { kind: 'finishing', error: `${planned.code}: ${planned.message}` } });
        plan = planned.plan;
        walk = { ...walk, finishing: plan };
        await this.writer.save(walk);
        set({ walk });
      }
      const written = await writeFinish(this.ctx.db, plan);
      if (!written.ok) return set({ stage: { kind: 'finishing', error: `${written.code}: ${written.message}` } });
      await this.writer.clear(walk.operatorId);
      set({ walk: null, stage: { kind: 'summary', summary: plan.summary }, withdrawn: [], target: null, draft: '', reasonPrompt: false });
    } catch (err) {
      console.error('finishing the pick batch failed', err);
      set({ stage: { kind: 'finishing', error: toCodedError(err, 'INTERNAL').message } });
    } finally {
      this.finishing = false;
    }
  }

  async print(): Promise<void> {
    const { walk, stage } = get();
    const source = this.ctx.source();
    const state = walk?.state ?? (stage.kind === 'preview' ? startPicking(stage.batchId, stage.batch) : null);
    if (!state) return;
    const { platform, actor } = this.ctx;
    // Checked at run time too: an older main side may not offer the method yet.
    if (typeof platform.printPickList !== 'function') return this.note('printUnavailable');
    const input = pickListInput(state, {
      operatorId: actor.operatorId,
      operatorName: this.ctx.operatorName(),
      storeName: source?.storeName ?? actor.storeId,
      createdAt: walk?.createdAt ?? new Date().toISOString(),
      // The zone the screens show times in; until the store's is known, this computer's.
      timeZone: useStoreTimeZone.getState().timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    try {
      const { path, handedTo } = await platform.printPickList(input);
      // Say what happened: a print system took it, or only the file exists and someone must print it.
      if (handedTo !== null) this.note('printed', { via: handedTo, path }, true);
      else this.note('printSaved', { path });
    } catch (err) {
      this.note('printFailed', { message: toCodedError(err, 'INTERNAL').message });
    }
  }

  /** K: the keyed entry field, for a barcode that will not scan, while the walk or the put-wall is on screen. */
  openKeyed(): void {
    const { stage, walk } = get();
    if (stage.kind === 'walk' && walk && walk.state.phase !== 'done') set({ keyed: true, reasonPrompt: false });
  }

  closeKeyed(): void {
    set({ keyed: false });
  }

  /** A code typed into the keyed entry: exactly what a scan of it would do. */
  keyedCode(code: string): void {
    set({ keyed: false });
    this.scan(code);
  }

  /** A scan the page did not read in full: what of it reached the typed number is not a number. */
  incompleteScan(): void {
    set({ draft: '', reasonPrompt: false });
  }

  /** A completed scan from the wedge. */
  scan(code: string): void {
    const { stage } = get();
    if (stage.kind !== 'walk') return;
    set({ reasonPrompt: false });
    this.apply({ type: 'scan', code });
  }

  /** Human keys, delivered by the key buffer once no scan has claimed them. */
  keys(keys: readonly string[]): void {
    for (const key of keys) this.command(keyCommand(key, this.reasonOpen()));
  }

  reasonOpen(): boolean {
    const { reasonPrompt, walk } = get();
    return walk !== null && walk.state.phase === 'walk' && (reasonPrompt || walk.state.current.mode === 'short');
  }

  private command(cmd: KeyCommand): void {
    const { stage, walk, draft } = get();
    switch (cmd.type) {
      case 'build':
        return this.build();
      case 'print':
        return void this.print();
      case 'digit':
        if (stage.kind === 'walk' && (walk?.state.phase === 'walk' || walk?.state.phase === 'put')) set({ draft: (draft + cmd.digit).slice(0, MAX_TYPED) });
        return;
      case 'keyed':
        return this.openKeyed();
      case 'backspace':
        set({ draft: draft.slice(0, -1) });
        return;
      case 'short':
        if (stage.kind === 'walk' && walk?.state.phase === 'walk') set({ reasonPrompt: true, draft: '' });
        return;
      case 'reason':
        set({ reasonPrompt: false });
        return this.apply({ type: 'short', reason: cmd.reason });
      case 'none':
        return;
    }
  }

  enter(): void {
    const { stage, draft, walk } = get();
    switch (stage.kind) {
      case 'preview':
        return void this.start();
      case 'walk': {
        const phase = walk?.state.phase;
        if (phase !== 'walk' && phase !== 'put') return;
        const typed = draft.trim();
        if (typed !== '') {
          set({ draft: '' });
          return this.typed(typed, phase);
        }
        if (phase === 'walk') return this.apply({ type: 'confirm' });
        return;
      }
      case 'finishing':
        if (stage.error !== null) void this.finish();
        return;
      case 'summary':
        set({ stage: { kind: 'overview' } });
        return;
      default:
        return;
    }
  }

  /**
   * Digits typed and Enter: on the walk a quantity, on the put-wall a tote number (the tote's label may be out of
   * reach, or missing); longer than either, a barcode keyed in by hand.
   */
  private typed(text: string, phase: 'walk' | 'put'): void {
    const digits = /^\d+$/.test(text);
    if (digits && text.length > (phase === 'walk' ? MAX_QTY_DIGITS : MAX_TOTE_DIGITS)) return this.apply({ type: 'scan', code: text });
    if (phase === 'put') return this.apply({ type: 'scan', code: digits ? toteCode(Number(text)) : text });
    return this.apply({ type: 'quantity', qty: digits ? Number(text) : Number.NaN });
  }

  /** Esc steps back without losing work: it clears typing and prompts, and leaves the preview; never the walk. */
  escape(): void {
    const { stage } = get();
    if (stage.kind === 'preview') return this.cancelPreview();
    if (stage.kind === 'summary') return set({ stage: { kind: 'overview' } });
    set({ draft: '', reasonPrompt: false });
  }
}
