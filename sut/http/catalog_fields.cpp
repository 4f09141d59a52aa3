#include "sut/http/catalog_fields.hpp"

namespace provsim::sut {
namespace {

template <typename Find>
auto known(const Json& j, const char* name, const char* what, Find&& find) {
  const std::string code = text(j, name);
  const auto id = find(code);
  if (!id) throw ProtocolError(std::string("field '") + name + "': unknown " + what + " '" + code + "'");
  return *id;
}

}  // namespace

ProviderId provider_field(const Catalog& catalog, const Json& j, const char* name) {
  return known(j, name, "provider", [&](const std::string& code) { return catalog.find_provider(code); });
}

OfferingId offering_field(const Catalog& catalog, const Json& j, const char* name) {
  return known(j, name, "offering", [&](const std::string& code) { return catalog.find_offering(code); });
}

PlanId plan_field(const Catalog& catalog, const Json& j, const char* name) {
  return known(j, name, "plan", [&](const std::string& code) { return catalog.find_plan(code); });
}

}  // namespace provsim::sut
