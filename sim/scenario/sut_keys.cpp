// Scenario keys of the harness: a system under test put beside the
// in-process reference (docs/harness.md). They say where the system runs
// and how it is judged, not what is simulated, so the scenario hash leaves
// them out. provsim run's --sut options override them.

#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {

void declare_sut_keys(ConfigSchema& s) {
  s.text("sut.rating", "",
         "the rating engine under test, http://HOST:PORT, judged against the reference; empty: none");
  s.text("sut.address", "",
         "the IP address server under test, http://HOST:PORT, judged against the reference; empty: none");
  s.text("sut.provisioning", "",
         "the provisioning manager under test, http://HOST:PORT, judged against the reference (shadow mode "
         "only); empty: none");
  s.text("sut.mode", "shadow",
         "shadow: the reference's answers drive the run and the system's are compared; drive: the system's "
         "answers drive it and the reference judges; one mode for every component, or one per component: "
         "rating=drive,address=shadow (a component not named is shadowed)");
  s.duration("sut.timeout", "5s", "wall-clock wait for each answer of the system under test", 0.001);
}

}  // namespace provsim::sim
