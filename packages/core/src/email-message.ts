/** An email ready to send: recipients, one-line subject, plain text and HTML (built by @dvcwatch/present). */
export interface EmailMessage {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}
