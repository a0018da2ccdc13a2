//! Request errors and their one mapping to gRPC statuses (with google.rpc.BadRequest
//! field violations) and to per-item stream errors.

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

use super::pb;

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestErrorKind {
    /// A field is missing, empty, malformed or out of range.
    InvalidArgument,
    /// A field is larger than the server's limit.
    TooLarge,
    /// Extraction failed inside the server (a bug): the article is reported, not the server.
    Internal,
    /// The article took longer than the server's per-article time limit.
    TimedOut,
}

/// A refused request: what was wrong, in which field, and what is allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError {
    kind: RequestErrorKind,
    message: String,
    violations: Vec<(String, String)>,
}

impl RequestError {
    /// A single wrong field.
    pub fn field(kind: RequestErrorKind, field: &str, description: impl Into<String>) -> Self {
        let description = description.into();
        RequestError {
            kind,
            message: format!("{field}: {description}"),
            violations: vec![(field.to_string(), description)],
        }
    }

    /// A failure inside extraction.
    pub fn internal(message: impl Into<String>) -> Self {
        RequestError {
            kind: RequestErrorKind::Internal,
            message: message.into(),
            violations: vec![],
        }
    }

    /// An article whose wait and extraction together outran the server's time limit.
    pub fn timed_out(limit: std::time::Duration) -> Self {
        RequestError {
            kind: RequestErrorKind::TimedOut,
            message: format!(
                "the article was not extracted within the server's request timeout of {} ms \
                 (--request-timeout-ms); send it in smaller parts or raise the limit",
                limit.as_millis()
            ),
            violations: vec![],
        }
    }

    /// What kind of error.
    pub fn kind(&self) -> RequestErrorKind {
        self.kind
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Code {
        match self.kind {
            RequestErrorKind::InvalidArgument => Code::InvalidArgument,
            RequestErrorKind::TooLarge => Code::ResourceExhausted,
            RequestErrorKind::Internal => Code::Internal,
            RequestErrorKind::TimedOut => Code::DeadlineExceeded,
        }
    }

    /// The per-article error item of a stream.
    pub fn to_item_error(&self) -> pb::ItemError {
        pb::ItemError {
            code: self.code() as i32,
            message: self.message.clone(),
            violations: self
                .violations
                .iter()
                .map(|(field, description)| pb::FieldViolation {
                    field: field.clone(),
                    description: description.clone(),
                })
                .collect(),
        }
    }
}

impl From<RequestError> for Status {
    fn from(e: RequestError) -> Status {
        let code = e.code();
        if e.violations.is_empty() {
            return Status::new(code, e.message);
        }
        let mut details = ErrorDetails::new();
        for (field, description) in &e.violations {
            details.add_bad_request_violation(field.clone(), description.clone());
        }
        Status::with_error_details(code, e.message, details)
    }
}
