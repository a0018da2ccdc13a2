//! Exact decimal numbers for amounts: a signed `i128` mantissa with a power-of-ten scale.
//!
//! Owns the arithmetic that value rules need (append digits, multiply by a scale word,
//! add, divide by small integers for fractions) without any floating point, and the
//! canonical string rendering ("54700000000", "0.5", "-3.25"). Depends on nothing.

use std::cmp::Ordering;
use std::fmt;

/// An exact decimal `mantissa * 10^-scale`. Overflow makes operations return `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// The largest scale kept; finer fractions are rounded away (only reached by `1/3`-like input).
const MAX_SCALE: u32 = 18;

impl Decimal {
    /// The integer `n`.
    pub fn from_int(n: i128) -> Decimal {
        Decimal {
            mantissa: n,
            scale: 0,
        }
    }

    /// Parses plain digits with an optional single `.` fraction part and `,` group separators
    /// already removed by the caller (`"54.7"`, `"5000"`). `None` for anything else.
    pub fn parse(s: &str) -> Option<Decimal> {
        let mut mantissa: i128 = 0;
        let mut scale: u32 = 0;
        let mut seen_point = false;
        let mut digits = 0usize;
        for c in s.chars() {
            if c == '.' {
                if seen_point {
                    return None;
                }
                seen_point = true;
                continue;
            }
            let d = c.to_digit(10)?;
            mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(d))?;
            digits += 1;
            if seen_point {
                scale += 1;
                if scale > MAX_SCALE {
                    return None;
                }
            }
        }
        if digits == 0 {
            return None;
        }
        Some(Decimal { mantissa, scale }.normalised())
    }

    /// Drops trailing fractional zeros so equal values have one representation.
    fn normalised(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    fn rescaled(self, scale: u32) -> Option<Decimal> {
        if scale < self.scale {
            return None;
        }
        let factor = 10i128.checked_pow(scale - self.scale)?;
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(factor)?,
            scale,
        })
    }

    /// `self * other`, exact.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale + other.scale;
        let d = Decimal {
            mantissa: self.mantissa.checked_mul(other.mantissa)?,
            scale,
        };
        let d = d.normalised();
        if d.scale > MAX_SCALE {
            return None;
        }
        Some(d)
    }

    /// `self + other`, exact.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self.rescaled(scale)?;
        let b = other.rescaled(scale)?;
        Some(
            Decimal {
                mantissa: a.mantissa.checked_add(b.mantissa)?,
                scale,
            }
            .normalised(),
        )
    }

    /// `self / divisor`, rounded toward zero at `MAX_SCALE` digits (exact for halves, quarters...).
    pub fn div_int(self, divisor: i128) -> Option<Decimal> {
        if divisor == 0 {
            return None;
        }
        let a = self.rescaled(MAX_SCALE)?;
        Some(
            Decimal {
                mantissa: a.mantissa / divisor,
                scale: MAX_SCALE,
            }
            .normalised(),
        )
    }

    /// `10^exp` as a decimal.
    pub fn pow10(exp: u32) -> Option<Decimal> {
        Some(Decimal {
            mantissa: 10i128.checked_pow(exp)?,
            scale: 0,
        })
    }

    /// True when the value has no fractional part.
    pub fn is_integer(self) -> bool {
        self.normalised().scale == 0
    }

    /// The value as an integer when it is one and fits.
    pub fn to_i64(self) -> Option<i64> {
        let d = self.normalised();
        if d.scale != 0 {
            return None;
        }
        i64::try_from(d.mantissa).ok()
    }

    /// Compares two decimals exactly (`None` only on overflow while aligning scales).
    pub fn compare(self, other: Decimal) -> Option<Ordering> {
        let scale = self.scale.max(other.scale);
        Some(
            self.rescaled(scale)?
                .mantissa
                .cmp(&other.rescaled(scale)?.mantissa),
        )
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.normalised();
        let negative = d.mantissa < 0;
        let digits = d.mantissa.unsigned_abs().to_string();
        let scale = d.scale as usize;
        if negative {
            f.write_str("-")?;
        }
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = if digits.len() <= scale {
            format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits)
        } else {
            digits
        };
        let split = padded.len() - scale;
        let (int_part, frac_part) = padded.split_at(split);
        write!(f, "{int_part}.{frac_part}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_render_round_trip() {
        for (input, expected) in [
            ("54.7", "54.7"),
            ("5000", "5000"),
            ("0.50", "0.5"),
            ("007", "7"),
            ("1.000", "1"),
        ] {
            assert_eq!(
                Decimal::parse(input).map(|d| d.to_string()).as_deref(),
                Some(expected),
                "{input}"
            );
        }
        for bad in ["", ".", "1.2.3", "12a", "-3"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn scale_words_multiply_exactly() {
        let v = Decimal::parse("54.7").and_then(|d| d.checked_mul(Decimal::pow10(9)?));
        assert_eq!(v.map(|d| d.to_string()).as_deref(), Some("54700000000"));
        let v = Decimal::parse("4.7").and_then(|d| d.checked_mul(Decimal::pow10(9)?));
        assert_eq!(v.map(|d| d.to_string()).as_deref(), Some("4700000000"));
        let half = Decimal::from_int(1)
            .div_int(2)
            .and_then(|d| d.checked_mul(Decimal::pow10(6)?));
        assert_eq!(half.map(|d| d.to_string()).as_deref(), Some("500000"));
        assert_eq!(
            Decimal::from_int(5)
                .div_int(100)
                .map(|d| d.to_string())
                .as_deref(),
            Some("0.05")
        );
    }

    #[test]
    fn overflow_is_none_not_panic() {
        let big = Decimal::parse("99999999999999999999999999999999999");
        assert!(big
            .and_then(|d| d.checked_mul(Decimal::pow10(12)?))
            .is_none());
    }
}
