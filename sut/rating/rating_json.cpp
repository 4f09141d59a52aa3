#include "sut/rating/rating_json.hpp"

#include <array>
#include <cmath>
#include <limits>

namespace provsim::sut {
namespace {

constexpr std::array<const char*, 3> kStatus = {"rated", "suspended", "duplicate"};
constexpr std::array<const char*, 5> kActions = {"open", "add_offering", "remove_offering", "change_plan", "close"};

SuspenseReason reason_named(const std::string& name) {
  for (std::size_t i = 0; i < kSuspenseReasonCount; ++i) {
    const auto r = static_cast<SuspenseReason>(i);
    if (to_string(r) == name) return r;
  }
  throw ProtocolError("field 'reason': unknown value '" + name + "'");
}

ChargeKind kind_named(const std::string& name) {
  for (std::size_t i = 0; i < kChargeKindCount; ++i) {
    const auto k = static_cast<ChargeKind>(i);
    if (to_string(k) == name) return k;
  }
  throw ProtocolError("field 'kind': unknown value '" + name + "'");
}

Quantity quantity(const Json& j, const char* name) {
  try {
    return Quantity::parse(text(j, name));
  } catch (const std::exception&) {  // not a decimal, or beyond 64 bits
    throw ProtocolError(std::string("field '") + name + "': not a decimal quantity");
  }
}

std::int64_t signed_count(const Json& j, const char* name) {
  const std::uint64_t n = count(j, name);
  if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    throw ProtocolError(std::string("field '") + name + "': out of range");
  return static_cast<std::int64_t>(n);
}

}  // namespace

ProviderId RatingJson::provider(const Json& j, const char* name) const {
  return provider_field(catalog_, j, name);
}

OfferingId RatingJson::offering(const Json& j, const char* name) const {
  return offering_field(catalog_, j, name);
}

PlanId RatingJson::plan(const Json& j, const char* name) const {
  return plan_field(catalog_, j, name);
}

// --- subscriptions -------------------------------------------------------

Json RatingJson::subscription(const sim::SubscriptionChange& c) const {
  Json j{{"now", c.now}, {"action", kActions[static_cast<std::size_t>(c.action)]}, {"subscriber", c.user.value()}};
  if (c.plan.valid()) j["plan"] = catalog_.plan(c.plan).code;
  if (c.offering.valid()) j["offering"] = catalog_.offering(c.offering).code;
  if (c.action == sim::SubscriptionAction::kOpen || c.action == sim::SubscriptionAction::kChangePlan) {
    Json list = Json::array();
    for (OfferingId o : c.offerings) list.push_back(catalog_.offering(o).code);
    j["offerings"] = std::move(list);
  }
  return j;
}

sim::SubscriptionChange RatingJson::subscription(const Json& j) const {
  sim::SubscriptionChange c;
  c.now = number(j, "now");
  c.action = static_cast<sim::SubscriptionAction>(pick(j, "action", kActions));
  const std::uint64_t user = count(j, "subscriber");
  if (user > std::numeric_limits<std::uint32_t>::max()) throw ProtocolError("field 'subscriber': out of range");
  c.user = SubscriberId(static_cast<std::uint32_t>(user));
  if (j.contains("plan")) c.plan = plan(j, "plan");
  if (j.contains("offering")) c.offering = offering(j, "offering");
  if (j.contains("offerings"))
    for (const Json& o : list(j, "offerings")) {
      if (!o.is_string()) throw ProtocolError("field 'offerings': not a list of offering codes");
      const auto id = catalog_.find_offering(o.get<std::string>());
      if (!id) throw ProtocolError("field 'offerings': unknown offering '" + o.get<std::string>() + "'");
      c.offerings.push_back(*id);
    }
  return c;
}

Json RatingJson::subscription_answer(const sim::SubscriptionAnswer& a) const {
  Json rerated = Json::array();
  for (const auto& e : a.rerated) rerated.push_back(event_answer(e));
  return Json{{"accepted", a.error.empty()}, {"error", a.error}, {"rerated", std::move(rerated)}};
}

sim::SubscriptionAnswer RatingJson::subscription_answer(const Json& j) const {
  sim::SubscriptionAnswer a;
  if (!flag(j, "accepted")) {
    a.error = j.contains("error") ? text(j, "error") : std::string();
    if (a.error.empty()) a.error = "refused";
  }
  if (j.contains("rerated"))
    for (const Json& e : list(j, "rerated")) a.rerated.push_back(event_answer(e));
  return a;
}

// --- events --------------------------------------------------------------

Json RatingJson::event(const RatingEvent& e) const {
  Json j{{"id", e.id},
         {"bsp", catalog_.provider(e.bsp).code},
         {"subscriber", e.user.value()},
         {"offering", catalog_.offering(e.offering).code},
         {"kind", e.kind == EventKind::kPurchase ? "purchase" : "usage"},
         {"start", e.start},
         {"end", e.end},
         {"quantity", e.quantity.to_string()}};
  if (e.is_refund()) j["refund_of"] = e.refund_of;
  // Only a usage reported in parts carries its place in the session.
  if (e.later_part) j["later_part"] = true;
  if (!e.session_offset.is_zero()) j["session_offset"] = e.session_offset.to_string();
  return j;
}

Json RatingJson::events(double now, std::span<const RatingEvent> events) const {
  Json list = Json::array();
  for (const RatingEvent& e : events) list.push_back(event(e));
  return Json{{"now", now}, {"events", std::move(list)}};
}

std::vector<RatingEvent> RatingJson::events(const Json& j) const {
  std::vector<RatingEvent> out;
  for (const Json& x : list(j, "events")) {
    RatingEvent e;
    e.id = count(x, "id");
    e.bsp = provider(x, "bsp");
    const std::uint64_t user = count(x, "subscriber");
    if (user > std::numeric_limits<std::uint32_t>::max()) throw ProtocolError("field 'subscriber': out of range");
    e.user = SubscriberId(static_cast<std::uint32_t>(user));
    e.offering = offering(x, "offering");
    const std::string kind = text(x, "kind");
    if (kind != "purchase" && kind != "usage") throw ProtocolError("field 'kind': unknown value '" + kind + "'");
    e.kind = kind == "purchase" ? EventKind::kPurchase : EventKind::kUsage;
    e.start = number(x, "start");
    e.end = number(x, "end");
    e.quantity = quantity(x, "quantity");
    if (x.contains("refund_of")) e.refund_of = count(x, "refund_of");
    if (x.contains("later_part")) {
      if (!x["later_part"].is_boolean()) throw ProtocolError("field 'later_part': not true or false");
      e.later_part = x["later_part"].get<bool>();
    }
    if (x.contains("session_offset")) e.session_offset = quantity(x, "session_offset");
    out.push_back(e);
  }
  return out;
}

Json RatingJson::event_answer(const sim::EventAnswer& a) const {
  Json shares = Json::array();
  for (const PartyAmount& s : a.shares)
    shares.push_back(Json{{"party", catalog_.provider(s.party).code}, {"amount", s.amount.to_string()}});
  Json j{{"id", a.id},
              {"bsp", catalog_.provider(a.bsp).code},
              {"status", kStatus[static_cast<std::size_t>(a.outcome.status)]},
              {"reason", std::string(to_string(a.outcome.reason))},
              {"charge", a.outcome.charge.to_string()},
              {"late", a.outcome.late},
              {"clamped", a.outcome.clamped},
              {"shares", std::move(shares)}};
  if (a.plan.valid()) j["plan"] = catalog_.plan(a.plan).code;
  return j;
}

sim::EventAnswer RatingJson::event_answer(const Json& j) const {
  sim::EventAnswer a;
  a.id = count(j, "id");
  a.bsp = provider(j, "bsp");
  a.outcome.status = static_cast<RatingStatus>(pick(j, "status", kStatus));
  a.outcome.reason = j.contains("reason") ? reason_named(text(j, "reason")) : SuspenseReason::kNone;
  a.outcome.charge = j.contains("charge") ? money(j, "charge") : Money();
  a.outcome.late = j.contains("late") && flag(j, "late");
  a.outcome.clamped = j.contains("clamped") && flag(j, "clamped");
  if (a.outcome.status == RatingStatus::kRated) a.plan = plan(j, "plan");
  if (j.contains("shares"))
    for (const Json& s : list(j, "shares")) a.shares.push_back(PartyAmount{provider(s, "party"), money(s, "amount")});
  return a;
}

Json RatingJson::rate_answer(const sim::RateAnswer& a) const {
  Json results = Json::array();
  for (const auto& e : a.events) results.push_back(event_answer(e));
  return Json{{"results", std::move(results)}};
}

sim::RateAnswer RatingJson::rate_answer(const Json& j, std::size_t n) const {
  sim::RateAnswer a;
  const Json& results = list(j, "results");
  if (results.size() != n)
    throw ProtocolError("field 'results': " + std::to_string(results.size()) + " answers to " + std::to_string(n) +
                        " events");
  for (const Json& r : results) {
    a.events.push_back(event_answer(r));
    switch (a.events.back().outcome.status) {
      case RatingStatus::kRated: ++a.rated; break;
      case RatingStatus::kSuspended: ++a.suspended; break;
      case RatingStatus::kDuplicate: ++a.duplicates; break;
    }
  }
  return a;
}

// --- cycles --------------------------------------------------------------

Json RatingJson::close(double end) const { return Json{{"now", end}, {"end", end}}; }

Json RatingJson::statement(const CycleStatement& s) const {
  Json invoices = Json::array();
  for (const Invoice& inv : s.invoices) {
    Json lines = Json::array();
    for (const InvoiceLine& l : inv.lines) {
      Json line{{"offering", catalog_.offering(l.offering).code},
                {"kind", std::string(to_string(l.kind))},
                {"late", l.late},
                {"events", l.events},
                {"quantity", l.quantity.to_string()},
                {"amount", l.amount.to_string()}};
      if (l.plan.valid()) line["plan"] = catalog_.plan(l.plan).code;
      lines.push_back(std::move(line));
    }
    invoices.push_back(Json{{"subscriber", inv.subscriber.value()}, {"total", inv.total.to_string()},
                            {"lines", std::move(lines)}});
  }
  Json settlements = Json::array();
  for (const Settlement& st : s.settlements) {
    Json by_kind = Json::object();
    for (std::size_t k = 0; k < kChargeKindCount; ++k)
      by_kind[std::string(to_string(static_cast<ChargeKind>(k)))] = st.by_kind[k].to_string();
    settlements.push_back(Json{{"party", catalog_.provider(st.party).code},
                               {"by_kind", std::move(by_kind)},
                               {"shares", st.shares},
                               {"total", st.total.to_string()}});
  }
  return Json{{"cycle", s.cycle},
              {"start", s.start},
              {"end", s.end},
              {"invoices", std::move(invoices)},
              {"settlements", std::move(settlements)},
              {"invoiced", s.invoiced.to_string()},
              {"settled", s.settled.to_string()}};
}

CycleStatement RatingJson::statement(const Json& j) const {
  CycleStatement s;
  const std::uint64_t cycle = count(j, "cycle");
  if (cycle > std::numeric_limits<std::uint32_t>::max()) throw ProtocolError("field 'cycle': out of range");
  s.cycle = static_cast<std::uint32_t>(cycle);
  s.start = number(j, "start");
  s.end = number(j, "end");
  for (const Json& x : list(j, "invoices")) {
    Invoice inv;
    const std::uint64_t user = count(x, "subscriber");
    if (user > std::numeric_limits<std::uint32_t>::max()) throw ProtocolError("field 'subscriber': out of range");
    inv.subscriber = SubscriberId(static_cast<std::uint32_t>(user));
    inv.total = money(x, "total");
    for (const Json& l : list(x, "lines")) {
      InvoiceLine line;
      line.offering = offering(l, "offering");
      line.kind = kind_named(text(l, "kind"));
      line.late = flag(l, "late");
      line.events = signed_count(l, "events");
      line.quantity = quantity(l, "quantity");
      line.amount = money(l, "amount");
      if (l.contains("plan")) line.plan = plan(l, "plan");
      inv.lines.push_back(line);
    }
    s.invoices.push_back(std::move(inv));
  }
  for (const Json& x : list(j, "settlements")) {
    Settlement st;
    st.party = provider(x, "party");
    const Json& by_kind = field(x, "by_kind");
    for (std::size_t k = 0; k < kChargeKindCount; ++k)
      st.by_kind[k] = money(by_kind, std::string(to_string(static_cast<ChargeKind>(k))).c_str());
    st.shares = signed_count(x, "shares");
    st.total = money(x, "total");
    s.settlements.push_back(st);
  }
  s.invoiced = money(j, "invoiced");
  s.settled = money(j, "settled");
  return s;
}

}  // namespace provsim::sut
