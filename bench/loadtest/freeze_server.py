#!/usr/bin/env python3
"""A keep-alive HTTP/1.1 server on 127.0.0.1:PORT that answers 'ok' at once, except that it freezes for 1 s in every
5 s (from 4 s to 5 s of each 5 s cycle, counted from its start): requests arriving then wait until the cycle ends.
Used by bench/loadtest/run to show that the open model sees stalls that a closed model hides."""
import http.server
import socketserver
import sys
import time

START = time.monotonic()
CYCLE = 5.0
FROZEN_FROM = 4.0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle on, the body waits for the client's delayed ACK (~40 ms),
    # which would add a fixed 40 ms to every answer and blur what the bench measures (the freezes).
    disable_nagle_algorithm = True

    def do_GET(self):
        phase = (time.monotonic() - START) % CYCLE
        if phase >= FROZEN_FROM:
            time.sleep(CYCLE - phase)
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 4096


if __name__ == "__main__":
    Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
