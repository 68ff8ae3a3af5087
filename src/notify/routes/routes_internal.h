// What the API and the pages of notify share: the server key, the options, JSON of a webhook.
#pragma once

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "notify/routes/routes.h"
#include "notify/settings.h"

namespace aims::notify::routes {

struct Shared {
  const trail::SigningKeys* keys = nullptr;
  RouteOptions options;
};
const Shared& shared();

nlohmann::json webhook_json(const Webhook& w);
nlohmann::json delivery_json(const Delivery& d);
nlohmann::json smtp_json(const std::optional<SmtpSettings>& s);

void register_pages(http::Router& router);

}  // namespace aims::notify::routes
