import type { PDFPage } from 'pdf-lib';
import { ContractError } from '../../contract.js';
import { drawCode128 as drawShared, SheetError, type Box } from '../../../sync/pdf/sheet.js';

/** The A4 painter lives in sync/pdf (the centre prints statements with it); the terminal's sheets reach it here. */
export { A4, a4Document, storeTime, Painter, type Box } from '../../../sync/pdf/sheet.js';

/** The shared Code 128, with its refusal as the contract's error the renderer shows. */
export function drawCode128(page: PDFPage, box: Box, value: string, maxModulePt = 1): void {
  try {
    drawShared(page, box, value, maxModulePt);
  } catch (err) {
    if (err instanceof SheetError) throw new ContractError(err.code, err.message);
    throw err;
  }
}
