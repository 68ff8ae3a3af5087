// Fields the context module's registers share: internal or external, the channels people are
// reached by, and the owner who answers for a record.
#pragma once

#include "records/description.h"

namespace aims::context {

inline records::Field origin_field(const char* group) {
  return {.key = "origin",
          .label = "Internal or external",
          .type = records::FieldType::choice,
          .required = true,
          .choices = {{"internal", "Internal"}, {"external", "External"}},
          .group = group,
          .default_value = "external"};
}

inline records::Field channel_field(const char* group, const char* hint = "") {
  return {.key = "channel",
          .label = "Channel",
          .type = records::FieldType::choice,
          .choices = {{"email", "Email or newsletter"},
                      {"intranet", "Intranet"},
                      {"meeting", "Meeting or briefing"},
                      {"training", "Training session"},
                      {"website", "Website"},
                      {"report", "Report"},
                      {"letter", "Letter"},
                      {"regulatory_filing", "Regulatory filing"},
                      {"press", "Press or social media"},
                      {"other", "Other"}},
          .hint = hint,
          .group = group};
}

inline records::Field owner_field(const char* group, const char* hint = "") {
  return {.key = "owner_id",
          .label = "Owner",
          .type = records::FieldType::user_ref,
          .hint = hint,
          .group = group,
          .csv_key = "owner_email",
          .responsible = true};
}

inline records::Field review_field(const char* group) {
  return {.key = "next_review",
          .label = "Next review",
          .type = records::FieldType::date,
          .group = group,
          .due = true};
}

}  // namespace aims::context
