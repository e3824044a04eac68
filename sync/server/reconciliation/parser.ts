/** The one place the reconciliation reaches the bill parsers (reconciliation/bills/). */
export { billHash, parseBill } from './bills/index.js';
