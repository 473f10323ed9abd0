import { Body, Controller, Get, Param, Post, Query, Redirect, Render, UseFilters } from '@nestjs/common';
import { EvaluationService } from '@themis/evaluation';
import { AuthenticatedUser, CurrentUser, Permission, RequirePermission } from '@themis/identity';
import { SlugPipe } from '../../infra/params';
import { PageErrorFilter } from '../../web/page-error.filter';

type Form = Record<string, unknown>;

/** The end-of-course evaluation as a plain form: radio buttons 1–5 (`rating.<id>`) and text areas (`text.<id>`). */
@UseFilters(PageErrorFilter)
@RequirePermission(Permission.Learn)
@Controller('courses/:slug/evaluation')
export class EvaluationPageController {
  constructor(private readonly evaluations: EvaluationService) {}

  @Get()
  @Render('pages/evaluation')
  async form(@Param('slug', SlugPipe) slug: string, @Query('sent') sent: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<object> {
    const form = await this.evaluations.form(user.id, slug);
    const ratings = Array.from({ length: form.scale.max - form.scale.min + 1 }, (_, k) => k + form.scale.min);
    return { title: form.title, form, sent: sent === '1', items: form.items.map((i) => ({ ...i, rating: i.type === 'rating', ratings })) };
  }

  @Post()
  @Redirect('/', 303)
  async submit(@Param('slug', SlugPipe) slug: string, @Body() body: Form, @CurrentUser() user: AuthenticatedUser): Promise<{ url: string }> {
    const form = await this.evaluations.form(user.id, slug);
    const answers = form.items.flatMap((i) => {
      const raw = body?.[`${i.type}.${i.id}`];
      if (typeof raw !== 'string' || raw.trim() === '') return [];
      return [i.type === 'rating' ? { itemId: i.id, rating: /^\d$/.test(raw) ? Number(raw) : NaN } : { itemId: i.id, text: raw }];
    });
    await this.evaluations.submit(user.id, slug, answers);
    return { url: `/courses/${slug}/evaluation?sent=1` };
  }
}
