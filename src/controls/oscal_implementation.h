// The SoA and readiness as OSCAL 1.2.1 system security plans, component definitions and results.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "controls/catalog.h"
#include "controls/controls.h"

namespace aims::controls {

// One SoA entry, by names rather than record ids, so that the exports below need no database.
struct ImplementedControl {
  std::string control;        // "A.6.2.6"
  std::string applicability;  // applicable, not_applicable, undecided
  std::string justification;
  std::string implementation;         // not_started, planned, partial, implemented
  std::string owner;                  // a person's name; empty when nobody owns it
  std::string notes;                  // how it is implemented
  std::vector<std::string> systems;   // the AI systems it covers; empty: none in particular
  std::vector<std::string> evidence;  // evidence titles
};

struct Implementation {
  std::string organisation;        // "Meridian Holdings"
  std::string system;              // empty: the AIMS as a whole; else one AI system's name
  std::string system_description;  // the AI system's purpose, or a sentence on the AIMS
  std::string soa_version;         // "Version 3"; empty when no version is approved
  std::vector<ImplementedControl> controls;
};

// Only applicable controls are written: OSCAL describes how a control is implemented, and a
// control the SoA excludes, or has not decided on, has no implementation to describe. When
// `impl.system` names an AI system, only the controls that cover it, or cover no system in
// particular, are written.
//
// Errors (the schemas want at least one implemented requirement, and a control-id that names a
// control of the catalog):
//   failed_precondition: no control is applicable (for that system);
//   invalid_argument "controls[3].control": a control `iso42001` does not hold.

// `impl` as an OSCAL system security plan, {"system-security-plan": {...}}: the AIMS, or the one
// AI system, as "this-system", with one implemented requirement per applicable control. The
// profile it imports is the 42001 catalog itself, named in the back-matter. `last_modified` is
// written as given (an RFC 3339 timestamp with a time zone).
Result<nlohmann::json> oscal_ssp(const Implementation& impl, const Framework& iso42001,
                                 const std::string& last_modified);

// `impl` as an OSCAL component definition, {"component-definition": {...}}: one component (the
// AIMS, or the AI system) with one control implementation against the 42001 catalog.
Result<nlohmann::json> oscal_component_definition(const Implementation& impl,
                                                  const Framework& iso42001,
                                                  const std::string& last_modified);

// `r` as OSCAL assessment results, {"assessment-results": {...}}: one result, "Readiness for
// ISO/IEC 42001", that started at `last_modified`, reviewing every assessed requirement and
// control, with one finding (and one observation holding its links) for each that is not "not
// applicable". aims keeps no assessment plan, so import-ap names a back-matter resource that
// says so. Errors: failed_precondition when `r` holds no assessment; invalid_argument
// "items[3].id" for an item `iso42001` does not hold.
Result<nlohmann::json> oscal_assessment_results(const Readiness& r, const Framework& iso42001,
                                                const std::string& organisation,
                                                const std::string& last_modified);

}  // namespace aims::controls
