#!/usr/bin/python3
"""SimPy on the Engset pool of tools/bench/engset_model.hpp, for
tools/bench/engines.

Debian 12's python3-simpy is SimPy 2.3.1 (the classic API: Process classes
whose generator yields `hold`), not SimPy 3/4. One process per subscriber
alternates exponential idle periods and sessions; an attempt that finds all
C addresses taken is blocked and the subscriber goes back to idle. Every
resumption of a process (an attempt or a session end) is one event. The run
stops at the `arrivals`-th attempt. Prints one JSON line like the C++ loops.
"""

import argparse
import json
import random
import time

from SimPy import __version__ as simpy_version
from SimPy.Simulation import Process, Simulation, hold


class Pool:
    """The C addresses and the counts, in equal batches of attempts."""

    def __init__(self, args):
        self.servers = args.servers
        self.arrivals = args.arrivals
        self.batches = args.batches
        self.busy = 0
        self.attempts = 0
        self.blocked = 0
        self.blocked_in_batch = [0] * args.batches
        self.events = 0

    def attempt(self):
        batch = self.attempts * self.batches // self.arrivals
        self.attempts += 1
        if self.busy < self.servers:
            self.busy += 1
            return True
        self.blocked += 1
        self.blocked_in_batch[batch] += 1
        return False

    def batch_attempts(self, k):
        return (k + 1) * self.arrivals // self.batches - k * self.arrivals // self.batches


class Subscriber(Process):
    def life(self, sim, pool, rng, mean_idle, mean_holding):
        expovariate = rng.expovariate
        idle_rate, holding_rate = 1.0 / mean_idle, 1.0 / mean_holding
        while True:
            yield hold, self, expovariate(idle_rate)
            pool.events += 1
            if pool.attempt():
                if pool.attempts >= pool.arrivals:
                    sim.stopSimulation()
                yield hold, self, expovariate(holding_rate)
                pool.events += 1
                pool.busy -= 1
            elif pool.attempts >= pool.arrivals:
                sim.stopSimulation()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--servers", type=int, default=254)
    parser.add_argument("--mean-idle", type=float, default=2520)
    parser.add_argument("--mean-holding", type=float, default=360)
    parser.add_argument("--arrivals", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batches", type=int, default=20)
    args = parser.parse_args()
    if args.sources <= 0 or args.batches <= 0 or args.arrivals < args.batches:
        parser.error("need sources > 0 and arrivals >= batches > 0")

    rng = random.Random(args.seed)
    pool = Pool(args)
    start, cpu_start = time.perf_counter(), time.process_time()
    sim = Simulation()
    sim.initialize()
    for i in range(args.sources):
        s = Subscriber(name="s%d" % i, sim=sim)
        sim.activate(s, s.life(sim, pool, rng, args.mean_idle, args.mean_holding))
    sim.simulate(until=float("inf"))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({
        "engine": "SimPy", "scheduler": "SimPy %s heapq" % simpy_version, "sources": args.sources, "servers": args.servers,
        "arrivals": pool.attempts, "blocked": pool.blocked, "events": pool.events, "wall_seconds": wall, "cpu_seconds": cpu,
        "batches": [[pool.batch_attempts(k), pool.blocked_in_batch[k]] for k in range(args.batches)],
    }))


if __name__ == "__main__":
    main()
