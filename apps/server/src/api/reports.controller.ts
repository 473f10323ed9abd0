import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CourseReport, ReportService } from '@themis/assessment';
import { Permission, RequirePermission } from '@themis/identity';
import { positiveInt, SlugPipe } from '../infra/params';

const optionalVersion = (v?: string): number | undefined => (v === undefined ? undefined : positiveInt(v, 'version'));

/** Reports for trainers and admins: the current version unless `?version=N`. */
@RequirePermission(Permission.ViewReports)
@Controller('api/v1/author/courses/:slug')
export class ReportsController {
  constructor(private readonly reports: ReportService) {}

  @Get('report')
  report(@Param('slug', SlugPipe) slug: string, @Query('version') version?: string): Promise<CourseReport> {
    return this.reports.courseReport(slug, optionalVersion(version));
  }

  @Get('report.csv')
  async csv(@Param('slug', SlugPipe) slug: string, @Res() res: Response, @Query('version') version?: string): Promise<void> {
    const { filename, body } = await this.reports.courseReportCsv(slug, optionalVersion(version));
    res.type('text/csv; charset=utf-8').attachment(filename).send(`\uFEFF${body}`);
  }
}
