// General meetings of owners (docs/domain/meetings.md): one router per concern, mounted together
// under /api/v1.
import { createRouter } from '../openapi.ts';
import { meetingAuditRoutes } from './audit.ts';
import { discussionRoutes } from './discussion.ts';
import { initiationRoutes } from './initiation.ts';
import { noticeProofRoutes } from './notice-proof.ts';
import { notificationRoutes } from './notifications.ts';
import { protocolRoutes } from './protocol.ts';
import { streamRoutes } from './stream.ts';
import { votingRoutes } from './voting.ts';

export const meetingsRoutes = createRouter()
  // Before /meetings/{id}: "protocols" is not a meeting id.
  .route('/', protocolRoutes)
  .route('/', initiationRoutes)
  .route('/', votingRoutes)
  .route('/', streamRoutes)
  .route('/', discussionRoutes)
  .route('/', notificationRoutes)
  .route('/', noticeProofRoutes)
  .route('/', meetingAuditRoutes);
