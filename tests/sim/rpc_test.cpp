// The typed mailboxes actors talk through (sim/rpc.hpp), in one small
// simulation per test: a caller takes only the reply to its own call, a
// server's receive survives its deadlines, and a variant mailbox hands each
// kind of message to its own handler. (Each test runs in its own process:
// one SimGrid Engine per process.)

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/platform.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

struct Ping {
  int n = 0;
};
struct Pong {
  int n = 0;
};
struct Note {
  std::string text;
};
using PingCall = Call<Ping, Pong>;
using ServerMessage = std::variant<PingCall, Note>;

// Two hosts 10 ms apart (5 ms on each host's link).
class RpcTest : public ::testing::Test {
 protected:
  RpcTest() : engine_(&argc_, argv_) {
    PlatformSpec spec;
    spec.hosts.push_back(HostSpec{"client", "platform", std::nullopt, 1e9, 1e12, 0.005});
    spec.hosts.push_back(HostSpec{"server", "isp", ProviderId(0), 1e9, 1e12, 0.005});
    platform_ = build_platform(spec);
  }
  sg4::Host* host(const std::string& name) const { return platform_.hosts.at(name); }
  void run() { engine_.run(); }

 private:
  int argc_ = 3;
  char a0_[5] = "test", a1_[25] = "--cfg=network/model:CM02", a2_[26] = "--log=root.thres:critical";
  char* argv_[4] = {a0_, a1_, a2_, nullptr};
  sg4::Engine engine_;
  Platform platform_;
};

// The first answer comes after the caller gave up; the second call must get
// its own answer, not the late one.
TEST_F(RpcTest, ACallerDropsALateReplyAndTakesTheOneToItsCall) {
  std::vector<std::optional<int>> got;
  sg4::Actor::create("server", host("server"), [] {
    const auto box = Mailbox<PingCall>::named("server");
    const PingCall first = box.receive();
    sg4::this_actor::sleep_for(1.0);  // slower than the caller waits
    first.answer(Pong{first.request.n * 10}, 100);
    const PingCall second = box.receive();
    second.answer(Pong{second.request.n * 10}, 100);
  });
  sg4::Actor::create("client", host("client"), [&got] {
    Caller<Pong> caller("client");
    const auto server = Mailbox<PingCall>::named("server");
    for (int n : {1, 2}) {
      const auto reply = caller.call<Pong>(server, Ping{n}, 0.5, 100);
      got.push_back(reply ? std::optional<int>(reply->n) : std::nullopt);
      sg4::this_actor::sleep_for(1.0);  // the late answer to call 1 arrives meanwhile
    }
  });
  run();
  EXPECT_EQ(got, (std::vector<std::optional<int>>{std::nullopt, 20}));
}

// A server that also waits for time: a deadline that passes while a
// message is on its way (matched, still crossing the links) does not cost
// the server that message; the next wait receives it.
TEST_F(RpcTest, AReceiverKeepsItsPlaceAcrossDeadlines) {
  std::vector<std::string> seen;
  sg4::Actor::create("server", host("server"), [&seen] {
    Receiver<ServerMessage> intake(Mailbox<ServerMessage>::named("server"));
    for (int i = 0; i < 3; ++i) {
      std::optional<ServerMessage> m = intake.receive_until(sg4::Engine::get_clock() + 0.25);
      if (!m) {
        seen.push_back("deadline");
        continue;
      }
      std::visit(
          [&seen](auto& message) {
            if constexpr (std::is_same_v<std::decay_t<decltype(message)>, Note>)
              seen.push_back("note " + message.text);
            else
              seen.push_back("ping " + std::to_string(message.request.n));
          },
          *m);
    }
  });
  sg4::Actor::create("client", host("client"), [] {
    sg4::this_actor::sleep_for(0.245);  // on its way (10 ms) when the deadline passes at 0.25
    Mailbox<ServerMessage>::named("server").send(Note{"hello"}, 100);
    Mailbox<ServerMessage>::named("server").send(PingCall{Ping{7}, ReplyTo<Pong>()}, 100);
  });
  run();
  EXPECT_EQ(seen, (std::vector<std::string>{"deadline", "note hello", "ping 7"}));
}

}  // namespace
}  // namespace provsim::sim
