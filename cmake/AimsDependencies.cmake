# Every third-party library, found once. All come from Debian 12 packages (scripts/install-deps).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(simdjson REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(ZLIB REQUIRED)
# OpenSSL only for hashing uploaded logs as they stream: its SHA-256 uses the CPU's SHA extensions
# (about 1.8 GB/s here against libsodium's portable 0.3 GB/s). libsodium does everything else.
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)  # notify: SMTP and webhook deliveries
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
