// provsim serve rating|address|provisioning: the reference rating engine,
// IP address server or provisioning manager over the harness's wire
// protocol (docs/harness.md), optionally with a planted fault.

#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "sut/address/address_http_server.hpp"
#include "sut/provisioning/provisioning_server.hpp"
#include "sut/rating/rating_server.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"

namespace po = boost::program_options;

namespace provsim::cli {
namespace {

// Serves until SIGINT or SIGTERM: one thread takes them and stops the
// server; the server's threads inherit the blocked mask.
template <typename Server>
int serve_until_stopped(Server& server, const std::string& listen) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  int port = 0;
  try {
    port = server.bind();
  } catch (const std::runtime_error& e) {
    std::cerr << "provsim serve: " << e.what() << "\n";
    return 2;
  }
  std::thread stopper([&server, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  std::cout << "listening on http://" << listen.substr(0, listen.rfind(':')) << ":" << port << std::endl;
  server.serve();
  stopper.join();
  return 0;
}

// The settings both servers share, read once.
void common_options(const po::variables_map& vm, sut::ServeOptions& o) {
  try {
    sut::parse_listen(vm["listen"].as<std::string>(), o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--listen: ") + e.what());
  }
  o.delay_seconds = vm["delay"].as<double>();
  if (!(o.delay_seconds >= 0 && o.delay_seconds <= 3600)) throw UsageError("--delay takes 0 to 3600 seconds");
  if (vm.count("exchange-log")) o.exchange_log = vm["exchange-log"].as<std::string>();
  for (const auto& dir : vm["scenario"].as<std::vector<std::string>>()) o.scenarios.emplace_back(dir);
}

int serve_address(const po::variables_map& vm) {
  sut::AddressServerOptions o;
  const std::string name = vm["fault"].as<std::string>();
  const auto fault = sut::address_fault_named(name);
  if (!fault) throw UsageError("--fault: unknown fault '" + name + "' for the address server");
  o.fault = *fault;
  common_options(vm, o);
  sut::AddressHttpServer server(std::move(o));
  return serve_until_stopped(server, vm["listen"].as<std::string>());
}

int serve_provisioning(const po::variables_map& vm) {
  sut::ProvisioningServerOptions o;
  const std::string name = vm["fault"].as<std::string>();
  const auto fault = sut::provisioning_fault_named(name);
  if (!fault) throw UsageError("--fault: unknown fault '" + name + "' for the provisioning manager");
  o.fault = *fault;
  common_options(vm, o);
  sut::ProvisioningServer server(std::move(o));
  return serve_until_stopped(server, vm["listen"].as<std::string>());
}

}  // namespace

int serve_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim serve rating|address|provisioning --scenario DIR [--scenario DIR...] [options]\n\n"
      "Serves the reference rating engine, IP address server or provisioning\n"
      "manager over the harness protocol (JSON over HTTP/1.1, described in\n"
      "docs/harness-rating.openapi.json, docs/harness-address.openapi.json and\n"
      "docs/harness-provisioning.openapi.json) for the scenarios given: POST\n"
      "/reset names one and starts a fresh engine (on its catalog and rating\n"
      "rules), server (on its address plan and ip.* settings) or workflow engine\n"
      "(on its provisioning.* settings). A provisioning manager given the\n"
      "parties' systems in /reset (a run in drive mode) calls them with its\n"
      "requests. Prints 'listening on http://HOST:PORT' once it accepts\n"
      "requests; stops on SIGINT or SIGTERM.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("component", po::value<std::string>(), "the component to serve: rating, address or provisioning")
      ("scenario", po::value<std::vector<std::string>>()->composing(), "a scenario folder to serve (repeatable)")
      ("listen", po::value<std::string>()->default_value("127.0.0.1:9100"),
       "HOST:PORT to listen on; port 0 picks a free one")
      ("fault", po::value<std::string>()->default_value("none"),
       "be wrong on purpose; rating: none, half-even (round half-even instead of each rule's method), drop-share "
       "(leave out a rated event's last share), late (answer after --delay), wrong-reason (every suspended event "
       "for no_rule), garbled (event answers without their results field); address: none, double-allocation "
       "(a granted lease names an address still leased to another subscriber), late, ignore-release (a "
       "release is answered done but the lease stays held); provisioning: none, skip-compensation (a failed "
       "order's done tasks are claimed undone without asking the parties), ignore-failure (a failed order is "
       "reported completed), late, wrong-task-order (an order's stages run last first: a new order opens "
       "billing before it activates the network)")
      ("delay", po::value<double>()->default_value(2.0), "seconds the 'late' fault waits before each answer")
      ("exchange-log", po::value<std::string>(), "write each request and its answer to this file, one JSON line each");
  const Parsed p = parse(args, options, "component", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!p.vm.count("component")) throw UsageError("name the component to serve: rating, address or provisioning");
  const std::string component = p.vm["component"].as<std::string>();
  if (component != "rating" && component != "address" && component != "provisioning")
    throw UsageError("'" + component + "' cannot be served: only 'rating', 'address' and 'provisioning'");
  if (!p.vm.count("scenario")) throw UsageError("at least one --scenario folder is required");
  if (component == "address") return serve_address(p.vm);
  if (component == "provisioning") return serve_provisioning(p.vm);
  sut::ServerOptions o;
  const auto fault = sut::fault_named(p.vm["fault"].as<std::string>());
  if (!fault) throw UsageError("--fault: unknown fault '" + p.vm["fault"].as<std::string>() + "'");
  o.fault = *fault;
  common_options(p.vm, o);
  sut::RatingServer server(std::move(o));
  return serve_until_stopped(server, p.vm["listen"].as<std::string>());
}

}  // namespace provsim::cli
