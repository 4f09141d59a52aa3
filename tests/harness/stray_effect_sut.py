#!/usr/bin/env python3
"""An address server under test that answers every request well-formed but
claims an expiry for a subscriber nobody ever bound (number 4000000000).

usage: stray_effect_sut.py POOL

The harness must call that a protocol error and never act on it. Prints
"listening on http://127.0.0.1:PORT" once it accepts requests.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        stray = {"kind": "expired", "pool": sys.argv[1], "subscriber": 4000000000, "address": "192.0.2.1"}
        body = json.dumps({"status": "bound", "outcome": "blocked", "done": True,
                           "effects": [stray] if self.path != "/reset" else []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
