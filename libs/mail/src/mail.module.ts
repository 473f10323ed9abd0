import { DynamicModule, Module, Type } from '@nestjs/common';
import { MailDelivery } from './mail-delivery';
import { MailEventRepository } from './mail-event.repository';
import { MailOutbox } from './mail-outbox';
import { MailQueue } from './mail-queue';
import { MailRenderer } from './mail-templates';
import { MailTransport } from './mail-transport';

/** Global: any lib may inject MailQueue. Needs JobsModule and the app's TypeORM DataSource. */
@Module({})
export class MailModule {
  static forRoot(options: { renderer: Type<MailRenderer> }): DynamicModule {
    return {
      module: MailModule,
      global: true,
      providers: [MailQueue, MailDelivery, MailTransport, MailOutbox, MailEventRepository, { provide: MailRenderer, useClass: options.renderer }],
      exports: [MailQueue, MailOutbox],
    };
  }
}
