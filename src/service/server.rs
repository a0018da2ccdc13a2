//! The tonic implementation of `newsfacts.v1.FactExtractor`, plus the router that adds
//! health and reflection. Handlers convert the request, run the core on the blocking pool
//! under a concurrency limit, and convert the result.

use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use futures::{Stream, StreamExt};
use tokio::sync::Semaphore;
use tonic::codec::CompressionEncoding;
use tonic::{Request, Response, Status, Streaming};
use tracing::{info, info_span, warn, Instrument};

use super::convert::{prepare, to_response, Prepared};
use super::error::RequestError;
use super::limits::Limits;
use super::pb;
use super::pb::fact_extractor_server::{FactExtractor, FactExtractorServer};
use crate::pipeline;

/// The service: the limits and the pool that bounds concurrent extractions.
#[derive(Clone, Debug)]
pub struct ExtractorService {
    limits: Limits,
    permits: Arc<Semaphore>,
}

impl ExtractorService {
    /// A service enforcing `limits`.
    pub fn new(limits: Limits) -> Self {
        let permits = Arc::new(Semaphore::new(limits.max_in_flight.max(1)));
        ExtractorService { limits, permits }
    }

    /// Validates, extracts and converts one article, off the async executor, within the
    /// per-article time limit (waiting for a slot included). A stream's articles each get
    /// the limit, so a long stream is never cut by it.
    async fn run(
        &self,
        article: Option<pb::Article>,
        options: Option<pb::ExtractOptions>,
    ) -> Result<pb::ExtractResponse, RequestError> {
        let prepared = prepare(article, options, &self.limits)?;
        let limit = self.limits.request_timeout;
        tokio::time::timeout(limit, self.run_prepared(prepared))
            .await
            .map_err(|_| RequestError::timed_out(limit))?
    }

    /// Waits for a slot, then extracts on the blocking pool. An abandoned extraction runs to
    /// its end and keeps its slot until then, so the limit on work in flight holds.
    async fn run_prepared(&self, prepared: Prepared) -> Result<pb::ExtractResponse, RequestError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| RequestError::internal("the server is shutting down"))?;
        let started = Instant::now();
        let bytes = prepared.text.len();
        let id = prepared.id.clone();
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            extract_guarded(&prepared)
        })
        .await
        .map_err(|e| RequestError::internal(format!("extraction task failed: {e}")))?;
        match &result {
            Ok(_) => {
                info!(article_id = %id, bytes, micros = started.elapsed().as_micros() as u64, "extracted")
            }
            Err(e) => warn!(article_id = %id, bytes, error = %e.message(), "extraction failed"),
        }
        result
    }
}

/// Runs the core and converts its output, turning a panic into an `INTERNAL` error for
/// this article only.
fn extract_guarded(prepared: &Prepared) -> Result<pb::ExtractResponse, RequestError> {
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        let doc = pipeline::extract(&prepared.input());
        to_response(prepared, &doc)
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        RequestError::internal(format!(
            "extraction failed inside the server ({what}); please report this article"
        ))
    })
}

type ResponseStream = Pin<Box<dyn Stream<Item = Result<pb::ExtractStreamResponse, Status>> + Send>>;

/// How many articles of one stream are extracted at once (responses keep request order).
const STREAM_PIPELINE_DEPTH: usize = 4;

#[tonic::async_trait]
impl FactExtractor for ExtractorService {
    async fn extract(
        &self,
        request: Request<pb::ExtractRequest>,
    ) -> Result<Response<pb::ExtractResponse>, Status> {
        let pb::ExtractRequest { article, options } = request.into_inner();
        let span =
            info_span!("extract", article_id = %article.as_ref().map_or("", |a| a.id.as_str()));
        let response = self.run(article, options).instrument(span).await?;
        Ok(Response::new(response))
    }

    type ExtractStreamStream = ResponseStream;

    async fn extract_stream(
        &self,
        request: Request<Streaming<pb::ExtractStreamRequest>>,
    ) -> Result<Response<Self::ExtractStreamStream>, Status> {
        let incoming = request.into_inner();
        let service = self.clone();
        let out = incoming
            .enumerate()
            .map(move |(index, item)| {
                let service = service.clone();
                async move {
                    let pb::ExtractStreamRequest { article, options } = item?;
                    let id = match article.as_ref().map(|a| a.id.as_str()) {
                        Some(id) if !id.is_empty() => id.to_string(),
                        _ => format!("#{}", index + 1),
                    };
                    let span = info_span!("extract_stream_item", article_id = %id);
                    let result = match service.run(article, options).instrument(span).await {
                        Ok(mut r) => {
                            r.article_id = id.clone();
                            pb::extract_stream_response::Result::Response(r)
                        }
                        Err(e) => pb::extract_stream_response::Result::Error(e.to_item_error()),
                    };
                    Ok(pb::ExtractStreamResponse {
                        article_id: id,
                        result: Some(result),
                    })
                }
            })
            .buffered(STREAM_PIPELINE_DEPTH);
        Ok(Response::new(Box::pin(out)))
    }

    async fn describe(
        &self,
        _request: Request<pb::DescribeRequest>,
    ) -> Result<Response<pb::DescribeResponse>, Status> {
        let l = &self.limits;
        Ok(Response::new(pb::DescribeResponse {
            extractor_version: pipeline::EXTRACTOR_VERSION.to_string(),
            limits: Some(pb::Limits {
                max_article_bytes: l.max_article_bytes as u64,
                max_message_bytes: l.max_message_bytes as u64,
                max_in_flight: u32::try_from(l.max_in_flight).unwrap_or(u32::MAX),
                request_timeout_millis: u64::try_from(l.request_timeout.as_millis())
                    .unwrap_or(u64::MAX),
            }),
            entity_types: vec![],
            fact_kinds: vec![],
            value_kinds: vec![],
            offset_units: vec![
                pb::OffsetUnit::Utf8Bytes as i32,
                pb::OffsetUnit::Utf16CodeUnits as i32,
                pb::OffsetUnit::CodePoints as i32,
            ],
        }))
    }
}

/// The full router: the extractor (gzip both ways, message size limits), the standard
/// health service, and server reflection v1 and v1alpha (which also describes `google.rpc`
/// error details, so grpcurl prints a BadRequest's field violations).
pub async fn router(
    limits: Limits,
) -> Result<tonic::service::Routes, Box<dyn std::error::Error + Send + Sync>> {
    let extractor = FactExtractorServer::new(ExtractorService::new(limits))
        .accept_compressed(CompressionEncoding::Gzip)
        .send_compressed(CompressionEncoding::Gzip)
        .max_decoding_message_size(limits.max_message_bytes)
        .max_encoding_message_size(limits.max_message_bytes);
    let (health_reporter, health) = tonic_health::server::health_reporter();
    health_reporter
        .set_serving::<FactExtractorServer<ExtractorService>>()
        .await;
    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()?;
    let mut routes = tonic::service::Routes::new(extractor);
    routes = routes
        .add_service(health)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha);
    Ok(routes)
}
