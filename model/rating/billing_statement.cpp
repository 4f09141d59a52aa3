#include "model/rating/billing_statement.hpp"

namespace provsim {

std::string_view to_string(ChargeKind kind) {
  switch (kind) {
    case ChargeKind::kRecurring: return "recurring";
    case ChargeKind::kPurchase: return "purchase";
    case ChargeKind::kUsage: return "usage";
  }
  return "?";
}

}  // namespace provsim
