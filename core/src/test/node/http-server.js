// A server on Node's own http module (its llhttp parser and its connection handling), for the
// core tests: a third-party HTTP/1.1 implementation that is strict about the requests it parses
// and, when asked, ends each connection after a number of requests. Listens on 127.0.0.1 on a
// free port and prints "PORT <n>" once ready.
//
// Argument: requests per connection (default 0: any).
//
// /echo      Reads the whole request body, answers JSON: method, body length and SHA-256, the
//            request's Content-Length, Transfer-Encoding and Content-Type, the query, and the
//            number of the connection it came on.
// /trailers  2000 numbered lines, chunked, written 100 lines at a time, with a trailer X-Lines.
// /cut       Declares 100000 bytes, sends 50000 and destroys the connection.
// /refuse    Answers 413 at once, with the upload unread, and closes the connection.
'use strict';
const http = require('http');
const crypto = require('crypto');

let connections = 0;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  switch (url.pathname) {
    case '/echo': {
      const hash = crypto.createHash('sha256');
      let length = 0;
      req.on('data', (chunk) => {
        hash.update(chunk);
        length += chunk.length;
      });
      req.on('end', () => {
        const body = JSON.stringify({
          method: req.method,
          length: length,
          sha256: hash.digest('hex'),
          contentLength: req.headers['content-length'] || '',
          transferEncoding: req.headers['transfer-encoding'] || '',
          contentType: req.headers['content-type'] || '',
          query: url.search,
          connection: req.socket.number,
        });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    case '/trailers': {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Trailer': 'X-Lines' });
      let line = 1;
      const writeSome = () => {
        let piece = '';
        for (let i = 0; i < 100; i++, line++) {
          piece += line + '\n';
        }
        res.write(piece);
        if (line <= 2000) {
          setImmediate(writeSome);
        } else {
          res.addTrailers({ 'X-Lines': '2000' });
          res.end();
        }
      };
      writeSome();
      return;
    }
    case '/cut':
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '100000' });
      res.write(Buffer.alloc(50000, 'a'), () => res.socket.destroy());
      return;
    case '/refuse':
      res.writeHead(413, { 'Content-Type': 'text/plain', 'Connection': 'close' });
      res.end('too large');
      return;
    default:
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('no ' + url.pathname);
  }
});

server.maxRequestsPerSocket = Number(process.argv[2] || 0);
server.on('connection', (socket) => {
  socket.number = ++connections;
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
