#pragma once
// The price models by name. To add a model: write model/rating/<name>.cpp
// defining `std::unique_ptr<PriceModel> make_<name>(const PriceParams&)` and
// add X(<name>) to the list below.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/rating/price_model.hpp"
#include "model/rating/price_params.hpp"

#define PROVSIM_PRICE_MODELS(X) \
  X(one_time)                   \
  X(per_unit)                   \
  X(graduated)                  \
  X(allowance)                  \
  X(peak_offpeak)

namespace provsim {

#define PROVSIM_DECLARE_PRICE_MODEL(name) std::unique_ptr<PriceModel> make_##name(const PriceParams& params);
PROVSIM_PRICE_MODELS(PROVSIM_DECLARE_PRICE_MODEL)
#undef PROVSIM_DECLARE_PRICE_MODEL

// Builds the model `name` from `params`. Throws ParamError for bad
// parameters and std::invalid_argument for an unknown name.
std::unique_ptr<PriceModel> make_price_model(std::string_view name, const PriceParams& params);
bool is_price_model(std::string_view name);
std::vector<std::string> price_model_names();

}  // namespace provsim
