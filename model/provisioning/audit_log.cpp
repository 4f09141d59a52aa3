#include "model/provisioning/audit_log.hpp"

namespace provsim {

void AuditLog::record(AuditRecord record) {
  ++recorded_;
  if (sink_) sink_(record);
  if (buffering_) buffer_.push_back(std::move(record));
}

std::vector<AuditRecord> AuditLog::drain() {
  std::vector<AuditRecord> out;
  out.swap(buffer_);
  return out;
}

}  // namespace provsim
