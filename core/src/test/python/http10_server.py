# Python's own http.server for the core tests (PythonHttpServerTest): answers in HTTP/1.0 with no
# keep-alive, bodies that end with the connection, and SimpleHTTPRequestHandler's file serving,
# which knows no Range. Listens on 127.0.0.1 on a free port, serves the folder given as its
# argument and prints "PORT <n>" once ready. Every answer names the client's port in
# X-Client-Port, so a test can tell the connections apart.
#
# /close-delimited?n=N  N bytes (0, 1, 2, ... mod 251) with no Content-Length, written in pieces
# /echo                 (POST) the request body back, with no Content-Length
# /events?key=K        an event stream with no length: event 1, then (once /release?key=K was
#                       asked for) event 2, then the end of the connection; a reconnection that
#                       names a Last-Event-ID gets one event saying so, then 10 s of silence
# /lines?key=K          NDJSON with no length: one line, then (once released) another, then the end
# /release?key=K        lets the stream waiting on K go on
# /flaky/NAME           the file NAME; the first request for it is cut off half way, and every
#                       request's Range header is counted in X-Ranges-Seen
# anything else         the file under the folder, as SimpleHTTPRequestHandler serves it
import http.server
import os
import sys
import threading
import time
import urllib.parse

lock = threading.Lock()
served = {}
releases = {}
ranges_seen = [0]


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header('X-Client-Port', str(self.client_address[1]))
        super().end_headers()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == '/close-delimited':
            n = int(urllib.parse.parse_qs(url.query)['n'][0])
            self.send_response(200)
            self.send_header('Content-Type', 'application/octet-stream')
            self.end_headers()
            body = bytes(i % 251 for i in range(n))
            for start in range(0, n, 8192):
                self.wfile.write(body[start:start + 8192])
                self.wfile.flush()
            return
        if url.path in ('/events', '/lines', '/release'):
            key = urllib.parse.parse_qs(url.query)['key'][0]
            with lock:
                release = releases.setdefault(key, threading.Event())
            if url.path == '/release':
                release.set()
                self.send_response(204)
                self.end_headers()
                return
            events = url.path == '/events'
            self.send_response(200)
            self.send_header('Content-Type', 'text/event-stream' if events else 'application/x-ndjson')
            self.send_header('Cache-Control', 'no-cache')
            self.end_headers()
            last = self.headers.get('Last-Event-ID')
            if events and last:
                self.wfile.write(('data: resumed after %s\n\n' % last).encode())
                self.wfile.flush()
                time.sleep(10)
                return
            self.wfile.write(b'id: 1\ndata: first\n\n' if events else b'{"n":1}\n')
            self.wfile.flush()
            release.wait(10)
            self.wfile.write(b'id: 2\ndata: second\n\n' if events else b'{"n":2}\n')
            return
        if url.path.startswith('/flaky/'):
            name = url.path[len('/flaky/'):]
            with open(os.path.join(self.directory, name), 'rb') as f:
                data = f.read()
            with lock:
                first = name not in served
                served[name] = True
                if self.headers.get('Range'):
                    ranges_seen[0] += 1
                seen = ranges_seen[0]
            self.send_response(200)
            self.send_header('Content-Type', 'application/octet-stream')
            self.send_header('Content-Length', str(len(data)))
            self.send_header('Last-Modified', 'Mon, 01 Jan 2024 00:00:00 GMT')
            self.send_header('X-Ranges-Seen', str(seen))
            self.end_headers()
            self.wfile.write(data[:len(data) // 2] if first else data)
            return
        super().do_GET()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        self.send_response(200)
        self.send_header('Content-Type', self.headers.get('Content-Type', 'application/octet-stream'))
        self.end_headers()
        self.wfile.write(body)


def main():
    folder = sys.argv[1]
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0),
                                             lambda *a, **k: Handler(*a, directory=folder, **k))
    server.daemon_threads = True
    print('PORT %d' % server.server_address[1], flush=True)
    server.serve_forever()


main()
