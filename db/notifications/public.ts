// What other capabilities may use of notifications: sending a notice to people, which goes by
// each person's channels with fallback for legal kinds and leaves delivery records to prove it.
export {
  enqueueMailing as notify,
  type MailingInput as Notice,
  type Recipient,
} from './repository.ts';
