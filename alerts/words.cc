// The Dutch and English words of a digest (alerts/internal/words.h).
// The default "Wat nu" text follows the Zuid-Limburg meldroute (Beleids- en
// uitvoeringsplan mensenhandel Zuid-Limburg 2022-2025): the municipality's
// aandachtsfunctionaris mensenhandel first, Veilig Thuis as the central
// meldpunt for every suspicion, the weekly screeningstafel for non-acute
// signals, the AVIM (police) and 112 only for acute danger.
#include "alerts/internal/words.h"

namespace adwatch::internal {
namespace {

Words Dutch() {
  Words w;
  w.title = "adwatch — overzicht van signalen";
  w.made = "Gemaakt";
  w.summary = "Samenvatting";
  w.per_severity = "Per ernst";
  w.per_municipality = "Per gemeente";
  w.region = "hele regio";
  w.no_new = "geen nieuwe signalen";
  w.signal = "Signaal";
  w.signal_lc = "signaal";
  w.signals = {"signaal", "signalen"};
  w.ads = {"advertentie", "advertenties"};
  w.names = {"naam", "namen"};
  w.days = {"dag", "dagen"};
  w.places = {"plaats", "plaatsen"};
  w.numbers_or_names = {"telefoonnummer of naam", "verschillende telefoonnummers of namen"};
  w.categories = {"categorie", "categorieën"};
  w.open_signals = {"open signaal", "open signalen"};
  w.verb_use = {"gebruikt", "gebruiken"};
  w.points_noun = {"punt", "punten"};
  w.severity = "Ernst";
  w.escalated_note = "De ernst is verhoogd sinds het vorige bericht.";
  w.municipality = "Gemeente";
  w.municipalities = "Gemeenten";
  w.state = "Status";
  w.indicators = "Indicatoren";
  w.ads_heading = "Advertenties";
  w.first_seen = "eerst gezien";
  w.last_seen = "laatst gezien";
  w.towns = "plaatsen in de tijd";
  w.next = "Wat nu";
  w.next_for = "Wat nu voor %1";
  w.unknown_place = "onbekende plaats";
  w.link = "Bekijken en beoordelen";
  w.legend =
      "Wat de ernst betekent: kritiek = een indicator die altijd kritiek is (zoals een leeftijd onder de 18) "
      "of een score van %2 of meer; hoog = een score van %1 tot %2 (%1 is de meldingsdrempel); "
      "middel = een score van %3 tot %1.";
  w.sev_critical_rule = "kritiek, omdat deze indicator altijd kritiek is: %1 (score %2; kritiek vanaf %3).";
  w.sev_critical_score = "kritiek, omdat de score %1 de grens voor kritiek (%2) bereikt.";
  w.sev_high = "hoog, omdat de score %1 de meldingsdrempel (%2) bereikt; kritiek vanaf %3.";
  w.sev_below = "%3, omdat de score %1 onder de meldingsdrempel (%2) ligt.";
  w.summary_fmt = "%1 in dit bericht: %2 nieuw%3. In totaal %4.";
  w.summary_escalated = ", %1 verhoogd";
  w.shared_phone = "Hetzelfde telefoonnummer%1 staat in %2 onder %3 binnen %4.";
  w.template_family = "%1 met %2 %3 (bijna) dezelfde tekst.";
  w.template_phrase = "Gedeelde zin:";
  w.touring = "De advertenties noemen %1 binnen %2";
  w.touring_unscored = "Telt niet mee in de score: verplaatsing alleen is geen risico, maar koppelt advertenties.";
  w.cross_ad_generic = "Een signaal over meerdere advertenties samen.";
  w.rule_generic = "Een indicator in deze categorie.";
  w.meldroute_default =
      "Bespreek het signaal met de aandachtsfunctionaris mensenhandel van uw gemeente. Vermoedens van "
      "mensenhandel, ook bij twijfel, meldt u bij Veilig Thuis, het centrale meldpunt mensenhandel. "
      "Niet-acute signalen komen daar op de wekelijkse screeningstafel (Veilig Thuis, AVIM/politie en de "
      "zorgcoördinator mensenhandel), die ze weegt en vervolgstappen adviseert. Alleen bij acuut gevaar: bel "
      "112 en overleg direct met de AVIM (politie) en Veilig Thuis.";
  w.meldroute_console = "Leg uw beoordeling vast in de console, via de link bij het signaal.";
  w.meldroute_no_console = "Vraag de beheerder van adwatch om uw beoordeling vast te leggen.";
  w.footer_full =
      "Een signaal is geen bewijs. adwatch toont indicatoren uit openbare advertenties voor menselijke "
      "beoordeling; de meeste advertenties zijn van zelfstandige sekswerkers. Neem geen maatregelen op "
      "grond van dit bericht alleen. Dit bericht bevat persoonsgegevens: niet doorsturen.";
  w.footer_minimal =
      "Een signaal is geen bewijs. adwatch toont indicatoren uit openbare advertenties voor menselijke "
      "beoordeling; de meeste advertenties zijn van zelfstandige sekswerkers. Neem geen maatregelen op "
      "grond van dit bericht alleen. Dit bericht bevat geen persoonsgegevens; de advertenties en het bewijs "
      "staan in de console.";
  w.sev[0] = "geen"; w.sev[1] = "laag"; w.sev[2] = "middel"; w.sev[3] = "hoog"; w.sev[4] = "kritiek";
  w.states[0] = "nieuw"; w.states[1] = "verzonden"; w.states[2] = "in behandeling";
  w.states[3] = "afgewezen"; w.states[4] = "gesloten";
  w.category = {{"", "Overige indicatoren"},
                {"age", "Leeftijd"},
                {"control", "Controle door een ander"},
                {"services", "Aangeboden diensten"},
                {"availability", "Beschikbaarheid"},
                {"location", "Werkplek"},
                {"language", "Taal"},
                {"movement", "Verplaatsing"},
                {"contact", "Contactgegevens"},
                {"payment", "Betaling"},
                {"price", "Prijs"},
                {"third_person", "Schrijfwijze"},
                {"trust", "Presentatie"},
                {"shared_phone", "Gedeeld telefoonnummer"},
                {"template", "Dezelfde tekst in meerdere advertenties"},
                {"touring", "Reisroute"}};
  w.strength = {{"V", "Onderbouwing: getoetst aan afgeronde zaken"},
                {"P", "Onderbouwing: door de praktijk genoemd"},
                {"C", "Onderbouwing: berekend kenmerk"},
                {"X", "Onderbouwing: in onderzoek niet voorspellend, alleen om advertenties te koppelen"}};
  return w;
}

Words English() {
  Words w;
  w.title = "adwatch — signal digest";
  w.made = "Generated";
  w.summary = "Summary";
  w.per_severity = "By severity";
  w.per_municipality = "By municipality";
  w.region = "whole region";
  w.no_new = "no new signals";
  w.signal = "Signal";
  w.signal_lc = "signal";
  w.signals = {"signal", "signals"};
  w.ads = {"ad", "ads"};
  w.names = {"name", "names"};
  w.days = {"day", "days"};
  w.places = {"place", "places"};
  w.numbers_or_names = {"phone number or name", "different phone numbers or names"};
  w.categories = {"category", "categories"};
  w.open_signals = {"open signal", "open signals"};
  w.verb_use = {"uses", "use"};
  w.points_noun = {"point", "points"};
  w.severity = "Severity";
  w.escalated_note = "The severity rose since the last message.";
  w.municipality = "Municipality";
  w.municipalities = "Municipalities";
  w.state = "State";
  w.indicators = "Indicators";
  w.ads_heading = "Ads";
  w.first_seen = "first seen";
  w.last_seen = "last seen";
  w.towns = "towns over time";
  w.next = "What next";
  w.next_for = "What next for %1";
  w.unknown_place = "unknown place";
  w.link = "View and assess";
  w.legend =
      "What the severity means: critical = an indicator that is always critical (such as an age under 18) "
      "or a score of %2 or more; high = a score of %1 to %2 (%1 is the alert threshold); "
      "medium = a score of %3 to %1.";
  w.sev_critical_rule = "critical, because this indicator is always critical: %1 (score %2; critical from %3).";
  w.sev_critical_score = "critical, because the score %1 reaches the critical threshold (%2).";
  w.sev_high = "high, because the score %1 reaches the alert threshold (%2); critical from %3.";
  w.sev_below = "%3, because the score %1 is below the alert threshold (%2).";
  w.summary_fmt = "%1 in this message: %2 new%3. %4 in total.";
  w.summary_escalated = ", %1 escalated";
  w.shared_phone = "The same phone number%1 is in %2 under %3 within %4.";
  w.template_family = "%1 with %2 %3 (nearly) the same text.";
  w.template_phrase = "Shared sentence:";
  w.touring = "The ads name %1 within %2";
  w.touring_unscored = "Not scored: movement alone is no risk, but it links ads.";
  w.cross_ad_generic = "A signal over several ads together.";
  w.rule_generic = "An indicator in this category.";
  w.meldroute_default =
      "Discuss the signal with your municipality's human trafficking coordinator (aandachtsfunctionaris). "
      "Report suspicions of trafficking, also when in doubt, to Veilig Thuis, the central reporting point. "
      "Non-acute signals go to the weekly screening meeting (Veilig Thuis, AVIM/police and the care "
      "coordinator), which weighs them and advises next steps. Only in acute danger: call 112 and consult "
      "the AVIM (police) and Veilig Thuis at once.";
  w.meldroute_console = "Record your assessment in the console, through the link at the signal.";
  w.meldroute_no_console = "Ask the adwatch administrator to record your assessment.";
  w.footer_full =
      "A signal is not proof. adwatch shows indicators from public ads for human review; most ads are by "
      "independent sex workers. Take no measures on the basis of this message alone. This message contains "
      "personal data: do not forward.";
  w.footer_minimal =
      "A signal is not proof. adwatch shows indicators from public ads for human review; most ads are by "
      "independent sex workers. Take no measures on the basis of this message alone. This message contains "
      "no personal data; the ads and the evidence are in the console.";
  w.sev[0] = "none"; w.sev[1] = "low"; w.sev[2] = "medium"; w.sev[3] = "high"; w.sev[4] = "critical";
  w.states[0] = "new"; w.states[1] = "sent"; w.states[2] = "acknowledged";
  w.states[3] = "dismissed"; w.states[4] = "closed";
  w.category = {{"", "Other indicators"},
                {"age", "Age"},
                {"control", "Control by someone else"},
                {"services", "Services offered"},
                {"availability", "Availability"},
                {"location", "Workplace"},
                {"language", "Language"},
                {"movement", "Movement"},
                {"contact", "Contact details"},
                {"payment", "Payment"},
                {"price", "Price"},
                {"third_person", "Way of writing"},
                {"trust", "Presentation"},
                {"shared_phone", "Shared phone number"},
                {"template", "The same text in several ads"},
                {"touring", "Route"}};
  w.strength = {{"V", "Evidence: validated against case outcomes"},
                {"P", "Evidence: reported by practitioners"},
                {"C", "Evidence: computed feature"},
                {"X", "Evidence: not predictive in research, only to link ads"}};
  return w;
}

}  // namespace

const Words* WordsFor(const std::string& lang) {
  static const Words nl = Dutch();
  static const Words en = English();
  if (lang == "nl" || lang.empty()) return &nl;
  if (lang == "en") return &en;
  return nullptr;
}

}  // namespace adwatch::internal
