#include "sim/scenario/sut_modes.hpp"

#include <algorithm>
#include <stdexcept>

namespace provsim::sim {
namespace {

SutMode mode_named(std::string_view name, std::string_view where) {
  if (name == "shadow") return SutMode::kShadow;
  if (name == "drive") return SutMode::kDrive;
  throw std::invalid_argument(std::string(where) + "'" + std::string(name) + "' is not a mode: shadow or drive");
}

}  // namespace

SutModes SutModes::parse(std::string_view text) {
  SutModes m;
  if (text.find('=') == std::string_view::npos) {
    m.rating = m.address = m.provisioning = mode_named(text, "");
    return m;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos)
      throw std::invalid_argument("'" + std::string(item) + "' is not COMPONENT=MODE (rating=drive,address=shadow)");
    const std::string component(item.substr(0, eq));
    SutMode* slot = component == "rating"         ? &m.rating
                    : component == "address"      ? &m.address
                    : component == "provisioning" ? &m.provisioning
                                                  : nullptr;
    if (slot == nullptr)
      throw std::invalid_argument("'" + component + "' is not a component: " + std::string(kSutComponents));
    if (m.names(component)) throw std::invalid_argument("'" + component + "' is named twice");
    *slot = mode_named(item.substr(eq + 1), component + ": ");
    m.named += (m.named.empty() ? "" : ",") + component;
    start = comma + 1;
  }
  return m;
}

}  // namespace provsim::sim
