#include "model/provisioning/order.hpp"

namespace provsim {

std::string_view to_string(Channel channel) {
  switch (channel) {
    case Channel::kIspWeb: return "isp_web";
    case Channel::kClientSoftware: return "client_software";
    case Channel::kIspCsr: return "isp_csr";
    case Channel::kNpCsr: return "np_csr";
  }
  return "?";
}

std::string_view to_string(OrderKind kind) {
  switch (kind) {
    case OrderKind::kNew: return "new";
    case OrderKind::kChange: return "change";
    case OrderKind::kDisconnect: return "disconnect";
  }
  return "?";
}

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kNone: return "none";
    case ChangeKind::kAddBsp: return "add_bsp";
    case ChangeKind::kRemoveBsp: return "remove_bsp";
    case ChangeKind::kChangeTier: return "change_tier";
  }
  return "?";
}

}  // namespace provsim
