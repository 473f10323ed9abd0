import { Module } from '@nestjs/common';
import { IdentityModule } from '@themis/identity';
import { AccountPageController } from './account.page.controller';
import { AccountPagesService } from './account-pages.service';

/** The account's own pages (the page middleware of WebModule covers them: session, locale, CSRF). */
@Module({
  imports: [IdentityModule],
  controllers: [AccountPageController],
  providers: [AccountPagesService],
})
export class AccountPagesModule {}
