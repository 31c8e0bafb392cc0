#include "report/letter.h"

#include <algorithm>

#include "base/strings.h"
#include "l10n/format.h"
#include "model/wording.h"
#include "report/escape.h"

namespace dpo::report {

Letter::Letter(std::string_view format, std::ostream& out)
    : kind_(format == "html" ? Kind::html : format == "md" ? Kind::md : Kind::text), out_(out) {}

void Letter::begin(const std::string& title, Lang lang, std::string_view css) {
  lang_ = lang;
  if (kind_ != Kind::html) return;
  out_ << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::fr ? "fr" : "en") << "\">\n<head>\n"
       << "<meta charset=\"utf-8\">\n<title>" << html(title) << "</title>\n"
       << "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.4}"
          "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;"
          "text-align:left;vertical-align:top}th{background:#eee}"
       << css << "</style>\n</head>\n<body>\n";
}

void Letter::end() {
  if (kind_ == Kind::html) out_ << "</body>\n</html>\n";
}

void Letter::heading(int level, const std::string& text) {
  switch (kind_) {
    case Kind::html: out_ << "<h" << level << ">" << html(text) << "</h" << level << ">\n"; break;
    case Kind::md: out_ << std::string(static_cast<std::size_t>(level), '#') << " " << md(text) << "\n\n"; break;
    case Kind::text: {
      // Underlined, as in a plain-text email: '=' for the title, '-' below.
      std::string line = md(text);
      std::size_t width = 0;
      for (unsigned char c : line) width += (c & 0xC0) != 0x80;  // code points, not bytes
      out_ << line << "\n" << std::string(width, level == 1 ? '=' : '-') << "\n\n";
      break;
    }
  }
}

void Letter::para(const std::string& text) {
  if (kind_ == Kind::html)
    out_ << "<p>" << html(text) << "</p>\n";
  else
    out_ << md(text) << "\n\n";
}

void Letter::list(const std::vector<std::string>& items) {
  if (items.empty()) return;
  if (kind_ == Kind::html) {
    out_ << "<ul>\n";
    for (const std::string& i : items) out_ << "<li>" << html(i) << "</li>\n";
    out_ << "</ul>\n";
    return;
  }
  for (const std::string& i : items) out_ << "- " << md(i) << "\n";
  out_ << "\n";
}

void Letter::table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
  if (kind_ == Kind::html) {
    out_ << "<table>\n<tr>";
    for (const std::string& h : head) out_ << "<th>" << html(h) << "</th>";
    out_ << "</tr>\n";
    for (const auto& row : rows) {
      out_ << "<tr>";
      for (const std::string& c : row) out_ << "<td>" << html(c) << "</td>";
      out_ << "</tr>\n";
    }
    out_ << "</table>\n";
    return;
  }
  if (kind_ == Kind::text) {
    // One line a row, "head: value" pairs: readable without a fixed width,
    // typeset for the letter's language ("Valeur : ... ; Date : ...").
    std::string pair_sep = l10n::say(l10n::kSemicolon, lang_), head_sep = l10n::say(l10n::kColon, lang_);
    for (const auto& row : rows) {
      std::string line;
      for (std::size_t i = 0; i < row.size() && i < head.size(); ++i)
        line += (i ? pair_sep : "") + head[i] + head_sep + row[i];
      out_ << "- " << md(line) << "\n";
    }
    out_ << "\n";
    return;
  }
  out_ << "|";
  for (const std::string& h : head) out_ << " " << md(h) << " |";
  out_ << "\n|";
  for (std::size_t i = 0; i < head.size(); ++i) out_ << "---|";
  out_ << "\n";
  for (const auto& row : rows) {
    out_ << "|";
    for (const std::string& c : row) out_ << " " << md(c) << " |";
    out_ << "\n";
  }
  out_ << "\n";
}

void Letter::lines(const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  std::string sep = kind_ == Kind::html ? "<br>\n" : kind_ == Kind::md ? "  \n" : "\n";
  std::string block;
  for (const std::string& l : lines) block += (block.empty() ? "" : sep) + (kind_ == Kind::html ? html(l) : md(l));
  if (kind_ == Kind::html)
    out_ << "<p>" << block << "</p>\n";
  else
    out_ << block << "\n\n";
}

void Letter::strong(const std::string& text) {
  switch (kind_) {
    case Kind::html: out_ << "<p><strong>" << html(text) << "</strong></p>\n"; break;
    case Kind::md: out_ << "**" << md(text) << "**\n\n"; break;
    case Kind::text: out_ << md(text) << "\n\n"; break;
  }
}

// Markdown escaped in Markdown; line breaks folded in text too, so a value
// stays on its line.
std::string Letter::md(const std::string& text) const {
  if (kind_ == Kind::md) return markdown_escape(text);
  std::string out = text;
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string Letter::html(const std::string& text) const { return html_escape(text); }

namespace {

constexpr Phrase kPlaceDate{"{}, {}", "{}, le {}"};
constexpr Phrase kSubject{"Subject: {}", "Objet : {}"};
constexpr Phrase kRequestRef{"{} (request no. {} received on {})", "{} (demande n° {} reçue le {})"};
constexpr Phrase kMadam{"Dear Madam,", "Madame,"};
constexpr Phrase kSir{"Dear Sir,", "Monsieur,"};
// The name on the envelope, after the civility.
constexpr Phrase kTitled[] = {{"Ms {}", "Madame {}"}, {"Mr {}", "Monsieur {}"}};
constexpr Phrase kSirOrMadam{"Dear Sir or Madam,", "Madame, Monsieur,"};
// French repeats the salutation in the closing formula; English closes a
// letter opened "Dear Sir or Madam" with "Yours faithfully".
constexpr Phrase kClosing{"Yours faithfully,",
                          "Nous vous prions d'agréer, {}, l'expression de nos salutations distinguées."};
constexpr Phrase kDpoTitle{"Data Protection Officer", "Délégué à la protection des données"};
constexpr Phrase kComplaintKnown{
    "If you consider that the processing of your data infringes the GDPR, you may lodge a complaint with the "
    "supervisory authority, {}, {}, {} ({}).",
    "Si vous estimez que le traitement de vos données constitue une violation du RGPD, vous pouvez introduire une "
    "réclamation auprès de l'autorité de contrôle, la {}, {}, {} ({})."};
constexpr Phrase kComplaintNamed{
    "If you consider that the processing of your data infringes the GDPR, you may lodge a complaint with the "
    "supervisory authority, {} ({}).",
    "Si vous estimez que le traitement de vos données constitue une violation du RGPD, vous pouvez introduire une "
    "réclamation auprès de l'autorité de contrôle, {} ({})."};
constexpr Phrase kComplaintAnyAuthority{
    "If you consider that the processing of your data infringes the GDPR, you may lodge a complaint with a "
    "supervisory authority ({}).",
    "Si vous estimez que le traitement de vos données constitue une violation du RGPD, vous pouvez introduire une "
    "réclamation auprès d'une autorité de contrôle ({})."};
constexpr Phrase kCourt{"You may also seek a judicial remedy ({}).",
                        "Vous pouvez également former un recours juridictionnel ({})."};

const Phrase& salutation(const std::optional<model::Civility>& civility) {
  if (civility == model::Civility::madam) return kMadam;
  if (civility == model::Civility::sir) return kSir;
  return kSirOrMadam;
}

// "Madame," as the closing formula repeats it: without its comma.
std::string addressed_as(const std::optional<model::Civility>& civility, Lang lang) {
  std::string s = l10n::say(salutation(civility), lang);
  return s.substr(0, s.size() - 1);
}

}  // namespace

Recipient recipient_of(const model::SubjectView& subject) {
  Recipient r{subject.addressee.name, subject.addressee.civility, subject.addressee.postal_address, {}};
  for (const model::Identifier& i : subject.identifiers)
    if (i.kind == "email" && r.email.empty()) r.email = i.value;
  return r;
}

Recipient recipient_of(const model::Identifier& requester) {
  Recipient r;
  if (requester.kind == "name") r.name = requester.value;
  if (requester.kind == "email") r.email = requester.value;
  return r;
}

std::string town_of(const std::string& address) {
  for (const std::string& part : split(address, ',')) {
    std::string_view p = trim(part);
    std::size_t digits = 0;
    while (digits < p.size() && p[digits] >= '0' && p[digits] <= '9') ++digits;
    if (digits < 4 || digits >= p.size() || p[digits] != ' ') continue;
    std::string_view town = trim(p.substr(digits + 1));
    // "75334 Paris Cedex 07" is written from Paris.
    if (std::size_t cedex = town.find(" Cedex"); cedex != std::string_view::npos) town = town.substr(0, cedex);
    return std::string(town);
  }
  return {};
}

void open_letter(Letter& l, const LetterHead& head, const std::string& subject, Lang lang) {
  const model::Controller& c = head.controller;
  std::vector<std::string> sender{c.name};
  if (!c.address.empty()) sender.push_back(c.address);
  if (!c.contact.empty()) sender.push_back(c.contact);
  l.lines(sender);
  const Recipient& r = head.recipient;
  std::vector<std::string> to;
  if (!r.name.empty())
    to.push_back(r.civility ? l10n::say(kTitled[*r.civility == model::Civility::sir], lang, r.name) : r.name);
  for (const std::string& line : r.address) to.push_back(line);
  if (!r.email.empty()) to.push_back(r.email);
  l.lines(to);
  std::string day = l10n::long_date(local_date(head.as_of, head.zone), lang);
  std::string town = town_of(c.address);
  l.para(town.empty() ? day : l10n::say(kPlaceDate, lang, town, day));
  std::string line = subject;
  if (head.request)
    line = l10n::say(kRequestRef, lang, subject, head.request->id,
                     l10n::long_date(local_date(head.request->received, head.zone), lang));
  l.strong(l10n::say(kSubject, lang, line));
  l.para(l10n::say(salutation(r.civility), lang));
}

void close_letter(Letter& l, const LetterHead& head, Remedy remedy, Lang lang) {
  const model::Controller& c = head.controller;
  l.para(l10n::say(kClosing, lang, addressed_as(head.recipient.civility, lang)));
  std::vector<std::string> signature;
  if (c.dpo) {
    if (!c.dpo->name.empty()) signature.push_back(c.dpo->name);
    signature.push_back(l10n::say(kDpoTitle, lang));
    signature.push_back(c.name);
    for (const std::string& contact : {c.dpo->email, c.dpo->phone})
      if (!contact.empty()) signature.push_back(contact);
  } else {
    signature.push_back(c.name);
    if (!c.contact.empty()) signature.push_back(c.contact);
  }
  l.lines(signature);
  std::string article = l10n::gdpr_article("77", lang);
  if (const model::Authority* a = model::known_authority(c.authority))
    l.para(l10n::say(kComplaintKnown, lang, a->name.in(lang), a->address, a->website, article));
  else if (!c.authority.empty())
    l.para(l10n::say(kComplaintNamed, lang, c.authority, article));
  else
    l.para(l10n::say(kComplaintAnyAuthority, lang, article));
  if (remedy == Remedy::complaint_and_court) l.para(l10n::say(kCourt, lang, l10n::gdpr_article("79", lang)));
}

}  // namespace dpo::report
