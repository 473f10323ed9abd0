import type { Request } from 'express';
import type { AuthenticatedUser } from '@themis/identity';
import type { Caller } from '@themis/organisations';

/** Who is asking on an organisation's route: its X-Api-Key, or the signed-in user (token or page session). */
export const callerOf = (req: Request): Caller => ({ apiKey: req.header('x-api-key') ?? undefined, user: (req as Request & { user?: AuthenticatedUser }).user });
