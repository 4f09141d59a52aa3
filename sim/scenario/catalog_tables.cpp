#include "sim/scenario/catalog_tables.hpp"

#include <set>

#include "model/rating/usage_unit.hpp"
#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/input_error.hpp"

namespace provsim::sim {
namespace {

ProviderKind provider_kind(const Field& f) {
  const std::string k = f.as_choice({"np", "isp", "bsp"});
  if (k == "np") return ProviderKind::kNetworkProvider;
  return k == "isp" ? ProviderKind::kIsp : ProviderKind::kBsp;
}

OfferingKind offering_kind(const Field& f) {
  const std::string k = f.as_choice({"access_tier", "isp_service", "bsp_purchase", "bsp_usage"});
  if (k == "access_tier") return OfferingKind::kAccessTier;
  if (k == "isp_service") return OfferingKind::kIspService;
  return k == "bsp_purchase" ? OfferingKind::kBspPurchase : OfferingKind::kBspUsage;
}

// Providers, offerings and plans are numbered with 16 bits (the largest
// value means "none"), so a table may hold at most this many rows.
constexpr std::size_t kMaxCatalogRows = 65534;

void check_row_count(const CsvTable& t, std::size_t r, const char* what) {
  if (r >= kMaxCatalogRows)
    t.field(r, "id").fail("more than " + std::to_string(kMaxCatalogRows) + " " + what + " (the most a scenario may hold)");
}

// Which kind of provider may own an offering of each kind.
ProviderKind owner_kind(OfferingKind k) {
  switch (k) {
    case OfferingKind::kAccessTier: return ProviderKind::kNetworkProvider;
    case OfferingKind::kIspService: return ProviderKind::kIsp;
    default: return ProviderKind::kBsp;
  }
}

void load_providers(const CsvTable& t, Catalog& catalog) {
  t.require_rows();
  for (std::size_t r = 0; r < t.size(); ++r) {
    check_row_count(t, r, "providers");
    const std::string code = t.field(r, "id").as_id();
    if (catalog.find_provider(code)) t.field(r, "id").fail("duplicate provider id '" + code + "'");
    catalog.add_provider(code, provider_kind(t.field(r, "kind")), t.field(r, "name").text());
  }
  const auto nps = catalog.providers_of(ProviderKind::kNetworkProvider).size();
  if (nps != 1) throw InputError(t.file(), 0, "kind", "exactly one provider of kind np is required, found " + std::to_string(nps));
  if (catalog.providers_of(ProviderKind::kIsp).empty()) throw InputError(t.file(), 0, "kind", "at least one isp is required");
}

void load_offerings(const CsvTable& t, Catalog& catalog) {
  t.require_rows();
  for (std::size_t r = 0; r < t.size(); ++r) {
    check_row_count(t, r, "offerings");
    const std::string code = t.field(r, "id").as_id();
    if (catalog.find_offering(code)) t.field(r, "id").fail("duplicate offering id '" + code + "'");
    const Field owner_field = t.field(r, "owner");
    const auto owner = catalog.find_provider(owner_field.as_id());
    if (!owner) owner_field.fail("unknown provider '" + owner_field.text() + "'");
    const OfferingKind kind = offering_kind(t.field(r, "kind"));
    if (catalog.provider(*owner).kind != owner_kind(kind))
      owner_field.fail("an offering of kind " + std::string(to_string(kind)) + " must be owned by a provider of kind " +
                       std::string(to_string(owner_kind(kind))));
    const std::string unit = t.field(r, "unit").as_choice(offering_units());
    catalog.add_offering(code, *owner, kind, unit, t.field(r, "name").text());
  }
}

void load_plans(const CsvTable& t, Catalog& catalog) {
  t.require_rows();
  std::set<std::pair<std::uint16_t, std::string>> isp_markets;
  for (std::size_t r = 0; r < t.size(); ++r) {
    check_row_count(t, r, "plans");
    const std::string code = t.field(r, "id").as_id();
    if (catalog.find_plan(code)) t.field(r, "id").fail("duplicate plan id '" + code + "'");
    const Field isp_field = t.field(r, "isp");
    const auto isp = catalog.find_provider(isp_field.as_id());
    if (!isp) isp_field.fail("unknown provider '" + isp_field.text() + "'");
    if (catalog.provider(*isp).kind != ProviderKind::kIsp) isp_field.fail("'" + isp_field.text() + "' is not an isp");
    const std::string market = t.field(r, "market").as_id();
    if (!isp_markets.insert({isp->value(), market}).second)
      t.field(r, "market").fail("isp '" + isp_field.text() + "' already has a plan in market '" + market + "'");
    catalog.add_plan(code, *isp, market, t.field(r, "name").text());
  }
}

void load_plan_offerings(const CsvTable& t, Catalog& catalog) {
  t.require_rows();
  for (std::size_t r = 0; r < t.size(); ++r) {
    const Field plan_field = t.field(r, "plan");
    const auto plan = catalog.find_plan(plan_field.as_id());
    if (!plan) plan_field.fail("unknown plan '" + plan_field.text() + "'");
    const Field offering_field = t.field(r, "offering");
    const auto offering = catalog.find_offering(offering_field.as_id());
    if (!offering) offering_field.fail("unknown offering '" + offering_field.text() + "'");
    const Offering& o = catalog.offering(*offering);
    if (o.kind == OfferingKind::kIspService && o.owner != catalog.plan(*plan).isp)
      offering_field.fail("isp service '" + o.code + "' belongs to another isp than the plan's");
    if (catalog.plan(*plan).item(*offering)) offering_field.fail("offering '" + o.code + "' listed twice in the plan");
    if (catalog.plan(*plan).items.size() == kMaxPlanItems)
      offering_field.fail("plan '" + plan_field.text() + "' has more than " + std::to_string(kMaxPlanItems) +
                          " offerings (the most a plan may hold)");
    catalog.add_plan_item(*plan, PlanItem{*offering, t.field(r, "monthly_fee").as_money()});
  }
  for (const Plan& p : catalog.plans()) {
    bool has_tier = false;
    for (const auto& item : p.items) has_tier |= catalog.offering(item.offering).kind == OfferingKind::kAccessTier;
    if (!has_tier) throw InputError(t.file(), 0, "plan", "plan '" + p.code + "' has no access tier");
  }
}

}  // namespace

Catalog load_catalog(const ScenarioSource& source) {
  Catalog catalog;
  load_providers(CsvTable::read(source, "providers.csv", {"id", "kind", "name"}), catalog);
  load_offerings(CsvTable::read(source, "offerings.csv", {"id", "owner", "kind", "unit", "name"}), catalog);
  load_plans(CsvTable::read(source, "plans.csv", {"id", "isp", "market", "name"}), catalog);
  load_plan_offerings(CsvTable::read(source, "plan_offerings.csv", {"plan", "offering", "monthly_fee"}), catalog);
  return catalog;
}

}  // namespace provsim::sim
