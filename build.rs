//! Code generation for the public contract in `proto/`, and nothing else.
//!
//! The `.proto` files are compiled in-process by `protox` (no system `protoc` needed);
//! the resulting descriptor set drives `tonic-prost-build` and is also written to
//! `OUT_DIR/newsfacts_descriptor.bin` for server reflection and the client's JSON output.

use std::path::PathBuf;

use prost::Message;

const PROTOS: &[&str] = &[
    "newsfacts/v1/article.proto",
    "newsfacts/v1/extraction.proto",
    "newsfacts/v1/service.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let fds = protox::compile(PROTOS, ["proto"])?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out.join("newsfacts_descriptor.bin"), fds.encode_to_vec())?;
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds(fds)?;
    Ok(())
}
