#pragma once
// The platform's qualification service and the network provider's
// serviceability database it asks (their messages: sim/messages.hpp). The
// database answers with the line's facts, read when it answers; the service
// decides from them. Each runs as a pool of workers reading one mailbox; a
// worker spends the system's processing cost as an execution on its host,
// so concurrent requests share the CPU.

#include "model/qualification/serviceability.hpp"
#include "sim/messages.hpp"
#include "sim/records.hpp"
#include "sim/run_context.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {

class PlatformComponents;

// Platform: qualifies a line for an ISP and builds the offer. Reads the
// context and QualificationOptions; changes the platform's qualification
// service (its tokens) and counts its events in Records.
class QualificationWorker {
 public:
  QualificationWorker(const RunContext& context, PlatformComponents& platform, Records& records,
                      const QualificationOptions& options, int worker)
      : context_(context), platform_(platform), records_(records), options_(options), worker_(worker) {}

  void operator()();

 private:
  const RunContext& context_;
  PlatformComponents& platform_;
  Records& records_;
  const QualificationOptions& options_;
  int worker_;
};

// Network provider: the serviceability database lookup, answered with the
// line's facts (LineFacts). Reads the NP's live database (its free ports
// and node loads); counts its events in Records.
class ServiceabilityWorker {
 public:
  ServiceabilityWorker(const RunContext& context, const ServiceabilityDb& np, Records& records,
                       const QualificationOptions& options)
      : context_(context), np_(np), records_(records), options_(options) {}

  void operator()();

 private:
  const RunContext& context_;
  const ServiceabilityDb& np_;
  Records& records_;
  const QualificationOptions& options_;
};

}  // namespace provsim::sim
