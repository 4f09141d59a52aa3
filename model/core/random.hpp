#pragma once
// Seeded random streams. One root seed is split into named streams (one per
// actor or generator) so adding a stream never changes another's draws.
// The generator (xoshiro256**) and the distributions are written out here,
// not taken from <random>, so draws are identical on every standard library.

#include <cmath>
#include <cstdint>
#include <string_view>

#include "model/core/int128.hpp"

namespace provsim {

// SplitMix64: used to expand a seed into generator state.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// FNV-1a, 64 bit: a stable hash of a stream name.
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = 0xCBF29CE484222325ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto& word : s_) word = splitmix64(sm);
  }

  // The stream called `name` under the root `seed`.
  static Rng stream(std::uint64_t seed, std::string_view name) {
    std::uint64_t mixed = seed ^ fnv1a64(name);
    return Rng(splitmix64(mixed));
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n) without modulo bias (Lemire's method).
  std::uint64_t below(std::uint64_t n) {
    if (n == 0) return 0;
    uint128 m = static_cast<uint128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<uint128>(next()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  bool bernoulli(double p) { return uniform() < p; }

  // Poisson-distributed count. Exact (by multiplying uniforms) up to a mean
  // of 30; above that a rounded normal approximation, which is within 1 % in
  // every moment that matters for workload generation.
  std::uint64_t poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const double x = mean + std::sqrt(mean) * normal() + 0.5;
      return x < 0 ? 0 : static_cast<std::uint64_t>(x);
    }
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    double product = uniform();
    while (product > limit) {
      ++k;
      product *= uniform();
    }
    return k;
  }

  double exponential(double mean) { return -mean * std::log1p(-uniform()); }

  // Log-normal with the given mean and coefficient of variation: a
  // heavy-tailed holding time whose mean matches an exponential one.
  double lognormal(double mean, double cv) {
    const double sigma2 = std::log1p(cv * cv);
    const double mu = std::log(mean) - sigma2 / 2;
    return std::exp(mu + std::sqrt(sigma2) * normal());
  }

  // Standard normal (Box-Muller, one value per call for simplicity).
  double normal() {
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace provsim
