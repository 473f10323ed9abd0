import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CourseReport, ReportService } from '@themis/assessment';
import { Permission, RequirePermission } from '@themis/identity';
import { OptionalPositiveIntPipe, PositiveInt, SlugPipe } from '../infra/params';

/** Reports for trainers and admins: the current version unless `?version=N`. */
@RequirePermission(Permission.ViewReports)
@Controller('api/v1/author/courses/:slug')
export class ReportsController {
  constructor(private readonly reports: ReportService) {}

  @Get('report')
  report(@Param('slug', SlugPipe) slug: string, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<CourseReport> {
    return this.reports.courseReport(slug, version);
  }

  @Get('report.csv')
  async csv(@Param('slug', SlugPipe) slug: string, @Res() res: Response, @Query('version', OptionalPositiveIntPipe) version?: PositiveInt): Promise<void> {
    const { filename, body } = await this.reports.courseReportCsv(slug, version);
    res.type('text/csv; charset=utf-8').attachment(filename).send(`\uFEFF${body}`);
  }
}
