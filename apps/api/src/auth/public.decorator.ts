import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'duban:public';

/** Marks a route that needs no login (login itself, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
