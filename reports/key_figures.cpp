#include "reports/key_figures.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "reports/value_text.hpp"
#include "reports/xml_escape.hpp"

namespace provsim::reports {

namespace {

std::string esc(std::string_view s) { return xml_escape(s); }

std::optional<double> number(const Results& r, const std::string& key) {
  auto it = r.metrics.find(key);
  if (it == r.metrics.end()) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(&it->second)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&it->second)) return std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt;
  return std::nullopt;
}

std::optional<std::string> text(const Results& r, const std::string& key) {
  auto it = r.metrics.find(key);
  if (it == r.metrics.end()) return std::nullopt;
  return value_text(it->second);
}

// Counts as integers, anything else to four significant figures.
std::string count_text(double x) {
  char buf[32];
  if (x == std::floor(x) && std::fabs(x) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", x);
  else std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, fraction != 0 && std::fabs(fraction) < 0.001 ? "%.3f %%" : "%.1f %%",
                fraction * 100);
  return buf;
}

// The distinct middle parts of keys "<prefix><middle>.<suffix>".
std::set<std::string> names_with(const Results& r, const std::string& prefix, const std::string& suffix) {
  std::set<std::string> out;
  for (const auto& [key, value] : r.metrics) {
    if (key.size() <= prefix.size() + suffix.size() + 1 || key.compare(0, prefix.size(), prefix) != 0) continue;
    if (key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0 || key[key.size() - suffix.size() - 1] != '.')
      continue;
    out.insert(key.substr(prefix.size(), key.size() - prefix.size() - suffix.size() - 1));
  }
  return out;
}

// One card: a heading, rows of figures, links to charts.
class Card {
 public:
  Card(std::string id, std::string title) : id_(std::move(id)), title_(std::move(title)) {}
  void row(const std::string& label, const std::string& value_html) {
    rows_ += "<tr><th scope=\"row\">" + esc(label) + "</th><td>" + value_html + "</td></tr>\n";
  }
  void link(const ChartSet& charts, const std::string& key, const std::string& label) {
    if (const Chart* c = chart_with_key(charts, key))
      links_ += "<a href=\"#" + esc(c->id) + "\">" + esc(label) + " &rarr;</a> ";
  }
  bool empty() const { return rows_.empty(); }
  std::string html() const {
    return "<div class=\"card\" id=\"" + esc(id_) + "\">\n<h3>" + esc(title_) + "</h3>\n<table class=\"figures\">\n" +
           rows_ + "</table>\n" + (links_.empty() ? "" : "<p class=\"links\">" + links_ + "</p>\n") + "</div>\n";
  }

 private:
  std::string id_, title_, rows_, links_;
};

Card channels(const Results& r, const ChartSet& charts) {
  Card card("key-channels", "Channels");
  for (const auto& ch : names_with(r, "funnel.", "arrived")) {
    const auto arrived = number(r, "funnel." + ch + ".arrived");
    const auto provisioned = number(r, "funnel." + ch + ".provisioned");
    std::string value;
    if (arrived && provisioned && *arrived > 0)
      value = "<b>" + percent(*provisioned / *arrived) + "</b> provisioned (" + count_text(*provisioned) +
              " of " + count_text(*arrived) + ")";
    else if (arrived)
      value = count_text(*arrived) + " arrived";
    if (const auto p95 = number(r, "latency." + ch + ".p95_s"))
      value += (value.empty() ? "" : "; ") + std::string("p95 latency <b>") + esc(duration_text(*p95)) + "</b>";
    if (!value.empty()) card.row(ch, value);
  }
  card.link(charts, "funnel", "funnel");
  card.link(charts, "latency.channels", "latency");
  return card;
}

Card adapters(const Results& r, const ChartSet& charts) {
  Card card("key-adapters", "Provisioning adapters");
  std::string bottleneck;
  double highest = -1;
  std::string all;
  for (const auto& a : names_with(r, "adapters.", "utilisation")) {
    const auto u = number(r, "adapters." + a + ".utilisation");
    if (!u) continue;
    all += (all.empty() ? "" : ", ") + esc(a) + " " + percent(*u);
    if (*u > highest) {
      highest = *u;
      bottleneck = a;
    }
  }
  if (bottleneck.empty()) return card;
  std::string value = "<b>" + esc(bottleneck) + "</b>, utilisation <b>" + percent(highest) + "</b>";
  if (const auto q = number(r, "adapters." + bottleneck + ".peak_queued")) value += ", peak queue " + count_text(*q);
  if (const auto w = number(r, "adapters." + bottleneck + ".mean_wait_s")) value += ", mean wait " + esc(duration_text(*w));
  card.row("bottleneck", value);
  card.row("utilisation", all);
  if (const auto p95 = number(r, "orders.latency_p95_s")) card.row("order latency p95", "<b>" + esc(duration_text(*p95)) + "</b>");
  card.link(charts, "series.adapters.count", "adapters over time");
  card.link(charts, "latency.steps", "step latency");
  return card;
}

Card call_centres(const Results& r, const ChartSet& charts) {
  Card card("key-csr", "CSR call centres");
  for (const auto& c : names_with(r, "call_centre.", "p_wait")) {
    const std::string k = "call_centre." + c + ".";
    const auto p_wait = number(r, k + "p_wait");
    if (!p_wait) continue;
    std::string value = "waits <b>" + percent(*p_wait) + "</b>";
    if (const auto theory = number(r, k + "erlang_c_p_wait")) value += " (Erlang C " + percent(*theory) + ")";
    if (const auto w = number(r, k + "mean_wait_s")) value += ", mean wait <b>" + esc(duration_text(*w)) + "</b>";
    if (const auto u = number(r, k + "utilisation")) value += ", utilisation <b>" + percent(*u) + "</b>";
    if (const auto n = number(r, k + "agents")) value += ", " + count_text(*n) + " agents";
    card.row(c, value);
  }
  card.link(charts, "series.call_centre.s", "waiting over time");
  card.link(charts, "series.call_centre.count", "queues over time");
  return card;
}

Card addresses(const Results& r, const ChartSet& charts) {
  Card card("key-addresses", "Addresses");
  for (const auto& pool : names_with(r, "ip.", "blocking")) {
    if (pool.find('.') != std::string::npos) continue;
    const auto b = number(r, "ip." + pool + ".blocking");
    if (!b) continue;
    std::string value = "blocking <b>" + percent(*b) + "</b>";
    const auto engset = number(r, "ip." + pool + ".engset_blocking");
    const auto erlang = number(r, "ip." + pool + ".erlang_b_blocking");
    if (engset || erlang) {
      value += " against";
      if (engset) value += " Engset " + percent(*engset);
      if (engset && erlang) value += ",";
      if (erlang) value += " Erlang B " + percent(*erlang);
    }
    if (const auto cap = number(r, "ip." + pool + ".capacity")) value += "; " + count_text(*cap) + " addresses";
    card.row(pool, value);
  }
  if (const auto all = number(r, "ip.blocking"); all && !card.empty()) card.row("all pools", "blocking <b>" + percent(*all) + "</b>");
  card.link(charts, "pool_blocking", "blocking against theory");
  for (const auto& pool : names_with(r, "ip.", "capacity")) card.link(charts, "pool." + pool, "pool " + pool);
  return card;
}

Card money(const Results& r, const ChartSet& charts) {
  Card card("key-money", "Money");
  std::set<std::string> parties;
  for (const auto& [key, value] : r.metrics) {
    for (const std::string prefix : {"revenue.", "revenue_rated."}) {
      if (key.compare(0, prefix.size(), prefix) == 0 && key.find('.', prefix.size()) == std::string::npos)
        parties.insert(key.substr(prefix.size()));
    }
  }
  for (const auto& party : parties) {
    std::string value;
    if (const auto rated = text(r, "revenue_rated." + party)) value = "rated " + esc(*rated);
    if (const auto settled = text(r, "revenue." + party))
      value += (value.empty() ? "" : "; ") + std::string("settled <b>") + esc(*settled) + "</b>";
    card.row(party, value);
  }
  if (const auto conserved = text(r, "money.conserved"))
    card.row("money conserved", *conserved == "true" ? "<span class=\"pass\">yes</span>"
                                                    : "<span class=\"fail\">" + esc(*conserved) + "</span>");
  card.link(charts, "revenue", "revenue");
  card.link(charts, "settlement.cycles", "settlement");
  return card;
}

}  // namespace

std::string duration_text(double seconds) {
  char buf[48];
  const double a = std::fabs(seconds);
  if (a < 120) std::snprintf(buf, sizeof buf, "%.3g s", seconds);
  else if (a < 2 * 3600.0) std::snprintf(buf, sizeof buf, "%.3g min", seconds / 60);
  else if (a < 2 * 86400.0) std::snprintf(buf, sizeof buf, "%.3g h", seconds / 3600);
  else std::snprintf(buf, sizeof buf, "%.3g d", seconds / 86400);
  return buf;
}

std::string key_figures_html(const Results& results, const ChartSet& charts) {
  std::string cards;
  for (const Card& c : {channels(results, charts), adapters(results, charts), call_centres(results, charts),
                        addresses(results, charts), money(results, charts)})
    if (!c.empty()) cards += c.html();
  if (cards.empty()) return "";
  return "<section id=\"key-figures\">\n<h2>Key figures</h2>\n<div class=\"cards\">\n" + cards + "</div>\n</section>\n";
}

}  // namespace provsim::reports
