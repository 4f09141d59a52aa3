#include "model/rating/price_model_registry.hpp"

#include <stdexcept>

namespace provsim {
namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<PriceModel> (*make)(const PriceParams&);
};

#define PROVSIM_PRICE_MODEL_ENTRY(name) Entry{#name, &make_##name},
constexpr Entry kModels[] = {PROVSIM_PRICE_MODELS(PROVSIM_PRICE_MODEL_ENTRY)};
#undef PROVSIM_PRICE_MODEL_ENTRY

}  // namespace

std::unique_ptr<PriceModel> make_price_model(std::string_view name, const PriceParams& params) {
  for (const auto& e : kModels)
    if (e.name == name) return e.make(params);
  throw std::invalid_argument("unknown price model '" + std::string(name) + "'");
}

bool is_price_model(std::string_view name) {
  for (const auto& e : kModels)
    if (e.name == name) return true;
  return false;
}

std::vector<std::string> price_model_names() {
  std::vector<std::string> names;
  for (const auto& e : kModels) names.emplace_back(e.name);
  return names;
}

}  // namespace provsim
