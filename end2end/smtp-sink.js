// A local SMTP sink for the browser tests: the server under test delivers its mails here over
// real SMTP (lettre, ATLAS_SMTP_URL=smtp://127.0.0.1:<port>), and the tests read what arrived,
// decoded (mailparser), from GET http://127.0.0.1:<http port>/mails. Nothing leaves the machine.
const http = require('http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const smtpPort = Number(process.env.ATLAS_E2E_SMTP_PORT || 3125);
const httpPort = Number(process.env.ATLAS_E2E_MAILS_PORT || 3126);
const received = [];

// A header's raw value (mailparser parses some of them into objects).
function header(mail, name) {
  const line = (mail.headerLines || []).find((h) => h.key === name);
  return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : '';
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: mail.subject || '',
          text: mail.text || '',
          html: mail.html || '',
          messageId: mail.messageId || '',
          // RFC 2369 / 8058 headers as sent (the one-click unsubscribe).
          listUnsubscribe: header(mail, 'list-unsubscribe'),
          listUnsubscribePost: header(mail, 'list-unsubscribe-post'),
        });
        callback();
      })
      .catch(callback);
  },
});
smtp.listen(smtpPort, '127.0.0.1');

http
  .createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(req.url.startsWith('/mails') ? received : { ok: true }));
  })
  .listen(httpPort, '127.0.0.1');
