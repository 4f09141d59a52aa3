// What it costs to hand a piece of work to a second thread and wait for it
// to come back: the price of every synchronisation point if the session
// work (the timing wheel, the address server) ran on its own core while the
// rest of the simulation went on. docs/performance.md compares it with the
// session work of one simulated second (the sessions.step the session actor
// must answer at) to judge whether splitting the simulation across the two
// cores can pay.
//
// Three ways to wait, each a round trip (main -> helper -> main):
//   - condvar: a mutex and condition variables, as the rating pipeline
//     (sim/rating_pipeline.hpp) waits for its worker;
//   - atomic_wait: C++20 std::atomic wait/notify (a futex, after a short spin);
//   - spin: both threads poll an atomic (a core each, burnt while waiting).
// The helper does `work` nanoseconds of arithmetic per hand-over, so the
// figures read as "hand-over overhead on top of the work".

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include <benchmark/benchmark.h>

namespace {

// About `ns` nanoseconds of dependent arithmetic (calibrated once).
std::uint64_t busy(std::uint64_t iterations, std::uint64_t seed) {
  std::uint64_t x = seed | 1;
  for (std::uint64_t i = 0; i < iterations; ++i) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  return x;
}

std::uint64_t iterations_for(std::int64_t ns) {
  if (ns <= 0) return 0;
  const std::uint64_t probe = 1'000'000;
  const auto t0 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(busy(probe, 7));
  const auto t1 = std::chrono::steady_clock::now();
  const double per = std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(probe);
  return static_cast<std::uint64_t>(static_cast<double>(ns) / per);
}

void BM_Condvar(benchmark::State& state) {
  const std::uint64_t work = iterations_for(state.range(0));
  std::mutex m;
  std::condition_variable to_helper, to_main;
  std::uint64_t posted = 0, done = 0;
  bool stop = false;
  std::thread helper([&] {
    std::uint64_t seen = 0;
    while (true) {
      {
        std::unique_lock lock(m);
        to_helper.wait(lock, [&] { return posted != seen || stop; });
        if (stop) return;
        seen = posted;
      }
      benchmark::DoNotOptimize(busy(work, seen));
      {
        std::lock_guard lock(m);
        done = seen;
      }
      to_main.notify_one();
    }
  });
  for (auto _ : state) {
    std::unique_lock lock(m);
    const std::uint64_t mine = ++posted;
    to_helper.notify_one();
    to_main.wait(lock, [&] { return done == mine; });
  }
  {
    std::lock_guard lock(m);
    stop = true;
  }
  to_helper.notify_one();
  helper.join();
}

void BM_AtomicWait(benchmark::State& state) {
  const std::uint64_t work = iterations_for(state.range(0));
  std::atomic<std::uint64_t> posted{0}, done{0};
  std::atomic<bool> stop{false};
  std::thread helper([&] {
    std::uint64_t seen = 0;
    while (true) {
      posted.wait(seen, std::memory_order_acquire);
      if (stop.load(std::memory_order_acquire)) return;
      seen = posted.load(std::memory_order_acquire);
      benchmark::DoNotOptimize(busy(work, seen));
      done.store(seen, std::memory_order_release);
      done.notify_one();
    }
  });
  std::uint64_t mine = 0;
  for (auto _ : state) {
    posted.store(++mine, std::memory_order_release);
    posted.notify_one();
    for (std::uint64_t d = done.load(std::memory_order_acquire); d != mine; d = done.load(std::memory_order_acquire))
      done.wait(d, std::memory_order_acquire);
  }
  stop.store(true, std::memory_order_release);
  posted.fetch_add(1, std::memory_order_release);
  posted.notify_one();
  helper.join();
}

void BM_Spin(benchmark::State& state) {
  const std::uint64_t work = iterations_for(state.range(0));
  std::atomic<std::uint64_t> posted{0}, done{0};
  std::atomic<bool> stop{false};
  std::thread helper([&] {
    std::uint64_t seen = 0;
    while (!stop.load(std::memory_order_acquire)) {
      const std::uint64_t p = posted.load(std::memory_order_acquire);
      if (p == seen) continue;
      seen = p;
      benchmark::DoNotOptimize(busy(work, seen));
      done.store(seen, std::memory_order_release);
    }
  });
  std::uint64_t mine = 0;
  for (auto _ : state) {
    posted.store(++mine, std::memory_order_release);
    while (done.load(std::memory_order_acquire) != mine) {
    }
  }
  stop.store(true, std::memory_order_release);
  helper.join();
}

// Work per hand-over in nanoseconds: none (the bare round trip), and about
// a simulated second of a million subscribers' sessions (~60 us).
BENCHMARK(BM_Condvar)->Arg(0)->Arg(60'000)->UseRealTime();
BENCHMARK(BM_AtomicWait)->Arg(0)->Arg(60'000)->UseRealTime();
BENCHMARK(BM_Spin)->Arg(0)->Arg(60'000)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
