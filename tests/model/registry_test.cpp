// Products made by name (model/core/registry.hpp): what the allocators and
// the over-allocation policies are created through.

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/address/over_allocation_policy.hpp"
#include "model/core/registry.hpp"

namespace provsim {
namespace {

struct Shape {
  virtual ~Shape() = default;
  virtual std::string describe() const = 0;
};
struct ShapeOptions {
  int size = 1;
};
struct Square : Shape {
  explicit Square(int s) : size(s) {}
  std::string describe() const override { return "square " + std::to_string(size); }
  int size;
};
struct Framed : Shape {
  explicit Framed(std::unique_ptr<Shape> in) : inner(std::move(in)) {}
  std::string describe() const override { return "framed " + inner->describe(); }
  std::unique_ptr<Shape> inner;
};
using ShapeRegistry = Registry<Shape, ShapeOptions>;

TEST(Registry, CreatesByNameWithOptionsAndFromOtherProducts) {
  ShapeRegistry r("shape");
  r.add("square", [](const ShapeOptions& o) { return std::make_unique<Square>(o.size); });
  r.add("framed-square", [](const ShapeOptions& o, const ShapeRegistry& registry) {
    return std::make_unique<Framed>(registry.create("square", o));
  });
  EXPECT_EQ(r.create("square", ShapeOptions{3})->describe(), "square 3");
  EXPECT_EQ(r.create("framed-square", ShapeOptions{2})->describe(), "framed square 2");
  EXPECT_EQ(r.names(), (std::vector<std::string>{"framed-square", "square"}));
  EXPECT_TRUE(r.contains("square"));
  EXPECT_FALSE(r.contains("circle"));
}

TEST(Registry, AnUnknownNameIsAnErrorListingTheKnownOnes) {
  try {
    PolicyRegistry::with_builtins().create("wait-forever");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "unknown over-allocation policy 'wait-forever' (known: borrow, grow, preempt, queue, reject)");
  }
}

}  // namespace
}  // namespace provsim
