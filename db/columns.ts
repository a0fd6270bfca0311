// Column conventions every capability's entities share.
import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

/** A UUID primary key the application assigns, so a row's id is known before it is flushed. */
export const id = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());

export const now = () => new Date();

/**
 * Records that are evidence (decisions, histories, contracts, appeals): deleting or re-keying a row
 * they point to must fail, never cascade into them or null their references (MikroORM's defaults
 * for key and nullable relations).
 */
export const KEEP = 'no action';
