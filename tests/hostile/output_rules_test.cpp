// The output rules as a pure function of the path and what lies there: the
// cases that must never be tried on the real machine ("/", a home folder)
// are shown here, with no file system involved.

#include <gtest/gtest.h>

#include "model/core/printable.hpp"
#include "reports/output_folder.hpp"

namespace provsim::reports {
namespace {

namespace fs = std::filesystem;

struct RuleCase {
  std::string name;
  fs::path target;
  Found found;
  std::string expected;  // "" allowed, else a part of the reason
  bool no_clobber = false;
  FolderKind kind = FolderKind::run;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.name; }

OutputRules rules_for(const RuleCase& c) {
  OutputRules r;
  r.kind = c.kind;
  r.scenarios = {"/home/user/scenarios/x"};
  r.cwd = "/home/user/work";
  r.no_clobber = c.no_clobber;
  return r;
}

class HostileOutputRules : public ::testing::TestWithParam<RuleCase> {};

TEST_P(HostileOutputRules, DecideAsDocumented) {
  const RuleCase& c = GetParam();
  const std::string why = refusal(c.target, Inspection{c.found, "detail"}, rules_for(c));
  if (c.expected.empty())
    EXPECT_EQ(why, "");
  else
    EXPECT_NE(why.find(c.expected), std::string::npos) << why;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HostileOutputRules,
    ::testing::Values(
        RuleCase{"Root", "/", Found::user_folder, "it is the root folder"},
        RuleCase{"RootEvenIfEmpty", "/", Found::empty_folder, "it is the root folder"},
        RuleCase{"HomeHoldsTheScenario", "/home/user", Found::user_folder, "it holds the scenario folder"},
        RuleCase{"Home", "/home", Found::user_folder, "it holds the scenario folder"},
        RuleCase{"TheScenario", "/home/user/scenarios/x", Found::results_folder, "it is the scenario folder"},
        RuleCase{"TheWorkingFolder", "/home/user/work", Found::empty_folder, "it is the working folder"},
        RuleCase{"InsideTheScenarioUserFolder", "/home/user/scenarios/x/data", Found::user_folder,
                 "inside the scenario folder"},
        RuleCase{"InsideTheScenarioNew", "/home/user/scenarios/x/results", Found::nothing, ""},
        RuleCase{"ASiblingWithALongerName", "/home/user/scenarios/xy", Found::nothing, ""},
        RuleCase{"APrefixThatIsNotAParent", "/home/us", Found::nothing, ""},
        RuleCase{"NewFolder", "/home/user/work/results/x", Found::nothing, ""},
        RuleCase{"EmptyFolder", "/home/user/work/results/x", Found::empty_folder, ""},
        RuleCase{"EmptyFolderWithNoClobber", "/home/user/work/results/x", Found::empty_folder, "", true},
        RuleCase{"EarlierResults", "/home/user/work/results/x", Found::results_folder, ""},
        RuleCase{"EarlierResultsWithNoClobber", "/home/user/work/results/x", Found::results_folder, "--no-clobber",
                 true},
        RuleCase{"ForeignFile", "/r", Found::foreign_file, "'detail' in it was not written by provsim"},
        RuleCase{"OtherKind", "/r", Found::other_kind, "provsim detail folder, not a run folder"},
        RuleCase{"OtherKindForCheck", "/r", Found::other_kind, "not a check folder", false, FolderKind::check},
        RuleCase{"OldResults", "/r", Found::old_results, "delete it yourself"},
        RuleCase{"UserFolder", "/r", Found::user_folder, "did not create"},
        RuleCase{"File", "/r", Found::file, "it is a file"},
        RuleCase{"Symlink", "/r", Found::symlink, "symbolic link"},
        RuleCase{"Device", "/dev/null", Found::not_a_folder, "it is not a folder"},
        RuleCase{"Unreachable", "/r", Found::unreachable, "cannot look at it: detail"}),
    [](const auto& test) { return test.param.name; });

TEST(HostileOutputRules, ResolvingNeverClimbsAboveTheRoot) {
  EXPECT_EQ(resolve_output("/"), fs::path("/"));
  EXPECT_EQ(resolve_output("//"), fs::path("/"));
  EXPECT_EQ(resolve_output("/.."), fs::path("/"));
  EXPECT_EQ(resolve_output("/../../.."), fs::path("/"));
  EXPECT_EQ(resolve_output("/proc/.."), fs::path("/"));
  EXPECT_EQ(resolve_output("/nonexistent-provsim-test/a/../b/"), fs::path("/nonexistent-provsim-test/b"));
}

TEST(HostileOutputRules, ThePrintedPathStaysOnOneLine) {
  EXPECT_EQ(printable("a\nb\rc\x1b"), "a\\nb\\rc\\x1b");
  EXPECT_EQ(printable("plain/path"), "plain/path");
}

struct MarkerCase {
  std::string name;
  std::string text;
  bool valid;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const MarkerCase& c, std::ostream* os) { *os << c.name; }

class HostileMarker : public ::testing::TestWithParam<MarkerCase> {};

TEST_P(HostileMarker, OnlyAWellFormedMarkerCounts) {
  EXPECT_EQ(parse_marker(GetParam().text).has_value(), GetParam().valid);
}

const std::string kHead = "provsim results folder: provsim replaces only folders that hold this file\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, HostileMarker,
    ::testing::Values(MarkerCase{"Written", marker_text(Marker{1, FolderKind::run, {"a.csv"}}), true},
                      MarkerCase{"SweepKind", kHead + "format 1\nkind sweep\n", true},
                      MarkerCase{"Empty", "", false},
                      MarkerCase{"OtherFirstLine", "my notes\nformat 1\nkind run\n", false},
                      MarkerCase{"NoKind", kHead + "format 1\n", false},
                      MarkerCase{"NoFormat", kHead + "kind run\n", false},
                      MarkerCase{"UnknownKind", kHead + "format 1\nkind everything\n", false},
                      MarkerCase{"NewerFormat", kHead + "format 2\nkind run\n", false},
                      MarkerCase{"UnknownLine", kHead + "format 1\nkind run\ndelete /\n", false}),
    [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace provsim::reports
