// The EU AI Act duties a responsibility may name, in aims' own words with their articles (the
// controls module's catalog of the Act lists only some of the articles Art. 16 refers to, so the
// duties are a fixed list here), and which of them fall on a system's role.
#include "customers/customers.h"

namespace aims::customers {
namespace {

// Art. 16's list for providers of high-risk systems: Section 2's requirements and what follows.
const std::vector<Duty> kProvider = {
    {"art_9", "Art. 9", "Risk management system"},
    {"art_10", "Art. 10", "Data and data governance"},
    {"art_11", "Art. 11", "Technical documentation"},
    {"art_12", "Art. 12", "Automatic logging built into the system"},
    {"art_13", "Art. 13", "Transparency and instructions for use for deployers"},
    {"art_14", "Art. 14", "Human oversight designed into the system"},
    {"art_15", "Art. 15", "Accuracy, robustness and cybersecurity"},
    {"art_17", "Art. 17", "Quality management system"},
    {"art_18", "Art. 18", "Keeping the documentation for ten years"},
    {"art_19", "Art. 19", "Keeping the automatically generated logs"},
    {"art_43", "Art. 43", "Conformity assessment"},
    {"art_47", "Art. 47", "EU declaration of conformity"},
    {"art_48", "Art. 48", "CE marking"},
    {"art_49", "Art. 49", "Registration in the EU database"},
    {"art_72", "Art. 72", "Post-market monitoring"},
    {"art_73", "Art. 73", "Reporting serious incidents"},
};

// Art. 26's paragraphs that bind every deployer of a high-risk system, and Art. 27's assessment.
const std::vector<Duty> kDeployer = {
    {"art_26_1", "Art. 26(1)", "Use in line with the instructions for use"},
    {"art_26_2", "Art. 26(2)", "Human oversight in use by competent people"},
    {"art_26_4", "Art. 26(4)", "Input data relevant and representative"},
    {"art_26_5", "Art. 26(5)", "Monitoring the operation and informing the provider"},
    {"art_26_6", "Art. 26(6)", "Keeping the logs for at least six months"},
    {"art_26_7", "Art. 26(7)", "Informing workers before use at the workplace"},
    {"art_26_11", "Art. 26(11)", "Informing the people decisions are about"},
    {"art_27", "Art. 27", "Fundamental rights impact assessment, where it applies"},
};

const std::vector<Duty> kTransparencyProvider = {
    {"art_50_1", "Art. 50(1)", "Telling people they are interacting with an AI system"},
    {"art_50_2", "Art. 50(2)", "Marking generated content as artificially generated"},
};

const std::vector<Duty> kTransparencyDeployer = {
    {"art_50_3", "Art. 50(3)", "Informing people exposed to emotion recognition"},
    {"art_50_4", "Art. 50(4)", "Disclosing deep fakes and generated public-interest text"},
};

}  // namespace

const std::vector<Duty>& all_duties() {
  static const std::vector<Duty> all = [] {
    std::vector<Duty> out;
    for (const auto* list :
         {&kProvider, &kTransparencyProvider, &kDeployer, &kTransparencyDeployer})
      out.insert(out.end(), list->begin(), list->end());
    return out;
  }();
  return all;
}

std::vector<Duty> duties_for(const std::string& org_role, const std::string& eu_class) {
  // The Act knows no developer: one who develops a system and places it on the market is its
  // provider.
  const bool provider = org_role == "provider" || org_role == "developer";
  const bool deployer = org_role == "deployer";
  if (eu_class == "high_risk") {
    if (provider) return kProvider;
    if (deployer) return kDeployer;
  }
  if (eu_class == "transparency") {
    if (provider) return kTransparencyProvider;
    if (deployer) return kTransparencyDeployer;
  }
  return {};
}

}  // namespace aims::customers
