#!/usr/bin/env python3
"""Writes the tables of scenarios/capacity-1m (and of a copy of it at another
size): 20 ISPs with an address pool each, 10 BSPs, one network provider, and a
line plant big enough for the population plus a month of new registrations.

    scenarios/capacity-1m/generate.py [--subscribers N] [--out DIR]

The tables are committed; rerun this after changing it. With --out and
--subscribers it writes a smaller or larger copy (tools/bench/scaling uses it
for the 10k / 100k / 1M scaling runs; scenarios/capacity-10m is
`--subscribers 10000000 --out scenarios/capacity-10m`); scenario.ini is
copied and its population.initial, arrival rate, agents and refund window
scaled to N.
"""
import argparse
import csv
import math
import pathlib
import re
import shutil

ISPS = 20
BSPS = 10
MARKETS = ["north", "south"]
TIERS = [("dsl-2m", 6000, 2000), ("dsl-8m", 4000, 8000), ("dsl-16m", 2500, 16000)]
BSP_PER_PLAN = 4  # each plan resells four BSPs: a purchase and a usage offering each


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = pathlib.Path(__file__).resolve().parent
    ap.add_argument("--subscribers", type=int, default=1_000_000)
    ap.add_argument("--out", type=pathlib.Path, default=here)
    a = ap.parse_args()
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    n = a.subscribers

    isps = [f"isp{i:02d}" for i in range(1, ISPS + 1)]
    bsps = [f"bsp{i:02d}" for i in range(1, BSPS + 1)]
    write(out / "providers.csv", ["id", "kind", "name"],
          [["netco", "np", "NetCo Access Networks"]] + [[i, "isp", f"ISP {i[3:]}"] for i in isps]
          + [[b, "bsp", f"BSP {b[3:]}"] for b in bsps])

    offerings = [[t, "netco", "access_tier", "month", f"DSL {s // 1000} Mbit/s"] for t, _, s in TIERS]
    offerings += [[f"mail-{i}", i, "isp_service", "month", f"Mailbox {i}"] for i in isps]
    for b in bsps:
        offerings.append([f"{b}-buy", b, "bsp_purchase", "item", f"{b} purchase"])
        offerings.append([f"{b}-use", b, "bsp_usage", "minute", f"{b} usage"])
    write(out / "offerings.csv", ["id", "owner", "kind", "unit", "name"], offerings)
    write(out / "access_tiers.csv", ["offering", "technology", "max_loop_m", "speed_kbps"],
          [[t, "dsl", loop, s] for t, loop, s in TIERS])

    plans, items, rules = [], [], []
    for k, isp in enumerate(isps):
        for m, market in enumerate(MARKETS):
            plan = f"{isp}-{market}"
            plans.append([plan, isp, market, f"{isp} {market}"])
            for t, (tier, _, _) in enumerate(TIERS):
                items.append([plan, tier, f"{19.90 + 10 * t + 0.5 * (k % 4) + m:.2f}"])
            items.append([plan, f"mail-{isp}", "0"])
            for j in range(BSP_PER_PLAN):
                b = bsps[(k + j) % BSPS]
                items.append([plan, f"{b}-buy", "0"])
                items.append([plan, f"{b}-use", "0"])
                price = 1.99 + ((k + j) % 5)
                rules.append([plan, f"{b}-buy", "one_time", f"{price:.2f}", "", "", "", "", "", ""])
                rules.append([plan, f"{b}-use", "per_unit", "", "0.05", "0.02", "1", "1", "*up", "2"])
    write(out / "plans.csv", ["id", "isp", "market", "name"], plans)
    write(out / "plan_offerings.csv", ["plan", "offering", "monthly_fee"], items)
    write(out / "rating_rules.csv", ["plan", "offering", "model", "price", "connect_fee", "rate", "rate_unit",
                                    "rate_increment", "rounding", "rounding_decimals"], rules)
    shares = []
    for b in bsps:
        for o in (f"{b}-buy", f"{b}-use"):
            shares += [[o, b, "", "", "true"], [o, "isp", "percent", "20", "false"], [o, "netco", "percent", "10", "false"]]
    write(out / "revenue_shares.csv", ["offering", "party", "kind", "value", "residual"], shares)

    # Lines for the population, a month of registrations and churned lines
    # taken again, with 20 % spare; one office per 10,000 lines.
    lines = int(math.ceil((n * 1.2 + 200_000 * n / 1_000_000 + 2000) / 1000.0)) * 1000
    per_office = 10_000 if lines >= 100_000 else 1000
    offices = int(math.ceil(lines / per_office))
    write(out / "offices.csv", ["office", "ports"], [[f"co{o:03d}", per_office] for o in range(offices)])
    write(out / "line_plant.csv", ["prefix", "count", "technology", "market", "office", "loop_min_m", "loop_max_m"],
          [[f"L{o:03d}-", per_office, "dsl", MARKETS[o % 2], f"co{o:03d}", 300, 5800] for o in range(offices)])

    # One pool per ISP: a /18 for 50,000 subscribers (scaled with n), and the
    # NP's reserve to borrow from at the evening peak.
    # Pools wider than a /16 (ten million subscribers: a /14 each) go in
    # 10.0.0.0/8, which holds twenty /13s; smaller ones in 100.64.0.0/10.
    per_isp = n / ISPS
    prefix = min(30, 32 - int(math.ceil(math.log2(max(per_isp * 0.3, 16)))))
    size = 1 << (32 - prefix)
    blocks = []
    for i, isp in enumerate(isps):
        if prefix >= 16:
            base = (100 << 24) | (64 << 16) | (i * (1 << 16))
        else:
            base = (10 << 24) + i * size
        blocks.append([f"{base >> 24}.{(base >> 16) & 255}.{(base >> 8) & 255}.{base & 255}/{prefix}", isp, ""])
    blocks.append(["100.127.0.0/16", "netco", ""])
    write(out / "address_blocks.csv", ["block", "owner", "region"], blocks)

    hosts = [["platform-1", "platform", "", "16Gf", "10Gbps", "1ms"], ["netco-1", "np", "netco", "4Gf", "1Gbps", "5ms"]]
    hosts += [[f"{i}-1", "isp", i, "2Gf", "1Gbps", "8ms"] for i in isps]
    hosts += [[f"{b}-1", "bsp", b, "2Gf", "1Gbps", "15ms"] for b in bsps]
    write(out / "hosts.csv", ["host", "zone", "provider", "speed", "bandwidth", "latency"], hosts)

    if out != here:
        text = (here / "scenario.ini").read_text()
        # The header's figures follow the size; the timings are capacity-1m's own.
        text = text.replace("# A region for a month: 1,000,000 subscribers", f"# A region for a month: {n:,} subscribers")
        text = text.replace("About 5,000 new registrations", f"About {round(5000 * n / 1_000_000):,} new registrations")
        text = text.replace("# 23,000 a day give about 5,000 registrations a day.",
                            f"# {round(23000 * n / 1_000_000):,} a day give about {round(5000 * n / 1_000_000):,} registrations a day.")
        text = re.sub(r"(?m)^#   provsim run scenarios/capacity-1m .*\n", "", text)
        text = re.sub(r"(?m)^initial = .*$", f"initial = {n}", text)
        # The workload scales with the population: registrations and agents.
        scale = n / 1_000_000
        text = re.sub(r"(?m)^arrival_rate = (\d+)/d$", lambda m: f"arrival_rate = {int(m[1]) * scale:g}/d", text)
        text = re.sub(r"(?m)^agents = (\d+)$", lambda m: f"agents = {max(1, round(int(m[1]) * scale))}", text)
        # The refund window covers the same hours of purchases.
        text = re.sub(r"(?m)^purchase_refund_window = (\d+)$",
                      lambda m: f"purchase_refund_window = {max(1000, round(int(m[1]) * scale))}", text)
        (out / "scenario.ini").write_text(text)


if __name__ == "__main__":
    main()
