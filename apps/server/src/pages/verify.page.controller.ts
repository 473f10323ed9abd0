import { Controller, Get, Header, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { renderVerifyPage, VerificationService } from '@themis/certification';
import { Public } from '@themis/identity';

@Controller('verify')
export class VerifyPageController {
  constructor(private readonly verification: VerificationService) {}

  /** The page a QR code opens: the certified facts and their status; 404 when no certificate has the code. */
  @Public()
  @Get(':code')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Param('code') code: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const result = await this.verification.byCode(code, `ip:${req.ip}`);
    if (result.status === 'not_found') res.status(404);
    return renderVerifyPage(code, result);
  }
}
