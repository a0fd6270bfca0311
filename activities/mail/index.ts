export {
  createMailActivities,
  type MailActivityDeps,
  messageIdFor,
  type SendMailInput,
  type SendMailResult,
} from './send-mail.ts';
export { type RegistryNoticeData, type RenderedMail, renderRegistryNotice } from './templates.ts';
