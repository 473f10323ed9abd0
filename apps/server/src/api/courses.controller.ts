import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CatalogService, CourseDetailResponse, CourseSummaryResponse, LessonResponse } from '@themis/catalog';
import { AuthenticatedUser, CurrentUser, Permission, Public, RequirePermission } from '@themis/identity';
import { EnrollmentResponse, LearningService, ProgressResponse, ProgressService } from '@themis/learning';
import { SlugPipe } from '../infra/params';
import { LangPipe } from '../infra/lang.pipe';
import { CatalogQueryDto, EnrollmentLanguageDto } from './dto/catalog-query.dto';

@Controller('api/v1/courses')
export class CoursesController {
  constructor(private readonly catalog: CatalogService, private readonly learning: LearningService, private readonly progress: ProgressService) {}

  @Public()
  @Get()
  list(@Query() query: CatalogQueryDto): Promise<CourseSummaryResponse[]> {
    return this.catalog.listPublished(query.audience);
  }

  @Public()
  @Get(':slug')
  detail(@Param('slug', SlugPipe) slug: string, @Query('lang', LangPipe) lang?: string, @CurrentUser() user?: AuthenticatedUser): Promise<CourseDetailResponse> {
    return this.learning.courseFor(user?.id, slug, lang);
  }

  @RequirePermission(Permission.Learn)
  @Post(':slug/enrollment')
  async enroll(@Param('slug', SlugPipe) slug: string, @Query('lang', LangPipe) lang: string | undefined, @CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) res: Response): Promise<EnrollmentResponse> {
    return this.learning.enroll(user.id, slug, lang).then((r) => (res.status(r.created ? 201 : 200), r));
  }

  @RequirePermission(Permission.Learn)
  @Patch(':slug/enrollment')
  switchLanguage(@Param('slug', SlugPipe) slug: string, @Body() dto: EnrollmentLanguageDto, @CurrentUser() user: AuthenticatedUser): Promise<EnrollmentResponse> {
    return this.learning.setLanguage(user.id, slug, dto.language);
  }

  @RequirePermission(Permission.Learn)
  @Get(':slug/lessons/:lesson')
  lesson(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @Query('lang', LangPipe) lang: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<LessonResponse> {
    return this.learning.lesson(user.id, slug, lesson, lang);
  }

  @RequirePermission(Permission.Learn)
  @HttpCode(200)
  @Post(':slug/lessons/:lesson/completion')
  complete(@Param('slug', SlugPipe) slug: string, @Param('lesson', SlugPipe) lesson: string, @CurrentUser() user: AuthenticatedUser): Promise<ProgressResponse> {
    return this.progress.completeLesson(user.id, slug, lesson);
  }
}
