#pragma once
// Kea's control channel over a unix stream socket: one JSON command per
// connection ({"command": ..., "arguments": ...}), one JSON answer
// ({"result": 0, "arguments": ...}) after which Kea closes the connection.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace provsim::dhcp {

// Sends `command` (with `arguments` unless null) and returns the whole
// answer. Throws std::runtime_error if the socket cannot be reached, the
// answer is not JSON, or nothing complete arrives within `timeout`.
nlohmann::json control_command(const std::filesystem::path& socket, const std::string& command,
                               const nlohmann::json& arguments = nullptr,
                               std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// The "arguments" of a successful answer (result 0, or 3: empty); throws with Kea's
// "text" otherwise.
nlohmann::json control_arguments(const nlohmann::json& answer, const std::string& command);

// The latest value of each integer statistic in the arguments of a
// `statistic-get-all` answer ({"name": [[value, "time"], ...], ...}).
std::map<std::string, std::int64_t> latest_statistics(const nlohmann::json& arguments);

}  // namespace provsim::dhcp
