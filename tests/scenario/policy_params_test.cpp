// ip.policy_params: a researcher's policy parameters are parsed when the
// scenario is loaded, and a name the selected policy does not ask for is
// refused with the key's file and line (a typo would otherwise change
// nothing without a word).

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "model/address/over_allocation_policy.hpp"
#include "sim/scenario/config.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/policy_params.hpp"
#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {
namespace {

// A policy that reads one parameter when it is made, as the README's
// example does; registered under a built-in's name so scenario.ini accepts it.
class RatioPolicy : public OverAllocationPolicy {
 public:
  explicit RatioPolicy(const PolicyOptions& o) : ratio_(o.param("ratio", 2.0)) {}
  std::string_view name() const override { return "reject"; }
  PolicyDecision decide(OverAllocationTrigger, const PoolView&) override { return PolicyDecision::block(); }
  double ratio() const { return ratio_; }

 private:
  double ratio_;
};

PolicyRegistry with_ratio_policy() {
  PolicyRegistry r = PolicyRegistry::with_builtins();
  r.add("reject", [](const PolicyOptions& o) { return std::make_unique<RatioPolicy>(o); });
  return r;
}

Config ini(const std::string& ip_section) {
  return Config::parse("[ip]\n" + ip_section, "scenario.ini", scenario_schema(), {});
}

TEST(PolicyParams, AParameterThePolicyAsksForIsAccepted) {
  const Config c = ini("policy = reject\npolicy_params = ratio=2.5\n");
  EXPECT_NO_THROW(check_policy_params(c, with_ratio_policy()));
  EXPECT_DOUBLE_EQ(policy_params(c).at("ratio"), 2.5);
}

TEST(PolicyParams, ANameThePolicyDoesNotAskForIsRefusedWithItsLine) {
  const Config c = ini("policy = reject\npolicy_params = ratio=2.5,ratoi=3\n");
  try {
    check_policy_params(c, with_ratio_policy());
    FAIL() << "a misspelt parameter was accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "scenario.ini:3: ip.policy_params: 'ratoi' is not a parameter of the reject policy (it takes ratio)");
  }
}

TEST(PolicyParams, ABuiltInPolicyTakesNone) {
  const Config c = ini("policy = borrow\npolicy_params = ratio=2.5\n");
  try {
    check_policy_params(c);
    FAIL() << "a parameter for a policy that reads none was accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "scenario.ini:3: ip.policy_params: 'ratio' is not a parameter of the borrow policy (it takes none)");
  }
}

TEST(PolicyParams, NoParametersNeedNoPolicy) {
  EXPECT_NO_THROW(check_policy_params(ini("policy = borrow\n")));
}

}  // namespace
}  // namespace provsim::sim
