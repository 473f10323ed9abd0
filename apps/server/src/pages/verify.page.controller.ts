import { Controller, Get, Header, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { certificateCodeProblem, VerificationService } from '@themis/certification';
import { Public } from '@themis/identity';
import { PageErrorFilter } from '../web/page-error.filter';
import { verifyResultView } from './certificates/certificate-pages.service';

@UseFilters(PageErrorFilter)
@Controller('verify')
export class VerifyPageController {
  constructor(private readonly verification: VerificationService) {}

  /** The page a QR code opens: the certified facts and their status; 404 when no certificate has the code. */
  @Public()
  @Get(':code')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const result = await this.verification.byCode(code, `ip:${req.ip}`);
    // Rendered in the site's layout (language switcher, translations); same facts as renderVerifyPage.
    res.status(result.status === 'not_found' ? 404 : 200).render('pages/verify-result', { ...verifyResultView(code, result), typo: certificateCodeProblem(code) === 'typo' });
  }
}
