#include "sim/population.hpp"

#include <vector>

#include "model/provisioning/request.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

struct Pick {
  SubscriberId who;
  LineId line;
  ProviderId isp;
  PlanId plan;
  std::vector<PlanItem> items;
};

// Carries one action out at its party and records it in the store, as the
// workflow engine would have after a completed order.
void provision(World& w, const Pick& p, AdapterKind adapter, Action action, ProviderId party, OfferingId offering) {
  Request r;
  r.adapter = adapter;
  r.action = action;
  r.subscriber = p.who;
  r.line = p.line;
  r.party = party;
  r.plan = p.plan;
  r.offering = offering;
  // An open billing account takes what the platform's store holds, as the
  // provisioning manager's request would carry it.
  const std::vector<OfferingId> items =
      action == Action::kOpen ? w.platform().billed_items(p.who) : std::vector<OfferingId>();
  const PartyAnswer answer = adapter == AdapterKind::kBilling   ? w.platform().billing().preload(r, 0.0, items)
                             : adapter == AdapterKind::kAddress ? w.platform().bindings().preload(r, 0.0)
                                                                : w.parties().systems().preload(r);
  // Asked for more subscribers than a party can hold (addresses, ports):
  // the scenario's population does not fit, which validate reports.
  if (answer.outcome != Outcome::kOk)
    w.config.fail("population.initial", "subscriber " + std::to_string(p.who.value() + 1) +
                                            " does not fit the scenario: " + answer.reason);
  w.platform().provisioning().preload(
      AppliedAction{action, adapter, p.who, p.line, p.isp, p.plan, offering, OfferingId()});
}

// The line with `isp` into `out` if they qualify (a free port, a deliverable tier).
bool qualifies(World& w, LineId line, ProviderId isp, Pick& out) {
  if (w.channels().line_in_service(line)) return false;
  // What the NP's database holds for the line now (the population already
  // placed has taken its ports), as its serviceability worker would answer.
  const QualificationResult q =
      w.platform().qualification().qualify(line, isp, 0.0, w.parties().serviceability().facts(line));
  if (q.status != QualificationStatus::kQualified) return false;
  out.line = line;
  out.isp = isp;
  out.plan = q.offer.plan;
  out.items = q.offer.items;
  return true;
}

// Draws a line and an ISP until they qualify. When random draws keep
// missing, as they do once nearly every line is taken, every line and ISP
// is tried once from a random start, so a population that fits is always
// placed whatever the seed; false means it does not fit.
bool draw(World& w, Rng& rng, const std::vector<ProviderId>& isps, Pick& out) {
  const std::uint64_t lines = w.scenario.network.serviceability.line_count();
  for (int tries = 0; tries < 1000; ++tries) {
    const LineId line(static_cast<LineId::rep>(rng.below(lines)));
    if (w.channels().line_in_service(line)) continue;  // drawn before the ISP: the draws stay as they were
    if (qualifies(w, line, isps[rng.below(isps.size())], out)) return true;
  }
  const std::uint64_t start = rng.below(lines), first_isp = rng.below(isps.size());
  for (std::uint64_t k = 0; k < lines; ++k) {
    const LineId line(static_cast<LineId::rep>((start + k) % lines));
    for (std::size_t j = 0; j < isps.size(); ++j)
      if (qualifies(w, line, isps[(first_isp + j) % isps.size()], out)) return true;
  }
  return false;
}

}  // namespace

void preload_population(World& w) {
  const std::uint64_t count = w.options.initial_population;
  if (count == 0) return;
  Rng rng = w.stream("population");
  const double take = w.options.prospect.bsp_take;
  const std::vector<ProviderId> isps = w.catalog.providers_of(ProviderKind::kIsp);
  const ProviderId np = w.catalog.network_provider();
  for (std::uint64_t i = 0; i < count; ++i) {
    Pick p;
    if (!draw(w, rng, isps, p))
      w.config.fail("population.initial", "only " + std::to_string(i) + " of " + std::to_string(count) +
                                              " subscribers fit the lines, ports and plans of the scenario");
    p.who = w.platform().new_subscriber();
    w.channels().set_line_busy(p.line, true);
    // The fastest deliverable tier, every ISP service, each BSP offering with bsp_take.
    OfferingId tier;
    std::uint32_t best = 0;
    for (const PlanItem& item : p.items)
      if (w.catalog.offering(item.offering).kind == OfferingKind::kAccessTier) {
        const AccessTier* t = w.tiers.find(item.offering);
        if (!tier.valid() || (t && t->speed_kbps > best)) {
          tier = item.offering;
          best = t ? t->speed_kbps : 0;
        }
      }
    provision(w, p, AdapterKind::kNetwork, Action::kActivate, np, tier);
    provision(w, p, AdapterKind::kAddress, Action::kBind, p.isp, OfferingId());
    for (const PlanItem& item : p.items) {
      const Offering& o = w.catalog.offering(item.offering);
      if (o.kind == OfferingKind::kIspService)
        provision(w, p, AdapterKind::kIsp, Action::kCreate, p.isp, o.id);
      else if ((o.kind == OfferingKind::kBspPurchase || o.kind == OfferingKind::kBspUsage) && rng.bernoulli(take))
        provision(w, p, AdapterKind::kBsp, Action::kEntitle, o.owner, o.id);
    }
    provision(w, p, AdapterKind::kBilling, Action::kOpen, ProviderId(), OfferingId());
  }
}

}  // namespace provsim::sim
