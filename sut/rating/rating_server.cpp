#include "sut/rating/rating_server.hpp"

#include <fstream>
#include <random>
#include <sstream>

namespace provsim::sut {
namespace {

// Splits one CSV line on commas (the rating tables quote nothing).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out(1);
  for (const char c : line) {
    if (c == ',')
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

// A copy of the scenario folder whose rating rules all round half-even:
// the engine then prices with the wrong method, as a misconfigured system
// would.
std::filesystem::path half_even_copy(const std::filesystem::path& dir) {
  std::random_device random;
  const auto copy = std::filesystem::temp_directory_path() /
                    ("provsim-half-even-" + std::to_string(random()) + "-" + std::to_string(random())) /
                    dir.filename();
  std::filesystem::create_directories(copy.parent_path());
  std::filesystem::copy(dir, copy, std::filesystem::copy_options::recursive);
  const auto rules = copy / "rating_rules.csv";
  std::ifstream in(rules);
  if (!in) return copy;
  std::ostringstream out;
  std::string line;
  std::optional<std::size_t> column;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      out << line << '\n';
      continue;
    }
    std::vector<std::string> row = cells(line);
    if (!column) {
      for (std::size_t i = 0; i < row.size(); ++i)
        if (row[i] == "rounding") column = i;
      if (!column) column = row.size();
    } else if (*column < row.size()) {
      row[*column] = "half_even";
    }
    for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << row[i];
    out << '\n';
  }
  in.close();
  std::ofstream(rules) << out.str();
  return copy;
}

}  // namespace

std::optional<Fault> fault_named(const std::string& name) {
  if (name == "none") return Fault::kNone;
  if (name == "half-even") return Fault::kHalfEven;
  if (name == "drop-share") return Fault::kDropShare;
  if (name == "late") return Fault::kLate;
  if (name == "wrong-reason") return Fault::kWrongReason;
  if (name == "garbled") return Fault::kGarbled;
  return std::nullopt;
}

// One run's engine, made by POST /reset.
struct RatingServer::Session {
  explicit Session(const sim::Scenario& s)
      : scenario(s), json(s.catalog), engine(s.catalog, s.rating->book, s.options.rating) {
    engine.set_observer(&recorder);
  }
  const sim::Scenario& scenario;
  RatingJson json;
  RatingEngine engine;
  sim::AnswerRecorder recorder;
};

RatingServer::RatingServer(ServerOptions options)
    : JsonServer("rating", {"reset", "subscriptions", "events", "cycles/close"}, options, options.fault == Fault::kLate,
                 [this](const std::string& operation, const Json& request) { return handle(operation, request); }),
      options_(std::move(options)) {
  for (const auto& dir : options_.scenarios) {
    std::filesystem::path from = dir;
    if (options_.fault == Fault::kHalfEven) {
      from = half_even_copy(dir);
      temporary_.push_back(from.parent_path());
    }
    scenarios_[served_name(dir)] = sim::load_scenario(from);
  }
}

RatingServer::~RatingServer() {
  for (const auto& dir : temporary_) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
}

void RatingServer::plant(sim::EventAnswer& a) const {
  if (options_.fault == Fault::kDropShare && a.outcome.status == RatingStatus::kRated && a.shares.size() > 1)
    a.shares.pop_back();
  if (options_.fault == Fault::kWrongReason && a.outcome.status == RatingStatus::kSuspended)
    a.outcome.reason = SuspenseReason::kNoRule;
}

Json RatingServer::handle(const std::string& operation, const Json& request) {
  if (operation == "reset") {
    const std::string name = text(request, "scenario");
    const auto it = scenarios_.find(name);
    if (it == scenarios_.end()) throw ProtocolError("this server does not serve the scenario '" + name + "'");
    session_.reset();
    session_ = std::make_unique<Session>(*it->second);
    return Json{{"scenario", name}};
  }
  if (!session_) throw ProtocolError("no run started: POST /reset first");
  Session& s = *session_;
  if (operation == "subscriptions") {
    const sim::SubscriptionChange change = s.json.subscription(request);
    sim::SubscriptionAnswer a{sim::apply_change(s.engine, change), s.recorder.take_rerated()};
    for (auto& e : a.rerated) plant(e);
    return s.json.subscription_answer(a);
  }
  if (operation == "events") {
    (void)simulated_now(request);
    const std::vector<RatingEvent> events = s.json.events(request);
    sim::RateAnswer a = sim::rate_in_detail(s.engine, s.recorder, events);
    for (auto& e : a.events) plant(e);
    if (options_.fault == Fault::kGarbled) return Json{{"result", s.json.rate_answer(a)["results"]}};
    return s.json.rate_answer(a);
  }
  // cycles/close
  return s.json.statement(s.engine.close_cycle(number(request, "end")));
}

}  // namespace provsim::sut
