//! The limits the server enforces on requests, with their defaults.

/// Limits enforced by the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest article body accepted, in bytes (text or raw).
    pub max_article_bytes: usize,
    /// Largest gRPC message accepted or sent, in bytes.
    pub max_message_bytes: usize,
    /// Largest number of extractions running at once; further calls wait.
    pub max_in_flight: usize,
    /// Largest title, URL, outlet or id accepted, in bytes.
    pub max_field_bytes: usize,
    /// Longest one article may take, waiting for a slot included; a client's shorter
    /// `grpc-timeout` wins. An article over it ends with DEADLINE_EXCEEDED (a stream item
    /// error in a stream); its extraction finishes in the background, holding its slot.
    pub request_timeout: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: 1024 * 1024,
            max_message_bytes: 16 * 1024 * 1024,
            max_in_flight: 2 * std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_field_bytes: 64 * 1024,
            request_timeout: std::time::Duration::from_secs(30),
        }
    }
}
