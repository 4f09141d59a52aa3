// The pieces of the generated job lines and Slurm scripts that keep them
// safe: shell quoting, sbatch's own #SBATCH escaping, control characters
// refused, and the array arithmetic that status uses to resubmit.

#include <gtest/gtest.h>

#include <sstream>

#include "sweep/control_characters.hpp"
#include "sweep/job_script.hpp"
#include "sweep/sweep_status.hpp"

namespace {

using namespace provsim::sweep;

Plan tiny_plan() {
  SweepSpec spec;
  spec.name = "tiny";
  spec.scenario = "/scenarios/base";
  spec.replications = 2;
  spec.axes = {Axis{"ip.policy", {"reject", "borrow"}}};
  return make_plan(spec, 7);
}

TEST(SbatchWord, EscapesEverythingSbatchWouldReadAsSyntax) {
  EXPECT_EQ(sbatch_word("--partition=short"), "--partition=short");
  EXPECT_EQ(sbatch_word("--output=/a b/x#y"), "\"--output=/a b/x#y\"");
  EXPECT_EQ(sbatch_word("it's \"q\" \\"), "\"it's \\\"q\\\" \\\\\"");
  EXPECT_EQ(sbatch_word("$(touch x)"), "\"$(touch x)\"");
  EXPECT_THROW(sbatch_word("a\nb"), std::invalid_argument);
  EXPECT_THROW(sbatch_word("a\rb"), std::invalid_argument);
  EXPECT_EQ(sbatch_word("--comment=my_hetjob 100%"), "\"--comment=my_hetjob 100%\"");
}

TEST(SlurmPatternPath, KeepsPercentLiteral) { EXPECT_EQ(slurm_pattern_path("/o/100%/x"), "/o/100%%/x"); }

TEST(CommandLine, QuotesEveryWordAndRefusesControlCharacters) {
  EXPECT_EQ(command_line("/bin/provsim", {"a b", "it's"}), "'/bin/provsim' 'a b' 'it'\\''s'");
  EXPECT_THROW(command_line("/bin/provsim", {"a\nb"}), std::invalid_argument);
  EXPECT_THROW(command_line("/bin/pro\x1bvsim", {}), std::invalid_argument);
}

TEST(ControlCharacters, AreNamedEscapedNeverRaw) {
  EXPECT_FALSE(has_control_character("plain text, with 'quotes' and $(x)"));
  EXPECT_TRUE(has_control_character(std::string("a\0b", 3)));
  EXPECT_TRUE(has_control_character("\x7f"));
  EXPECT_EQ(control_character_problem("a\nb"), "holds a control character (\\x0A at byte 1): 'a\\x0Ab'");
  EXPECT_EQ(control_character_problem("ab"), "");
}

TEST(SlurmScript, SiteOptionsAreSbatchLinesRightAfterTheShebang) {
  const Plan plan = tiny_plan();
  SlurmOptions o{"/opt/provsim", "/data/my out", 2, 1, {"--cfg=network/model:CM02"}, {}};
  o.site = {"short", "proj1", "1:00:00", "2G", 3, {"--qos=low"}};
  const std::string script = slurm_script(plan, o);
  std::istringstream in(script);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "#!/bin/bash");
  std::vector<std::string> sbatch;
  // sbatch stops reading options at the first line that is not a comment.
  while (std::getline(in, line) && line.rfind("#", 0) == 0)
    if (line.rfind("#SBATCH ", 0) == 0) sbatch.push_back(line.substr(8));
  const std::vector<std::string> expected = {
      "--job-name=provsim-tiny", "\"--comment=provsim-sweep:2:/data/my out\"", "--ntasks=1", "--array=0-1%3",
      "--cpus-per-task=1", "\"--output=/data/my out/logs/slurm-%A_%a.out\"", "--partition=short",
      "--account=proj1", "--time=1:00:00", "--mem=2G", "--qos=low"};
  EXPECT_EQ(sbatch, expected);
  EXPECT_NE(script.find("exec \"$provsim\" sweep resume \"$out\" --quiet --jobs \"${SLURM_CPUS_PER_TASK:-1}\" "
                        "--retries 1 --slice \"${SLURM_ARRAY_TASK_ID}/2\" '--cfg=network/model:CM02'\n"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("out='/data/my out'\n"), std::string::npos);
  EXPECT_NE(collect_script(plan, o).find("exec \"$provsim\" sweep collect \"$out\"\n"), std::string::npos);

  o.site.sbatch_args = {"--comment=a\nrm -rf ~"};
  EXPECT_THROW(slurm_script(plan, o), std::invalid_argument);
}

// The job that carries a size search on runs provsim with each argument
// quoted for the shell, whatever it holds, after the same checks and site
// lines as the array.
TEST(SearchScript, RunsTheSearchAgainWithEveryArgumentQuoted) {
  const Plan plan = tiny_plan();
  SlurmOptions o{"/opt/provsim", "/data/my out", 4, 0, {}, {}};
  o.site.partition = "short";
  const std::string script =
      search_script(plan, o, {"size", "/s/it's", "--target", "a.b <= 0.2", "--set", "x=$(touch /tmp/p)"});
  EXPECT_EQ(script.rfind("#!/bin/bash\n", 0), 0u);
  EXPECT_NE(script.find("#SBATCH \"--output=/data/my out/logs/slurm-search-%j.out\"\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --partition=short\n"), std::string::npos);
  EXPECT_NE(script.find("[ -r \"$out/sweep.json\" ]"), std::string::npos);
  EXPECT_NE(script.find("\nexec \"$provsim\" 'size' '/s/it'\\''s' '--target' 'a.b <= 0.2' '--set' "
                        "'x=$(touch /tmp/p)'\n"),
            std::string::npos)
      << script;
  EXPECT_THROW(search_script(plan, o, {"size", "a\nb"}), std::invalid_argument);
}

TEST(ArrayRanges, CompressRuns) {
  EXPECT_EQ(array_ranges({0, 1, 2, 5, 7, 8}), "0-2,5,7-8");
  EXPECT_EQ(array_ranges({4}), "4");
  EXPECT_EQ(array_ranges({}), "");
}

TEST(TaskOf, IsTheInverseOfSlice) {
  for (std::size_t runs : {1u, 2u, 7u, 10u, 45u})
    for (std::size_t tasks = 1; tasks <= runs; ++tasks)
      for (std::size_t k = 0; k < tasks; ++k)
        for (std::size_t i : slice(runs, k, tasks)) EXPECT_EQ(task_of(runs, i, tasks), k) << runs << " " << tasks << " " << i;
}

TEST(TasksToResubmit, HoldTheFailedAndMissingRunsOnly) {
  std::vector<RunStatus> all(8);
  for (auto& s : all) s.state = RunState::done;
  all[2].state = RunState::failed;
  all[3].state = RunState::running;
  all[7].state = RunState::missing;
  all[6].state = RunState::queued;
  EXPECT_EQ(tasks_to_resubmit(all, 4), (std::vector<std::size_t>{1, 3}));
}

}  // namespace
