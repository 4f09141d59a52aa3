// Scenario keys of usage and rating: the BSPs' event feeds and
// the rating engine. See docs/rating.md.
#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {

void declare_rating_keys(ConfigSchema& s) {
  s.duration("bsp.batch_interval", "15m", "how often each BSP sends its batch of events", 1);
  s.number("bsp.purchases_per_day", 0.3, "purchases per entitled subscriber per day at each BSP", 0, 1e6);
  s.number("bsp.usage_per_day", 2, "usage summaries per subscriber entitled to a usage offering per day", 0, 1e6);
  s.number("bsp.usage_quantity", 20, "mean quantity of a usage summary, in the offering's unit (exponential)", 0,
           1e12);
  s.probability("bsp.resend", 0.02, "chance a BSP resends a batch (as after a lost acknowledgement)");
  s.probability("bsp.refund_share", 0.01, "share of purchases refunded in the BSP's next batch");
  s.duration("bsp.ack_timeout", "60s", "how long a BSP waits for the engine's acknowledgement before resending", 0.001);
  s.duration("rating.cycle", "1d", "billing cycle length: invoices and settlement at each cycle end", 60);
  s.integer("rating.rated_events_limit", 100000,
            "most rated events written to rated_events.csv: beyond it an even sample (every k-th event, k doubling) "
            "is kept",
            0, 1e12);
  s.integer("rating.purchase_refund_window", 0,
            "how many of each BSP's latest purchases a refund may reference (0: all); a refund of an older one is "
            "suspended as unknown_original. Each purchase kept costs 24 bytes",
            0, 1e12);
  s.integer("rating.rounding_decimals", 5,
            "per_unit: CGRateS's global rounding decimals (its general rounding_decimals): the cost of one "
            "increment is rounded half up to them",
            0, 6);
  s.choice("rating.rounding_path", "cost", {"cost", "debit"},
           "per_unit: where the plan's rounding applies: cost = once on the total (CGRateS's GetCost), debit = on "
           "each span (CGRateS's debit with rounding performed)");
  s.integer("rating.usage_refund_window", 65536,
            "how many of each BSP's latest usage events a refund may reference (0: all)", 0, 1e12);
}

}  // namespace provsim::sim
