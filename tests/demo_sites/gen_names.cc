// Advertiser names for the demo network: invented working names of the kinds
// seen on Dutch ad sites, in several language backgrounds.
#include <vector>

#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {
namespace {

const std::vector<std::string> kFirst = {
    "Lisa", "Sanne", "Eva", "Noa", "Julia", "Emma", "Sophie", "Anna", "Mila", "Lotte", "Fleur",
    "Roos", "Iris", "Nina", "Laura", "Kim", "Demi", "Chantal", "Bianca", "Natasha", "Katja",
    "Olga", "Irina", "Alina", "Daria", "Elena", "Ioana", "Andreea", "Gabriela", "Maria", "Lucia",
    "Carla", "Isabella", "Valentina", "Camila", "Luna", "Yasmin", "Samira", "Leila", "Amira",
    "Mei", "Jade", "Kiki", "Bo", "Femke", "Ilse", "Marieke", "Petra", "Monique", "Jessica",
    "Vanessa", "Melissa", "Angelique", "Larissa", "Svetlana", "Tanja", "Jolanda", "Nathalie",
    "Manon", "Hanna", "Lena", "Mia", "Sabrina", "Jasmin", "Kira", "Romy", "Esmee", "Noor",
    "Liv", "Zoë", "Anouk", "Britt", "Floor", "Merel", "Sara", "Yara", "Nadia", "Dana",
    "Paula", "Rebecca", "Tessa", "Vera", "Wendy", "Xenia", "Zara", "Bella", "Chloe", "Daisy",
    "Gina", "Heidi", "Ingrid", "Jana", "Klara", "Linda", "Marta", "Nicole", "Ophelia", "Priscilla",
    "Quinty", "Rosa", "Stella", "Tamara", "Ursula", "Victoria", "Wilma", "Yvonne", "Joyce",
    "Kelly", "Cindy", "Mandy", "Sandra", "Patricia", "Silvia", "Eline", "Maud", "Lieke", "Fenna"};

const std::vector<std::string> kPrefixNl = {"Sexy ", "Lieve ", "Mooie ", "Hete ", "Spontane "};
const std::vector<std::string> kPrefixEn = {"Sweet ", "Sexy ", "Hot ", "Lovely "};
const std::vector<std::string> kPrefixDe = {"Süße ", "Heiße ", "Zärtliche "};
const std::vector<std::string> kPrefixFr = {"Douce ", "Belle ", "Sexy "};
const std::vector<std::string> kSuffix = {" NL", " xxx", " Escort", " Massage", " VIP"};

}  // namespace

std::string MakeName(Rng& rng, const std::string& lang) {
  std::string name = rng.Pick(kFirst);
  uint32_t r = rng.Below(100);
  if (r < 12) {
    const auto& pre = lang == "en" ? kPrefixEn : lang == "de" ? kPrefixDe : lang == "fr" ? kPrefixFr : kPrefixNl;
    name = rng.Pick(pre) + name;
  } else if (r < 18) {
    name += rng.Pick(kSuffix);
  } else if (r < 22) {
    // A second letter keeps common names apart, as sites that require unique names do.
    name += " " + std::string(1, static_cast<char>('A' + rng.Below(26))) + ".";
  }
  return name;
}

}  // namespace adwatch::demo
