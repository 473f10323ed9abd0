import type { NextFunction, Request, Response } from 'express';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

// No request of ours nests deeper than a few levels; class-transformer and class-validator recurse
// without a limit, so a body nested thousands deep overflowed the stack (a 500) before this check.
const MAX_DEPTH = 32;
const TOO_DEEP = Symbol('too deep');

function findForbiddenKey(value: unknown, depth = 0): string | typeof TOO_DEEP | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_DEPTH) return TOO_DEEP;
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
  if (key === TOO_DEEP) {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `the request is nested more than ${MAX_DEPTH} levels deep` });
    return;
  }
  if (key) {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `the key "${key}" is not allowed in a request` });
    return;
  }
  next();
}
