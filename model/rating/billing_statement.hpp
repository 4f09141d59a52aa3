#pragma once
// What closing a billing cycle produces: an invoice per subscriber and a
// settlement statement per party. Plain data for the sim to write out.

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"
#include "model/money/money.hpp"
#include "model/money/quantity.hpp"

namespace provsim {

enum class ChargeKind : std::uint8_t { kRecurring, kPurchase, kUsage };
inline constexpr std::size_t kChargeKindCount = 3;
std::string_view to_string(ChargeKind kind);

struct InvoiceLine {
  OfferingId offering;
  ChargeKind kind = ChargeKind::kRecurring;
  bool late = false;          // events from an earlier, already closed cycle
  std::int64_t events = 0;    // rated events (refunds included); 0 for recurring
  Quantity quantity;          // recurring: the fraction of the cycle, in milli-months
  Money amount;
  PlanId plan;                // recurring only: the plan the fee came from
};

struct Invoice {
  SubscriberId subscriber;
  std::vector<InvoiceLine> lines;
  Money total;
};

struct Settlement {
  ProviderId party;
  Money by_kind[kChargeKindCount];  // indexed by ChargeKind
  std::int64_t shares = 0;          // how many share amounts were added up
  Money total;
};

struct CycleStatement {
  std::uint32_t cycle = 0;  // 0 for the first
  SimTime start = 0;
  SimTime end = 0;
  std::vector<Invoice> invoices;
  std::vector<Settlement> settlements;
  Money invoiced;  // sum of invoice totals
  Money settled;   // sum of settlement totals; always equal to `invoiced`
};

}  // namespace provsim
