#!/usr/bin/env python3
"""A provisioning manager under test that calls a party's system at the
wrong time: while it handles /reset, when no call of the harness is open.
Every other call it answers well-formed, doing nothing.

usage: stray_party_call_sut.py

The harness must refuse that party call (HTTP 409) and count it as a
protocol error. Prints "listening on http://127.0.0.1:PORT" once it accepts
requests.
"""
import json
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

STRAY = {"id": 1, "key": 1, "order": "1", "adapter": "billing", "action": "open", "subscriber": 1,
         "attempt": 1, "compensation": False}


def call_party(parties):
    request = urllib.request.Request(parties + "/party/billing/platform/request", data=json.dumps(STRAY).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


class Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        answer = {"orders": [], "requests": []}
        if self.path == "/reset" and "parties" in request:
            answer = {"stray_call_status": call_party(request["parties"])}
        if self.path == "/serviceOrder":
            answer.update({"id": request["id"], "state": "acknowledged"})
        body = json.dumps(answer).encode()
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
