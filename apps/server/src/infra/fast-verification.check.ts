import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@themis/core';
import { shadowedByFastVerification } from './fast-verification.route';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Once every route is registered: refuses to start when a GET route would sit, unreachable,
 * behind the fast verification route (a new `GET /api/v1/verify/stats` would answer as a
 * certificate code). Runs only when the fast route is on.
 */
@Injectable()
export class FastVerificationCheck implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly adapter: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    if (!this.config.fastVerification) return;
    const express = this.adapter.httpAdapter.getInstance() as { router?: { stack: Layer[] } };
    const routes = (express.router?.stack ?? []).flatMap((l) => (l.route ? [l.route] : []));
    const shadowed = shadowedByFastVerification(routes);
    if (shadowed.length) throw new Error(`${shadowed.join(', ')} would never be reached: the fast verification route answers one-segment GETs under /api/v1/verify/ (rename the route, or add it to NAMED_SEGMENTS in infra/fast-verification.route.ts)`);
  }
}
