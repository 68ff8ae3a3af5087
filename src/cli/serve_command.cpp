// aims serve: the composition root that wires every module's routes into one server.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include <spdlog/spdlog.h>

#include "auth/routes/routes.h"
#include "base/periodic.h"
#include "base/text.h"
#include "base/time.h"
#include "cli/common.h"
#include "cli/composition.h"
#include "concerns/concerns.h"
#include "concerns/routes.h"
#include "context/context.h"
#include "context/routes.h"
#include "controls/catalog_store.h"
#include "controls/controls.h"
#include "controls/routes.h"
#include "customers/customers.h"
#include "customers/routes.h"
#include "data/data.h"
#include "data/routes.h"
#include "data_quality/data_quality.h"
#include "data_quality/routes.h"
#include "documents/documents.h"
#include "documents/routes.h"
#include "http/app.h"
#include "http/server.h"
#include "http/upload_store.h"
#include "impact/impact.h"
#include "impact/routes.h"
#include "improvement/clock.h"
#include "improvement/clock_routes.h"
#include "improvement/improvement.h"
#include "improvement/routes.h"
#include "internal_audit/internal_audit.h"
#include "internal_audit/routes.h"
#include "inventory/inventory.h"
#include "inventory/routes.h"
#include "leadership/leadership.h"
#include "leadership/routes.h"
#include "lifecycle/change_routes.h"
#include "lifecycle/gate_routes.h"
#include "lifecycle/lifecycle.h"
#include "lifecycle/routes.h"
#include "monitoring/cli.h"
#include "monitoring/monitoring.h"
#include "monitoring/routes.h"
#include "notify/notify.h"
#include "notify/routes/routes.h"
#include "notify/worker.h"
#include "objectives/objectives.h"
#include "objectives/routes.h"
#include "oversight/oversight.h"
#include "oversight/routes.h"
#include "overview/overview.h"
#include "records/routes/routes.h"
#include "resources/resources.h"
#include "resources/routes.h"
#include "retention/retention.h"
#include "retention/routes.h"
#include "review/review.h"
#include "review/routes.h"
#include "risk/risk.h"
#include "risk/routes.h"
#include "roles/roles.h"
#include "roles/routes.h"
#include "store/migrate.h"
#include "suppliers/routes.h"
#include "suppliers/suppliers.h"
#include "technical_file/routes.h"
#include "technical_file/technical_file.h"
#include "trail/checkpointer.h"
#include "trail/routes/routes.h"
#include "transparency/routes.h"
#include "transparency/transparency.h"
#include "web/web.h"

namespace aims::cli {
namespace {

// Request workers on PostgreSQL when --workers is not given (see effective_workers).
constexpr int kPostgresWorkers = 8;

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string public_url;
  std::string upload_dir;
  int upload_budget_gib = 16;
  std::string monitoring_dir;
  std::vector<std::string> trusted_proxies;
  std::string metrics_token_file;
  monitoring::RunPoolArgs monitoring_runs;
  std::string key_file;
  std::string db_password_file;
  int workers = 0;  // 0: effective_workers() picks by database
  int upload_workers = 2;
  int checkpoint_seconds = 60;
  int shutdown_seconds = 20;
  bool metrics_public = false;
  bool allow_private_webhooks = false;
  bool print_config = false;
};

// The first line of a file holding a secret, so the secret never shows on a command line.
Result<std::string> read_secret_file(const std::string& path, const std::string& field) {
  std::ifstream in(path);
  std::string secret;
  if (!in || !std::getline(in, secret)) return Error::invalid(field, "cannot read " + path);
  secret = std::string(trim(secret));
  if (secret.size() < 16)
    return Error::invalid(field,
                          "the secret in " + path + " is too short (16 characters at least)");
  return secret;
}

// "host:port" or "[v6]:port". Errors: invalid_argument on "listen".
Result<std::pair<std::string, uint16_t>> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    return Error::invalid("listen", "--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const long port = std::strtol(text.c_str() + colon + 1, nullptr, 10);
  if (port < 0 || port > 65535) return Error::invalid("listen", "port must be 0 to 65535");
  return std::make_pair(host, static_cast<uint16_t>(port));
}

// The database URL as it may appear in logs: without a password.
std::string redacted(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

// libpq takes the password from the environment when the URL has none, so it never shows on a
// command line that `ps` lists. Errors: invalid_argument on "db-password-file".
Status use_db_password_file(const ServeArgs& args) {
  if (args.db_password_file.empty()) return {};
  if (!args.db.starts_with("postgres"))
    return Error::invalid("db-password-file", "only a PostgreSQL database takes a password");
  std::ifstream in(args.db_password_file);
  std::string password;
  if (!in || !std::getline(in, password) || trim(password).empty())
    return Error::invalid("db-password-file",
                          "cannot read a password from " + args.db_password_file);
  ::setenv("PGPASSWORD", std::string(trim(password)).c_str(), 1);
  return {};
}

// SQLite answers reads on the worker's own core, so more workers than cores only queue for a
// core and lengthen the slowest answers; a PostgreSQL read mostly waits on the network, so more
// workers keep the cores busy. Long requests (uploads) have their own pool, so neither needs spare
// workers for them. docs/benchmarks.md has the measurements behind both numbers.
int effective_workers(const ServeArgs& args) {
  if (args.workers > 0) return args.workers;
  if (args.db.starts_with("postgres")) return kPostgresWorkers;
  return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

// The effective settings as TOML, from the command line, the environment and the defaults, with
// the database URL's password masked.
void print_config(const CLI::App& serve, const ServeArgs& args) {
  std::istringstream lines(serve.config_to_str(true, false));
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("print-config=")) continue;
    if (line.starts_with("db=")) line = "db=\"" + redacted(args.db) + "\"";
    if (line.starts_with("workers=")) line = "workers=" + std::to_string(effective_workers(args));
    std::cout << line << "\n";
  }
}

int serve(const ServeArgs& args) {
  if (Status s = use_db_password_file(args); !s) return fail(s.error());
  auto listen = parse_listen(args.listen);
  if (!listen) return fail(listen.error());
  if (args.workers < 0 || args.workers > 256)
    return fail(Error::invalid("workers", "--workers must be 1 to 256 (0: chosen by database)"));
  if (args.upload_workers < 1 || args.upload_workers > 64)
    return fail(Error::invalid("upload-workers", "--upload-workers must be 1 to 64"));
  const int workers = effective_workers(args);
  if (args.checkpoint_seconds < 1 || args.checkpoint_seconds > 3600) {
    return fail(
        Error::invalid("checkpoint-interval",
                       "--checkpoint-interval must be 1 to 3600 seconds (at least hourly)"));
  }
  if (args.shutdown_seconds < 1 || args.shutdown_seconds > 3600) {
    return fail(Error::invalid("shutdown-timeout", "--shutdown-timeout must be 1 to 3600 seconds"));
  }
  auto keys = signing_keys(args.db, args.key_file);
  if (!keys) return kFailed;
  auto db = store::Database::open(args.db, {.pool_size = workers + args.upload_workers});
  if (!db) return fail(db.error());
  // Several processes may start at once on one PostgreSQL; migrate() serialises them.
  if (auto applied = store::migrate(**db); !applied) return fail(applied.error());
  // Loaded now rather than by the first page that needs them, so that request is not the slow one.
  if (auto loaded = controls::ensure_catalogs(**db); !loaded) return fail(loaded.error());

  http::AppOptions options;
  options.secure_cookies = args.public_url.starts_with("https://");
  options.metrics_public = args.metrics_public;
  options.trusted_proxies = args.trusted_proxies;
  if (!args.metrics_token_file.empty()) {
    auto token = read_secret_file(args.metrics_token_file, "metrics-token-file");
    if (!token) return fail(token.error());
    options.metrics_token = *token;
  }
  if (args.upload_budget_gib < 1) {
    return fail(Error::invalid("upload-budget-gib", "--upload-budget-gib must be at least 1"));
  }
  const std::string upload_dir =
      args.upload_dir.empty() ? http::default_upload_directory(args.db) : args.upload_dir;
  auto uploads = http::UploadStore::open(upload_dir, uint64_t(args.upload_budget_gib) << 30);
  if (!uploads) return fail(uploads.error());
  options.uploads = *uploads;
  // Before the app, whose routes hand uploaded logs to it; stopped once the server has stopped.
  monitoring::RunPool monitoring_runs(args.monitoring_runs.options());
  http::App app(**db,
                build_router(options.secure_cookies, monitoring_runs, *keys, args.public_url,
                             args.allow_private_webhooks),
                options);
  app.set_error_page(web::error_page);

  http::ServerOptions server_options;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.worker_threads = workers;
  server_options.upload_threads = args.upload_workers;
  server_options.shutdown_timeout = std::chrono::seconds(args.shutdown_seconds);
  auto server = http::Server::bind(server_options, app);
  if (!server) return fail(server.error());
  const std::string host =
      listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first;
  spdlog::info("aims {} serving http://{}:{} (database {})", AIMS_VERSION, host, (*server)->port(),
               redacted(args.db));
  // Sessions and sign-in counts nobody needs any more are forgotten every ten minutes.
  Periodic housekeeping(std::chrono::minutes(10), [&db] {
    if (Status purged = auth::purge_expired(**db); !purged) {
      spdlog::warn("housekeeping: {}", purged.error().message);
    }
  });
  // A serious incident's report due within a day is announced within five minutes of it becoming
  // so: the clocks run in days, so a finer check would add nothing.
  Periodic reporting_clocks(std::chrono::minutes(5), [&db] {
    if (auto warned = improvement::warn_reporting_clocks(**db, now_timestamp()); !warned) {
      spdlog::warn("reporting clocks: {}", warned.error().message);
    }
  });
  std::optional<monitoring::Scheduler> scheduler;
  if (!args.monitoring_dir.empty()) {
    scheduler.emplace(**db, args.monitoring_dir, monitoring_runs);
    spdlog::info("scheduled monitors read their logs below {}/<organisation id>/",
                 args.monitoring_dir);
  }
  std::optional<trail::Checkpointer> checkpointer(
      std::in_place, **db, *keys, std::chrono::seconds(args.checkpoint_seconds),
      [](int64_t org_id, const Error& error) {
        if (org_id == 0) return spdlog::error("audit-trail checkpoints: {}", error.message);
        spdlog::error("audit trail of organisation {} not signed: {}", org_id, error.message);
      });
  spdlog::info("audit-trail checkpoints signed every {} s with the key file {}",
               args.checkpoint_seconds, keys->path());
  // Emails and webhooks queued by requests go out from this one thread, never from a request.
  std::optional<notify::Worker> notifications(
      std::in_place, **db, *keys,
      notify::WorkerOptions{.allow_private = args.allow_private_webhooks,
                            .public_url = args.public_url});
  if (args.allow_private_webhooks)
    spdlog::warn("webhooks may reach private, loopback and link-local addresses and plain http");
  (*server)->run();
  notifications.reset();  // finishes the delivery in progress before the database closes
  scheduler.reset();      // finishes a scheduled run in progress before the database closes
  // Runs still going are cancelled and answer while the server and the database still exist.
  monitoring_runs.stop();
  checkpointer.reset();  // signs the last events, the runs' included, before the database closes
  spdlog::info("aims stopped");
  return 0;
}

// A monitoring breach announced to webhooks as alert.raised, in the run's transaction: composed
// here because notify is a platform folder that may not know monitoring.
Status announce_breach(store::Tx& tx, int64_t org, const monitoring::BreachNotice& notice,
                       const trail::Actor&) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const auto& m : notice.metrics)
    metrics.push_back({{"metric", m.metric},
                       {"scope", m.scope},
                       {"value", m.value},
                       {"comparison", m.comparison},
                       {"threshold", m.threshold},
                       {"severity", m.severity}});
  return notify::publish(tx, org, notify::event::alert_raised,
                         {{"ai_system_id", notice.system_id},
                          {"monitor_id", notice.monitor_id},
                          {"monitor", notice.monitor_name},
                          {"run_id", notice.run_id},
                          {"at", notice.at},
                          {"metrics", metrics}});
}

}  // namespace

void define_registers() {
  inventory::define_registers();
  improvement::define_registers();
  documents::define_registers();
  controls::define_registers();
  monitoring::define_registers();
  monitoring::define_readiness_rules();
  risk::define_registers();
  impact::define_registers();
  context::define_registers();
  objectives::define_registers();
  leadership::define_registers();
  roles::define_registers();
  review::define_registers();
  concerns::define_registers();
  internal_audit::define_registers();
  customers::define_registers();
  suppliers::define_registers();
  resources::define_registers();
  data::define_registers();
  data_quality::define_registers();
  lifecycle::define_registers();
  transparency::define_registers();
  technical_file::define_registers();
  oversight::define_registers();
  retention::define_registers();  // after the others: a rule chooses among their registers
  notify::watch_registers();      // after every register: each announces its writes
  static std::once_flag breaches;
  std::call_once(breaches, [] { monitoring::on_breach(announce_breach); });
}

http::Router build_router(bool secure_cookies, monitoring::RunPool& monitoring_runs,
                          const trail::SigningKeys& keys, const std::string& public_url,
                          bool allow_private_webhooks) {
  define_registers();
  http::Router router;
  web::register_routes(router);
  auth::register_routes(router, secure_cookies);
  trail::register_routes(router, keys);
  overview::register_routes(
      router,
      {inventory::headlines, monitoring::headlines, improvement::headlines,
       overview::overdue_headlines, controls::headlines, risk::headlines, impact::headlines,
       context::headlines, objectives::headlines, leadership::headlines, roles::headlines,
       improvement::clock_headlines, concerns::headlines},
      {controls::getting_started});
  // Other modules fill sections of the AI system page; inventory shows them without knowing them.
  inventory::register_routes(
      router,
      {leadership::system_panel, monitoring::system_panel, monitoring::logging_system_panel,
       controls::system_panel, improvement::clock_system_panel, improvement::system_panel,
       customers::system_panel, data_quality::system_panel, lifecycle::gate_panel,
       transparency::system_panel, technical_file::system_panel, oversight::system_panel},
      {leadership::hold_banner, lifecycle::change_banner}, {suppliers::supplier_panel},
      {data::dataset_lineage_panel, data_quality::dataset_panel}, {data_quality::model_panel});
  improvement::register_routes(router, {customers::incident_panel},
                               {suppliers::incident_notice_banner});
  documents::register_routes(router);
  controls::register_routes(router);
  risk::register_routes(router);
  impact::register_routes(router);
  context::register_routes(router);
  objectives::register_routes(router);
  leadership::register_routes(router);
  roles::register_routes(router);
  review::register_routes(router);
  concerns::register_routes(router);
  internal_audit::register_routes(router);
  customers::register_routes(router);
  suppliers::register_routes(router);
  resources::register_routes(router);
  data::register_routes(router);
  data_quality::register_routes(router);
  lifecycle::register_routes(router);
  transparency::register_routes(router);
  technical_file::register_routes(router);
  retention::register_routes(router);
  oversight::register_routes(router);
  records::register_search_routes(router);
  records::register_my_work_routes(router, public_url);
  monitoring::register_routes(router, monitoring_runs);
  notify::register_routes(router, keys, {.allow_private = allow_private_webhooks});
  return router;
}

namespace {

// Every option also comes from the environment (--upload-dir from AIMS_UPLOAD_DIR, and so on), so
// a service unit's EnvironmentFile configures the server. --db and --key-file read AIMS_DB and
// AIMS_KEY_FILE already.
void name_environment_variables(CLI::App& serve) {
  for (CLI::Option* option : serve.get_options()) {
    const auto& names = option->get_lnames();
    if (names.empty()) continue;
    const std::string& name = names.front();
    if (name.starts_with("help") || name == "db" || name == "key-file" || name == "print-config")
      continue;
    std::string variable = "AIMS_";
    for (char c : name)
      variable += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    option->envname(variable);
  }
}

}  // namespace

void register_serve_command(CLI::App& app, Action& chosen) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve_cmd = app.add_subcommand("serve", "Serve the web UI and the JSON API");
  add_db_option(*serve_cmd, args->db);
  serve_cmd->add_option("--listen", args->listen, "HOST:PORT to listen on")->capture_default_str();
  serve_cmd
      ->add_option("--workers", args->workers,
                   "Request worker threads, each with a database connection (default 0: the CPU "
                   "cores for SQLite, 8 for PostgreSQL)")
      ->capture_default_str();
  serve_cmd
      ->add_option("--upload-workers", args->upload_workers,
                   "Threads for requests with an uploaded file (imports, logs, attachments), each "
                   "with a database connection")
      ->capture_default_str();
  serve_cmd
      ->add_option("--shutdown-timeout", args->shutdown_seconds,
                   "Seconds that requests running at SIGTERM may take to finish before the "
                   "server stops anyway")
      ->capture_default_str();
  serve_cmd->add_option("--public-url", args->public_url,
                        "The URL users reach aims at; https:// marks cookies Secure");
  serve_cmd->add_option("--upload-dir", args->upload_dir,
                        "A private folder for uploads while they are processed (default: beside "
                        "an SQLite database, else $STATE_DIRECTORY/uploads)");
  serve_cmd
      ->add_option("--upload-budget-gib", args->upload_budget_gib,
                   "Disk space all uploads in progress may take together, in GiB")
      ->capture_default_str();
  serve_cmd
      ->add_option("--trusted-proxy", args->trusted_proxies,
                   "Address of a reverse proxy whose X-Forwarded-For / Forwarded header names "
                   "the client (repeat, or separate with commas)")
      ->delimiter(',');
  serve_cmd->add_option("--metrics-token-file", args->metrics_token_file,
                        "File holding a token that lets any client read /metrics with "
                        "'Authorization: Bearer TOKEN'");
  serve_cmd->add_option("--monitoring-dir", args->monitoring_dir,
                        "Run scheduled monitors, reading each organisation's logs below DIR/<id>/");
  monitoring::add_run_pool_options(*serve_cmd, args->monitoring_runs);
  add_key_file_option(*serve_cmd, args->key_file);
  serve_cmd
      ->add_option("--checkpoint-interval", args->checkpoint_seconds,
                   "Seconds between signed checkpoints of every audit trail that moved (1-3600)")
      ->capture_default_str();
  serve_cmd->add_flag("--metrics-public", args->metrics_public,
                      "Serve /metrics to every client, not only to loopback");
  serve_cmd->add_flag("--allow-private-webhooks", args->allow_private_webhooks,
                      "Let webhooks reach private, loopback and link-local addresses and plain "
                      "http (a trusted network only: otherwise a webhook could reach internal "
                      "services)");
  serve_cmd->add_option("--db-password-file", args->db_password_file,
                        "File whose first line is the PostgreSQL password, kept off the command "
                        "line");
  serve_cmd->add_flag("--print-config", args->print_config,
                      "Print the effective settings (password masked) and exit");
  name_environment_variables(*serve_cmd);
  serve_cmd->callback([&chosen, args, serve_cmd] {
    chosen = [args, serve_cmd] {
      if (!args->print_config) return serve(*args);
      print_config(*serve_cmd, *args);
      return 0;
    };
  });
}

}  // namespace aims::cli
