#include "model/provisioning/task.hpp"

namespace provsim {

std::string_view to_string(AdapterKind kind) {
  switch (kind) {
    case AdapterKind::kNetwork: return "network";
    case AdapterKind::kAddress: return "address";
    case AdapterKind::kIsp: return "isp";
    case AdapterKind::kBsp: return "bsp";
    case AdapterKind::kBilling: return "billing";
  }
  return "?";
}

std::string_view to_string(Action action) {
  switch (action) {
    case Action::kActivate: return "activate";
    case Action::kDeactivate: return "deactivate";
    case Action::kModify: return "modify";
    case Action::kBind: return "bind";
    case Action::kRelease: return "release";
    case Action::kCreate: return "create";
    case Action::kDelete: return "delete";
    case Action::kEntitle: return "entitle";
    case Action::kRevoke: return "revoke";
    case Action::kOpen: return "open";
    case Action::kClose: return "close";
    case Action::kAddItem: return "add_item";
    case Action::kRemoveItem: return "remove_item";
  }
  return "?";
}

std::string_view to_string(TaskState state) {
  switch (state) {
    case TaskState::kPending: return "pending";
    case TaskState::kQueued: return "queued";
    case TaskState::kRunning: return "running";
    case TaskState::kWaitingRetry: return "waiting_retry";
    case TaskState::kDone: return "done";
    case TaskState::kFailed: return "failed";
    case TaskState::kSkipped: return "skipped";
    case TaskState::kCompensationQueued: return "compensation_queued";
    case TaskState::kCompensating: return "compensating";
    case TaskState::kCompensationWaitingRetry: return "compensation_waiting_retry";
    case TaskState::kCompensated: return "compensated";
    case TaskState::kCompensationFailed: return "compensation_failed";
  }
  return "?";
}

Action inverse(Action action) {
  switch (action) {
    case Action::kActivate: return Action::kDeactivate;
    case Action::kDeactivate: return Action::kActivate;
    case Action::kModify: return Action::kModify;
    case Action::kBind: return Action::kRelease;
    case Action::kRelease: return Action::kBind;
    case Action::kCreate: return Action::kDelete;
    case Action::kDelete: return Action::kCreate;
    case Action::kEntitle: return Action::kRevoke;
    case Action::kRevoke: return Action::kEntitle;
    case Action::kOpen: return Action::kClose;
    case Action::kClose: return Action::kOpen;
    case Action::kAddItem: return Action::kRemoveItem;
    case Action::kRemoveItem: return Action::kAddItem;
  }
  return action;
}

ActionArgs action_args(const TaskSpec& spec, bool compensation) {
  if (!compensation) return ActionArgs{spec.action, spec.offering, spec.previous};
  if (spec.action == Action::kModify) return ActionArgs{Action::kModify, spec.previous, spec.offering};
  return ActionArgs{inverse(spec.action), spec.offering, spec.previous};
}

}  // namespace provsim
