#include "sut/address/address_json.hpp"

#include <array>
#include <limits>

namespace provsim::sut {
namespace {

constexpr std::array<const char*, 4> kBind = {"bound", "already_bound", "refused", "no_pool"};
constexpr std::array<const char*, 4> kLease = {"granted", "waiting", "blocked", "not_bound"};
constexpr std::array<const char*, 9> kEffects = {
    "granted_after_wait", "blocked_after_wait", "preempted",     "expired",    "loan_requested",
    "block_requested",    "loan_arrived",       "loan_returned", "block_added"};

std::uint32_t u32(const Json& j, const char* name) {
  const std::uint64_t n = count(j, name);
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw ProtocolError(std::string("field '") + name + "': out of range");
  return static_cast<std::uint32_t>(n);
}

bool has_subscriber(AddressEffect::Kind k) {
  using K = AddressEffect::Kind;
  return k == K::kLeaseGranted || k == K::kLeaseBlocked || k == K::kLeaseRevoked || k == K::kLeaseExpired;
}

bool has_request(AddressEffect::Kind k) {
  return k == AddressEffect::Kind::kRequestLoan || k == AddressEffect::Kind::kRequestBlock;
}

}  // namespace

std::string_view to_string(BindStatus s) { return kBind[static_cast<std::size_t>(s)]; }
std::string_view to_string(LeaseStatus s) { return kLease[static_cast<std::size_t>(s)]; }
std::string_view effect_name(AddressEffect::Kind k) { return kEffects[static_cast<std::size_t>(k)]; }

std::string AddressJson::pool_name(PoolId id) const {
  const AddressPool& p = server_.pool(id);
  const std::string& isp = catalog_.provider(p.owner()).code;
  return p.region().empty() ? isp : isp + "/" + p.region();
}

std::optional<PoolId> AddressJson::pool_named(const std::string& name) const {
  for (std::size_t i = 0; i < server_.pool_count(); ++i) {
    const PoolId id(static_cast<PoolId::rep>(i));
    if (pool_name(id) == name) return id;
  }
  return std::nullopt;
}

std::string AddressJson::address_of(SubscriberId who) const {
  const auto held = server_.lease_of(who);
  return held ? server_.address_text(server_.pool(held->first), held->second) : std::string();
}

Json AddressJson::effects(std::span<const AddressEffect> effects) const {
  Json list = Json::array();
  for (const AddressEffect& e : effects) {
    Json j{{"kind", effect_name(e.kind)}, {"pool", pool_name(e.pool)}};
    if (has_subscriber(e.kind)) j["subscriber"] = e.subscriber.value();
    if (e.slot != kNoSlot) j["address"] = server_.address_text(server_.pool(e.pool), e.slot);
    if (has_request(e.kind)) j["request"] = e.request.value();
    if (!has_subscriber(e.kind)) j["count"] = e.count;
    if (e.kind == AddressEffect::Kind::kLeaseGranted || e.kind == AddressEffect::Kind::kLeaseBlocked)
      j["waited"] = e.waited;
    list.push_back(std::move(j));
  }
  return list;
}

std::vector<WireEffect> AddressJson::effects(const Json& answer) const {
  const Json& list = field(answer, "effects");
  if (!list.is_array()) throw ProtocolError("field 'effects': not an array");
  std::vector<WireEffect> out;
  for (const Json& j : list) {
    WireEffect w;
    AddressEffect& e = w.effect;
    e.kind = static_cast<AddressEffect::Kind>(pick(j, "kind", kEffects));
    const std::string pool = text(j, "pool");
    const auto id = pool_named(pool);
    if (!id) throw ProtocolError("field 'pool': unknown pool '" + pool + "'");
    e.pool = *id;
    if (has_subscriber(e.kind)) e.subscriber = subscriber(j);
    if (j.contains("address")) w.address = text(j, "address");
    if (has_request(e.kind)) {
      const std::uint64_t r = count(j, "request");
      if (r >= RequestId::kInvalid) throw ProtocolError("field 'request': out of range");
      e.request = RequestId(static_cast<RequestId::rep>(r));
    }
    if (j.contains("count")) e.count = u32(j, "count");
    if (j.contains("waited")) e.waited = number(j, "waited");
    out.push_back(std::move(w));
  }
  return out;
}

BindStatus AddressJson::bind_status(const Json& a) const { return static_cast<BindStatus>(pick(a, "status", kBind)); }
LeaseStatus AddressJson::lease_status(const Json& a) const {
  return static_cast<LeaseStatus>(pick(a, "outcome", kLease));
}

bool AddressJson::done(const Json& a) const {
  const Json& f = field(a, "done");
  if (!f.is_boolean()) throw ProtocolError("field 'done': not true or false");
  return f.get<bool>();
}

SubscriberId AddressJson::subscriber(const Json& j) const {
  const std::uint32_t n = u32(j, "subscriber");
  if (n == std::numeric_limits<std::uint32_t>::max()) throw ProtocolError("field 'subscriber': out of range");
  return SubscriberId(n);
}

ProviderId AddressJson::isp(const Json& j) const { return provider_field(catalog_, j, "isp"); }

}  // namespace provsim::sut
