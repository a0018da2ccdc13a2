//! `newsfacts`: the command-line client. It parses flags, talks to a server, and prints;
//! evaluation and training subcommands hand plain values to the library.
//!
//! Exit codes: 0 success, 2 usage error, 3 server or connection error, 4 some articles
//! failed (stream/bench), 5 local failure (unreadable file, evaluation data missing).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use newsfacts::service::pb;
use newsfacts::service::pb::fact_extractor_client::FactExtractorClient;
use prost::Message;
use tonic::codec::CompressionEncoding;
use tonic::transport::Channel;

/// Prints a line to standard output. A reader that closes the pipe early
/// (`newsfacts eval places | head`) ends the output quietly instead of with a panic; any
/// other write error is reported on standard error.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: cannot write to standard output: {e}");
            }
        }
    }};
}

const EXIT_SERVER: u8 = 3;
const EXIT_ITEMS: u8 = 4;
const EXIT_LOCAL: u8 = 5;

/// Client for the newsfacts gRPC service.
#[derive(Debug, Parser)]
#[command(name = "newsfacts", version)]
struct Cli {
    /// Server address.
    #[arg(
        long,
        global = true,
        env = "NEWSFACTS_ADDR",
        default_value = "http://127.0.0.1:50051"
    )]
    addr: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Offsets {
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units.
    Utf16,
    /// Unicode code points.
    Codepoints,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Protobuf canonical JSON.
    Json,
    /// A readable summary.
    Summary,
}

#[derive(Debug, clap::Args)]
struct ArticleArgs {
    /// Publication time, RFC 3339 ("2024-05-16T08:00:00+08:00") or a date ("2024-05-16").
    #[arg(long)]
    published: Option<String>,
    /// IANA time zone of the article ("Asia/Shanghai").
    #[arg(long)]
    tz: Option<String>,
    /// The outlet that published the article.
    #[arg(long)]
    source: Option<String>,
    /// Headline.
    #[arg(long)]
    title: Option<String>,
    /// URL.
    #[arg(long)]
    url: Option<String>,
    /// Send the file as raw bytes in this charset ("gbk", "windows-1252"; "auto" to let the
    /// server sniff) instead of as UTF-8 text.
    #[arg(long)]
    charset: Option<String>,
    /// The body is HTML.
    #[arg(long)]
    html: bool,
    /// Offset unit of the response.
    #[arg(long, value_enum, default_value_t = Offsets::Utf8)]
    offsets: Offsets,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract from one article (a file, or - for standard input) and print the response.
    Extract {
        /// The article file, or - for standard input.
        file: String,
        /// Article id (defaults to the file name).
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        article: ArticleArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Push many articles through ExtractStream and print one JSON object per line.
    Stream {
        /// Files, or directories whose files are all sent (sorted by name).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        article: ArticleArgs,
    },
    /// Check the server's health service.
    Health,
    /// Print the server's Describe response.
    Describe,
    /// Score a stage against the gold corpora in ../shared/data (no server needed).
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
        /// The data folder (holds gum-news/, tempeval3/, meantime/, conll2003/, polnear/).
        #[arg(long, global = true, default_value = "../shared/data")]
        data: PathBuf,
    },
    /// Rebuild a committed artifact from ../shared/data (no server needed).
    Train {
        #[command(subcommand)]
        what: TrainWhat,
        /// The data folder.
        #[arg(long, global = true, default_value = "../shared/data")]
        data: PathBuf,
    },
    /// A bounded load generator: prints throughput and latency percentiles.
    Bench {
        /// Files or directories of articles to send (cycled).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Concurrent calls.
        #[arg(long, default_value_t = 1)]
        concurrency: usize,
        /// Total calls (ignored when --duration is set).
        #[arg(long, default_value_t = 200)]
        count: usize,
        /// Run for this many seconds instead of a fixed count.
        #[arg(long)]
        duration: Option<f64>,
    },
}

#[derive(Debug, Subcommand)]
enum EvalWhat {
    /// Sentence boundaries against GUM news: precision/recall/F1.
    Sentences,
    /// Time expressions (TempEval-3 measures on TBAQ and MEANTIME) and MEANTIME values.
    Values {
        /// How many of the worst misses to list.
        #[arg(long, default_value_t = 15)]
        worst: usize,
        /// Instead of the scores, print every wrong, missed and spurious TBAQ time expression
        /// with its file, DCT and sentence.
        #[arg(long)]
        details: bool,
    },
    /// Entities: CoNLL-2003 eng.testa (conlleval), MEANTIME and GUM news.
    Entities {
        /// A tagger model file to score instead of the embedded one (e.g. a fresh
        /// `train ner --out` result).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Instead of the scores, print every eng.testa sentence with a missed or
        /// spurious entity.
        #[arg(long)]
        details: bool,
    },
    /// Place resolution against the Wikipedia links of GUM news.
    Places,
    /// Attributions against PolNeAR dev: source/cue/content P/R/F1, exact and overlap.
    Quotes {
        /// Which PolNeAR split.
        #[arg(long, default_value = "dev")]
        split: String,
        /// How many example errors to print.
        #[arg(long, default_value_t = 0)]
        examples: usize,
    },
}

#[derive(Debug, Subcommand)]
enum TrainWhat {
    /// The gazetteer (data/gazetteer.bin) from gazetteers/. Build it before the model.
    Gazetteer {
        #[arg(long, default_value = "data/gazetteer.bin")]
        out: PathBuf,
    },
    /// Word clusters (data/word-clusters.tsv) from CoNLL train + PolNeAR train texts.
    Clusters {
        #[arg(long, default_value = "data/word-clusters.tsv")]
        out: PathBuf,
    },
    /// The NER tagger (data/ner-model.bin). Retrain on your own CoNLL-format data with
    /// --train and --dev.
    Ner {
        /// Training file in CoNLL format (default: conll2003/eng.train under --data).
        #[arg(long)]
        train: Option<PathBuf>,
        /// Development file in CoNLL format (default: conll2003/eng.testa under --data).
        #[arg(long)]
        dev: Option<PathBuf>,
        #[arg(long, default_value = "data/ner-model.bin")]
        out: PathBuf,
        /// Passes over the training data (the best on dev is kept).
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Word clusters file ("none" to train without).
        #[arg(long, default_value = "data/word-clusters.tsv")]
        clusters: String,
        /// Models averaged per pass.
        #[arg(long, default_value_t = 10)]
        ensemble: usize,
        /// Person-name lexicon ("none" to train without).
        #[arg(long, default_value = "data/person-names.tsv")]
        names: String,
        /// Company-name word list ("none" to train without).
        #[arg(long, default_value = "data/org-names.tsv")]
        orgs: String,
        /// Typed proper-name phrases, from WordNet ("none" to train without).
        #[arg(long, default_value = "data/wordnet-names.tsv")]
        phrases: String,
        /// Drop feature rows whose largest quantised weight is below this.
        #[arg(long, default_value_t = 25)]
        prune: i16,
        /// Seed of the training-document shuffles (another seed gives another model of
        /// the same design: a way to see how much a score moves by chance alone).
        #[arg(long, default_value_t = 0x5eed)]
        seed: u64,
    },
}

fn eval(what: EvalWhat, data: &Path) -> Result<ExitCode, Failure> {
    let report = match what {
        EvalWhat::Sentences => newsfacts::text::eval_gum_sentences(&data.join("gum-news"))
            .map(|r| r.to_string())
            .map_err(|e| e.to_string()),
        EvalWhat::Values { details: true, .. } => {
            let tbaq = data.join("tempeval3").join("TBAQ-cleaned");
            ["TimeBank", "AQUAINT"]
                .iter()
                .map(|corpus| newsfacts::values::eval::timeml_details(&tbaq.join(corpus)))
                .collect::<Result<Vec<_>, _>>()
                .map(|lines| lines.concat().join("\n"))
                .map_err(|e| e.to_string())
        }
        EvalWhat::Values { worst, .. } => newsfacts::values::eval::run_eval(data, worst)
            .map(|r| r.to_string())
            .map_err(|e| e.to_string()),
        EvalWhat::Entities { model, details } => eval_entities(model.as_deref(), details, data),
        EvalWhat::Places => newsfacts::entities::eval_places::run_eval(data)
            .map(|r| r.to_string())
            .map_err(|e| e.to_string()),
        EvalWhat::Quotes { split, examples } => {
            newsfacts::facts::polnear_eval::run_eval(&data.join("polnear").join(split), examples)
                .map(|r| r.to_string())
                .map_err(|e| e.to_string())
        }
    };
    let report = report.map_err(|e| local(format!("evaluation failed: {e}")))?;
    out!("{report}");
    Ok(ExitCode::SUCCESS)
}

/// `eval entities`: the scores (or the CoNLL error list) of the embedded or a given model.
fn eval_entities(model: Option<&Path>, details: bool, data: &Path) -> Result<String, String> {
    use newsfacts::entities::{eval, gazetteer::Gazetteer, tagger::NerModel};
    let loaded;
    let model = match model {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            loaded = NerModel::from_bytes(&bytes).map_err(|e| e.to_string())?;
            &loaded
        }
        None => NerModel::embedded().map_err(|e| e.to_string())?,
    };
    let gaz = Gazetteer::embedded().map_err(|e| e.to_string())?;
    if details {
        let docs = newsfacts::entities::train::read_conll(&data.join("conll2003/eng.testa"))
            .map_err(|e| e.to_string())?;
        return Ok(eval::conll_details(model, Some(gaz), &docs).join("\n"));
    }
    eval::run_eval_with(model, gaz, data)
        .map(|r| r.to_string())
        .map_err(|e| e.to_string())
}

fn train(what: TrainWhat, data: &Path) -> Result<ExitCode, Failure> {
    use newsfacts::entities;
    let fail = |e: entities::EntityError| local(format!("training failed: {e}"));
    match what {
        TrainWhat::Gazetteer { out } => {
            let (a, b, c) =
                entities::gazetteer::build_gazetteer_file(&data.join("gazetteers"), &out)
                    .map_err(fail)?;
            out!("{}: {a} / {b} / {c} entries written", out.display());
        }
        TrainWhat::Clusters { out } => {
            let dirs = vec![data.join("polnear/train/text")];
            let r = entities::wordclusters::build_word_clusters(
                &dirs,
                &data.join("conll2003/eng.train"),
                &out,
            )
            .map_err(fail)?;
            out!(
                "{}: {} words clustered from {} tokens",
                out.display(),
                r.words,
                r.tokens
            );
        }
        TrainWhat::Ner {
            train,
            dev,
            out,
            epochs,
            clusters,
            ensemble,
            prune,
            names,
            orgs,
            phrases,
            seed,
        } => {
            let opts = entities::train::TrainOptions {
                epochs,
                clusters: (clusters != "none").then(|| PathBuf::from(clusters)),
                ensemble: ensemble.max(1),
                prune_below: prune,
                names: (names != "none").then(|| PathBuf::from(names)),
                orgs: (orgs != "none").then(|| PathBuf::from(orgs)),
                phrases: (phrases != "none").then(|| PathBuf::from(phrases)),
                seed,
                ..entities::train::TrainOptions::default()
            };
            let train = train.unwrap_or_else(|| data.join("conll2003/eng.train"));
            let dev = dev.unwrap_or_else(|| data.join("conll2003/eng.testa"));
            let r = entities::train::train_ner(&train, &dev, &out, &opts).map_err(fail)?;
            out!("{r}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Evaluation and training are local: no runtime, no server.
    let cli = match cli.command {
        Command::Eval { what, data } => return report_exit(eval(what, &data)),
        Command::Train { what, data } => return report_exit(train(what, &data)),
        command => Cli { command, ..cli },
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(EXIT_LOCAL);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(Failure { code, message }) => {
            eprintln!("error: {message}");
            ExitCode::from(code)
        }
    }
}

fn report_exit(r: Result<ExitCode, Failure>) -> ExitCode {
    match r {
        Ok(code) => code,
        Err(Failure { code, message }) => {
            eprintln!("error: {message}");
            ExitCode::from(code)
        }
    }
}

struct Failure {
    code: u8,
    message: String,
}

fn local(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_LOCAL,
        message: message.into(),
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

fn server(status: tonic::Status) -> Failure {
    let mut message = format!("server answered {:?}: {}", status.code(), status.message());
    use tonic_types::StatusExt;
    if let Some(bad) = status.get_details_bad_request() {
        for v in bad.field_violations {
            message.push_str(&format!("\n  field {}: {}", v.field, v.description));
        }
    }
    Failure {
        code: EXIT_SERVER,
        message,
    }
}

/// A connected channel to `addr` ("host:port" or a URL).
async fn channel(addr: &str) -> Result<Channel, Failure> {
    let addr = if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    };
    Channel::from_shared(addr.clone())
        .map_err(|e| usage(format!("bad --addr {addr:?}: {e}")))?
        .connect()
        .await
        .map_err(|e| Failure {
            code: EXIT_SERVER,
            message: format!("cannot connect to {addr}: {e}"),
        })
}

async fn connect(addr: &str) -> Result<FactExtractorClient<Channel>, Failure> {
    let channel = channel(addr).await?;
    Ok(FactExtractorClient::new(channel)
        .send_compressed(CompressionEncoding::Gzip)
        .accept_compressed(CompressionEncoding::Gzip)
        .max_decoding_message_size(64 * 1024 * 1024)
        .max_encoding_message_size(64 * 1024 * 1024))
}

fn read_input(file: &str) -> Result<Vec<u8>, Failure> {
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| local(format!("cannot read standard input: {e}")))?;
        Ok(buf)
    } else {
        std::fs::read(file).map_err(|e| local(format!("cannot read {file}: {e}")))
    }
}

fn parse_published(s: &str) -> Result<prost_types::Timestamp, Failure> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(prost_types::Timestamp {
            seconds: t.timestamp(),
            nanos: t.timestamp_subsec_nanos() as i32,
        });
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let t = d
            .and_hms_opt(12, 0, 0)
            .map(|t| t.and_utc().timestamp())
            .unwrap_or(0);
        return Ok(prost_types::Timestamp {
            seconds: t,
            nanos: 0,
        });
    }
    Err(usage(format!(
        "--published {s:?} is neither RFC 3339 nor YYYY-MM-DD"
    )))
}

fn build_request(
    id: String,
    bytes: Vec<u8>,
    a: &ArticleArgs,
) -> Result<pb::ExtractRequest, Failure> {
    let body = match &a.charset {
        Some(_) => pb::article::Body::Raw(bytes),
        None => pb::article::Body::Text(String::from_utf8(bytes).map_err(|e| {
            local(format!(
                "{id} is not UTF-8 ({e}); pass --charset LABEL or --charset auto"
            ))
        })?),
    };
    let published_at = a.published.as_deref().map(parse_published).transpose()?;
    // With --published as a bare date and a --tz, read noon of that local date.
    Ok(pb::ExtractRequest {
        article: Some(pb::Article {
            id,
            body: Some(body),
            charset: a
                .charset
                .clone()
                .filter(|c| c != "auto")
                .unwrap_or_default(),
            content_type: if a.html {
                pb::ContentType::Html
            } else {
                pb::ContentType::PlainText
            } as i32,
            title: a.title.clone().unwrap_or_default(),
            url: a.url.clone().unwrap_or_default(),
            outlet: a.source.clone().unwrap_or_default(),
            published_at,
            time_zone: a.tz.clone().unwrap_or_default(),
        }),
        options: Some(pb::ExtractOptions {
            offset_unit: match a.offsets {
                Offsets::Utf8 => pb::OffsetUnit::Utf8Bytes,
                Offsets::Utf16 => pb::OffsetUnit::Utf16CodeUnits,
                Offsets::Codepoints => pb::OffsetUnit::CodePoints,
            } as i32,
            include: vec![],
        }),
    })
}

/// Protobuf canonical JSON of a message, through the descriptor set.
fn to_json<M: Message>(msg: &M, full_name: &str) -> Result<String, Failure> {
    let pool = prost_reflect::DescriptorPool::decode(pb::FILE_DESCRIPTOR_SET)
        .map_err(|e| local(format!("bad embedded descriptor set: {e}")))?;
    let desc = pool.get_message_by_name(full_name).ok_or_else(|| {
        local(format!(
            "message {full_name} missing from the descriptor set"
        ))
    })?;
    let dynamic = prost_reflect::DynamicMessage::decode(desc, msg.encode_to_vec().as_slice())
        .map_err(|e| local(format!("cannot re-decode {full_name}: {e}")))?;
    serde_json::to_string(&dynamic).map_err(|e| local(format!("cannot print JSON: {e}")))
}

fn file_id(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn collect_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| local(format!("cannot list {}: {e}", input.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(input.clone());
        }
    }
    if files.is_empty() {
        return Err(usage("no input files"));
    }
    Ok(files)
}

async fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Extract {
            file,
            id,
            article,
            format,
        } => {
            let bytes = read_input(&file)?;
            let id = id.unwrap_or_else(|| {
                if file == "-" {
                    "stdin".into()
                } else {
                    file_id(Path::new(&file))
                }
            });
            let request = build_request(id, bytes, &article)?;
            let mut client = connect(&cli.addr).await?;
            let response = client.extract(request).await.map_err(server)?.into_inner();
            let out = match format {
                Format::Json => to_json(&response, "newsfacts.v1.ExtractResponse")?,
                Format::Summary => summary(&response),
            };
            out!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Stream { inputs, article } => {
            let files = collect_files(&inputs)?;
            let total = files.len();
            let mut requests = Vec::with_capacity(total);
            for f in &files {
                let bytes = std::fs::read(f)
                    .map_err(|e| local(format!("cannot read {}: {e}", f.display())))?;
                let r = build_request(file_id(f), bytes, &article)?;
                requests.push(pb::ExtractStreamRequest {
                    article: r.article,
                    options: r.options,
                });
            }
            let mut client = connect(&cli.addr).await?;
            let mut responses = client
                .extract_stream(tokio_stream::iter(requests))
                .await
                .map_err(server)?
                .into_inner();
            let (mut done, mut failed) = (0usize, 0usize);
            let stdout = std::io::stdout();
            let started = Instant::now();
            while let Some(item) = responses.message().await.map_err(server)? {
                if matches!(
                    item.result,
                    Some(pb::extract_stream_response::Result::Error(_))
                ) {
                    failed += 1;
                }
                done += 1;
                let line = to_json(&item, "newsfacts.v1.ExtractStreamResponse")?;
                let mut lock = stdout.lock();
                writeln!(lock, "{line}").map_err(|e| local(format!("cannot write: {e}")))?;
                if done % 50 == 0 || done == total {
                    eprintln!(
                        "{done}/{total} articles, {failed} failed, {:.1}s",
                        started.elapsed().as_secs_f64()
                    );
                }
            }
            Ok(if failed > 0 {
                ExitCode::from(EXIT_ITEMS)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Health => {
            let mut health =
                tonic_health::pb::health_client::HealthClient::new(channel(&cli.addr).await?);
            let r = health
                .check(tonic_health::pb::HealthCheckRequest {
                    service: String::new(),
                })
                .await
                .map_err(server)?
                .into_inner();
            let status = tonic_health::pb::health_check_response::ServingStatus::try_from(r.status)
                .map_or("UNKNOWN".to_string(), |s| s.as_str_name().to_string());
            out!("{status}");
            Ok(if status == "SERVING" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_SERVER)
            })
        }
        Command::Describe => {
            let mut client = connect(&cli.addr).await?;
            let r = client
                .describe(pb::DescribeRequest {})
                .await
                .map_err(server)?
                .into_inner();
            out!("{}", to_json(&r, "newsfacts.v1.DescribeResponse")?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            inputs,
            concurrency,
            count,
            duration,
        } => bench(&cli.addr, &inputs, concurrency.max(1), count, duration).await,
        Command::Eval { what, data } => eval(what, &data),
        Command::Train { what, data } => train(what, &data),
    }
}

async fn bench(
    addr: &str,
    inputs: &[PathBuf],
    concurrency: usize,
    count: usize,
    duration: Option<f64>,
) -> Result<ExitCode, Failure> {
    let files = collect_files(inputs)?;
    let mut texts = Vec::new();
    for f in &files {
        let bytes =
            std::fs::read(f).map_err(|e| local(format!("cannot read {}: {e}", f.display())))?;
        texts.push((file_id(f), String::from_utf8_lossy(&bytes).into_owned()));
    }
    let texts = std::sync::Arc::new(texts);
    let client = connect(addr).await?;
    let deadline = duration.map(|d| Instant::now() + Duration::from_secs_f64(d.max(0.1)));
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let mut client = client.clone();
        let texts = texts.clone();
        let next = next.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let (mut bytes, mut errors) = (0usize, 0usize);
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                match deadline {
                    Some(d) if Instant::now() >= d => break,
                    None if i >= count => break,
                    _ => {}
                }
                let (id, text) = &texts[i % texts.len()];
                let request = pb::ExtractRequest {
                    article: Some(pb::Article {
                        id: id.clone(),
                        body: Some(pb::article::Body::Text(text.clone())),
                        ..Default::default()
                    }),
                    options: None,
                };
                let t = Instant::now();
                match client.extract(request).await {
                    Ok(_) => {
                        latencies.push(t.elapsed());
                        bytes += text.len();
                    }
                    Err(_) => errors += 1,
                }
            }
            (latencies, bytes, errors)
        }));
    }
    let mut latencies = Vec::new();
    let (mut bytes, mut errors) = (0usize, 0usize);
    for t in tasks {
        if let Ok((l, b, e)) = t.await {
            latencies.extend(l);
            bytes += b;
            errors += e;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let idx = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[idx.min(latencies.len() - 1)].as_secs_f64() * 1000.0
    };
    out!(
        "calls={} errors={} concurrency={} elapsed={:.2}s throughput={:.1} articles/s {:.2} MB/s latency_ms p50={:.2} p90={:.2} p99={:.2} max={:.2}",
        latencies.len(),
        errors,
        concurrency,
        elapsed,
        latencies.len() as f64 / elapsed,
        bytes as f64 / elapsed / 1e6,
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0)
    );
    Ok(if errors > 0 {
        ExitCode::from(EXIT_ITEMS)
    } else {
        ExitCode::SUCCESS
    })
}

fn span_text(s: &Option<pb::Span>) -> String {
    s.as_ref().map_or_else(String::new, |s| {
        format!("{:?}@{}..{}", s.text, s.start, s.end)
    })
}

/// A readable rendering of a response.
fn summary(r: &pb::ExtractResponse) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "article {}  ({})\n",
        r.article_id, r.extractor_version
    ));
    if let Some(m) = &r.metadata {
        if let Some(o) = &m.outlet {
            out.push_str(&format!("outlet: {}\n", o.value));
        }
        if let Some(d) = &m.dateline {
            out.push_str(&format!("dateline: {}\n", span_text(&d.span)));
        }
        for a in &m.authors {
            out.push_str(&format!("author: {}\n", a.value));
        }
        for e in &m.editors {
            out.push_str(&format!("editor: {}\n", e.value));
        }
        if let Some(rt) = &m.reference_time {
            out.push_str(&format!(
                "reference: {} ({})\n",
                rt.value,
                pb::ReferenceSource::try_from(rt.source).map_or("?", |s| s.as_str_name())
            ));
        }
    }
    out.push_str(&format!("sentences: {}\n", r.sentences.len()));
    for (i, s) in r.sentences.iter().enumerate() {
        out.push_str(&format!(
            "  [{}] {}\n",
            i + 1,
            s.span.as_ref().map_or("", |s| s.text.as_str())
        ));
    }
    if !r.entities.is_empty() {
        out.push_str("entities:\n");
        for e in &r.entities {
            out.push_str(&format!(
                "  #{} {} {:?} salience={:.2} mentions={}\n",
                e.id,
                pb::EntityType::try_from(e.r#type).map_or("?", |t| t.as_str_name()),
                e.canonical_name,
                e.salience,
                e.mentions.len()
            ));
        }
    }
    if !r.values.is_empty() {
        out.push_str("values:\n");
        for v in &r.values {
            let shown = match &v.value {
                Some(pb::value::Value::Time(t)) => format!("time {}", t.value),
                Some(pb::value::Value::Money(m)) => format!("money {} {}", m.amount, m.currency),
                Some(pb::value::Value::Percent(p)) => format!("percent {}", p.value),
                Some(pb::value::Value::Number(n)) => format!("number {}", n.value),
                Some(pb::value::Value::Quantity(q)) => format!("quantity {} {}", q.value, q.unit),
                None => String::new(),
            };
            out.push_str(&format!(
                "  #{} {} <- {}\n",
                v.id,
                shown,
                span_text(&v.span)
            ));
        }
    }
    for q in &r.quotes {
        out.push_str(&format!(
            "quote: {} {} {}\n",
            span_text(&q.speaker),
            span_text(&q.cue),
            span_text(&q.content)
        ));
    }
    for f in &r.facts {
        let args: Vec<String> = f
            .arguments
            .iter()
            .map(|a| format!("{}={}", a.role, a.display))
            .collect();
        out.push_str(&format!(
            "fact: {} {} ({})\n",
            pb::FactKind::try_from(f.kind).map_or("?", |k| k.as_str_name()),
            args.join(" "),
            f.rule
        ));
    }
    for w in &r.warnings {
        out.push_str(&format!("warning: {} {}\n", w.message, span_text(&w.span)));
    }
    out
}
