import type { JsonSchema } from '../model/json-schema.js';
import { CONSOLE_API_BASE } from './console.js';

/**
 * The head office's master data for concession counters (专柜) and the month's facts a settlement statement is built
 * from (issue 12, "Master data"): suppliers, counters and their SKUs, contracts, promotions, fee bills, supplies
 * usage and the import of till (POS) sales. Console API like console.ts: session cookie, CSRF token on writes.
 * admin and finance read and write everything; a store manager reads the counters (and their SKUs) of their own
 * stores and nothing else. Money is integer fen, rates are basis points (2500 = 25 %); days are YYYY-MM-DD business
 * days and periods are addressed by their first day (model/money/periods.ts). The tables: migration 16.
 */
export const SETTLEMENT_MASTER_BASE = `${CONSOLE_API_BASE}/settlement/master`;

const enc = encodeURIComponent;
export const settlementMasterRoutes = {
  /** GET the list, POST a new one (409 CONFLICT when the code exists). */
  suppliers: `${SETTLEMENT_MASTER_BASE}/suppliers`,
  /** PUT the supplier as it should be (name, contacts). */
  supplier: (id: string) => `${SETTLEMENT_MASTER_BASE}/suppliers/${enc(id)}`,
  /** GET with optional ?storeId=&supplierId=; POST a new counter. */
  counters: `${SETTLEMENT_MASTER_BASE}/counters`,
  /** GET one; PUT its name, area code and category (store and supplier never change: start a new counter). */
  counter: (id: string) => `${SETTLEMENT_MASTER_BASE}/counters/${enc(id)}`,
  /** GET the counter's SKUs; PUT the whole set (409 SKU_CLAIMED when another counter of the store has one). */
  counterSkus: (id: string) => `${SETTLEMENT_MASTER_BASE}/counters/${enc(id)}/skus`,
  /** GET the counter's contract history (oldest first); POST a new contract row (append only). */
  counterContracts: (id: string) => `${SETTLEMENT_MASTER_BASE}/counters/${enc(id)}/contracts`,
  /** GET with optional ?day= (those running that day); POST a new one. */
  promotions: `${SETTLEMENT_MASTER_BASE}/promotions`,
  promotion: (id: string) => `${SETTLEMENT_MASTER_BASE}/promotions/${enc(id)}`,
  /** GET with optional ?periodFrom=&counterId=; POST a new bill (its number is the server's). */
  feeBills: `${SETTLEMENT_MASTER_BASE}/fee-bills`,
  feeBill: (id: string) => `${SETTLEMENT_MASTER_BASE}/fee-bills/${enc(id)}`,
  /** GET with optional ?periodFrom=&storeId=&counterId=; POST a new line. */
  supplies: `${SETTLEMENT_MASTER_BASE}/supplies`,
  supply: (id: number) => `${SETTLEMENT_MASTER_BASE}/supplies/${id}`,
  /** GET the latest imports; POST a CSV file (Content-Type text/csv, ?fileName=). */
  posImports: `${SETTLEMENT_MASTER_BASE}/pos-imports`,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Shared shapes

/** Codes of suppliers, counters, promotions and area codes: what the papers print and suppliers type. */
export const MASTER_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$';
export const MASTER_NAME_MAX = 100;
export const MAX_COUNTER_SKUS = 20_000;
export const MAX_FEE_ITEMS = 50;
/** The POS file's size limit. */
export const MAX_POS_BYTES = 8 * 1024 * 1024;
/** At most this many row errors are answered; the file is refused either way. */
export const MAX_POS_ERRORS = 100;

const code = { type: 'string', pattern: MASTER_CODE_PATTERN } as const;
const name = { type: 'string', minLength: 1, maxLength: MASTER_NAME_MAX, pattern: '\\S' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const fen = { type: 'integer', minimum: 0, maximum: 1e13 } as const;
const bp = { type: 'integer', minimum: 0, maximum: 10_000 } as const;
const reason = { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' } as const;
const sku = { type: 'string', minLength: 1, maxLength: 64, pattern: '^\\S+$' } as const;

export interface SupplierContact {
  name: string;
  phone?: string;
  email?: string;
  /** What they do for the supplier: 财务, 店长, … */
  role?: string;
}

/** One fee item, amount in fen including tax (价税合计). */
export interface FeeItem {
  code: string;
  name: string;
  amount: number;
}

const contactSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name,
    phone: { type: 'string', maxLength: 32, pattern: '^[0-9+() -]*$' },
    email: { type: 'string', maxLength: 254, pattern: '^$|^[^\\s@]+@[^\\s@]+$' },
    role: { type: 'string', maxLength: 50 },
  },
  required: ['name'],
} as const satisfies JsonSchema;

export const feeItemSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { code, name, amount: fen },
  required: ['code', 'name', 'amount'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Suppliers

export interface Supplier {
  /** The supplier code: what it signs in to the portal with. */
  id: string;
  name: string;
  contacts: SupplierContact[];
  /** How many counters it has, in every store. */
  counters: number;
  createdAt: string;
  updatedAt: string;
}
export interface SuppliersResponse {
  suppliers: Supplier[];
}
export interface CreateSupplierRequest {
  id: string;
  name: string;
  contacts?: SupplierContact[];
}
export type UpdateSupplierRequest = Omit<CreateSupplierRequest, 'id'>;

export const createSupplierRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { id: code, name, contacts: { type: 'array', items: contactSchema, maxItems: 20 } },
  required: ['id', 'name'],
} as const satisfies JsonSchema;
export const updateSupplierRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { name, contacts: { type: 'array', items: contactSchema, maxItems: 20 } },
  required: ['name'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Counters and their SKUs

export interface Counter {
  id: string;
  storeId: string;
  supplierId: string;
  supplierName: string;
  name: string;
  areaCode: string;
  category: string;
  skuCount: number;
  createdAt: string;
  updatedAt: string;
}
export interface CountersResponse {
  counters: Counter[];
}
export interface CreateCounterRequest {
  id: string;
  storeId: string;
  supplierId: string;
  name: string;
  areaCode: string;
  category: string;
}
export type UpdateCounterRequest = Pick<CreateCounterRequest, 'name' | 'areaCode' | 'category'>;

export const createCounterRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { id: code, storeId: { type: 'string', minLength: 1, maxLength: 64 }, supplierId: code, name, areaCode: code, category: name },
  required: ['id', 'storeId', 'supplierId', 'name', 'areaCode', 'category'],
} as const satisfies JsonSchema;
export const updateCounterRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { name, areaCode: code, category: name },
  required: ['name', 'areaCode', 'category'],
} as const satisfies JsonSchema;

export interface CounterSkusResponse {
  counterId: string;
  storeId: string;
  skus: string[];
}
/** PUT the counter's whole set of SKUs (a pasted list or a CSV's first column, split by the page). */
export interface SetCounterSkusRequest {
  skus: string[];
}
export interface SetCounterSkusResponse extends CounterSkusResponse {
  added: number;
  removed: number;
}
/** details of 409 SKU_CLAIMED: each SKU already another counter's in the store. */
export interface SkuClash {
  sku: string;
  counterId: string;
}
export const setCounterSkusRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { skus: { type: 'array', items: sku, maxItems: MAX_COUNTER_SKUS } },
  required: ['skus'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Contracts (append only)

export interface Contract {
  seq: number;
  counterId: string;
  /** The first day of the period it holds from, until the counter's next contract. */
  periodFrom: string;
  baseRateBp: number;
  /** The guaranteed minimum monthly sales (保底), fen; null when none was agreed. */
  minimumSales: number | null;
  /** Charged every period. */
  feeItems: FeeItem[];
  setBy: string;
  reason: string;
  setAt: string;
}
export interface ContractsResponse {
  counterId: string;
  /** Oldest first; for a periodFrom set twice the later row holds. */
  contracts: Contract[];
}
export interface CreateContractRequest {
  periodFrom: string;
  baseRateBp: number;
  minimumSales?: number | null;
  feeItems?: FeeItem[];
  reason: string;
}
export const createContractRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    periodFrom: day,
    baseRateBp: bp,
    minimumSales: { type: ['integer', 'null'], minimum: 0, maximum: 1e13 },
    feeItems: { type: 'array', items: feeItemSchema, maxItems: MAX_FEE_ITEMS },
    reason,
  },
  required: ['periodFrom', 'baseRateBp', 'reason'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Promotions (买送活动)

export interface Promotion {
  /** The activity serial number. */
  id: string;
  name: string;
  /** Store business days, inclusive. */
  fromDay: string;
  toDay: string;
  rateBp: number;
  counterIds: string[];
  areaCodes: string[];
  createdBy: string;
  createdAt: string;
}
export interface PromotionsResponse {
  promotions: Promotion[];
}
export type CreatePromotionRequest = Pick<Promotion, 'id' | 'name' | 'fromDay' | 'toDay' | 'rateBp' | 'counterIds' | 'areaCodes'>;
export type UpdatePromotionRequest = Omit<CreatePromotionRequest, 'id'>;

const promotionProperties = {
  name,
  fromDay: day,
  toDay: day,
  rateBp: bp,
  counterIds: { type: 'array', items: code, maxItems: 5000, uniqueItems: true },
  areaCodes: { type: 'array', items: code, maxItems: 500, uniqueItems: true },
} as const;
export const createPromotionRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { id: code, ...promotionProperties },
  required: ['id', 'name', 'fromDay', 'toDay', 'rateBp', 'counterIds', 'areaCodes'],
} as const satisfies JsonSchema;
export const updatePromotionRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: promotionProperties,
  required: ['name', 'fromDay', 'toDay', 'rateBp', 'counterIds', 'areaCodes'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Fee bills (供应商费用单) and supplies usage (领用明细)

export interface FeeBill {
  /** The bill number, FB + period + '-' + counter + '-' + n: the server's. */
  id: string;
  counterId: string;
  storeId: string;
  supplierId: string;
  periodFrom: string;
  items: FeeItem[];
  /** The sum of the items, fen: computed by the server, never sent. */
  total: number;
  createdBy: string;
  createdAt: string;
}
export interface FeeBillsResponse {
  feeBills: FeeBill[];
}
export interface CreateFeeBillRequest {
  counterId: string;
  periodFrom: string;
  items: FeeItem[];
}
export type UpdateFeeBillRequest = Pick<CreateFeeBillRequest, 'items'>;

const feeItems = { type: 'array', items: feeItemSchema, minItems: 1, maxItems: MAX_FEE_ITEMS } as const;
export const createFeeBillRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { counterId: code, periodFrom: day, items: feeItems },
  required: ['counterId', 'periodFrom', 'items'],
} as const satisfies JsonSchema;
export const updateFeeBillRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { items: feeItems },
  required: ['items'],
} as const satisfies JsonSchema;

export interface SuppliesLine {
  id: number;
  counterId: string;
  storeId: string;
  /** The period the day lies in: the server's. */
  periodFrom: string;
  day: string;
  item: string;
  qty: number;
  unitPrice: number;
  /** qty × unitPrice, fen: the server's. */
  amount: number;
  createdBy: string;
  createdAt: string;
}
export interface SuppliesResponse {
  supplies: SuppliesLine[];
}
export interface CreateSuppliesRequest {
  counterId: string;
  day: string;
  item: string;
  qty: number;
  unitPrice: number;
}
export type UpdateSuppliesRequest = Omit<CreateSuppliesRequest, 'counterId'>;

const suppliesProperties = {
  day,
  item: name,
  qty: { type: 'integer', minimum: 1, maximum: 1_000_000 },
  unitPrice: { type: 'integer', minimum: 0, maximum: 1e9 },
} as const;
export const createSuppliesRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { counterId: code, ...suppliesProperties },
  required: ['counterId', 'day', 'item', 'qty', 'unitPrice'],
} as const satisfies JsonSchema;
export const updateSuppliesRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: suppliesProperties,
  required: ['day', 'item', 'qty', 'unitPrice'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Till (POS) sales import

/**
 * The CSV a store sends (UTF-8 or GB18030, a BOM allowed): a header row naming the columns (English or Chinese,
 * any order), one row per counter, day and SKU, then one totals row whose first cell is 合计 or total and whose
 * qty, amount and returns cells are the file's own sums. Amounts in yuan with at most two decimals. A counter, day
 * and SKU appear once in a file, and a counter and day already stored from another file refuse the file (a day's
 * till sales come in one file; a correction of a stored day is finance's to make, not a second import).
 */
export const POS_COLUMNS = {
  counter: ['counter', '专柜编码', '专柜'],
  day: ['day', '日期', '销售日期'],
  sku: ['sku', 'SKU', '商品编码'],
  qty: ['qty', '数量'],
  amount: ['amount', '销售金额', '金额'],
  returns: ['returns', '退货金额'],
} as const;
export type PosColumn = keyof typeof POS_COLUMNS;
/** Columns that must be there; sku and returns may be left out (whole-counter days, no returns). */
export const POS_REQUIRED_COLUMNS: readonly PosColumn[] = ['counter', 'day', 'qty', 'amount'];
export const POS_TOTAL_MARKERS = ['合计', 'total', 'TOTAL', 'Total'] as const;

/** One fault in a refused file: its 1-based line (the header is line 1) and column where known. */
export interface PosRowError {
  line: number;
  column?: PosColumn;
  message: string;
}
/** details of 422 POS_FILE_INVALID. */
export interface PosRefusalDetails {
  errors: PosRowError[];
  /** More faults than were answered. */
  more: boolean;
}

export interface PosImport {
  id: number;
  fileName: string;
  fileHash: string;
  rows: number;
  /** The sum of the amounts, fen. */
  total: number;
  importedBy: string;
  importedAt: string;
}
export interface PosImportResponse {
  /** imported: stored now; unchanged: this very file (same sha256) was stored before, and nothing changed. */
  outcome: 'imported' | 'unchanged';
  import: PosImport;
  returns: number;
  qty: number;
}
export interface PosImportsResponse {
  imports: PosImport[];
}
export const POS_CONTENT_TYPES = ['text/csv', 'application/octet-stream', 'text/plain'];
