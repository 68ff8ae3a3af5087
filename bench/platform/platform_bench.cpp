// Google Benchmark: the costs behind every write (audit-trail append in its transaction), behind
// `aims audit verify`, behind every sign-in (argon2id) and behind every JSON request body.
#include <filesystem>

#include <benchmark/benchmark.h>

#include "auth/passwords.h"
#include "base/crypto.h"
#include "base/json_text.h"
#include "http/parse/json_input.h"
#include "store/database.h"
#include "store/migrate.h"
#include "trail/trail.h"
#include "trail/verify.h"

namespace {

using namespace aims;

struct Fixture {
  std::unique_ptr<store::Database> db;
  int64_t org = 0;
};

// A migrated database with one organisation: SQLite in a temp file, or $AIMS_BENCH_PG_URL.
Fixture open_fixture(bool postgres) {
  crypto::init();
  std::string url;
  if (postgres) {
    const char* pg = std::getenv("AIMS_BENCH_PG_URL");
    if (!pg) return {};
    url = pg;
  } else {
    auto path =
        std::filesystem::temp_directory_path() / ("aims-bench-" + crypto::random_token(6) + ".db");
    url = "sqlite:" + path.string();
  }
  Fixture f;
  auto db = store::Database::open(url);
  if (!db || !store::migrate(**db)) return {};
  f.db = std::move(*db);
  auto org = f.db->write([](store::Tx& tx) -> Result<int64_t> {
    auto id =
        tx.insert("INSERT INTO organisations (name, created_at) VALUES ($1, 'now') RETURNING id",
                  {"bench-" + crypto::random_token(6)});
    if (!id) return id;
    if (Status s = trail::start_chain(tx, *id); !s) return s.error();
    return id;
  });
  f.org = org.ok() ? *org : 0;
  return f;
}

const trail::Change kChange{"ai_system",
                            1,
                            "update",
                            {{"name", json_text::quote("Credit scorer")}, {"tier", "2"}},
                            {{"name", json_text::quote("Credit scorer v2")}, {"tier", "3"}}};

void append(benchmark::State& state, bool postgres) {
  auto f = open_fixture(postgres);
  if (!f.db) {
    state.SkipWithError("database unavailable (set AIMS_BENCH_PG_URL for PostgreSQL)");
    return;
  }
  for (auto _ : state) {
    auto seq = f.db->write([&](store::Tx& tx) {
      return trail::record(tx, f.org, {"user", 1, "bench"}, kChange);
    });
    benchmark::DoNotOptimize(seq);
  }
  state.SetItemsProcessed(state.iterations());
}

// One committed transaction holding one audit event: the floor under every acknowledged write.
void BM_TrailAppendCommitted_SQLite(benchmark::State& state) {
  append(state, false);
}
void BM_TrailAppendCommitted_PostgreSQL(benchmark::State& state) {
  append(state, true);
}

void BM_TrailVerify_SQLite(benchmark::State& state) {
  auto f = open_fixture(false);
  const auto events = state.range(0);
  (void)f.db->write([&](store::Tx& tx) -> Status {
    for (int64_t i = 0; i < events; ++i) {
      if (auto r = trail::record(tx, f.org, {"user", 1, "bench"}, kChange); !r) return r.error();
    }
    return {};
  });
  for (auto _ : state) {
    auto v = trail::verify(*f.db, f.org);
    if (!v || !v->intact) state.SkipWithError("chain did not verify");
  }
  state.SetItemsProcessed(state.iterations() * events);
}

void BM_PasswordHashArgon2id(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(auth::hash_password("a long benchmark passphrase"));
}

void BM_JsonInputParse(benchmark::State& state) {
  const std::string body =
      R"({"name":"Credit scorer","purpose":"Scores consumer credit applications","tier":3,)"
      R"("in_scope":true,"tags":["credit","retail","high-risk"],"model_ids":[1,2,3]})";
  for (auto _ : state) {
    auto in = http::JsonInput::parse(body);
    benchmark::DoNotOptimize(in->required_string("name"));
    (void)in->optional_string("purpose");
    (void)in->optional_int("tier", 1, 5);
    (void)in->optional_bool("in_scope");
    (void)in->optional_string_list("tags");
    (void)in->optional_id_list("model_ids");
    benchmark::DoNotOptimize(in->finish());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}

}  // namespace

BENCHMARK(BM_TrailAppendCommitted_SQLite)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrailAppendCommitted_PostgreSQL)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrailVerify_SQLite)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PasswordHashArgon2id)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JsonInputParse)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
