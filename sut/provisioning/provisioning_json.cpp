#include "sut/provisioning/provisioning_json.hpp"

#include <array>
#include <charconv>
#include <limits>

namespace provsim::sut {
namespace {

constexpr std::array<const char*, 3> kCategories = {"new", "change", "disconnect"};
constexpr std::array<const char*, 4> kChannels = {"isp_web", "client_software", "isp_csr", "np_csr"};
constexpr std::array<const char*, 5> kAdapters = {"network", "address", "isp", "bsp", "billing"};
constexpr std::array<const char*, 13> kActions = {"activate", "deactivate", "modify",     "bind",   "release",
                                                  "create",   "delete",     "entitle",    "revoke", "open",
                                                  "close",    "add_item",   "remove_item"};
constexpr std::array<const char*, 3> kOutcomes = {"ok", "transient_error", "permanent_error"};

// A whole number below `limit` from a JSON number.
std::uint64_t below(const Json& j, const char* name, std::uint64_t limit) {
  const std::uint64_t n = count(j, name);
  if (n >= limit) throw ProtocolError(std::string("field '") + name + "': out of range");
  return n;
}

// A TMF identifier: a whole number written as text.
std::uint32_t id_text(const Json& j, const char* name) {
  const std::string t = text(j, name);
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || v == std::numeric_limits<std::uint32_t>::max())
    throw ProtocolError(std::string("field '") + name + "': not an identifier ('" + t + "')");
  return v;
}

Json item(int n, const char* action, const char* category, const std::string& spec) {
  Json service{{"category", category}};
  if (!spec.empty()) service["serviceSpecification"] = Json{{"id", spec}};
  return Json{{"id", std::to_string(n)}, {"action", action}, {"service", service}};
}

}  // namespace

std::string_view state_name(OrderState state) {
  switch (state) {
    case OrderState::kCompleted: return "completed";
    case OrderState::kFailed: return "failed";
    case OrderState::kCancelled: return "cancelled";
    default: return "inProgress";
  }
}

std::string ProvisioningJson::code(ProviderId id) const { return id.valid() ? catalog_.provider(id).code : ""; }
std::string ProvisioningJson::code(OfferingId id) const { return id.valid() ? catalog_.offering(id).code : ""; }

ProviderId ProvisioningJson::provider(const Json& j, const char* name) const {
  return provider_field(catalog_, j, name);
}

OfferingId ProvisioningJson::offering(const Json& j, const char* name) const {
  return offering_field(catalog_, j, name);
}

PlanId ProvisioningJson::plan(const Json& j, const char* name) const { return plan_field(catalog_, j, name); }

// --- orders ----------------------------------------------------------------

Json ProvisioningJson::order(const Order& o, SimTime now) const {
  Json j{{"now", now},
         {"id", std::to_string(o.id.value())},
         {"category", kCategories[static_cast<std::size_t>(o.kind)]},
         {"channel", kChannels[static_cast<std::size_t>(o.channel)]},
         {"relatedParty", Json::array({Json{{"role", "customer"}, {"id", std::to_string(o.subscriber.value())}},
                                       Json{{"role", "isp"}, {"id", code(o.isp)}}})}};
  if (o.line.valid()) j["line"] = o.line.value();
  if (o.plan.valid()) j["plan"] = catalog_.plan(o.plan).code;
  Json items = Json::array();
  int n = 0;
  switch (o.kind) {
    case OrderKind::kNew:
      if (o.access_tier.valid()) items.push_back(item(++n, "add", "access", code(o.access_tier)));
      for (const OfferingId s : o.isp_services) items.push_back(item(++n, "add", "isp_service", code(s)));
      for (const OfferingId b : o.bsp_offerings) items.push_back(item(++n, "add", "bsp", code(b)));
      break;
    case OrderKind::kChange:
      if (o.change == ChangeKind::kChangeTier) items.push_back(item(++n, "modify", "access", code(o.access_tier)));
      if (o.change == ChangeKind::kAddBsp && !o.bsp_offerings.empty())
        items.push_back(item(++n, "add", "bsp", code(o.bsp_offerings.front())));
      if (o.change == ChangeKind::kRemoveBsp && !o.bsp_offerings.empty())
        items.push_back(item(++n, "delete", "bsp", code(o.bsp_offerings.front())));
      break;
    case OrderKind::kDisconnect: items.push_back(item(++n, "delete", "subscription", "")); break;
  }
  j["serviceOrderItem"] = std::move(items);
  return j;
}

Order ProvisioningJson::order(const Json& j) const {
  Order o;
  o.id = OrderId(id_text(j, "id"));
  o.kind = static_cast<OrderKind>(pick(j, "category", kCategories));
  o.channel = static_cast<Channel>(pick(j, "channel", kChannels));
  for (const Json& party : list(j, "relatedParty")) {
    const std::string role = text(party, "role");
    if (role == "customer") o.subscriber = SubscriberId(id_text(party, "id"));
    if (role == "isp") o.isp = provider(party, "id");
  }
  if (!o.subscriber.valid()) throw ProtocolError("field 'relatedParty': no customer");
  if (j.contains("line")) o.line = LineId(static_cast<LineId::rep>(below(j, "line", LineId::kInvalid)));
  if (j.contains("plan")) o.plan = plan(j, "plan");
  const std::array<const char*, 3> actions = {"add", "modify", "delete"};
  const std::array<const char*, 4> categories = {"access", "isp_service", "bsp", "subscription"};
  for (const Json& it : list(j, "serviceOrderItem")) {
    const std::size_t action = pick(it, "action", actions);
    const Json& service = field(it, "service");
    const std::size_t category = pick(service, "category", categories);
    if (category == 3) {
      if (action != 2 || o.kind != OrderKind::kDisconnect)
        throw ProtocolError("field 'serviceOrderItem': only a disconnect deletes the subscription");
      continue;
    }
    const OfferingId spec = offering(field(service, "serviceSpecification"), "id");
    if (o.kind == OrderKind::kNew) {
      if (action != 0) throw ProtocolError("field 'serviceOrderItem': a new order only adds");
      if (category == 0) o.access_tier = spec;
      if (category == 1) o.isp_services.push_back(spec);
      if (category == 2) o.bsp_offerings.push_back(spec);
    } else if (o.kind == OrderKind::kChange) {
      if (action == 1 && category == 0) {
        o.change = ChangeKind::kChangeTier;
        o.access_tier = spec;
      } else if (category == 2 && action != 1) {
        o.change = action == 0 ? ChangeKind::kAddBsp : ChangeKind::kRemoveBsp;
        o.bsp_offerings.push_back(spec);
      } else {
        throw ProtocolError("field 'serviceOrderItem': a change modifies the access or adds or deletes a BSP service");
      }
    } else {
      throw ProtocolError("field 'serviceOrderItem': a disconnect only deletes the subscription");
    }
  }
  return o;
}

// --- inventory -------------------------------------------------------------

Json ProvisioningJson::inventory(SimTime now, const std::vector<AppliedAction>& items) const {
  Json rows = Json::array();
  for (const AppliedAction& a : items) {
    Json i{{"subscriber", a.subscriber.value()},
           {"adapter", kAdapters[static_cast<std::size_t>(a.adapter)]},
           {"action", kActions[static_cast<std::size_t>(a.action)]}};
    if (a.line.valid()) i["line"] = a.line.value();
    if (a.isp.valid()) i["isp"] = code(a.isp);
    if (a.plan.valid()) i["plan"] = catalog_.plan(a.plan).code;
    if (a.offering.valid()) i["offering"] = code(a.offering);
    rows.push_back(std::move(i));
  }
  return Json{{"now", now}, {"items", std::move(rows)}};
}

std::vector<AppliedAction> ProvisioningJson::inventory(const Json& j) const {
  std::vector<AppliedAction> out;
  for (const Json& i : list(j, "items")) {
    AppliedAction a;
    a.subscriber = SubscriberId(static_cast<SubscriberId::rep>(below(i, "subscriber", SubscriberId::kInvalid)));
    a.adapter = static_cast<AdapterKind>(pick(i, "adapter", kAdapters));
    a.action = static_cast<Action>(pick(i, "action", kActions));
    if (i.contains("line")) a.line = LineId(static_cast<LineId::rep>(below(i, "line", LineId::kInvalid)));
    if (i.contains("isp")) a.isp = provider(i, "isp");
    if (i.contains("plan")) a.plan = plan(i, "plan");
    if (i.contains("offering")) a.offering = offering(i, "offering");
    out.push_back(a);
  }
  return out;
}

// --- party answers ---------------------------------------------------------

Json ProvisioningJson::task_answer(std::uint64_t request, Outcome outcome, SimTime now, std::string_view detail) const {
  return Json{{"now", now},
              {"request", request},
              {"outcome", kOutcomes[static_cast<std::size_t>(outcome)]},
              {"detail", std::string(detail)}};
}

Outcome ProvisioningJson::outcome(const Json& j) const { return static_cast<Outcome>(pick(j, "outcome", kOutcomes)); }

// --- what a call caused ----------------------------------------------------

Json ProvisioningJson::request_json(const Request& r) const {
  Json j{{"id", r.id},
         {"order", std::to_string(r.order.value())},
         {"adapter", kAdapters[static_cast<std::size_t>(r.adapter)]},
         {"action", kActions[static_cast<std::size_t>(r.action)]},
         {"subscriber", r.subscriber.value()},
         {"attempt", r.attempt},
         {"compensation", r.compensation}};
  if (r.party.valid()) j["party"] = code(r.party);
  if (r.line.valid()) j["line"] = r.line.value();
  if (r.plan.valid()) j["plan"] = catalog_.plan(r.plan).code;
  if (r.offering.valid()) j["offering"] = code(r.offering);
  if (r.previous.valid()) j["previous"] = code(r.previous);
  return j;
}

WireRequest ProvisioningJson::wire_request(const Json& j) const {
  WireRequest w;
  w.id = count(j, "id");
  Request& r = w.request;
  r.order = OrderId(id_text(j, "order"));
  r.adapter = static_cast<AdapterKind>(pick(j, "adapter", kAdapters));
  r.action = static_cast<Action>(pick(j, "action", kActions));
  r.subscriber = SubscriberId(static_cast<SubscriberId::rep>(below(j, "subscriber", SubscriberId::kInvalid)));
  r.attempt = static_cast<std::uint16_t>(below(j, "attempt", std::numeric_limits<std::uint16_t>::max()));
  r.compensation = flag(j, "compensation");
  if (j.contains("party")) r.party = provider(j, "party");
  if (j.contains("line")) r.line = LineId(static_cast<LineId::rep>(below(j, "line", LineId::kInvalid)));
  if (j.contains("plan")) r.plan = plan(j, "plan");
  if (j.contains("offering")) r.offering = offering(j, "offering");
  if (j.contains("previous")) r.previous = offering(j, "previous");
  if (j.contains("key")) r.key = IdempotencyKey{count(j, "key")};
  return w;
}

Json ProvisioningJson::effects(const Effects& e, std::optional<OrderId> started) const {
  Json changes = Json::array();
  if (started) {
    bool ended = false;
    for (const OrderResult& f : e.finished) ended = ended || f.order == *started;
    if (!ended) changes.push_back(Json{{"id", std::to_string(started->value())}, {"state", "inProgress"}});
  }
  for (const OrderResult& f : e.finished) {
    Json change{{"id", std::to_string(f.order.value())}, {"state", state_name(f.state)}};
    if (!f.reason.empty()) change["reason"] = f.reason;
    changes.push_back(std::move(change));
  }
  Json sent = Json::array();
  for (const Request& r : e.requests) sent.push_back(request_json(r));
  return Json{{"orders", std::move(changes)}, {"requests", std::move(sent)}};
}

std::vector<OrderStateChange> ProvisioningJson::state_changes(const Json& answer) const {
  const std::array<const char*, 4> states = {"inProgress", "completed", "failed", "cancelled"};
  std::vector<OrderStateChange> out;
  for (const Json& c : list(answer, "orders")) {
    OrderStateChange s;
    s.order = id_text(c, "id");
    s.state = states[pick(c, "state", states)];
    if (c.contains("reason")) s.reason = text(c, "reason");
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<WireRequest> ProvisioningJson::requests(const Json& answer) const {
  std::vector<WireRequest> out;
  for (const Json& r : list(answer, "requests")) out.push_back(wire_request(r));
  return out;
}

Json ProvisioningJson::party_call(const Request& r) const {
  Json j = request_json(r);
  j["key"] = r.key.value;
  return j;
}

std::string ProvisioningJson::party_path(const Request& r) const {
  return r.party.valid() ? code(r.party) : std::string("platform");
}

std::string_view ProvisioningJson::adapter_name(AdapterKind adapter) {
  return kAdapters[static_cast<std::size_t>(adapter)];
}

std::string ProvisioningJson::signature(const Request& r) const {
  std::string s = "order " + std::to_string(r.order.value()) + " " + kAdapters[static_cast<std::size_t>(r.adapter)] +
                  " " + kActions[static_cast<std::size_t>(r.action)];
  if (r.compensation) s += " (compensation)";
  if (r.party.valid()) s += " at " + code(r.party);
  s += " for subscriber " + std::to_string(r.subscriber.value());
  if (r.offering.valid()) s += " offering " + code(r.offering);
  if (r.previous.valid()) s += " from " + code(r.previous);
  if (r.plan.valid()) s += " plan " + catalog_.plan(r.plan).code;
  if (r.line.valid()) s += " line " + std::to_string(r.line.value());
  return s + " attempt " + std::to_string(r.attempt);
}

}  // namespace provsim::sut
