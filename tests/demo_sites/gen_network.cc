// The demo network over time: which ads exist at which epoch, where they are,
// which text version they show, and the listing pages of each site.
#include <algorithm>
#include <ctime>

#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {

const char* SiteName(int site) {
  switch (site) {
    case kHtml: return "demo-html";
    case kApi: return "demo-api";
    default: return "demo-next";
  }
}

int64_t EpochTime(int epoch) { return 1'793'534'400LL + 86'400LL * epoch; }  // 2026-11-01T12:00Z

std::string Iso8601(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

uint64_t Fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::string Hex16(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = kDigits[v & 15];
  return s;
}

std::string AdView::Text() const {
  std::string out;
  for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

Network::Network(uint64_t seed, uint64_t ads)
    : seed_(seed), ads_(ads), new_per_epoch_(std::max<uint64_t>(3, ads / 20)) {
  slots_ = BuildSlots(seed);
  place_residues_.resize(Places().size());
  region_residues_.resize(Regions().size());
  for (size_t r = 0; r < slots_.size(); ++r) {
    const Place& p = Places()[static_cast<size_t>(slots_[r])];
    place_residues_[static_cast<size_t>(slots_[r])].push_back(static_cast<uint32_t>(r));
    auto reg = std::find(Regions().begin(), Regions().end(), p.region) - Regions().begin();
    region_residues_[static_cast<size_t>(reg)].push_back(static_cast<uint32_t>(r));
    all_residues_.push_back(static_cast<uint32_t>(r));
  }
  BuildPlan();
}

Network::~Network() = default;

uint64_t Network::BornCount(int epoch) const {
  return ads_ + new_per_epoch_ * static_cast<uint64_t>(std::clamp(epoch, 0, kMaxEpoch));
}

uint64_t Network::SiteBornCount(int site, int epoch) const {
  uint64_t born = BornCount(epoch);
  return born > static_cast<uint64_t>(site) ? (born - static_cast<uint64_t>(site) + 2) / 3 : 0;
}

const Network::Role* Network::RoleOf(uint64_t index) const {
  auto it = std::lower_bound(role_index_.begin(), role_index_.end(), std::make_pair(index, -1));
  if (it == role_index_.end() || it->first != index) return nullptr;
  return &roles_[static_cast<size_t>(it->second)];
}

bool Network::IsPlanted(uint64_t index) const { return RoleOf(index) != nullptr; }

int Network::BirthEpoch(uint64_t index) const {
  if (index < ads_) return 0;
  return 1 + static_cast<int>((index - ads_) / new_per_epoch_);
}

int Network::DeathEpoch(uint64_t index) const {
  if (IsPlanted(index)) return kMaxEpoch + 1;
  // About 2.5% of the live ads vanish per epoch.
  int d = BirthEpoch(index) + 1 + static_cast<int>(Hash(seed_, index, 0xdead) % 40);
  return std::min(d, kMaxEpoch + 1);
}

Life Network::LifeAt(uint64_t index, int epoch) const {
  if (index >= UniverseSize() || epoch < BirthEpoch(index)) return Life::kUnborn;
  return epoch < DeathEpoch(index) ? Life::kLive : Life::kVanished;
}

int Network::PlaceAt(uint64_t index, int epoch) const {
  if (const Role* r = RoleOf(index); r && !r->towns.empty()) {
    size_t n = r->towns.size();
    if (r->move_period == 0) return r->towns[0];
    size_t step = static_cast<size_t>(std::max(epoch, 0) / r->move_period);
    return r->cycle ? r->towns[(static_cast<size_t>(r->member) + step) % n]
                    : r->towns[std::min(step, n - 1)];
  }
  return slots_[(index / 3) % slots_.size()];
}

int Network::TextVersion(uint64_t index, int epoch) const {
  if (IsPlanted(index)) return 0;
  int v = 0;
  for (int e = BirthEpoch(index) + 1; e <= epoch; ++e) {
    if (Hash(seed_, index, 0xc4a6e + static_cast<uint64_t>(e)) % 10 == 0) ++v;
  }
  return v;
}

int Network::LastChangeEpoch(uint64_t index, int epoch) const {
  int last = BirthEpoch(index);
  for (int e = last + 1; e <= epoch; ++e) {
    if (PlaceAt(index, e) != PlaceAt(index, e - 1) || TextVersion(index, e) != TextVersion(index, e - 1)) {
      last = e;
    }
  }
  return last;
}

std::string Network::IdOf(uint64_t index) const {
  return std::to_string(static_cast<uint64_t>(index % 3 + 1) * 1'000'000ULL + index / 3);
}

bool Network::ParseId(int site, const std::string& id, uint64_t* index) const {
  if (id.size() != 7 || id[0] != static_cast<char>('1' + site)) return false;
  uint64_t seq = 0;
  for (size_t i = 1; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
    seq = seq * 10 + static_cast<uint64_t>(id[i] - '0');
  }
  *index = seq * 3 + static_cast<uint64_t>(site);
  return *index < UniverseSize();
}

bool Network::InFilter(int place, const Filter& f) const {
  if (f.place >= 0) return place == f.place;
  if (f.region >= 0) return Places()[static_cast<size_t>(place)].region == Regions()[static_cast<size_t>(f.region)];
  return true;
}

const std::vector<uint32_t>& Network::Residues(const Filter& f) const {
  if (f.place >= 0) return place_residues_[static_cast<size_t>(f.place)];
  if (f.region >= 0) return region_residues_[static_cast<size_t>(f.region)];
  return all_residues_;
}

// Ordinary ads stay in their slot's town, so a town's listing is an
// arithmetic walk over its residues; planted ads (which move) are listed
// first, from the plan.
uint64_t Network::RegularCount(int site, const Filter& f, int epoch) const {
  const auto& res = Residues(f);
  uint64_t born = SiteBornCount(site, epoch);
  uint64_t s = slots_.size();
  uint64_t count = born / s * res.size();
  for (uint32_t r : res) count += r < born % s ? 1 : 0;
  return count;
}

std::vector<uint64_t> Network::Featured(int site, const Filter& f, int epoch) const {
  std::vector<uint64_t> out;
  for (const auto& [index, role] : role_index_) {
    if (index % 3 == static_cast<uint64_t>(site) && LifeAt(index, epoch) == Life::kLive &&
        InFilter(PlaceAt(index, epoch), f)) {
      out.push_back(index);
    }
  }
  return out;
}

int Network::TotalPages(int site, const Filter& f, int epoch, int page_size) const {
  uint64_t b = static_cast<uint64_t>(page_size);
  uint64_t pages = (Featured(site, f, epoch).size() + b - 1) / b + (RegularCount(site, f, epoch) + b - 1) / b;
  return static_cast<int>(std::max<uint64_t>(1, pages));
}

std::vector<uint64_t> Network::Page(int site, const Filter& f, int epoch, int page, int page_size) const {
  std::vector<uint64_t> out;
  if (page < 1) return out;
  const uint64_t b = static_cast<uint64_t>(page_size);
  auto featured = Featured(site, f, epoch);
  uint64_t fpages = (featured.size() + b - 1) / b;
  uint64_t p = static_cast<uint64_t>(page - 1);
  if (p < fpages) {
    for (uint64_t k = p * b; k < std::min<uint64_t>(featured.size(), (p + 1) * b); ++k) out.push_back(featured[k]);
    return out;
  }
  const auto& res = Residues(f);
  const uint64_t count = RegularCount(site, f, epoch);
  for (uint64_t k = (p - fpages) * b; k < std::min(count, (p - fpages + 1) * b); ++k) {
    uint64_t seq = k / res.size() * slots_.size() + res[k % res.size()];
    uint64_t index = seq * 3 + static_cast<uint64_t>(site);
    if (!IsPlanted(index) && LifeAt(index, epoch) == Life::kLive) out.push_back(index);
  }
  return out;
}

std::string CanonicalUrl(const AdView& ad, const std::vector<std::string>& origins) {
  return origins[static_cast<size_t>(ad.site)] + ad.path;
}

}  // namespace adwatch::demo
