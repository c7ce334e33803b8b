import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BoardQuery, ManualUrgeUseCase, NotificationInbox } from '@duban/deadlines';

/** The deadline lib's read model and use-case are plain classes over the DataSource. */
export const BOARD_PROVIDERS: Provider[] = [
  { provide: BoardQuery, useFactory: (ds: DataSource) => new BoardQuery(ds), inject: [DataSource] },
  { provide: ManualUrgeUseCase, useFactory: (ds: DataSource) => new ManualUrgeUseCase(ds), inject: [DataSource] },
  { provide: NotificationInbox, useFactory: (ds: DataSource) => new NotificationInbox(ds), inject: [DataSource] },
];
