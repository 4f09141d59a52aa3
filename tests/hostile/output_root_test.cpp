// --out / for real, but only inside a chroot: a throw-away root folder
// holding the provsim binary, the libraries it loads, a scenario and a
// user's files. Even a provsim that deleted "/" could only empty that copy.
// chroot needs root (CI runs as root); elsewhere the case is skipped with
// the reason, and the pure rules test covers "/".

#include <unistd.h>

#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

// ROOT with the binary at /provsim and every library ldd names at its path.
bool build_root(const fs::path& root) {
  const std::string bin = PROVSIM_BINARY;
  const std::string script =
      "set -e\nroot=" + shell_quoted(root.string()) + "\nbin=" + shell_quoted(bin) +
      "\ncp \"$bin\" \"$root/provsim\"\n"
      "for lib in $(ldd \"$bin\" | grep -o '/[^ ]*'); do\n"
      "  mkdir -p \"$root$(dirname \"$lib\")\"\n"
      "  cp -L \"$lib\" \"$root$lib\"\n"
      "done\n";
  write_file(root.parent_path() / "build-root.sh", script);
  const std::string command = "sh " + shell_quoted((root.parent_path() / "build-root.sh").string()) + " >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// provsim runs with /proc mounted inside the root, as on a real system (the
// sanitizers read /proc/self/maps). The mount lives in a mount namespace of
// its own, so it vanishes with the command and the host never sees it; the
// folder /proc stays, empty, as it was made before the snapshot.
ProcessResult in_chroot(const fs::path& root, const std::string& args) {
  const fs::path dir = root.parent_path();
  const std::string q = shell_quoted(root.string());
  const std::string inner = "mount -t proc proc " + q + "/proc && exec chroot " + q + " /provsim " + args;
  const std::string command = "timeout -k 5 60 unshare --mount --propagation private sh -c " + shell_quoted(inner) +
                              " >" + shell_quoted((dir / "out").string()) + " 2>" +
                              shell_quoted((dir / "err").string());
  const int status = std::system(command.c_str());
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir / "out");
  r.err = read_file(dir / "err");
  return r;
}

struct RootCase {
  std::string name;
  std::string args;    // inside the chroot, whose working folder is /
  std::string named;   // the path in the error line
  std::string reason;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const RootCase& c, std::ostream* os) { *os << c.name; }

class HostileRootOut : public ::testing::TestWithParam<RootCase> {};

TEST_P(HostileRootOut, IsRefusedAndTheRootKeepsEveryFile) {
  if (::geteuid() != 0) GTEST_SKIP() << "chroot needs root; CI runs as root (the pure rules test covers '/')";
  const Sandbox s("root");
  const fs::path root = s.root / "newroot";
  fs::create_directories(root / "proc");
  ASSERT_TRUE(build_root(root));
  fs::copy(s.scenario, root / "scen", fs::copy_options::recursive);
  fs::create_directories(root / "home" / "user");
  write_file(root / "home" / "user" / "thesis.txt", "four years of work\n");
  write_file(root / "precious.txt", "at the root\n");
  const Snapshot before = snapshot(root);
  const ProcessResult r = in_chroot(root, GetParam().args);
  expect_refusal(r, GetParam().named, GetParam().reason);
  EXPECT_EQ(snapshot(root), before);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HostileRootOut,
    ::testing::Values(RootCase{"RunOutRoot", "run /scen --out /", "provsim: /: ", "it is the root folder"},
                      RootCase{"RunOutRootDotDot", "run /scen --out /home/..", "provsim: /: ", "it is the root folder"},
                      RootCase{"RunOutHome", "run /scen --out /home", "/home", "folder provsim did not create"},
                      RootCase{"CheckOutRoot", "check /scen --out /", "provsim: /: ", "it is the root folder"},
                      RootCase{"ReportOutRoot", "report /scen --out /", "provsim: /: ", "it is a folder"}),
    [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace provsim::testing
