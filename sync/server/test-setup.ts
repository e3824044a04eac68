/** Vitest setup for every unit test file: the pooled test databases close when the file is done. */
import { afterAll } from 'vitest';
import { drainTestDbs } from './test-db-pool.js';

afterAll(drainTestDbs);
