import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

/** The console's admin API (stores, enrollment codes, staff, devices, console users); under CONSOLE_API_BASE. */
export async function consoleAdminRoutes(_app: FastifyInstance, _ctx: ServerContext): Promise<void> {}
