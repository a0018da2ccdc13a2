//! Training of the sequence tagger: an averaged perceptron over hashed features with
//! greedy BILOU decoding (the same decoder as tag time), trained on CoNLL-2003 and
//! model-selected by span F1 on a development file. Owns `train_ner`, `TrainOptions`,
//! `TrainReport`. Deterministic: documents are shuffled with a fixed-seed generator and
//! one thread is used. Depends on `conll`, `features`, `tagger`, `gazetteer`, `clusters`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::conll::{self, ConllDocument, TokenEntity, TAG_COUNT};
use super::eval::SpanScore;
use super::features::{self, SentenceInfo, TokenInfo, START_TAG};
use super::gazetteer::Gazetteer;
use super::phrases::PhraseLexicon;
use super::tagger::{self, Clusters, NerModel};
use super::{EntityError, EntityErrorKind};

/// Knobs of the trainer.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data (the best pass on dev is kept).
    pub epochs: usize,
    /// Seed of the document shuffle.
    pub seed: u64,
    /// Whether gazetteer-match features are used (needs the embedded gazetteer).
    pub use_gazetteer: bool,
    /// Word clusters file (`bits<TAB>word<TAB>count`, as written by `entities-clusters`).
    pub clusters: Option<PathBuf>,
    /// Rows whose largest absolute quantised weight is below this are dropped (0 = keep all).
    pub prune_below: i16,
    /// Models per pass trained with different shuffles and averaged (1 = no ensemble).
    pub ensemble: usize,
    /// Folds of the jackknife that produces first-pass output on the training data for
    /// the second pass (each fold's documents are tagged by a model trained on the others).
    pub folds: usize,
    /// Company-name words (`word<TAB>kind`, kind 1 = first word of a listed company
    /// name, 2 = a later word, 3 = both; as in `data/org-names.tsv`), embedded in the model.
    pub orgs: Option<PathBuf>,
    /// Person-name lexicon (`word<TAB>first-name bucket<TAB>surname bucket`, as in
    /// `data/person-names.tsv`), embedded in the model.
    pub names: Option<PathBuf>,
    /// Typed proper-name phrases (`phrase<TAB>kind letters`, as in
    /// `data/wordnet-names.tsv`), embedded in the model.
    pub phrases: Option<PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 0x5eed,
            use_gazetteer: true,
            clusters: None,
            prune_below: 25,
            ensemble: 10,
            folds: 4,
            names: None,
            orgs: None,
            phrases: None,
        }
    }
}

/// What training did.
#[derive(Clone, Debug)]
pub struct TrainReport {
    /// Training sentences / tokens.
    pub train_sentences: usize,
    /// Training tokens.
    pub train_tokens: usize,
    /// Dev F1 after each epoch (first pass, then second pass).
    pub dev_f1_per_epoch: Vec<f64>,
    /// Best first-pass epoch (1-based).
    pub best_epoch1: usize,
    /// Best second-pass epoch (1-based): the saved model.
    pub best_epoch: usize,
    /// Dev score of the saved model.
    pub dev: SpanScore,
    /// Feature rows in the saved model.
    pub rows: usize,
    /// Bytes written.
    pub model_bytes: usize,
    /// Clustered words embedded.
    pub cluster_words: usize,
}

impl fmt::Display for TrainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "train: {} sentences, {} tokens",
            self.train_sentences, self.train_tokens
        )?;
        let half = self.dev_f1_per_epoch.len() / 2;
        for (k, f1) in self.dev_f1_per_epoch.iter().enumerate() {
            let (pass, e) = if k < half {
                (1, k + 1)
            } else {
                (2, k + 1 - half)
            };
            writeln!(f, "  pass {pass} epoch {e:2}: dev F1 {f1:.4}")?;
        }
        writeln!(f, "best first-pass epoch {}; best second-pass epoch {} (saved): dev P {:.4} R {:.4} F1 {:.4}", self.best_epoch1, self.best_epoch, self.dev.precision(), self.dev.recall(), self.dev.f1())?;
        write!(
            f,
            "model: {} feature rows, {} cluster words, {} bytes",
            self.rows, self.cluster_words, self.model_bytes
        )
    }
}

/// Reads a CoNLL file.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDocument>, EntityError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot read CoNLL file {}: {e}", path.display()),
        )
    })?;
    let docs = conll::parse_conll(&text);
    if docs.is_empty() {
        return Err(EntityError::new(
            EntityErrorKind::BadData,
            format!("no sentences in {}", path.display()),
        ));
    }
    Ok(docs)
}

/// Reads a clusters file: `bits<TAB>word[<TAB>count[<TAB>cap]]` per line (bits as a 0/1
/// string, cap = capitalisation bucket 0..=4).
pub fn read_clusters(path: &Path) -> Result<Clusters, EntityError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot read clusters file {}: {e}", path.display()),
        )
    })?;
    let mut entries = Vec::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(bits), Some(word)) = (cols.next(), cols.next()) else {
            continue;
        };
        let len = bits.len().min(32);
        let mut v = 0u32;
        for c in bits.bytes().take(32) {
            v = v << 1 | (c == b'1') as u32;
        }
        let cap: u8 = cols
            .nth(1)
            .and_then(|c| c.trim().parse().ok())
            .unwrap_or(0)
            .min(4);
        entries.push((
            features::hash_lower(word),
            v,
            (len as u8).min(31) | cap << 5,
        ));
    }
    Ok(Clusters::from_entries(entries))
}

/// Reads a person-name lexicon: `word<TAB>first<TAB>last` per line, where `first` and
/// `last` are rank buckets 0..=3 (0 = not listed as such). Returns (word hash, name byte).
pub fn read_names(path: &Path) -> Result<Vec<(u64, u8)>, EntityError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot read person-name lexicon {}: {e}", path.display()),
        )
    })?;
    let mut out = Vec::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(word), Some(first), Some(last)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let bucket = |c: &str| c.trim().parse::<u8>().unwrap_or(0).min(3);
        let byte = bucket(first) | bucket(last) << 2;
        if byte != 0 && !word.is_empty() {
            out.push((features::hash_lower(word), byte));
        }
    }
    Ok(out)
}

/// Reads a company-name word list: `word<TAB>kind` per line (kind 1 = first word of a
/// listed name, 2 = a later word, 3 = both). Returns (word hash, name byte: kind << 4).
pub fn read_org_names(path: &Path) -> Result<Vec<(u64, u8)>, EntityError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot read company-name list {}: {e}", path.display()),
        )
    })?;
    let mut out = Vec::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(word), Some(kind)) = (cols.next(), cols.next()) else {
            continue;
        };
        let kind = kind.trim().parse::<u8>().unwrap_or(0).min(3);
        if kind != 0 && !word.is_empty() {
            out.push((features::hash_lower(word), kind << 4));
        }
    }
    Ok(out)
}

struct Sentence {
    tokens: Vec<TokenInfo>,
    gold: Vec<u8>,
    /// History-independent features (with prior features in the second pass),
    /// `offsets[i]..offsets[i+1]` in `feats`.
    feats: Vec<u64>,
    offsets: Vec<usize>,
}

impl Sentence {
    fn compute_features(&mut self, second: bool, buf: &mut Vec<u64>) {
        let info = SentenceInfo::of(&self.tokens);
        self.feats.clear();
        self.offsets.clear();
        self.offsets.push(0);
        for i in 0..self.tokens.len() {
            features::static_features(&self.tokens, &info, i, buf);
            if second {
                features::prior_features(&self.tokens, i, buf);
            }
            self.feats.extend_from_slice(buf);
            self.offsets.push(self.feats.len());
        }
    }
}

fn prepare(
    docs: &[ConllDocument],
    gaz: Option<&Gazetteer>,
    clusters: &Clusters,
) -> Vec<Vec<Sentence>> {
    let mut buf = Vec::new();
    docs.iter()
        .map(|d| {
            let words: Vec<Vec<&str>> = d
                .sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let prepared = tagger::prepare_document(&words, gaz, clusters);
            prepared
                .into_iter()
                .zip(&d.sentences)
                .map(|(tokens, s)| {
                    let gold = conll::entities_to_tags(tokens.len(), &s.entities);
                    let mut sent = Sentence {
                        tokens,
                        gold,
                        feats: Vec::new(),
                        offsets: Vec::new(),
                    };
                    sent.compute_features(false, &mut buf);
                    sent
                })
                .collect()
        })
        .collect()
}

/// Sets document priors from first-pass entities and recomputes second-pass features.
fn restage(doc: &mut [Sentence], first: &[Vec<TokenEntity>], buf: &mut Vec<u64>) {
    let mut toks: Vec<Vec<TokenInfo>> = doc.iter().map(|s| s.tokens.clone()).collect();
    tagger::assign_priors(&mut toks, first);
    for (s, t) in doc.iter_mut().zip(toks) {
        s.tokens = t;
        s.compute_features(true, buf);
    }
}

/// Averaged weight rows keyed by feature hash.
type Rows = Vec<(u64, [f32; TAG_COUNT])>;

/// Mean of several models' rows (a key missing from a model counts as zeros); sorted by key.
fn average_rows(members: &[Rows]) -> Rows {
    let mut sum: std::collections::BTreeMap<u64, [f32; TAG_COUNT]> =
        std::collections::BTreeMap::new();
    for m in members {
        for (k, w) in m {
            let e = sum.entry(*k).or_insert([0.0; TAG_COUNT]);
            for (a, b) in e.iter_mut().zip(w) {
                *a += b;
            }
        }
    }
    let n = members.len().max(1) as f32;
    sum.into_iter()
        .map(|(k, mut w)| {
            w.iter_mut().for_each(|x| *x /= n);
            (k, w)
        })
        .collect()
}

struct Perceptron {
    index: HashMap<u64, u32>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    clock: u32,
}

impl Perceptron {
    fn new() -> Perceptron {
        Perceptron {
            index: HashMap::new(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            clock: 1,
        }
    }

    fn score(&self, feats: &[u64], scores: &mut [f32; TAG_COUNT]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let base = r as usize * TAG_COUNT;
                if let Some(row) = self.w.get(base..base + TAG_COUNT) {
                    for (s, &x) in scores.iter_mut().zip(row) {
                        *s += x;
                    }
                }
            }
        }
    }

    fn bump(&mut self, f: u64, tag: usize, delta: f32) {
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.w.extend_from_slice(&[0.0; TAG_COUNT]);
            self.total.extend_from_slice(&[0.0; TAG_COUNT]);
            self.stamp.extend_from_slice(&[0; TAG_COUNT]);
        }
        let k = r as usize * TAG_COUNT + tag;
        if let (Some(w), Some(t), Some(s)) = (
            self.w.get(k).copied(),
            self.total.get_mut(k),
            self.stamp.get_mut(k),
        ) {
            *t += (self.clock - *s) as f64 * w as f64;
            *s = self.clock;
        }
        if let Some(w) = self.w.get_mut(k) {
            *w += delta;
        }
    }

    fn averaged(&self) -> Vec<(u64, [f32; TAG_COUNT])> {
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|(k, r)| {
                let mut row = [0f32; TAG_COUNT];
                for (t, slot) in row.iter_mut().enumerate() {
                    let i = r as usize * TAG_COUNT + t;
                    let w = self.w.get(i).copied().unwrap_or(0.0) as f64;
                    let tot = self.total.get(i).copied().unwrap_or(0.0)
                        + (self.clock - self.stamp.get(i).copied().unwrap_or(0)) as f64 * w;
                    *slot = (tot / self.clock as f64) as f32;
                }
                (k, row)
            })
            .collect()
    }
}

fn train_sentence(p: &mut Perceptron, s: &Sentence, second: bool, buf: &mut Vec<u64>) {
    let (mut p1, mut p2) = (START_TAG, START_TAG);
    for i in 0..s.tokens.len() {
        buf.clear();
        buf.extend_from_slice(s.feats.get(s.offsets[i]..s.offsets[i + 1]).unwrap_or(&[]));
        features::history_features(&s.tokens, i, p1, p2, buf);
        if second {
            features::salt_features(buf);
        }
        let mut scores = [0f32; TAG_COUNT];
        p.score(buf, &mut scores);
        let prev = if i == 0 { None } else { Some(p1) };
        let guess = tagger::best_allowed_f32(&scores, prev, i + 1 == s.tokens.len());
        let gold = s.gold.get(i).copied().unwrap_or(0);
        if guess != gold {
            for &f in buf.iter() {
                p.bump(f, gold as usize, 1.0);
                p.bump(f, guess as usize, -1.0);
            }
        }
        p.clock += 1;
        p2 = p1;
        p1 = guess;
    }
}

/// Runs `epochs` shuffled passes over the documents whose index is selected by `use_doc`,
/// calling `after_epoch(epoch, perceptron)` after each.
fn run_epochs(
    p: &mut Perceptron,
    docs: &[Vec<Sentence>],
    use_doc: impl Fn(usize) -> bool,
    epochs: usize,
    seed: u64,
    second: bool,
    mut after_epoch: impl FnMut(usize, &Perceptron),
) {
    let mut order: Vec<usize> = (0..docs.len()).filter(|&d| use_doc(d)).collect();
    let mut rng = seed | 1;
    let mut buf = Vec::with_capacity(128);
    for epoch in 0..epochs {
        // Fisher-Yates with xorshift64*.
        for i in (1..order.len()).rev() {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let j = (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &d in &order {
            for s in &docs[d] {
                train_sentence(p, s, second, &mut buf);
            }
        }
        after_epoch(epoch + 1, p);
    }
}

fn first_pass(model: &NerModel, doc: &[Sentence]) -> Vec<Vec<TokenEntity>> {
    let mut buf = Vec::new();
    doc.iter()
        .map(|s| conll::tags_to_entities(&model.decode(&s.tokens, false, &mut buf)))
        .collect()
}

fn evaluate(model: &NerModel, docs: &[Vec<Sentence>], second: bool) -> SpanScore {
    let mut score = SpanScore::default();
    let mut buf = Vec::new();
    for d in docs {
        for s in d {
            let tags = model.decode(&s.tokens, second, &mut buf);
            score.add(
                &conll::tags_to_entities(&s.gold),
                &conll::tags_to_entities(&tags),
            );
        }
    }
    score
}

/// Trains a model on `train`, selects the best epoch on `dev`, writes it to `out`.
///
/// Two passes: a first-pass tagger; then, from first-pass output of k-fold jackknifed
/// models on the training data (the full first-pass model on dev), document priors for
/// every word, and a second-pass tagger with prior features. Both live in one table.
pub fn train_ner(
    train: &Path,
    dev: &Path,
    out: &Path,
    opts: &TrainOptions,
) -> Result<TrainReport, EntityError> {
    let train_docs = read_conll(train)?;
    let dev_docs = read_conll(dev)?;
    let gaz = if opts.use_gazetteer {
        Some(Gazetteer::embedded()?)
    } else {
        None
    };
    let mut clusters = match &opts.clusters {
        Some(p) => read_clusters(p)?,
        None => Clusters::default(),
    };
    if let Some(p) = &opts.names {
        clusters.add_names(read_names(p)?);
    }
    if let Some(p) = &opts.orgs {
        clusters.add_names(read_org_names(p)?);
    }
    if let Some(p) = &opts.phrases {
        let text = std::fs::read_to_string(p).map_err(|e| {
            EntityError::new(
                EntityErrorKind::Io,
                format!("cannot read name phrases {}: {e}", p.display()),
            )
        })?;
        clusters.phrases = PhraseLexicon::from_tsv(&text);
    }
    let mut train_set = prepare(&train_docs, gaz, &clusters);
    let mut dev_set = prepare(&dev_docs, gaz, &clusters);
    let train_sentences = train_set.iter().map(Vec::len).sum();
    let train_tokens = train_set.iter().flatten().map(|s| s.tokens.len()).sum();
    let epochs = opts.epochs.max(1);

    // First pass.
    let mut per_epoch = Vec::new();
    let mut best1: Option<(f64, usize, Rows)> = None;
    let mut p1 = Perceptron::new();
    run_epochs(
        &mut p1,
        &train_set,
        |_| true,
        epochs,
        opts.seed,
        false,
        |epoch, p| {
            let rows = p.averaged();
            let model = NerModel::from_float_rows(rows.clone(), clusters.clone());
            let f1 = evaluate(&model, &dev_set, false).f1();
            eprintln!("pass 1 epoch {epoch}: dev F1 {f1:.4}");
            per_epoch.push(f1);
            if best1.as_ref().is_none_or(|b| f1 > b.0) {
                best1 = Some((f1, epoch, rows));
            }
        },
    );
    let Some((_, best_epoch1, rows1)) = best1 else {
        return Err(EntityError::new(
            EntityErrorKind::BadData,
            "no epoch was trained",
        ));
    };
    // Ensemble: more first-pass models with other shuffles, averaged with the first.
    let mut members = vec![rows1];
    for k in 1..opts.ensemble.max(1) {
        let mut pk = Perceptron::new();
        run_epochs(
            &mut pk,
            &train_set,
            |_| true,
            best_epoch1,
            opts.seed.wrapping_add(k as u64 * 0x9E37),
            false,
            |_, _| {},
        );
        members.push(pk.averaged());
    }
    let rows1 = average_rows(&members);
    drop(members);
    if opts.ensemble > 1 {
        let model = NerModel::from_float_rows(rows1.clone(), clusters.clone());
        eprintln!(
            "pass 1 ensemble of {}: dev F1 {:.4}",
            opts.ensemble,
            evaluate(&model, &dev_set, false).f1()
        );
    }
    let model1 = NerModel::from_float_rows(rows1.clone(), clusters.clone());

    // Jackknifed first-pass output on the training data.
    let folds = opts.folds.max(2);
    let mut buf = Vec::new();
    let mut train_first: Vec<Vec<Vec<TokenEntity>>> = vec![Vec::new(); train_set.len()];
    for fold in 0..folds {
        let mut pf = Perceptron::new();
        run_epochs(
            &mut pf,
            &train_set,
            |d| d % folds != fold,
            best_epoch1,
            opts.seed ^ fold as u64,
            false,
            |_, _| {},
        );
        let mf = NerModel::from_float_rows(pf.averaged(), clusters.clone());
        for (d, doc) in train_set
            .iter()
            .enumerate()
            .filter(|(d, _)| d % folds == fold)
        {
            train_first[d] = first_pass(&mf, doc);
        }
        eprintln!("fold {} of {folds} done", fold + 1);
    }
    for (doc, first) in train_set.iter_mut().zip(&train_first) {
        restage(doc, first, &mut buf);
    }
    for doc in dev_set.iter_mut() {
        let first = first_pass(&model1, doc);
        restage(doc, &first, &mut buf);
    }

    // Second pass.
    let mut best: Option<(f64, usize, NerModel, SpanScore)> = None;
    let mut best_rows2: Rows = Vec::new();
    let mut p2 = Perceptron::new();
    run_epochs(
        &mut p2,
        &train_set,
        |_| true,
        epochs,
        opts.seed ^ 0x22,
        true,
        |epoch, p| {
            let mut rows = rows1.clone();
            let own = p.averaged();
            rows.extend(own.iter().cloned());
            let model = NerModel::from_float_rows(rows, clusters.clone());
            let score = evaluate(&model, &dev_set, true);
            let f1 = score.f1();
            eprintln!(
                "pass 2 epoch {epoch}: dev F1 {f1:.4} ({} rows)",
                model.row_count()
            );
            per_epoch.push(f1);
            if best.as_ref().is_none_or(|b| f1 > b.0) {
                best = Some((f1, epoch, model, score));
                best_rows2 = own;
            }
        },
    );
    let Some((_, best_epoch, mut model, mut dev_score)) = best else {
        return Err(EntityError::new(
            EntityErrorKind::BadData,
            "no epoch was trained",
        ));
    };
    if opts.ensemble > 1 {
        let mut members = vec![best_rows2];
        for k in 1..opts.ensemble {
            let mut pk = Perceptron::new();
            run_epochs(
                &mut pk,
                &train_set,
                |_| true,
                best_epoch,
                (opts.seed ^ 0x22).wrapping_add(k as u64 * 0x9E37),
                true,
                |_, _| {},
            );
            members.push(pk.averaged());
        }
        let mut rows = rows1.clone();
        rows.extend(average_rows(&members));
        model = NerModel::from_float_rows(rows, clusters.clone());
        dev_score = evaluate(&model, &dev_set, true);
        eprintln!(
            "pass 2 ensemble of {}: dev F1 {:.4}",
            opts.ensemble,
            dev_score.f1()
        );
    }
    // Optional pruning of near-zero rows (smaller, faster model).
    if opts.prune_below > 0 {
        for t in [
            opts.prune_below / 4,
            opts.prune_below / 2,
            opts.prune_below * 2,
            opts.prune_below * 4,
        ] {
            let m = model.pruned(t);
            eprintln!(
                "(pruning below {t} would keep {} rows, dev F1 {:.4})",
                m.row_count(),
                evaluate(&m, &dev_set, true).f1()
            );
        }
    }
    let (model, dev_score) = if opts.prune_below > 0 {
        let pruned = model.pruned(opts.prune_below);
        let score = evaluate(&pruned, &dev_set, true);
        eprintln!(
            "pruned below {}: {} rows, dev F1 {:.4}",
            opts.prune_below,
            pruned.row_count(),
            score.f1()
        );
        (pruned, score)
    } else {
        (model, dev_score)
    };
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot write model {}: {e}", out.display()),
        )
    })?;
    Ok(TrainReport {
        train_sentences,
        train_tokens,
        dev_f1_per_epoch: per_epoch,
        best_epoch1,
        best_epoch,
        dev: dev_score,
        rows: model.row_count(),
        model_bytes: bytes.len(),
        cluster_words: model.clusters.len(),
    })
}
