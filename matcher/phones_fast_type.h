// Number types of NL, BE and DE numbers without libphonenumber's per-call
// ICU regexes (internal to ExtractPhones).
#pragma once

#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace adwatch::matcher_internal {

// True if FastNumberType answers for country code `cc`: 31, 32 and 49 (none
// if libphonenumber's metadata could not be read).
bool FastNumberTypeCovers(int cc);

// PhoneNumberUtil::GetNumberType of the number +cc nsn, for a covered `cc`
// and a national significant number `nsn` without leading zero: the same
// answer from the same metadata, with the patterns compiled once (RE2).
// UNKNOWN means invalid (IsValidNumber is false).
i18n::phonenumbers::PhoneNumberUtil::PhoneNumberType FastNumberType(int cc, const std::string& nsn);

}  // namespace adwatch::matcher_internal
