import { Module } from '@nestjs/common';
import { IdentityModule } from '@themis/identity';
import { AccountsModule } from '../../accounts/accounts.module';
import { AccountPageController } from './account.page.controller';
import { AccountPagesService } from './account-pages.service';
import { RecoveryPageController } from './recovery.page.controller';
import { RecoveryPagesService } from './recovery-pages.service';

/** The account's own pages (the page middleware of WebModule covers them: session, locale, CSRF). */
@Module({
  imports: [IdentityModule, AccountsModule],
  controllers: [AccountPageController, RecoveryPageController],
  providers: [AccountPagesService, RecoveryPagesService],
})
export class AccountPagesModule {}
