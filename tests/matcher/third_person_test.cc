// FindNameAsSubject: the ad's own name as the subject of a third-person verb.
#include "matcher/third_person.h"

#include <gtest/gtest.h>

#include "matcher/normalize.h"

namespace adwatch {
namespace {

// The normalised span found for `name` in `text`, or "" when none.
std::string Found(const std::string& name, const std::string& text) {
  NormalizedText t = Normalize(text);
  auto span = FindNameAsSubject(Normalize(name).text, t.text);
  return span ? t.text.substr(span->first, span->second - span->first) : "";
}

TEST(ThirdPerson, NameWithAVerbInFourLanguages) {
  EXPECT_EQ(Found("Anna", "NIEUW! Anna is 22 en pas in Nederland."), "anna is");
  EXPECT_EQ(Found("Lisa", "Lisa (22) kommt aus Prag."), "lisa (22) kommt");
  EXPECT_EQ(Found("Mia", "Discreet and sweet: Mia, 24, offers massage."), "mia, 24, offers");
  EXPECT_EQ(Found("Nina", "Nina vous attend à Liège."), "nina vous");
  EXPECT_EQ(Found("Zoë", "Lieve zoe heeft tijd voor je."), "zoe heeft");
  EXPECT_EQ(Found("Natasja", "Natasja, 25j, doet het allemaal."), "natasja, 25j, doet");
  EXPECT_EQ(Found("Mira", "Mira (23 jaar) komt uit Brno."), "mira (23 jaar) komt");
}

TEST(ThirdPerson, FirstPersonHeadlinesAndOtherWordsAreNot) {
  EXPECT_EQ(Found("Anna", "Hoi, ik ben Anna en ik ontvang je graag."), "");
  EXPECT_EQ(Found("Anna", "Anna is mijn naam, bel me."), "");          // self-introduction
  EXPECT_EQ(Found("Lotte", "Lotte, 32, ontvangt in Eijsden."), "");   // a listing headline
  EXPECT_EQ(Found("Anouk", "Anouk à Visé"), "");                      // "à" is no verb
  EXPECT_EQ(Found("Ann", "Anna is lief"), "");                        // whole words only
  EXPECT_EQ(Found("Anna", "Anna sexy Maastricht"), "");              // no verb
  EXPECT_EQ(Found("A", "A is"), "");                                  // too short to be a name
}

}  // namespace
}  // namespace adwatch
