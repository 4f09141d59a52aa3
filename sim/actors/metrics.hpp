#pragma once
// The metrics collector: a row of every registered series each
// run.metrics_interval.
//
// Reads the run context (the interval, the end time). Changes the records
// (samples, pool events); before a sample it brings the platform up to
// date (the sessions caught up, the rating engine settled) and afterwards
// starts the call centres' next wait interval (Channels).

namespace provsim::sim {

class Channels;
class PlatformComponents;
class RunContext;
class Records;

// Appends one row of every series at the current simulated time, then
// starts the next interval of the per-interval statistics (pool events,
// call centres' waits).
void sample_now(PlatformComponents& platform, Channels& channels, Records& records);

class MetricsActor {
 public:
  MetricsActor(const RunContext& context, PlatformComponents& platform, Channels& channels, Records& records)
      : context_(context), platform_(platform), channels_(channels), records_(records) {}

  void operator()();

 private:
  const RunContext& context_;
  PlatformComponents& platform_;
  Channels& channels_;
  Records& records_;
};

}  // namespace provsim::sim
