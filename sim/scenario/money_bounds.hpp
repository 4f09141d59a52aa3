#pragma once
// Worst-case money and quantity sums of a run, worked out from the scenario
// before it runs. The rating engine adds money in 64-bit micro-units and
// quantities in 64-bit milli-units, checked at every step; a scenario whose
// own prices and volumes could carry a sum past that range is refused here,
// with the file, line and field to change, instead of stopping mid-run.
//
// The range is shared out in four quarters, so that their sum fits too:
// recurring fees, purchases (with their refunds), usage, and the scripted
// events of events.csv. Each quarter bounds the charges of its kind plus
// what fixed and wholesale revenue shares take on top, which bounds every
// invoice, every party's settlement and every running total.

namespace provsim::sim {

struct Scenario;
class Config;

// The tables of `s` under the settings `config` (its own, or a sweep run's).
// Throws InputError naming the table or scenario.ini key that would overflow.
void check_money_bounds(const Scenario& s, const Config& config);

}  // namespace provsim::sim
