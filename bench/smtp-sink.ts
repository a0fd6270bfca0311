// The SMTP server `npm run bench:notify` sends to, in a process of its own so that the benchmark
// can kill it (SIGKILL, no goodbye) and so that its CPU is not the sender's. It accepts every
// message and appends its Message-ID to a file with a synchronous write before it answers 250:
// what the file lists is what the server accepted, even when the process dies a moment later.
//   node bench/smtp-sink.ts <port> <record-file>
// It prints `listening <port>` once it accepts connections.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const [portArg = '0', file] = process.argv.slice(2);
if (!file) throw new Error('usage: smtp-sink.ts <port> <record-file>');
const fd = openSync(file, 'a');
const HEADER_END = '\r\n\r\n';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // The bench opens a pool of a few connections and keeps them; nothing to limit here.
  maxClients: 1000,
  onData(stream, _session, callback) {
    // Only the header block is read for the Message-ID; the body is consumed and dropped.
    let head = '';
    let headDone = false;
    stream.on('data', (chunk: Buffer) => {
      if (headDone) return;
      head += chunk.toString('latin1');
      if (head.includes(HEADER_END)) headDone = true;
    });
    stream.on('end', () => {
      const id = /^message-id:\s*(<[^>\r\n]*>)/im.exec(head.split(HEADER_END)[0] ?? '')?.[1] ?? '<none>';
      writeSync(fd, `${id}\n`);
      callback();
    });
  },
});

server.listen(Number(portArg), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.server.address() as AddressInfo).port}\n`);
});
// Every accepted message is already in the file (written synchronously): stopping is just exiting.
const exit = () => {
  closeSync(fd);
  process.exit(0);
};
process.on('SIGTERM', exit);
process.on('SIGINT', exit);
// The benchmark holds our stdin: when it ends, however it ended, so do we.
process.stdin.on('end', exit);
process.stdin.resume();
