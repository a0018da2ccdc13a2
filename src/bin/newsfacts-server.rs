//! `newsfacts-server`: serves `newsfacts.v1.FactExtractor`, health and reflection over gRPC.
//! Flags and environment only; the service lives in `newsfacts::service`.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use newsfacts::service::{router, Limits};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tracing::{error, info};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Serve the newsfacts gRPC API.
#[derive(Debug, Parser)]
#[command(name = "newsfacts-server", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port; the bound address is printed).
    #[arg(long, env = "NEWSFACTS_ADDR", default_value = "127.0.0.1:50051")]
    addr: SocketAddr,
    /// Largest article body accepted, in bytes.
    #[arg(long, env = "NEWSFACTS_MAX_ARTICLE_BYTES", default_value_t = Limits::default().max_article_bytes)]
    max_article_bytes: usize,
    /// Largest gRPC message accepted or sent, in bytes.
    #[arg(long, env = "NEWSFACTS_MAX_MESSAGE_BYTES", default_value_t = Limits::default().max_message_bytes)]
    max_message_bytes: usize,
    /// Largest number of extractions running at once (further calls wait).
    #[arg(long, env = "NEWSFACTS_MAX_IN_FLIGHT", default_value_t = Limits::default().max_in_flight)]
    max_in_flight: usize,
    /// Longest one article may take (waiting for a slot included), in milliseconds; a
    /// client's shorter deadline wins. Each article of a stream gets the full limit.
    #[arg(long, env = "NEWSFACTS_REQUEST_TIMEOUT_MS", default_value_t = Limits::default().request_timeout.as_millis() as u64)]
    request_timeout_ms: u64,
    /// Log format.
    #[arg(long, env = "NEWSFACTS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    info!("shutdown signal received: draining in-flight calls");
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match args.log_format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
    if args.max_article_bytes == 0
        || args.max_in_flight == 0
        || args.max_message_bytes == 0
        || args.request_timeout_ms == 0
    {
        eprintln!("error: --max-article-bytes, --max-message-bytes, --max-in-flight and --request-timeout-ms must be at least 1");
        return ExitCode::from(2);
    }
    let limits = Limits {
        max_article_bytes: args.max_article_bytes,
        max_message_bytes: args.max_message_bytes,
        max_in_flight: args.max_in_flight,
        request_timeout: std::time::Duration::from_millis(args.request_timeout_ms),
        ..Limits::default()
    };
    let started = std::time::Instant::now();
    let entities = newsfacts::pipeline::warm_up();
    info!(
        micros = started.elapsed().as_micros() as u64,
        entities, "models loaded"
    );
    let listener = match TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.addr);
            return ExitCode::from(1);
        }
    };
    let local = listener
        .local_addr()
        .map_or_else(|_| args.addr.to_string(), |a| a.to_string());
    let routes = match router(limits).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot build the service: {e}");
            return ExitCode::from(1);
        }
    };
    // The first stdout line is machine-readable: tests and scripts read the bound address.
    println!("newsfacts-server listening on {local}");
    info!(addr = %local, ?limits, "serving newsfacts.v1.FactExtractor, grpc.health.v1.Health, reflection v1/v1alpha");
    // Small responses must not wait for a delayed ACK (Nagle): set TCP_NODELAY per connection.
    let incoming = tokio_stream::StreamExt::map(TcpListenerStream::new(listener), |conn| {
        conn.inspect(|stream| {
            let _ = stream.set_nodelay(true);
        })
    });
    let result = tonic::transport::Server::builder()
        .add_routes(routes)
        .serve_with_incoming_shutdown(incoming, shutdown_signal())
        .await;
    match result {
        Ok(()) => {
            info!("stopped cleanly");
            ExitCode::SUCCESS
        }
        Err(e) => {
            error!(error = %e, "server failed");
            ExitCode::from(1)
        }
    }
}
