import type { NextFunction, Request, Response } from 'express';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function findForbiddenKey(value: unknown, depth = 0): string | undefined {
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) return key;
    const inner = findForbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/** Prototype-pollution keys never mean anything in our API; refusing them early is simpler than proving every merge safe. */
export function rejectPrototypeKeys(req: Request, res: Response, next: NextFunction): void {
  const key = findForbiddenKey(req.body) ?? findForbiddenKey(req.query);
  if (key) {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `the key "${key}" is not allowed in a request` });
    return;
  }
  next();
}
