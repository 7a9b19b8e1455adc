#pragma once
// Validation and masking of personal data: Chinese resident ID numbers (GB 11643-1999) and mobile numbers.
#include <optional>
#include <string>
#include <string_view>

namespace skb::core {

struct NationalIdInfo {
  std::string birth_date;  // YYYY-MM-DD
  bool male = false;       // the 17th digit is odd for men
};

// Checks length, digits, region code shape, birth date (a real calendar date, not after `today`
// given as YYYY-MM-DD) and the ISO 7064 MOD 11-2 check digit. Returns nullopt when invalid, with `why`
// set to a message (zh) and `code` to a stable code (id_length, id_format, id_region, id_birth_date,
// id_future_birth, id_check_digit) that user interfaces translate.
std::optional<NationalIdInfo> check_national_id(std::string_view id, std::string_view today, std::string* why = nullptr,
                                                std::string* code = nullptr);

// The check character (0–9 or X) for the first 17 digits of an ID number.
char national_id_check_char(std::string_view first17);

// Mainland mobile numbers: 11 digits starting 13–19.
bool is_valid_mobile(std::string_view phone);

// "330302199001011234" → "330*************34" (the birth date and the county stay hidden: lists show the
// birth year and gender, so a mask that left only the birth date out could be undone); "13812345678" → "138****5678".
std::string mask_national_id(std::string_view id);
std::string mask_phone(std::string_view phone);
// "张伟" → "张*", "欧阳娜娜" → "欧***": the first character and one star per other character (UTF-8).
std::string mask_name(std::string_view name);

// Upper-cases a trailing x and strips surrounding spaces, so look-ups find the same ID however typed.
std::string normalize_national_id(std::string_view id);

}  // namespace skb::core
