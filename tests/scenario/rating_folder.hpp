#pragma once
// A scratch scenario folder for the rating loaders' bad-input tests: the
// good fixture's files copied in, then edited line by line; load_error()
// loads it and returns the InputError, expect() checks its file, line,
// field and words.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"
#include "sim/scenario/rating_tables.hpp"
#include "tests/scenario/rating_fixture_catalog.hpp"

namespace provsim::sim {

class RatingFolder : public ::testing::Test {
 protected:
  RatingFolder(std::filesystem::path good, std::vector<const char*> files, std::function<Catalog()> catalog)
      : good_(std::move(good)), files_(std::move(files)), catalog_(std::move(catalog)) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("provsim_" + good_.parent_path().filename().string() + "_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    for (const char* f : files_) std::filesystem::copy_file(good_ / f, dir_ / f);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const char* file, const std::string& text) { std::ofstream(dir_ / file) << text; }
  void replace_line(const char* file, int line, const std::string& text) {
    std::ifstream in(dir_ / file);
    std::string all, l;
    for (int n = 1; std::getline(in, l); ++n) all += (n == line ? text : l) + "\n";
    in.close();
    write(file, all);
  }
  // Loads and returns the error; fails the test when there is none.
  InputError load_error() {
    try {
      const Catalog c = catalog_();
      load_rating_tables(FolderSource(dir_), c);
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "no InputError";
    return InputError("", 0, "", "");
  }
  void expect(const InputError& e, const char* file, unsigned line, const char* field, const char* words) {
    EXPECT_EQ(std::filesystem::path(e.file()).filename(), file) << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }

  std::filesystem::path good_;
  std::vector<const char*> files_;
  std::function<Catalog()> catalog_;
  std::filesystem::path dir_;
};

}  // namespace provsim::sim
