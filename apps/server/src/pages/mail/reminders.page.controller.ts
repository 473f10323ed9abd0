import { Body, Controller, Post, Redirect, UseFilters } from '@nestjs/common';
import { ExpiryReminders } from '@themis/certification';
import { AuthenticatedUser, CurrentUser } from '@themis/identity';
import { PageErrorFilter } from '../../web/page-error.filter';

/** The profile's switch for certificate expiry reminders (an unchecked box sends nothing: off). */
@UseFilters(PageErrorFilter)
@Controller()
export class RemindersPageController {
  constructor(private readonly reminders: ExpiryReminders) {}

  @Post('profile/reminders')
  @Redirect('/profile?saved=1', 303)
  async set(@CurrentUser() user: AuthenticatedUser, @Body() body: Record<string, unknown>): Promise<void> {
    await this.reminders.setReminders(user.id, body?.['certificateReminders'] === 'on');
  }
}
