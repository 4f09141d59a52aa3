#pragma once
// Which components under test drive the run. One mode for all ("shadow",
// "drive") or one per component ("rating=drive,address=shadow"); a
// component the list does not name is shadowed. provsim run's --sut-mode
// and the scenario key sut.mode read the same text.

#include <cstdint>
#include <string>
#include <string_view>

namespace provsim::sim {

// shadow: the reference's answers drive the simulation and the system's
// are compared; drive: the system's answers drive it and the reference
// judges.
enum class SutMode : std::uint8_t { kShadow, kDrive };

struct SutModes {
  SutMode rating = SutMode::kShadow;
  SutMode address = SutMode::kShadow;
  SutMode provisioning = SutMode::kShadow;
  // The components a per-component list named (empty for one mode for all).
  std::string named;

  // Whether a per-component list named `component`.
  bool names(std::string_view component) const {
    return ("," + named + ",").find("," + std::string(component) + ",") != std::string::npos;
  }

  // Throws std::invalid_argument saying what is wrong.
  static SutModes parse(std::string_view text);
};

// The components that can be put under test, as --sut and sut.mode name them.
inline constexpr const char* kSutComponents = "rating, address, provisioning";

}  // namespace provsim::sim
