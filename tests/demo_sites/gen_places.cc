// Places of the demo network: the 16 municipalities of Zuid-Limburg with
// their kernen (the same facts as shared/data/zuid-limburg-kernen.tsv; the
// unit test compares them when that file is present), other Dutch cities and
// Belgian and German border towns.
#include <map>
#include <sstream>

#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {
namespace {

struct Muni {
  const char* name;
  const char* kernen;  // comma-separated, the main town first
};

const Muni kZuidLimburg[] = {
    {"Maastricht", "Maastricht, Heer, Amby, Heugem, Borgharen, Itteren, Wolder, Wyck, Randwyck, Scharn"},
    {"Heerlen", "Heerlen, Hoensbroek, Heerlerbaan, Heerlerheide, Nieuw-Einde, Welten, Schandelen"},
    {"Sittard-Geleen",
     "Sittard, Geleen, Born, Munstergeleen, Limbricht, Guttecoven, Obbicht, Grevenbicht, "
     "Papenhoven, Buchten, Holtum, Einighausen, Broeksittard"},
    {"Kerkrade", "Kerkrade, Eygelshoven"},
    {"Landgraaf", "Landgraaf, Schaesberg, Nieuwenhagen, Ubach over Worms"},
    {"Brunssum", "Brunssum"},
    {"Beekdaelen",
     "Nuth, Schinnen, Schinveld, Merkelbeek, Bingelrade, Jabeek, Amstenrade, Oirsbeek, Doenrade, "
     "Hulsberg, Schimmert, Wijnandsrade, Vaesrade, Puth, Sweikhuizen"},
    {"Stein", "Stein, Elsloo, Urmond, Berg aan de Maas, Meers, Nattenhoven"},
    {"Beek", "Beek, Spaubeek, Neerbeek, Genhout, Geverik"},
    {"Meerssen", "Meerssen, Bunde, Ulestraten, Geulle, Rothem, Moorveld"},
    {"Valkenburg aan de Geul", "Valkenburg, Berg en Terblijt, Schin op Geul, Houthem, Sibbe, Vilt, Walem"},
    {"Gulpen-Wittem",
     "Gulpen, Wittem, Epen, Mechelen, Slenaken, Eys, Wijlre, Partij, Nijswiller, Reijmerstok, "
     "Ingber, Heijenrath"},
    {"Eijsden-Margraten",
     "Eijsden, Margraten, Mesch, Mariadorp, Oost-Maarland, Gronsveld, Rijckholt, Sint Geertruid, "
     "Banholt, Mheer, Noorbeek, Cadier en Keer, Bemelen, Eckelrade, Scheulder"},
    {"Vaals", "Vaals, Lemiers, Vijlen, Holset"},
    {"Simpelveld", "Simpelveld, Bocholtz"},
    {"Voerendaal", "Voerendaal, Klimmen, Ubachsberg, Kunrade, Ransdaal"},
};

struct Other {
  const char* name;
  const char* region;
  const char* country;
  int weight;
};

const Other kOthers[] = {
    {"Amsterdam", "nederland", "NL", 8}, {"Rotterdam", "nederland", "NL", 6},
    {"Den Haag", "nederland", "NL", 5},  {"Utrecht", "nederland", "NL", 4},
    {"Eindhoven", "nederland", "NL", 5}, {"Venlo", "nederland", "NL", 4},
    {"Roermond", "nederland", "NL", 4},  {"Weert", "nederland", "NL", 2},
    {"Nijmegen", "nederland", "NL", 3},  {"Arnhem", "nederland", "NL", 3},
    {"'s-Hertogenbosch", "nederland", "NL", 3}, {"Tilburg", "nederland", "NL", 3},
    {"Breda", "nederland", "NL", 3},     {"Groningen", "nederland", "NL", 2},
    {"Zwolle", "nederland", "NL", 2},    {"Enschede", "nederland", "NL", 2},
    {"Maasmechelen", "belgie", "BE", 2}, {"Lanaken", "belgie", "BE", 2},
    {"Maaseik", "belgie", "BE", 1},      {"Tongeren", "belgie", "BE", 1},
    {"Genk", "belgie", "BE", 3},         {"Hasselt", "belgie", "BE", 3},
    {"Luik", "belgie", "BE", 3},         {"Visé", "belgie", "BE", 1},
    {"Aachen", "duitsland", "DE", 6},    {"Herzogenrath", "duitsland", "DE", 2},
    {"Heinsberg", "duitsland", "DE", 1}, {"Geilenkirchen", "duitsland", "DE", 1},
    {"Übach-Palenberg", "duitsland", "DE", 1}, {"Gangelt", "duitsland", "DE", 1},
    {"Selfkant", "duitsland", "DE", 1},
};

// How many listing slots a Zuid-Limburg town gets: big towns have more ads.
int ZlWeight(const std::string& town) {
  static const std::map<std::string, int> kBig = {
      {"Maastricht", 12}, {"Heerlen", 10}, {"Sittard", 5}, {"Geleen", 5},   {"Kerkrade", 4},
      {"Brunssum", 3},    {"Hoensbroek", 2}, {"Landgraaf", 2}, {"Valkenburg", 2}, {"Stein", 2},
      {"Beek", 2},        {"Meerssen", 2}, {"Vaals", 2},     {"Wyck", 2}};
  auto it = kBig.find(town);
  return it == kBig.end() ? 1 : it->second;
}

struct Table {
  std::vector<Place> places;
  std::vector<int> weights;
};

const Table& GetTable() {
  static const Table table = [] {
    Table t;
    for (const Muni& m : kZuidLimburg) {
      std::stringstream ss(m.kernen);
      std::string town;
      while (std::getline(ss, town, ',')) {
        while (!town.empty() && town.front() == ' ') town.erase(0, 1);
        t.places.push_back({town, Slugify(town), m.name, "zuid-limburg", "NL"});
        t.weights.push_back(ZlWeight(town));
      }
    }
    for (const Other& o : kOthers) {
      t.places.push_back({o.name, Slugify(o.name), "", o.region, o.country});
      t.weights.push_back(o.weight);
    }
    return t;
  }();
  return table;
}

// Postcode ranges, so that a postcode in an ad points to the right area.
struct PostcodeRange {
  const char* area;  // municipality (Zuid-Limburg) or town
  int lo, hi;
};
const PostcodeRange kPostcodes[] = {
    {"Maastricht", 6211, 6229}, {"Heerlen", 6411, 6436}, {"Sittard-Geleen", 6131, 6166},
    {"Kerkrade", 6461, 6471}, {"Landgraaf", 6371, 6374}, {"Brunssum", 6441, 6446},
    {"Beekdaelen", 6361, 6367}, {"Stein", 6171, 6176}, {"Beek", 6191, 6192},
    {"Meerssen", 6231, 6235}, {"Valkenburg aan de Geul", 6301, 6305}, {"Gulpen-Wittem", 6271, 6289},
    {"Eijsden-Margraten", 6245, 6269}, {"Vaals", 6291, 6295}, {"Simpelveld", 6351, 6369},
    {"Voerendaal", 6367, 6369}, {"Amsterdam", 1011, 1109}, {"Rotterdam", 3011, 3089},
    {"Den Haag", 2491, 2597}, {"Utrecht", 3511, 3585}, {"Eindhoven", 5611, 5658},
    {"Venlo", 5911, 5928}, {"Roermond", 6041, 6046}, {"Weert", 6001, 6006},
    {"Nijmegen", 6511, 6546}, {"Arnhem", 6811, 6846}, {"'s-Hertogenbosch", 5211, 5249},
    {"Tilburg", 5011, 5049}, {"Breda", 4811, 4839}, {"Groningen", 9711, 9747},
    {"Zwolle", 8011, 8046}, {"Enschede", 7511, 7548}, {"Maasmechelen", 3630, 3631},
    {"Lanaken", 3620, 3621}, {"Maaseik", 3680, 3680}, {"Tongeren", 3700, 3700},
    {"Genk", 3600, 3600}, {"Hasselt", 3500, 3501}, {"Luik", 4000, 4032}, {"Vis\xc3\xa9", 4600, 4600},
    {"Aachen", 52062, 52080}, {"Herzogenrath", 52134, 52134}, {"Heinsberg", 52525, 52525},
    {"Geilenkirchen", 52511, 52511}, {"\xc3\x9c" "bach-Palenberg", 52531, 52531}, {"Gangelt", 52538, 52538},
    {"Selfkant", 52538, 52538},
};

}  // namespace

std::string PostcodeFor(const Place& place, Rng& rng) {
  const std::string& area = place.municipality.empty() ? place.name : place.municipality;
  for (const PostcodeRange& r : kPostcodes) {
    if (area != r.area) continue;
    std::string code = std::to_string(rng.Range(r.lo, r.hi));
    if (place.country != "NL") return code;  // Belgian and German postcodes have no letters
    // Dutch postcodes never use the letters F, I, O, Q, U and Y.
    static const std::string kLetters = "ABCDEGHJKLMNPRSTVWXZ";
    return code + " " + kLetters[rng.Below(20)] + kLetters[rng.Below(20)];
  }
  return std::to_string(rng.Range(1011, 9999));
}

const std::vector<Place>& Places() { return GetTable().places; }

const std::vector<std::string>& Regions() {
  static const std::vector<std::string> kRegions = {"zuid-limburg", "nederland", "belgie",
                                                    "duitsland"};
  return kRegions;
}

int FindPlaceBySlug(const std::string& slug) {
  const auto& places = Places();
  for (size_t i = 0; i < places.size(); ++i) {
    if (places[i].slug == slug) return static_cast<int>(i);
  }
  return -1;
}

// Slot table: each place appears `weight` times, shuffled by the seed so that
// neighbouring ids are not in neighbouring towns.
std::vector<int> BuildSlots(uint64_t seed) {
  const Table& t = GetTable();
  std::vector<int> slots;
  for (size_t p = 0; p < t.places.size(); ++p) {
    for (int w = 0; w < t.weights[p]; ++w) slots.push_back(static_cast<int>(p));
  }
  Rng rng(Hash(seed, 0x51075));
  for (size_t i = slots.size(); i > 1; --i) std::swap(slots[i - 1], slots[rng.Below(i)]);
  return slots;
}

std::string Slugify(const std::string& s) {
  // Lowercase ASCII, '-' for anything else; the few accented letters in our
  // place names are mapped by hand.
  static const std::map<std::string, char> kAccents = {
      {"\xc3\xa9", 'e'}, {"\xc3\xa8", 'e'}, {"\xc3\xab", 'e'}, {"\xc3\x9c", 'u'},
      {"\xc3\xbc", 'u'}, {"\xc3\xb6", 'o'}, {"\xc3\xa4", 'a'}, {"\xc3\xaf", 'i'}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char add = 0;
    if (c >= 0x80 && i + 1 < s.size()) {
      auto it = kAccents.find(s.substr(i, 2));
      if (it != kAccents.end()) add = it->second;
      ++i;
    } else if (std::isalnum(c)) {
      add = static_cast<char>(std::tolower(c));
    } else if (c == '\'') {
      continue;
    }
    if (add == 0) {
      if (!out.empty() && out.back() != '-') out.push_back('-');
    } else {
      out.push_back(add);
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace adwatch::demo
