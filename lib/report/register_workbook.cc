#include "report/register_workbook.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "base/strings.h"
#include "l10n/format.h"
#include "model/wording.h"
#include "report/register_report.h"
#include "report/xlsx.h"

namespace dpo::report {

namespace {

using namespace model;
using xlsx::Style;

// The CNIL template's words ("modèle de registre", fiche de registre).
constexpr Phrase kTitle{"Record of processing activities", "Registre des activités de traitement"};
constexpr Phrase kSummarySheet{"Register", "Registre"};
constexpr Phrase kFiche{"Record of processing", "Fiche de registre"};
constexpr Phrase kController{"Controller", "Responsable du traitement"};
constexpr Phrase kJoint{"Joint controller", "Responsable conjoint du traitement"};
constexpr Phrase kRepresentative{"Representative (Art. 27 GDPR)", "Représentant (art. 27 du RGPD)"};
constexpr Phrase kDpo{"Data protection officer (DPO)", "Délégué à la protection des données (DPO)"};
constexpr Phrase kName{"Name", "Nom"};
constexpr Phrase kAddress{"Address", "Adresse"};
constexpr Phrase kSiren{"SIREN", "SIREN"};
constexpr Phrase kContact{"Contact", "Contact"};
constexpr Phrase kEmail{"Email", "Adresse de messagerie"};
constexpr Phrase kPhone{"Phone", "Téléphone"};
constexpr Phrase kDesignation{"Designation number", "Numéro de désignation"};
constexpr Phrase kContactDetails{"Contact details", "Coordonnées"};
constexpr Phrase kNone{"none", "aucun"};
constexpr Phrase kActivities{"Processing activities", "Activités de traitement"};
constexpr Phrase kReference{"Reference", "Référence"};
constexpr Phrase kActivityName{"Processing activity", "Nom du traitement"};
constexpr Phrase kPurposesShort{"Purposes", "Finalités"};
constexpr Phrase kSheet{"Sheet", "Fiche"};
constexpr Phrase kDescription{"Description", "Description"};
constexpr Phrase kCreated{"Record created on", "Date de création de la fiche"};
constexpr Phrase kUpdated{"Last updated on", "Date de dernière mise à jour de la fiche"};
constexpr Phrase kActors{"Actors", "Acteurs"};
constexpr Phrase kPurposes{"Purpose(s) of the processing", "Finalité(s) du traitement effectué"};
constexpr Phrase kPurposeN{"Purpose {}", "Finalité {}"};
constexpr Phrase kSubjects{"Categories of data subjects", "Catégories de personnes concernées"};
constexpr Phrase kData{"Categories of personal data", "Catégories de données collectées"};
constexpr Phrase kCategory{"Data category", "Catégorie de données"};
constexpr Phrase kKind{"Kind (CNIL template)", "Type (modèle de la CNIL)"};
constexpr Phrase kSensitive{"Special or criminal data", "Données sensibles ou d'infraction"};
constexpr Phrase kSpecial{"yes: special category (Art. 9 GDPR)", "oui : donnée sensible (art. 9 du RGPD)"};
constexpr Phrase kCriminal{"yes: criminal offence data (Art. 10 GDPR)", "oui : donnée d'infraction (art. 10 du RGPD)"};
constexpr Phrase kNo{"no", "non"};
constexpr Phrase kRetention{"Retention periods", "Durées de conservation"};
constexpr Phrase kPeriod{"Retention period", "Durée de conservation"};
constexpr Phrase kNoPeriod{"no period set", "aucune durée fixée"};
constexpr Phrase kRecipients{"Categories of recipients", "Catégories de destinataires"};
constexpr Phrase kRecipientKind{"Kind of recipient", "Type de destinataire"};
constexpr Phrase kRecipient{"Recipient", "Destinataire"};
constexpr Phrase kCountry{"Country", "Pays"};
constexpr Phrase kProcessor{"Processor", "Sous-traitant"};
constexpr Phrase kSubProcessor{"Sub-processor", "Sous-traitant ultérieur"};
constexpr Phrase kTransfers{"Transfers outside the European Union", "Transferts de données hors de l'Union européenne"};
constexpr Phrase kSafeguard{"Safeguards", "Garanties"};
constexpr Phrase kSecurity{"Security measures", "Mesures de sécurité"};
constexpr Phrase kBases{"Legal basis", "Base(s) légale(s)"};
constexpr Phrase kCondition{"Art. 9(2) condition", "Condition de l'art. 9.2 du RGPD"};

constexpr int kColumns = 4;
constexpr double kWidths[kColumns] = {38, 48, 44, 44};

// Writes a sheet row after row.
class Rows {
 public:
  Rows(xlsx::Sheet& sheet, Lang lang) : sheet_(sheet), lang_(lang) {
    for (int c = 0; c < kColumns; ++c) sheet_.width(c, kWidths[c]);
    sheet_.freeze_rows(1);
  }
  void title(std::string_view left, std::string_view right) {
    sheet_.write(0, 0, left, Style::title);
    sheet_.write(0, 1, right, Style::title);
    row_ = 1;
  }
  // A blank row, then the section's heading shaded across the columns.
  void section(const Phrase& heading) {
    ++row_;
    sheet_.write(row_, 0, say(heading), Style::section);
    for (int c = 1; c < kColumns; ++c) sheet_.write(row_, c, "", Style::section);
    ++row_;
  }
  void header(std::initializer_list<Phrase> columns) {
    int c = 0;
    for (const Phrase& p : columns) sheet_.write(row_, c++, say(p), Style::header);
    ++row_;
  }
  // A label, then values in the next columns.
  void line(std::string_view label, std::initializer_list<std::string> values) {
    sheet_.write(row_, 0, label, Style::label);
    int c = 1;
    for (const std::string& v : values) sheet_.write(row_, c++, v);
    ++row_;
  }
  void line(const Phrase& label, std::initializer_list<std::string> values) { line(say(label), values); }
  // Items one per row in the second column; "none" when there are none.
  void items(const std::vector<std::string>& values) {
    if (values.empty()) sheet_.write(row_++, 1, say(kNone));
    for (const std::string& v : values) sheet_.write(row_++, 1, v);
  }
  xlsx::Sheet& sheet() { return sheet_; }
  int& row() { return row_; }
  [[nodiscard]] std::string say(const Phrase& p) const { return l10n::say(p, lang_); }

 private:
  xlsx::Sheet& sheet_;
  Lang lang_;
  int row_ = 0;
};

std::string or_none(const std::string& text, Lang lang) { return text.empty() ? l10n::say(kNone, lang) : text; }

std::vector<std::string> purpose_labels(const Register& reg, const Activity& a) {
  std::vector<std::string> out;
  for (const PurposeId& id : a.purposes) {
    const Purpose* p = reg.purpose(id);
    out.push_back(p ? p->label : id.str());
  }
  return out;
}

void summary_sheet(Rows& r, const Register& reg, const std::vector<std::string>& sheets) {
  const Controller& c = reg.controller;
  r.title(r.say(kTitle), c.name);
  r.section(kController);
  r.line(kName, {c.name});
  r.line(kAddress, {c.address});
  r.line(kSiren, {c.siren});
  r.line(kContact, {c.contact});
  r.section(kDpo);
  if (c.dpo) {
    r.line(kName, {c.dpo->name});
    r.line(kEmail, {c.dpo->email});
    r.line(kPhone, {c.dpo->phone});
    r.line(kDesignation, {c.dpo->designation});
  } else {
    r.line(kName, {r.say(kNone)});
  }
  if (!c.representative.empty()) {
    r.section(kRepresentative);
    r.line(kName, {c.representative});
  }
  r.section(kActivities);
  r.header({kReference, kActivityName, kPurposesShort, kSheet});
  for (std::size_t i = 0; i < reg.activities.size(); ++i) {
    const Activity& a = reg.activities[i];
    int row = r.row()++;
    r.sheet().write(row, 0, a.id.str());
    r.sheet().write(row, 1, a.name);
    r.sheet().write(row, 2, join(purpose_labels(reg, a), "\n"));
    r.sheet().link(row, 3, sheets[i + 1], sheets[i + 1]);
  }
}

// The parts that are given, one per line of the cell.
std::string lines_of(std::initializer_list<std::string> parts) {
  std::vector<std::string> given;
  for (const std::string& p : parts)
    if (!p.empty()) given.push_back(p);
  return join(given, "\n");
}

void actors(Rows& r, const Register& reg, const Activity& a, Lang lang) {
  const Controller& c = reg.controller;
  r.section(kActors);
  r.header({{"", ""}, kName, kContactDetails});
  r.line(kController,
         {c.siren.empty() ? c.name : fmt::format("{} (SIREN {})", c.name, c.siren), lines_of({c.address, c.contact})});
  r.line(kJoint, {or_none(a.joint_controller, lang)});
  r.line(kRepresentative, {or_none(c.representative, lang)});
  if (c.dpo)
    r.line(kDpo, {or_none(c.dpo->name, lang), lines_of({c.dpo->email, c.dpo->phone})});
  else
    r.line(kDpo, {r.say(kNone)});
}

void data_categories(Rows& r, const Register& reg, const Activity& a, Lang lang) {
  r.section(kData);
  r.header({kCategory, kKind, kSensitive});
  for (const CategoryId& id : a.data) {
    const DataCategory* c = reg.category(id);
    if (!c) continue;
    bool criminal = c->kind == DataKind::criminal;
    bool special = c->special || c->kind == DataKind::special;
    std::string kind = c->kind ? std::string(wording(*c->kind, lang)) : "";
    r.line(c->label, {kind, r.say(special ? kSpecial : criminal ? kCriminal : kNo)});
  }
  r.section(kRetention);
  r.header({kCategory, kPeriod});
  for (const CategoryId& id : a.data) {
    const DataCategory* c = reg.category(id);
    std::vector<std::string> periods;
    for (const RetentionRule& rule : a.retention)
      for (const CategoryId& d : rule.data)
        if (d == id) periods.push_back(retention_period(rule, lang));
    r.line(c ? c->label : id.str(), {periods.empty() ? r.say(kNoPeriod) : join(periods, "\n")});
  }
}

void recipients(Rows& r, const Register& reg, const Activity& a, Lang lang) {
  r.section(kRecipients);
  r.header({kRecipientKind, kRecipient, kCountry});
  for (const std::string& who : a.recipients) r.line(kRecipient, {who});
  for (const ProcessorId& id : a.processors) {
    const Processor* p = reg.processor(id);
    if (!p) continue;
    r.line(kProcessor, {p->name, l10n::country_name(p->country, lang)});
    for (const SubProcessor& s : p->subprocessors)
      r.line(kSubProcessor, {fmt::format("{} ({})", s.name, p->name), l10n::country_name(s.country, lang)});
  }
  if (a.recipients.empty() && a.processors.empty()) r.items({});
}

void transfers(Rows& r, const Activity& a, Lang lang) {
  r.section(kTransfers);
  r.header({kRecipient, kCountry, kSafeguard});
  for (const Transfer& t : a.transfers)
    r.line(t.recipient, {l10n::country_name(t.country, lang), safeguard_text(t, lang)});
  if (a.transfers.empty()) r.sheet().write(r.row()++, 0, r.say(kNone));
}

void bases(Rows& r, const Register& reg, const Activity& a, Lang lang) {
  r.section(kBases);
  r.items(bases_wording(reg, a, lang));
  if (a.special_condition) r.line(kCondition, {condition_wording(*a.special_condition, lang)});
}

std::string record_date(const std::optional<RegisterHistory>& history, const Activity& a, bool created,
                        const Zone& zone, Lang lang) {
  if (!history) return "";
  auto it = history->activities.find(a.id);
  if (it == history->activities.end()) return "";
  return l10n::long_date(local_date(created ? it->second.created : it->second.updated, zone), lang);
}

// The fiche of one activity, in the order of the CNIL template.
void activity_sheet(Rows& r, const Register& reg, const Activity& a, const std::optional<RegisterHistory>& history,
                    const Zone& zone, Lang lang) {
  r.title(r.say(kFiche), a.name);
  r.line(kReference, {a.id.str()});
  r.line(kDescription, {a.description});
  r.line(kCreated, {record_date(history, a, true, zone, lang)});
  r.line(kUpdated, {record_date(history, a, false, zone, lang)});
  actors(r, reg, a, lang);
  r.section(kPurposes);
  std::vector<std::string> purposes = purpose_labels(reg, a);
  for (std::size_t i = 0; i < purposes.size(); ++i) r.line(l10n::say(kPurposeN, lang, i + 1), {purposes[i]});
  r.section(kSubjects);
  r.items(a.subjects);
  data_categories(r, reg, a, lang);
  recipients(r, reg, a, lang);
  transfers(r, a, lang);
  r.section(kSecurity);
  r.items(a.security);
  bases(r, reg, a, lang);
}

}  // namespace

void write_register_workbook(const Register& reg, const std::optional<RegisterHistory>& history,
                             const WorkbookOptions& o, const std::filesystem::path& file) {
  Lang lang = o.lang;
  std::vector<std::string> wanted{std::string(kSummarySheet.in(lang))};
  for (const Activity& a : reg.activities) wanted.push_back(a.name);
  std::vector<std::string> names = xlsx::sheet_names(wanted);
  Parsed<Zone> found = Zone::find(reg.controller.timezone);
  Zone zone = found ? *found : Zone();

  xlsx::Workbook book(file, {l10n::say(kTitle, lang), reg.controller.name, o.created});
  xlsx::Sheet summary = book.add_sheet(names[0]);
  Rows summary_rows(summary, lang);
  summary_sheet(summary_rows, reg, names);
  for (std::size_t i = 0; i < reg.activities.size(); ++i) {
    xlsx::Sheet sheet = book.add_sheet(names[i + 1]);
    Rows rows(sheet, lang);
    activity_sheet(rows, reg, reg.activities[i], history, zone, lang);
  }
  book.close();
}

}  // namespace dpo::report
