import { createRouter } from '../shared/router.js';

/** The portal lives under /supplier/ (vite.supplier.config.ts base, console-web/plugin.ts). */
export const { base: BASE, usePath, hrefOf, navigate, Link } = createRouter('/supplier/');
