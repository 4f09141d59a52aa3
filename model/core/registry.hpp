#pragma once
// Products made by name: allocators, over-allocation policies, ... A family
// registers its built-ins in one function (with_builtins, defined beside the
// family); a researcher adds their own with add() before the registry is
// handed to whoever creates. Unknown names are an error that lists the
// known ones, which is what a scenario's author needs to read.

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace provsim {

template <typename Product, typename Options>
class Registry {
 public:
  // A factory may build on other products of the same registry (a sticky
  // allocator wraps a fallback allocator).
  using Factory = std::function<std::unique_ptr<Product>(const Options&, const Registry&)>;

  // `noun` names the family in errors: "address allocator".
  explicit Registry(std::string noun) : noun_(std::move(noun)) {}

  // The family's built-in products; defined beside the family.
  static Registry with_builtins();

  // `make` takes the options, and the registry if it needs it.
  template <typename Make>
  void add(std::string name, Make make) {
    if constexpr (std::is_invocable_v<Make, const Options&, const Registry&>)
      factories_[std::move(name)] = std::move(make);
    else
      factories_[std::move(name)] = [make = std::move(make)](const Options& o, const Registry&) { return make(o); };
  }

  bool contains(std::string_view name) const { return factories_.find(name) != factories_.end(); }

  // In alphabetical order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, factory] : factories_) out.push_back(name);
    return out;
  }

  // Throws std::invalid_argument naming the known products.
  std::unique_ptr<Product> create(std::string_view name, const Options& options = {}) const {
    const auto it = factories_.find(name);
    if (it == factories_.end()) {
      std::string known;
      for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
      throw std::invalid_argument("unknown " + noun_ + " '" + std::string(name) + "' (known: " + known + ")");
    }
    return it->second(options, *this);
  }

 private:
  std::string noun_;
  std::map<std::string, Factory, std::less<>> factories_;
};

}  // namespace provsim
