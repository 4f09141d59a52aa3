#include "sim/prospect.hpp"

namespace provsim::sim {

const char* to_string(Stage stage) {
  switch (stage) {
    case Stage::kArrived: return "arrived";
    case Stage::kAbandoned: return "abandoned";
    case Stage::kNotQualified: return "not_qualified";
    case Stage::kQualifyUnknown: return "qualify_unknown";
    case Stage::kDeclined: return "declined";
    case Stage::kRejected: return "rejected";
    case Stage::kTokenExpired: return "token_expired";
    case Stage::kProvisioning: return "provisioning";
    case Stage::kProvisioned: return "provisioned";
    case Stage::kFailed: return "failed";
  }
  return "?";
}

}  // namespace provsim::sim
