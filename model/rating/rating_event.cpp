#include "model/rating/rating_event.hpp"

namespace provsim {

std::string_view to_string(SuspenseReason reason) {
  switch (reason) {
    case SuspenseReason::kNone: return "none";
    case SuspenseReason::kUnknownUser: return "unknown_user";
    case SuspenseReason::kNotSubscribed: return "not_subscribed";
    case SuspenseReason::kUnknownOffering: return "unknown_offering";
    case SuspenseReason::kOutsideSubscription: return "outside_subscription";
    case SuspenseReason::kNoRule: return "no_rule";
    case SuspenseReason::kUnknownOriginal: return "unknown_original";
  }
  return "?";
}

}  // namespace provsim
