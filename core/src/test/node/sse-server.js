// A Server-Sent Events server built on the npm "better-sse" package, for the core tests: a
// third-party implementation of the event-stream format to check the client against. Listens on
// 127.0.0.1 on a free port and prints "PORT <n>" once ready.
//
// /feed   On a first connection (no Last-Event-ID): a comment, an event of type "score" whose
//         data has two lines, a plain message, an id-only block and a second comment, then ends
//         the response so the client reconnects after the advertised retry of 40 ms. On a
//         reconnection: one "resume" event naming the Last-Event-ID the client sent, then the
//         stream stays open.
// /stop   Answers 204 No Content: the client must not reconnect.
'use strict';
const http = require('http');
const { createSession } = require('better-sse');

let connections = 0;

const server = http.createServer(async (req, res) => {
  connections++;
  if (req.url.startsWith('/stop')) {
    await createSession(req, res, { statusCode: 204, keepAlive: null });
    res.end();
    return;
  }
  const session = await createSession(req, res, { retry: 40, keepAlive: null, serializer: String });
  if (session.lastId === '') {
    await session.batch((buffer) => {
      buffer.comment('welcome, connection ' + connections).dispatch();
      buffer.event('score').data('first line').data('second line').id('1').dispatch();
      buffer.data('plain').id('2').dispatch();
      buffer.id('3').dispatch();
      buffer.comment('bye');
    });
    res.end();
  } else {
    session.push('resumed after ' + session.lastId, 'resume', '4');
  }
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
