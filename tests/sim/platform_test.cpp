// The scenario's link latency is the latency a message sees: a message
// between two hosts crosses both hosts' links, and CM02 applies no latency
// correction factor. (Each test runs in its own process: one SimGrid Engine
// per process.)

#include <gtest/gtest.h>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include "sim/platform.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

TEST(Platform, MessageLatencyIsTheSumOfBothLinksLatencies) {
  int argc = 3;
  char a0[] = "test", a1[] = "--cfg=network/model:CM02", a2[] = "--log=root.thres:critical";
  char* argv[] = {a0, a1, a2, nullptr};
  sg4::Engine engine(&argc, argv);
  PlatformSpec spec;
  spec.hosts.push_back(HostSpec{"a", "platform", std::nullopt, 1e9, 1e12, 0.005});
  spec.hosts.push_back(HostSpec{"b", "isp", ProviderId(0), 1e9, 1e12, 0.008});
  const Platform p = build_platform(spec);
  double arrived = -1;
  static int payload = 42;
  sg4::Actor::create("sender", p.hosts.at("a"), [] { sg4::Mailbox::by_name("box")->put(&payload, 1); });
  sg4::Actor::create("receiver", p.hosts.at("b"), [&arrived] {
    sg4::Mailbox::by_name("box")->get<int>();
    arrived = sg4::Engine::get_clock();
  });
  engine.run();
  EXPECT_NEAR(arrived, 0.013, 0.013 * 0.01);
}

}  // namespace
}  // namespace provsim::sim
