#pragma once
// The arrival generator: prospects arriving from the outside world, each
// started as a ProspectActor on his channel's host.
//
// Reads the run context (its random stream, the catalog's ISPs, the run's
// duration), ArrivalOptions and ProspectOptions, and the line plant as
// loaded (how many lines there are); changes the channels (new
// prospects, busy lines) and the records (arrivals on lines in service).

namespace provsim {
class ServiceabilityDb;
}  // namespace provsim

namespace provsim::sim {

class Channels;
class RunContext;
struct ArrivalOptions;
struct ProspectOptions;
class Records;

class ArrivalsActor {
 public:
  ArrivalsActor(const RunContext& context, const ArrivalOptions& options, const ProspectOptions& prospect,
                const ServiceabilityDb& lines, Channels& channels, Records& records)
      : context_(context),
        options_(options),
        prospect_(prospect),
        lines_(lines),
        channels_(channels),
        records_(records) {}

  void operator()();

 private:
  const RunContext& context_;
  const ArrivalOptions& options_;
  const ProspectOptions& prospect_;
  const ServiceabilityDb& lines_;
  Channels& channels_;
  Records& records_;
};

}  // namespace provsim::sim
