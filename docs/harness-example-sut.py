#!/usr/bin/env python3
"""A minimal rating engine for provsim's harness (docs/harness.md).

Standard library only. It knows the prices and revenue shares of one
scenario, scenarios/conformance/bsp-purchases, and answers the harness's
protocol (docs/harness-rating.openapi.json) for it.

usage: harness-example-sut.py PORT      (0: any free port)
Prints "listening on http://127.0.0.1:PORT" once it accepts requests.
"""
import json
import sys
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

MICROS = 1_000_000
PRICE = {"game": 4_990_000, "film": 3_990_000}  # one-time price per item, in micro-units
OWNER = {"game": "games", "film": "video"}      # the BSP: residual party of its offerings
SPLIT = {"isp1": 20, "netco": 10}               # percent of every purchase
FEE = {"dsl-1m": 19_900_000, "dsl-4m": 29_900_000, "dsl-12m": 44_900_000}  # per cycle, to netco


def text(micros):  # micro-units -> exact decimal text
    return str(Decimal(micros) / MICROS)


def half_up(numerator, denominator):  # non-negative quotient, rounded half up
    return (2 * numerator + denominator) // (2 * denominator)


class Engine:
    def __init__(self):
        self.subs = {}      # subscriber -> {offering: [start, stop]}
        self.seen = set()   # (bsp, id) of every event taken in
        self.bought = {}    # (bsp, id) -> [subscriber, offering, units left to refund]
        self.lines = {}     # subscriber -> {(offering, late): [events, millis, micros]}
        self.parties = {}   # party -> {kind: micros}
        self.start = self.closed = 0.0
        self.cycle = 0

    def subscription(self, r):
        items = self.subs.setdefault(r["subscriber"], {})
        if r["action"] in ("close", "change_plan"):
            for span in items.values():
                span[1] = min(span[1], r["now"])
        if r["action"] in ("open", "change_plan"):
            for offering in r["offerings"]:
                items[offering] = [r["now"], float("inf")]
        if r["action"] == "add_offering":
            items[r["offering"]] = [r["now"], float("inf")]
        if r["action"] == "remove_offering":
            items[r["offering"]][1] = r["now"]
        return {"accepted": True, "rerated": []}

    def rate(self, e):
        key = (e["bsp"], e["id"])
        answer = {"id": e["id"], "bsp": e["bsp"], "status": "suspended"}
        if key in self.seen:
            return {**answer, "status": "duplicate"}
        self.seen.add(key)
        user, offering, units = e["subscriber"], e["offering"], int(Decimal(e["quantity"]))
        if user not in self.subs:
            return {**answer, "reason": "unknown_user"}
        span = self.subs[user].get(offering)
        if span is None:
            return {**answer, "reason": "not_subscribed"}
        if not span[0] <= e["start"] < span[1]:
            return {**answer, "reason": "outside_subscription"}
        if units < 0:  # a refund of an earlier purchase, at most what is left of it
            original = self.bought.get((e["bsp"], e.get("refund_of")))
            if original is None or original[0] != user:
                return {**answer, "reason": "unknown_original"}
            units = -min(-units, original[2])
            original[2] += units
        else:
            self.bought[key] = [user, offering, units]
        charge = units * PRICE[offering]
        late = e["start"] < self.closed
        line = self.lines.setdefault(user, {}).setdefault((offering, late), [0, 0, 0])
        line[0], line[1], line[2] = line[0] + 1, line[1] + units * 1000, line[2] + charge
        shares = {party: charge * percent // 100 for party, percent in SPLIT.items()}
        shares[OWNER[offering]] = charge - sum(shares.values())
        for party, amount in shares.items():
            self.parties.setdefault(party, {}).setdefault("purchase", 0)
            self.parties[party]["purchase"] += amount
        return {**answer, "status": "rated", "reason": "none", "charge": text(charge), "plan": "alpha-north",
                "late": late, "clamped": False,
                "shares": [{"party": p, "amount": text(a)} for p, a in shares.items()]}

    def close(self, end):
        invoices = []
        length = end - self.start
        for user, items in sorted(self.subs.items()):
            lines = []
            for offering, (start, stop) in items.items():
                overlap = min(stop, end) - max(start, self.start)
                if overlap > 0 and offering in FEE:
                    amount = half_up(FEE[offering] * int(overlap), int(length))
                    lines.append({"offering": offering, "kind": "recurring", "late": False, "events": 0,
                                  "quantity": text(half_up(int(overlap) * 1000, int(length)) * 1000),
                                  "amount": text(amount), "plan": "alpha-north"})
                    self.parties.setdefault("netco", {}).setdefault("recurring", 0)
                    self.parties["netco"]["recurring"] += amount
            for (offering, late), (events, millis, micros) in self.lines.pop(user, {}).items():
                lines.append({"offering": offering, "kind": "purchase", "late": late, "events": events,
                              "quantity": text(millis * 1000), "amount": text(micros)})
            total = sum(int(Decimal(line["amount"]) * MICROS) for line in lines)
            invoices.append({"subscriber": user, "total": text(total), "lines": lines})
        settlements = []
        for party, kinds in sorted(self.parties.items()):
            by_kind = {k: text(kinds.get(k, 0)) for k in ("recurring", "purchase", "usage")}
            settlements.append({"party": party, "by_kind": by_kind, "shares": 0, "total": text(sum(kinds.values()))})
        invoiced = sum(int(Decimal(i["total"]) * MICROS) for i in invoices)
        settled = sum(sum(k.values()) for k in self.parties.values())
        answer = {"cycle": self.cycle, "start": self.start, "end": end, "invoices": invoices,
                  "settlements": settlements, "invoiced": text(invoiced), "settled": text(settled)}
        self.parties, self.start, self.closed, self.cycle = {}, end, end, self.cycle + 1
        return answer


engine = Engine()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # one kept-alive connection for the whole run
    disable_nagle_algorithm = True  # small answers go out at once, not 40 ms later

    def do_POST(self):
        global engine
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path == "/reset":
            engine, answer = Engine(), {}
        elif self.path == "/subscriptions":
            answer = engine.subscription(request)
        elif self.path == "/events":
            answer = {"results": [engine.rate(e) for e in request["events"]]}
        else:  # /cycles/close
            answer = engine.close(request["end"])
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


if __name__ == "__main__":
    server = HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
