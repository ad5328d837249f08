import { afterAll, beforeEach } from 'vitest';
import { resetInMemorySdk, shutdownInMemorySdk } from '../helpers/in-memory-sdk.js';

// Each test sees only its own spans; the SDK a file started is shut down after its own afterAll
// hooks (vitest runs after-hooks in reverse order of registration, and these come first).
beforeEach(() => resetInMemorySdk());
afterAll(() => shutdownInMemorySdk());
