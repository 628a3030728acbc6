// A WebSocket server built on the npm "ws" package, for the core tests: a third-party
// implementation of RFC 6455 to check the client against. Listens on 127.0.0.1 on a free port
// and prints "PORT <n>" once ready. With "--tls cert.pem key.pem" it serves wss; with "--deflate"
// or "--deflate-no-context" it speaks permessage-deflate.
//
// Every connection echoes what it receives (text as text, binary as binary), except text
// commands of the form "cmd:<name>:<args>", which make the server do something the test checks.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const tls = args[0] === '--tls';
// "--deflate" accepts permessage-deflate and compresses every message; "--deflate-no-context"
// also asks both sides to drop their window after each message.
const deflate = args.includes('--deflate')
  ? { threshold: 0 }
  : args.includes('--deflate-no-context')
    ? { threshold: 0, serverNoContextTakeover: true, clientNoContextTakeover: true }
    : false;
const server = tls
  ? https.createServer({ cert: fs.readFileSync(args[1]), key: fs.readFileSync(args[2]) })
  : http.createServer();
const wss = new WebSocketServer({
  server,
  maxPayload: 64 * 1024 * 1024,
  perMessageDeflate: deflate,
  handleProtocols: (protocols) => (protocols.has('chat.v2') ? 'chat.v2' : false),
});
let connections = 0;

wss.on('connection', (ws, req) => {
  connections++;
  if (req.url.startsWith('/hello')) {
    ws.send('hello ' + connections);
  }
  if (req.url.startsWith('/headers')) {
    ws.send(JSON.stringify(req.headers));
  }
  if (req.url.startsWith('/pings')) {
    ws.on('ping', () => ws.send('pinged'));
  }
  ws.on('pong', (data) => ws.send('pong:' + data.toString()));
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? null : data.toString();
    if (text === null || !text.startsWith('cmd:')) {
      ws.send(data, { binary: isBinary });
      return;
    }
    const [, name, a, b] = text.split(':');
    switch (name) {
      case 'fragments': // a text message in n fragments, each "part<i>."
        for (let i = 0; i < Number(a); i++) {
          ws.send('part' + i + '.', { fin: i === Number(a) - 1 });
        }
        break;
      case 'binfragments': // a binary message of n fragments of b bytes, byte value = fragment index
        for (let i = 0; i < Number(a); i++) {
          ws.send(Buffer.alloc(Number(b), i), { binary: true, fin: i === Number(a) - 1 });
        }
        break;
      case 'ping':
        ws.ping(a);
        break;
      case 'close':
        ws.close(Number(a), b || '');
        break;
      case 'closeempty':
        ws.close();
        break;
      case 'terminate':
        ws.terminate();
        break;
      case 'badutf8':
        ws.send(Buffer.from([0x68, 0x69, 0xc3, 0x28]), { binary: false });
        break;
      case 'bytesread': // bytes received on this connection so far, frames as they were on the wire
        ws.send('read ' + req.socket.bytesRead);
        break;
      case 'extensions': // the extensions this connection negotiated, as the server sees them
        ws.send('extensions ' + ws.extensions);
        break;
      case 'big':
        ws.send(Buffer.alloc(Number(a), 7), { binary: true });
        break;
      case 'flood': // n text messages "<i>" padded with dots to b bytes
        for (let i = 0; i < Number(a); i++) {
          const head = String(i);
          ws.send(head + '.'.repeat(Math.max(0, Number(b) - head.length)));
        }
        break;
      case 'floodbin': // n binary messages of b bytes
        {
          const payload = Buffer.alloc(Number(b), 1);
          for (let i = 0; i < Number(a); i++) {
            ws.send(payload, { binary: true });
          }
        }
        break;
      default:
        ws.send('unknown command ' + name);
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
// The test ends the server by closing its stdin (or killing it).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
