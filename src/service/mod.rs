//! The gRPC skin around the core: generated protobuf types, request validation and
//! conversion, error mapping, and the tonic service. Only this module and `src/bin/` may
//! use tonic, prost or tokio.

pub mod convert;
pub mod error;
pub mod limits;
pub mod server;

/// Types and service stubs generated from `proto/newsfacts/v1/*.proto`.
#[allow(missing_docs, clippy::all)]
pub mod pb {
    tonic::include_proto!("newsfacts.v1");

    /// The encoded `FileDescriptorSet` of the contract, for reflection and JSON output.
    pub const FILE_DESCRIPTOR_SET: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/newsfacts_descriptor.bin"));
}

pub use limits::Limits;
pub use server::{router, ExtractorService};
