#pragma once
// Every state transition of every order and task, time-stamped. The caller
// chooses where records go: a callback (stream them out), a buffer it
// drains, or nowhere; nothing is kept unless asked for.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/task.hpp"

namespace provsim {

struct AuditRecord {
  static constexpr std::uint16_t kOrderLevel = 0xFFFF;  // `task` of an order's own transition

  SimTime time = 0;
  OrderId order;
  std::uint16_t task = kOrderLevel;
  AdapterKind adapter = AdapterKind::kNetwork;  // task records only
  Action action = Action::kActivate;            // task records only; the inverse while compensating
  OfferingId offering;                          // as the request carries them
  OfferingId previous;
  std::string_view from;  // state names: static strings
  std::string_view to;
  std::uint16_t attempt = 0;
  std::string detail;
};

class AuditLog {
 public:
  using Sink = std::function<void(const AuditRecord&)>;

  void set_sink(Sink sink) { sink_ = std::move(sink); }
  void set_buffering(bool on) { buffering_ = on; }
  // Whether anyone listens: the engine skips building records otherwise.
  bool enabled() const { return buffering_ || static_cast<bool>(sink_); }

  void record(AuditRecord record);
  // The buffered records, oldest first; the buffer is emptied.
  std::vector<AuditRecord> drain();
  std::uint64_t recorded() const { return recorded_; }

 private:
  Sink sink_;
  bool buffering_ = false;
  std::vector<AuditRecord> buffer_;
  std::uint64_t recorded_ = 0;
};

}  // namespace provsim
