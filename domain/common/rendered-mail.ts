// A mail as the templates render it and the outbox stores it: subject, plain text and HTML.
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
