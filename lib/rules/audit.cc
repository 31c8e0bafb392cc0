#include "rules/audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "l10n/format.h"
#include "model/countries.h"
#include "model/wording.h"

namespace dpo::rules {

using namespace model;

namespace {

std::string plural(long long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

Finding finding(std::string_view kind, const std::string& object, std::optional<long long> count, Text message) {
  return Finding{RuleInfo{}, std::string(kind), object, count, std::move(message)};
}

// Register objects in a message: quoted ids in the text report and JSON,
// labels in the documents (model::named). A list of ids stays unquoted in
// its id form, as it always read.
std::string quoted(const std::string& id) { return "'" + id + "'"; }
std::string named(const Activity& a) { return model::named(quoted(a.id.str()), a.name); }
std::string named(const Processor& p) {
  return model::named(fmt::format("'{}' ({})", p.id.str(), p.name), p.name);
}
std::string named_short(const Processor& p) { return model::named(quoted(p.id.str()), p.name); }
std::string named(const Register& reg, const ActivityId& id) {
  const Activity* a = reg.activity(id);
  return a ? named(*a) : quoted(id.str());
}
std::string named(const Register& reg, const CategoryId& id) {
  const DataCategory* c = reg.category(id);
  return model::named(quoted(id.str()), c ? c->label : id.str());
}
std::string named(const Register& reg, const PurposeId& id) {
  const Purpose* p = reg.purpose(id);
  return model::named(quoted(id.str()), p ? p->label : id.str());
}
std::string listed(const Register& reg, const PurposeId& id) {
  const Purpose* p = reg.purpose(id);
  return model::named(id.str(), p ? p->label : id.str());
}
std::string listed(const Activity& a) { return model::named(a.id.str(), a.name); }

// An activity whose data is held on consent alone: without a valid consent
// nothing grounds it (CON-001, CON-003, the consent coverage). One on
// consent for some purposes and another basis for the rest holds its data
// on that basis; its consent purposes need a consent for each use.
bool rests_on_consent(const Activity& a) { return rests_only_on(a, LegalBasis::consent); }

// ---- the register (Art. 30) ----

// Art. 6(1): every purpose rests on a basis. An activity with several
// bases may leave a purpose under none.
void reg_001(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    if (a.bases.empty()) {
      out.push_back(finding("activity", a.id.str(), {},
                            {fmt::format("activity {} has no legal basis", named(a)),
                             fmt::format("le traitement {} n'a pas de base légale", named(a))}));
      continue;
    }
    std::vector<std::string> bare;
    for (const PurposeId& id : a.purposes)
      if (!basis_of(a, id)) bare.push_back(listed(in.reg, id));
    if (bare.empty()) continue;
    bool one = bare.size() == 1;
    out.push_back(finding("activity", a.id.str(), {},
                          {fmt::format("activity {} gives no legal basis for its {} {}", named(a),
                                       one ? "purpose" : "purposes", join(bare, ", ")),
                           fmt::format("le traitement {} ne donne pas de base légale à {} {}", named(a),
                                       one ? "sa finalité" : "ses finalités", join(bare, ", "))}));
  }
}

void reg_002(const AuditInput& in, std::vector<Finding>& out) {
  struct Field {
    Phrase name;
    bool (*missing)(const Activity&);
  };
  static constexpr Field kFields[] = {
      {{"purposes", "finalités"}, [](const Activity& a) { return a.purposes.empty(); }},
      {{"data subjects", "personnes concernées"}, [](const Activity& a) { return a.subjects.empty(); }},
      {{"data categories", "catégories de données"}, [](const Activity& a) { return a.data.empty(); }},
      {{"recipients", "destinataires"}, [](const Activity& a) { return a.recipients.empty(); }},
      {{"security measures", "mesures de sécurité"}, [](const Activity& a) { return a.security.empty(); }},
  };
  for (const Activity& a : in.reg.activities) {
    std::vector<std::string> en, fr;
    for (const Field& f : kFields)
      if (f.missing(a)) {
        en.emplace_back(f.name.en);
        fr.emplace_back(f.name.fr);
      }
    if (!en.empty())
      out.push_back(finding("activity", a.id.str(), {},
                            {fmt::format("activity {} does not record its {}", named(a), join(en, ", ")),
                             fmt::format("le traitement {} ne renseigne pas : {}", named(a), join(fr, ", "))}));
  }
}

std::vector<std::string> special_labels(const Register& reg, const Activity& a) {
  std::vector<std::string> out;
  for (const CategoryId& id : a.data)
    if (const DataCategory* c = reg.category(id); c && c->special) out.push_back(c->label);
  return out;
}

// An activity's data categories of one kind, listed (their ids, or labels).
std::vector<std::string> categories_of_kind(const Register& reg, const Activity& a, DataKind kind) {
  std::vector<std::string> out;
  for (const CategoryId& id : a.data)
    if (const DataCategory* c = reg.category(id); c && c->kind == kind)
      out.push_back(model::named(id.str(), c->label));
  return out;
}

// An activity holding data of `kind` that names no authorising text.
void unauthorised(const AuditInput& in, DataKind kind, const Text& what, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    std::vector<std::string> ids = categories_of_kind(in.reg, a, kind);
    if (ids.empty() || !a.authorisation.empty()) continue;
    std::string list = join(ids, ", ");
    out.push_back(finding("activity", a.id.str(), {},
                          {fmt::format("activity {} holds {} ({}) and names no text that authorises it", named(a),
                                       what.en, list),
                           fmt::format("le traitement {} détient {} ({}) sans citer le texte qui l'autorise",
                                       named(a), what.fr, list)}));
  }
}

// Art. 10: data on criminal convictions and offences only under official
// authority or where Union or Member State law authorises it.
void reg_006(const AuditInput& in, std::vector<Finding>& out) {
  unauthorised(in, DataKind::criminal, {"criminal-offence data", "des données d'infraction"}, out);
}

// The NIR may be used only for the purposes décret n° 2019-341 lists (LIL
// art. 30); a copy of an identity document needs a reason of its own.
void reg_007(const AuditInput& in, std::vector<Finding>& out) {
  unauthorised(in, DataKind::official_id, {"official identifiers", "des identifiants officiels"}, out);
}

void reg_003(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    std::vector<std::string> special = special_labels(in.reg, a);
    if (!special.empty() && !a.special_condition)
      out.push_back(finding("activity", a.id.str(), {},
                            {fmt::format("activity {} processes special-category data ({}) without an Art. 9(2) "
                                         "condition",
                                         named(a), join(special, "; ")),
                             fmt::format("le traitement {} porte sur des données sensibles ({}) sans condition de "
                                         "l'art. 9.2 du RGPD",
                                         named(a), join(special, "; "))}));
  }
}

// The WP248 criteria an activity meets: those the register declares, and
// those the register and the store show: automated decisions (2), an
// activity marked monitoring (3), Art. 9 or 10 data or official identifiers
// (4: WP248's "sensitive data or data of a highly personal nature", which
// names Art. 10 data; the NIR, whose use décret n° 2019-341 frames, is read
// the same way),
// REG-004's large scale (5), minors, who are vulnerable people (7).
std::set<DpiaCriterion> wp248_criteria(const AuditInput& in, const Activity& a) {
  std::set<DpiaCriterion> out(a.dpia.criteria.begin(), a.dpia.criteria.end());
  const ActivityFacts* f = in.facts.activity(a.id);
  if (!a.automated_decisions.empty()) out.insert(DpiaCriterion::automated_decisions);
  if (a.monitoring) out.insert(DpiaCriterion::monitoring);
  for (DataKind kind : {DataKind::special, DataKind::criminal, DataKind::official_id})
    if (!categories_of_kind(in.reg, a, kind).empty()) out.insert(DpiaCriterion::sensitive);
  if (f && f->subjects >= kLargeScale) out.insert(DpiaCriterion::large_scale);
  if (f && f->minors > 0) out.insert(DpiaCriterion::vulnerable);
  return out;
}

Text criteria_text(const std::set<DpiaCriterion>& criteria) {
  std::vector<std::string> en, fr;
  for (DpiaCriterion c : criteria) {
    en.emplace_back(wording(c, Lang::en));
    fr.emplace_back(wording(c, Lang::fr));
  }
  return {join(en, ", "), join(fr, ", ")};
}

// A DPIA done counts from its day; a "not required" conclusion counts once
// it is dated, reasoned and not dated in the future.
bool done_by(const DpiaRecord& d, Date today) { return d.status == Dpia::done && (!d.date || !(today < *d.date)); }
bool concluded_by(const DpiaRecord& d, Date today) { return d.documented_not_required() && !(today < *d.date); }

// The cases Art. 35(3) names, where a DPIA "shall in particular be
// required" whatever the controller concludes: (a) evaluation on automated
// processing with decisions of legal effect; (b) large-scale Art. 9 or 10
// data; (c) large-scale systematic monitoring (dpokit cannot tell a
// publicly accessible area: an activity marked monitoring at large scale).
std::vector<Text> article_35_3(const AuditInput& in, const Activity& a, const std::set<DpiaCriterion>& criteria) {
  std::vector<Text> out;
  auto has = [&](DpiaCriterion c) { return criteria.count(c) > 0; };
  if (has(DpiaCriterion::evaluation) && has(DpiaCriterion::automated_decisions))
    out.push_back({"Art. 35(3)(a): evaluation with automated decisions of legal effect",
                   "art. 35.3.a du RGPD : évaluation fondant des décisions automatisées à effet juridique"});
  bool art_9_10 = !special_labels(in.reg, a).empty() || !categories_of_kind(in.reg, a, DataKind::criminal).empty();
  if (has(DpiaCriterion::large_scale) && art_9_10)
    out.push_back({"Art. 35(3)(b): large-scale special-category or criminal-offence data",
                   "art. 35.3.b du RGPD : données sensibles ou d'infraction à grande échelle"});
  if (has(DpiaCriterion::large_scale) && a.monitoring)
    out.push_back({"Art. 35(3)(c): large-scale systematic monitoring", "art. 35.3.c du RGPD : surveillance systématique à "
                                                                         "grande échelle"});
  return out;
}

// Art. 35(1), (3) and (4): a DPIA is required where processing is likely to
// result in a high risk: two or more WP248 criteria, a case of Art. 35(3),
// or an entry of the CNIL's list (délibération n° 2018-327); no conclusion of
// the controller lifts the last two. Two criteria with a documented
// conclusion that no DPIA is needed (a reason and a day) is an
// accountability record WP248 accepts. A register that says a DPIA is
// required has one to do.
void reg_004(const AuditInput& in, std::vector<Finding>& out) {
  Date today = local_date(in.now, in.zone);
  for (const Activity& a : in.reg.activities) {
    const DpiaRecord& d = a.dpia;
    if (done_by(d, today)) continue;
    std::set<DpiaCriterion> criteria = wp248_criteria(in, a);
    std::vector<Text> mandatory = article_35_3(in, a, criteria);
    bool listed = !d.cnil_list.empty();
    bool declared = d.status == Dpia::required;
    bool conclusion_holds = concluded_by(d, today) && !listed && mandatory.empty();
    if (!declared && (conclusion_holds || (!listed && mandatory.empty() && criteria.size() < 2))) continue;
    std::vector<std::string> en, fr;
    if (criteria.size() >= 2) {
      Text list = criteria_text(criteria);
      en.push_back(fmt::format("meets {} WP248 criteria ({})", criteria.size(), list.en));
      fr.push_back(fmt::format("remplit {} critères du G29 ({})", criteria.size(), list.fr));
    }
    for (const Text& m : mandatory) {
      en.push_back("falls under " + m.en);
      fr.push_back("relève de l'" + m.fr);
    }
    if (listed) {
      std::vector<std::string> le, lf;
      for (CnilDpiaType t : d.cnil_list) {
        le.emplace_back(wording(t, Lang::en));
        lf.emplace_back(wording(t, Lang::fr));
      }
      en.push_back(fmt::format("is on the CNIL's list of processing needing a DPIA ({})", join(le, "; ")));
      fr.push_back(fmt::format("figure sur la liste CNIL des traitements soumis à AIPD ({})", join(lf, " ; ")));
    }
    if (en.empty()) {
      en.emplace_back("is recorded as needing a DPIA");
      fr.emplace_back("est indiqué comme soumis à AIPD");
    }
    Text state = declared || d.status == Dpia::done
                     ? Text{": its DPIA is not done", " : son AIPD n'est pas faite"}
                 : concluded_by(d, today) ? Text{": yet the register concludes no DPIA is needed",
                                                 " : le registre conclut pourtant qu'aucune AIPD n'est nécessaire"}
                                          : Text{" and has no DPIA", " et n'a pas d'AIPD"};
    out.push_back(finding("activity", a.id.str(), {},
                          {fmt::format("activity {} {}{}", named(a), join(en, " and "), state.en),
                           fmt::format("le traitement {} {}{}", named(a), join(fr, " et "), state.fr)}));
  }
}

// WP248: one criterion may be enough, case by case: a DPIA to consider, or
// a conclusion to record.
void reg_008(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    const DpiaRecord& d = a.dpia;
    Date today = local_date(in.now, in.zone);
    if (done_by(d, today) || concluded_by(d, today) || !d.cnil_list.empty() || d.status == Dpia::required) continue;
    std::set<DpiaCriterion> criteria = wp248_criteria(in, a);
    if (criteria.size() != 1) continue;
    Text one = criteria_text(criteria);
    out.push_back(finding("activity", a.id.str(), {},
                          {fmt::format("activity {} meets one WP248 criterion ({}) and neither has a DPIA nor "
                                       "records why it needs none",
                                       named(a), one.en),
                           fmt::format("le traitement {} remplit un critère du G29 ({}) et n'a ni AIPD ni "
                                       "conclusion documentée qu'elle n'est pas nécessaire",
                                       named(a), one.fr)}));
  }
}

// Art. 35(11): the controller reviews whether processing still matches its
// DPIA, at least when the risk changes; the CNIL asks a re-assessment every
// three years. A DPIA with no day cannot show it is current.
void reg_009(const AuditInput& in, std::vector<Finding>& out) {
  Date today = local_date(in.now, in.zone);
  for (const Activity& a : in.reg.activities) {
    const DpiaRecord& d = a.dpia;
    if (d.status != Dpia::done) continue;
    Text text;
    auto three_years = [&](Date from) {
      return local_date(add(start_of_day(from, in.zone), *Duration::parse("P3Y"), in.zone), in.zone);
    };
    if (d.date && today < *d.date) {
      text = {fmt::format("the DPIA of activity {} is dated {}, after today", named(a), format_date(*d.date)),
              fmt::format("l'AIPD du traitement {} est datée du {}, après aujourd'hui", named(a),
                          format_date(*d.date))};
    } else if (d.review && d.date && three_years(*d.date) < *d.review) {
      text = {fmt::format("the DPIA of activity {} is to be reviewed on {}, more than three years after {}",
                          named(a), format_date(*d.review), format_date(*d.date)),
              fmt::format("l'AIPD du traitement {} doit être révisée le {}, plus de trois ans après le {}",
                          named(a), format_date(*d.review), format_date(*d.date))};
    } else if (d.review) {
      if (!(*d.review < today)) continue;
      text = {fmt::format("the DPIA of activity {} was due for review on {}", named(a), format_date(*d.review)),
              fmt::format("l'AIPD du traitement {} devait être révisée le {}", named(a), format_date(*d.review))};
    } else if (d.date) {
      if (!(three_years(*d.date) < today)) continue;
      text = {fmt::format("the DPIA of activity {} was carried out on {}, over three years ago, and has no review "
                          "date",
                          named(a), format_date(*d.date)),
              fmt::format("l'AIPD du traitement {} a été réalisée le {}, il y a plus de trois ans, sans date de "
                          "révision",
                          named(a), format_date(*d.date))};
    } else {
      text = {fmt::format("the DPIA of activity {} is recorded as done on a day the register does not give",
                          named(a)),
              fmt::format("l'AIPD du traitement {} est indiquée comme réalisée sans date", named(a))};
    }
    out.push_back(finding("activity", a.id.str(), {}, std::move(text)));
  }
}

// Art. 6(1)(a): a purpose that needs consent rests only on consent; a
// basis of consent for purposes none of which asks for it has no consent
// the ledger could back (CON-001 reads the consent purposes). Each basis of
// the activity is checked against the purposes it grounds.
void reg_005(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    bool whole = a.bases.size() == 1 && a.bases[0].purposes.empty();
    for (const BasisUse& use : a.bases) {
      const std::vector<PurposeId>& covered = purposes_of(a, use);
      if (covered.empty()) continue;
      std::vector<std::string> needing;
      // The explicit consent of Art. 9(2)(a) is a condition on top of any
      // Art. 6 basis: a purpose collecting it needs no Art. 6(1)(a) basis.
      bool art_9_consent = a.special_condition == SpecialCondition::explicit_consent;
      bool asks_consent = false;
      for (const PurposeId& id : covered)
        if (const Purpose* p = in.reg.purpose(id); p && p->consent_required) {
          asks_consent = true;
          if (!(art_9_consent && p->explicit_consent)) needing.push_back(listed(in.reg, id));
        }
      bool on_consent = use.basis == LegalBasis::consent;
      bool one = needing.size() == 1;
      if (!on_consent && !needing.empty())
        out.push_back(finding(
            "activity", a.id.str(), {},
            {fmt::format("activity {} rests on {} (Art. 6(1)({})) but its {} {} {} consent", named(a),
                         wording(use.basis, Lang::en), article_letter(use.basis), one ? "purpose" : "purposes",
                         join(needing, ", "), one ? "requires" : "require"),
             fmt::format("le traitement {} repose sur {} (art. 6.1.{} du RGPD) mais {} {} {} le consentement", named(a),
                         wording(use.basis, Lang::fr), article_letter(use.basis), one ? "sa finalité" : "ses finalités",
                         join(needing, ", "), one ? "exige" : "exigent")}));
      else if (on_consent && !asks_consent) {
        std::string ids;
        for (const PurposeId& id : covered) ids += (ids.empty() ? "" : ", ") + listed(in.reg, id);
        out.push_back(finding(
            "activity", a.id.str(), {},
            whole ? Text{fmt::format("activity {} rests on consent but none of its purposes requires it", named(a)),
                         fmt::format("le traitement {} repose sur le consentement mais aucune de ses finalités ne "
                                     "l'exige",
                                     named(a))}
                  : Text{fmt::format("activity {} rests on consent for {}, which {} not require it", named(a), ids,
                                     covered.size() == 1 ? "does" : "do"),
                         fmt::format("le traitement {} repose sur le consentement pour {}, qui ne l'{} pas",
                                     named(a), ids, covered.size() == 1 ? "exige" : "exigent")}));
      }
    }
  }
}

// ---- legitimate interests (Art. 6(1)(f)) ----

// Each activity on legitimate interests (an activity gives each basis once)
// whose entry leaves `field` empty: "activity 'x' rests on legitimate
// interests", "for its purpose fraud" when others rest on other bases, and
// what it lacks.
void unstated(const AuditInput& in, std::string BasisUse::*field, const Text& lack, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    const BasisUse* li = use_on(a, LegalBasis::legitimate_interests);
    if (!li || !(li->*field).empty() || purposes_of(a, *li).empty()) continue;
    Text on{"rests on legitimate interests", "repose sur l'intérêt légitime"};
    if (!li->purposes.empty()) {
      std::vector<std::string> ids;
      for (const PurposeId& id : li->purposes) ids.push_back(listed(in.reg, id));
      bool one = ids.size() == 1;
      on.en += fmt::format(" for its {} {}", one ? "purpose" : "purposes", join(ids, ", "));
      on.fr += fmt::format(" pour {} {}", one ? "sa finalité" : "ses finalités", join(ids, ", "));
    }
    out.push_back(finding("activity", a.id.str(), {},
                          {fmt::format("activity {} {}{}", named(a), on.en, lack.en),
                           fmt::format("le traitement {} {}{}", named(a), on.fr, lack.fr)}));
  }
}

// Art. 13(1)(d), 14(2)(b): on Art. 6(1)(f) the notice states the interest
// pursued; the register is where it is written, so that every notice says
// the same and the record shows it (Art. 5(2)).
void reg_010(const AuditInput& in, std::vector<Finding>& out) {
  unstated(in, &BasisUse::interest, {" but does not state the interest pursued", " sans indiquer l'intérêt poursuivi"},
           out);
}

// Art. 6(1)(f) grounds processing only where the person's interests, rights
// and freedoms do not override the controller's: the balancing test decides,
// and Art. 5(2) has the controller able to show it (the EDPB's Guidelines
// 1/2024 ask for it to be documented). A warning: the Regulation names no
// document, but without one the basis cannot be shown to hold.
void reg_011(const AuditInput& in, std::vector<Finding>& out) {
  unstated(in, &BasisUse::balancing,
           {" and references no balancing test", " sans référence à une mise en balance des intérêts"}, out);
}

// ---- retention (Art. 5(1)(e)) ----

void ret_001(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities)
    for (const CategoryId& c : a.data) {
      bool covered = std::any_of(a.retention.begin(), a.retention.end(), [&](const RetentionRule& r) {
        return std::find(r.data.begin(), r.data.end(), c) != r.data.end();
      });
      if (!covered)
        out.push_back(finding(
            "activity", a.id.str(), {},
            {fmt::format("activity {} has no retention rule for data category {}", named(a), named(in.reg, c)),
             fmt::format("le traitement {} n'a pas de durée de conservation pour la catégorie {}", named(a),
                         named(in.reg, c))}));
    }
}

// A rule that only says to review at once sets no period: it keeps a period
// written elsewhere in words (a Fides manifest's retention_period), not the
// time limit for erasure Art. 30(1)(f) asks the register to envisage, and
// the purge can never act on it.
void ret_004(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities)
    for (std::size_t i = 0; i < a.retention.size(); ++i) {
      const RetentionRule& r = a.retention[i];
      if (r.action != RetentionAction::review || !r.keep.is_zero()) continue;
      std::vector<std::string> ids;
      for (const CategoryId& c : r.data) ids.push_back(named(in.reg, c));
      bool one = ids.size() == 1;
      out.push_back(finding(
          "activity", a.id.str(), {},
          {fmt::format("activity {} rule {} sets no retention period for data {} {}: it only says to review "
                       "at once",
                       named(a), i + 1, one ? "category" : "categories", join(ids, ", ")),
           fmt::format("la règle {} du traitement {} ne fixe aucune durée de conservation pour {} {}\u202f: "
                       "elle dit seulement de réexaminer aussitôt",
                       i + 1, named(a), one ? "la catégorie" : "les catégories", join(ids, ", "))}));
    }
}

void ret_002(const AuditInput& in, std::vector<Finding>& out) {
  for (const RuleFacts& f : in.facts.rules) {
    // A review rule flags data for a person; it never makes a purge overdue.
    if (f.overdue == 0 || f.rule.action == RetentionAction::review) continue;
    const RuleDeadline& r = f.rule;
    std::string object = r.activity.str() + "/" + r.category.str();
    out.push_back(finding(
        "rule", object, f.overdue,
        {fmt::format("{} of {} in activity {} past their deadline (data category {}, rule {}: {} from {}, "
                     "then {})",
                     plural(f.overdue, "holding", "holdings"), plural(f.overdue_subjects, "subject", "subjects"),
                     named(in.reg, r.activity), named(in.reg, r.category), r.rule_no, human(r.keep, Lang::en),
                     wording(r.from, Lang::en), wording(r.action, Lang::en)),
         fmt::format("{} de {} dans le traitement {} {} (catégorie {}, règle {} : {} à "
                     "compter {}, puis {})",
                     plural(f.overdue, "donnée", "données"), plural(f.overdue_subjects, "personne", "personnes"),
                     named(in.reg, r.activity), f.overdue == 1 ? "a dépassé son échéance" : "ont dépassé leur échéance",
                     named(in.reg, r.category), r.rule_no, human(r.keep, Lang::fr),
                     wording(r.from, Lang::fr), wording(r.action, Lang::fr))}));
  }
}

// Holdings no rule can date stay for ever unless somebody acts: the
// storage limitation of Art. 5(1)(e) needs a deadline for each.
void ret_003(const AuditInput& in, std::vector<Finding>& out) {
  for (const UndatedFacts& u : in.facts.undated)
    out.push_back(finding(
        "activity", u.activity.str() + "/" + u.category.str(), u.holdings,
        {fmt::format("{} of {} in activity {} have no retention deadline (data category {}): every rule counts "
                     "from an engagement's end or last contact, which they lack",
                     plural(u.holdings, "holding", "holdings"), plural(u.subjects, "subject", "subjects"),
                     named(in.reg, u.activity), named(in.reg, u.category)),
         fmt::format("{} de {} dans le traitement {} n'ont pas d'échéance de conservation (catégorie {}) : "
                     "chaque règle part de la fin ou du dernier contact d'une relation, qui leur manque",
                     plural(u.holdings, "donnée", "données"), plural(u.subjects, "personne", "personnes"),
                     named(in.reg, u.activity), named(in.reg, u.category))}));
}

// ---- processors (Art. 28) ----

std::vector<std::string> users_of(const Register& reg, const ProcessorId& id) {
  std::vector<std::string> out;
  for (const Activity& a : reg.activities)
    if (std::find(a.processors.begin(), a.processors.end(), id) != a.processors.end()) out.push_back(listed(a));
  return out;
}

void dpa_001(const AuditInput& in, std::vector<Finding>& out) {
  for (const Processor& p : in.reg.processors) {
    std::vector<std::string> users = users_of(in.reg, p.id);
    if (p.dpa || users.empty()) continue;
    out.push_back(finding("processor", p.id.str(), {},
                          {fmt::format("processor {} has no DPA but activities use it: {}", named(p),
                                       join(users, ", ")),
                           fmt::format("le sous-traitant {} n'a pas de contrat art. 28 mais les traitements "
                                       "suivants y recourent : {}",
                                       named(p), join(users, ", "))}));
  }
}

void dpa_002(const AuditInput& in, std::vector<Finding>& out) {
  for (const Processor& p : in.reg.processors) {
    if (!p.dpa) continue;
    std::vector<std::string> missing;
    std::vector<std::string> manquantes;
    for (const auto& row : dpa_clauses())
      if (std::find(p.dpa->clauses.begin(), p.dpa->clauses.end(), row.value) == p.dpa->clauses.end()) {
        std::string as_id = fmt::format("{} ({})", row.name, article_letter(row.value));
        missing.push_back(worded(as_id, fmt::format("{} ({})", wording(row.value, Lang::en), article_letter(row.value))));
        manquantes.push_back(
            worded(as_id, fmt::format("{} ({})", wording(row.value, Lang::fr), article_letter(row.value))));
      }
    if (missing.empty()) continue;
    out.push_back(finding(
        "processor", p.id.str(), static_cast<long long>(missing.size()),
        {fmt::format("the DPA of processor {} lacks {}: {}", named(p),
                     missing.size() == 1 ? "a clause" : "clauses", join(missing, ", ")),
         fmt::format("le contrat du sous-traitant {} ne contient pas {} : {}", named(p),
                     missing.size() == 1 ? "la clause" : "les clauses", join(manquantes, ", "))}));
  }
}

void dpa_003(const AuditInput& in, std::vector<Finding>& out) {
  Date today = local_date(in.now, in.zone);
  for (const Processor& p : in.reg.processors)
    if (p.dpa && p.dpa->review_on && *p.dpa->review_on < today)
      out.push_back(finding(
          "processor", p.id.str(), {},
          {fmt::format("the DPA of processor {} was due for review on {}", named(p),
                       format_date(*p.dpa->review_on)),
           fmt::format("le contrat du sous-traitant {} devait être revu le {}", named(p),
                       format_date(*p.dpa->review_on))}));
}

void dpa_004(const AuditInput& in, std::vector<Finding>& out) {
  for (const Processor& p : in.reg.processors)
    for (const SubProcessor& s : p.subprocessors)
      if (!s.authorised)
        out.push_back(finding(
            "processor", p.id.str(), {},
            {fmt::format("sub-processor '{}' of processor {} has no recorded authorisation", s.name, named_short(p)),
             fmt::format("le sous-traitant ultérieur '{}' du sous-traitant {} n'a pas d'autorisation documentée",
                         s.name, named_short(p))}));
}

// The opening of Art. 28(3): the contract sets out the subject-matter and
// duration of the processing, its nature and purpose, the type of personal
// data and categories of data subjects, and the controller's obligations
// and rights. A DPA the register records without them is checked by DPA-002
// for its clauses only; this rule asks for the particulars.
void dpa_005(const AuditInput& in, std::vector<Finding>& out) {
  for (const Processor& p : in.reg.processors) {
    if (!p.dpa) continue;
    std::vector<std::string> en, fr;
    for (const auto& row : dpa_particulars())
      if (std::find(p.dpa->particulars.begin(), p.dpa->particulars.end(), row.value) == p.dpa->particulars.end()) {
        en.emplace_back(wording(row.value, Lang::en));
        fr.emplace_back(wording(row.value, Lang::fr));
      }
    if (en.empty()) continue;
    out.push_back(finding("processor", p.id.str(), static_cast<long long>(en.size()),
                          {fmt::format("the DPA of processor {} does not set out {}", named(p),
                                       join(en, ", ")),
                           fmt::format("le contrat du sous-traitant {} ne précise pas : {}", named(p),
                                       join(fr, ", "))}));
  }
}

// ---- transfers (Chapter V) ----

// The register's name of the country in English, CLDR's in French.
std::string country_name(const std::string& code, Lang lang) {
  const Country* c = Countries::builtin().find(code);
  if (lang == Lang::fr) return l10n::country_name(code, lang);
  return c ? c->name : code;
}

// Outermost regions are EU territory (Art. 355(1) TFEU): no transfer at all.
bool in_eea(const std::string& code) {
  const Country* c = Countries::builtin().find(code);
  return c && c->eea;
}

// Where an activity's data goes outside the EEA, and what the register says grounds it.
struct Recipient {
  std::string country;
  std::string who;  // for the finding
  std::optional<Safeguard> safeguard;
  bool covered = false;  // within a partial adequacy decision
  bool occasional = false;
  bool declared = false;  // a transfer the activity lists, not one its processors imply
};

enum class Verdict { grounded, no_ground, recurring_derogation, processor_derogation };

struct Checked {
  Recipient to;
  Verdict verdict = Verdict::grounded;
  AdequacyStatus adequacy = AdequacyStatus::none;
};

// An Art. 46 safeguard: SCCs, BCRs, a code, a certification, ad hoc clauses.
bool art_46(const std::optional<Safeguard>& s) {
  return s && *s != Safeguard::adequacy && *s != Safeguard::dpf && !is_derogation(*s);
}

// The Art. 45 ground on `today`: the DPF is the US decision for certified organisations.
AdequacyStatus adequacy_of(const Recipient& r, Date today) {
  bool covered = r.covered || (r.safeguard == Safeguard::dpf && r.country == "US");
  return adequacy_status(Countries::builtin().find(r.country), today, covered);
}

// Every recipient outside the EEA of an activity: its declared transfers, its
// processors and, as onward transfers (Art. 44), their sub-processors, each
// with its verdict. A processor or sub-processor with no ground of its own is
// grounded by a declared transfer to its country, unless that transfer is a
// derogation: Art. 49 never grounds a processor relationship (EDPB
// Guidelines 2/2018), nor a transfer that is not occasional.
std::vector<Checked> transfers_of(const Register& reg, const Activity& a, Date today) {
  std::vector<Recipient> all;
  for (const Transfer& t : a.transfers)
    all.push_back({t.country, t.recipient, t.safeguard, t.covered_by_adequacy, t.occasional, true});
  for (const ProcessorId& id : a.processors) {
    const Processor* p = reg.processor(id);
    if (!p) continue;
    all.push_back({p->country, p->name, std::nullopt, p->covered_by_adequacy, false, false});
    for (const SubProcessor& s : p->subprocessors)
      all.push_back({s.country, fmt::format("{}, sub-processor of {}", s.name, named_short(*p)), s.safeguard,
                     s.covered_by_adequacy, false, false});
  }
  std::vector<Checked> out;
  for (const Recipient& r : all) {
    if (in_eea(r.country)) continue;
    Checked c{r, Verdict::grounded, adequacy_of(r, today)};
    bool derogation = r.safeguard && is_derogation(*r.safeguard);
    if (derogation) {
      c.verdict = !r.declared ? Verdict::processor_derogation
                  : r.occasional ? Verdict::grounded
                                 : Verdict::recurring_derogation;
    } else if (!art_46(r.safeguard) && c.adequacy != AdequacyStatus::applies) {
      c.verdict = Verdict::no_ground;
      if (!r.declared)
        for (const Transfer& t : a.transfers) {
          if (t.country != r.country) continue;
          bool by_derogation = t.safeguard && is_derogation(*t.safeguard);
          if (!by_derogation) {
            c.verdict = Verdict::grounded;  // the declared transfer is checked on its own
            break;
          }
          c.verdict = Verdict::processor_derogation;
        }
    }
    if (c.verdict != Verdict::grounded) out.push_back(std::move(c));
  }
  return out;
}

Text adequacy_note(const std::string& code, AdequacyStatus status) {
  const Country* c = Countries::builtin().find(code);
  switch (status) {
    case AdequacyStatus::not_covered:
      return {fmt::format("; the EU decision for {} covers only some recipients", code),
              fmt::format(" ; la décision de l'UE ({}) ne couvre que certains destinataires",
                          country_name(code, Lang::fr))};
    case AdequacyStatus::not_yet:
      return {fmt::format("; the EU decision for {} applies from {}", code, format_date(c->adequacy->adopted)),
              fmt::format(" ; la décision de l'UE ({}) ne s'applique qu'à partir du {}",
                          country_name(code, Lang::fr), l10n::long_date(c->adequacy->adopted, Lang::fr))};
    case AdequacyStatus::expired:
      return {fmt::format("; the EU decision for {} expired after {}", code, format_date(*c->adequacy->valid_until)),
              fmt::format(" ; la décision de l'UE ({}) a expiré après le {}", country_name(code, Lang::fr),
                          l10n::long_date(*c->adequacy->valid_until, Lang::fr))};
    default:
      return {};
  }
}

void trf_001(const AuditInput& in, std::vector<Finding>& out) {
  Date today = local_date(in.now, in.zone);
  for (const Activity& a : in.reg.activities)
    for (const Checked& c : transfers_of(in.reg, a, today)) {
      if (c.verdict != Verdict::no_ground) continue;
      std::string whom = c.to.who.empty() ? "" : " (" + c.to.who + ")";
      Text note = adequacy_note(c.to.country, c.adequacy);
      out.push_back(finding("activity", a.id.str(), {},
                            {fmt::format("activity {} transfers data to {}{} with no adequacy decision, safeguard "
                                         "or derogation{}",
                                         named(a), country_name(c.to.country, Lang::en), whom, note.en),
                             fmt::format("le traitement {} transfère des données hors de l'UE, pays : {}{}, sans décision "
                                         "d'adéquation, garantie ni dérogation{}",
                                         named(a), country_name(c.to.country, Lang::fr), whom, note.fr)}));
    }
}

void trf_002(const AuditInput& in, std::vector<Finding>& out) {
  Date today = local_date(in.now, in.zone);
  for (const Activity& a : in.reg.activities)
    for (const Checked& c : transfers_of(in.reg, a, today)) {
      std::string where = country_name(c.to.country, Lang::en), ou = country_name(c.to.country, Lang::fr);
      if (c.verdict == Verdict::recurring_derogation) {
        char letter =
            static_cast<char>('a' + static_cast<int>(*c.to.safeguard) - static_cast<int>(Safeguard::derogation_49_1_a));
        std::string whom = c.to.who.empty() ? "" : " (" + c.to.who + ")";  // a declared recipient is optional
        out.push_back(finding("activity", a.id.str(), {},
                              {fmt::format("activity {} transfers data to {}{} on the Art. 49(1)({}) derogation, "
                                           "which grounds only an occasional transfer",
                                           named(a), where, whom, letter),
                               fmt::format("le traitement {} transfère des données hors de l'UE, pays : {}{}, sur la dérogation de "
                                           "l'art. 49.1.{} du RGPD, qui ne vaut que pour un transfert occasionnel",
                                           named(a), ou, whom, letter)}));
      } else if (c.verdict == Verdict::processor_derogation) {
        out.push_back(finding("activity", a.id.str(), {},
                              {fmt::format("activity {} transfers data to {} ({}) on an Art. 49 derogation, which "
                                           "cannot ground a processor relationship",
                                           named(a), where, c.to.who),
                               fmt::format("le traitement {} transfère des données hors de l'UE, pays : {} ({}), sur une dérogation "
                                           "de l'art. 49, qui ne peut fonder une sous-traitance",
                                           named(a), ou, c.to.who)}));
      }
    }
}

// ---- consent (Arts. 6(1)(a), 7, 8) ----

void con_001(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    const ActivityFacts* f = in.facts.activity(a.id);
    if (!rests_on_consent(a) || !f || f->unconsented_holdings == 0) continue;
    out.push_back(finding(
        "activity", a.id.str(), f->unconsented_holdings,
        {fmt::format("activity {} rests on consent but holds {} of {} with no valid consent (none, refused, "
                     "withdrawn, ended with the period agreed to, or a child's without the parental co-signature)",
                     named(a), plural(f->unconsented_holdings, "holding", "holdings"),
                     plural(f->unconsented_subjects, "subject", "subjects")),
         fmt::format("le traitement {} repose sur le consentement mais détient {} de {} sans consentement valide "
                     "(absent, refusé, retiré, échu au terme de la durée consentie, ou d'un mineur sans la "
                     "cosignature parentale)",
                     named(a), plural(f->unconsented_holdings, "donnée", "données"),
                     plural(f->unconsented_subjects, "personne", "personnes"))}));
  }
}

void con_002(const AuditInput& in, std::vector<Finding>& out) {
  for (const PurposeFacts& f : in.facts.purposes)
    if (f.without_proof > 0)
      out.push_back(finding(
          "purpose", f.purpose.str(), f.without_proof,
          {fmt::format("{} for purpose {} {} part of {} proof (notice version or hash, channel, evidence)",
                       plural(f.without_proof, "given consent", "given consents"), named(in.reg, f.purpose),
                       f.without_proof == 1 ? "lacks" : "lack", f.without_proof == 1 ? "its" : "their"),
           fmt::format("{} pour la finalité {} {} pas toute sa preuve (version ou empreinte de la mention, "
                       "canal, justificatif)",
                       plural(f.without_proof, "consentement donné", "consentements donnés"), named(in.reg, f.purpose),
                       f.without_proof == 1 ? "n'a" : "n'ont")}));
}

// The validity of a purpose is the controller's own renewal policy (no
// statute sets one for these consents): past it, the consent still stands
// but should be renewed, a warning. A consent the person gave for a period
// of their own (scope.duration) is no consent after it: CON-001.
void con_003(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    const ActivityFacts* f = in.facts.activity(a.id);
    if (!rests_on_consent(a) || !f || f->expired_holdings == 0) continue;
    out.push_back(finding(
        "activity", a.id.str(), f->expired_holdings,
        {fmt::format("activity {} still holds {} of {} whose consent has expired", named(a),
                     plural(f->expired_holdings, "holding", "holdings"),
                     plural(f->expired_subjects, "subject", "subjects")),
         fmt::format("le traitement {} détient encore {} de {} dont le consentement a expiré", named(a),
                     plural(f->expired_holdings, "donnée", "données"),
                     plural(f->expired_subjects, "personne", "personnes"))}));
  }
}

void con_004(const AuditInput& in, std::vector<Finding>& out) {
  if (in.facts.minor_consents == 0) return;
  int age = Countries::builtin().consent_age(in.reg.controller.country);
  std::string events = join(in.facts.minor_consent_events, ", ");
  out.push_back(finding(
      "ledger", "consent", in.facts.minor_consents,
      {fmt::format("{} given by subjects under {} without the parental co-consent (events {})",
                   plural(in.facts.minor_consents, "consent was", "consents were"), age, events),
       fmt::format("{} par des personnes de moins de {} ans sans le consentement conjoint d'un titulaire de "
                   "l'autorité parentale (événements {})",
                   plural(in.facts.minor_consents, "consentement a été donné", "consentements ont été donnés"), age,
                   events)}));
}

void con_005(const AuditInput& in, std::vector<Finding>& out) {
  if (in.facts.ledger.problem.empty()) return;
  out.push_back(finding("ledger", "consent", {},
                        {"the consent ledger fails verification: " + in.facts.ledger.problem,
                         "le registre des consentements n'est plus intègre : " + in.facts.ledger.problem}));
}

// Art. 9(2)(a): special-category data on explicit consent needs that
// consent, explicit, from each person, and the controller must be able to
// show it (Art. 7(1)). dpokit reads a consent as explicit when its purpose
// says so (explicit: true): its notice names the data and asks for an
// express statement. An activity naming that condition with no purpose
// collecting it can show no one's; one that has such purposes is checked
// person by person against the ledger.
void con_007(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    if (a.special_condition != SpecialCondition::explicit_consent || special_labels(in.reg, a).empty()) continue;
    bool collects = std::any_of(a.purposes.begin(), a.purposes.end(), [&](const PurposeId& id) {
      const Purpose* p = in.reg.purpose(id);
      return p && p->explicit_consent;
    });
    if (!collects) {
      out.push_back(finding("activity", a.id.str(), {},
                            {fmt::format("activity {} rests on explicit consent (Art. 9(2)(a)) for its "
                                         "special-category data but none of its purposes collects one",
                                         named(a)),
                             fmt::format("le traitement {} repose sur le consentement explicite (art. 9.2.a du RGPD) "
                                         "pour ses données sensibles mais aucune de ses finalités ne le recueille",
                                         named(a))}));
      continue;
    }
    const ActivityFacts* f = in.facts.activity(a.id);
    if (!f || f->unexplicit_holdings == 0) continue;
    out.push_back(finding(
        "activity", a.id.str(), f->unexplicit_holdings,
        {fmt::format("activity {} holds {} of special-category data of {} with no valid explicit consent",
                     named(a), plural(f->unexplicit_holdings, "holding", "holdings"),
                     plural(f->unexplicit_subjects, "subject", "subjects")),
         fmt::format("le traitement {} détient {} sensibles de {} sans consentement explicite valide", named(a),
                     plural(f->unexplicit_holdings, "donnée", "données"),
                     plural(f->unexplicit_subjects, "personne", "personnes"))}));
  }
}

// CPCE L34-5: canvassing individuals by email or SMS needs their prior
// consent, save existing customers offered similar products and
// professionals about their job, each with an opt-out, which the register
// marks on the purpose (marketing_exception). An activity on consent has
// its consents checked by CON-001.
void con_006(const AuditInput& in, std::vector<Finding>& out) {
  for (const Activity& a : in.reg.activities) {
    for (const PurposeId& id : a.purposes) {
      std::optional<LegalBasis> basis = basis_of(a, id);
      const Purpose* p = in.reg.purpose(id);
      if (!basis || *basis == LegalBasis::consent || !p || !p->marketing || p->marketing_exception) continue;
      std::vector<std::string> channels, canaux;
      for (Channel c : p->channels)
        if (c == Channel::email || c == Channel::sms) {
          channels.emplace_back(wording(c, Lang::en));
          canaux.emplace_back(wording(c, Lang::fr));
        }
      if (channels.empty()) continue;
      out.push_back(finding(
          "activity", a.id.str(), {},
          {fmt::format("activity {} canvasses by {} for purpose {} on {}, without the people's consent nor a "
                       "marked exception",
                       named(a), join(channels, ", "), named(in.reg, id), wording(*basis, Lang::en)),
           fmt::format("le traitement {} prospecte par {} pour la finalité {} sur {}, sans consentement des "
                       "personnes ni exception documentée",
                       named(a), join(canaux, ", "), named(in.reg, id), wording(*basis, Lang::fr))}));
    }
  }
}

// C. trav. L6323-8-1 bans canvassing CPF account holders (every worker in
// France) by phone, interpersonal message, email or social network to collect
// their CPF data or sell CPF-eligible actions. No consent lifts the ban; the
// one exception, a solicitation within an action in progress and directly
// linked to it, is left out of the count by the store (docs/design.md 5).
void cpf_001(const AuditInput& in, std::vector<Finding>& out) {
  for (const Purpose& p : in.reg.purposes) {
    const PurposeFacts* f = in.facts.purpose(p.id);
    if (!p.cpf_eligible || !f || f->cpf_reached == 0) continue;
    std::vector<std::string> channels, canaux;
    for (Channel c : p.channels)
      if (cpf_banned(c)) {
        channels.emplace_back(wording(c, Lang::en));
        canaux.emplace_back(wording(c, Lang::fr));
      }
    if (channels.empty()) continue;
    out.push_back(finding(
        "purpose", p.id.str(), f->cpf_reached,
        {fmt::format("purpose {} canvasses {} by {} for CPF-eligible actions or CPF data, outside any action in "
                     "progress it is linked to",
                     named(in.reg, p.id), plural(f->cpf_reached, "person", "people"), join(channels, ", ")),
         fmt::format("la finalité {} démarche {} par {} pour des actions éligibles au CPF ou des données du CPF, "
                     "hors de toute action en cours à laquelle elle se rattache",
                     named(in.reg, p.id), plural(f->cpf_reached, "personne", "personnes"), join(canaux, ", "))}));
  }
}

// ---- breaches (Art. 33, 34) ----

std::string local_time(Instant t, const Zone& zone) { return format_local(t, zone); }

void bre_001(const AuditInput& in, std::vector<Finding>& out) {
  for (const BreachFacts& b : in.facts.breaches) {
    Instant due = notification_due(b.aware_at);
    if (!b.notify || b.notified_at || in.now <= due) continue;
    out.push_back(finding("breach", b.id, {},
                          {fmt::format("breach {} needs notifying and is not notified; the 72 hours ran out on {}",
                                       b.id, local_time(due, in.zone)),
                           fmt::format("la violation {} doit être notifiée et ne l'est pas ; les 72 heures ont expiré "
                                       "le {}",
                                       b.id, local_time(due, in.zone))}));
  }
}

void bre_002(const AuditInput& in, std::vector<Finding>& out) {
  for (const BreachFacts& b : in.facts.breaches) {
    if (!b.notified_at || *b.notified_at <= notification_due(b.aware_at) || !b.late_reasons.empty()) continue;
    long long hours = hours_up(b.aware_at, *b.notified_at);
    out.push_back(finding("breach", b.id, {},
                          {fmt::format("breach {} was notified {} hours after it was known, without reasons", b.id,
                                       hours),
                           fmt::format("la violation {} a été notifiée {} heures après sa découverte, sans motif", b.id,
                                       hours)}));
  }
}

void bre_003(const AuditInput& in, std::vector<Finding>& out) {
  for (const BreachFacts& b : in.facts.breaches) {
    if (!b.communicate || b.communicated_at) continue;
    out.push_back(finding("breach", b.id, {},
                          {fmt::format("breach {} is a high risk to the people and they have not been told", b.id),
                           fmt::format("la violation {} présente un risque élevé et les personnes n'ont pas été "
                                       "informées",
                                       b.id)}));
  }
}

void bre_004(const AuditInput& in, std::vector<Finding>& out) {
  for (const BreachFacts& b : in.facts.breaches) {
    if (b.missing.empty()) continue;
    std::string list = fmt::format("{}", fmt::join(b.missing, ", "));
    out.push_back(finding("breach", b.id, {},
                          {fmt::format("the record of breach {} lacks {}", b.id, list),
                           fmt::format("la fiche de la violation {} ne renseigne pas {}", b.id, list)}));
  }
}

// ---- governance ----

void gov_001(const AuditInput& in, std::vector<Finding>& out) {
  const Controller& c = in.reg.controller;
  bool dpo = c.dpo && (!c.dpo->email.empty() || !c.dpo->phone.empty() || !c.dpo->name.empty());
  if (!dpo && c.contact.empty())
    out.push_back(finding("controller", "controller", {},
                          {"no DPO and no contact point are declared",
                           "aucun DPO ni point de contact n'est désigné"}));
}

// Art. 37(1): a DPO is mandatory for a public authority or body (a), and
// where core activities are large-scale regular and systematic monitoring
// (b: an activity marked `monitoring`) or large-scale processing of Art. 9
// or Art. 10 data (c), large meaning REG-004's threshold; Art. 37(7): the
// designation is communicated to the authority. A mailbox without a name is
// a contact point, not a DPO.
void gov_003(const AuditInput& in, std::vector<Finding>& out) {
  const Controller& c = in.reg.controller;
  std::vector<std::string> en, fr;
  if (c.public_body) {
    en.emplace_back("a public body");
    fr.emplace_back("organisme public");
  }
  for (const Activity& a : in.reg.activities) {
    const ActivityFacts* f = in.facts.activity(a.id);
    if (!f || f->subjects < kLargeScale) continue;
    if (a.monitoring) {
      en.push_back(fmt::format("regular and systematic monitoring of {} people in {}", f->subjects, named(a)));
      fr.push_back(fmt::format("suivi régulier et systématique de {} personnes dans {}", f->subjects, named(a)));
    }
    if (!special_labels(in.reg, a).empty()) {
      en.push_back(fmt::format("special-category data of {} people in {}", f->subjects, named(a)));
      fr.push_back(fmt::format("données sensibles de {} personnes dans {}", f->subjects, named(a)));
    }
    if (!categories_of_kind(in.reg, a, DataKind::criminal).empty()) {
      en.push_back(fmt::format("criminal-offence data of {} people in {}", f->subjects, named(a)));
      fr.push_back(fmt::format("données d'infraction de {} personnes dans {}", f->subjects, named(a)));
    }
  }
  if (en.empty()) return;
  Text gap;
  if (!c.dpo || c.dpo->name.empty())
    gap = {"but none is designated; a mailbox without a name is a contact point",
           "mais aucun n'est désigné ; une adresse sans nom n'est qu'un point de contact"};
  else if (c.dpo->designation.empty())
    gap = {"and the number of their designation to the authority is not recorded",
           "et le numéro de sa désignation auprès de l'autorité n'est pas renseigné"};
  else
    return;
  out.push_back(finding("controller", "controller", {},
                        {fmt::format("a DPO is mandatory ({}) {}", join(en, "; "), gap.en),
                         fmt::format("la désignation d'un DPO est obligatoire ({}) {}", join(fr, " ; "), gap.fr)}));
}

// ---- subject requests (Art. 12(3)) ----

Text request_text(const SubjectRequest& r, const Zone& zone, bool late) {
  std::string type(name_of(request_types(), r.type));
  std::string received = format_date(local_date(r.received, zone));
  std::string due = format_date(r.due);
  if (late)
    return {fmt::format("request {} ({}) received on {} was due on {} and is still open", r.id, type, received, due),
            fmt::format("la demande {} ({}) reçue le {} devait être traitée le {} et reste ouverte", r.id, type,
                        received, due)};
  return {fmt::format("request {} ({}) received on {} is due on {}", r.id, type, received, due),
          fmt::format("la demande {} ({}) reçue le {} est à traiter au plus tard le {}", r.id, type, received, due)};
}

// A complaint is not an Art. 15-22 request: Art. 12(3) sets it no deadline.
// dpokit gives it the same month, the controller's own commitment (Qualiopi
// indicator 31 asks that complaints be handled), checked by DSR-003.
bool is_complaint(const SubjectRequest& r) { return r.type == RequestType::complaint; }

void dsr_001(const AuditInput& in, std::vector<Finding>& out) {
  for (const SubjectRequest& r : in.facts.requests.late)
    if (!is_complaint(r)) out.push_back(finding("request", std::to_string(r.id), {}, request_text(r, in.zone, true)));
}

void dsr_002(const AuditInput& in, std::vector<Finding>& out) {
  for (const SubjectRequest& r : in.facts.requests.due_soon)
    if (!is_complaint(r)) out.push_back(finding("request", std::to_string(r.id), {}, request_text(r, in.zone, false)));
}

void dsr_003(const AuditInput& in, std::vector<Finding>& out) {
  for (const SubjectRequest& r : in.facts.requests.late)
    if (is_complaint(r)) out.push_back(finding("request", std::to_string(r.id), {}, request_text(r, in.zone, true)));
}

// ---- governance ----

void gov_002(const AuditInput& in, std::vector<Finding>& out) {
  const Controller& c = in.reg.controller;
  if (!c.reviewed) {
    out.push_back(finding("controller", "register", {},
                          {"the register has never been reviewed", "le registre n'a jamais été revu"}));
    return;
  }
  Instant reviewed = start_of_day(*c.reviewed, in.zone);
  if (add(reviewed, *Duration::parse("P3M"), in.zone) <= in.now)
    out.push_back(finding("controller", "register", {},
                          {fmt::format("the register was last reviewed on {}, more than 3 months ago",
                                       format_date(*c.reviewed)),
                           fmt::format("le registre a été revu pour la dernière fois le {}, il y a plus de 3 mois",
                                       format_date(*c.reviewed))}));
}

constexpr Rule kRules[] = {
    {{"REG-001", Severity::error, "Art. 5(2), 6(1)",
     {"activity or purpose without a legal basis", "traitement ou finalité sans base légale"},
     {"set legal_basis on the activity, or give the purpose a basis in its list",
      "renseigner legal_basis pour le traitement, ou donner une base à la finalité dans sa liste"}},
     reg_001},
    {{"REG-002", Severity::error, "Art. 30(1)",
     {"activity missing an Art. 30(1) field", "traitement auquel manque un champ de l'art. 30.1 du RGPD"},
     {"record its purposes, data subjects, data categories, recipients and security measures",
      "renseigner finalités, personnes concernées, catégories de données, destinataires et mesures de sécurité"}},
     reg_002},
    {{"REG-003", Severity::error, "Art. 9",
     {"special-category data without an Art. 9(2) condition", "données sensibles sans condition de l'art. 9.2 du RGPD"},
     {"set special_condition, or stop processing the special category",
      "renseigner special_condition, ou cesser de traiter la donnée sensible"}},
     reg_003},
    {{"REG-004", Severity::error, "Art. 35(1), 35(3), 35(4)",
     {"DPIA required (two WP248 criteria, Art. 35(3), the CNIL's list) and not done",
      "AIPD requise (deux critères du G29, art. 35.3 du RGPD, liste CNIL) et non réalisée"},
     {"carry out the DPIA and record `dpia: { status: done, date, review }`; with two WP248 criteria only and no "
      "high risk, record `dpia: { status: not-required, date, reason }` (never for Art. 35(3) or the CNIL's list)",
      "mener l'AIPD et renseigner `dpia: { status: done, date, review }` ; avec deux critères du G29 seulement et "
      "sans risque élevé, renseigner `dpia: { status: not-required, date, reason }` (jamais pour l'art. 35.3 du RGPD ni la "
      "liste CNIL)"}},
     reg_004},
    {{"REG-005", Severity::error, "Art. 6(1)(a), 7(1)",
     {"legal basis at odds with the purposes' need for consent",
      "base légale en contradiction avec le besoin de consentement des finalités"},
     {"give each purpose the basis that fits it: consent where it says consent: required, another basis where it "
      "does not (legal_basis, or the purpose's entry in its list)",
      "donner à chaque finalité la base qui lui convient : le consentement si elle indique consent: required, une "
      "autre sinon (legal_basis, ou l'entrée de la finalité dans sa liste)"}},
     reg_005},
    {{"REG-006", Severity::error, "Art. 10",
     {"criminal-offence data with no authorising text", "données d'infraction sans texte qui les autorise"},
     {"cite in 'authorisation' the law that allows it, or stop holding the data",
      "citer dans 'authorisation' le texte qui l'autorise, ou cesser de détenir ces données"}},
     reg_006},
    {{"REG-007", Severity::warning, "décret 2019-341",
     {"official identifiers (NIR, identity documents) with no authorising text",
      "identifiants officiels (NIR, pièces d'identité) sans texte qui les autorise"},
     {"cite in 'authorisation' the text or the reason (the NIR: a purpose décret 2019-341 lists)",
      "citer dans 'authorisation' le texte ou la raison (le NIR : une finalité du décret 2019-341)"}},
     reg_007},
    {{"REG-008", Severity::warning, "Art. 35(1)",
     {"one WP248 criterion and no DPIA nor documented conclusion",
      "un critère du G29 sans AIPD ni conclusion documentée"},
     {"consider a DPIA, or record why none is needed: `dpia: { status: not-required, date, reason }`",
      "envisager une AIPD, ou documenter pourquoi elle n'est pas nécessaire : `dpia: { status: not-required, date, "
      "reason }`"}},
     reg_008},
    {{"REG-009", Severity::warning, "Art. 35(11)",
     {"DPIA due for review, reviewed too far off, or done on no recorded day",
      "AIPD à réviser, révision trop lointaine, ou réalisée sans date"},
     {"review the DPIA and record its date and next review (every three years at most)",
      "réviser l'AIPD et renseigner sa date et sa prochaine révision (au plus tous les trois ans)"}},
     reg_009},
    {{"REG-010", Severity::warning, "Art. 6(1)(f), 13(1)(d), 14(2)(b)",
     {"purpose on legitimate interests with no interest pursued stated",
      "finalité fondée sur l'intérêt légitime sans intérêt poursuivi indiqué"},
     {"write the interest pursued as `interest:` beside `basis: legitimate-interests` in legal_basis",
      "écrire l'intérêt poursuivi en `interest:` à côté de `basis: legitimate-interests` dans legal_basis"}},
     reg_010},
    {{"REG-011", Severity::warning, "Art. 5(2), 6(1)(f)",
     {"legitimate interests with no balancing test referenced",
      "intérêt légitime sans référence à la mise en balance des intérêts"},
     {"carry out the balancing test, then record where it is documented as `balancing:` in legal_basis",
      "mener la mise en balance des intérêts, puis indiquer où elle est documentée en `balancing:` dans "
      "legal_basis"}},
     reg_011},
    {{"RET-001", Severity::error, "Art. 5(1)(e), 30(1)(f)",
     {"data category of an activity without a retention rule", "catégorie de données sans durée de conservation"},
     {"add a retention rule for the category", "ajouter une règle de conservation pour la catégorie"}},
     ret_001},
    {{"RET-002", Severity::error, "Art. 5(1)(e)",
     {"holdings kept past their retention deadline", "données conservées au-delà de leur échéance"},
     {"run dpo purge (see dpo purge --dry-run)", "lancer dpo purge (voir dpo purge --dry-run)"}},
     ret_002},
    {{"RET-003", Severity::warning, "Art. 5(1)(e)",
     {"holdings with no retention deadline", "données sans échéance de conservation"},
     {"give the rule a fallback (`else: collected`), or record the engagements' end or last contact",
      "ajouter une date de repli à la règle (`else: collected`), ou renseigner la fin ou le dernier contact des "
      "relations"}},
     ret_003},
    {{"RET-004", Severity::error, "Art. 5(1)(e), 30(1)(f)",
     {"retention rule that sets no period, only a review at once",
      "règle de conservation sans durée, qui dit seulement de réexaminer aussitôt"},
     {"write the period, what starts it and what happens then (keep, from, action); keep the text as its basis",
      "indiquer la durée, ce qui la fait courir et ce qui se passe ensuite (keep, from, action), en gardant le texte "
      "comme fondement"}},
     ret_004},
    {{"DPA-001", Severity::error, "Art. 28(3)",
     {"processor used by an activity without a DPA", "sous-traitant sans contrat art. 28"},
     {"sign a DPA with the processor and record it", "signer un contrat art. 28 et le renseigner"}},
     dpa_001},
    {{"DPA-002", Severity::error, "Art. 28(3)",
     {"DPA missing one of the eight Art. 28(3) clauses", "contrat sans l'une des huit clauses de l'art. 28.3 du RGPD"},
     {"amend the DPA with the missing clauses", "compléter le contrat des clauses manquantes"}},
     dpa_002},
    {{"DPA-003", Severity::warning, "Art. 28(1)",
     {"DPA review date passed", "date de revue du contrat dépassée"},
     {"review the DPA and record the next review date", "revoir le contrat et fixer la prochaine revue"}},
     dpa_003},
    {{"DPA-004", Severity::warning, "Art. 28(2)",
     {"sub-processor without recorded authorisation", "sous-traitant ultérieur sans autorisation documentée"},
     {"record the written authorisation, or object to the sub-processor",
      "documenter l'autorisation écrite, ou s'opposer au sous-traitant ultérieur"}},
     dpa_004},
    {{"DPA-005", Severity::error, "Art. 28(3)",
     {"DPA not setting out the particulars of the processing",
      "contrat qui ne précise pas les caractéristiques du traitement"},
     {"amend the DPA with the subject-matter, duration, nature, purpose, data, subjects and the controller's "
      "rights, and record them under dpa.particulars",
      "compléter le contrat de l'objet, la durée, la nature, la finalité, les données, les personnes et les droits "
      "du responsable, et les renseigner sous dpa.particulars"}},
     dpa_005},
    {{"TRF-001", Severity::error, "Chapter V",
     {"transfer without adequacy decision, safeguard or derogation",
      "transfert sans décision d'adéquation, garantie ni dérogation"},
     {"record the safeguard (SCCs 2021, DPF certification...) or stop the transfer",
      "documenter la garantie (CCT 2021, certification DPF...) ou cesser le transfert"}},
     trf_001},
    {{"TRF-002", Severity::error, "Art. 49(1)",
     {"Art. 49 derogation grounding a recurring transfer or a processor relationship",
      "dérogation de l'art. 49 pour un transfert récurrent ou une sous-traitance"},
     {"put an Art. 46 safeguard in place (SCCs 2021, module 2 or 3); keep derogations for occasional transfers, "
      "marked occasional: true",
      "mettre en place une garantie de l'art. 46 (CCT 2021, module 2 ou 3) ; réserver les dérogations aux "
      "transferts occasionnels, marqués occasional: true"}},
     trf_002},
    {{"CON-001", Severity::error, "Art. 6(1)(a), 7(1)",
     {"consent-based activity holds data without valid consent", "traitement fondé sur le consentement sans "
                                                                  "consentement valide"},
     {"collect consent, or purge the data (dpo purge)", "recueillir le consentement, ou purger les données"}},
     con_001},
    {{"CON-002", Severity::warning, "Art. 7(1)",
     {"consent event without proof", "consentement sans preuve"},
     {"record the notice version and hash, the channel and the evidence",
      "conserver la version et l'empreinte de la mention, le canal et le justificatif"}},
     con_002},
    {{"CON-003", Severity::warning, "Art. 7(1)",
     {"consent past the validity the register sets still relied on",
      "consentement au-delà de la validité fixée au registre encore utilisé"},
     {"renew the consent, or purge the data", "renouveler le consentement, ou purger les données"}},
     con_003},
    {{"CON-004", Severity::error, "Art. 8; LIL art. 45",
     {"minor's consent without parental co-consent", "consentement d'un mineur sans consentement parental conjoint"},
     {"obtain the co-signature of a holder of parental authority, or stop the processing",
      "obtenir la cosignature d'un titulaire de l'autorité parentale, ou cesser le traitement"}},
     con_004},
    {{"CON-005", Severity::error, "Art. 7(1)",
     {"consent ledger fails verification", "registre des consentements non intègre"},
     {"restore the ledger from a backup and find who changed it (dpo consent verify)",
      "restaurer le registre depuis une sauvegarde et chercher qui l'a modifié (dpo consent verify)"}},
     con_005},
    {{"CON-006", Severity::error, "CPCE L34-5",
     {"email or SMS canvassing without consent or a marked exception",
      "prospection par courriel ou SMS sans consentement ni exception documentée"},
     {"collect prior consent (the purpose on consent in legal_basis), or mark marketing_exception: "
      "existing-customers or professionals where it truly applies",
      "recueillir le consentement préalable (la finalité fondée sur le consentement dans legal_basis), ou indiquer "
      "marketing_exception: existing-customers ou professionals quand l'exception s'applique vraiment"}},
     con_006},
    {{"CON-007", Severity::error, "Art. 9(2)(a), 7(1)",
     {"special-category data on explicit consent without that consent",
      "données sensibles fondées sur le consentement explicite sans ce consentement"},
     {"collect the explicit consent under a purpose marked `explicit: true`, or stop holding the data",
      "recueillir le consentement explicite sous une finalité marquée `explicit: true`, ou cesser de détenir ces "
      "données"}},
     con_007},
    {{"CPF-001", Severity::error, "C. trav. L6323-8-1",
     {"canvassing for CPF-eligible actions or CPF data by a banned channel",
      "prospection pour des actions éligibles au CPF ou des données du CPF par un canal interdit"},
     {"stop canvassing by phone, SMS, messaging, email and social networks: an opt-in does not lift the ban",
      "cesser de démarcher par téléphone, SMS, messagerie, courriel et réseaux sociaux : un accord ne lève pas "
      "l'interdiction"}},
     cpf_001},
    {{"DSR-001", Severity::error, "Art. 12(3)",
     {"subject request past its Art. 12(3) deadline", "demande de personne concernée hors délai (art. 12.3 du RGPD)"},
     {"answer it now and tell the person why it is late (dpo sar close)",
      "y répondre sans attendre en expliquant le retard (dpo sar close)"}},
     dsr_001},
    {{"DSR-002", Severity::warning, "Art. 12(3)",
     {"subject request due within 7 days", "demande de personne concernée à échéance sous 7 jours"},
     {"answer it, or extend it with reasons while still in its first month (dpo sar extend)",
      "y répondre, ou la prolonger en motivant tant que le premier mois court (dpo sar extend)"}},
     dsr_002},
    {{"DSR-003", Severity::warning, "Qualiopi ind. 31",
     {"complaint open past the month the controller gives itself",
      "réclamation ouverte au-delà du mois que le responsable s'est fixé"},
     {"answer it and record the answer (dpo sar close); Art. 12(3) does not apply to complaints",
      "y répondre et enregistrer la réponse (dpo sar close) ; l'art. 12.3 du RGPD ne s'applique pas aux réclamations"}},
     dsr_003},
    {{"BRE-001", Severity::error, "Art. 33(1)",
     {"breach needing notification, not notified, past 72 hours",
      "violation à notifier, non notifiée, au-delà de 72 heures"},
     {"notify the authority now, with the reasons for the delay (dpo breach draft, dpo breach notified)",
      "notifier l'autorité sans attendre, avec les motifs du retard (dpo breach draft, dpo breach notified)"}},
     bre_001},
    {{"BRE-002", Severity::error, "Art. 33(1)",
     {"breach notified after 72 hours without reasons for the delay",
      "violation notifiée après 72 heures sans motif du retard"},
     {"send the reasons to the authority in a complementary notification",
      "adresser les motifs à l'autorité dans une notification complémentaire"}},
     bre_002},
    {{"BRE-003", Severity::error, "Art. 34",
     {"high-risk breach not communicated to the people, no Art. 34(3) exemption",
      "violation à risque élevé non communiquée aux personnes, sans exemption de l'art. 34.3 du RGPD"},
     {"tell the people (dpo breach draft --to subjects), then dpo breach communicated",
      "informer les personnes (dpo breach draft --to subjects), puis dpo breach communicated"}},
     bre_003},
    {{"BRE-004", Severity::warning, "Art. 33(5)",
     {"breach record missing its effects or remedial action",
      "fiche de violation sans ses conséquences ou mesures prises"},
     {"complete consequences and measures_taken in the incident file and record it again",
      "compléter consequences et measures_taken dans le fichier de l'incident et l'enregistrer à nouveau"}},
     bre_004},
    {{"GOV-001", Severity::warning, "Art. 33(3)(b), 37-38",
     {"no DPO or contact point declared", "ni DPO ni point de contact désigné"},
     {"declare the DPO or a contact point under controller.dpo", "désigner le DPO ou un point de contact"}},
     gov_001},
    {{"GOV-002", Severity::warning, "Art. 5(2)",
     {"register not reviewed for more than 3 months", "registre non revu depuis plus de 3 mois"},
     {"review the register and set controller.reviewed", "revoir le registre et renseigner controller.reviewed"}},
     gov_002},
    {{"GOV-003", Severity::error, "Art. 37(1), 37(7)",
     {"mandatory DPO not designated, or designation not recorded",
      "DPO obligatoire non désigné, ou désignation non renseignée"},
     {"designate a DPO by name, communicate it to the authority and set controller.dpo.designation",
      "désigner nommément un DPO, le déclarer à l'autorité et renseigner controller.dpo.designation"}},
     gov_003},
};

int severity_rank(Severity s) { return s == Severity::error ? 0 : 1; }

}  // namespace

std::span<const Rule> catalogue() { return kRules; }

const Rule* find_rule(std::string_view id) {
  for (const Rule& r : kRules)
    if (r.info.id == id) return &r;
  return nullptr;
}

AuditResult run_audit(const AuditInput& in, std::span<const std::string> only) {
  AuditResult result;
  std::map<std::string_view, int> order;
  for (const Rule& rule : kRules) {
    order[rule.info.id] = static_cast<int>(order.size());
    if (!only.empty() && std::find(only.begin(), only.end(), rule.info.id) == only.end()) continue;
    result.rules_run.emplace_back(rule.info.id);
    std::vector<Finding> found;
    rule.check(in, found);
    for (Finding& f : found) {
      f.rule = rule.info;
      result.findings.push_back(std::move(f));
    }
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), [&](const Finding& a, const Finding& b) {
    return std::tuple(severity_rank(a.rule.severity), order[a.rule.id]) <
           std::tuple(severity_rank(b.rule.severity), order[b.rule.id]);
  });

  // The key figures, from the same counts.
  Date today = local_date(in.now, in.zone);
  long long complete = 0;
  for (const Processor& p : in.reg.processors)
    if (p.dpa && p.dpa->clauses.size() == dpa_clauses().size() &&
        p.dpa->particulars.size() == dpa_particulars().size() && (!p.dpa->review_on || !(*p.dpa->review_on < today)))
      ++complete;
  long long consent_holdings = 0, valid = 0;
  for (const Activity& a : in.reg.activities)
    if (const ActivityFacts* f = in.facts.activity(a.id); f && rests_on_consent(a)) {
      consent_holdings += f->holdings;
      valid += f->valid_holdings;
    }
  long long pairs = 0, covered = 0;
  for (const Activity& a : in.reg.activities)
    for (const CategoryId& c : a.data) {
      ++pairs;
      covered += std::any_of(a.retention.begin(), a.retention.end(), [&](const RetentionRule& r) {
        return std::find(r.data.begin(), r.data.end(), c) != r.data.end();
      });
    }
  long long overdue = 0, held = 0;
  for (const RuleFacts& f : in.facts.rules) {
    if (f.rule.action != RetentionAction::review) overdue += f.overdue;
    held += f.held;
  }
  Instant year_ago = latest_start(in.now, *Duration::parse("P1Y"), in.zone);
  long long breaches_in_year = 0;
  std::vector<long long> delays;
  for (const BreachFacts& b : in.facts.breaches) {
    if (b.aware_at > year_ago && b.aware_at <= in.now) ++breaches_in_year;
    if (b.notified_at) delays.push_back(hours_up(b.aware_at, *b.notified_at));
  }
  std::optional<long long> notification_hours = lower_median(delays);
  result.kpis = {
      {"dpa-coverage", {"DPA coverage", "Couverture des contrats art. 28"}, complete,
       static_cast<long long>(in.reg.processors.size()), true},
      {"consent-coverage", {"Consent coverage", "Couverture par le consentement"}, valid, consent_holdings, true},
      {"retention-coverage", {"Retention coverage", "Couverture des durées de conservation"}, covered, pairs, true},
      {"overdue-holdings", {"Overdue holdings", "Données à purger"}, overdue, 0, false},
      // Art. 17(3)(e): what a legal hold keeps past its deadline, for the DPO to see it end.
      {"held-holdings", {"Holdings past their deadline under legal hold", "Données échues conservées pour un contentieux"},
       held, 0, false},
      // Intermediate archiving: still held, out of active use until deleted.
      {"archived-holdings", {"Holdings in intermediate archiving", "Données en archivage intermédiaire"},
       in.facts.archived_holdings, 0, false},
      {"open-erasure-tasks", {"Open erasure tasks", "Effacements en attente"}, in.facts.open_erasure_tasks, 0, false},
      {"requests-on-time", {"Subject requests answered on time", "Demandes traitées dans les délais"},
       in.facts.requests.answered_on_time, in.facts.requests.answered, true},
      {"request-median-days", {"Median days to answer a request", "Délai médian de réponse (jours)"},
       in.facts.requests.median_days.value_or(0), 0, false, in.facts.requests.median_days.has_value()},
      {"complaint-median-days", {"Median days to handle a complaint", "Délai médian des réclamations (jours)"},
       in.facts.requests.complaint_median_days.value_or(0), 0, false,
       in.facts.requests.complaint_median_days.has_value()},
      {"breaches-12-months", {"Breaches in the last 12 months", "Violations sur les 12 derniers mois"},
       breaches_in_year, 0, false},
      {"notification-median-hours", {"Median hours to notify a breach", "Délai médian de notification (heures)"},
       notification_hours.value_or(0), 0, false, notification_hours.has_value()},
  };
  return result;
}

}  // namespace dpo::rules
