//! Readable renderings of facts: the `display` text of an argument (an entity's canonical
//! name, a value's normalised text such as "2024-05-15", "54700000000 USD" or "7 %", or the
//! text span itself, or the normal form of a named span such as "Mexico" for "Mexican") and a one-line summary of a fact for golden files and debugging.
//! Depends on the facts types, [`crate::values`] and [`crate::entities`] only.

use super::{ArgTarget, Fact, Modality};
use crate::entities::Entity;
use crate::values::{PercentUnit, Value, ValueData};

/// The display text of an argument target.
pub fn argument(text: &str, entities: &[Entity], values: &[Value], target: ArgTarget) -> String {
    match target {
        ArgTarget::Entity(e) => super::entity(entities, e)
            .map(|x| x.canonical.clone())
            .unwrap_or_default(),
        ArgTarget::Value(i) => values.get(i as usize).map(value).unwrap_or_default(),
        ArgTarget::Text(s) => s.slice(text).to_string(),
        ArgTarget::Named(_, name) => name.to_string(),
    }
}

/// A value's normalised text: TIMEX value (with its range), "54700000000 USD", "7 %",
/// "5000 local companies".
pub fn value(v: &Value) -> String {
    let bounded = |x: &str, upper: &Option<String>, unit: &str| match upper {
        Some(u) => format!("{x}-{u}{unit}"),
        None => format!("{x}{unit}"),
    };
    match &v.data {
        ValueData::Time(t) => match &t.range {
            Some(r) => format!("{} ({}..{})", t.value, r.min, r.max),
            None => t.value.clone(),
        },
        ValueData::Money(x) => bounded(
            &x.amount,
            &x.upper,
            &format!(" {}", x.currency.as_deref().unwrap_or("XXX")),
        ),
        ValueData::Percent(p) => {
            let unit = match p.unit {
                PercentUnit::Percent => " %",
                PercentUnit::PercentagePoints => " percentage points",
                PercentUnit::BasisPoints => " bp",
            };
            bounded(&p.value, &p.upper, unit)
        }
        ValueData::Number(n) => n.value.clone(),
        ValueData::Quantity(q) => {
            let what = q
                .unit
                .map(str::to_string)
                .or_else(|| q.counted.as_ref().map(|c| c.text.clone()))
                .unwrap_or_default();
            let unit = if what.is_empty() {
                String::new()
            } else {
                format!(" {what}")
            };
            bounded(&q.value, &q.upper, &unit)
        }
    }
}

fn modality(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Reported => "reported",
        Modality::Negated => "negated",
        Modality::Planned => "planned",
        Modality::Speculative => "speculative",
    }
}

/// One line per fact: `kind [modality] role=display; ... | "evidence" | rule`.
pub fn summary(text: &str, entities: &[Entity], values: &[Value], f: &Fact) -> String {
    let args: Vec<String> = f
        .args
        .iter()
        .map(|a| format!("{}={}", a.role, argument(text, entities, values, a.target)))
        .collect();
    format!(
        "{} [{}] {} | {:?} | {}",
        f.kind.as_str(),
        modality(f.modality),
        args.join("; "),
        f.evidence.slice(text),
        f.rule
    )
}
