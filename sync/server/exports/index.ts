/** Streamed CSV and XLSX exports of every report and list (see columns.ts for the column kinds). */
export * from './columns.js';
export { csvCell, writeCsvExport } from './csv.js';
export { writeXlsxExport } from './xlsx.js';
export { EXPORT_CONTENT_TYPES, contentDisposition, exportQuerySchema, sendExport, type ExportQuery, type SendExportInput } from './http.js';
